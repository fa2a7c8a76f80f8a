--[[ nn.Power(p) — y = x^p, elementwise.

   input    any shape, float or double; output the same shape
   gradInput = p * x^(p - 1) * gradOutput

Field as Torch7: pow.
]]

require 'torch'

local Power, parent = torch.class('nn.Power', 'nn.Module')

function Power:__init(p)
   parent.__init(self)
   if type(p) ~= 'number' then
      error('nn.Power(p): a number expected, got ' .. torch.type(p), 2)
   end
   self.pow = p
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

function Power:updateOutput(input)
   check_tensor(self, input, 'input')
   return self.output:pow(input, self.pow)
end

function Power:updateGradInput(input, gradOutput)
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   return self.gradInput:pow(input, self.pow - 1):cmul(gradOutput):mul(self.pow)
end

return Power
