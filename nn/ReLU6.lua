--[[ nn.ReLU6([inplace = false]) — y = min(max(0, x), 6), elementwise.

   input    any shape, float or double; output the same shape
   gradInput = gradOutput where 0 < x < 6, else 0
   inplace  true: the result is written into the input, and the output is a view of it; the
            backward likewise writes into gradOutput

Field as Torch7: inplace. C kernels: wk_nn_hardtanh_forward/backward with bounds 0 and 6.
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local ReLU6, parent = torch.class('nn.ReLU6', 'nn.Module')

function ReLU6:__init(inplace)
   parent.__init(self)
   self.inplace = inplace or false
   if type(self.inplace) ~= 'boolean' then
      error('nn.ReLU6: the in-place flag must be a boolean', 2)
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

function ReLU6:updateOutput(input)
   if self.inplace and torch.isTensor(input) and input.dtype ~= self.output.dtype then
      self.output = input.new()
   end
   check_tensor(self, input, 'input')
   check(self, C.wk_nn_hardtanh_forward(input, self.output, 0, 6, self.inplace and 1 or 0))
   return self.output
end

function ReLU6:updateGradInput(input, gradOutput)
   if self.inplace and torch.isTensor(gradOutput) and gradOutput.dtype ~= self.gradInput.dtype then
      self.gradInput = gradOutput.new()
   end
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   check(self, C.wk_nn_hardtanh_backward(input, gradOutput, self.gradInput, 0, 6, self.inplace and 1 or 0))
   return self.gradInput
end

return ReLU6
