--[[ nn._SoftMax — what nn.SoftMax and nn.LogSoftMax share (a hidden base class, not a module to
use): the argument checks, the choice of dimension and the calls into their C kernels
(core/nn_activation.c). A subclass names its pair:

   Foo._kernels = { forward = 'wk_nn_foo_forward', backward = 'wk_nn_foo_backward' }

forward(input, output, dim); backward(gradOutput, gradInput, output, dim), dim 0-based. The
backward pass reads the output, so forward comes first.
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local SoftMax = torch.class('nn._SoftMax', 'nn.Module')

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

-- The dimension (0-based, for C) that Torch7 normalises over.
local function dim_of(self, input)
   local nd = input:dim()
   if nd == 1 or nd == 3 then
      return 0
   elseif nd == 2 or nd == 4 then
      return 1
   end
   error(string.format('%s: 1D, 2D, 3D or 4D input expected, got %s', torch.type(self), describe(input)), 3)
end

function SoftMax:updateOutput(input)
   check_tensor(self, input, 'input')
   check(self, C[self._kernels.forward](input, self.output, dim_of(self, input)))
   return self.output
end

function SoftMax:updateGradInput(input, gradOutput) -- luacheck: no unused args
   check_tensor(self, gradOutput, 'gradOutput')
   check(self, C[self._kernels.backward](gradOutput, self.gradInput, self.output, dim_of(self, self.output)))
   return self.gradInput
end

return SoftMax
