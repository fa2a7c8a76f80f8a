--[[ nn.HardTanh([min_value = -1, max_value = 1] [, inplace = false]) — y = clamp(x, min, max).

   input    any shape, float or double; output the same shape
   gradInput = gradOutput where min < x < max, else 0
   inplace  true: the result is written into the input, and the output is a view of it; the
            backward likewise writes into gradOutput

Fields as Torch7: min_val, max_val, inplace. nn.Clamp is a HardTanh; nn.ReLU6 uses its kernels.
C kernels: wk_nn_hardtanh_forward/backward (core/nn_activation.c).
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local HardTanh, parent = torch.class('nn.HardTanh', 'nn.Module')

function HardTanh:__init(min_value, max_value, inplace)
   parent.__init(self)
   self.min_val = min_value or -1
   self.max_val = max_value or 1
   self.inplace = inplace or false
   if type(self.min_val) ~= 'number' or type(self.max_val) ~= 'number' then
      error(string.format('%s(min_value, max_value [, inplace]): numbers expected', torch.type(self)), 3)
   end
   if type(self.inplace) ~= 'boolean' then
      error(torch.type(self) .. ': the in-place flag must be a boolean', 3)
   end
   if self.max_val <= self.min_val then
      error(string.format('%s: max_value (%g) must be larger than min_value (%g)', torch.type(self), self.max_val,
         self.min_val), 3)
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

function HardTanh:updateOutput(input)
   if self.inplace and torch.isTensor(input) and input.dtype ~= self.output.dtype then
      self.output = input.new()
   end
   check_tensor(self, input, 'input')
   check(self, C.wk_nn_hardtanh_forward(input, self.output, self.min_val, self.max_val, self.inplace and 1 or 0))
   return self.output
end

function HardTanh:updateGradInput(input, gradOutput)
   if self.inplace and torch.isTensor(gradOutput) and gradOutput.dtype ~= self.gradInput.dtype then
      self.gradInput = gradOutput.new()
   end
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   check(self, C.wk_nn_hardtanh_backward(input, gradOutput, self.gradInput, self.min_val, self.max_val,
      self.inplace and 1 or 0))
   return self.gradInput
end

return HardTanh
