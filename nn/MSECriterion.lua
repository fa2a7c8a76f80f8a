--[[ nn.MSECriterion([sizeAverage = true]) — the mean squared error between input and target.

   input, target   tensors of the same number of elements (their shapes may differ, as Torch7)
   loss            sum_i (x_i - y_i)^2, divided by the number of elements when sizeAverage
   gradInput       2 (x - y) (/ n), input's shape
]]

require 'torch'

local MSECriterion, parent = torch.class('nn.MSECriterion', 'nn.Criterion')

function MSECriterion:__init(sizeAverage)
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
      error(string.format('nn.MSECriterion: input and target must be tensors of one type and the same number of '
         .. 'elements, got %s and %s', describe(input), describe(target)), 3)
   end
end

function MSECriterion:updateOutput(input, target)
   check(input, target)
   self.buffer = self.buffer or input.new()
   local diff = self.buffer:resizeAs(input):copy(input):add(-1, target)
   local output = input:nElement() > 0 and diff:dot(diff) or 0
   if self.sizeAverage and input:nElement() > 0 then
      output = output / input:nElement()
   end
   self.output = output
   return output
end

function MSECriterion:updateGradInput(input, target)
   check(input, target)
   local norm = (self.sizeAverage and input:nElement() > 0) and 2 / input:nElement() or 2
   self.gradInput:resizeAs(input):copy(input):add(-1, target):mul(norm)
   return self.gradInput
end

function MSECriterion:clearState()
   nn.utils.clear(self, 'buffer')
   return parent.clearState(self)
end

return MSECriterion
