--[[ nn.AbsCriterion([sizeAverage = true]) — the mean absolute error between input and target.

   input, target   tensors of the same number of elements
   loss            sum_i |x_i - y_i|, divided by the number of elements when sizeAverage
   gradInput       sign(x - y) (/ n), input's shape (0 where x == y)
]]

require 'torch'

local AbsCriterion, parent = torch.class('nn.AbsCriterion', 'nn.Criterion')

function AbsCriterion:__init(sizeAverage)
   parent.__init(self)
   if sizeAverage ~= nil then
      self.sizeAverage = sizeAverage
   else
      self.sizeAverage = true
   end
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check(input, target)
   if not torch.isTensor(input) or not torch.isTensor(target) or input:nElement() ~= target:nElement()
         or input:type() ~= target:type() then
      error(string.format('nn.AbsCriterion: input and target must be tensors of one type and the same number of '
         .. 'elements, got %s and %s', describe(input), describe(target)), 3)
   end
end

function AbsCriterion:updateOutput(input, target)
   check(input, target)
   self.buffer = self.buffer or input.new()
   local diff = self.buffer:resizeAs(input):copy(input):add(-1, target):abs()
   local output = input:nElement() > 0 and diff:sum() or 0
   if self.sizeAverage and input:nElement() > 0 then
      output = output / input:nElement()
   end
   self.output = output
   return output
end

function AbsCriterion:updateGradInput(input, target)
   check(input, target)
   local norm = (self.sizeAverage and input:nElement() > 0) and 1 / input:nElement() or 1
   self.gradInput:resizeAs(input):copy(input):add(-1, target):sign():mul(norm)
   return self.gradInput
end

function AbsCriterion:clearState()
   nn.utils.clear(self, 'buffer')
   return parent.clearState(self)
end

return AbsCriterion
