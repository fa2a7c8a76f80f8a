--[[ nn.Sigmoid() — y = 1 / (1 + exp(-x)), elementwise.

   input    any shape, float or double; output the same shape
   gradInput = gradOutput * (1 - y) * y, computed from the output (forward comes first)

C kernels: wk_nn_sigmoid_forward/backward (core/nn_activation.c).
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local Sigmoid = torch.class('nn.Sigmoid', 'nn.Module')

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

function Sigmoid:updateOutput(input)
   check_tensor(self, input, 'input')
   check(self, C.wk_nn_sigmoid_forward(input, self.output))
   return self.output
end

function Sigmoid:updateGradInput(input, gradOutput) -- luacheck: no unused args
   check_tensor(self, gradOutput, 'gradOutput')
   check(self, C.wk_nn_sigmoid_backward(gradOutput, self.gradInput, self.output))
   return self.gradInput
end

return Sigmoid
