--[[ nn.Criterion — the root of every loss: Torch7's criterion protocol.

A criterion compares an input (a network's output) with a target and gives a number, the loss,
and the gradient of the loss with respect to the input:

   criterion:updateOutput(input, target)      computes and returns self.output (a number)
   criterion:updateGradInput(input, target)   computes and returns self.gradInput (input's shape)
   criterion:forward(input, target)           updateOutput
   criterion:backward(input, target)          updateGradInput
   criterion(input, target)                   forward then backward; returns output, gradInput
   criterion:type(typename [, tensorCache])   converts every tensor field (as nn.Module's :type);
   criterion:float(), criterion:double()      returns self
   criterion:clone()                          a deep copy
   criterion:clearState()                     gradInput (and buffers it names) emptied; returns self

Fields: output (a number, 0 before the first forward), gradInput. Criterions that average over
the batch have `sizeAverage` (true by default in each of them, as in Torch7).
]]

require 'torch'

-- luacheck: ignore 212 (the defaults below keep the protocol's argument names, unused)

local Criterion = torch.class('nn.Criterion')

function Criterion:__init()
   self.gradInput = torch.Tensor()
   self.output = 0
end

function Criterion:updateOutput(input, target)
end

function Criterion:forward(input, target)
   return self:updateOutput(input, target)
end

function Criterion:backward(input, target)
   return self:updateGradInput(input, target)
end

function Criterion:updateGradInput(input, target)
end

function Criterion:__call__(input, target)
   self.output = self:forward(input, target)
   self.gradInput = self:backward(input, target)
   return self.output, self.gradInput
end

function Criterion:__tostring__()
   return torch.type(self)
end

function Criterion:clone()
   return nn.utils.deepCopy(self)
end

function Criterion:type(typename, tensorCache)
   if not typename then
      error('Criterion:type: a type name is needed (e.g. torch.FloatTensor)', 2)
   end
   tensorCache = tensorCache or {}
   for key, param in pairs(self) do
      self[key] = nn.utils.recursiveType(param, typename, tensorCache)
   end
   return self
end

function Criterion:float()
   return self:type('torch.FloatTensor')
end

function Criterion:double()
   return self:type('torch.DoubleTensor')
end

function Criterion:cuda()
   return self:type('torch.CudaTensor')
end

function Criterion:clearState()
   return nn.utils.clear(self, 'gradInput')
end

return Criterion
