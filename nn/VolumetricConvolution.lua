--[[ nn.VolumetricConvolution(nInputPlane, nOutputPlane, kT, kW, kH [, dT = 1, dW = 1, dH = 1,
padT = 0, padW = padT, padH = padW]) — a 3-d convolution over a sequence of images (a video).

   input    nInputPlane x T x H x W or N x nInputPlane x T x H x W
   output   nOutputPlane x oT x oH x oW (batched likewise), where
            oT = floor((T + 2 padT - kT) / dT) + 1, and oH, oW likewise
   weight   nOutputPlane x nInputPlane x kT x kH x kW, gradWeight likewise
   bias     nOutputPlane, gradBias likewise (absent after :noBias())

The same kernel as nn.SpatialConvolution (core/nn_conv.c: one geometry covers 2 and 3 spatial
dimensions); finput and fgradInput are its scratch buffers.
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local VolumetricConvolution, parent = torch.class('nn.VolumetricConvolution', 'nn.Module')

local sqrt = math.sqrt
local positive = common.positive
local DIMS = { 4, 5 }
local function expected(self)
   return string.format('a 4-d (%d x T x H x W) or 5-d (N x %d x T x H x W) input', self.nInputPlane,
      self.nInputPlane)
end

function VolumetricConvolution:__init(nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH, padT, padW, padH)
   parent.__init(self)
   local name = torch.type(self)
   self.nInputPlane = positive(name, 'nInputPlane', nInputPlane)
   self.nOutputPlane = positive(name, 'nOutputPlane', nOutputPlane)
   self.kT = positive(name, 'kT', kT)
   self.kW = positive(name, 'kW', kW)
   self.kH = positive(name, 'kH', kH)
   self.dT = positive(name, 'dT', dT or 1)
   self.dW = positive(name, 'dW', dW or 1)
   self.dH = positive(name, 'dH', dH or 1)
   self.padT = positive(name, 'padT', padT or 0, true)
   self.padW = positive(name, 'padW', padW or self.padT, true)
   self.padH = positive(name, 'padH', padH or self.padW, true)
   self.weight = torch.Tensor(nOutputPlane, nInputPlane, kT, kH, kW)
   self.bias = torch.Tensor(nOutputPlane)
   self.gradWeight = torch.Tensor(nOutputPlane, nInputPlane, kT, kH, kW)
   self.gradBias = torch.Tensor(nOutputPlane)
   self:reset()
end

function VolumetricConvolution:noBias()
   self.bias = nil
   self.gradBias = nil
   return self
end

function VolumetricConvolution:reset(stdv)
   if stdv then
      stdv = stdv * sqrt(3)
   else
      stdv = 1 / sqrt(self.kT * self.kW * self.kH * self.nInputPlane)
   end
   self.weight:uniform(-stdv, stdv)
   if self.bias then
      self.bias:uniform(-stdv, stdv)
   end
   return self
end

local function check_input(self, input)
   common.check_input(self, input, DIMS, expected)
   common.check_planes(self, input, 4, self.nInputPlane, expected)
end

function VolumetricConvolution:updateOutput(input)
   check_input(self, input)
   local finput = common.buffer(self, 'finput', input)
   local fgradInput = common.buffer(self, 'fgradInput', input)
   common.check(self, C.wk_nn_conv3d_update_output(input, self.output, self.weight, self.bias, finput, fgradInput,
      self.kT, self.kW, self.kH, self.dT, self.dW, self.dH, self.padT, self.padW, self.padH))
   return self.output
end

function VolumetricConvolution:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   check_input(self, input)
   local finput = common.buffer(self, 'finput', input)
   local fgradInput = common.buffer(self, 'fgradInput', input)
   common.check(self, C.wk_nn_conv3d_update_grad_input(input, gradOutput, self.gradInput, self.weight, finput,
      fgradInput, self.kT, self.kW, self.kH, self.dT, self.dW, self.dH, self.padT, self.padW, self.padH))
   return self.gradInput
end

function VolumetricConvolution:accGradParameters(input, gradOutput, scale)
   check_input(self, input)
   local finput = common.buffer(self, 'finput', input)
   local fgradInput = common.buffer(self, 'fgradInput', input)
   common.check(self, C.wk_nn_conv3d_acc_grad_parameters(input, gradOutput, self.gradWeight, self.gradBias,
      finput, fgradInput, self.kT, self.kW, self.kH, self.dT, self.dW, self.dH, self.padT, self.padW, self.padH,
      scale or 1))
end

function VolumetricConvolution:type(typename, tensorCache)
   if self.finput then self.finput:set() end
   if self.fgradInput then self.fgradInput:set() end
   return parent.type(self, typename, tensorCache)
end

function VolumetricConvolution:clearState()
   nn.utils.clear(self, 'finput', 'fgradInput', '_input', '_gradOutput')
   return parent.clearState(self)
end

function VolumetricConvolution:__tostring__()
   local s = string.format('%s(%d -> %d, %dx%dx%d', torch.type(self), self.nInputPlane, self.nOutputPlane,
      self.kT, self.kW, self.kH)
   if self.dT ~= 1 or self.dW ~= 1 or self.dH ~= 1 or self.padT ~= 0 or self.padW ~= 0 or self.padH ~= 0 then
      s = s .. string.format(', %d,%d,%d', self.dT, self.dW, self.dH)
   end
   if (self.padT or self.padW or self.padH) and (self.padT ~= 0 or self.padW ~= 0 or self.padH ~= 0) then
      s = s .. ', ' .. self.padT .. ',' .. self.padW .. ',' .. self.padH
   end
   return s .. (self.bias and ')' or ') without bias')
end

return VolumetricConvolution
