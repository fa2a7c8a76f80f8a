--[[ nn.MultiLabelSoftMarginCriterion([weights]) — one-versus-all logistic loss for multi-label
classification: each class is a separate yes/no question.

   input    n scores (one sample) or N x n (a batch)
   target   the same shape, each element 0 or 1 (whether the sample has that label)
   loss     -sum_i w_i (y_i log sigmoid(x_i) + (1 - y_i) log(1 - sigmoid(x_i))), divided by the
            number of elements when sizeAverage (as Torch7: nn.Sigmoid then nn.BCECriterion)
   weights  class weights, a vector of n (broadcast over the batch)

Computed as w (max(x, 0) - x y + log(1 + exp(-|x|))), which cannot overflow.
gradInput = w (sigmoid(x) - y) (/ n).
The plumbing (checks, averaging, buffers) is nn._PointwiseCriterion's (nn/_PointwiseCriterion.lua).
]]

require 'torch'
require 'nn._PointwiseCriterion'

local MultiLabelSoftMarginCriterion, parent = torch.class('nn.MultiLabelSoftMarginCriterion',
   'nn._PointwiseCriterion')

MultiLabelSoftMarginCriterion._buffers = { 'buffer', 'buffer2' }

function MultiLabelSoftMarginCriterion:__init(weights)
   parent.__init(self) -- sizeAverage = true
   if weights ~= nil then
      if not torch.isTensor(weights) or weights:dim() ~= 1 then
         error('nn.MultiLabelSoftMarginCriterion: weights must be a 1-d tensor, got ' .. torch.type(weights), 2)
      end
      self.weights = weights
   end
end

function MultiLabelSoftMarginCriterion:_validate(input)
   local weights = self.weights
   if weights and (weights:type() ~= input:type() or weights:nElement() ~= input:size(input:dim())) then
      local describe = parent._describe
      return string.format('nn.MultiLabelSoftMarginCriterion: weights %s do not fit input %s (one per class)',
         describe(weights), describe(input))
   end
end

function MultiLabelSoftMarginCriterion:_loss(input, target)
   -- terms = max(x, 0) - x y + log(1 + exp(-|x|))
   local terms = self.buffer:resizeAs(input):copy(input):cmax(0):addcmul(-1, input, target)
   terms:add(self.buffer2:resizeAs(input):copy(input):abs():mul(-1):exp():log1p())
   if self.weights then
      terms:cmul(self.weights)
   end
   return terms:sum()
end

function MultiLabelSoftMarginCriterion:updateGradInput(input, target)
   target = self:_check(input, target)
   local n = input:nElement()
   local gradInput = self.gradInput:resizeAs(input):copy(input):sigmoid():add(-1, target)
   if self.weights then
      gradInput:cmul(self.weights)
   end
   if self.sizeAverage and n > 0 then
      gradInput:div(n)
   end
   return gradInput
end

return MultiLabelSoftMarginCriterion
