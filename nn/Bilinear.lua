--[[ nn.Bilinear(inputSize1, inputSize2, outputSize [, bias = true]) — a bilinear form:
y_k = x1^T A_k x2 + b_k.

   input    {x1, x2}: n x inputSize1 and n x inputSize2
   output   n x outputSize
   weight   outputSize x inputSize1 x inputSize2 (A_k = weight[k]), gradWeight likewise
   bias     outputSize, gradBias likewise (absent with bias = false)
   reset([stdv])  uniform in [-stdv, stdv]; stdv 1/sqrt(inputSize1) by default (a given stdv is
            scaled by sqrt(3), as Torch7)
   gradInput  {gradOutput_k A_k x2 summed over k, gradOutput_k x1^T A_k summed over k}
   gradWeight_k += scale * sum over the batch of gradOutput_k x1 x2^T

Every k at once: x1 times the weight laid out as inputSize1 x (outputSize * inputSize2) is one
GEMM, then a batched product with x2; the backward likewise.
Prints as `nn.Bilinear(10x5 -> 3) ` (Torch7's text, trailing space included), or with
` without bias` in place of that space.
]]

require 'torch'

local Bilinear, parent = torch.class('nn.Bilinear', 'nn.Module')

local function positive_integer(x)
   return type(x) == 'number' and x == math.floor(x) and x > 0
end

function Bilinear:__init(inputSize1, inputSize2, outputSize, bias)
   parent.__init(self)
   if not (positive_integer(inputSize1) and positive_integer(inputSize2) and positive_integer(outputSize)) then
      error('nn.Bilinear(inputSize1, inputSize2, outputSize [, bias]): positive integer sizes expected', 2)
   end
   if bias == nil then
      bias = true
   end
   self.weight = torch.Tensor(outputSize, inputSize1, inputSize2)
   self.gradWeight = torch.Tensor(outputSize, inputSize1, inputSize2):zero()
   if bias then
      self.bias = torch.Tensor(outputSize)
      self.gradBias = torch.Tensor(outputSize):zero()
   end
   self.gradInput = { torch.Tensor(), torch.Tensor() }
   self:reset()
end

function Bilinear:reset(stdv)
   if stdv then
      if type(stdv) ~= 'number' or stdv <= 0 then
         error('nn.Bilinear:reset(stdv): a positive number expected', 2)
      end
      stdv = stdv * math.sqrt(3)
   else
      stdv = 1 / math.sqrt(self.weight:size(2))
   end
   self.weight:uniform(-stdv, stdv)
   if self.bias then
      self.bias:uniform(-stdv, stdv)
   end
   return self
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check_input(self, input)
   local _, in1, in2 = self.weight:size(1), self.weight:size(2), self.weight:size(3)
   local ok = type(input) == 'table' and #input == 2 and torch.isTensor(input[1]) and torch.isTensor(input[2])
   ok = ok and input[1]:dim() == 2 and input[2]:dim() == 2 and input[1]:size(1) == input[2]:size(1)
      and input[1]:size(2) == in1 and input[2]:size(2) == in2
   if not ok then
      local got = type(input) == 'table' and ('{' .. describe(input[1]) .. ', ' .. describe(input[2]) .. '}')
         or describe(input)
      error(string.format('nn.Bilinear: input must be {n x %d, n x %d}, got %s', in1, in2, got), 3)
   end
   return input[1], input[2]
end

local function check_gradOutput(self, x1, gradOutput)
   if not torch.isTensor(gradOutput) or gradOutput:dim() ~= 2 or gradOutput:size(1) ~= x1:size(1)
         or gradOutput:size(2) ~= self.weight:size(1) then
      error(string.format('nn.Bilinear: gradOutput must be %d x %d, got %s', x1:size(1), self.weight:size(1),
         describe(gradOutput)), 3)
   end
end

function Bilinear:updateOutput(input)
   local x1, x2 = check_input(self, input)
   local out, in1, in2 = self.weight:size(1), self.weight:size(2), self.weight:size(3)
   local n = x1:size(1)
   -- the weight as in1 x (out * in2): row i holds A_k[i][.] for every k
   self._weightByInput1 = self._weightByInput1 or self.weight.new()
   self._weightByInput1:resize(in1, out, in2):copy(self.weight:transpose(1, 2))
   -- partial[b][k][j] = (x1_b^T A_k)_j
   self._partial = self._partial or x1.new()
   self._partial:resize(n, out * in2):mm(x1, self._weightByInput1:view(in1, out * in2))
   local partial = self._partial:view(n, out, in2)
   -- y[b][k] = sum_j partial[b][k][j] x2_b[j]
   self.output:resize(n, out, 1):bmm(partial, x2:contiguous():view(n, in2, 1))
   self.output:resize(n, out)
   if self.bias then
      self.output:add(self.bias:view(1, out))
   end
   return self.output
end

function Bilinear:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return
   end
   local x1, x2 = check_input(self, input)
   check_gradOutput(self, x1, gradOutput)
   local out, in1, in2 = self.weight:size(1), self.weight:size(2), self.weight:size(3)
   local n = x1:size(1)
   if #self.gradInput == 0 then
      self.gradInput[1], self.gradInput[2] = x1.new(), x1.new()
   end
   local g = gradOutput:contiguous():view(n, 1, out)
   -- d/dx2: sum_k g_k (x1^T A_k) = g (1 x out) times partial (out x in2), per sample
   local partial = self._partial:view(n, out, in2)
   self.gradInput[2]:resize(n, 1, in2):bmm(g, partial)
   self.gradInput[2]:resize(n, in2)
   -- d/dx1: sum_k g_k (A_k x2): the weight as in2 x (out * in1), times x2, then by g
   self._weightByInput2 = self._weightByInput2 or self.weight.new()
   self._weightByInput2:resize(in2, out, in1):copy(self.weight:permute(3, 1, 2))
   self._partial2 = self._partial2 or x1.new()
   self._partial2:resize(n, out * in1):mm(x2, self._weightByInput2:view(in2, out * in1))
   self.gradInput[1]:resize(n, 1, in1):bmm(g, self._partial2:view(n, out, in1))
   self.gradInput[1]:resize(n, in1)
   return self.gradInput
end

function Bilinear:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   local x1, x2 = check_input(self, input)
   check_gradOutput(self, x1, gradOutput)
   local out, in1, in2 = self.weight:size(1), self.weight:size(2), self.weight:size(3)
   local n = x1:size(1)
   -- outer[b][k][i] = g_bk x1_bi; gradWeight (out * in1 x in2) += outer^T x2
   self._outer = self._outer or x1.new()
   self._outer:cmul(gradOutput:contiguous():view(n, out, 1), x1:contiguous():view(n, 1, in1))
   self.gradWeight:view(out * in1, in2):addmm(scale, self._outer:view(n, out * in1):t(), x2)
   if self.bias then
      self._gradSum = self._gradSum or x1.new()
      self.gradBias:add(scale, self._gradSum:sum(gradOutput, 1):view(out))
   end
end

Bilinear.sharedAccUpdateGradParameters = Bilinear.accUpdateGradParameters

function Bilinear:__tostring__()
   return torch.type(self) .. string.format('(%dx%d -> %d) %s', self.weight:size(2), self.weight:size(3),
      self.weight:size(1), self.bias == nil and ' without bias' or '')
end

function Bilinear:clearState()
   nn.utils.clear(self, { '_weightByInput1', '_weightByInput2', '_partial', '_partial2', '_outer', '_gradSum' })
   return parent.clearState(self)
end

return Bilinear
