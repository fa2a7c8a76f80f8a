--[[ nn.Threshold([threshold = 1e-6] [, value = 0] [, inplace = false]) — y = x > threshold ? x : value.

   input    any shape, float or double; output the same shape
   gradInput = gradOutput where input > threshold, else 0

   inplace  true: the result is written into the input and the output is a view of it; the
            backward likewise writes into gradOutput. In place needs value <= threshold (the
            backward reads the overwritten input and must still tell the two sides apart).

nn.ReLU is Threshold(0, 0). Fields as Torch7: threshold, val, inplace.
C kernels: wk_nn_threshold_forward/backward (core/nn_activation.c).
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local Threshold, parent = torch.class('nn.Threshold', 'nn.Module')

function Threshold:__init(threshold, value, inplace)
   parent.__init(self)
   self.threshold = threshold or 1e-6
   self.val = value or 0
   if type(self.threshold) ~= 'number' or type(self.val) ~= 'number' then
      error('nn.Threshold(threshold, value [, inplace]): numbers expected', 2)
   end
   self.inplace = inplace or false
   if type(self.inplace) ~= 'boolean' then
      error('nn.Threshold: the in-place flag must be a boolean', 2)
   end
   self:validateParameters()
end

function Threshold:validateParameters()
   self.inplace = self.inplace or false
   if self.inplace and self.val > self.threshold then
      error(string.format('%s: in-place processing requires value (%g) not to exceed threshold (%g)',
         torch.type(self), self.val, self.threshold), 3)
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

function Threshold:updateOutput(input)
   self:validateParameters()
   if self.inplace and torch.isTensor(input) and input.dtype ~= self.output.dtype then
      self.output = input.new()
   end
   check_tensor(self, input, 'input')
   check(self, C.wk_nn_threshold_forward(input, self.output, self.threshold, self.val, self.inplace and 1 or 0))
   return self.output
end

function Threshold:updateGradInput(input, gradOutput)
   self:validateParameters()
   if self.inplace and torch.isTensor(gradOutput) and gradOutput.dtype ~= self.gradInput.dtype then
      self.gradInput = gradOutput.new()
   end
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   check(self, C.wk_nn_threshold_backward(input, gradOutput, self.gradInput, self.threshold,
      self.inplace and 1 or 0))
   return self.gradInput
end

return Threshold
