--[[ nn.TemporalConvolution(inputFrameSize, outputFrameSize, kW [, dW = 1]) — a 1-d convolution
over a sequence of frames.

   input    nInputFrame x inputFrameSize or N x nInputFrame x inputFrameSize
   output   nOutputFrame x outputFrameSize (batched likewise), nOutputFrame = (nInputFrame - kW) / dW + 1
   weight   outputFrameSize x (kW*inputFrameSize), gradWeight likewise
   bias     outputFrameSize, gradBias likewise

   output[t][i] = bias[i] + sum over k, j of weight[i][k*inputFrameSize + j] * input[t*dW + k][j]
   (0-based)

The kW frames a window reads lie side by side in a contiguous input, so the windows of all
samples are rows of a strided matrix: they are copied into one contiguous (N*nOutputFrame) x
(kW*inputFrameSize) buffer and the whole layer is one matrix product (BLAS), the bias added
first. The input gradient adds each row of gradOutput * weight back into the frames it was read
from; the weight gradient is gradOutput^T * the buffer kept from the forward pass (call forward
first). Views into the buffers are reused headers, so a step allocates nothing.
]]

require 'torch'

local ffi = require 'ffi'
local common = require 'nn.conv_common'
local C = require('torch.lib').C

local TemporalConvolution, parent = torch.class('nn.TemporalConvolution', 'nn.Module')

local sqrt, floor = math.sqrt, math.floor
local positive = common.positive
local DIMS = { 2, 3 }
local SIZES, STRIDES = ffi.new('int64_t[3]'), ffi.new('int64_t[3]')
local WK_ADD = tonumber(C.WK_ADD)

function TemporalConvolution:__init(inputFrameSize, outputFrameSize, kW, dW)
   parent.__init(self)
   local name = torch.type(self)
   self.inputFrameSize = positive(name, 'inputFrameSize', inputFrameSize)
   self.outputFrameSize = positive(name, 'outputFrameSize', outputFrameSize)
   self.kW = positive(name, 'kW', kW)
   self.dW = positive(name, 'dW', dW or 1)
   self.weight = torch.Tensor(outputFrameSize, inputFrameSize * kW)
   self.bias = torch.Tensor(outputFrameSize)
   self.gradWeight = torch.Tensor(outputFrameSize, inputFrameSize * kW)
   self.gradBias = torch.Tensor(outputFrameSize)
   self:reset()
end

function TemporalConvolution:reset(stdv)
   if stdv then
      stdv = stdv * sqrt(3)
   else
      stdv = 1 / sqrt(self.kW * self.inputFrameSize)
   end
   self.weight:uniform(-stdv, stdv)
   self.bias:uniform(-stdv, stdv)
   return self
end

-- Helpers ----------------------------------------------------------------------------------------------

local function expected(self)
   return string.format('a 2-d (nInputFrame x %d) or 3-d (N x nInputFrame x %d) input', self.inputFrameSize,
      self.inputFrameSize)
end

-- header = a view of t's storage at t's offset + offset with the given sizes and strides (nil:
-- contiguous). Headers are fields of the module, made once.
local function view(self, name, t, offset, ndim, s0, s1, s2, st0, st1, st2)
   local header = common.buffer(self, name, t)
   SIZES[0], SIZES[1], SIZES[2] = s0, s1 or 0, s2 or 0
   local strides = nil
   if st0 then
      STRIDES[0], STRIDES[1], STRIDES[2] = st0, st1 or 0, st2 or 0
      strides = STRIDES
   end
   common.check(self, C.wk_tensor_set(header, t.storage, t.offset + offset, ndim, SIZES, strides))
   return header
end

-- The input as (contiguous data, N, T, nOut): checks sizes; copies a strided input.
local function frames(self, input)
   common.check_input(self, input, DIMS, expected)
   local n = input.ndim
   local F = tonumber(input.sizes[n - 1])
   if F ~= self.inputFrameSize then
      common.check_planes(self, input, 1, self.inputFrameSize, expected)
   end
   if not input:isContiguous() then
      local copy = common.buffer(self, '_input', input)
      copy:resizeAs(input):copy(input)
      input = copy
   end
   local N = n == 3 and tonumber(input.sizes[0]) or 1
   local T = tonumber(input.sizes[n - 2])
   if T < self.kW then
      common.raise(string.format('%s: input %s has %d frames, fewer than the kernel width %d', torch.type(self),
         common.describe(input), T, self.kW))
   end
   return input, N, T, floor((T - self.kW) / self.dW) + 1
end

