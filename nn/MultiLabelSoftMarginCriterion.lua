--[[ nn.MultiLabelSoftMarginCriterion([weights]) — one-versus-all logistic loss for multi-label
classification: each class is a separate yes/no question.

   input    n scores (one sample) or N x n (a batch)
   target   the same shape, each element 0 or 1 (whether the sample has that label)
   loss     -sum_i w_i (y_i log sigmoid(x_i) + (1 - y_i) log(1 - sigmoid(x_i))), divided by the
            number of elements when sizeAverage (as Torch7: nn.Sigmoid then nn.BCECriterion)
   weights  class weights, a vector of n (broadcast over the batch)

Computed as w (max(x, 0) - x y + log(1 + exp(-|x|))), which cannot overflow.
gradInput = w (sigmoid(x) - y) (/ n).
]]

require 'torch'

local MultiLabelSoftMarginCriterion, parent = torch.class('nn.MultiLabelSoftMarginCriterion', 'nn.Criterion')

function MultiLabelSoftMarginCriterion:__init(weights)
   parent.__init(self)
   self.sizeAverage = true
   if weights ~= nil then
      if not torch.isTensor(weights) or weights:dim() ~= 1 then
         error('nn.MultiLabelSoftMarginCriterion: weights must be a 1-d tensor, got ' .. torch.type(weights), 2)
      end
      self.weights = weights
   end
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check(self, input, target)
   if not torch.isTensor(input) or not torch.isTensor(target) or input:nElement() ~= target:nElement()
         or input:type() ~= target:type() then
      error(string.format('nn.MultiLabelSoftMarginCriterion: input and target must be tensors of one type and the '
         .. 'same number of elements, got %s and %s', describe(input), describe(target)), 3)
   end
   local weights = self.weights
   if weights and (weights:type() ~= input:type() or weights:nElement() ~= input:size(input:dim())) then
      error(string.format('nn.MultiLabelSoftMarginCriterion: weights %s do not fit input %s (one per class)',
         describe(weights), describe(input)), 3)
   end
   self.buffer = self.buffer or input.new()
   self.buffer2 = self.buffer2 or input.new()
   if target:isSameSizeAs(input) then
      return target
   end
   return target:contiguous():view(input:size())
end

function MultiLabelSoftMarginCriterion:updateOutput(input, target)
   target = check(self, input, target)
   local n = input:nElement()
   if n == 0 then
      self.output = 0
      return 0
   end
   -- terms = max(x, 0) - x y + log(1 + exp(-|x|))
   local terms = self.buffer:resizeAs(input):copy(input):cmax(0):addcmul(-1, input, target)
   terms:add(self.buffer2:resizeAs(input):copy(input):abs():mul(-1):exp():log1p())
   if self.weights then
      terms:cmul(self.weights)
   end
   local output = terms:sum()
   if self.sizeAverage then
      output = output / n
   end
   self.output = output
   return output
end

function MultiLabelSoftMarginCriterion:updateGradInput(input, target)
   target = check(self, input, target)
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

function MultiLabelSoftMarginCriterion:clearState()
   nn.utils.clear(self, 'buffer', 'buffer2')
   return parent.clearState(self)
end

return MultiLabelSoftMarginCriterion
