--[[ nn.Narrow(dimension, offset [, length = 1]) — input:narrow(dimension, offset, length), copied.

   dimension  negative counts from the last (-1 is the last)
   offset     negative counts from the end (-1 is the last element)
   length     negative: up to that many elements before the end (-1: to the last element)
   output     the narrowed part of the input (a contiguous copy)
   gradInput  zeros of the input's shape with gradOutput in the narrowed part

Fields as Torch7: dimension, index, length.
]]

require 'torch'

local Narrow, parent = torch.class('nn.Narrow', 'nn.Module')

function Narrow:__init(dimension, offset, length)
   parent.__init(self)
   if type(dimension) ~= 'number' or type(offset) ~= 'number' then
      error('nn.Narrow(dimension, offset [, length]): numbers expected', 2)
   end
   self.dimension = dimension
   self.index = offset
   self.length = length or 1
end

-- The (dim, index, length) for this input, as positive numbers, checked.
local function span(self, input)
   local dim = self.dimension < 0 and input:dim() + self.dimension + 1 or self.dimension
   if dim < 1 or dim > input:dim() then
      error(string.format('nn.Narrow: dimension %d out of range for a %dD input (%s)', self.dimension, input:dim(),
         table.concat(input:size():totable(), 'x')), 3)
   end
   local size = input:size(dim)
   local index = self.index < 0 and size + self.index + 1 or self.index
   local length = self.length
   if length < 0 then                                -- -1: to the last element, -2: to the one before...
      length = size - index + 1 - (math.abs(length) - 1)
   end
   if index < 1 or length < 0 or index + length - 1 > size then
      error(string.format('nn.Narrow: elements %d to %d are out of range for dimension %d of size %d', index,
         index + length - 1, dim, size), 3)
   end
   return dim, index, length
end

function Narrow:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Narrow: input must be a tensor, got ' .. torch.type(input), 2)
   end
   local dim, index, length = span(self, input)
   local part = input:narrow(dim, index, length)
   self.output = self.output:typeAs(part)
   return self.output:resizeAs(part):copy(part)
end

function Narrow:updateGradInput(input, gradOutput)
   local dim, index, length = span(self, input)
   self.gradInput = self.gradInput:typeAs(input)
   self.gradInput:resizeAs(input):zero()
   self.gradInput:narrow(dim, index, length):copy(gradOutput)
   return self.gradInput
end

return Narrow
