--[[ nn.Abs() — y = |x|, elementwise.

   input    any shape, float or double; output the same shape
   gradInput = gradOutput where x >= 0, else -gradOutput (at 0 the slope is taken as +1, as Torch7)
]]

require 'torch'

local Abs = torch.class('nn.Abs', 'nn.Module')

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

function Abs:updateOutput(input)
   check_tensor(self, input, 'input')
   return self.output:abs(input)
end

function Abs:updateGradInput(input, gradOutput)
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   -- the slope, 2 * (x >= 0) - 1, then times gradOutput
   return self.gradInput:ge(input, 0):mul(2):add(-1):cmul(gradOutput)
end

return Abs
