--[[ optim.adagrad — AdaGrad, Torch7's rules.

   x, {fx} = optim.adagrad(feval, x, config, state)

config: learningRate (1e-3), learningRateDecay (0), weightDecay (0).
state: evalCounter, paramVariance (sum of squared gradients), paramStd.
Update: var = var + g^2; x = x - lr/(1+evalCounter*lrd) * g / (sqrt(var) + 1e-10).
]]

require 'torch'

function optim.adagrad(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local lr = config.learningRate or 1e-3
   local lrd = config.learningRateDecay or 0
   local wd = config.weightDecay or 0
   state.evalCounter = state.evalCounter or 0
   local nevals = state.evalCounter

   local fx, dfdx = opfunc(x)
   if wd ~= 0 then
      dfdx:add(wd, x)
   end

   local clr = lr / (1 + nevals * lrd)
   if not state.paramVariance then
      state.paramVariance = torch.Tensor():typeAs(x):resizeAs(dfdx):zero()
      state.paramStd = torch.Tensor():typeAs(x):resizeAs(dfdx)
   end
   state.paramVariance:addcmul(1, dfdx, dfdx)
   state.paramStd:resizeAs(state.paramVariance):copy(state.paramVariance):sqrt()
   x:addcdiv(-clr, dfdx, state.paramStd:add(1e-10))

   state.evalCounter = state.evalCounter + 1
   return x, {fx}
end

return optim.adagrad
