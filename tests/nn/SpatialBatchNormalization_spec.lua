-- nn.SpatialBatchNormalization: batch normalization of feature maps over the batch and the positions.

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

-- N x C x H x W as (N*H*W) x C rows, the layout nn.BatchNormalization normalizes.
local function as_rows(x)
   local N, Cn, H, W = x:size(1), x:size(2), x:size(3), x:size(4)
   return x:transpose(2, 3):transpose(3, 4):contiguous():view(N * H * W, Cn)
end

describe('nn.SpatialBatchNormalization', function()
   it('is a BatchNormalization of 4-d inputs and prints as Torch7', function()
      local m = nn.SpatialBatchNormalization(16)
      assert.is_true(torch.isTypeOf(m, 'nn.BatchNormalization'))
      assert.are.equal(4, m.nDim)
      assert.are.equal('nn.SpatialBatchNormalization (4D) (16)', tostring(m))
      assert.are.equal(2, nn.BatchNormalization(3).nDim)
   end)

   it('normalizes each map over the batch and its positions (as BatchNormalization of the pixels)', function()
      local x = torch.DoubleTensor(3, 4, 2, 5):uniform(-2, 2)
      local go = torch.DoubleTensor(3, 4, 2, 5):uniform(-1, 1)
      local s = nn.SpatialBatchNormalization(4):double()
      local b = nn.BatchNormalization(4):double()
      b.weight:copy(s.weight)
      local y = s:forward(x)
      local yb = b:forward(as_rows(x))
      assert.is_true(max_diff(as_rows(y), yb) < 1e-12)
      assert.is_true(max_diff(s.running_var, b.running_var) < 1e-12)
      s:zeroGradParameters()
      b:zeroGradParameters()
      local gi = s:backward(x, go)
      local gib = b:backward(as_rows(x), as_rows(go))
      assert.is_true(max_diff(as_rows(gi), gib) < 1e-12)
      assert.is_true(max_diff(s.gradWeight, b.gradWeight) < 1e-12)
      assert.is_true(max_diff(s.gradBias, b.gradBias) < 1e-12)
   end)

   it('gives the same result for a non-contiguous input', function()
      local m = nn.SpatialBatchNormalization(3):double()
      local x = torch.DoubleTensor(2, 3, 5, 4):uniform():transpose(3, 4)
      local y = m:forward(x):clone()
      assert.is_true(max_diff(y, m:forward(x:contiguous())) < 1e-12)
      local go = torch.DoubleTensor(2, 3, 4, 5):uniform():transpose(3, 4)
      local gi = m:backward(x, go):clone()
      assert.is_true(max_diff(gi, m:backward(x:contiguous(), go:contiguous())) < 1e-12)
   end)

   describe('gradients against finite differences', function()
      for _, mode in ipairs({ 'training', 'evaluation' }) do
         it('gradInput and the parameters in ' .. mode, function()
            local m = nn.SpatialBatchNormalization(3):double()
            if mode == 'evaluation' then
               m.running_mean:uniform(-1, 1)
               m.running_var:uniform(0.5, 2)
               m:evaluate()
            end
            local input = torch.DoubleTensor(2, 3, 2, 3)
            local err = J.testJacobian(m, input)
            assert.is_true(err < PRECISION, 'input error ' .. err)
            err = J.testAllParameters(m, input)
            assert.is_true(err < PRECISION, 'parameter error ' .. err)
         end)
      end

      it('for a single sample in evaluation', function()
         local m = nn.SpatialBatchNormalization(3):double()
         m.running_var:uniform(0.5, 2)
         m:evaluate()
         local err = J.testJacobian(m, torch.DoubleTensor(3, 2, 2))
         assert.is_true(err < PRECISION, 'error ' .. err)
         assert.are.same({ 3, 2, 2 }, m.output:size():totable())
      end)
   end)

   it('gives the same results in float and double', function()
      local m = nn.SpatialBatchNormalization(4):double()
      local x = torch.DoubleTensor(3, 4, 3, 3):uniform(-2, 2)
      local go = torch.DoubleTensor(3, 4, 3, 3):uniform(-1, 1)
      local f = m:clone():float()
      local y = m:forward(x)
      local gi = m:backward(x, go)
      assert.is_true(max_diff(f:forward(x:float()), y) < 1e-5)
      assert.is_true(max_diff(f:backward(x:float(), go:float()), gi) < 1e-5)
   end)

   it('names the module and the sizes for a bad input', function()
      local m = nn.SpatialBatchNormalization(3)
      local err = error_of(m.forward, m, torch.Tensor(2, 3, 4))
      assert.is_truthy(err:find('nn.SpatialBatchNormalization', 1, true))
      assert.is_truthy(err:find('(4D tensor), got 3D', 1, true))
      err = error_of(m.forward, m, torch.Tensor(2, 5, 4, 4))
      assert.is_truthy(err:find('got 5-feature tensor, expected 3', 1, true))
   end)

   it('gives the same results for large inputs on one thread and on several', function()
      local x = torch.DoubleTensor(8, 16, 20, 20):uniform(-2, 2)
      local go = torch.DoubleTensor(8, 16, 20, 20):uniform(-1, 1)
      local threads = torch.getnumthreads()
      local results = {}
      for _, n in ipairs({ 1, 2 }) do
         torch.setnumthreads(n)
         local m = nn.SpatialBatchNormalization(16):double()
         m.weight:fill(1.5)
         local y = m:forward(x):clone()
         results[n] = { y, m:backward(x, go):clone(), m.gradWeight:clone() }
      end
      torch.setnumthreads(threads)
      for k = 1, 3 do
         assert.are.equal(0, (results[1][k] - results[2][k]):abs():max())
      end
      -- each map normalized: mean 0, variance 1.5^2 (biased)
      local y = results[1][1]:transpose(1, 2):contiguous():view(16, 8 * 400)
      assert.is_true(y:mean(2):abs():max() < 1e-12)
      assert.is_true((y:var(2, true) - 2.25):abs():max() < 1e-3)
   end)

   it('clears its state', function()
      local m = nn.SpatialBatchNormalization(3)
      local x = torch.Tensor(2, 3, 2, 2):uniform()
      m:forward(x)
      m:backward(x, x)
      assert.are.equal(m, m:clearState())
      assert.are.equal(0, m.output:nElement())
      assert.are.equal(0, m.gradInput:nElement())
      assert.are.equal(24, m:forward(x):nElement())
   end)
end)