-- gradOutput as a contiguous (N*nOut) x outputFrameSize matrix header.
local function grad_matrix(self, input, gradOutput, N, nOut)
   local O = self.outputFrameSize
   local ok = torch.isTensor(gradOutput) and gradOutput.ndim == input.ndim and gradOutput.dtype == input.dtype
      and gradOutput:nElement() == N * nOut * O and tonumber(gradOutput.sizes[gradOutput.ndim - 1]) == O
   if not ok then
      common.raise(string.format('%s: gradOutput %s does not match the output (%s%d x %d)', torch.type(self),
         common.describe(gradOutput), input.ndim == 3 and (N .. ' x ') or '', nOut, O))
   end
   if not gradOutput:isContiguous() then
      local copy = common.buffer(self, '_gradOutput', gradOutput)
      copy:resizeAs(gradOutput):copy(gradOutput)
      gradOutput = copy
   end
   return view(self, '_gradOutput2d', gradOutput, 0, 2, N * nOut, O)
end

local function ones(self, like, n)
   local b = common.buffer(self, '_ones', like)
   if b:nElement() ~= n then
      b:resize(n):fill(1)
   end
   return b
end

-- The protocol -----------------------------------------------------------------------------------------

function TemporalConvolution:updateOutput(input)
   local x, N, T, nOut = frames(self, input)
   local F, O, K = self.inputFrameSize, self.outputFrameSize, self.kW * self.inputFrameSize
   -- the windows of every sample, (N, nOut, K), copied into the columns buffer
   local windows = view(self, '_windows', x, 0, 3, N, nOut, K, T * F, self.dW * F, 1)
   local cols = common.buffer(self, '_columns', x)
   cols:resize(N, nOut, K)
   common.check(self, C.wk_copy(cols, windows))
   local output = self.output
   if x.ndim == 3 then
      output:resize(N, nOut, O)
   else
      output:resize(nOut, O)
   end
   local out2d = view(self, '_output2d', output, 0, 2, N * nOut, O)
   local cols2d = view(self, '_columns2d', cols, 0, 2, N * nOut, K)
   local wt = view(self, '_weightT', self.weight, 0, 2, K, O, nil, 1, K)
   common.check(self, C.wk_copy(out2d, self.bias))                   -- bias broadcast over the rows
   common.check(self, C.wk_addmm(out2d, 1, out2d, 1, cols2d, wt))
   return output
end

function TemporalConvolution:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   local x, N, T, nOut = frames(self, input)
   local F, K, dW = self.inputFrameSize, self.kW * self.inputFrameSize, self.dW
   local go = grad_matrix(self, x, gradOutput, N, nOut)
   local gcols = common.buffer(self, '_gradColumns', x)
   gcols:resize(N * nOut, K)
   common.check(self, C.wk_addmm(gcols, 0, nil, 1, go, self.weight))
   local gradInput = common.buffer(self, 'gradInput', x)
   gradInput:resizeAs(x):zero()
   -- frame k of every window goes back to input frame t*dW + k; within one k no two windows meet
   for k = 0, self.kW - 1 do
      local dst = view(self, '_gradFrames', gradInput, k * F, 3, N, nOut, F, T * F, dW * F, 1)
      local src = view(self, '_gradWindows', gcols, k * F, 3, N, nOut, F, nOut * K, K, 1)
      common.check(self, C.wk_binary(dst, dst, src, WK_ADD))
   end
   return gradInput
end

function TemporalConvolution:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   local x, N, _, nOut = frames(self, input)
   local K, O = self.kW * self.inputFrameSize, self.outputFrameSize
   local cols = self._columns
   if not cols or cols:nElement() ~= N * nOut * K then
      common.raise(torch.type(self) .. ': accGradParameters needs the forward pass of this input first')
   end
   local go = grad_matrix(self, x, gradOutput, N, nOut)
   local goT = view(self, '_gradOutputT', go, 0, 2, O, N * nOut, nil, 1, O)
   local cols2d = view(self, '_columns2d', cols, 0, 2, N * nOut, K)
   common.check(self, C.wk_addmm(self.gradWeight, 1, self.gradWeight, scale, goT, cols2d))
   common.check(self, C.wk_addmv(self.gradBias, 1, self.gradBias, scale, goT, ones(self, x, N * nOut)))
end

-- With shared weights the plain update is right as it is: nothing accumulates across sharers.
TemporalConvolution.sharedAccUpdateGradParameters = TemporalConvolution.accUpdateGradParameters

function TemporalConvolution:clearState()
   nn.utils.clear(self, '_input', '_gradOutput', '_columns', '_gradColumns', '_ones', '_windows', '_output2d',
      '_columns2d', '_weightT', '_gradOutput2d', '_gradOutputT', '_gradFrames', '_gradWindows')
   return parent.clearState(self)
end

return TemporalConvolution
