--[[ nn.SoftMin() — y_i = exp(-x_i - shift) / sum_j exp(-x_j - shift), shift = max_i(-x_i): the
softmax of -x, over the same dimension as nn.SoftMax.

   input    1-d, 2-d (over the last dimension), 3-d, 4-d (over the feature planes)
   output   the same shape
   gradInput = -y * (gradOutput - sum(gradOutput * y))

Field as Torch7: mininput (the buffer holding -x). C kernels: wk_nn_softmax_forward/backward.
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local SoftMin, parent = torch.class('nn.SoftMin', 'nn.Module')

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

local function dim_of(self, input)
   local nd = input:dim()
   if nd == 1 or nd == 3 then
      return 0
   elseif nd == 2 or nd == 4 then
      return 1
   end
   error(string.format('%s: 1D, 2D, 3D or 4D input expected, got %s', torch.type(self), describe(input)), 3)
end

function SoftMin:updateOutput(input)
   check_tensor(self, input, 'input')
   self.mininput = self.mininput or input.new()
   self.mininput:resizeAs(input):copy(input):mul(-1)
   check(self, C.wk_nn_softmax_forward(self.mininput, self.output, dim_of(self, input)))
   return self.output
end

function SoftMin:updateGradInput(input, gradOutput) -- luacheck: no unused args
   check_tensor(self, gradOutput, 'gradOutput')
   check(self, C.wk_nn_softmax_backward(gradOutput, self.gradInput, self.output, dim_of(self, self.output)))
   self.gradInput:mul(-1)
   return self.gradInput
end

function SoftMin:clearState()
   nn.utils.clear(self, 'mininput')
   return parent.clearState(self)
end

return SoftMin
