--[[ nn.NarrowTable(offset [, length = 1]) — a run of a table's entries:
output = {input[offset], ..., input[offset + length - 1]}.

   output    a table of the selected entries (the same objects)
   gradInput a table of input's shape: gradOutput's entries at the selected places, zeros
             (buffers of the module's own) elsewhere
]]

require 'torch'

local NarrowTable, parent = torch.class('nn.NarrowTable', 'nn.Module')

function NarrowTable:__init(offset, length)
   parent.__init(self)
   if type(offset) ~= 'number' then
      error('nn.NarrowTable(offset [, length]): an offset (number) expected, got ' .. torch.type(offset), 2)
   end
   self.offset = offset
   self.length = length or 1
   self.output = {}
   self.gradInput = {}
   self._zeros = {}
end

local function check_input(self, input)
   if type(input) ~= 'table' or #input < self.offset + self.length - 1 then
      error(string.format('nn.NarrowTable: entries %d to %d of a table expected, got %s', self.offset,
         self.offset + self.length - 1, type(input) == 'table' and ('a table of ' .. #input) or torch.type(input)), 3)
   end
end

function NarrowTable:updateOutput(input)
   check_input(self, input)
   local output = self.output
   for i = 1, self.length do
      output[i] = input[self.offset + i - 1]
   end
   for i = self.length + 1, #output do
      output[i] = nil
   end
   return output
end

function NarrowTable:updateGradInput(input, gradOutput)
   check_input(self, input)
   local gradInput = self.gradInput
   self._zeros = self._zeros or {}
   for i = 1, #input do
      if i < self.offset or i >= self.offset + self.length then
         local z = nn.utils.recursiveResizeAs(self._zeros[i], input[i])
         nn.utils.recursiveFill(z, 0)
         self._zeros[i] = z
         gradInput[i] = z
      else
         gradInput[i] = gradOutput[i - self.offset + 1]
      end
   end
   for i = #input + 1, #gradInput do
      gradInput[i] = nil
   end
   return gradInput
end

function NarrowTable:type(typename, tensorCache)
   self.output = {}
   self.gradInput = {}
   self._zeros = {}
   return parent.type(self, typename, tensorCache)
end

function NarrowTable:clearState()
   self.output = {}
   self.gradInput = {}
   self._zeros = {}
   return self
end

return NarrowTable
