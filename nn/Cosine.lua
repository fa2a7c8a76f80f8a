--[[ nn.Cosine(inputSize, outputSize) — the cosine similarities of the input to outputSize learnt
vectors: y_j = (w_j . x) / (||w_j|| ||x||).

   input    inputSize, or a batch n x inputSize
   output   outputSize, or n x outputSize
   weight   outputSize x inputSize (row j is w_j), gradWeight likewise; reset([stdv]): uniform
            in [-stdv, stdv], stdv 1/sqrt(outputSize) by default (Torch7's choice; a given stdv
            is scaled by sqrt(3))
   gradInput  = sum_j gradOutput_j (w_j / (||w_j|| ||x||) - y_j x / ||x||^2)
   gradWeight_j += scale * sum over the batch of gradOutput_j (x / (||w_j|| ||x||) - y_j w_j / ||w_j||^2)

Norms have 1e-12 added (a zero vector gives 0, not nan), as Torch7.
]]

require 'torch'

local Cosine, parent = torch.class('nn.Cosine', 'nn.Module')

function Cosine:__init(inputSize, outputSize)
   parent.__init(self)
   if type(inputSize) ~= 'number' or type(outputSize) ~= 'number' or inputSize < 1 or outputSize < 1 then
      error('nn.Cosine(inputSize, outputSize): positive sizes expected', 2)
   end
   self.weight = torch.Tensor(outputSize, inputSize)
   self.gradWeight = torch.Tensor(outputSize, inputSize):zero()
   self:reset()
end

function Cosine:reset(stdv)
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

-- The input as n x inputSize rows, checked.
local function rows(self, input)
   local inputSize = self.weight:size(2)
   if not torch.isTensor(input) or (input:dim() ~= 1 and input:dim() ~= 2) or input:size(input:dim()) ~= inputSize then
      error(string.format('nn.Cosine: input must be %d or n x %d, got %s', inputSize, inputSize, describe(input)), 3)
   end
   if input:dim() == 1 then
      return input:view(1, inputSize)
   end
   return input
end

local function gradient_rows(self, input, gradOutput)
   local n, outputSize = input:dim() == 2 and input:size(1) or 1, self.weight:size(1)
   if not torch.isTensor(gradOutput) or gradOutput:nElement() ~= n * outputSize then
      error(string.format('nn.Cosine: gradOutput must have %d elements, got %s', n * outputSize,
         describe(gradOutput)), 3)
   end
   return gradOutput:contiguous():view(n, outputSize)
end

function Cosine:updateOutput(input)
   local x = rows(self, input)
   local outputSize = self.weight:size(1)
   self._weightNorm = self._weightNorm or self.weight.new()
   self._inputNorm = self._inputNorm or self.weight.new()
   self._weightNorm:norm(self.weight, 2, 2):add(1e-12)           -- out x 1
   self._inputNorm:norm(x, 2, 2):add(1e-12)                      -- n x 1
   self._output = self._output or self.output.new()
   self._output:mm(x, self.weight:t())
   self._output:cdiv(self._weightNorm:view(1, outputSize)):cdiv(self._inputNorm)
   self.output:view(self._output, input:dim() == 1 and torch.LongStorage({ outputSize }) or self._output:size())
   return self.output
end

function Cosine:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return
   end
   local x = rows(self, input)
   local g = gradient_rows(self, input, gradOutput)
   local y = self._output
   local outputSize = self.weight:size(1)
   self._scaledGrad = self._scaledGrad or x.new()
   self._scaledGrad:cdiv(g, self._weightNorm:view(1, outputSize))          -- g_j / ||w_j||
   self._gradInput = self._gradInput or x.new()
   self._gradInput:mm(self._scaledGrad, self.weight):cdiv(self._inputNorm)  -- sum_j g_j w_j / (||w_j|| ||x||)
   self._sum = self._sum or x.new()
   self._sum:cmul(g, y)
   self._dot = self._dot or x.new()
   self._dot:sum(self._sum, 2):cdiv(self._inputNorm):cdiv(self._inputNorm)  -- sum_j g_j y_j / ||x||^2
   self._gradInput:addcmul(-1, x, self._dot)
   self.gradInput:view(self._gradInput, input:size())
   return self.gradInput
end

function Cosine:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   local x = rows(self, input)
   local g = gradient_rows(self, input, gradOutput)
   local y = self._output
   local outputSize = self.weight:size(1)
   self._scaledGrad = self._scaledGrad or x.new()
   self._scaledGrad:cdiv(g, self._weightNorm:view(1, outputSize))          -- g_j / ||w_j||
   self._unitInput = self._unitInput or x.new()
   self._unitInput:cdiv(x, self._inputNorm)                                 -- x / ||x||
   self._sum = self._sum or x.new()
   self._sum:cmul(g, y)
   self._dot = self._dot or x.new()
   self._dot:sum(self._sum, 1)                                              -- 1 x out: sum_b g_j y_j
   self._dot = self._dot:view(outputSize, 1)
   self._dot:cdiv(self._weightNorm):cdiv(self._weightNorm)
   -- the whole gradient first, then one update: accUpdateGradParameters runs this with the weight
   -- itself as gradWeight
   self._gradWeight = self._gradWeight or self.weight.new()
   self._gradWeight:cmul(self.weight, self._dot):mul(-1)
   self._gradWeight:addmm(self._scaledGrad:t(), self._unitInput)
   self.gradWeight:add(scale, self._gradWeight)
end

function Cosine:clearState()
   nn.utils.clear(self, { '_weightNorm', '_inputNorm', '_output', '_scaledGrad', '_gradInput', '_sum', '_dot',
      '_unitInput', '_gradWeight' })
   return parent.clearState(self)
end

function Cosine:type(typename, tensorCache)
   if typename then
      self:clearState()
   end
   return parent.type(self, typename, tensorCache)
end

return Cosine
