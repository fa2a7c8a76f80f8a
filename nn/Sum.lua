--[[ nn.Sum([dimension = 1] [, nInputDims] [, sizeAverage = false] [, squeeze = true]) — the sum of
the input over one dimension.

   dimension    negative counts from the last (-1 is the last dimension)
   nInputDims   the number of dimensions of one sample: an input with one more is a batch, and
                the sum runs over dimension + 1
   sizeAverage  true: divide by the size of that dimension (the mean; see nn.Mean)
   squeeze      true: the summed dimension is dropped (unless the input is 1-d); false: kept
                with size 1
   gradInput    gradOutput repeated along the summed dimension (divided by its size with
                sizeAverage), a contiguous tensor

Fields as Torch7: dimension, nInputDims, sizeAverage, squeeze.
]]

require 'torch'

local Sum, parent = torch.class('nn.Sum', 'nn.Module')

function Sum:__init(dimension, nInputDims, sizeAverage, squeeze)
   parent.__init(self)
   self.dimension = dimension or 1
   -- no default for nInputDims: Torch7 left it nil (modules saved without it must load the same)
   self.nInputDims = nInputDims
   self.sizeAverage = sizeAverage or false
   if squeeze ~= nil and type(squeeze) ~= 'boolean' then
      error(torch.type(self) .. ': squeeze must be true or false', 3)
   end
   if squeeze == nil then
      squeeze = true
   end
   self.squeeze = squeeze
   if type(self.dimension) ~= 'number' then
      error(torch.type(self) .. '(dimension [, nInputDims ...]): a number expected, got ' .. torch.type(dimension), 3)
   end
end

function Sum:_getPositiveDimension(input)
   local dimension = self.dimension
   if dimension < 0 then
      dimension = input:dim() + dimension + 1
   elseif self.nInputDims and input:dim() == self.nInputDims + 1 then
      dimension = dimension + 1
   end
   if dimension < 1 or dimension > input:dim() then
      error(string.format('%s: dimension %d out of range for a %dD input (%s)', torch.type(self), dimension,
         input:dim(), table.concat(input:size():totable(), 'x')), 3)
   end
   return dimension
end

function Sum:updateOutput(input)
   if not torch.isTensor(input) then
      error(torch.type(self) .. ': input must be a tensor, got ' .. torch.type(input), 2)
   end
   local dimension = self:_getPositiveDimension(input)
   if type(self.output) == 'number' then
      self.output = input.new()
   end
   self.output = self.output:typeAs(input)
   self.output:sum(input, dimension)
   if self.sizeAverage then
      self.output:div(input:size(dimension))
   end
   if (self.squeeze == nil or self.squeeze) and self.output:dim() > 1 then
      self.output:set(self.output:select(dimension, 1))
   end
   return self.output
end

function Sum:updateGradInput(input, gradOutput)
   local dimension = self:_getPositiveDimension(input)
   local size = input:size()
   size[dimension] = 1
   if not gradOutput:isContiguous() then
      self._gradOutput = self._gradOutput or gradOutput.new()
      gradOutput = self._gradOutput:resizeAs(gradOutput):copy(gradOutput)
   end
   if gradOutput:nElement() * input:size(dimension) ~= input:nElement() then
      error(string.format('%s: gradOutput has %d elements, expected %d', torch.type(self), gradOutput:nElement(),
         input:nElement() / input:size(dimension)), 2)
   end
   self.gradInput = self.gradInput:typeAs(input)
   self.gradInput:resizeAs(input):copy(gradOutput:view(size):expandAs(input))
   if self.sizeAverage then
      self.gradInput:div(input:size(dimension))
   end
   return self.gradInput
end

function Sum:clearState()
   nn.utils.clear(self, '_gradOutput')
   return parent.clearState(self)
end

return Sum
