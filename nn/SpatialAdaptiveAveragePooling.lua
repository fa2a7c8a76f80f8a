--[[ nn.SpatialAdaptiveAveragePooling(W, H) — average pooling to an output of W x H whatever the
input size.

   input    C x iH x iW or N x C x iH x iW
   output   C x H x W or N x C x H x W; output cell (i, j) (0-based) is the mean of input rows
            floor(i*iH/H) .. ceil((i+1)*iH/H) - 1 and columns floor(j*iW/W) .. ceil((j+1)*iW/W) - 1
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local SpatialAdaptiveAveragePooling, parent = torch.class('nn.SpatialAdaptiveAveragePooling', 'nn.Module')

local DIMS = { 3, 4 }
local EXPECTED = 'a 3-d (C x H x W) or 4-d (N x C x H x W) input'

function SpatialAdaptiveAveragePooling:__init(W, H)
   parent.__init(self)
   self.W = common.positive(torch.type(self), 'W', W)
   self.H = common.positive(torch.type(self), 'H', H)
end

function SpatialAdaptiveAveragePooling:updateOutput(input)
   common.check_input(self, input, DIMS, EXPECTED)
   local output = common.buffer(self, 'output', input)
   common.check(self, C.wk_nn_adaptive_avg_pool2d_update_output(input, output, self.W, self.H))
   return output
end

function SpatialAdaptiveAveragePooling:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   common.check_input(self, input, DIMS, EXPECTED)
   local gradInput = common.buffer(self, 'gradInput', input)
   common.check(self, C.wk_nn_adaptive_avg_pool2d_update_grad_input(input, gradOutput, gradInput))
   return gradInput
end

return SpatialAdaptiveAveragePooling
