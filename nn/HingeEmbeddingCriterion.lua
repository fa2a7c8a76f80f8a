--[[ nn.HingeEmbeddingCriterion([margin = 1]) — for distances x between pairs labelled similar (1) or
dissimilar (-1): small distances for similar pairs, at least `margin` for dissimilar ones.

   input    distances, any shape
   target   labels 1 or -1: a tensor of the same number of elements, or one number for all
   loss     sum_i (x_i if y_i == 1; max(0, margin - x_i) if y_i == -1), divided by the number of
            elements when sizeAverage
   gradInput  1 where y_i == 1; -1 where y_i == -1 and x_i < margin; else 0 (/ n)
]]

require 'torch'

local HingeEmbeddingCriterion, parent = torch.class('nn.HingeEmbeddingCriterion', 'nn.Criterion')

function HingeEmbeddingCriterion:__init(margin)
   parent.__init(self)
   self.margin = margin or 1
   self.sizeAverage = true
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- The labels as a tensor of input's shape and type (a number fills a buffer).
local function labels(self, input, y)
   if not torch.isTensor(input) then
      error('nn.HingeEmbeddingCriterion: input must be a tensor of distances, got ' .. describe(input), 3)
   end
   self.buffer = self.buffer or input.new()
   self.mask = self.mask or input.new()
   if type(y) == 'number' then
      self.ty = self.ty or input.new()
      return self.ty:resizeAs(input):fill(y)
   end
   if not torch.isTensor(y) or y:nElement() ~= input:nElement() or y:type() ~= input:type() then
      error(string.format('nn.HingeEmbeddingCriterion: target must be 1 or -1, or a tensor of them of the input\'s '
         .. 'type and size, got %s for input %s', describe(y), describe(input)), 3)
   end
   if y:isSameSizeAs(input) then
      return y
   end
   return y:contiguous():view(input:size())
end

function HingeEmbeddingCriterion:updateOutput(input, y)
   y = labels(self, input, y)
   local n = input:nElement()
   if n == 0 then
      self.output = 0
      return 0
   end
   local similar = self.mask:eq(y, 1)
   local output = input:dot(similar)
   local dissimilar = self.mask:eq(y, -1)
   local hinge = self.buffer:resizeAs(input):copy(input):mul(-1):add(self.margin):cmax(0)
   output = output + hinge:dot(dissimilar)
   if self.sizeAverage then
      output = output / n
   end
   self.output = output
   return output
end

function HingeEmbeddingCriterion:updateGradInput(input, y)
   y = labels(self, input, y)
   local n = input:nElement()
   local gradInput = self.gradInput:resizeAs(input)
   gradInput:eq(y, 1)
   -- minus the dissimilar pairs inside the margin
   local inside = self.buffer:resizeAs(input):lt(input, self.margin)
   inside:cmul(self.mask:eq(y, -1))
   gradInput:add(-1, inside)
   if self.sizeAverage and n > 0 then
      gradInput:div(n)
   end
   return gradInput
end

function HingeEmbeddingCriterion:clearState()
   nn.utils.clear(self, 'buffer', 'mask', 'ty')
   return parent.clearState(self)
end

return HingeEmbeddingCriterion
