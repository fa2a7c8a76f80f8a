--[[ nn.SoftSign() — y = x / (1 + |x|), elementwise.

   input    any shape, float or double; output the same shape
   gradInput = gradOutput / (1 + |x|)^2

Buffers as Torch7: temp (1 + |x|), tempgrad.
]]

require 'torch'

local SoftSign, parent = torch.class('nn.SoftSign', 'nn.Module')

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

function SoftSign:updateOutput(input)
   check_tensor(self, input, 'input')
   self.temp = self.temp or input.new()
   self.temp:abs(input):add(1)
   return self.output:cdiv(input, self.temp)
end

function SoftSign:updateGradInput(input, gradOutput)
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   self.tempgrad = self.tempgrad or input.new()
   self.tempgrad:abs(input):add(1)
   self.tempgrad:cmul(self.tempgrad)
   return self.gradInput:cdiv(gradOutput, self.tempgrad)
end

function SoftSign:clearState()
   nn.utils.clear(self, 'temp', 'tempgrad')
   return parent.clearState(self)
end

return SoftSign
