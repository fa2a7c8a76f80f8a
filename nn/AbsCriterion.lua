--[[ nn.AbsCriterion([sizeAverage = true]) — the mean absolute error between input and target.

   input, target   tensors of the same number of elements
   loss            sum_i |x_i - y_i|, divided by the number of elements when sizeAverage
   gradInput       sign(x - y) (/ n), input's shape (0 where x == y)
The plumbing (checks, averaging, buffers) is nn._PointwiseCriterion's (nn/_PointwiseCriterion.lua).
]]

require 'torch'
require 'nn._PointwiseCriterion'

local AbsCriterion = torch.class('nn.AbsCriterion', 'nn._PointwiseCriterion')

AbsCriterion._buffers = { 'buffer' }

function AbsCriterion:_loss(input, target)
   return self.buffer:resizeAs(input):copy(input):add(-1, target):abs():sum()
end

function AbsCriterion:updateGradInput(input, target)
   target = self:_check(input, target)
   self.gradInput:resizeAs(input):copy(input):add(-1, target):sign():mul(self:_norm(input:nElement(), 1))
   return self.gradInput
end

return AbsCriterion
