--[[ nn.LayerNormalization(size [, eps = 1e-5] [, affine = true]) — normalizes each vector of the
last dimension over itself (Ba et al. 2016), as PyTorch's nn.LayerNorm(size).

   input    any shape whose last dimension is `size` (... x size); output the same shape
   output   (x - mean) / sqrt(var + eps) * weight + bias, mean and (biased) variance taken over
            the last dimension of each vector; the same in training and evaluation
   affine   false: no weight and bias

Parameters: weight (size, ones at reset) and bias (size, zeros), gradWeight, gradBias. Fields:
size, eps, affine; save_mean and save_rstd (one value per vector, kept for backward). Torch7 had
no such module. One C kernel per pass (core/nn_norm.c).
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local LayerNormalization, parent = torch.class('nn.LayerNormalization', 'nn.Module')

function LayerNormalization:__init(size, eps, affine)
   parent.__init(self)
   if type(size) ~= 'number' or size < 1 then
      error(string.format('nn.LayerNormalization(size [, eps] [, affine]): size must be a positive number, got %s',
         tostring(size)), 2)
   end
   self.size = size
   self.eps = eps or 1e-5
   if affine == nil then
      affine = true
   end
   self.affine = affine
   if affine then
      self.weight = torch.Tensor(size)
      self.bias = torch.Tensor(size)
      self.gradWeight = torch.Tensor(size):zero()
      self.gradBias = torch.Tensor(size):zero()
   end
   self.save_mean = torch.Tensor()
   self.save_rstd = torch.Tensor()
   self:reset()
end

function LayerNormalization:reset()
   if self.weight then
      self.weight:fill(1)
      self.bias:zero()
   end
   return self
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check(rc)
   if rc ~= 0 then
      error('nn.LayerNormalization: ' .. ffi.string(C.wk_last_error()), 3)
   end
end

-- The input, contiguous (copied into a buffer when it is not).
local function contiguous_input(self, input)
   if not torch.isTensor(input) or input:dim() < 1 or input:size(input:dim()) ~= self.size then
      error(string.format('nn.LayerNormalization: input must be ... x %d (the last dimension normalized), got %s',
         self.size, describe(input)), 4)
   end
   if input:type() ~= self.save_mean:type() then
      error(string.format('nn.LayerNormalization: input is a %s but the module is %s (convert one of them)',
         input:type(), self.save_mean:type()), 4)
   end
   if not input:isContiguous() then
      self._input = self._input or input.new()
      self._input:resizeAs(input):copy(input)
      return self._input
   end
   return input
end

local function contiguous_gradOutput(self, input, gradOutput)
   if not torch.isTensor(gradOutput) or not gradOutput:isSameSizeAs(input) then
      error(string.format('nn.LayerNormalization: gradOutput %s does not match input %s', describe(gradOutput),
         describe(input)), 4)
   end
   if not gradOutput:isContiguous() then
      self._gradOutput = self._gradOutput or gradOutput.new()
      self._gradOutput:resizeAs(gradOutput):copy(gradOutput)
      return self._gradOutput
   end
   return gradOutput
end

function LayerNormalization:updateOutput(input)
   local x = contiguous_input(self, input)
   check(C.wk_nn_layer_norm_forward(x, self.output, self.weight, self.bias, self.save_mean, self.save_rstd, self.eps))
   return self.output
end

local function backward(self, input, gradOutput, scale, gradInput, gradWeight, gradBias)
   local x = contiguous_input(self, input)
   local g = contiguous_gradOutput(self, x, gradOutput)
   if self.save_mean:nElement() * self.size ~= x:nElement() then
      error('nn.LayerNormalization: backward needs a forward pass on this input first', 3)
   end
   check(C.wk_nn_layer_norm_backward(x, g, gradInput, gradWeight, gradBias, self.weight, self.save_mean,
      self.save_rstd, scale))
end

function LayerNormalization:updateGradInput(input, gradOutput)
   backward(self, input, gradOutput, 1, self.gradInput, nil, nil)
   return self.gradInput
end

function LayerNormalization:accGradParameters(input, gradOutput, scale)
   if self.affine then
      backward(self, input, gradOutput, scale or 1, nil, self.gradWeight, self.gradBias)
   end
end

function LayerNormalization:backward(input, gradOutput, scale)
   backward(self, input, gradOutput, scale or 1, self.gradInput, self.gradWeight, self.gradBias)
   return self.gradInput
end

function LayerNormalization:__tostring__()
   return string.format('%s(%d)', torch.type(self), self.size) .. (self.affine and '' or ' without affine')
end

function LayerNormalization:clearState()
   nn.utils.clear(self, 'save_mean', 'save_rstd', '_input', '_gradOutput')
   return parent.clearState(self)
end

return LayerNormalization
