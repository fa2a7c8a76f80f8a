--[[ nn.RReLU([l = 1/8, u = 1/3] [, inplace = false]) — the randomized leaky ReLU:
y = x > 0 ? x : a * x.

   training    a is drawn uniformly in [l, u] for each element at each forward (kept in
               self.noise, 1 where x > 0), and gradInput = gradOutput * noise
   evaluation  a = (l + u) / 2 for every element: a LeakyReLU
   input       any shape, float or double; output the same shape
   inplace     true: the result is written into the input, and the output is a view of it; the
               backward likewise writes into gradOutput

The noise is drawn from torch's default generator (torch.manualSeed makes it repeatable) for every
element, positive or not. backward assumes forward ran on the same input.
Fields as Torch7: lower, upper, noise, train, inplace. Prints as `nn.RReLU (l:0.125000, u:0.333333)`.
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local RReLU, parent = torch.class('nn.RReLU', 'nn.Module')

function RReLU:__init(l, u, inplace)
   parent.__init(self)
   self.lower = l or 1 / 8
   self.upper = u or 1 / 3
   if type(self.lower) ~= 'number' or type(self.upper) ~= 'number' or self.lower < 0 or self.lower > self.upper then
      error(string.format('nn.RReLU(l, u [, inplace]): 0 <= l <= u expected, got %s and %s', tostring(l),
         tostring(u)), 2)
   end
   self.noise = torch.Tensor()
   self.train = true
   self.inplace = inplace or false
   if type(self.inplace) ~= 'boolean' then
      error('nn.RReLU: the in-place flag must be a boolean', 2)
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

-- Whether this pass multiplies by random slopes (training, with l < u as Torch7).
local function random(self)
   return self.train and self.upper - self.lower > 1e-6
end

function RReLU:updateOutput(input)
   if self.inplace and torch.isTensor(input) and input.dtype ~= self.output.dtype then
      self.output = input.new()
   end
   check_tensor(self, input, 'input')
   if not random(self) then
      local slope = self.train and self.lower or (self.lower + self.upper) / 2
      check(self, C.wk_nn_leaky_relu_forward(input, self.output, slope, self.inplace and 1 or 0))
      return self.output
   end
   self._positive = self._positive or torch.ByteTensor()
   self._positive:gt(input, 0)
   self.noise = self.noise.dtype == input.dtype and self.noise or input.new()
   self.noise:resizeAs(input):uniform(self.lower, self.upper):maskedFill(self._positive, 1)
   if self.inplace then
      input:cmul(self.noise)
      self.output:set(input)
   else
      self.output:cmul(input, self.noise)
   end
   return self.output
end

function RReLU:updateGradInput(input, gradOutput)
   if self.inplace and torch.isTensor(gradOutput) and gradOutput.dtype ~= self.gradInput.dtype then
      self.gradInput = gradOutput.new()
   end
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   if not random(self) then
      local slope = self.train and self.lower or (self.lower + self.upper) / 2
      check(self, C.wk_nn_leaky_relu_backward(input, gradOutput, self.gradInput, slope, self.inplace and 1 or 0))
      return self.gradInput
   end
   if self.inplace then
      gradOutput:cmul(self.noise)
      self.gradInput:set(gradOutput)
   else
      self.gradInput:cmul(gradOutput, self.noise)
   end
   return self.gradInput
end

function RReLU:__tostring__()
   return string.format('%s (l:%f, u:%f)', torch.type(self), self.lower, self.upper)
end

function RReLU:clearState()
   nn.utils.clear(self, 'noise', '_positive')
   return parent.clearState(self)
end

return RReLU
