-- nn.LayerNormalization: each vector of the last dimension normalized over itself (PyTorch's LayerNorm).

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

describe('nn.LayerNormalization', function()
   describe('construction', function()
      it('has weight 1 and bias 0 of the normalized size', function()
         local m = nn.LayerNormalization(4)
         assert.are.same({ 1, 1, 1, 1 }, m.weight:totable())
         assert.are.same({ 0, 0, 0, 0 }, m.bias:totable())
         assert.are.equal(1e-5, m.eps)
         assert.are.equal('nn.LayerNormalization(4)', tostring(m))
      end)

      it('can have no affine transform', function()
         local m = nn.LayerNormalization(4, 1e-3, false)
         assert.is_nil(m.weight)
         assert.is_nil(m:parameters())
         assert.are.equal('nn.LayerNormalization(4) without affine', tostring(m))
      end)

      it('refuses a size that is not a positive number', function()
         assert.has_error(function() nn.LayerNormalization() end)
         assert.has_error(function() nn.LayerNormalization(0) end)
      end)
   end)

   describe('values', function()
      it('normalizes a vector by hand', function()
         local m = nn.LayerNormalization(3, 0):double()
         local y = m:forward(torch.DoubleTensor({ 1, 2, 3 }))
         local s = math.sqrt(2 / 3)
         assert.is_true(max_diff(y, torch.DoubleTensor({ -1 / s, 0, 1 / s })) < 1e-12)
      end)

      it('matches PyTorch\'s nn.LayerNorm with weight and bias', function()
         local m = nn.LayerNormalization(4):double()
         m.weight:copy(torch.DoubleTensor({ 1, 2, 0.5, -1 }))
         m.bias:copy(torch.DoubleTensor({ 0, 0.1, -0.2, 0.3 }))
         local y = m:forward(torch.DoubleTensor({ { 1, 2, 4, 8 }, { -1, 0.5, 0.25, 3 } }))
         local torch_says = { { -1.025754575496, -1.205505823359, -0.153374792023, -1.285257071221 },
            { -1.162969567306, -0.158437681624, -0.350755314280, -1.293699036678 } }
         assert.is_true(max_diff(y, torch.DoubleTensor(torch_says)) < 1e-9)
      end)

      it('is the same in training and evaluation, for any number of leading dimensions', function()
         local m = nn.LayerNormalization(5):double()
         local x = torch.DoubleTensor(2, 3, 5):uniform()
         local y = m:forward(x):clone()
         m:evaluate()
         assert.is_true(max_diff(m:forward(x), y) < 1e-15)
         assert.is_true(max_diff(m:forward(x:view(6, 5)):view(2, 3, 5), y) < 1e-15)
         assert.is_true(max_diff(m:forward(x:transpose(1, 2)), y:transpose(1, 2)) < 1e-15)
      end)
   end)

   describe('gradients against finite differences', function()
      for _, sizes in ipairs({ { 5 }, { 3, 5 }, { 2, 2, 5 } }) do
         it('for a ' .. table.concat(sizes, 'x') .. ' input', function()
            local m = nn.LayerNormalization(5):double()
            local input = torch.DoubleTensor(unpack(sizes))
            local err = J.testJacobian(m, input)
            assert.is_true(err < PRECISION, 'input error ' .. err)
            err = J.testAllParameters(m, input)
            assert.is_true(err < PRECISION, 'parameter error ' .. err)
         end)
      end

      it('without affine parameters', function()
         local m = nn.LayerNormalization(4, nil, false):double()
         local err = J.testJacobian(m, torch.DoubleTensor(3, 4))
         assert.is_true(err < PRECISION, 'error ' .. err)
      end)

      it('survives a copy (testIO)', function()
         local ferr, berr = J.testIO(nn.LayerNormalization(4):double(), torch.DoubleTensor(3, 4):uniform())
         assert.are.equal(0, ferr)
         assert.are.equal(0, berr)
      end)
   end)

   it('gives the same results in float and double', function()
      local m = nn.LayerNormalization(6):double()
      m.weight:uniform(0.5, 2)
      m.bias:uniform(-1, 1)
      local x = torch.DoubleTensor(4, 6):uniform(-2, 2)
      local go = torch.DoubleTensor(4, 6):uniform(-1, 1)
      local f = m:clone():float()
      m:zeroGradParameters()
      f:zeroGradParameters()
      assert.is_true(max_diff(f:forward(x:float()), m:forward(x)) < 1e-5)
      assert.is_true(max_diff(f:backward(x:float(), go:float()), m:backward(x, go)) < 1e-5)
      assert.is_true(max_diff(f.gradWeight, m.gradWeight) < 1e-5)
   end)

   it('gives the same results for large inputs on one thread and on several', function()
      local x = torch.DoubleTensor(200, 300):uniform(-2, 2)
      local go = torch.DoubleTensor(200, 300):uniform(-1, 1)
      local threads = torch.getnumthreads()
      local results = {}
      for _, n in ipairs({ 1, 2 }) do
         torch.setnumthreads(n)
         local m = nn.LayerNormalization(300):double()
         m:zeroGradParameters()
         local y = m:forward(x):clone()
         results[n] = { y, m:backward(x, go):clone(), m.gradWeight:clone() }
      end
      torch.setnumthreads(threads)
      for k = 1, 3 do
         assert.are.equal(0, (results[1][k] - results[2][k]):abs():max())
      end
      assert.is_true(results[1][1]:mean(2):abs():max() < 1e-12)
   end)

   it('names the module and the sizes for a bad input', function()
      local m = nn.LayerNormalization(4)
      local err = error_of(m.forward, m, torch.Tensor(3, 5))
      assert.is_truthy(err:find('nn.LayerNormalization', 1, true))
      assert.is_truthy(err:find('... x 4', 1, true))
      assert.is_truthy(err:find('3x5', 1, true))
      m:forward(torch.Tensor(3, 4):uniform())
      err = error_of(m.backward, m, torch.Tensor(3, 4), torch.Tensor(2, 4))
      assert.is_truthy(err:find('gradOutput', 1, true))
   end)

   it('clears its state', function()
      local m = nn.LayerNormalization(4)
      local x = torch.Tensor(3, 4):uniform()
      m:forward(x)
      m:backward(x, x)
      assert.are.equal(m, m:clearState())
      assert.are.equal(0, m.save_mean:nElement())
      assert.are.equal(0, m.output:nElement())
      assert.are.equal(12, m:forward(x):nElement())
   end)
end)
