--[[ nn.Sqrt([eps = 0]) — y = sqrt(x), elementwise.

   input    any shape, float or double (non-negative); output the same shape
   gradInput = gradOutput / (2 * y), and 0 where y is 0 (read from the output: forward first)

Field as Torch7: eps (kept for compatibility; Torch7's kernel did not use it either).
]]

require 'torch'

local Sqrt, parent = torch.class('nn.Sqrt', 'nn.Module')

function Sqrt:__init(b)
   parent.__init(self)
   self.eps = b or 0
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

function Sqrt:updateOutput(input)
   check_tensor(self, input, 'input')
   return self.output:sqrt(input)
end

function Sqrt:updateGradInput(input, gradOutput) -- luacheck: no unused args
   check_tensor(self, gradOutput, 'gradOutput')
   self.gradInput:cdiv(gradOutput, self.output):mul(0.5)
   self._zero = self._zero or torch.ByteTensor()
   self._zero:eq(self.output, 0)
   return self.gradInput:maskedFill(self._zero, 0)
end

function Sqrt:clearState()
   nn.utils.clear(self, '_zero')
   return parent.clearState(self)
end

return Sqrt
