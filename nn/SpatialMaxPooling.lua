--[[ nn.SpatialMaxPooling(kW, kH [, dW = kW, dH = kH, padW = 0, padH = 0]) — the maximum of each
kW x kH window, windows dW, dH apart, in every plane.

   input    C x H x W or N x C x H x W
   output   C x oH x oW or N x C x oH x oW, where
            oW = op((W + 2 padW - kW) / dW) + 1, oH = op((H + 2 padH - kH) / dH) + 1
            and op is floor, or ceil after :ceil() (:floor() goes back). In ceil mode a last
            window that would start inside the right/bottom padding is dropped.
   indices  a LongTensor the size of output: the 1-based position (y*W + x + 1) of each maximum
            in its input plane, kept for the backward pass and for nn.SpatialMaxUnpooling

Padding (at most half the kernel) takes part as -infinity. A NaN in a window is its maximum.
The input gradient sends each gradOutput element to its maximum's position (summing where
windows overlap). iheight and iwidth record the last input's size (SpatialMaxUnpooling reads them).
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local SpatialMaxPooling, parent = torch.class('nn.SpatialMaxPooling', 'nn.Module')

local positive = common.positive
local DIMS = { 3, 4 }
local EXPECTED = 'a 3-d (C x H x W) or 4-d (N x C x H x W) input'

function SpatialMaxPooling:__init(kW, kH, dW, dH, padW, padH)
   parent.__init(self)
   local name = torch.type(self)
   self.kW = positive(name, 'kW', kW)
   self.kH = positive(name, 'kH', kH)
   self.dW = positive(name, 'dW', dW or kW)
   self.dH = positive(name, 'dH', dH or kH)
   self.padW = positive(name, 'padW', padW or 0, true)
   self.padH = positive(name, 'padH', padH or 0, true)
   self.ceil_mode = false
   self.indices = torch.LongTensor()
end

function SpatialMaxPooling:ceil()
   self.ceil_mode = true
   return self
end

function SpatialMaxPooling:floor()
   self.ceil_mode = false
   return self
end

function SpatialMaxPooling:updateOutput(input)
   common.check_input(self, input, DIMS, EXPECTED)
   local n = input.ndim
   self.iheight = tonumber(input.sizes[n - 2])
   self.iwidth = tonumber(input.sizes[n - 1])
   self.ceil_mode = self.ceil_mode or false
   self.padW = self.padW or 0
   self.padH = self.padH or 0
   local output = common.buffer(self, 'output', input)
   common.check(self, C.wk_nn_max_pool2d_update_output(input, output, common.indices(self, 'indices'), self.kW,
      self.kH, self.dW, self.dH, self.padW, self.padH, self.dilationW or 1, self.dilationH or 1,
      self.ceil_mode and 1 or 0))
   return output
end

function SpatialMaxPooling:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   common.check_input(self, input, DIMS, EXPECTED)
   local gradInput = common.buffer(self, 'gradInput', input)
   common.check(self, C.wk_nn_max_pool2d_update_grad_input(input, gradOutput, gradInput,
      common.indices(self, 'indices'), self.kW, self.kH, self.dW, self.dH, self.padW, self.padH,
      self.dilationW or 1, self.dilationH or 1, self.ceil_mode and 1 or 0))
   return gradInput
end

-- Torch7's older name for clearState.
function SpatialMaxPooling:empty()
   self:clearState()
end

function SpatialMaxPooling:clearState()
   if self.indices then
      self.indices:set()
   end
   return parent.clearState(self)
end

function SpatialMaxPooling:__tostring__()
   local s = string.format('%s(%dx%d, %d,%d', torch.type(self), self.kW, self.kH, self.dW, self.dH)
   if (self.padW or self.padH) and (self.padW ~= 0 or self.padH ~= 0) then
      s = s .. ', ' .. self.padW .. ',' .. self.padH
   end
   return s .. ')'
end

return SpatialMaxPooling
