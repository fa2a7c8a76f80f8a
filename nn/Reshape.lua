--[[ nn.Reshape(sizes... [, batchMode]) — the input's elements, row-major, with other sizes.

   sizes      numbers or a torch.LongStorage
   batchMode  true: the first dimension is always the batch (needed for batches of one);
              false: never (the whole input is reshaped); nil (default): an input with as many
              elements as the sizes' product and a first dimension other than 1 is one sample,
              anything else a batch along its first dimension
   output     a view of the input (of a contiguous copy when the input is not contiguous)
   gradInput  gradOutput viewed with the input's sizes

Prints as `nn.Reshape(2x8)`. Fields as Torch7: size, batchsize (LongStorages), nelement,
batchMode, _input, _gradOutput.
]]

require 'torch'

local Reshape, parent = torch.class('nn.Reshape', 'nn.Module')

function Reshape:__init(...)
   parent.__init(self)
   local args = { ... }
   if type(args[#args]) == 'boolean' then
      self.batchMode = args[#args]
      args[#args] = nil
   end
   self.size = torch.LongStorage()
   self.batchsize = torch.LongStorage()
   if #args == 1 and torch.typename(args[1]) == 'torch.LongStorage' then
      self.size:resize(#args[1]):copy(args[1])
   else
      self.size:resize(#args)
      for i = 1, #args do
         if type(args[i]) ~= 'number' or args[i] < 0 then
            error('nn.Reshape(sizes... [, batchMode]): non-negative numbers expected, got ' .. tostring(args[i]), 2)
         end
         self.size[i] = args[i]
      end
   end
   self.nelement = 1
   self.batchsize:resize(#self.size + 1)
   for i = 1, #self.size do
      self.nelement = self.nelement * self.size[i]
      self.batchsize[i + 1] = self.size[i]
   end
   self._input = torch.Tensor()
   self._gradOutput = torch.Tensor()
end

local function sizes_text(t)
   return table.concat(t:size():totable(), 'x')
end

function Reshape:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Reshape: input must be a tensor, got ' .. torch.type(input), 2)
   end
   if not input:isContiguous() then
      self._input = self._input:typeAs(input)
      input = self._input:resizeAs(input):copy(input)
   end
   local single = self.batchMode == false
      or (self.batchMode == nil and input:nElement() == self.nelement and input:size(1) ~= 1)
   local sizes = self.size
   if not single then
      self.batchsize[1] = input:dim() > 0 and input:size(1) or 0
      sizes = self.batchsize
   end
   local elements = 1
   for i = 1, #sizes do
      elements = elements * sizes[i]
   end
   if elements ~= input:nElement() then
      error(string.format('nn.Reshape: cannot reshape %s (%d elements) to %s', sizes_text(input), input:nElement(),
         table.concat(sizes:totable(), 'x')), 2)
   end
   self.output:view(input, sizes)
   return self.output
end

function Reshape:updateGradInput(input, gradOutput)
   if not gradOutput:isContiguous() then
      self._gradOutput = self._gradOutput:typeAs(gradOutput)
      gradOutput = self._gradOutput:resizeAs(gradOutput):copy(gradOutput)
   end
   return self.gradInput:viewAs(gradOutput, input)
end

function Reshape:__tostring__()
   return torch.type(self) .. '(' .. table.concat(self.size:totable(), 'x') .. ')'
end

function Reshape:clearState()
   nn.utils.clear(self, '_input', '_gradOutput')
   return parent.clearState(self)
end

return Reshape
