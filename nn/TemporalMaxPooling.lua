--[[ nn.TemporalMaxPooling(kW [, dW = kW]) — the maximum over windows of kW frames, dW apart, of
every feature of a sequence.

   input    nInputFrame x inputFrameSize or N x nInputFrame x inputFrameSize
   output   nOutputFrame x inputFrameSize (batched likewise), nOutputFrame = (nInputFrame - kW) / dW + 1
   indices  a LongTensor the size of output: the 1-based position (t*inputFrameSize + f + 1) of
            each maximum in its sample
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local TemporalMaxPooling, parent = torch.class('nn.TemporalMaxPooling', 'nn.Module')

local DIMS = { 2, 3 }
local EXPECTED = 'a 2-d (nInputFrame x inputFrameSize) or 3-d (N x nInputFrame x inputFrameSize) input'

function TemporalMaxPooling:__init(kW, dW)
   parent.__init(self)
   self.kW = common.positive(torch.type(self), 'kW', kW)
   self.dW = common.positive(torch.type(self), 'dW', dW or kW)
end

function TemporalMaxPooling:updateOutput(input)
   common.check_input(self, input, DIMS, EXPECTED)
   local output = common.buffer(self, 'output', input)
   common.check(self, C.wk_nn_temporal_max_pool_update_output(input, output, common.indices(self, 'indices'),
      self.kW, self.dW))
   return output
end

function TemporalMaxPooling:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   common.check_input(self, input, DIMS, EXPECTED)
   local gradInput = common.buffer(self, 'gradInput', input)
   common.check(self, C.wk_nn_temporal_max_pool_update_grad_input(input, gradOutput, gradInput,
      common.indices(self, 'indices'), self.kW, self.dW))
   return gradInput
end

function TemporalMaxPooling:empty()
   self:clearState()
end

function TemporalMaxPooling:clearState()
   if self.indices then
      self.indices:set()
   end
   return parent.clearState(self)
end

return TemporalMaxPooling
