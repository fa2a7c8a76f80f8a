--[[ nn.LogSoftMax() — y_i = x_i - max - log(sum_j exp(x_j - max)), over one dimension.

   input    1-d (n), 2-d (batch x n): over the last dimension;
            3-d (n x h x w), 4-d (batch x n x h x w): over the feature planes (dimension 1 of the
            sample) at each position, as Torch7
   output   the same shape
   gradInput = gradOutput - exp(y) * sum(gradOutput), over the same dimension
            (read from the output: forward comes first)

Stable: the largest element is subtracted before exponentiating, so large inputs do not overflow.
C kernels: wk_nn_log_softmax_forward/backward (core/nn_activation.c).
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local LogSoftMax = torch.class('nn.LogSoftMax', 'nn.Module')

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

function LogSoftMax:updateOutput(input)
   check_tensor(self, input, 'input')
   check(self, C.wk_nn_log_softmax_forward(input, self.output, dim_of(self, input)))
   return self.output
end

function LogSoftMax:updateGradInput(input, gradOutput) -- luacheck: no unused args
   check_tensor(self, gradOutput, 'gradOutput')
   check(self, C.wk_nn_log_softmax_backward(gradOutput, self.gradInput, self.output, dim_of(self, self.output)))
   return self.gradInput
end

return LogSoftMax
