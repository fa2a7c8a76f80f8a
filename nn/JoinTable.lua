--[[ nn.JoinTable(dimension [, nInputDims]) — a table of tensors joined into one along dimension.

   input     {x_1, ..., x_n}, tensors that agree in every dimension but `dimension`
   output    them concatenated along `dimension`
   gradInput {g_1, ..., g_n}: the slices of gradOutput, each x_i's shape

   dimension < 0 counts from the end (-1: the last dimension). With nInputDims, an input with
   nInputDims + 1 dimensions is taken as a batch and the join moves one dimension on.
]]

require 'torch'

local JoinTable, parent = torch.class('nn.JoinTable', 'nn.Module')

function JoinTable:__init(dimension, nInputDims)
   parent.__init(self)
   if type(dimension) ~= 'number' then
      error('nn.JoinTable(dimension [, nInputDims]): a dimension (number) expected, got ' .. torch.type(dimension), 2)
   end
   self.size = torch.LongStorage()
   self.dimension = dimension
   self.gradInput = {}
   self.nInputDims = nInputDims
end

function JoinTable:_getPositiveDimension(input)
   local dimension = self.dimension
   if dimension < 0 then
      dimension = input[1]:dim() + dimension + 1
   elseif self.nInputDims and input[1]:dim() == (self.nInputDims + 1) then
      dimension = dimension + 1
   end
   return dimension
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check_input(self, input)
   if type(input) ~= 'table' or #input == 0 then
      error('nn.JoinTable: a non-empty table of tensors expected, got ' .. torch.type(input), 3)
   end
   local dimension = self:_getPositiveDimension(input)
   local first = input[1]
   if not torch.isTensor(first) or dimension < 1 or dimension > first:dim() then
      error(string.format('nn.JoinTable: dimension %d out of range for input 1 (%s)', dimension, describe(first)), 3)
   end
   for i = 2, #input do
      local x = input[i]
      local ok = torch.isTensor(x) and x:dim() == first:dim()
      if ok then
         for d = 1, x:dim() do
            if d ~= dimension and x:size(d) ~= first:size(d) then
               ok = false
            end
         end
      end
      if not ok then
         error(string.format('nn.JoinTable: input %d (%s) does not match input 1 (%s) outside dimension %d', i,
            describe(x), describe(first), dimension), 3)
      end
   end
   return dimension
end

function JoinTable:updateOutput(input)
   local dimension = check_input(self, input)
   local size = self.size
   for i = 1, #input do
      local x = input[i]
      if i == 1 then
         size:resize(x:dim()):copy(x:size())
      else
         size[dimension] = size[dimension] + x:size(dimension)
      end
   end
   self.output:resize(size)
   local offset = 1
   for i = 1, #input do
      local x = input[i]
      local n = x:size(dimension)
      self.output:narrow(dimension, offset, n):copy(x)
      offset = offset + n
   end
   return self.output
end

function JoinTable:updateGradInput(input, gradOutput)
   local dimension = check_input(self, input)
   local gradInput = self.gradInput
   for i = 1, #input do
      if gradInput[i] == nil or gradInput[i].dtype ~= input[i].dtype then
         gradInput[i] = input[i].new()
      end
      gradInput[i]:resizeAs(input[i])
   end
   for i = #input + 1, #gradInput do
      gradInput[i] = nil
   end
   local offset = 1
   for i = 1, #input do
      local n = input[i]:size(dimension)
      gradInput[i]:copy(gradOutput:narrow(dimension, offset, n))
      offset = offset + n
   end
   return gradInput
end

function JoinTable:type(typename, tensorCache)
   self.gradInput = {}
   return parent.type(self, typename, tensorCache)
end

return JoinTable
