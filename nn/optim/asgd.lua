--[[ optim.asgd — averaged SGD (Polyak & Juditsky; Bottou's schedule), Torch7's rules.

   x, {fx}, ax = optim.asgd(feval, x, config, state)

config: eta0 (1e-4), lambda (1e-4: decay), alpha (0.75: power), t0 (1e6: when averaging starts).
state: eta_t, mu_t, t, ax (the averaged parameters, also returned), tmp.
Update: x = (1 - lambda*eta_t)*x - eta_t*g; ax = ax + mu_t*(x - ax);
eta_t = eta0 / (1 + lambda*eta0*t)^alpha; mu_t = 1/max(1, t - t0).
]]

require 'torch'

function optim.asgd(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local eta0 = config.eta0 or 1e-4
   local lambda = config.lambda or 1e-4
   local alpha = config.alpha or 0.75
   local t0 = config.t0 or 1e6
   state.eta_t = state.eta_t or eta0
   state.mu_t = state.mu_t or 1
   state.t = state.t or 0

   local fx, dfdx = opfunc(x)

   x:mul(1 - lambda * state.eta_t)
   x:add(-state.eta_t, dfdx)

   state.ax = state.ax or torch.Tensor():typeAs(x):resizeAs(x):zero()
   state.tmp = state.tmp or torch.Tensor():typeAs(state.ax):resizeAs(state.ax)
   if state.mu_t ~= 1 then
      state.tmp:copy(x)
      state.tmp:add(-1, state.ax):mul(state.mu_t)
      state.ax:add(state.tmp)
   else
      state.ax:copy(x)
   end

   state.t = state.t + 1
   state.eta_t = eta0 / math.pow(1 + lambda * eta0 * state.t, alpha)
   state.mu_t = 1 / math.max(1, state.t - t0)
   return x, {fx}, state.ax
end

return optim.asgd
