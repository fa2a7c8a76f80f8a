--[[ nn.SpatialUpSamplingNearest(scale) — upsampling of every plane by an integer factor, each
input pixel repeated in a scale x scale block.

   input    C x H x W or N x C x H x W
   output   C x H*scale x W*scale or N x C x H*scale x W*scale, with
            output[y][x] = input[floor(y/scale)][floor(x/scale)]   (0-based)

The input gradient sums each scale x scale block of gradOutput.
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local SpatialUpSamplingNearest, parent = torch.class('nn.SpatialUpSamplingNearest', 'nn.Module')

local DIMS = { 3, 4 }
local EXPECTED = 'a 3-d (C x H x W) or 4-d (N x C x H x W) input'

function SpatialUpSamplingNearest:__init(scale)
   parent.__init(self)
   self.scale_factor = common.positive(torch.type(self), 'scale', scale)
end

function SpatialUpSamplingNearest:updateOutput(input)
   common.check_input(self, input, DIMS, EXPECTED)
   local output = common.buffer(self, 'output', input)
   common.check(self, C.wk_nn_upsample_nearest2d_update_output(input, output, self.scale_factor))
   return output
end

function SpatialUpSamplingNearest:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   common.check_input(self, input, DIMS, EXPECTED)
   local gradInput = common.buffer(self, 'gradInput', input)
   common.check(self, C.wk_nn_upsample_nearest2d_update_grad_input(input, gradOutput, gradInput,
      self.scale_factor))
   return gradInput
end

function SpatialUpSamplingNearest:__tostring__()
   return string.format('%s(%d)', torch.type(self), self.scale_factor)
end

return SpatialUpSamplingNearest
