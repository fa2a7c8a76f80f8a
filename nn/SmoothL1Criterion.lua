--[[ nn.SmoothL1Criterion([sizeAverage = true]) — the Huber loss with threshold 1 (Fast R-CNN): less
sensitive to outliers than the squared error.

   input, target   tensors of the same number of elements
   loss            sum_i l(x_i - y_i) (/ n when sizeAverage), l(d) = 0.5 d^2 if |d| < 1, else |d| - 0.5
   gradInput       d clamped to [-1, 1] (/ n), input's shape
The plumbing (checks, averaging, buffers) is nn._PointwiseCriterion's (nn/_PointwiseCriterion.lua).
]]

require 'torch'
require 'nn._PointwiseCriterion'

local SmoothL1Criterion = torch.class('nn.SmoothL1Criterion', 'nn._PointwiseCriterion')

SmoothL1Criterion._buffers = { 'buffer', 'clamped' }

function SmoothL1Criterion:_loss(input, target)
   -- l(d) = |d| - 0.5 + 0.5 (|d| - c)^2 with c = min(|d|, 1): both branches in one formula
   local absdiff = self.buffer:resizeAs(input):copy(input):add(-1, target):abs()
   local c = self.clamped:resizeAs(absdiff):copy(absdiff):clamp(0, 1)
   local linear = absdiff:sum() - c:sum()
   local quadratic = c:dot(c) * 0.5
   return linear + quadratic
end

function SmoothL1Criterion:updateGradInput(input, target)
   target = self:_check(input, target)
   self.gradInput:resizeAs(input):copy(input):add(-1, target):clamp(-1, 1):mul(self:_norm(input:nElement(), 1))
   return self.gradInput
end

return SmoothL1Criterion
