--[[ nn.SpatialMaxUnpooling(poolingModule) — the inverse of a nn.SpatialMaxPooling: puts each input
element back where that pooling module found its maximum, zeros elsewhere.

   poolingModule  a nn.SpatialMaxPooling whose kernel equals its stride (non-overlapping windows)
   input          the size of poolingModule's output (C x h x w or N x C x h x w)
   output         the size of poolingModule's last input: C x H x W or N x C x H x W, with
                  output at index indices[i] = input[i] in each plane (indices = poolingModule.indices)

The pooling module must have run forward first (its indices and input size are read at each
call). The input gradient reads gradOutput at the same positions.
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local SpatialMaxUnpooling, parent = torch.class('nn.SpatialMaxUnpooling', 'nn.Module')

local DIMS = { 3, 4 }
local EXPECTED = 'a 3-d (C x h x w) or 4-d (N x C x h x w) input: the pooling module\'s output'

function SpatialMaxUnpooling:__init(poolingModule)
   parent.__init(self)
   if torch.type(poolingModule) ~= 'nn.SpatialMaxPooling' then
      common.raise('nn.SpatialMaxUnpooling: the argument must be a nn.SpatialMaxPooling, got '
         .. torch.type(poolingModule))
   end
   if poolingModule.kH ~= poolingModule.dH or poolingModule.kW ~= poolingModule.dW then
      common.raise(string.format('nn.SpatialMaxUnpooling: the pooling module\'s kernel (%dx%d) must equal its '
         .. 'stride (%d,%d)', poolingModule.kW, poolingModule.kH, poolingModule.dW, poolingModule.dH))
   end
   self.pooling = poolingModule
end

function SpatialMaxUnpooling:setParams()
   local pooling = self.pooling
   if not pooling.iheight then
      common.raise('nn.SpatialMaxUnpooling: run the pooling module\'s forward first')
   end
   self.indices = pooling.indices
   self.oheight = pooling.iheight
   self.owidth = pooling.iwidth
end

function SpatialMaxUnpooling:updateOutput(input)
   common.check_input(self, input, DIMS, EXPECTED)
   self:setParams()
   local output = common.buffer(self, 'output', input)
   common.check(self, C.wk_nn_max_unpool2d_update_output(input, output, self.indices, self.owidth, self.oheight))
   return output
end

function SpatialMaxUnpooling:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   common.check_input(self, input, DIMS, EXPECTED)
   self:setParams()
   local gradInput = common.buffer(self, 'gradInput', input)
   common.check(self, C.wk_nn_max_unpool2d_update_grad_input(input, gradOutput, gradInput, self.indices,
      self.owidth, self.oheight))
   return gradInput
end

function SpatialMaxUnpooling:empty()
   self:clearState()
end

function SpatialMaxUnpooling:__tostring__()
   return 'nn.SpatialMaxUnpooling associated to ' .. tostring(self.pooling)
end

return SpatialMaxUnpooling
