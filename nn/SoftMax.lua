--[[ nn.SoftMax() — y_i = exp(x_i - max) / sum_j exp(x_j - max), over one dimension.

   input    1-d (n), 2-d (batch x n): over the last dimension;
            3-d (n x h x w), 4-d (batch x n x h x w): over the feature planes (dimension 1 of the
            sample) at each position, as Torch7
   output   the same shape
   gradInput = y * (gradOutput - sum(gradOutput * y)), over the same dimension
            (read from the output: forward comes first)

Stable: the largest element is subtracted before exponentiating, so large inputs do not overflow.
C kernels: wk_nn_softmax_forward/backward (core/nn_activation.c), called by nn._SoftMax
(nn/_SoftMax.lua), the code this module shares with nn.LogSoftMax.
]]

require 'torch'
require 'nn._SoftMax'

local SoftMax = torch.class('nn.SoftMax', 'nn._SoftMax')

SoftMax._kernels = { forward = 'wk_nn_softmax_forward', backward = 'wk_nn_softmax_backward' }

return SoftMax
