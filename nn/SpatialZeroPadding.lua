--[[ nn.SpatialZeroPadding(pad_l [, pad_r = pad_l, pad_t = pad_l, pad_b = pad_l]) — pads every
plane with zeros; negative paddings crop instead.

   input    C x H x W or N x C x H x W
   output   C x (H + pad_t + pad_b) x (W + pad_l + pad_r), batched likewise

The input gradient is gradOutput without the padding (zero where the input was cropped).
The code is nn._SpatialPadding's (nn/_SpatialPadding.lua); only the kernels differ.
]]

require 'torch'
require 'nn._SpatialPadding'

local SpatialZeroPadding = torch.class('nn.SpatialZeroPadding', 'nn._SpatialPadding')

SpatialZeroPadding._kernels = {
   output = 'wk_nn_zero_pad2d_update_output',
   grad_input = 'wk_nn_zero_pad2d_update_grad_input',
}

return SpatialZeroPadding
