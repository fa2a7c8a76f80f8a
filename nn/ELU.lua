--[[ nn.ELU([alpha = 1] [, inplace = false]) — y = x > 0 ? x : alpha * (exp(x) - 1).

   input    any shape, float or double; output the same shape
   gradInput = gradOutput where x > 0, else gradOutput * (y + alpha), read from the output
   inplace  true: the result is written into the input, and the output is a view of it; the
            backward likewise writes into gradOutput

Fields as Torch7: alpha, inplace. Prints as `nn.ELU (alpha:1.000000)`.
C kernels: wk_nn_elu_forward/backward (core/nn_activation.c).
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local ELU, parent = torch.class('nn.ELU', 'nn.Module')

function ELU:__init(alpha, inplace)
   parent.__init(self)
   self.alpha = alpha or 1
   if type(self.alpha) ~= 'number' then
      error('nn.ELU(alpha [, inplace]): a number expected, got ' .. torch.type(alpha), 2)
   end
   self.inplace = inplace or false
   if type(self.inplace) ~= 'boolean' then
      error('nn.ELU: the in-place flag must be a boolean', 2)
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

-- A C kernel's status: its message, named after the module.
local function check(self, rc)
   if rc ~= 0 then
      error(torch.type(self) .. ': ' .. (ffi.string(C.wk_last_error()):gsub('^%w+: ', '')), 3)
   end
end

function ELU:updateOutput(input)
   if self.inplace and torch.isTensor(input) and input.dtype ~= self.output.dtype then
      self.output = input.new()
   end
   check_tensor(self, input, 'input')
   check(self, C.wk_nn_elu_forward(input, self.output, self.alpha, self.inplace and 1 or 0))
   return self.output
end

function ELU:updateGradInput(input, gradOutput) -- luacheck: no unused args
   if self.inplace and torch.isTensor(gradOutput) and gradOutput.dtype ~= self.gradInput.dtype then
      self.gradInput = gradOutput.new()
   end
   check_tensor(self, gradOutput, 'gradOutput')
   check(self, C.wk_nn_elu_backward(gradOutput, self.gradInput, self.output, self.alpha, self.inplace and 1 or 0))
   return self.gradInput
end

function ELU:__tostring__()
   return string.format('%s (alpha:%f)', torch.type(self), self.alpha)
end

return ELU
