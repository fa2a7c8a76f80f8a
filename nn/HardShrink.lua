--[[ nn.HardShrink([lambda = 0.5]) — y = x where |x| > lambda, else 0.

   input    any shape, float or double; output the same shape
   gradInput = gradOutput where |x| > lambda, else 0

Field as Torch7: lambda.
]]

require 'torch'

local HardShrink, parent = torch.class('nn.HardShrink', 'nn.Module')

function HardShrink:__init(lambda)
   parent.__init(self)
   self.lambda = lambda or 0.5
   if type(self.lambda) ~= 'number' then
      error('nn.HardShrink(lambda): a number expected, got ' .. torch.type(lambda), 2)
   end
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- A tensor of the module's type, else an error naming the module.
local function check_tensor(self, t, what)
   if not torch.isTensor(t) then
      error(string.format('%s: %s must be a tensor, got %s', torch.type(self), what, describe(t)), 3)
   end
   if t.dtype ~= self.output.dtype then
      error(string.format('%s: %s is a %s but the module is %s (convert one of them)', torch.type(self), what,
         t:type(), self.output:type()), 3)
   end
end

-- self._mask = 1 where |x| > lambda, else 0 (in the input's type)
local function mask(self, input)
   self._mask = self._mask or input.new()
   return self._mask:abs(input):gt(self._mask, self.lambda)
end

function HardShrink:updateOutput(input)
   check_tensor(self, input, 'input')
   return self.output:cmul(input, mask(self, input))
end

function HardShrink:updateGradInput(input, gradOutput)
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   return self.gradInput:cmul(gradOutput, mask(self, input))
end

function HardShrink:clearState()
   nn.utils.clear(self, '_mask')
   return parent.clearState(self)
end

return HardShrink
