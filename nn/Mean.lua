--[[ nn.Mean([dimension = 1] [, nInputDims] [, squeeze = true]) — the mean of the input over one
dimension: nn.Sum with sizeAverage (as Torch7).

   dimension, nInputDims, squeeze   as nn.Sum
   gradInput  gradOutput / n repeated along that dimension (n its size)
]]

require 'torch'

local Mean, parent = torch.class('nn.Mean', 'nn.Sum')

function Mean:__init(dimension, nInputDims, squeeze)
   parent.__init(self, dimension, nInputDims, true, squeeze)
end

return Mean
