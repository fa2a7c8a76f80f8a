--[[ nn.LSTM(inputSize, hiddenSize) — a long short-term memory layer run over a whole sequence, as
the rnn package's SeqLSTM (Hochreiter and Schmidhuber 1997, with a forget gate).

   input    seqlen x batch x inputSize (or seqlen x inputSize: a batch of one)
   output   seqlen x batch x hiddenSize (or seqlen x hiddenSize): the hidden state h_t of every step
   weight   (inputSize + hiddenSize) x 4*hiddenSize: rows 1..inputSize are W_x, the rest W_h;
            columns are the gates in PyTorch's order [i f g o]; gradWeight likewise
   bias     4*hiddenSize, gradBias likewise

Each step, from the initial state h_0 = c_0 = 0:
   [i f g o] = x_t W_x + h_{t-1} W_h + bias        i, f, o = sigmoid(.), g = tanh(.)
   c_t = f * c_{t-1} + i * g                      h_t = o * tanh(c_t)
The input projections of all steps are one GEMM ((seqlen*batch) x inputSize times W_x); each step
adds h_{t-1} W_h with one more GEMM, then one C kernel (core/nn_recurrent.c) applies the gates.
Backward runs backpropagation through time: one GEMM per step carries the gradient to h_{t-1};
gradInput and gradWeight are then one GEMM each over all steps.

   lstm:reset([stdv])   weight and bias uniform in [-stdv, stdv], stdv = 1/sqrt(hiddenSize) (PyTorch's)

Fields: inputSize, hiddenSize; buffers gates (the gate activations, seqlen x batch x 4*hiddenSize),
cell (c_t), gradGates, gradCell, gradHidden. accGradParameters uses the gradGates of the
updateGradInput before it (backward runs both).
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local LSTM, parent = torch.class('nn.LSTM', 'nn.Module')

local sqrt = math.sqrt

function LSTM:__init(inputSize, hiddenSize)
   parent.__init(self)
   if type(inputSize) ~= 'number' or type(hiddenSize) ~= 'number' or inputSize < 1 or hiddenSize < 1 then
      error(string.format('nn.LSTM(inputSize, hiddenSize): positive sizes expected, got %s and %s',
         tostring(inputSize), tostring(hiddenSize)), 2)
   end
   self.inputSize = inputSize
   self.hiddenSize = hiddenSize
   self.weight = torch.Tensor(inputSize + hiddenSize, 4 * hiddenSize)
   self.bias = torch.Tensor(4 * hiddenSize)
   self.gradWeight = torch.Tensor(inputSize + hiddenSize, 4 * hiddenSize):zero()
   self.gradBias = torch.Tensor(4 * hiddenSize):zero()
   self.gates = torch.Tensor()
   self.cell = torch.Tensor()
   self.gradGates = torch.Tensor()
   self.gradCell = torch.Tensor()
   self.gradHidden = torch.Tensor()
   self:reset()
end

function LSTM:reset(stdv)
   stdv = stdv or 1 / sqrt(self.hiddenSize)
   self.weight:uniform(-stdv, stdv)
   self.bias:uniform(-stdv, stdv)
   return self
end

-- Helpers -------------------------------------------------------------------------------------------

local function check(rc)
   if rc ~= 0 then
      error('nn.LSTM: ' .. ffi.string(C.wk_last_error()), 3)
   end
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- Headers for views (one set per dtype), pointed at parts of the buffers with C calls and emptied
-- after each pass, so a step makes no Lua objects.
local scratch = {}
local function headers(like)
   local list = scratch[like.dtype]
   if list == nil then
      list = {}
      for i = 1, 10 do
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

-- 0-based dim and index, as C counts
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

-- The input as a contiguous (seqlen*batch) x inputSize matrix view in h; seqlen, batch.
local function input_matrix(self, input, h)
   local D = self.inputSize
   local dims = torch.isTensor(input) and input:dim() or 0
   if (dims ~= 2 and dims ~= 3) or input:size(dims) ~= D or input:nElement() == 0 then
      error(string.format('nn.LSTM: input must be seqlen x batch x %d (or seqlen x %d), got %s', D, D,
         describe(input)), 4)
   end
   if input:type() ~= self.weight:type() then
      error(string.format('nn.LSTM: input is a %s but the module is %s (convert one of them)', input:type(),
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

-- gradOutput as seqlen x batch x hiddenSize (a header in h; any strides).
local function gradOutput3(self, input, gradOutput, h, T, N)
   local H = self.hiddenSize
   local ok = torch.isTensor(gradOutput) and gradOutput:dim() == input:dim() and gradOutput:size(1) == T
      and gradOutput:size(gradOutput:dim()) == H and gradOutput:nElement() == T * N * H
      and gradOutput:type() == input:type()
   if not ok then
      error(string.format('nn.LSTM: gradOutput must be %s, got %s (input %s)',
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

function LSTM:updateOutput(input)
   local s = headers(self.weight)
   local x, T, N = input_matrix(self, input, s[1])
   local D, H = self.inputSize, self.hiddenSize
   local output = self.output:resize(T, N, H)
   local gates = self.gates:resize(T, N, 4 * H)
   local cell = self.cell:resize(T, N, H)
   -- gates = bias + x W_x for every step at once
   local rc = C.wk_addmm(view2(s[2], gates, T * N, 4 * H), 1, self.bias, 1, x, narrow(s[3], self.weight, 0, 0, D))
   if rc == 0 then
      local wh = narrow(s[4], self.weight, 0, D, H)
      for t = 0, T - 1 do
         local gt = select(s[5], gates, 0, t)
         local cprev = nil
         if t > 0 then
            rc = C.wk_addmm(gt, 1, gt, 1, select(s[6], output, 0, t - 1), wh)
            if rc ~= 0 then
               break
            end
            cprev = select(s[7], cell, 0, t - 1)
         end
         rc = C.wk_nn_lstm_cell_forward(gt, cprev, select(s[8], cell, 0, t), select(s[9], output, 0, t))
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

function LSTM:updateGradInput(input, gradOutput)
   local s = headers(self.weight)
   local x, T, N = input_matrix(self, input, s[1])
   local g = gradOutput3(self, input, gradOutput, s[2], T, N)
   local D, H = self.inputSize, self.hiddenSize
   if self.gates:nElement() ~= T * N * 4 * H then
      release(s)
      error('nn.LSTM: backward needs a forward pass on this input first', 2)
   end
   local gates, cell = self.gates, self.cell
   local gradGates = self.gradGates:resize(T, N, 4 * H)
   local gradCell = self.gradCell:resize(N, H):zero()
   local dh = self.gradHidden:resize(N, H)
   local whT = transpose(narrow(s[3], self.weight, 0, D, H))
   local rc = 0
   for t = T - 1, 0, -1 do
      local got = select(s[4], g, 0, t)
      -- dL/dh_t: from the output at t, and from step t+1 through W_h
      if t == T - 1 then
         rc = C.wk_copy(dh, got)
      else
         rc = C.wk_addmm(dh, 1, got, 1, select(s[5], gradGates, 0, t + 1), whT)
      end
      if rc ~= 0 then
         break
      end
      local cprev = t > 0 and select(s[6], cell, 0, t - 1) or nil
      rc = C.wk_nn_lstm_cell_backward(select(s[7], gates, 0, t), cprev, select(s[8], cell, 0, t), dh, gradCell,
         select(s[9], gradGates, 0, t))
      if rc ~= 0 then
         break
      end
   end
   if rc == 0 then
      local gradInput = self.gradInput:resize(T * N, D)
      local wxT = transpose(narrow(s[3], self.weight, 0, 0, D))
      rc = C.wk_addmm(gradInput, 0, nil, 1, view2(s[4], gradGates, T * N, 4 * H), wxT)
      gradInput:resizeAs(input)
   end
   release(s)
   check(rc)
   return self.gradInput
end

function LSTM:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   local s = headers(self.weight)
   local x, T, N = input_matrix(self, input, s[1])
   local D, H = self.inputSize, self.hiddenSize
   if self.gradGates:nElement() ~= T * N * 4 * H then
      release(s)
      error('nn.LSTM: accGradParameters needs updateGradInput on this input first', 2)
   end
   local gg = view2(s[2], self.gradGates, T * N, 4 * H)
   -- gradW_x += x^T gradGates
   local rc = C.wk_addmm(narrow(s[3], self.gradWeight, 0, 0, D), 1, s[3], scale, transpose(s[1]), gg)
   if rc == 0 and T > 1 then
      -- gradW_h += h_{t-1}^T gradGates_t over t = 2..seqlen
      local hprev = narrow(s[4], view2(s[5], self.output, T * N, H), 0, 0, (T - 1) * N)
      local ggnext = narrow(s[6], gg, 0, N, (T - 1) * N)
      local gwh = narrow(s[7], self.gradWeight, 0, D, H)
      rc = C.wk_addmm(gwh, 1, gwh, scale, transpose(hprev), ggnext)
   end
   if rc == 0 then
      local ones = self._ones or self.bias.new()
      self._ones = ones
      if ones:nElement() ~= T * N then
         ones:resize(T * N):fill(1)
      end
      rc = C.wk_addmv(self.gradBias, 1, self.gradBias, scale, transpose(gg), ones)
   end
   release(s)
   check(rc)
end

function LSTM:__tostring__()
   return string.format('%s(%d -> %d)', torch.type(self), self.inputSize, self.hiddenSize)
end

function LSTM:clearState()
   nn.utils.clear(self, 'gates', 'cell', 'gradGates', 'gradCell', 'gradHidden', '_ones', '_input')
   return parent.clearState(self)
end

return LSTM
