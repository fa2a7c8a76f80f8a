--[[ nn.SpatialBatchNormalization(N [, eps = 1e-5] [, momentum = 0.1] [, affine = true]) — batch
normalization of N feature maps: each map is normalized over the batch and its H x W positions.

   input    batch x N x H x W (4-d); in evaluation mode also a single sample N x H x W
   output   the same shape

Everything else (arguments, fields running_mean, running_var, save_mean, save_std, the weight
and bias of N elements, training and evaluation) is nn.BatchNormalization's, with nDim = 4.
Prints as Torch7: nn.SpatialBatchNormalization (4D) (N).
]]

require 'torch'

local SBN, parent = torch.class('nn.SpatialBatchNormalization', 'nn.BatchNormalization')

SBN.__version = 2
SBN.nDim = 4

function SBN:__init(nOutput, eps, momentum, affine)
   parent.__init(self, nOutput, eps, momentum, affine)
end

return SBN
