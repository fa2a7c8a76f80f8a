--[[ nn.Linear(inputSize, outputSize [, bias = true]) — a fully connected layer: y = W x + b.

   input    inputSize (one sample) or N x inputSize (a batch)
   output   outputSize or N x outputSize
   weight   outputSize x inputSize, gradWeight likewise
   bias     outputSize, gradBias likewise (absent after :noBias() or with bias = false)

   linear:noBias()      drops the bias; returns self
   linear:reset([stdv]) weight and bias uniform in [-stdv, stdv]; stdv defaults to
                        1/sqrt(inputSize), a given stdv is scaled by sqrt(3) (Torch7)

One BLAS call per product: forward is output = input * W^T (GEMM; GEMV for one sample) plus the
bias as a rank-1 update with a vector of ones (addBuffer, as Torch7); backward is
gradInput = gradOutput * W, gradWeight += scale * gradOutput^T * input and
gradBias += scale * gradOutput^T * ones. Transposes are views in one reused header, so a step
allocates nothing once the buffers have their size.
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local Linear, parent = torch.class('nn.Linear', 'nn.Module')

local sqrt = math.sqrt

function Linear:__init(inputSize, outputSize, bias)
   parent.__init(self)
   if type(inputSize) ~= 'number' or type(outputSize) ~= 'number' or inputSize < 1 or outputSize < 1 then
      error(string.format('nn.Linear(inputSize, outputSize [, bias]): positive sizes expected, got %s and %s',
         tostring(inputSize), tostring(outputSize)), 2)
   end
   if bias == nil then
      bias = true
   end
   self.weight = torch.Tensor(outputSize, inputSize)
   self.gradWeight = torch.Tensor(outputSize, inputSize)
   if bias then
      self.bias = torch.Tensor(outputSize)
      self.gradBias = torch.Tensor(outputSize)
   end
   self:reset()
end

function Linear:noBias()
   self.bias = nil
   self.gradBias = nil
   return self
end

function Linear:reset(stdv)
   if stdv then
      stdv = stdv * sqrt(3)
   else
      stdv = 1 / sqrt(self.weight:size(2))
   end
   self.weight:uniform(-stdv, stdv)
   if self.bias then
      self.bias:uniform(-stdv, stdv)
   end
   return self
end

-- Helpers -------------------------------------------------------------------------------------------

local function check(rc)
   if rc ~= 0 then
      error('nn.Linear: ' .. ffi.string(C.wk_last_error()), 3)
   end
end

-- One header per dtype for transposed views: set, used in one C call, emptied again.
local scratch = {}
local function transposed(t)
   local s = scratch[t.dtype]
   if s == nil then
      s = t.new()
      scratch[t.dtype] = s
   end
   C.wk_tensor_set_to(s, t)
   C.wk_tensor_transpose(s, 0, 1)
   return s
end
local function release(s)
   C.wk_tensor_set(s, nil, 0, 0, nil, nil)
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check_input(self, input)
   local inputSize = self.weight.sizes[1]
   if not torch.isTensor(input) or (input.ndim ~= 1 and input.ndim ~= 2)
         or input.sizes[input.ndim - 1] ~= inputSize then
      error(string.format('nn.Linear: input must be %d (one sample) or N x %d (a batch), got %s', tonumber(inputSize),
         tonumber(inputSize), describe(input)), 3)
   end
   if input.dtype ~= self.weight.dtype then
      error(string.format('nn.Linear: input is a %s but the module is %s (convert one of them)', input:type(),
         self.weight:type()), 3)
   end
end

local function check_gradOutput(self, input, gradOutput)
   local outputSize = self.weight.sizes[0]
   local ok = torch.isTensor(gradOutput) and gradOutput.ndim == input.ndim
      and gradOutput.sizes[gradOutput.ndim - 1] == outputSize
      and (input.ndim == 1 or gradOutput.sizes[0] == input.sizes[0])
      and gradOutput.dtype == input.dtype
   if not ok then
      local expected = tostring(tonumber(outputSize))
      if input.ndim == 2 then
         expected = tonumber(input.sizes[0]) .. 'x' .. expected
      end
      error(string.format('nn.Linear: gradOutput must be %s, got %s (input %s)', expected, describe(gradOutput),
         describe(input)), 3)
   end
end

-- The vector of ones for the bias, resized to the batch.
local function ones(self, input, nframe)
   local buffer = self.addBuffer
   if buffer == nil or buffer.dtype ~= input.dtype then
      buffer = input.new()
      self.addBuffer = buffer
   end
   if buffer:nElement() ~= nframe then
      buffer:resize(nframe):fill(1)
   end
   return buffer
end

-- The protocol ---------------------------------------------------------------------------------------

function Linear:updateOutput(input)
   check_input(self, input)
   local weight, bias, output = self.weight, self.bias, self.output
   if input.ndim == 1 then
      output:resize(weight:size(1))
      if bias then
         output:copy(bias)
         check(C.wk_addmv(output, 1, output, 1, weight, input))
      else
         check(C.wk_addmv(output, 0, nil, 1, weight, input))
      end
   else
      local nframe = input:size(1)
      output:resize(nframe, weight:size(1))
      local wt = transposed(weight)
      local rc = C.wk_addmm(output, 0, nil, 1, input, wt)
      release(wt)
      check(rc)
      if bias then
         check(C.wk_addr(output, 1, output, 1, ones(self, input, nframe), bias))
      end
   end
   return output
end

function Linear:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   check_input(self, input)
   check_gradOutput(self, input, gradOutput)
   local gradInput = self.gradInput
   gradInput:resizeAs(input)
   if input.ndim == 1 then
      local wt = transposed(self.weight)
      local rc = C.wk_addmv(gradInput, 0, nil, 1, wt, gradOutput)
      release(wt)
      check(rc)
   else
      check(C.wk_addmm(gradInput, 0, nil, 1, gradOutput, self.weight))
   end
   return gradInput
end

function Linear:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   check_input(self, input)
   check_gradOutput(self, input, gradOutput)
   local gradWeight, gradBias = self.gradWeight, self.gradBias
   if input.ndim == 1 then
      check(C.wk_addr(gradWeight, 1, gradWeight, scale, gradOutput, input))
      if self.bias then
         gradBias:add(scale, gradOutput)
      end
   else
      local got = transposed(gradOutput)
      local rc = C.wk_addmm(gradWeight, 1, gradWeight, scale, got, input)
      if rc == 0 and self.bias then
         rc = C.wk_addmv(gradBias, 1, gradBias, scale, got, ones(self, input, input:size(1)))
      end
      release(got)
      check(rc)
   end
end

-- With shared weights the plain update is right as it is: nothing accumulates across sharers.
Linear.sharedAccUpdateGradParameters = Linear.accUpdateGradParameters

function Linear:clearState()
   if self.addBuffer then
      self.addBuffer:set()
   end
   return parent.clearState(self)
end

function Linear:__tostring__()
   return torch.type(self) .. string.format('(%d -> %d)', self.weight:size(2), self.weight:size(1))
      .. (self.bias == nil and ' without bias' or '')
end

return Linear
