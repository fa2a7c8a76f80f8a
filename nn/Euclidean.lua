--[[ nn.Euclidean(inputSize, outputSize) — the distances from the input to outputSize learnt
centres: y_j = || w_j - x ||.

   input    inputSize, or a batch n x inputSize
   output   outputSize, or n x outputSize
   weight   inputSize x outputSize (column j is centre w_j; as Torch7), gradWeight likewise;
            reset([stdv]): uniform in [-stdv, stdv], stdv 1/sqrt(inputSize) by default (a given
            stdv is scaled by sqrt(3))
   gradInput = sum_j gradOutput_j (x - w_j) / y_j;  gradWeight_j += scale * sum over the batch of
            gradOutput_j (w_j - x) / y_j   (y_j + 1e-7 in the divisions, so a zero distance
            gives no nan, as Torch7)

The differences x - w_j are kept in an n x inputSize x outputSize buffer (as Torch7 did).
]]

require 'torch'

local Euclidean, parent = torch.class('nn.Euclidean', 'nn.Module')

function Euclidean:__init(inputSize, outputSize)
   parent.__init(self)
   if type(inputSize) ~= 'number' or type(outputSize) ~= 'number' or inputSize < 1 or outputSize < 1 then
      error('nn.Euclidean(inputSize, outputSize): positive sizes expected', 2)
   end
   self.weight = torch.Tensor(inputSize, outputSize)
   self.gradWeight = torch.Tensor(inputSize, outputSize):zero()
   self:reset()
end

function Euclidean:reset(stdv)
   if stdv then
      stdv = stdv * math.sqrt(3)
   else
      stdv = 1 / math.sqrt(self.weight:size(1))
   end
   self.weight:uniform(-stdv, stdv)
   return self
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- The input as a batch (n x inputSize x 1: broadcast against the weight), checked.
local function as_batch(self, input)
   local inputSize = self.weight:size(1)
   if not torch.isTensor(input) or (input:dim() ~= 1 and input:dim() ~= 2) or input:size(input:dim()) ~= inputSize then
      error(string.format('nn.Euclidean: input must be %d or n x %d, got %s', inputSize, inputSize,
         describe(input)), 3)
   end
   local n = input:dim() == 2 and input:size(1) or 1
   return input:contiguous():view(n, inputSize, 1), n
end

function Euclidean:updateOutput(input)
   local x, n = as_batch(self, input)
   local inputSize, outputSize = self.weight:size(1), self.weight:size(2)
   self._difference = self._difference or input.new()
   self._difference:csub(x, self.weight:view(1, inputSize, outputSize))   -- n x in x out
   self.output:norm(self._difference, 2, 2)
   if input:dim() == 1 then
      self.output:resize(outputSize)
   else
      self.output:resize(n, outputSize)
   end
   return self.output
end

-- self._scaled = (x - w_j) * gradOutput_j / (y_j + 1e-7), n x inputSize x outputSize.
local function scaled_differences(self, input, gradOutput)
   local n = input:dim() == 2 and input:size(1) or 1
   local outputSize = self.weight:size(2)
   if gradOutput:nElement() ~= n * outputSize then
      error(string.format('nn.Euclidean: gradOutput must have %d elements, got %s', n * outputSize,
         describe(gradOutput)), 3)
   end
   self._ratio = self._ratio or input.new()
   self._ratio:add(self.output, 1e-7)
   self._ratio:cdiv(gradOutput:contiguous():view(self._ratio:size()), self._ratio)
   self._scaled = self._scaled or input.new()
   return self._scaled:cmul(self._difference, self._ratio:view(n, 1, outputSize))
end

function Euclidean:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return
   end
   as_batch(self, input)
   local scaled = scaled_differences(self, input, gradOutput)
   self.gradInput:sum(scaled, 3)
   self.gradInput:resizeAs(input)
   return self.gradInput
end

function Euclidean:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   as_batch(self, input)
   local scaled = scaled_differences(self, input, gradOutput)
   self._sum = self._sum or input.new()
   self._sum:sum(scaled, 1)
   self.gradWeight:add(-scale, self._sum:view(self.weight:size()))
end

function Euclidean:clearState()
   nn.utils.clear(self, '_difference', '_ratio', '_scaled', '_sum')
   return parent.clearState(self)
end

function Euclidean:type(typename, tensorCache)
   if typename then
      self:clearState()
   end
   return parent.type(self, typename, tensorCache)
end

return Euclidean
