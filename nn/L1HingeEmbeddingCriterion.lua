--[[ nn.L1HingeEmbeddingCriterion([margin = 1]) — for a pair {x1, x2} labelled similar (1) or
dissimilar (-1), on their L1 distance d = ||x1 - x2||_1.

   input    {x1, x2}: two tensors of the same number of elements
   target   1 or -1 (a number, or a tensor of one element)
   loss     d if y == 1; max(0, margin - d) if y == -1 (no averaging)
   gradInput  {g, -g} with g = sign(x1 - x2) (y == 1), -sign(x1 - x2) (y == -1 and d < margin), else 0
]]

require 'torch'

local L1HingeEmbeddingCriterion, parent = torch.class('nn.L1HingeEmbeddingCriterion', 'nn.Criterion')

function L1HingeEmbeddingCriterion:__init(margin)
   parent.__init(self)
   self.margin = margin or 1
   self.gradInput = { torch.Tensor(), torch.Tensor() }
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check(input, y)
   if type(input) ~= 'table' or not torch.isTensor(input[1]) or not torch.isTensor(input[2])
         or input[1]:nElement() ~= input[2]:nElement() or input[1]:type() ~= input[2]:type() then
      error('nn.L1HingeEmbeddingCriterion: input must be a table of two tensors of one type and size, got '
         .. (type(input) == 'table' and (describe(input[1]) .. ' and ' .. describe(input[2])) or describe(input)), 3)
   end
   if torch.isTensor(y) and y:nElement() == 1 then
      y = y:sum()
   end
   if y ~= 1 and y ~= -1 then
      error('nn.L1HingeEmbeddingCriterion: target must be 1 or -1, got ' .. tostring(y), 3)
   end
   return y
end

function L1HingeEmbeddingCriterion:updateOutput(input, y)
   y = check(input, y)
   local d = input[1]:dist(input[2], 1)
   if y == -1 then
      d = math.max(0, self.margin - d)
   end
   self.output = d
   return d
end

function L1HingeEmbeddingCriterion:updateGradInput(input, y)
   y = check(input, y)
   local g1, g2 = self.gradInput[1], self.gradInput[2]
   if not torch.isTensor(g1) or g1:type() ~= input[1]:type() then
      g1 = input[1].new()
      self.gradInput[1] = g1
   end
   if not torch.isTensor(g2) or g2:type() ~= input[1]:type() then
      g2 = input[1].new()
      self.gradInput[2] = g2
   end
   g1:resizeAs(input[1]):copy(input[1]):add(-1, input[2])
   local d = g1:nElement() > 0 and g1:norm(1) or 0
   g1:sign()
   if y == -1 then
      if d < self.margin then
         g1:mul(-1)
      else
         g1:zero()
      end
   end
   g2:resizeAs(input[2]):copy(g1):mul(-1)
   return self.gradInput
end

function L1HingeEmbeddingCriterion:clearState()
   self.gradInput[1]:set()
   self.gradInput[2]:set()
   return self
end

return L1HingeEmbeddingCriterion
