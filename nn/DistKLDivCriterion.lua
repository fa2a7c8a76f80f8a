--[[ nn.DistKLDivCriterion([sizeAverage = true]) — the Kullback-Leibler divergence of the input
distribution from the target distribution, for inputs of log-probabilities.

   input    log-probabilities, any shape
   target   probabilities, the same number of elements
   loss     sum over t_i > 0 of t_i (log t_i - x_i), divided by the number of elements when
            sizeAverage (Torch7's convention: over the elements, not the batch)
   gradInput  -t_i where t_i > 0, else 0 (/ n)
The plumbing (checks, averaging, buffers) is nn._PointwiseCriterion's (nn/_PointwiseCriterion.lua).
]]

require 'torch'
require 'nn._PointwiseCriterion'

local DistKLDivCriterion = torch.class('nn.DistKLDivCriterion', 'nn._PointwiseCriterion')

DistKLDivCriterion._buffers = { 'buffer', 'mask' }

-- log(max(t, TINY)) stays finite where t is 0 (that term is then multiplied by 0); TINY is a
-- normal float, so float tensors keep it too.
local TINY = 1e-30

function DistKLDivCriterion:_loss(input, target)
   local positive = self.mask:gt(target, 0)
   local terms = self.buffer:resizeAs(target):copy(target):cmax(TINY):log():add(-1, input):cmul(target)
   return terms:dot(positive)
end

function DistKLDivCriterion:updateGradInput(input, target)
   target = self:_check(input, target)
   local positive = self.mask:gt(target, 0)
   self.gradInput:resizeAs(input):copy(target):cmul(positive):mul(self:_norm(input:nElement(), -1))
   return self.gradInput
end

return DistKLDivCriterion
