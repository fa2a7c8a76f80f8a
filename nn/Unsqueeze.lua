--[[ nn.Unsqueeze(pos [, numInputDims]) — the input with a size-1 dimension inserted at pos (1 ..
input:dim() + 1). No copy.

   numInputDims  the number of dimensions of one sample: the leading dimensions of an input with
                 more are batch dimensions, and pos counts after them
   output     a view of the input
   gradInput  gradOutput viewed with the input's sizes

   unsqueeze:setNumInputDims(n)   likewise, after construction; returns self

Prints as `nn.Unsqueeze(dim 2)`. Fields as Torch7: pos, numInputDims.
]]

require 'torch'

local Unsqueeze, parent = torch.class('nn.Unsqueeze', 'nn.Module')

function Unsqueeze:__init(pos, numInputDims)
   parent.__init(self)
   if type(pos) ~= 'number' or pos < 1 then
      error('nn.Unsqueeze(pos [, numInputDims]): a positive position expected, got ' .. tostring(pos), 2)
   end
   self.pos = pos
   self:setNumInputDims(numInputDims)
end

function Unsqueeze:setNumInputDims(numInputDims)
   self.numInputDims = numInputDims
   return self
end

function Unsqueeze:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Unsqueeze: input must be a tensor, got ' .. torch.type(input), 2)
   end
   local nd = input:dim()
   local offset = nd - (self.numInputDims or nd)
   if offset < 0 then
      error(string.format('nn.Unsqueeze: numInputDims (%d) exceeds the input dimensions (%s)', self.numInputDims,
         table.concat(input:size():totable(), 'x')), 2)
   end
   local at = offset + self.pos
   if at > nd + 1 then
      error(string.format('nn.Unsqueeze: position %d is past the end of a %dD input (%s)', at, nd,
         table.concat(input:size():totable(), 'x')), 2)
   end
   local sizes = nd > 0 and input:size():totable() or {}
   table.insert(sizes, at, 1)
   self.output = self.output:typeAs(input)
   self.output:set(input:contiguous():view(torch.LongStorage(sizes)))
   return self.output
end

function Unsqueeze:updateGradInput(input, gradOutput)
   if gradOutput:nElement() ~= input:nElement() then
      error(string.format('nn.Unsqueeze: gradOutput has %d elements, the input %d', gradOutput:nElement(),
         input:nElement()), 2)
   end
   self.gradInput = self.gradInput:typeAs(gradOutput)
   self.gradInput:set(gradOutput:contiguous():view(input:size()))
   return self.gradInput
end

function Unsqueeze:__tostring__()
   return torch.type(self) .. '(dim ' .. self.pos .. ')'
end

return Unsqueeze
