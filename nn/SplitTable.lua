--[[ nn.SplitTable(dimension [, nInputDims]) — a tensor split into a table of its slices.

   input     a tensor
   output    {input:select(dimension, 1), ..., input:select(dimension, n)} (views, no copies)
   gradInput input's shape: slice i is gradOutput[i]

   dimension < 0 counts from the end. With nInputDims, an input with nInputDims + 1 dimensions
   is taken as a batch and the split moves one dimension on.
]]

require 'torch'

local SplitTable, parent = torch.class('nn.SplitTable', 'nn.Module')

function SplitTable:__init(dimension, nInputDims)
   parent.__init(self)
   if type(dimension) ~= 'number' then
      error('nn.SplitTable(dimension [, nInputDims]): a dimension (number) expected, got ' .. torch.type(dimension), 2)
   end
   self.dimension = dimension
   self.nInputDims = nInputDims
end

function SplitTable:_getPositiveDimension(input)
   local dimension = self.dimension
   if dimension < 0 then
      dimension = input:dim() + dimension + 1
   elseif self.nInputDims and input:dim() == (self.nInputDims + 1) then
      dimension = dimension + 1
   end
   return dimension
end

local function check_input(self, input)
   if not torch.isTensor(input) then
      error('nn.SplitTable: a tensor expected, got ' .. torch.type(input), 3)
   end
   local dimension = self:_getPositiveDimension(input)
   if dimension < 1 or dimension > input:dim() then
      error(string.format('nn.SplitTable: dimension %d out of range for a %d-d input', dimension, input:dim()), 3)
   end
   return dimension
end

function SplitTable:updateOutput(input)
   local dimension = check_input(self, input)
   local slices = input:size(dimension)
   local output = type(self.output) == 'table' and self.output or {}
   for i = 1, slices do
      output[i] = input:select(dimension, i)
   end
   for i = slices + 1, #output do
      output[i] = nil
   end
   self.output = output
   return output
end

function SplitTable:updateGradInput(input, gradOutput)
   local dimension = check_input(self, input)
   if self.gradInput then
      local slices = input:size(dimension)
      if type(gradOutput) ~= 'table' or #gradOutput ~= slices then
         error(string.format('nn.SplitTable: gradOutput must be a table of %d tensors, got %s', slices,
            type(gradOutput) == 'table' and ('a table of ' .. #gradOutput) or torch.type(gradOutput)), 2)
      end
      self.gradInput:resizeAs(input)
      for i = 1, slices do
         self.gradInput:select(dimension, i):copy(gradOutput[i])
      end
   end
   return self.gradInput
end

return SplitTable
