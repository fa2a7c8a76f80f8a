--[[ nn._SpatialPadding — what nn.SpatialZeroPadding, nn.SpatialReflectionPadding and
nn.SpatialReplicationPadding share (a hidden base class, not a module to use).

The three differ only in their C kernels (core/nn_upsample.c: wk_nn_<kind>_pad2d_*). A
subclass names its pair:

   Foo._kernels = { output = 'wk_nn_foo_pad2d_update_output',
                    grad_input = 'wk_nn_foo_pad2d_update_grad_input' }

Both take (input, output or gradOutput, [gradInput,] pad_l, pad_r, pad_t, pad_b).
Fields as Torch7: pad_l, pad_r, pad_t, pad_b.
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local SpatialPadding, parent = torch.class('nn._SpatialPadding', 'nn.Module')

local DIMS = { 3, 4 }
local EXPECTED = 'a 3-d (C x H x W) or 4-d (N x C x H x W) input'

function SpatialPadding:__init(pad_l, pad_r, pad_t, pad_b)
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

function SpatialPadding:updateOutput(input)
   common.check_input(self, input, DIMS, EXPECTED)
   local output = common.buffer(self, 'output', input)
   common.check(self, C[self._kernels.output](input, output, self.pad_l, self.pad_r, self.pad_t, self.pad_b))
   return output
end

function SpatialPadding:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   common.check_input(self, input, DIMS, EXPECTED)
   local gradInput = common.buffer(self, 'gradInput', input)
   common.check(self, C[self._kernels.grad_input](input, gradOutput, gradInput, self.pad_l, self.pad_r,
      self.pad_t, self.pad_b))
   return gradInput
end

function SpatialPadding:__tostring__()
   return torch.type(self) .. string.format('(l=%d, r=%d, t=%d, b=%d)', self.pad_l, self.pad_r, self.pad_t,
      self.pad_b)
end

return SpatialPadding
