--[[ nn.SelectTable(index) — one entry of a table: output = input[index].

   index     a position (negative counts from the end: -1 is the last) or any table key
   output    input[index], the same object (tensor or table)
   gradInput a table of input's shape: gradOutput at index (copied), zeros elsewhere
]]

require 'torch'

local SelectTable, parent = torch.class('nn.SelectTable', 'nn.Module')

function SelectTable:__init(index)
   parent.__init(self)
   self.index = index
   self.gradInput = {}
end

local function position(self, input)
   local index = self.index
   if type(index) == 'number' and index < 0 then
      index = #input + index + 1
   end
   if type(input) ~= 'table' or input[index] == nil then
      error(string.format('nn.SelectTable: index %s does not exist in the input (%s)', tostring(self.index),
         type(input) == 'table' and ('a table of ' .. #input) or torch.type(input)), 3)
   end
   return index
end

function SelectTable:updateOutput(input)
   self.output = input[position(self, input)]
   return self.output
end

-- t1 made a zeroed copy of t2's structure (reusing t1's tensors); returns t1.
local function zero_table_copy(t1, t2)
   for k, v in pairs(t2) do
      if type(v) == 'table' then
         t1[k] = zero_table_copy(type(t1[k]) == 'table' and t1[k] or {}, v)
      elseif torch.isTensor(v) then
         if not torch.isTensor(t1[k]) or t1[k].dtype ~= v.dtype then
            t1[k] = v.new()
         end
         t1[k]:resizeAs(v):zero()
      else
         t1[k] = nil
      end
   end
   for k in pairs(t1) do
      if t2[k] == nil then
         t1[k] = nil
      end
   end
   return t1
end

function SelectTable:updateGradInput(input, gradOutput)
   local index = position(self, input)
   zero_table_copy(self.gradInput, input)
   self.gradInput[index] = nn.utils.recursiveCopy(self.gradInput[index], gradOutput)
   return self.gradInput
end

function SelectTable:type(typename, tensorCache)
   self.gradInput = {}
   self.output = {}
   return parent.type(self, typename, tensorCache)
end

-- output is the caller's object: drop the reference rather than empty it.
function SelectTable:clearState()
   self.output = {}
   self.gradInput = {}
   return self
end

function SelectTable:__tostring__()
   return torch.type(self) .. '(' .. tostring(self.index) .. ')'
end

return SelectTable
