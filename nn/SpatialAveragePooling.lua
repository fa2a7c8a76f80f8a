--[[ nn.SpatialAveragePooling(kW, kH [, dW = 1, dH = 1, padW = 0, padH = 0]) — the mean of each
kW x kH window, windows dW, dH apart, in every plane.

   input    C x H x W or N x C x H x W
   output   C x oH x oW or N x C x oH x oW, where
            oW = op((W + 2 padW - kW) / dW) + 1, oH = op((H + 2 padH - kH) / dH) + 1
            and op is floor, or ceil after :ceil() (:floor() goes back)

   pool:setCountIncludePad()  divide by the window's size within the zero-padded input (the
                              default, count_include_pad = true: usually kW*kH)
   pool:setCountExcludePad()  divide by the number of input elements the window covers
   pool:ceil(), pool:floor()  the rounding of the output size

Modules saved by old Torch7 versions without `divide` sum instead of averaging, as they did.
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local SpatialAveragePooling, parent = torch.class('nn.SpatialAveragePooling', 'nn.Module')

local positive = common.positive
local DIMS = { 3, 4 }
local EXPECTED = 'a 3-d (C x H x W) or 4-d (N x C x H x W) input'

function SpatialAveragePooling:__init(kW, kH, dW, dH, padW, padH)
   parent.__init(self)
   local name = torch.type(self)
   self.kW = positive(name, 'kW', kW)
   self.kH = positive(name, 'kH', kH)
   self.dW = positive(name, 'dW', dW or 1)
   self.dH = positive(name, 'dH', dH or 1)
   self.padW = positive(name, 'padW', padW or 0, true)
   self.padH = positive(name, 'padH', padH or 0, true)
   self.ceil_mode = false
   self.count_include_pad = true
   self.divide = true
end

function SpatialAveragePooling:ceil()
   self.ceil_mode = true
   return self
end

function SpatialAveragePooling:floor()
   self.ceil_mode = false
   return self
end

function SpatialAveragePooling:setCountIncludePad()
   self.count_include_pad = true
   return self
end

function SpatialAveragePooling:setCountExcludePad()
   self.count_include_pad = false
   return self
end

local function backCompatibility(self)
   if self.ceil_mode == nil then
      self.ceil_mode = false
      self.count_include_pad = true
      self.padH = 0
      self.padW = 0
   end
end

function SpatialAveragePooling:updateOutput(input)
   backCompatibility(self)
   common.check_input(self, input, DIMS, EXPECTED)
   local output = common.buffer(self, 'output', input)
   common.check(self, C.wk_nn_avg_pool2d_update_output(input, output, self.kW, self.kH, self.dW, self.dH,
      self.padW, self.padH, self.ceil_mode and 1 or 0, self.count_include_pad and 1 or 0))
   if not self.divide then
      output:mul(self.kW * self.kH)
   end
   return output
end

function SpatialAveragePooling:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   backCompatibility(self)
   common.check_input(self, input, DIMS, EXPECTED)
   local gradInput = common.buffer(self, 'gradInput', input)
   common.check(self, C.wk_nn_avg_pool2d_update_grad_input(input, gradOutput, gradInput, self.kW, self.kH,
      self.dW, self.dH, self.padW, self.padH, self.ceil_mode and 1 or 0, self.count_include_pad and 1 or 0))
   if not self.divide then
      gradInput:mul(self.kW * self.kH)
   end
   return gradInput
end

function SpatialAveragePooling:__tostring__()
   local s = string.format('%s(%dx%d, %d,%d', torch.type(self), self.kW, self.kH, self.dW, self.dH)
   if (self.padW or self.padH) and (self.padW ~= 0 or self.padH ~= 0) then
      s = s .. ', ' .. self.padW .. ',' .. self.padH
   end
   return s .. ')'
end

return SpatialAveragePooling
