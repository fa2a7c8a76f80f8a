--[[ nn.SpatialReplicationPadding(pad_l [, pad_r = pad_l, pad_t = pad_l, pad_b = pad_l]) — pads every
plane with copies of the input's border pixels (a b c d padded by 2 on the left is a a a b c d).
Negative paddings crop.

   input    C x H x W or N x C x H x W
   output   C x (H + pad_t + pad_b) x (W + pad_l + pad_r), batched likewise

The input gradient adds each gradOutput element to the input pixel it was read from.
The code is nn._SpatialPadding's (nn/_SpatialPadding.lua); only the kernels differ.
]]

require 'torch'
require 'nn._SpatialPadding'

local SpatialReplicationPadding = torch.class('nn.SpatialReplicationPadding', 'nn._SpatialPadding')

SpatialReplicationPadding._kernels = {
   output = 'wk_nn_replication_pad2d_update_output',
   grad_input = 'wk_nn_replication_pad2d_update_grad_input',
}

return SpatialReplicationPadding
