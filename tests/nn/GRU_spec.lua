-- nn.GRU: a gated recurrent unit layer over a whole sequence (seqlen x batch x inputSize).

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local function max_diff(a, b)
   return (a:double() - b:double()):abs():max()
end

local function error_of(f, ...)
   local ok, err = pcall(f, ...)
   assert.is_false(ok)
   return tostring(err)
end

-- The weights and input of the golden case: simple formulas, the same in the PyTorch script that
-- made the expected values (weight_ih = W[1..D]^T, weight_hh = W[D+1..]^T, bias_ih = b[1..3H],
-- bias_hh = {0, 0, b[3H+1..4H]}).
local D, H, T, N = 2, 3, 3, 2
local function golden_module()
   local m = nn.GRU(D, H):double()
   for i = 1, D + H do
      for j = 1, 3 * H do
         m.weight[i][j] = 0.3 * math.sin(i * 7 + j)
      end
   end
   for j = 1, 4 * H do
      m.bias[j] = 0.2 * math.cos(j)
   end
   return m
end
local function golden_input()
   local x = torch.DoubleTensor(T, N, D)
   for t = 1, T do
      for n = 1, N do
         for d = 1, D do
            x[t][n][d] = 0.5 * math.cos(t * 3 + n * 2 + d)
         end
      end
   end
   return x
end

