--[[ nn.LookupTable(nIndex, nOutput [, paddingValue = 0] [, maxNorm] [, normType = 2]) — an
embedding: each index in the input selects a row of the weight.

   input    indices in 1 .. nIndex: a vector of n, or a batch matrix b x n (a LongTensor, or any
            tensor type holding whole numbers: it is copied into a LongTensor)
   output   n x nOutput, or b x n x nOutput
   weight   nIndex x nOutput, drawn from N(0, 1) (reset([stdv]): N(0, stdv)); gradWeight likewise
   gradInput  zeros of the input's shape and type (indices have no gradient)
   gradWeight[i] += scale * the sum of the gradOutput rows of the positions holding index i,
            except i = paddingValue, whose row gets no gradient (so the padding row stays as set)

   paddingValue   an index whose positions contribute no gradient (0: none)
   maxNorm        rows selected by a forward pass whose normType-norm exceeds maxNorm are scaled
                  down to it in the weight itself, before the lookup (by maxNorm / (norm + 1e-7))
   lookup:setPadding(i), :setMaxNorm(m), :setNormType(p), :scaleGradByFreq() (each index's
   gradient divided by the number of its occurrences in the batch), :accUpdateOnly() (drops
   gradWeight), each returning self

Fields as Torch7 (version 4): weight, gradWeight, paddingValue, maxNorm, normType,
shouldScaleGradByFreq, _count, _input.
]]

require 'torch'

local LookupTable, parent = torch.class('nn.LookupTable', 'nn.Module')

LookupTable.__version = 4

function LookupTable:__init(nIndex, nOutput, paddingValue, maxNorm, normType)
   parent.__init(self)
   if type(nIndex) ~= 'number' or type(nOutput) ~= 'number' or nIndex < 1 or nOutput < 1 then
      error('nn.LookupTable(nIndex, nOutput [, paddingValue, maxNorm, normType]): positive sizes expected', 2)
   end
   self.weight = torch.Tensor(nIndex, nOutput)
   self.gradWeight = torch.Tensor(nIndex, nOutput):zero()
   self.paddingValue = paddingValue or 0
   self.maxNorm = maxNorm or nil
   self.normType = normType or nil
   self.shouldScaleGradByFreq = false
   self._count = torch.LongTensor()
   self._input = torch.LongTensor()
   self:reset()
end

-- Fills in what modules saved by older versions lack.
function LookupTable:backCompatibility()
   self._count = self._count or torch.LongTensor()
   self._input = self._input or torch.LongTensor()
   if not self.shouldScaleGradByFreq then
      self.shouldScaleGradByFreq = false
   end
end

function LookupTable:accUpdateOnly()
   self.gradWeight = nil
   return self
end

function LookupTable:setPadding(paddingValue)
   self.paddingValue = paddingValue
   return self
end

function LookupTable:setMaxNorm(maxNorm)
   self.maxNorm = maxNorm
   return self
end

function LookupTable:setNormType(normType)
   self.normType = normType
   return self
end

function LookupTable:scaleGradByFreq()
   self.shouldScaleGradByFreq = true
   return self
end

function LookupTable:reset(stdv)
   self.weight:normal(0, stdv or 1)
   return self
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- The input as a contiguous LongTensor of indices (self._input when a copy was needed), checked.
function LookupTable:makeInputContiguous(input)
   if not torch.isTensor(input) or (input:dim() ~= 1 and input:dim() ~= 2) then
      error('nn.LookupTable: input must be a vector or a matrix of indices, got ' .. describe(input), 3)
   end
   if not input:isContiguous() or torch.type(input) ~= 'torch.LongTensor' then
      self.copiedInput = true
      self._input:resize(input:size()):copy(input)
      input = self._input
   else
      self.copiedInput = false
   end
   if input:nElement() > 0 then
      local low, high = input:min(), input:max()
      if low < 1 or high > self.weight:size(1) then
         error(string.format('nn.LookupTable: index %d out of range (the table has %d rows)',
            low < 1 and low or high, self.weight:size(1)), 3)
      end
   end
   return input
end

-- Rows used by `indices` whose norm exceeds maxNorm are scaled down to it, in the weight.
function LookupTable:renorm(indices)
   if not self.maxNorm then
      return
   end
   self._rows = self._rows or self.weight.new()
   local flat = indices:view(-1)
   self._rows:index(self.weight, 1, flat)
   self._rows:renorm(self.normType or 2, 1, self.maxNorm)
   self.weight:indexCopy(1, flat, self._rows)
end

function LookupTable:updateOutput(input)
   self:backCompatibility()
   local indices = self:makeInputContiguous(input)
   self:renorm(indices)
   local nOutput = self.weight:size(2)
   self.output:index(self.weight, 1, indices:view(-1))
   if indices:dim() == 2 then
      self.output = self.output:view(indices:size(1), indices:size(2), nOutput)
   end
   return self.output
end

function LookupTable:updateGradInput(input, gradOutput) -- luacheck: no unused args
   -- indices have no gradient; a tensor of zeros of the input's type and shape
   if torch.type(self.gradInput) ~= torch.type(input) then
      self.gradInput = input.new()
   end
   if not self.gradInput:isSameSizeAs(input) then
      self.gradInput:resizeAs(input):zero()
   end
   return self.gradInput
end

function LookupTable:accGradParameters(input, gradOutput, scale)
   self:backCompatibility()
   scale = scale or 1
   local indices = self.copiedInput and self._input or input
   if not torch.isTensor(indices) or indices:nElement() ~= input:nElement() then
      indices = self:makeInputContiguous(input)
   end
   local flat = indices:view(-1)
   local n, nOutput = flat:nElement(), self.gradWeight:size(2)
   if not torch.isTensor(gradOutput) or gradOutput:nElement() ~= n * nOutput then
      error(string.format('nn.LookupTable: gradOutput must have %d x %d elements, got %s', n, nOutput,
         describe(gradOutput)), 2)
   end
   local rows = gradOutput:contiguous():view(n, nOutput)
   if scale ~= 1 or self.shouldScaleGradByFreq then
      self._gradOutput = self._gradOutput or rows.new()
      rows = self._gradOutput:mul(rows, scale)
      if self.shouldScaleGradByFreq then
         -- each row divided by how often its index occurs
         self._count:resize(self.gradWeight:size(1)):zero()
         self._ones = self._ones or torch.LongTensor()
         self._ones:resize(n):fill(1)
         self._count:indexAdd(1, flat, self._ones)
         self._frequency = self._frequency or rows.new()
         self._frequency:resize(n):copy(self._count:index(1, flat))
         rows:cdiv(self._frequency:view(n, 1))
      end
   end
   local padding = self.paddingValue or 0
   local keep = padding >= 1 and padding <= self.gradWeight:size(1)
   if keep then
      self._paddingRow = self._paddingRow or self.gradWeight.new()
      self._paddingRow:resizeAs(self.gradWeight[padding]):copy(self.gradWeight[padding])
   end
   self.gradWeight:indexAdd(1, flat, rows)
   if keep then
      self.gradWeight[padding]:copy(self._paddingRow)
   end
end

function LookupTable:type(typename, tensorCache)
   parent.type(self, typename, tensorCache)
   self._count = torch.LongTensor()
   self._input = torch.LongTensor()
   return self
end

function LookupTable:clearState()
   nn.utils.clear(self, '_count', '_input', '_gradOutput', '_rows', '_ones', '_frequency', '_paddingRow')
   return parent.clearState(self)
end

LookupTable.sharedAccUpdateGradParameters = LookupTable.accUpdateGradParameters

return LookupTable
