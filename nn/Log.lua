--[[ nn.Log() — y = log(x), elementwise.

   input    any shape, float or double (positive, or the output holds nan and -inf); output the
            same shape
   gradInput = gradOutput / x
]]

require 'torch'

local Log = torch.class('nn.Log', 'nn.Module')

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

function Log:updateOutput(input)
   check_tensor(self, input, 'input')
   return self.output:log(input)
end

function Log:updateGradInput(input, gradOutput)
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   return self.gradInput:cdiv(gradOutput, input)
end

return Log
