--[[ nn.SpatialZeroPadding(pad_l [, pad_r = pad_l, pad_t = pad_l, pad_b = pad_l]) — pads every
plane with zeros; negative paddings crop instead.

   input    C x H x W or N x C x H x W
   output   C x (H + pad_t + pad_b) x (W + pad_l + pad_r), batched likewise

The input gradient is gradOutput without the padding (zero where the input was cropped).
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local SpatialZeroPadding, parent = torch.class('nn.SpatialZeroPadding', 'nn.Module')

local DIMS = { 3, 4 }
local EXPECTED = 'a 3-d (C x H x W) or 4-d (N x C x H x W) input'

function SpatialZeroPadding:__init(pad_l, pad_r, pad_t, pad_b)
   parent.__init(self)
   self.pad_l = pad_l
   self.pad_r = pad_r or self.pad_l
   self.pad_t = pad_t or self.pad_l
   self.pad_b = pad_b or self.pad_l
   for _, name in ipairs({ 'pad_l', 'pad_r', 'pad_t', 'pad_b' }) do
      local v = self[name]
      if type(v) ~= 'number' or v ~= math.floor(v) then
         common.raise(string.format('%s: %s must be an integer, got %s', torch.type(self), name, tostring(v)))
      end
   end
end

function SpatialZeroPadding:updateOutput(input)
   common.check_input(self, input, DIMS, EXPECTED)
   local output = common.buffer(self, 'output', input)
   common.check(self, C.wk_nn_zero_pad2d_update_output(input, output, self.pad_l, self.pad_r, self.pad_t,
      self.pad_b))
   return output
end

function SpatialZeroPadding:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   common.check_input(self, input, DIMS, EXPECTED)
   local gradInput = common.buffer(self, 'gradInput', input)
   common.check(self, C.wk_nn_zero_pad2d_update_grad_input(input, gradOutput, gradInput, self.pad_l,
      self.pad_r, self.pad_t, self.pad_b))
   return gradInput
end

function SpatialZeroPadding:__tostring__()
   return torch.type(self) .. string.format('(l=%d, r=%d, t=%d, b=%d)', self.pad_l, self.pad_r, self.pad_t,
      self.pad_b)
end

return SpatialZeroPadding
