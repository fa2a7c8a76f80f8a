--[[ nn.SoftShrink([lambda = 0.5]) — y = x - lambda where x > lambda, x + lambda where x < -lambda,
else 0.

   input    any shape, float or double; output the same shape
   gradInput = gradOutput where |x| > lambda, else 0

Field as Torch7: lambda.
]]

require 'torch'

local SoftShrink, parent = torch.class('nn.SoftShrink', 'nn.Module')

function SoftShrink:__init(lambda)
   parent.__init(self)
   self.lambda = lambda or 0.5
   if type(self.lambda) ~= 'number' then
      error('nn.SoftShrink(lambda): a number expected, got ' .. torch.type(lambda), 2)
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

function SoftShrink:updateOutput(input)
   check_tensor(self, input, 'input')
   -- x - clamp(x, -lambda, lambda)
   return self.output:clamp(input, -self.lambda, self.lambda):mul(-1):add(input)
end

function SoftShrink:updateGradInput(input, gradOutput)
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   self._mask = self._mask or input.new()
   self._mask:abs(input):gt(self._mask, self.lambda)
   return self.gradInput:cmul(gradOutput, self._mask)
end

function SoftShrink:clearState()
   nn.utils.clear(self, '_mask')
   return parent.clearState(self)
end

return SoftShrink
