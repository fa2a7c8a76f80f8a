--[[ nn.VolumetricMaxPooling(kT, kW, kH [, dT = kT, dW = kW, dH = kH, padT = 0, padW = 0, padH = 0])
— the maximum of each kT x kH x kW window of a sequence of images, in every plane.

   input    C x T x H x W or N x C x T x H x W
   output   C x oT x oH x oW (batched likewise), oT = op((T + 2 padT - kT) / dT) + 1 and oH, oW
            likewise, op floor or (after :ceil()) ceil
   indices  a LongTensor the size of output: the 1-based position (t*H*W + y*W + x + 1) of each
            maximum in its input plane

Padding is at most half the kernel. itime, iheight, iwidth record the last input's size.
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local VolumetricMaxPooling, parent = torch.class('nn.VolumetricMaxPooling', 'nn.Module')

VolumetricMaxPooling.__version = 2

local positive = common.positive
local DIMS = { 4, 5 }
local EXPECTED = 'a 4-d (C x T x H x W) or 5-d (N x C x T x H x W) input'

function VolumetricMaxPooling:__init(kT, kW, kH, dT, dW, dH, padT, padW, padH)
   parent.__init(self)
   local name = torch.type(self)
   self.kT = positive(name, 'kT', kT)
   self.kW = positive(name, 'kW', kW)
   self.kH = positive(name, 'kH', kH)
   self.dT = positive(name, 'dT', dT or kT)
   self.dW = positive(name, 'dW', dW or kW)
   self.dH = positive(name, 'dH', dH or kH)
   self.padT = positive(name, 'padT', padT or 0, true)
   self.padW = positive(name, 'padW', padW or 0, true)
   self.padH = positive(name, 'padH', padH or 0, true)
   self.ceil_mode = false
   self.indices = torch.LongTensor()
end

function VolumetricMaxPooling:ceil()
   self.ceil_mode = true
   return self
end

function VolumetricMaxPooling:floor()
   self.ceil_mode = false
   return self
end

function VolumetricMaxPooling:updateOutput(input)
   common.check_input(self, input, DIMS, EXPECTED)
   local n = input.ndim
   self.itime = tonumber(input.sizes[n - 3])
   self.iheight = tonumber(input.sizes[n - 2])
   self.iwidth = tonumber(input.sizes[n - 1])
   local output = common.buffer(self, 'output', input)
   common.check(self, C.wk_nn_max_pool3d_update_output(input, output, common.indices(self, 'indices'), self.kT,
      self.kW, self.kH, self.dT, self.dW, self.dH, self.padT, self.padW, self.padH, self.ceil_mode and 1 or 0))
   return output
end

function VolumetricMaxPooling:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   common.check_input(self, input, DIMS, EXPECTED)
   local gradInput = common.buffer(self, 'gradInput', input)
   common.check(self, C.wk_nn_max_pool3d_update_grad_input(input, gradOutput, gradInput,
      common.indices(self, 'indices'), self.kT, self.kW, self.kH, self.dT, self.dW, self.dH, self.padT, self.padW,
      self.padH, self.ceil_mode and 1 or 0))
   return gradInput
end

function VolumetricMaxPooling:empty()
   self:clearState()
end

function VolumetricMaxPooling:clearState()
   if self.indices then
      self.indices:set()
   end
   return parent.clearState(self)
end

function VolumetricMaxPooling:__tostring__()
   local s = string.format('%s(%dx%dx%d, %d,%d,%d', torch.type(self), self.kT, self.kW, self.kH, self.dT,
      self.dW, self.dH)
   if (self.padT or self.padW or self.padH) and (self.padT ~= 0 or self.padW ~= 0 or self.padH ~= 0) then
      s = s .. ', ' .. self.padT .. ',' .. self.padW .. ',' .. self.padH
   end
   return s .. ')'
end

return VolumetricMaxPooling
