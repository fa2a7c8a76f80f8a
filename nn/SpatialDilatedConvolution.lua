--[[ nn.SpatialDilatedConvolution(nInputPlane, nOutputPlane, kW, kH [, dW = 1, dH = 1, padW = 0,
padH = padW, dilationW = 1, dilationH = 1]) — a 2-d convolution whose kernel taps are
`dilation` pixels apart ("atrous" convolution); dilation 1 is nn.SpatialConvolution.

   input    nInputPlane x H x W or N x nInputPlane x H x W
   output   nOutputPlane x oH x oW or N x nOutputPlane x oH x oW, where
            oW = floor((W + 2 padW - dilationW (kW - 1) - 1) / dW) + 1, oH likewise
   weight   nOutputPlane x nInputPlane x kH x kW; bias nOutputPlane (absent after :noBias())

   output[n][o][y][x] = bias[o] + sum over i, ky, kx of weight[o][i][ky][kx] *
                        input[n][i][y*dH - padH + ky*dilationH][x*dW - padW + kx*dilationW]

A subclass of nn.SpatialConvolution (as in Torch7): the same kernel and buffers.
]]

require 'torch'
require 'nn.SpatialConvolution'

local common = require 'nn.conv_common'

local SpatialDilatedConvolution, parent =
   torch.class('nn.SpatialDilatedConvolution', 'nn.SpatialConvolution')

function SpatialDilatedConvolution:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, dilationW,
                                          dilationH)
   parent.__init(self, nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH)
   self.dilationW = common.positive(torch.type(self), 'dilationW', dilationW or 1)
   self.dilationH = common.positive(torch.type(self), 'dilationH', dilationH or 1)
end

function SpatialDilatedConvolution:__tostring__()
   return common.conv2d_tostring(self) .. ', ' .. self.dilationW .. ',' .. self.dilationH
      .. (self.bias and ')' or ') without bias')
end

return SpatialDilatedConvolution
