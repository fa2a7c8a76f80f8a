--[[ nn.MSECriterion([sizeAverage = true]) — the mean squared error between input and target.

   input, target   tensors of the same number of elements (their shapes may differ, as Torch7)
   loss            sum_i (x_i - y_i)^2, divided by the number of elements when sizeAverage
   gradInput       2 (x - y) (/ n), input's shape
The plumbing (checks, averaging, buffers) is nn._PointwiseCriterion's (nn/_PointwiseCriterion.lua).
]]

require 'torch'
require 'nn._PointwiseCriterion'

local MSECriterion = torch.class('nn.MSECriterion', 'nn._PointwiseCriterion')

MSECriterion._buffers = { 'buffer' }

function MSECriterion:_loss(input, target)
   local diff = self.buffer:resizeAs(input):copy(input):add(-1, target)
   return diff:dot(diff)
end

function MSECriterion:updateGradInput(input, target)
   target = self:_check(input, target)
   self.gradInput:resizeAs(input):copy(input):add(-1, target):mul(self:_norm(input:nElement(), 2))
   return self.gradInput
end

return MSECriterion
