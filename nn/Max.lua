--[[ nn.Max([dimension = 1] [, nInputDims]) — the max of the input over one dimension.

   dimension   negative counts from the last (-1 is the last dimension)
   nInputDims  the number of dimensions of one sample: an input with one more is a batch, and the
               max runs over dimension + 1
   output      the maxima, that dimension dropped (unless the input is 1-d)
   gradInput   zeros of the input's shape, with gradOutput at the position of each maximum (the
               first one among ties)

Fields as Torch7: dimension, nInputDims, and the buffers _output, _indices (a LongTensor).
]]

require 'torch'

local Max, parent = torch.class('nn.Max', 'nn.Module')

function Max:__init(dimension, nInputDims)
   parent.__init(self)
   self.dimension = dimension or 1
   -- no default for nInputDims: Torch7 left it nil (modules saved without it must load the same)
   self.nInputDims = nInputDims
   if type(self.dimension) ~= 'number' then
      error('nn.Max(dimension [, nInputDims]): a number expected, got ' .. torch.type(dimension), 2)
   end
end

function Max:_getPositiveDimension(input)
   local dimension = self.dimension
   if dimension < 0 then
      dimension = input:dim() + dimension + 1
   elseif self.nInputDims and input:dim() == self.nInputDims + 1 then
      dimension = dimension + 1
   end
   if dimension < 1 or dimension > input:dim() then
      error(string.format('nn.Max: dimension %d out of range for a %dD input (%s)', dimension, input:dim(),
         table.concat(input:size():totable(), 'x')), 3)
   end
   return dimension
end

function Max:_lazyInit()
   self._output = self._output or self.output.new()
   self._indices = self._indices or torch.LongTensor()
end

function Max:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Max: input must be a tensor, got ' .. torch.type(input), 2)
   end
   self:_lazyInit()
   local dimension = self:_getPositiveDimension(input)
   self._output = self._output:typeAs(input)
   self.output = self.output:typeAs(input)
   torch.max(self._output, self._indices, input, dimension)
   if input:dim() > 1 then
      self.output:set(self._output:select(dimension, 1))
   else
      self.output:set(self._output)
   end
   return self.output
end

function Max:updateGradInput(input, gradOutput)
   self:_lazyInit()
   local dimension = self:_getPositiveDimension(input)
   if gradOutput:nElement() ~= self._indices:nElement() then
      error(string.format('nn.Max: gradOutput has %d elements, expected %d', gradOutput:nElement(),
         self._indices:nElement()), 2)
   end
   self._gradOutput = self._gradOutput or gradOutput.new()
   self._gradOutput = self._gradOutput:typeAs(gradOutput)
   local view = self._gradOutput:view(gradOutput:contiguous(), self._indices:size())
   self.gradInput = self.gradInput:typeAs(input)
   self.gradInput:resizeAs(input):zero():scatter(dimension, self._indices, view)
   return self.gradInput
end

function Max:type(typename, tensorCache)
   self._indices = nil
   parent.type(self, typename, tensorCache)
   return self
end

function Max:clearState()
   nn.utils.clear(self, '_indices', '_output', '_gradOutput')
   return parent.clearState(self)
end

return Max
