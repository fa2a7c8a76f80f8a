-- nn.ReLU: y = max(0, x), a Threshold(0, 0).

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.ReLU', function()
   it('is a Threshold at 0 with value 0 and prints as Torch7', function()
      local m = nn.ReLU()
      assert.is_true(torch.isTypeOf(m, 'nn.Threshold'))
      assert.are.equal(0, m.threshold)
      assert.are.equal(0, m.val)
      assert.is_false(m.inplace)
      assert.is_true(nn.ReLU(true).inplace)
      assert.are.equal('nn.ReLU', tostring(m))
   end)

   it('computes max(0, x) and passes the gradient where x > 0', function()
      local m = nn.ReLU():double()
      local x = torch.DoubleTensor({ -1, 0, 2.5 })
      assert.are.same({ 0, 0, 2.5 }, m:forward(x):totable())
      assert.are.same({ 0, 0, 3 }, m:backward(x, torch.DoubleTensor({ 1, 2, 3 })):totable())
   end)

   describe('gradients against finite differences', function()
      for _, sizes in ipairs({ { 9 }, { 5, 7 }, { 2, 3, 4, 4 } }) do
         it('for a ' .. table.concat(sizes, 'x') .. ' input', function()
            local err = checks.jacobian(nn.ReLU(), torch.DoubleTensor(unpack(sizes)))
            assert.is_true(err < checks.PRECISION, 'error ' .. err)
         end)
      end

      it('in place gives the same output and gradients, alone and inside a network', function()
         local err = checks.in_place_matches(nn.ReLU, torch.DoubleTensor(6, 5):uniform(-1, 1))
         assert.is_true(err < 1e-12, 'error ' .. err)
      end)

      it('works on strided (transposed) inputs', function()
         local x = torch.DoubleTensor(5, 4):uniform(-1, 1)
         local t = x:t()
         local y = nn.ReLU():double():forward(t)
         assert.are.same(t:clone():clamp(0, math.huge):totable(), y:totable())
      end)
   end)

   describe('types and state', function()
      it('gives the same results in float and double', function()
         local err = checks.float_matches_double(nn.ReLU(), torch.DoubleTensor(7, 3):uniform(-1, 1))
         assert.is_true(err < 1e-6, 'error ' .. err)
      end)

      it('survives a copy and clearState', function()
         assert.are.equal(0, checks.io(nn.ReLU():double(), torch.DoubleTensor(4, 3):uniform(-1, 1)))
         assert.are.equal('ok', checks.clear_state(nn.ReLU(), torch.Tensor(4, 3):uniform(-1, 1)))
      end)

      it('converts a large float tensor the same as the double path (the threaded path)', function()
         local x = torch.FloatTensor(300, 1000):uniform(-1, 1)
         local y = nn.ReLU():float():forward(x)
         assert.are.equal(0, (y:double() - x:double():clamp(0, math.huge)):abs():max())
      end)
   end)

   describe('bad input', function()
      it('names nn.ReLU and the types', function()
         local m = nn.ReLU():float()
         local err = checks.error_of(m.forward, m, torch.DoubleTensor(3))
         assert.is_truthy(err:find('nn.ReLU', 1, true))
         assert.is_truthy(err:find('torch.FloatTensor', 1, true))
      end)

      it('names nn.ReLU and the sizes for a wrong gradOutput', function()
         local m = nn.ReLU()
         m:forward(torch.Tensor(2, 2))
         local err = checks.error_of(m.backward, m, torch.Tensor(2, 2), torch.Tensor(5))
         assert.is_truthy(err:find('nn.ReLU', 1, true))
         assert.is_truthy(err:find('2x2', 1, true))
      end)
   end)
end)
