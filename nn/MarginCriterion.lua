--[[ nn.MarginCriterion([margin = 1]) — the two-class hinge loss.

   input    scores, any shape
   target   the same number of elements, each 1 or -1
   loss     sum_i max(0, margin - y_i x_i), divided by the number of elements when sizeAverage
   gradInput  -y_i where y_i x_i < margin, else 0 (/ n)
]]

require 'torch'

local MarginCriterion, parent = torch.class('nn.MarginCriterion', 'nn.Criterion')

function MarginCriterion:__init(margin)
   parent.__init(self)
   self.sizeAverage = true
   self.margin = margin or 1
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check(self, input, target)
   if not torch.isTensor(input) or not torch.isTensor(target) or input:nElement() ~= target:nElement()
         or input:type() ~= target:type() then
      error(string.format('nn.MarginCriterion: input and target must be tensors of one type and the same number of '
         .. 'elements, got %s and %s', describe(input), describe(target)), 3)
   end
   self.buffer = self.buffer or input.new()
   if target:isSameSizeAs(input) then
      return target
   end
   return target:contiguous():view(input:size())
end

function MarginCriterion:updateOutput(input, target)
   target = check(self, input, target)
   local n = input:nElement()
   -- margin - y x, clamped at 0
   local hinge = self.buffer:resizeAs(input):copy(input):cmul(target):mul(-1):add(self.margin):cmax(0)
   local output = n > 0 and hinge:sum() or 0
   if self.sizeAverage and n > 0 then
      output = output / n
   end
   self.output = output
   return output
end

function MarginCriterion:updateGradInput(input, target)
   target = check(self, input, target)
   local n = input:nElement()
   local active = self.buffer:resizeAs(input):copy(input):cmul(target)
   active:lt(active, self.margin)
   local norm = (self.sizeAverage and n > 0) and -1 / n or -1
   self.gradInput:resizeAs(input):copy(target):cmul(active):mul(norm)
   return self.gradInput
end

function MarginCriterion:clearState()
   nn.utils.clear(self, 'buffer')
   return parent.clearState(self)
end

return MarginCriterion