describe('nn.GRU', function()
   describe('construction', function()
      it('has weight (inputSize + hiddenSize) x 3*hiddenSize and bias 4*hiddenSize', function()
         local m = nn.GRU(5, 7)
         assert.are.same({ 12, 21 }, m.weight:size():totable())
         assert.are.same({ 12, 21 }, m.gradWeight:size():totable())
         assert.are.same({ 28 }, m.bias:size():totable())
         assert.are.same({ 28 }, m.gradBias:size():totable())
         assert.are.equal(5, m.inputSize)
         assert.are.equal(7, m.hiddenSize)
         local bound = 1 / math.sqrt(7)
         assert.is_true(m.weight:abs():max() <= bound)
         assert.is_true(m.bias:abs():max() <= bound)
         assert.are.equal('nn.GRU(5 -> 7)', tostring(m))
      end)

      it('refuses sizes that are not positive numbers', function()
         assert.has_error(function() nn.GRU(0, 3) end)
         assert.has_error(function() nn.GRU(3) end)
      end)
   end)

   describe('values', function()
      it('matches PyTorch\'s nn.GRU (gates r z n, the reset gate after the recurrent product)', function()
         local m = golden_module()
         local y = m:forward(golden_input())
         local torch_says = {
            { { 0.166535686369, 0.032007491047, -0.101308138463 }, { -0.034548830583, -0.020314930219, 0.010575354514 } },
            { { 0.013207892733, -0.040652361608, -0.043836662355 }, { 0.074894583023, -0.022339284888, -0.083117881582 } },
            { { 0.179758355087, 0.011069400399, -0.131649165704 }, { 0.038227279356, -0.015342375063, -0.053971839425 } } }
         assert.are.same({ T, N, H }, y:size():totable())
         assert.is_true(max_diff(y, torch.DoubleTensor(torch_says)) < 1e-10)
      end)

      it('matches PyTorch\'s gradient of sum(output^2) with respect to the input', function()
         local m = golden_module()
         local x = golden_input()
         local y = m:forward(x)
         local gi = m:backward(x, y * 2)
         local torch_says = {
            { { 0.094167033930, 0.098124757017 }, { 0.004229513287, 0.020304582096 } },
            { { 0.027739613792, 0.056204635693 }, { 0.035245175837, 0.049551562986 } },
            { { 0.073052353731, 0.075949331395 }, { 0.013021367885, 0.023429931797 } } }
         assert.is_true(max_diff(gi, torch.DoubleTensor(torch_says)) < 1e-10)
      end)

      it('computes one step by hand', function()
         local m = nn.GRU(1, 1):double()
         m.weight:zero()
         m.weight[1]:copy(torch.DoubleTensor({ 1, -1, 0.5 }))
         m.bias:copy(torch.DoubleTensor({ 0, 0, 0, 0.3 }))
         local y = m:forward(torch.DoubleTensor({ { 2 } }))
         local r, z = 1 / (1 + math.exp(-2)), 1 / (1 + math.exp(2))
         local n = math.tanh(1 + r * 0.3)
         assert.is_true(math.abs(y[1][1] - (1 - z) * n) < 1e-14)
      end)

      it('treats a seqlen x inputSize input as a batch of one', function()
         local m = nn.GRU(3, 4):double()
         local x = torch.DoubleTensor(5, 3):uniform()
         local y = m:forward(x):clone()
         assert.are.same({ 5, 4 }, y:size():totable())
         assert.is_true(max_diff(y, m:forward(x:view(5, 1, 3)):view(5, 4)) < 1e-15)
      end)

      it('runs the samples of a batch independently', function()
         local m = nn.GRU(3, 4):double()
         local x = torch.DoubleTensor(5, 2, 3):uniform()
         local y = m:forward(x):clone()
         local y2 = m:forward(x:select(2, 2):contiguous())
         assert.is_true(max_diff(y:select(2, 2), y2) < 1e-14)
      end)
   end)

   describe('gradients against finite differences (backpropagation through time)', function()
      for _, sizes in ipairs({ { 4, 3, 2 }, { 4, 2 } }) do
         it('for a ' .. table.concat(sizes, 'x') .. ' input', function()
            local m = nn.GRU(2, 3):double()
            local input = torch.DoubleTensor(unpack(sizes))
            local err = J.testJacobian(m, input, -1, 1)
            assert.is_true(err < PRECISION, 'input error ' .. err)
            err = J.testJacobianParameters(m, input, m.weight, m.gradWeight, -1, 1)
            assert.is_true(err < PRECISION, 'weight error ' .. err)
            err = J.testJacobianParameters(m, input, m.bias, m.gradBias, -1, 1)
            assert.is_true(err < PRECISION, 'bias error ' .. err)
            err = J.testAllParameters(m, input, -1, 1)
            assert.is_true(err < PRECISION, 'update error ' .. err)
         end)
      end

      it('for a sequence of one step', function()
         local m = nn.GRU(2, 3):double()
         local input = torch.DoubleTensor(1, 2, 2)
         local err = math.max(J.testJacobian(m, input, -1, 1), J.testAllParameters(m, input, -1, 1))
         assert.is_true(err < PRECISION, 'error ' .. err)
      end)

      it('scales the parameter gradients by scale', function()
         local m = nn.GRU(2, 3):double()
         local x = torch.DoubleTensor(3, 2, 2):uniform()
         local go = torch.DoubleTensor(3, 2, 3):uniform()
         m:forward(x)
         m:zeroGradParameters()
         m:backward(x, go)
         local gw, gb = m.gradWeight:clone(), m.gradBias:clone()
         m:zeroGradParameters()
         m:backward(x, go, 0.25)
         assert.is_true(max_diff(m.gradWeight, gw * 0.25) < 1e-14)
         assert.is_true(max_diff(m.gradBias, gb * 0.25) < 1e-14)
      end)

      it('survives a copy (testIO)', function()
         local ferr, berr = J.testIO(nn.GRU(2, 3):double(), torch.DoubleTensor(3, 2, 2):uniform())
         assert.are.equal(0, ferr)
         assert.are.equal(0, berr)
      end)
   end)

   it('learns to echo its input one step later (the loss falls)', function()
      torch.manualSeed(7)
      local steps, batch, hidden = 8, 16, 8
      local rnn = nn.GRU(1, hidden):double()
      local readout = nn.Linear(hidden, 1):double()
      local criterion = nn.MSECriterion()
      local x = torch.DoubleTensor(steps, batch, 1)
      local y = torch.DoubleTensor(steps, batch, 1)
      local first, last
      for iteration = 1, 200 do
         x:bernoulli(0.5):mul(2):add(-1)
         y:zero():narrow(1, 2, steps - 1):copy(x:narrow(1, 1, steps - 1))
         local h = rnn:forward(x)
         local out = readout:forward(h:view(steps * batch, hidden))
         local loss = criterion:forward(out, y:view(steps * batch, 1))
         first = first or loss
         last = loss
         rnn:zeroGradParameters()
         readout:zeroGradParameters()
         local gh = readout:backward(h:view(steps * batch, hidden), criterion:backward(out, y:view(steps * batch, 1)))
         rnn:backward(x, gh:view(steps, batch, hidden))
         rnn:updateParameters(0.5)
         readout:updateParameters(0.5)
      end
      assert.is_true(last < 0.05 * first, string.format('loss %g -> %g', first, last))
   end)

   it('gives the same results for a large batch on one thread and on several', function()
      local x = torch.DoubleTensor(3, 64, 10):uniform(-1, 1)
      local go = torch.DoubleTensor(3, 64, 200):uniform(-1, 1)
      local m = nn.GRU(10, 200):double()
      local threads = torch.getnumthreads()
      local results = {}
      for _, n in ipairs({ 1, 2 }) do
         torch.setnumthreads(n)
         m:zeroGradParameters()
         local y = m:forward(x):clone()
         results[n] = { y, m:backward(x, go):clone(), m.gradWeight:clone() }
      end
      torch.setnumthreads(threads)
      for k = 1, 3 do
         assert.is_true(max_diff(results[1][k], results[2][k]) < 1e-12)
      end
      -- the samples stay independent: sample 5 alone gives its rows of the batch's output
      local alone = m:forward(x:select(2, 5):contiguous())
      assert.is_true(max_diff(alone, results[1][1]:select(2, 5)) < 1e-12)
   end)

   describe('types', function()
      it('gives the same results in float and double', function()
         local m = nn.GRU(3, 4):double()
         local x = torch.DoubleTensor(5, 2, 3):uniform(-1, 1)
         local go = torch.DoubleTensor(5, 2, 4):uniform(-1, 1)
         local f = m:clone():float()
         m:zeroGradParameters()
         f:zeroGradParameters()
         assert.is_true(max_diff(f:forward(x:float()), m:forward(x)) < 1e-5)
         assert.is_true(max_diff(f:backward(x:float(), go:float()), m:backward(x, go)) < 1e-5)
         assert.is_true(max_diff(f.gradWeight, m.gradWeight) < 1e-5)
         assert.is_true(max_diff(f.gradBias, m.gradBias) < 1e-5)
      end)

      it('refuses an input of another type, naming both', function()
         local m = nn.GRU(3, 4):float()
         local err = error_of(m.forward, m, torch.DoubleTensor(2, 1, 3))
         assert.is_truthy(err:find('nn.GRU', 1, true))
         assert.is_truthy(err:find('torch.DoubleTensor', 1, true))
         assert.is_truthy(err:find('torch.FloatTensor', 1, true))
      end)
   end)

   describe('bad input', function()
      it('names the module and the sizes', function()
         local m = nn.GRU(3, 4)
         local err = error_of(m.forward, m, torch.Tensor(5, 2, 7))
         assert.is_truthy(err:find('nn.GRU', 1, true))
         assert.is_truthy(err:find('seqlen x batch x 3', 1, true))
         assert.is_truthy(err:find('5x2x7', 1, true))
         assert.has_error(function() m:forward(torch.Tensor(3)) end)
      end)

      it('names a wrong gradOutput', function()
         local m = nn.GRU(3, 4)
         local x = torch.Tensor(5, 2, 3):uniform()
         m:forward(x)
         local err = error_of(m.backward, m, x, torch.Tensor(5, 2, 3))
         assert.is_truthy(err:find('gradOutput must be 5x2x4', 1, true))
      end)
   end)

   describe('state', function()
      it('clears its buffers and works after', function()
         local m = nn.GRU(3, 4)
         local x = torch.Tensor(5, 2, 3):uniform()
         m:forward(x)
         m:backward(x, torch.Tensor(5, 2, 4):uniform())
         assert.are.equal(m, m:clearState())
         assert.are.equal(0, m.gates:nElement())
         assert.are.equal(0, m.gradInputGates:nElement())
         assert.are.equal(0, m.output:nElement())
         assert.are.equal(40, m:forward(x):nElement())
      end)

      it('reuses its buffers across steps', function()
         local m = nn.GRU(3, 4)
         local x = torch.Tensor(5, 2, 3):uniform()
         local go = torch.Tensor(5, 2, 4):uniform()
         m:forward(x)
         m:backward(x, go)
         local pointers = { torch.pointer(m.output:storage()), torch.pointer(m.gates:storage()),
            torch.pointer(m.gradHiddenGates:storage()), torch.pointer(m.gradInput:storage()) }
         m:forward(x)
         m:backward(x, go)
         assert.are.same(pointers, { torch.pointer(m.output:storage()), torch.pointer(m.gates:storage()),
            torch.pointer(m.gradHiddenGates:storage()), torch.pointer(m.gradInput:storage()) })
      end)
   end)
end)
