--[[ nn.CAddTable([inplace = false]) — the elementwise sum of a table of tensors.

   input     {x_1, ..., x_n}, tensors of one shape
   output    x_1 + ... + x_n
   gradInput {gradOutput, ..., gradOutput} (copies; views of gradOutput with inplace)

With inplace, output is x_1 itself, overwritten with the sum, and the gradients share
gradOutput's storage: no copies, but x_1 is lost.
]]

require 'torch'

local CAddTable, parent = torch.class('nn.CAddTable', 'nn.Module')

function CAddTable:__init(inplace)
   parent.__init(self)
   self.inplace = inplace
   self.gradInput = {}
end

function CAddTable:updateOutput(input)
   nn.utils.checkTableOfTensors('nn.CAddTable', input)
   if self.inplace then
      self.output:set(input[1])
   else
      self.output:resizeAs(input[1]):copy(input[1])
   end
   for i = 2, #input do
      self.output:add(input[i])
   end
   return self.output
end

function CAddTable:updateGradInput(input, gradOutput)
   local gradInput = self.gradInput
   for i = 1, #input do
      if gradInput[i] == nil or gradInput[i].dtype ~= input[i].dtype then
         gradInput[i] = input[i].new()
      end
      if self.inplace then
         gradInput[i]:set(gradOutput)
      else
         gradInput[i]:resizeAs(input[i]):copy(gradOutput)
      end
   end
   for i = #input + 1, #gradInput do
      gradInput[i] = nil
   end
   return gradInput
end

function CAddTable:type(typename, tensorCache)
   self.gradInput = {}
   return parent.type(self, typename, tensorCache)
end

return CAddTable
