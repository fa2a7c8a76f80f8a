--[[ nn.SpatialConvolution(nInputPlane, nOutputPlane, kW, kH [, dW = 1, dH = 1, padW = 0, padH = padW])
— a 2-d convolution over an image of several planes.

   input    nInputPlane x H x W (one image) or N x nInputPlane x H x W (a batch)
   output   nOutputPlane x oH x oW or N x nOutputPlane x oH x oW, where
            oW = floor((W + 2 padW - kW) / dW) + 1, oH = floor((H + 2 padH - kH) / dH) + 1
   weight   nOutputPlane x nInputPlane x kH x kW, gradWeight likewise
   bias     nOutputPlane, gradBias likewise (absent after :noBias())

   output[n][o][y][x] = bias[o] + sum over i, ky, kx of
                        weight[o][i][ky][kx] * input[n][i][y*dH - padH + ky][x*dW - padW + kx]
   (zero outside the input)

   conv:noBias()        drops the bias; returns self
   conv:reset([stdv])   weight and bias uniform in [-stdv, stdv]; stdv defaults to
                        1/sqrt(kW*kH*nInputPlane), a given stdv is scaled by sqrt(3) (Torch7)

Buffers, with Torch7's names: finput and fgradInput, the kernel's scratch (kept between calls so
a training step allocates nothing). Setting gradInput to nil skips the input gradient, as Torch7
does (a first layer needs none). The kernels (core/nn_conv.c, core/nn_conv_gemm.c) split the
batch across threads and multiply without forming the im2col columns where they can; see there.

Files written by Torch7 load as they are: an old `padding` field becomes padW/padH, and a 2-d
weight (SpatialConvolutionMM's layout) is viewed as 4-d.
]]

require 'torch'

local common = require 'nn.conv_common'

local SpatialConvolution, parent = torch.class('nn.SpatialConvolution', 'nn.Module')

local sqrt = math.sqrt
local positive = common.positive

function SpatialConvolution:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH)
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
   self.weight = torch.Tensor(self:weightSize())
   self.bias = torch.Tensor(nOutputPlane)
   self.gradWeight = torch.Tensor(self:weightSize())
   self.gradBias = torch.Tensor(nOutputPlane)
   self:reset()
end

-- The weight's layout: 4-d here; nn.SpatialConvolutionMM keeps the same numbers as a matrix.
-- The kernels take either.
SpatialConvolution.weightDims = 4

function SpatialConvolution:weightSize()
   return self.nOutputPlane, self.nInputPlane, self.kH, self.kW
end

function SpatialConvolution:noBias()
   self.bias = nil
   self.gradBias = nil
   return self
end

function SpatialConvolution:reset(stdv)
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

-- Fields of modules saved by older Torch7 versions.
local function backCompatibility(self)
   if self.padding then
      self.padW = self.padding
      self.padH = self.padding
      self.padding = nil
   else
      self.padW = self.padW or 0
      self.padH = self.padH or 0
   end
   -- A weight saved in the other class's layout (Torch7 files) is viewed in this one's.
   if self.weight:dim() ~= self.weightDims then
      self.weight = self.weight:view(self:weightSize())
   end
   if self.gradWeight and self.gradWeight:dim() ~= self.weightDims then
      self.gradWeight = self.gradWeight:view(self:weightSize())
   end
end

function SpatialConvolution:updateOutput(input)
   backCompatibility(self)
   return common.conv2d_update_output(self, input)
end

function SpatialConvolution:updateGradInput(input, gradOutput)
   backCompatibility(self)
   return common.conv2d_update_grad_input(self, input, gradOutput)
end

function SpatialConvolution:accGradParameters(input, gradOutput, scale)
   backCompatibility(self)
   common.conv2d_acc_grad_parameters(self, input, gradOutput, scale)
end

function SpatialConvolution:type(typename, tensorCache)
   -- the buffers are rebuilt at the next forward: no point converting their contents
   if self.finput then self.finput:set() end
   if self.fgradInput then self.fgradInput:set() end
   return parent.type(self, typename, tensorCache)
end

function SpatialConvolution:clearState()
   nn.utils.clear(self, 'finput', 'fgradInput', '_input', '_gradOutput')
   return parent.clearState(self)
end

function SpatialConvolution:__tostring__()
   return common.conv2d_tostring(self) .. (self.bias and ')' or ') without bias')
end

return SpatialConvolution
