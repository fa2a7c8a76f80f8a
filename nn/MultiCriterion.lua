--[[ nn.MultiCriterion() — a weighted sum of criterions, each applied to the same input and target.

   criterion:add(c [, weight = 1])   appends criterion c with its weight; returns self
   loss       sum_i weight_i * criterion_i(input, target)
   gradInput  sum_i weight_i * criterion_i's gradient (input's shape; tables of tensors work too)

Fields as Torch7: criterions, weights (a Lua array here; Torch7's DoubleStorage indexes the same),
gradInput.
]]

require 'torch'

local MultiCriterion, parent = torch.class('nn.MultiCriterion', 'nn.Criterion')

function MultiCriterion:__init()
   parent.__init(self)
   self.criterions = {}
   self.weights = {}
end

function MultiCriterion:add(criterion, weight)
   if not torch.isTypeOf(criterion, 'nn.Criterion') then
      error('nn.MultiCriterion:add: a criterion expected, got ' .. torch.type(criterion), 2)
   end
   self.criterions[#self.criterions + 1] = criterion
   self.weights[#self.criterions] = weight or 1
   return self
end

function MultiCriterion:updateOutput(input, target)
   local output = 0
   for i, criterion in ipairs(self.criterions) do
      output = output + self.weights[i] * criterion:updateOutput(input, target)
   end
   self.output = output
   return output
end

function MultiCriterion:updateGradInput(input, target)
   self.gradInput = nn.utils.recursiveResizeAs(self.gradInput, input)
   nn.utils.recursiveFill(self.gradInput, 0)
   for i, criterion in ipairs(self.criterions) do
      nn.utils.recursiveAdd(self.gradInput, self.weights[i], criterion:updateGradInput(input, target))
   end
   return self.gradInput
end

function MultiCriterion:type(typename, tensorCache)
   for _, criterion in ipairs(self.criterions) do
      criterion:type(typename, tensorCache)
   end
   return parent.type(self, typename, tensorCache)
end

function MultiCriterion:clearState()
   for _, criterion in ipairs(self.criterions) do
      criterion:clearState()
   end
   return parent.clearState(self)
end

return MultiCriterion
