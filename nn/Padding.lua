--[[ nn.Padding(dim, pad [, nInputDim] [, value = 0] [, index = 1]) — adds |pad| entries of value
along dimension dim.

   pad        > 0: the padding goes after the input's entries (on the right), < 0: before them
   nInputDim  the number of dimensions of one sample: an input with more is a batch, and the
              padded dimension is dim + 1
   index      where the padding goes, counted from the padded side: 1 (the default) at the very
              end (pad > 0) or start (pad < 0), 2 one entry in, and so on
   output     the input with the padding inserted (a new tensor)
   gradInput  gradOutput without the padded entries

Fields as Torch7: dim, pad, nInputDim, value, index, outputSize.
]]

require 'torch'

local Padding, parent = torch.class('nn.Padding', 'nn.Module')

function Padding:__init(dim, pad, nInputDim, value, index)
   parent.__init(self)
   if type(dim) ~= 'number' or type(pad) ~= 'number' then
      error('nn.Padding(dim, pad [, nInputDim, value, index]): numbers expected', 2)
   end
   self.value = value or 0
   self.index = index or 1
   self.dim = dim
   self.pad = pad
   self.nInputDim = nInputDim
   self.outputSize = torch.LongStorage()
end

-- The padded dimension and the position (1-based, in the output) where the padding starts.
local function layout(self, input)
   local dim = self.dim
   if self.nInputDim and input:dim() ~= self.nInputDim then
      dim = dim + 1
   end
   if dim < 1 or dim > input:dim() then
      error(string.format('nn.Padding: dimension %d out of range for a %dD input (%s)', dim, input:dim(),
         table.concat(input:size():totable(), 'x')), 3)
   end
   local size = input:size(dim)
   local at = self.pad > 0 and size - self.index + 2 or self.index
   if at < 1 or at > size + 1 then
      error(string.format('nn.Padding: index %d out of range for dimension %d of size %d', self.index, dim, size), 3)
   end
   return dim, at, math.abs(self.pad)
end

function Padding:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Padding: input must be a tensor, got ' .. torch.type(input), 2)
   end
   local dim, at, pad = layout(self, input)
   local size = input:size(dim)
   self.outputSize:resize(input:dim()):copy(input:size())
   self.outputSize[dim] = size + pad
   self.output:resize(self.outputSize):fill(self.value)
   if at > 1 then
      self.output:narrow(dim, 1, at - 1):copy(input:narrow(dim, 1, at - 1))
   end
   if at <= size then
      self.output:narrow(dim, at + pad, size - at + 1):copy(input:narrow(dim, at, size - at + 1))
   end
   return self.output
end

function Padding:updateGradInput(input, gradOutput)
   local dim, at, pad = layout(self, input)
   local size = input:size(dim)
   self.gradInput:resizeAs(input)
   if at > 1 then
      self.gradInput:narrow(dim, 1, at - 1):copy(gradOutput:narrow(dim, 1, at - 1))
   end
   if at <= size then
      self.gradInput:narrow(dim, at, size - at + 1):copy(gradOutput:narrow(dim, at + pad, size - at + 1))
   end
   return self.gradInput
end

return Padding
