--[[ nn.ParallelCriterion([repeatTarget = false]) — a weighted sum of criterions, each applied to its
own part of a table input.

   criterion:add(c [, weight = 1])   appends criterion c with its weight; returns self
   input    a table: input[i] goes to the i-th criterion
   target   a table: target[i] goes to the i-th criterion; with repeatTarget, the whole target
            goes to every criterion
   loss     sum_i weight_i * criterion_i(input[i], target[i])
   gradInput  a table: gradInput[i] = weight_i * criterion_i's gradient

Fields as Torch7: criterions, weights, repeatTarget, gradInput.
]]

require 'torch'

local ParallelCriterion, parent = torch.class('nn.ParallelCriterion', 'nn.Criterion')

function ParallelCriterion:__init(repeatTarget)
   parent.__init(self)
   self.criterions = {}
   self.weights = {}
   self.gradInput = {}
   self.repeatTarget = repeatTarget
end

function ParallelCriterion:add(criterion, weight)
   if not torch.isTypeOf(criterion, 'nn.Criterion') then
      error('nn.ParallelCriterion:add: a criterion expected, got ' .. torch.type(criterion), 2)
   end
   self.criterions[#self.criterions + 1] = criterion
   self.weights[#self.weights + 1] = weight or 1
   return self
end

local function check(self, input, target)
   if type(input) ~= 'table' or #input < #self.criterions then
      error(string.format('nn.ParallelCriterion: input must be a table of %d entries (one per criterion), got %s',
         #self.criterions, type(input) == 'table' and ('a table of ' .. #input) or torch.type(input)), 3)
   end
   if not self.repeatTarget and (type(target) ~= 'table' or #target < #self.criterions) then
      error(string.format('nn.ParallelCriterion: target must be a table of %d entries (or use repeatTarget), got %s',
         #self.criterions, type(target) == 'table' and ('a table of ' .. #target) or torch.type(target)), 3)
   end
end

function ParallelCriterion:updateOutput(input, target)
   check(self, input, target)
   local output = 0
   for i, criterion in ipairs(self.criterions) do
      local t = self.repeatTarget and target or target[i]
      output = output + self.weights[i] * criterion:updateOutput(input[i], t)
   end
   self.output = output
   return output
end

function ParallelCriterion:updateGradInput(input, target)
   check(self, input, target)
   self.gradInput = nn.utils.recursiveResizeAs(self.gradInput, input)
   nn.utils.recursiveFill(self.gradInput, 0)
   for i, criterion in ipairs(self.criterions) do
      local t = self.repeatTarget and target or target[i]
      self.gradInput[i] = nn.utils.recursiveAdd(self.gradInput[i], self.weights[i], criterion:updateGradInput(input[i], t))
   end
   return self.gradInput
end

function ParallelCriterion:type(typename, tensorCache)
   self.gradInput = {}
   return parent.type(self, typename, tensorCache)
end

function ParallelCriterion:clearState()
   for _, criterion in ipairs(self.criterions) do
      criterion:clearState()
   end
   self.gradInput = {}
   return self
end

return ParallelCriterion
