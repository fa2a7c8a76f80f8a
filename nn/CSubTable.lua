--[[ nn.CSubTable — the elementwise difference of two tensors: output = x_1 - x_2.

   input     {x_1, x_2}, tensors of one shape
   output    x_1 - x_2
   gradInput {gradOutput, -gradOutput}
]]

require 'torch'

local CSubTable, parent = torch.class('nn.CSubTable', 'nn.Module')

function CSubTable:__init()
   parent.__init(self)
   self.gradInput = {}
end

local function check_input(input)
   nn.utils.checkTableOfTensors('nn.CSubTable', input, 3)
   if #input ~= 2 then
      error('nn.CSubTable: a table of two tensors expected, got ' .. #input, 3)
   end
end

function CSubTable:updateOutput(input)
   check_input(input)
   self.output:resizeAs(input[1]):copy(input[1])
   self.output:add(-1, input[2])
   return self.output
end

function CSubTable:updateGradInput(input, gradOutput)
   check_input(input)
   local gradInput = self.gradInput
   for i = 1, 2 do
      if gradInput[i] == nil or gradInput[i].dtype ~= input[i].dtype then
         gradInput[i] = input[i].new()
      end
   end
   gradInput[1]:resizeAs(input[1]):copy(gradOutput)
   gradInput[2]:resizeAs(input[2]):copy(gradOutput):mul(-1)
   for i = 3, #gradInput do
      gradInput[i] = nil
   end
   return gradInput
end

function CSubTable:type(typename, tensorCache)
   self.gradInput = {}
   return parent.type(self, typename, tensorCache)
end

return CSubTable
