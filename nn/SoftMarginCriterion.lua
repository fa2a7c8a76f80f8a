--[[ nn.SoftMarginCriterion([sizeAverage = true]) — the two-class logistic loss.

   input    scores, any shape
   target   the same number of elements, each 1 or -1
   loss     sum_i log(1 + exp(-y_i x_i)), divided by the number of elements when sizeAverage
            (computed as max(-z, 0) + log(1 + exp(-|z|)), z = y x, which cannot overflow)
   gradInput  -y_i / (1 + exp(y_i x_i)) (/ n)
The plumbing (checks, averaging, buffers) is nn._PointwiseCriterion's (nn/_PointwiseCriterion.lua).
]]

require 'torch'
require 'nn._PointwiseCriterion'

local SoftMarginCriterion = torch.class('nn.SoftMarginCriterion', 'nn._PointwiseCriterion')

SoftMarginCriterion._buffers = { 'buffer', 'buffer2' }

function SoftMarginCriterion:_loss(input, target)
   local z = self.buffer:resizeAs(input):copy(input):cmul(target)
   -- max(-z, 0)
   local positive = self.buffer2:resizeAs(z):copy(z):mul(-1):cmax(0)
   local output = positive:sum()
   -- log(1 + exp(-|z|))
   return output + z:abs():mul(-1):exp():log1p():sum()
end

function SoftMarginCriterion:updateGradInput(input, target)
   target = self:_check(input, target)
   -- -y sigmoid(-y x)
   local s = self.buffer:resizeAs(input):copy(input):cmul(target):mul(-1):sigmoid()
   self.gradInput:resizeAs(input):copy(target):cmul(s):mul(self:_norm(input:nElement(), -1))
   return self.gradInput
end

return SoftMarginCriterion
