--[[ nn.SpatialUpSamplingBilinear(scale) or nn.SpatialUpSamplingBilinear({oheight = H, owidth = W})
— bilinear upsampling of every plane, the corners aligned: the input's corner pixels are the
output's, and the output samples the input on an even grid between them.

   input    C x iH x iW or N x C x iH x iW
   output   C x oH x oW or N x C x oH x oW, with oH = (iH - 1)(scale - 1) + iH and
            oW = (iW - 1)(scale - 1) + iW (so every scale-th output pixel is an input pixel),
            or the sizes given
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local SpatialUpSamplingBilinear, parent = torch.class('nn.SpatialUpSamplingBilinear', 'nn.Module')

local DIMS = { 3, 4 }
local EXPECTED = 'a 3-d (C x H x W) or 4-d (N x C x H x W) input'

function SpatialUpSamplingBilinear:__init(params)
   parent.__init(self)
   local name = torch.type(self)
   if type(params) == 'table' then
      self.oheight = common.positive(name, 'oheight', params.oheight)
      self.owidth = common.positive(name, 'owidth', params.owidth)
   else
      self.scale_factor = common.positive(name, 'scale', params)
   end
end

-- The output's height and width for an input of iH x iW.
function SpatialUpSamplingBilinear:outputSize(iH, iW)
   if self.scale_factor then
      return (iH - 1) * (self.scale_factor - 1) + iH, (iW - 1) * (self.scale_factor - 1) + iW
   end
   return self.oheight, self.owidth
end

function SpatialUpSamplingBilinear:updateOutput(input)
   common.check_input(self, input, DIMS, EXPECTED)
   local n = input.ndim
   local oH, oW = self:outputSize(tonumber(input.sizes[n - 2]), tonumber(input.sizes[n - 1]))
   local output = common.buffer(self, 'output', input)
   common.check(self, C.wk_nn_upsample_bilinear2d_update_output(input, output, oH, oW))
   return output
end

function SpatialUpSamplingBilinear:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   common.check_input(self, input, DIMS, EXPECTED)
   local n = input.ndim
   local oH, oW = self:outputSize(tonumber(input.sizes[n - 2]), tonumber(input.sizes[n - 1]))
   if not torch.isTensor(gradOutput) or gradOutput.ndim ~= n or tonumber(gradOutput.sizes[n - 2]) ~= oH
         or tonumber(gradOutput.sizes[n - 1]) ~= oW then
      common.raise(string.format('%s: gradOutput %s does not match the output (%dx%d planes)', torch.type(self),
         common.describe(gradOutput), oH, oW))
   end
   local gradInput = common.buffer(self, 'gradInput', input)
   common.check(self, C.wk_nn_upsample_bilinear2d_update_grad_input(input, gradOutput, gradInput))
   return gradInput
end

function SpatialUpSamplingBilinear:__tostring__()
   if self.scale_factor then
      return string.format('%s(%d)', torch.type(self), self.scale_factor)
   end
   return string.format('%s(%d, %d)', torch.type(self), self.oheight, self.owidth)
end

return SpatialUpSamplingBilinear
