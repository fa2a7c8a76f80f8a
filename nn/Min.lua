--[[ nn.Min([dimension = 1] [, nInputDims]) — the min of the input over one dimension.

   dimension   negative counts from the last (-1 is the last dimension)
   nInputDims  the number of dimensions of one sample: an input with one more is a batch, and the
               min runs over dimension + 1
   output      the minima, that dimension dropped (unless the input is 1-d)
   gradInput   zeros of the input's shape, with gradOutput at the position of each minimum (the
               first one among ties)

Fields as Torch7: dimension, nInputDims, and the buffers _output, _indices (a LongTensor).
The code is nn._Extremum's (nn/_Extremum.lua), shared with nn.Max.
]]

require 'torch'
require 'nn._Extremum'

local Min = torch.class('nn.Min', 'nn._Extremum')

Min._reduce = 'min' -- torch.min(values, indices, input, dimension)

return Min
