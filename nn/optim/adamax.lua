--[[ optim.adamax — AdaMax (Kingma & Ba, 2014, section 7), Torch7's rules.

   x, {fx} = optim.adamax(feval, x, config, state)

config: learningRate (0.002), beta1 (0.9), beta2 (0.999), epsilon (1e-38), weightDecay (0).
state: t, m (first moment), u (exponentially weighted infinity norm), max (2×size buffer).
Update: m = b1*m + (1-b1)*g; u = max(b2*u, |g| + eps); x = x - lr/(1-b1^t) * m / u.
]]

require 'torch'

function optim.adamax(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local lr = config.learningRate or 0.002
   local beta1 = config.beta1 or 0.9
   local beta2 = config.beta2 or 0.999
   local epsilon = config.epsilon or 1e-38
   local wd = config.weightDecay or 0

   local fx, dfdx = opfunc(x)
   if wd ~= 0 then
      dfdx:add(wd, x)
   end

   state.t = state.t or 0
   state.m = state.m or x.new(dfdx:size()):zero()
   state.u = state.u or x.new(dfdx:size()):zero()
   if not state.max then
      local sz = dfdx:size():totable()
      table.insert(sz, 1, 2)
      state.max = x.new(torch.LongStorage(sz)):zero()
   end

   state.t = state.t + 1
   state.m:mul(beta1):add(1 - beta1, dfdx)
   local a, b = state.max[1], state.max[2]
   a:copy(state.u):mul(beta2)
   b:copy(dfdx):abs():add(epsilon)
   state.u:copy(a):cmax(b)

   local stepSize = lr / (1 - beta1 ^ state.t)
   x:addcdiv(-stepSize, state.m, state.u)
   return x, {fx}
end

return optim.adamax
