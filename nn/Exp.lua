--[[ nn.Exp() — y = exp(x), elementwise.

   input    any shape, float or double; output the same shape
   gradInput = gradOutput * y (read from the output: forward comes first)
]]

require 'torch'

local Exp = torch.class('nn.Exp', 'nn.Module')

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

function Exp:updateOutput(input)
   check_tensor(self, input, 'input')
   return self.output:exp(input)
end

function Exp:updateGradInput(input, gradOutput) -- luacheck: no unused args
   check_tensor(self, gradOutput, 'gradOutput')
   return self.gradInput:cmul(self.output, gradOutput)
end

return Exp
