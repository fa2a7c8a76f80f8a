--[[ nn.SpatialConvolutionMM(nInputPlane, nOutputPlane, kW, kH [, dW = 1, dH = 1, padW = 0, padH = padW])
— a 2-d convolution, the same as nn.SpatialConvolution with the weight kept as a matrix.

   input    nInputPlane x H x W or N x nInputPlane x H x W
   output   nOutputPlane x oH x oW or N x nOutputPlane x oH x oW (sizes as SpatialConvolution)
   weight   nOutputPlane x (nInputPlane*kH*kW): row o is SpatialConvolution's weight[o] flattened
            in (plane, row, column) order; gradWeight likewise
   bias     nOutputPlane, gradBias likewise (absent after :noBias())

   conv:noBias(), conv:reset([stdv])   as SpatialConvolution

The same kernel as SpatialConvolution (the weight's shape does not matter to it); finput and
fgradInput are its scratch buffers (see nn.SpatialConvolution). An old `padding` field becomes
padW/padH.
]]

require 'torch'

local common = require 'nn.conv_common'

local SpatialConvolutionMM, parent = torch.class('nn.SpatialConvolutionMM', 'nn.Module')

local sqrt = math.sqrt
local positive = common.positive

function SpatialConvolutionMM:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH)
   parent.__init(self)
   local name = torch.type(self)
   self.nInputPlane = positive(name, 'nInputPlane', nInputPlane)
   self.nOutputPlane = positive(name, 'nOutputPlane', nOutputPlane)
   self.kW = positive(name, 'kW', kW)
   self.kH = positive(name, 'kH', kH)
   self.dW = positive(name, 'dW', dW or 1)
   self.dH = positive(name, 'dH', dH or 1)
   self.padW = positive(name, 'padW', padW or 0, true)
   self.padH = positive(name, 'padH', padH or self.padW, true)
   self.weight = torch.Tensor(nOutputPlane, nInputPlane * kH * kW)
   self.bias = torch.Tensor(nOutputPlane)
   self.gradWeight = torch.Tensor(nOutputPlane, nInputPlane * kH * kW)
   self.gradBias = torch.Tensor(nOutputPlane)
   self:reset()
end

function SpatialConvolutionMM:noBias()
   self.bias = nil
   self.gradBias = nil
   return self
end

function SpatialConvolutionMM:reset(stdv)
   if stdv then
      stdv = stdv * sqrt(3)
   else
      stdv = 1 / sqrt(self.kW * self.kH * self.nInputPlane)
   end
   self.weight:uniform(-stdv, stdv)
   if self.bias then
      self.bias:uniform(-stdv, stdv)
   end
   return self
end

local function backCompatibility(self)
   if self.padding then
      self.padW = self.padding
      self.padH = self.padding
      self.padding = nil
   end
end

function SpatialConvolutionMM:updateOutput(input)
   backCompatibility(self)
   return common.conv2d_update_output(self, input)
end

function SpatialConvolutionMM:updateGradInput(input, gradOutput)
   backCompatibility(self)
   return common.conv2d_update_grad_input(self, input, gradOutput)
end

function SpatialConvolutionMM:accGradParameters(input, gradOutput, scale)
   backCompatibility(self)
   common.conv2d_acc_grad_parameters(self, input, gradOutput, scale)
end

function SpatialConvolutionMM:type(typename, tensorCache)
   if self.finput then self.finput:set() end
   if self.fgradInput then self.fgradInput:set() end
   return parent.type(self, typename, tensorCache)
end

function SpatialConvolutionMM:clearState()
   nn.utils.clear(self, 'finput', 'fgradInput', '_input', '_gradOutput')
   return parent.clearState(self)
end

function SpatialConvolutionMM:__tostring__()
   return common.conv2d_tostring(self) .. (self.bias and ')' or ') without bias')
end

return SpatialConvolutionMM
