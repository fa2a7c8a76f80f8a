--[[ nn.CMulTable — the elementwise product of a table of tensors.

   input     {x_1, ..., x_n}, tensors of one shape
   output    x_1 * ... * x_n
   gradInput entry i is gradOutput times the product of every x_j but x_i (computed by
             products, not by dividing the output, so zeros in the input are fine)
]]

require 'torch'

local CMulTable, parent = torch.class('nn.CMulTable', 'nn.Module')

function CMulTable:__init()
   parent.__init(self)
   self.gradInput = {}
end

function CMulTable:updateOutput(input)
   nn.utils.checkTableOfTensors('nn.CMulTable', input)
   self.output:resizeAs(input[1]):copy(input[1])
   for i = 2, #input do
      self.output:cmul(input[i])
   end
   return self.output
end

function CMulTable:updateGradInput(input, gradOutput)
   nn.utils.checkTableOfTensors('nn.CMulTable', input)
   local gradInput = self.gradInput
   for i = 1, #input do
      if gradInput[i] == nil or gradInput[i].dtype ~= input[i].dtype then
         gradInput[i] = input[i].new()
      end
      gradInput[i]:resizeAs(input[i]):copy(gradOutput)
      for j = 1, #input do
         if i ~= j then
            gradInput[i]:cmul(input[j])
         end
      end
   end
   for i = #input + 1, #gradInput do
      gradInput[i] = nil
   end
   return gradInput
end

function CMulTable:type(typename, tensorCache)
   self.gradInput = {}
   return parent.type(self, typename, tensorCache)
end

return CMulTable
