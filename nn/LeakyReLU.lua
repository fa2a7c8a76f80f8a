--[[ nn.LeakyReLU([negval = 0.01] [, inplace = false]) — y = x > 0 ? x : negval * x.

   input    any shape, float or double; output the same shape
   gradInput = gradOutput where x > 0, else negval * gradOutput
   inplace  true: the result is written into the input, and the output is a view of it; the
            backward likewise writes into gradOutput (negval must then be positive, so that the
            overwritten input keeps its sign)

Fields as Torch7: negval, inplace. C kernels: wk_nn_leaky_relu_forward/backward.
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local LeakyReLU, parent = torch.class('nn.LeakyReLU', 'nn.Module')

function LeakyReLU:__init(negval, inplace)
   parent.__init(self)
   self.negval = negval or 1 / 100
   if type(self.negval) ~= 'number' then
      error('nn.LeakyReLU(negval [, inplace]): a number expected, got ' .. torch.type(negval), 2)
   end
   self.inplace = inplace or false
   if type(self.inplace) ~= 'boolean' then
      error('nn.LeakyReLU: the in-place flag must be a boolean', 2)
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

function LeakyReLU:updateOutput(input)
   if self.inplace and torch.isTensor(input) and input.dtype ~= self.output.dtype then
      self.output = input.new()
   end
   check_tensor(self, input, 'input')
   check(self, C.wk_nn_leaky_relu_forward(input, self.output, self.negval, self.inplace and 1 or 0))
   return self.output
end

function LeakyReLU:updateGradInput(input, gradOutput)
   if self.inplace and torch.isTensor(gradOutput) and gradOutput.dtype ~= self.gradInput.dtype then
      self.gradInput = gradOutput.new()
   end
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   check(self, C.wk_nn_leaky_relu_backward(input, gradOutput, self.gradInput, self.negval, self.inplace and 1 or 0))
   return self.gradInput
end

return LeakyReLU
