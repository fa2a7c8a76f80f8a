--[[ optim.nag — Nesterov's accelerated gradient (Sutskever et al., 2013 form), Torch7's rules.

   x, {fx} = optim.nag(feval, x, config, state)

config: learningRate (1e-3), learningRateDecay (0), weightDecay (0), momentum (0.9, must be
> 0), learningRates (per-parameter factors). (dampening is read but unused, as in Torch7.)
state: evalCounter, dfdx (the velocity), deltaParameters.
Update: x = x + mom*v; g = f'(x) + wd*x; x = x - clr*g; v = mom*v - clr*g.
]]

require 'torch'

function optim.nag(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local lr = config.learningRate or 1e-3
   local lrd = config.learningRateDecay or 0
   local wd = config.weightDecay or 0
   local mom = config.momentum or 0.9
   local lrs = config.learningRates
   state.evalCounter = state.evalCounter or 0
   local nevals = state.evalCounter

   if mom <= 0 then
      error('optim.nag: momentum must be positive for Nesterov Accelerated Gradient')
   end

   if state.dfdx then
      x:add(mom, state.dfdx)
   end

   local fx, dfdx = opfunc(x)
   if wd ~= 0 then
      dfdx:add(wd, x)
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

   if not state.dfdx then
      state.dfdx = torch.Tensor():typeAs(dfdx):resizeAs(dfdx):fill(0)
   else
      state.dfdx:mul(mom)
   end
   if lrs then
      state.dfdx:add(-clr, state.deltaParameters)
   else
      state.dfdx:add(-clr, dfdx)
   end

   state.evalCounter = state.evalCounter + 1
   return x, {fx}
end

return optim.nag
