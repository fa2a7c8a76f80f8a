--[[ nn.MarginRankingCriterion([margin = 1]) — ranks two scores: y == 1 asks x1 to be larger than
x2 by at least `margin`, y == -1 the reverse.

   input    {x1, x2}: two one-element tensors (one pair), or two vectors of N scores (a batch)
   target   1 or -1 (a number, or a one-element tensor) for one pair; a tensor of N labels for a batch
   loss     max(0, -y (x1 - x2) + margin) per pair; summed over a batch, divided by N when
            sizeAverage (a single pair is not averaged, as Torch7)
   gradInput  {d/dx1, d/dx2}: -y and y where the pair is inside the margin, else 0 (/ N)
]]

require 'torch'

local MarginRankingCriterion, parent = torch.class('nn.MarginRankingCriterion', 'nn.Criterion')

function MarginRankingCriterion:__init(margin)
   parent.__init(self)
   self.margin = margin or 1
   self.sizeAverage = true
   self.gradInput = { torch.Tensor(), torch.Tensor() }
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- The labels as a tensor of x1's type and size.
local function prepare(self, input, y)
   local x1, x2 = type(input) == 'table' and input[1], type(input) == 'table' and input[2]
   if not torch.isTensor(x1) or not torch.isTensor(x2) or x1:nElement() ~= x2:nElement() or x1:type() ~= x2:type() then
      error('nn.MarginRankingCriterion: input must be a table of two tensors of scores of one size and type, got '
         .. (type(input) == 'table' and (describe(x1) .. ' and ' .. describe(x2)) or describe(input)), 4)
   end
   local n = x1:nElement()
   self._y = self._y or x1.new()
   if type(y) == 'number' and n == 1 then
      self._y:resizeAs(x1):fill(y)
   elseif torch.isTensor(y) and y:nElement() == n then
      self._y:resizeAs(x1):copy(y)
   else
      error(string.format('nn.MarginRankingCriterion: target must hold one label (1 or -1) per pair: %d, got %s', n,
         type(y) == 'number' and tostring(y) or describe(y)), 4)
   end
   self.buffer = self.buffer or x1.new()
   self.mask = self.mask or x1.new()
   return x1, x2:isSameSizeAs(x1) and x2 or x2:contiguous():view(x1:size()), self._y
end

-- buffer = -y (x1 - x2) + margin, per pair
local function hinge(self, x1, x2, y)
   return self.buffer:resizeAs(x1):copy(x2):add(-1, x1):cmul(y):add(self.margin)
end

function MarginRankingCriterion:updateOutput(input, y)
   local x1, x2
   x1, x2, y = prepare(self, input, y)
   local h = hinge(self, x1, x2, y):cmax(0)
   local output = h:sum()
   if self.sizeAverage and x1:nElement() > 1 then
      output = output / x1:nElement()
   end
   self.output = output
   return output
end

function MarginRankingCriterion:updateGradInput(input, y)
   local x1, x2
   x1, x2, y = prepare(self, input, y)
   local n = x1:nElement()
   local active = self.mask:gt(hinge(self, x1, x2, y), 0)
   for k = 1, 2 do
      if not torch.isTensor(self.gradInput[k]) or self.gradInput[k]:type() ~= x1:type() then
         self.gradInput[k] = x1.new()
      end
   end
   local g1, g2 = self.gradInput[1], self.gradInput[2]
   g1:resizeAs(x1):copy(y):cmul(active):mul(-1)
   if self.sizeAverage and n > 1 then
      g1:div(n)
   end
   g2:resizeAs(input[2]):copy(g1):mul(-1)
   if not g1:isSameSizeAs(input[1]) then
      g1:resize(input[1]:size())
   end
   return self.gradInput
end

function MarginRankingCriterion:clearState()
   nn.utils.clear(self, 'buffer', 'mask', '_y')
   self.gradInput = { torch.Tensor(), torch.Tensor() }
   return self
end

return MarginRankingCriterion
