--[[ nn.BatchNormalization(N [, eps = 1e-5] [, momentum = 0.1] [, affine = true]) — normalizes each
of N features over the mini-batch (Ioffe and Szegedy 2015).

   input    batch x N (2-d); in evaluation mode also a single sample N
   output   the same shape: (x - mean) / sqrt(var + eps) * weight + bias, per feature
   eps      added to the variance
   momentum how fast the running statistics follow the batch ones
   affine   false: no weight and bias (no learnable parameters)

Training uses the batch's mean and (biased) variance, keeps them for backward in save_mean and
save_std (= 1 / sqrt(var + eps)), and updates the running estimates:
   running_mean = momentum * mean + (1 - momentum) * running_mean
   running_var  = momentum * unbiased var + (1 - momentum) * running_var
Evaluation (module:evaluate()) normalizes with running_mean and running_var instead.

Parameters: weight and bias (N; weight uniform in [0, 1] and bias 0 at reset, as Torch7),
gradWeight, gradBias. Fields as Torch7: eps, momentum, affine, train, running_mean, running_var,
save_mean, save_std, nDim (2 here, 4 for nn.SpatialBatchNormalization, which shares this code).
Modules saved by old Torch7 versions (running_std instead of running_var) are converted on first
use. The work is one C kernel per pass (core/nn_norm.c); backward computes gradInput and the
parameter gradients together.
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local BN, parent = torch.class('nn.BatchNormalization', 'nn.Module')

BN.__version = 2
-- the input's number of dimensions (a batch); subclasses set theirs
BN.nDim = 2

function BN:__init(nOutput, eps, momentum, affine)
   parent.__init(self)
   if type(nOutput) ~= 'number' or nOutput < 1 then
      error(string.format('%s(N [, eps] [, momentum] [, affine]): N (the number of features) must be a positive '
         .. 'number, got %s (for no affine transform pass affine = false)', torch.type(self), tostring(nOutput)), 3)
   end
   if affine ~= nil then
      if type(affine) ~= 'boolean' then
         error(string.format('%s: affine must be a boolean, got %s', torch.type(self), type(affine)), 3)
      end
      self.affine = affine
   else
      self.affine = true
   end
   self.eps = eps or 1e-5
   self.train = true
   self.momentum = momentum or 0.1
   self.running_mean = torch.zeros(nOutput)
   self.running_var = torch.ones(nOutput)
   if self.affine then
      self.weight = torch.Tensor(nOutput)
      self.bias = torch.Tensor(nOutput)
      self.gradWeight = torch.Tensor(nOutput):zero()
      self.gradBias = torch.Tensor(nOutput):zero()
      self:reset()
   end
end

function BN:reset()
   if self.weight then
      self.weight:uniform()
   end
   if self.bias then
      self.bias:zero()
   end
   self.running_mean:zero()
   self.running_var:fill(1)
end

-- Helpers -------------------------------------------------------------------------------------------

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check(self, rc)
   if rc ~= 0 then
      error(torch.type(self) .. ': ' .. ffi.string(C.wk_last_error()), 3)
   end
end

-- Torch7 before version 2 kept running_std (1 / sqrt(var + eps)) instead of running_var.
local function upgrade(self)
   if self.running_var == nil and self.running_std ~= nil then
      self.running_var = self.running_std:clone():pow(-2):add(-self.eps)
      self.running_std = nil
   end
end

-- The input as the kernel takes it (a batch, inner dimensions contiguous), and whether it was a
-- single sample given in evaluation mode.
local function batch_input(self, input)
   local nDim = self.nDim
   if not torch.isTensor(input) then
      error(string.format('%s: input must be a tensor, got %s', torch.type(self), describe(input)), 4)
   end
   local dims = input:dim()
   local single = dims == nDim - 1 and not self.train
   if dims ~= nDim and not single then
      error(string.format('%s: only mini-batch supported (%dD tensor), got %dD tensor instead (input %s)',
         torch.type(self), nDim, dims, describe(input)), 4)
   end
   local features = single and input:size(1) or input:size(2)
   if features ~= self.running_mean:nElement() then
      error(string.format('%s: got %d-feature tensor, expected %d (input %s)', torch.type(self), features,
         self.running_mean:nElement(), describe(input)), 4)
   end
   if input:type() ~= self.running_mean:type() then
      error(string.format('%s: input is a %s but the module is %s (convert one of them)', torch.type(self),
         input:type(), self.running_mean:type()), 4)
   end
   if single then
      input = nn.utils.addSingletonDimension(input, 1)
   end
   if not input:isContiguous() and dims > 2 then
      self._input = self._input or input.new()
      self._input:resizeAs(input):copy(input)
      input = self._input
   end
   return input, single
end

local function batch_gradOutput(self, input, gradOutput)
   if not torch.isTensor(gradOutput) or gradOutput:nElement() ~= input:nElement() then
      error(string.format('%s: gradOutput %s does not match input %s', torch.type(self), describe(gradOutput),
         describe(input)), 4)
   end
   if not gradOutput:isSameSizeAs(input) or (not gradOutput:isContiguous() and input:dim() > 2) then
      self._gradOutput = self._gradOutput or gradOutput.new()
      self._gradOutput:resizeAs(input):copy(gradOutput)
      gradOutput = self._gradOutput
   end
   return gradOutput
end

-- The protocol ---------------------------------------------------------------------------------------

function BN:updateOutput(input)
   upgrade(self)
   local x, single = batch_input(self, input)
   self.save_mean = self.save_mean or x.new()
   self.save_std = self.save_std or x.new()
   check(self, C.wk_nn_batch_norm_forward(x, self.output, self.weight, self.bias, self.running_mean,
      self.running_var, self.save_mean, self.save_std, self.train and 1 or 0, self.momentum, self.eps))
   if single then
      self.output:resize(input:size())
   end
   return self.output
end

-- One kernel call for whichever of gradInput, gradWeight, gradBias are given.
local function backward(self, input, gradOutput, scale, gradInput, gradWeight, gradBias)
   upgrade(self)
   local x, single = batch_input(self, input)
   local g = batch_gradOutput(self, x, gradOutput)
   if self.train and (self.save_mean == nil or self.save_mean:nElement() ~= self.running_mean:nElement()) then
      error(string.format('%s: backward in training mode needs a forward pass first', torch.type(self)), 3)
   end
   check(self, C.wk_nn_batch_norm_backward(x, g, gradInput, gradWeight, gradBias, self.weight, self.running_mean,
      self.running_var, self.save_mean, self.save_std, self.train and 1 or 0, scale or 1, self.eps))
   if single and gradInput then
      gradInput:resize(input:size())
   end
end

function BN:updateGradInput(input, gradOutput)
   backward(self, input, gradOutput, 1, self.gradInput, nil, nil)
   return self.gradInput
end

function BN:accGradParameters(input, gradOutput, scale)
   if self.affine then
      backward(self, input, gradOutput, scale or 1, nil, self.gradWeight, self.gradBias)
   end
end

function BN:backward(input, gradOutput, scale)
   backward(self, input, gradOutput, scale or 1, self.gradInput, self.gradWeight, self.gradBias)
   return self.gradInput
end

function BN:__tostring__()
   return string.format('%s (%dD) (%d)', torch.type(self), self.nDim, self.running_mean:nElement())
end

function BN:clearState()
   nn.utils.clear(self, 'save_mean', 'save_std', '_input', '_gradOutput')
   return parent.clearState(self)
end

return BN
