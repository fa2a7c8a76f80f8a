-- nn.TemporalConvolution: 1-d convolution over a sequence of frames.

require 'nn'
local H = require 'tests.nn.conv_helpers'

-- output[t][i] = bias[i] + sum_{k,j} weight[i][k*F + j] * input[(t-1)*dW + k + 1][j]  (1-based t)
local function reference(m, x)
   local T, F = x:size(1), x:size(2)
   local nOut = math.floor((T - m.kW) / m.dW) + 1
   local out = torch.DoubleTensor(nOut, m.outputFrameSize)
   for t = 1, nOut do
      for i = 1, m.outputFrameSize do
         local s = m.bias[i]
         for k = 0, m.kW - 1 do
            for j = 1, F do
               s = s + m.weight[i][k * F + j] * x[(t - 1) * m.dW + k + 1][j]
            end
         end
         out[t][i] = s
      end
   end
   return out
end

describe('nn.TemporalConvolution', function()
   describe('construction', function()
      it('has Torch7 fields and an outputFrameSize x (kW*inputFrameSize) weight', function()
         local m = nn.TemporalConvolution(5, 3, 4, 2)
         assert.are.same({ 5, 3, 4, 2 }, { m.inputFrameSize, m.outputFrameSize, m.kW, m.dW })
         assert.are.same({ 3, 20 }, m.weight:size():totable())
         assert.are.same({ 3 }, m.bias:size():totable())
         assert.are.equal(1, nn.TemporalConvolution(1, 1, 2).dW)
         assert.are.equal('nn.TemporalConvolution', tostring(m))
      end)

      it('initialises uniformly within 1/sqrt(kW*inputFrameSize)', function()
         local m = nn.TemporalConvolution(5, 30, 4)
         assert.is_true(m.weight:abs():max() <= 1 / math.sqrt(20))
      end)
   end)

   describe('computing', function()
      it('matches the documented formula, with and without stride', function()
         for _, dW in ipairs({ 1, 2, 3, 5 }) do
            local m = nn.TemporalConvolution(4, 3, 3, dW):double()
            local x = torch.DoubleTensor(11, 4):uniform(-1, 1)
            assert.is_true(H.max_diff(m:forward(x), reference(m, x)) < 1e-12)
         end
      end)

      it('takes batches: N x nInputFrame x inputFrameSize', function()
         local m = nn.TemporalConvolution(4, 3, 3, 2):double()
         local x = torch.DoubleTensor(2, 9, 4):uniform(-1, 1)
         local y = m:forward(x)
         assert.are.same({ 2, 4, 3 }, y:size():totable())
         assert.is_true(H.max_diff(y[2], reference(m, x[2])) < 1e-12)
      end)

      it('computes a small case by hand', function()
         local m = nn.TemporalConvolution(1, 1, 2):double()
         m.weight:copy(torch.DoubleTensor({ { 1, 10 } }))
         m.bias:fill(0.5)
         assert.are.same({ { 21.5 }, { 32.5 } }, m:forward(torch.DoubleTensor({ { 1 }, { 2 }, { 3 } })):totable())
      end)

      it('reads a strided input', function()
         local m = nn.TemporalConvolution(3, 2, 2):double()
         local x = torch.DoubleTensor(3, 7):uniform():t()
         assert.is_true(H.max_diff(m:forward(x), reference(m, x:contiguous())) < 1e-12)
      end)
   end)

   describe('gradients against finite differences', function()
      for _, case in ipairs({ { 'one sequence', { 9, 4 }, 3, 1 }, { 'a batch with stride', { 2, 10, 3 }, 3, 2 },
                              { 'a stride above the width', { 2, 11, 3 }, 2, 3 } }) do
         it('for ' .. case[1], function()
            local F = case[2][#case[2]]
            H.gradients(function() return nn.TemporalConvolution(F, 3, case[3], case[4]) end, case[2], true)
         end)
      end
   end)

   describe('the protocol', function()
      it('gives the same results in float and double, and clears its state', function()
         H.types(function() return nn.TemporalConvolution(4, 5, 3, 2) end, { 3, 9, 4 })
         H.clear_state(function() return nn.TemporalConvolution(4, 5, 3) end, { 9, 4 })
      end)
   end)

   describe('bad input', function()
      it('names the module and the sizes', function()
         H.fails(function() nn.TemporalConvolution(4, 3, 2):forward(torch.Tensor(5, 3)) end, 'nn.TemporalConvolution',
            '5x3', 'nInputFrame x 4')
         H.fails(function() nn.TemporalConvolution(4, 3, 6):forward(torch.Tensor(5, 4)) end, 'nn.TemporalConvolution',
            '5 frames', 'kernel width 6')
         local m = nn.TemporalConvolution(4, 3, 2)
         m:forward(torch.Tensor(5, 4))
         H.fails(function() m:backward(torch.Tensor(5, 4), torch.Tensor(4, 2)) end, 'nn.TemporalConvolution',
            'gradOutput')
      end)
   end)
end)
