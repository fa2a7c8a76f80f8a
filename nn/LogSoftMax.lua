--[[ nn.LogSoftMax() — y_i = x_i - max - log(sum_j exp(x_j - max)), over one dimension.

   input    1-d (n), 2-d (batch x n): over the last dimension;
            3-d (n x h x w), 4-d (batch x n x h x w): over the feature planes (dimension 1 of the
            sample) at each position, as Torch7
   output   the same shape
   gradInput = gradOutput - exp(y) * sum(gradOutput), over the same dimension
            (read from the output: forward comes first)

Stable: the largest element is subtracted before exponentiating, so large inputs do not overflow.
C kernels: wk_nn_log_softmax_forward/backward (core/nn_activation.c), called by nn._SoftMax
(nn/_SoftMax.lua), the code this module shares with nn.SoftMax.
]]

require 'torch'
require 'nn._SoftMax'

local LogSoftMax = torch.class('nn.LogSoftMax', 'nn._SoftMax')

LogSoftMax._kernels = { forward = 'wk_nn_log_softmax_forward', backward = 'wk_nn_log_softmax_backward' }

return LogSoftMax
