--[[ optim.adadelta — ADADELTA (Zeiler, 2012), Torch7's rules.

   x, {fx} = optim.adadelta(feval, x, config, state)

config: rho (0.9), eps (1e-6), learningRate (1), weightDecay (0).
state: evalCounter, paramVariance, paramStd, delta, accDelta.
Update: var = rho*var + (1-rho)*g^2; delta = sqrt(accDelta + eps) / sqrt(var + eps) .* g;
x = x - lr*delta; accDelta = rho*accDelta + (1-rho)*delta^2.
]]

require 'torch'

function optim.adadelta(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local rho = config.rho or 0.9
   local eps = config.eps or 1e-6
   local lr = config.learningRate or 1
   local wd = config.weightDecay or 0
   state.evalCounter = state.evalCounter or 0

   local fx, dfdx = opfunc(x)
   if wd ~= 0 then
      dfdx:add(wd, x)
   end

   if not state.paramVariance then
      state.paramVariance = torch.Tensor():typeAs(x):resizeAs(dfdx):zero()
      state.paramStd = torch.Tensor():typeAs(x):resizeAs(dfdx):zero()
      state.delta = torch.Tensor():typeAs(x):resizeAs(dfdx):zero()
      state.accDelta = torch.Tensor():typeAs(x):resizeAs(dfdx):zero()
   end
   state.paramVariance:mul(rho):addcmul(1 - rho, dfdx, dfdx)
   state.paramStd:resizeAs(state.paramVariance):copy(state.paramVariance):add(eps):sqrt()
   state.delta:resizeAs(state.paramVariance):copy(state.accDelta):add(eps):sqrt()
      :cdiv(state.paramStd):cmul(dfdx)
   x:add(-lr, state.delta)
   state.accDelta:mul(rho):addcmul(1 - rho, state.delta, state.delta)

   state.evalCounter = state.evalCounter + 1
   return x, {fx}
end

return optim.adadelta
