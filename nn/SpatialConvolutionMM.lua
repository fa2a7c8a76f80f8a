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

-- Everything but the weight's layout is nn.SpatialConvolution's.
local SpatialConvolutionMM = torch.class('nn.SpatialConvolutionMM', 'nn.SpatialConvolution')

SpatialConvolutionMM.weightDims = 2

function SpatialConvolutionMM:weightSize()
   return self.nOutputPlane, self.nInputPlane * self.kH * self.kW
end

return SpatialConvolutionMM
