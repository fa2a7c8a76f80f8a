--[[ nn._Extremum — what nn.Max and nn.Min share (a hidden base class, not a module to use).

A subclass names the torch function that reduces: `Max._reduce = 'max'` (torch.max(values,
indices, input, dimension)). Everything else — the dimension arithmetic, the scatter of gradOutput
to the chosen positions, the buffers — is the same for both. Messages name the subclass
(torch.type(self)), so they read exactly as each module's own did.

Fields as Torch7: dimension, nInputDims, and the buffers _output, _indices (a LongTensor).
]]

require 'torch'

local Extremum, parent = torch.class('nn._Extremum', 'nn.Module')

function Extremum:__init(dimension, nInputDims)
   parent.__init(self)
   self.dimension = dimension or 1
   -- no default for nInputDims: Torch7 left it nil (modules saved without it must load the same)
   self.nInputDims = nInputDims
   if type(self.dimension) ~= 'number' then
      error(torch.type(self) .. '(dimension [, nInputDims]): a number expected, got ' .. torch.type(dimension), 2)
   end
end

function Extremum:_getPositiveDimension(input)
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

function Extremum:_lazyInit()
   self._output = self._output or self.output.new()
   self._indices = self._indices or torch.LongTensor()
end

function Extremum:updateOutput(input)
   if not torch.isTensor(input) then
      error(torch.type(self) .. ': input must be a tensor, got ' .. torch.type(input), 2)
   end
   self:_lazyInit()
   local dimension = self:_getPositiveDimension(input)
   self._output = self._output:typeAs(input)
   self.output = self.output:typeAs(input)
   torch[self._reduce](self._output, self._indices, input, dimension)
   if input:dim() > 1 then
      self.output:set(self._output:select(dimension, 1))
   else
      self.output:set(self._output)
   end
   return self.output
end

function Extremum:updateGradInput(input, gradOutput)
   self:_lazyInit()
   local dimension = self:_getPositiveDimension(input)
   if gradOutput:nElement() ~= self._indices:nElement() then
      error(string.format('%s: gradOutput has %d elements, expected %d', torch.type(self), gradOutput:nElement(),
         self._indices:nElement()), 2)
   end
   self._gradOutput = self._gradOutput or gradOutput.new()
   self._gradOutput = self._gradOutput:typeAs(gradOutput)
   local view = self._gradOutput:view(gradOutput:contiguous(), self._indices:size())
   self.gradInput = self.gradInput:typeAs(input)
   self.gradInput:resizeAs(input):zero():scatter(dimension, self._indices, view)
   return self.gradInput
end

function Extremum:type(typename, tensorCache)
   self._indices = nil
   parent.type(self, typename, tensorCache)
   return self
end

function Extremum:clearState()
   nn.utils.clear(self, '_indices', '_output', '_gradOutput')
   return parent.clearState(self)
end

return Extremum
