--[[ nn.CDivTable — the elementwise quotient of two tensors: output = x_1 / x_2.

   input     {x_1, x_2}, tensors of one shape
   output    x_1 / x_2
   gradInput {gradOutput / x_2, -gradOutput * x_1 / x_2^2}
]]

require 'torch'

local CDivTable, parent = torch.class('nn.CDivTable', 'nn.Module')

function CDivTable:__init()
   parent.__init(self)
   self.gradInput = {}
end

local function check_input(input)
   nn.utils.checkTableOfTensors('nn.CDivTable', input, 3)
   if #input ~= 2 then
      error('nn.CDivTable: a table of two tensors expected, got ' .. #input, 3)
   end
end

function CDivTable:updateOutput(input)
   check_input(input)
   self.output:resizeAs(input[1]):copy(input[1])
   self.output:cdiv(input[2])
   return self.output
end

function CDivTable:updateGradInput(input, gradOutput)
   check_input(input)
   local gradInput = self.gradInput
   for i = 1, 2 do
      if gradInput[i] == nil or gradInput[i].dtype ~= input[i].dtype then
         gradInput[i] = input[i].new()
      end
   end
   gradInput[1]:resizeAs(input[1]):copy(gradOutput):cdiv(input[2])
   gradInput[2]:resizeAs(input[2]):zero():addcdiv(-1, gradInput[1], input[2]):cmul(input[1])
   for i = 3, #gradInput do
      gradInput[i] = nil
   end
   return gradInput
end

function CDivTable:type(typename, tensorCache)
   self.gradInput = {}
   return parent.type(self, typename, tensorCache)
end

return CDivTable
