--[[ optim.sgd — stochastic gradient descent (Torch7's rules).

   x, {fx} = optim.sgd(feval, x, config, state)

config: learningRate (1e-3), learningRateDecay (0), weightDecay (0), weightDecays (a tensor,
per parameter; not with weightDecay), momentum (0), dampening (= momentum), nesterov (false:
needs momentum > 0 and dampening 0), learningRates (a tensor of per-parameter factors).
state: evalCounter (steps taken), dfdx (momentum buffer), decayParameters, deltaParameters.
Update: g = dfdx + wd*x; v = mom*v + (1-damp)*g (v = g on the first step); g = nesterov and
g + mom*v or v; x = x - lr/(1 + evalCounter*lrd) * (learningRates .* g).
]]

require 'torch'

function optim.sgd(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local lr = config.learningRate or 1e-3
   local lrd = config.learningRateDecay or 0
   local wd = config.weightDecay or 0
   local mom = config.momentum or 0
   local damp = config.dampening or mom
   local nesterov = config.nesterov or false
   local lrs = config.learningRates
   local wds = config.weightDecays
   state.evalCounter = state.evalCounter or 0
   local nevals = state.evalCounter
   assert(not nesterov or (mom > 0 and damp == 0),
      'optim.sgd: Nesterov momentum requires a momentum and zero dampening')

   local fx, dfdx = opfunc(x)

   if wd ~= 0 and wds then
      error('optim.sgd: only one of weightDecay and weightDecays can be specified')
   end
   if wd ~= 0 then
      dfdx:add(wd, x)
   elseif wds then
      if not state.decayParameters then
         state.decayParameters = torch.Tensor():typeAs(x):resizeAs(dfdx)
      end
      state.decayParameters:copy(wds):cmul(x)
      dfdx:add(state.decayParameters)
   end

   if mom ~= 0 then
      if not state.dfdx then
         state.dfdx = torch.Tensor():typeAs(dfdx):resizeAs(dfdx):copy(dfdx)
      else
         state.dfdx:mul(mom):add(1 - damp, dfdx)
      end
      if nesterov then
         dfdx:add(mom, state.dfdx)
      else
         dfdx = state.dfdx
      end
   end

   local clr = lr / (1 + nevals * lrd)

   if lrs then
      if not state.deltaParameters then
         state.deltaParameters = torch.Tensor():typeAs(x):resizeAs(dfdx)
      end
      state.deltaParameters:copy(lrs):cmul(dfdx)
      x:add(-clr, state.deltaParameters)
   else
      x:add(-clr, dfdx)
   end

   state.evalCounter = state.evalCounter + 1
   return x, {fx}
end

return optim.sgd
