--[[ nn.Squeeze([dim] [, numInputDims]) — input:squeeze() (every size-1 dimension dropped), or
input:squeeze(dim) (that one only, if its size is 1). No copy.

   numInputDims  the number of dimensions of one sample: an input with one more is a batch, dim
                 is counted from its second dimension, and a batch of one keeps its batch
                 dimension
   output     a view of the input
   gradInput  gradOutput viewed with the input's sizes

Fields as Torch7: dim, numInputDims.
]]

require 'torch'

local Squeeze, parent = torch.class('nn.Squeeze', 'nn.Module')

function Squeeze:__init(dim, numInputDims)
   parent.__init(self)
   self.dim = dim
   self:setNumInputDims(numInputDims)
end

function Squeeze:setNumInputDims(numInputDims)
   self.numInputDims = numInputDims
   return self
end

function Squeeze:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Squeeze: input must be a tensor, got ' .. torch.type(input), 2)
   end
   local dim = self.dim
   local keep_batch = false
   if self.numInputDims and input:dim() == self.numInputDims + 1 then
      if dim then
         dim = dim + 1
      elseif input:size(1) == 1 then
         keep_batch = true                            -- a batch of one stays a batch
      end
   end
   if dim and (dim < 1 or dim > input:dim()) then
      error(string.format('nn.Squeeze: dimension %d out of range for a %dD input (%s)', dim, input:dim(),
         table.concat(input:size():totable(), 'x')), 2)
   end
   self.output = self.output:typeAs(input)
   self.output:set(dim and input:squeeze(dim) or input:squeeze())
   if keep_batch then
      local sizes = self.output:dim() > 0 and self.output:size():totable() or {}
      table.insert(sizes, 1, 1)
      self.output:set(self.output:view(torch.LongStorage(sizes)))
   end
   return self.output
end

function Squeeze:updateGradInput(input, gradOutput)
   if gradOutput:nElement() ~= input:nElement() then
      error(string.format('nn.Squeeze: gradOutput has %d elements, the input %d', gradOutput:nElement(),
         input:nElement()), 2)
   end
   self.gradInput = self.gradInput:typeAs(gradOutput)
   self.gradInput:set(gradOutput:contiguous():view(input:size()))
   return self.gradInput
end

return Squeeze
