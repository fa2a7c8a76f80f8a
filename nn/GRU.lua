--[[ nn.GRU(inputSize, hiddenSize) — a gated recurrent unit layer run over a whole sequence, as the
rnn package's SeqGRU, in PyTorch's formulation (Cho et al. 2014; the reset gate applied after the
recurrent product).

   input    seqlen x batch x inputSize (or seqlen x inputSize: a batch of one)
   output   seqlen x batch x hiddenSize (or seqlen x hiddenSize): the hidden state h_t of every step
   weight   (inputSize + hiddenSize) x 3*hiddenSize: rows 1..inputSize are W_x, the rest W_h;
            columns are [r z n] (reset, update, new); gradWeight likewise
   bias     4*hiddenSize: [b_r b_z b_n] for the input side, then b_hn, the recurrent bias of n
            (the recurrent biases of r and z would only add to b_r and b_z); gradBias likewise

Each step, from h_0 = 0, with [x_r x_z x_n] = x_t W_x + [b_r b_z b_n] and [h_r h_z h_n] = h_{t-1} W_h:
   r = sigmoid(x_r + h_r)     z = sigmoid(x_z + h_z)     n = tanh(x_n + r * (h_n + b_hn))
   h_t = (1 - z) * n + z * h_{t-1}
The input projections of all steps are one GEMM; each step adds one GEMM for h_{t-1} W_h and one
C kernel (core/nn_recurrent.c) for the gates. Backward is backpropagation through time with one
GEMM per step; gradInput and gradWeight are one GEMM each over all steps.

   gru:reset([stdv])   weight and bias uniform in [-stdv, stdv], stdv = 1/sqrt(hiddenSize)

Fields: inputSize, hiddenSize; buffers inputGates (x W_x + b per step), gates (r, z, n and
h_n + b_hn per step, kept for backward), hiddenGates, gradInputGates, gradHiddenGates,
gradHidden. accGradParameters uses the gradients of the updateGradInput before it.
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local GRU, parent = torch.class('nn.GRU', 'nn.Module')

local sqrt = math.sqrt
local ADD = tonumber(C.WK_ADD)

function GRU:__init(inputSize, hiddenSize)
   parent.__init(self)
   if type(inputSize) ~= 'number' or type(hiddenSize) ~= 'number' or inputSize < 1 or hiddenSize < 1 then
      error(string.format('nn.GRU(inputSize, hiddenSize): positive sizes expected, got %s and %s',
         tostring(inputSize), tostring(hiddenSize)), 2)
   end
   self.inputSize = inputSize
   self.hiddenSize = hiddenSize
   self.weight = torch.Tensor(inputSize + hiddenSize, 3 * hiddenSize)
   self.bias = torch.Tensor(4 * hiddenSize)
   self.gradWeight = torch.Tensor(inputSize + hiddenSize, 3 * hiddenSize):zero()
   self.gradBias = torch.Tensor(4 * hiddenSize):zero()
   self.inputGates = torch.Tensor()
   self.gates = torch.Tensor()
   self.hiddenGates = torch.Tensor()
   self.gradInputGates = torch.Tensor()
   self.gradHiddenGates = torch.Tensor()
   self.gradHidden = torch.Tensor()
   self:reset()
end

function GRU:reset(stdv)
   stdv = stdv or 1 / sqrt(self.hiddenSize)
   self.weight:uniform(-stdv, stdv)
   self.bias:uniform(-stdv, stdv)
   return self
end

-- Helpers (as nn.LSTM's) ----------------------------------------------------------------------------

local function check(rc)
   if rc ~= 0 then
      error('nn.GRU: ' .. ffi.string(C.wk_last_error()), 3)
   end
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local scratch = {}
local function headers(like)
   local list = scratch[like.dtype]
   if list == nil then
      list = {}
      for i = 1, 12 do
         list[i] = like.new()
      end
      scratch[like.dtype] = list
   end
   return list
end

local function release(list)
   for i = 1, #list do
      C.wk_tensor_set(list[i], nil, 0, 0, nil, nil)
   end
end

local SIZES = ffi.new('int64_t[2]')
local function view2(h, t, rows, cols)
   C.wk_tensor_set_to(h, t)
   SIZES[0], SIZES[1] = rows, cols
   check(C.wk_tensor_view(h, 2, SIZES))
   return h
end

local function select(h, t, dim, index)
   C.wk_tensor_set_to(h, t)
   C.wk_tensor_select(h, dim, index)
   return h
end

local function narrow(h, t, dim, start, length)
   C.wk_tensor_set_to(h, t)
   C.wk_tensor_narrow(h, dim, start, length)
   return h
end

local function transpose(h)
   C.wk_tensor_transpose(h, 0, 1)
   return h
end

local function input_matrix(self, input, h)
   local D = self.inputSize
   local dims = torch.isTensor(input) and input:dim() or 0
   if (dims ~= 2 and dims ~= 3) or input:size(dims) ~= D or input:nElement() == 0 then
      error(string.format('nn.GRU: input must be seqlen x batch x %d (or seqlen x %d), got %s', D, D,
         describe(input)), 4)
   end
   if input:type() ~= self.weight:type() then
      error(string.format('nn.GRU: input is a %s but the module is %s (convert one of them)', input:type(),
         self.weight:type()), 4)
   end
   if not input:isContiguous() then
      self._input = self._input or input.new()
      self._input:resizeAs(input):copy(input)
      input = self._input
   end
   local T, N = input:size(1), dims == 3 and input:size(2) or 1
   return view2(h, input, T * N, D), T, N
end

local function gradOutput3(self, input, gradOutput, h, T, N)
   local H = self.hiddenSize
   local ok = torch.isTensor(gradOutput) and gradOutput:dim() == input:dim() and gradOutput:size(1) == T
      and gradOutput:size(gradOutput:dim()) == H and gradOutput:nElement() == T * N * H
      and gradOutput:type() == input:type()
   if not ok then
      error(string.format('nn.GRU: gradOutput must be %s, got %s (input %s)',
         input:dim() == 3 and string.format('%dx%dx%d', T, N, H) or string.format('%dx%d', T, H),
         describe(gradOutput), describe(input)), 4)
   end
   C.wk_tensor_set_to(h, gradOutput)
   if gradOutput:dim() == 2 then
      C.wk_tensor_unsqueeze(h, 1)
   end
   return h
end

-- The protocol ---------------------------------------------------------------------------------------

function GRU:updateOutput(input)
   local s = headers(self.weight)
   local x, T, N = input_matrix(self, input, s[1])
   local D, H = self.inputSize, self.hiddenSize
   local output = self.output:resize(T, N, H)
   local inputGates = self.inputGates:resize(T, N, 3 * H)
   local gates = self.gates:resize(T, N, 4 * H)
   local hiddenGates = self.hiddenGates:resize(N, 3 * H)
   -- inputGates = [b_r b_z b_n] + x W_x for every step at once
   local rc = C.wk_addmm(view2(s[2], inputGates, T * N, 3 * H), 1, narrow(s[3], self.bias, 0, 0, 3 * H), 1, x,
      narrow(s[4], self.weight, 0, 0, D))
   if rc == 0 then
      local wh = narrow(s[5], self.weight, 0, D, H)
      local bhn = narrow(s[6], self.bias, 0, 3 * H, H)
      for t = 0, T - 1 do
         local hg, hprev = nil, nil
         if t > 0 then
            hprev = select(s[7], output, 0, t - 1)
            rc = C.wk_addmm(hiddenGates, 0, nil, 1, hprev, wh)
            if rc ~= 0 then
               break
            end
            hg = hiddenGates
         end
         rc = C.wk_nn_gru_cell_forward(select(s[8], inputGates, 0, t), hg, bhn, hprev, select(s[9], output, 0, t),
            select(s[10], gates, 0, t))
         if rc ~= 0 then
            break
         end
      end
   end
   release(s)
   check(rc)
   if input:dim() == 2 then
      output:resize(T, H)
   end
   return output
end

function GRU:updateGradInput(input, gradOutput)
   local s = headers(self.weight)
   local x, T, N = input_matrix(self, input, s[1])
   local g = gradOutput3(self, input, gradOutput, s[2], T, N)
   local D, H = self.inputSize, self.hiddenSize
   if self.gates:nElement() ~= T * N * 4 * H then
      release(s)
      error('nn.GRU: backward needs a forward pass on this input first', 2)
   end
   local gates = self.gates
   local gradInputGates = self.gradInputGates:resize(T, N, 3 * H)
   local gradHiddenGates = self.gradHiddenGates:resize(T, N, 3 * H)
   local dh = self.gradHidden:resize(N, H)
   self._gradDirect = self._gradDirect or dh.new()
   local direct = self._gradDirect:resize(N, H)     -- dL/dh_{t-1} through h_t = ... + z h_{t-1}
   local whT = transpose(narrow(s[3], self.weight, 0, D, H))
   local output = view2(s[10], self.output, T, N * H)
   local rc = 0
   for t = T - 1, 0, -1 do
      local got = select(s[4], g, 0, t)
      -- dL/dh_t: from the output at t, and from step t+1 (directly and through W_h)
      if t == T - 1 then
         rc = C.wk_copy(dh, got)
      else
         rc = C.wk_binary(dh, got, direct, ADD)
         if rc == 0 then
            rc = C.wk_addmm(dh, 1, dh, 1, select(s[5], gradHiddenGates, 0, t + 1), whT)
         end
      end
      if rc ~= 0 then
         break
      end
      local hprev = nil
      if t > 0 then
         hprev = view2(s[6], select(s[11], output, 0, t - 1), N, H)
      end
      rc = C.wk_nn_gru_cell_backward(select(s[7], gates, 0, t), hprev, dh, select(s[8], gradInputGates, 0, t),
         select(s[9], gradHiddenGates, 0, t), direct)
      if rc ~= 0 then
         break
      end
   end
   if rc == 0 then
      local gradInput = self.gradInput:resize(T * N, D)
      local wxT = transpose(narrow(s[3], self.weight, 0, 0, D))
      rc = C.wk_addmm(gradInput, 0, nil, 1, view2(s[4], gradInputGates, T * N, 3 * H), wxT)
      gradInput:resizeAs(input)
   end
   release(s)
   check(rc)
   return self.gradInput
end

function GRU:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   local s = headers(self.weight)
   local x, T, N = input_matrix(self, input, s[1])
   local D, H = self.inputSize, self.hiddenSize
   if self.gradInputGates:nElement() ~= T * N * 3 * H then
      release(s)
      error('nn.GRU: accGradParameters needs updateGradInput on this input first', 2)
   end
   local gx = view2(s[2], self.gradInputGates, T * N, 3 * H)
   local gh = view2(s[3], self.gradHiddenGates, T * N, 3 * H)
   -- gradW_x += x^T gradInputGates
   local gwx = narrow(s[4], self.gradWeight, 0, 0, D)
   local rc = C.wk_addmm(gwx, 1, gwx, scale, transpose(s[1]), gx)
   if rc == 0 and T > 1 then
      -- gradW_h += h_{t-1}^T gradHiddenGates_t over t = 2..seqlen
      local hprev = narrow(s[5], view2(s[6], self.output, T * N, H), 0, 0, (T - 1) * N)
      local ghnext = narrow(s[7], gh, 0, N, (T - 1) * N)
      local gwh = narrow(s[8], self.gradWeight, 0, D, H)
      rc = C.wk_addmm(gwh, 1, gwh, scale, transpose(hprev), ghnext)
   end
   if rc == 0 then
      local ones = self._ones or self.bias.new()
      self._ones = ones
      if ones:nElement() ~= T * N then
         ones:resize(T * N):fill(1)
      end
      -- [b_r b_z b_n] from the input side, b_hn from the n columns of the hidden side
      local gbx = narrow(s[9], self.gradBias, 0, 0, 3 * H)
      rc = C.wk_addmv(gbx, 1, gbx, scale, transpose(gx), ones)
      if rc == 0 then
         local gbh = narrow(s[10], self.gradBias, 0, 3 * H, H)
         rc = C.wk_addmv(gbh, 1, gbh, scale, transpose(narrow(s[11], gh, 1, 2 * H, H)), ones)
      end
   end
   release(s)
   check(rc)
end

function GRU:__tostring__()
   return string.format('%s(%d -> %d)', torch.type(self), self.inputSize, self.hiddenSize)
end

function GRU:clearState()
   nn.utils.clear(self, 'inputGates', 'gates', 'hiddenGates', 'gradInputGates', 'gradHiddenGates', 'gradHidden',
      '_gradDirect', '_ones', '_input')
   return parent.clearState(self)
end

return GRU
