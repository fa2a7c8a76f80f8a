--[[ nn.SmoothL1Criterion([sizeAverage = true]) — the Huber loss with threshold 1 (Fast R-CNN): less
sensitive to outliers than the squared error.

   input, target   tensors of the same number of elements
   loss            sum_i l(x_i - y_i) (/ n when sizeAverage), l(d) = 0.5 d^2 if |d| < 1, else |d| - 0.5
   gradInput       d clamped to [-1, 1] (/ n), input's shape
]]

require 'torch'

local SmoothL1Criterion, parent = torch.class('nn.SmoothL1Criterion', 'nn.Criterion')

function SmoothL1Criterion:__init(sizeAverage)
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
      error(string.format('nn.SmoothL1Criterion: input and target must be tensors of one type and the same number '
         .. 'of elements, got %s and %s', describe(input), describe(target)), 3)
   end
end

function SmoothL1Criterion:updateOutput(input, target)
   check(input, target)
   self.buffer = self.buffer or input.new()
   self.clamped = self.clamped or input.new()
   local n = input:nElement()
   if n == 0 then
      self.output = 0
      return 0
   end
   -- l(d) = |d| - 0.5 + 0.5 (|d| - c)^2 with c = min(|d|, 1): both branches in one formula
   local absdiff = self.buffer:resizeAs(input):copy(input):add(-1, target):abs()
   local c = self.clamped:resizeAs(absdiff):copy(absdiff):clamp(0, 1)
   local linear = absdiff:sum() - c:sum()
   local quadratic = c:dot(c) * 0.5
   local output = linear + quadratic
   if self.sizeAverage then
      output = output / n
   end
   self.output = output
   return output
end

function SmoothL1Criterion:updateGradInput(input, target)
   check(input, target)
   local norm = (self.sizeAverage and input:nElement() > 0) and 1 / input:nElement() or 1
   self.gradInput:resizeAs(input):copy(input):add(-1, target):clamp(-1, 1):mul(norm)
   return self.gradInput
end

function SmoothL1Criterion:clearState()
   nn.utils.clear(self, 'buffer', 'clamped')
   return parent.clearState(self)
end

return SmoothL1Criterion
