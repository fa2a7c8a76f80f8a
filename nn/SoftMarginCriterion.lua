--[[ nn.SoftMarginCriterion([sizeAverage = true]) — the two-class logistic loss.

   input    scores, any shape
   target   the same number of elements, each 1 or -1
   loss     sum_i log(1 + exp(-y_i x_i)), divided by the number of elements when sizeAverage
            (computed as max(-z, 0) + log(1 + exp(-|z|)), z = y x, which cannot overflow)
   gradInput  -y_i / (1 + exp(y_i x_i)) (/ n)
]]

require 'torch'

local SoftMarginCriterion, parent = torch.class('nn.SoftMarginCriterion', 'nn.Criterion')

function SoftMarginCriterion:__init(sizeAverage)
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

local function check(self, input, target)
   if not torch.isTensor(input) or not torch.isTensor(target) or input:nElement() ~= target:nElement()
         or input:type() ~= target:type() then
      error(string.format('nn.SoftMarginCriterion: input and target must be tensors of one type and the same number '
         .. 'of elements, got %s and %s', describe(input), describe(target)), 3)
   end
   self.buffer = self.buffer or input.new()
   self.buffer2 = self.buffer2 or input.new()
   if target:isSameSizeAs(input) then
      return target
   end
   return target:contiguous():view(input:size())
end

function SoftMarginCriterion:updateOutput(input, target)
   target = check(self, input, target)
   local n = input:nElement()
   if n == 0 then
      self.output = 0
      return 0
   end
   local z = self.buffer:resizeAs(input):copy(input):cmul(target)
   -- max(-z, 0)
   local positive = self.buffer2:resizeAs(z):copy(z):mul(-1):cmax(0)
   local output = positive:sum()
   -- log(1 + exp(-|z|))
   output = output + z:abs():mul(-1):exp():log1p():sum()
   if self.sizeAverage then
      output = output / n
   end
   self.output = output
   return output
end

function SoftMarginCriterion:updateGradInput(input, target)
   target = check(self, input, target)
   local n = input:nElement()
   -- -y sigmoid(-y x)
   local s = self.buffer:resizeAs(input):copy(input):cmul(target):mul(-1):sigmoid()
   local norm = (self.sizeAverage and n > 0) and -1 / n or -1
   self.gradInput:resizeAs(input):copy(target):cmul(s):mul(norm)
   return self.gradInput
end

function SoftMarginCriterion:clearState()
   nn.utils.clear(self, 'buffer', 'buffer2')
   return parent.clearState(self)
end

return SoftMarginCriterion
