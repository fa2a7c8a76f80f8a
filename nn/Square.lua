--[[ nn.Square() — y = x^2, elementwise.

   input    any shape, float or double; output the same shape
   gradInput = 2 * x * gradOutput
]]

require 'torch'

local Square = torch.class('nn.Square', 'nn.Module')

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

function Square:updateOutput(input)
   check_tensor(self, input, 'input')
   return self.output:cmul(input, input)
end

function Square:updateGradInput(input, gradOutput)
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   return self.gradInput:cmul(input, gradOutput):mul(2)
end

return Square
