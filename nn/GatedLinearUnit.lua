--[[ nn.GatedLinearUnit([dim]) — y = a * sigmoid(b), where a and b are the two halves of the
input along dimension dim (default: the last).

   input    any shape whose size along dim is even (2n); output the same with n there
   gradInput: the first half gradOutput * sigmoid(b), the second gradOutput * a * s * (1 - s)
            with s = sigmoid(b)

Field as Torch7: dim. The halves are views kept in reused headers; the sigmoid goes through the
C kernels of nn.Sigmoid (wk_nn_sigmoid_forward/backward).
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local GatedLinearUnit, parent = torch.class('nn.GatedLinearUnit', 'nn.Module')

function GatedLinearUnit:__init(dim)
   parent.__init(self)
   self.dim = dim
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

-- Points header h at half  (1 or 2) of t along dim, returns h.
local function half(self, h, t, dim, which)
   local n = t:size(dim) / 2
   check(self, C.wk_tensor_set_to(h, t))
   check(self, C.wk_tensor_narrow(h, dim - 1, (which - 1) * n, n))
   return h
end

local function halving_dim(self, input)
   local dim = self.dim or input:dim()
   if dim < 1 or dim > input:dim() or input:size(dim) % 2 ~= 0 then
      error(string.format('%s: the halved dimension %d must exist and have an even size, got %s',
         torch.type(self), dim, describe(input)), 3)
   end
   return dim
end

function GatedLinearUnit:updateOutput(input)
   check_tensor(self, input, 'input')
   local dim = halving_dim(self, input)
   self._first = self._first or input.new()
   self._second = self._second or input.new()
   self._gate = self._gate or input.new()
   local first, second = half(self, self._first, input, dim, 1), half(self, self._second, input, dim, 2)
   check(self, C.wk_nn_sigmoid_forward(second, self._gate))
   return self.output:cmul(first, self._gate)
end

function GatedLinearUnit:updateGradInput(input, gradOutput)
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   local dim = halving_dim(self, input)
   self._first = self._first or input.new()
   self._gradFirst = self._gradFirst or input.new()
   self._gradSecond = self._gradSecond or input.new()
   self.gradInput:resizeAs(input)
   local first = half(self, self._first, input, dim, 1)
   local gradFirst = half(self, self._gradFirst, self.gradInput, dim, 1)
   local gradSecond = half(self, self._gradSecond, self.gradInput, dim, 2)
   gradFirst:cmul(gradOutput, self._gate)
   gradSecond:cmul(gradOutput, first)
   check(self, C.wk_nn_sigmoid_backward(gradSecond, gradSecond, self._gate))
   return self.gradInput
end

function GatedLinearUnit:clearState()
   nn.utils.clear(self, '_first', '_second', '_gate', '_gradFirst', '_gradSecond')
   return parent.clearState(self)
end

return GatedLinearUnit
