--[[ nn.SpatialReflectionPadding(pad_l [, pad_r = pad_l, pad_t = pad_l, pad_b = pad_l]) — pads every
plane with the reflection of the input at its border (the border pixel itself not repeated: a b c d
padded by 2 on the left is c b a b c d). Each padding must be smaller than the input's size there.

   input    C x H x W or N x C x H x W
   output   C x (H + pad_t + pad_b) x (W + pad_l + pad_r), batched likewise

The input gradient adds each gradOutput element to the input pixel it was read from.
The code is nn._SpatialPadding's (nn/_SpatialPadding.lua); only the kernels differ.
]]

require 'torch'
require 'nn._SpatialPadding'

local SpatialReflectionPadding = torch.class('nn.SpatialReflectionPadding', 'nn._SpatialPadding')

SpatialReflectionPadding._kernels = {
   output = 'wk_nn_reflection_pad2d_update_output',
   grad_input = 'wk_nn_reflection_pad2d_update_grad_input',
}

return SpatialReflectionPadding
