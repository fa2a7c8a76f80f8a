--[[ nn.Select(dimension, index) — input:select(dimension, index), copied.

   dimension, index   negative ones count from the end (-1 is the last)
   input      2 or more dimensions (a select on a vector would be a number)
   output     the selected slice (one dimension fewer; a contiguous copy)
   gradInput  zeros of the input's shape with gradOutput in the selected slice

Fields as Torch7: dimension, index.
]]

require 'torch'

local Select, parent = torch.class('nn.Select', 'nn.Module')

function Select:__init(dimension, index)
   parent.__init(self)
   if type(dimension) ~= 'number' or type(index) ~= 'number' then
      error('nn.Select(dimension, index): numbers expected', 2)
   end
   self.dimension = dimension
   self.index = index
end

local function where(self, input)
   if input:dim() < 2 then
      -- a select on a vector is a number in Torch7, not a tensor
      error(string.format('nn.Select: input must have 2 or more dimensions, got %s',
         table.concat(input:size():totable(), 'x')), 3)
   end
   local dim = self.dimension < 0 and input:dim() + self.dimension + 1 or self.dimension
   if dim < 1 or dim > input:dim() then
      error(string.format('nn.Select: dimension %d out of range for a %dD input (%s)', self.dimension, input:dim(),
         table.concat(input:size():totable(), 'x')), 3)
   end
   local index = self.index < 0 and input:size(dim) + self.index + 1 or self.index
   if index < 1 or index > input:size(dim) then
      error(string.format('nn.Select: index %d out of range for dimension %d of size %d (%s)', self.index, dim,
         input:size(dim), table.concat(input:size():totable(), 'x')), 3)
   end
   return dim, index
end

function Select:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Select: input must be a tensor, got ' .. torch.type(input), 2)
   end
   local slice = input:select(where(self, input))
   return self.output:resizeAs(slice):copy(slice)
end

function Select:updateGradInput(input, gradOutput)
   local dim, index = where(self, input)
   self.gradInput:resizeAs(input):zero()
   self.gradInput:select(dim, index):copy(gradOutput)
   return self.gradInput
end

return Select
