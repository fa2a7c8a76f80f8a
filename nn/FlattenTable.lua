--[[ nn.FlattenTable — a nested table of tensors flattened into one list, depth first.

   input     e.g. {x1, {x2, {x3}}, x4}
   output    {x1, x2, x3, x4} (the same tensor objects)
   gradInput gradOutput's entries put back into input's nesting

The flat list is rebuilt only when the input's structure (or its tensors) change.
]]

require 'torch'

local FlattenTable, parent = torch.class('nn.FlattenTable', 'nn.Module')

function FlattenTable:__init()
   parent.__init(self)
   self.output = {}
   self.input_map = {}
   self.gradInput = {}
end

-- Appends the leaves of input to output; returns input's shape with each leaf replaced by its
-- position in output.
local function flatten(output, input)
   if type(input) == 'table' then
      local map = {}
      for i = 1, #input do
         map[#map + 1] = flatten(output, input[i])
      end
      return map
   end
   output[#output + 1] = input
   return #output
end

-- Whether map still describes how input flattens into output.
local function check_mapping(output, input, map)
   if map == nil or output == nil or input == nil then
      return false
   end
   if type(input) == 'table' then
      if type(map) ~= 'table' or #input ~= #map then
         return false
      end
      for i = 1, #input do
         if not check_mapping(output, input[i], map[i]) then
            return false
         end
      end
      return true
   end
   return type(map) == 'number' and output[map] == input
end

local function inverse_flatten(gradOutput, map)
   if type(map) == 'table' then
      local gradInput = {}
      for i = 1, #map do
         gradInput[#gradInput + 1] = inverse_flatten(gradOutput, map[i])
      end
      return gradInput
   end
   return gradOutput[map]
end

function FlattenTable:updateOutput(input)
   if type(input) ~= 'table' then
      error('nn.FlattenTable: a table expected, got ' .. torch.type(input), 2)
   end
   if not check_mapping(self.output, input, self.input_map) then
      self.output = {}
      self.input_map = flatten(self.output, input)
   end
   return self.output
end

function FlattenTable:updateGradInput(input, gradOutput)
   if type(input) ~= 'table' or type(gradOutput) ~= 'table' then
      error('nn.FlattenTable: input and gradOutput must be tables, got ' .. torch.type(input) .. ' and '
         .. torch.type(gradOutput), 2)
   end
   if not check_mapping(gradOutput, self.gradInput, self.input_map) then
      self.gradInput = inverse_flatten(gradOutput, self.input_map)
   end
   return self.gradInput
end

function FlattenTable:type(typename, tensorCache)
   self.input_map = nil
   return parent.type(self, typename, tensorCache)
end

function FlattenTable:clearState()
   self.input_map = nil
   self.output = {}
   self.gradInput = {}
   return self
end

return FlattenTable
