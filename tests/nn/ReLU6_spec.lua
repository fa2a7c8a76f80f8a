-- nn.ReLU6: y = min(max(0, x), 6).

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.ReLU6', function()
   it('clamps to [0, 6] and passes the gradient strictly inside', function()
      local m = nn.ReLU6():double()
      local x = torch.DoubleTensor({ -1, 0, 3, 6, 7 })
      assert.are.same({ 0, 0, 3, 6, 6 }, m:forward(x):totable())
      assert.are.same({ 0, 0, 1, 0, 0 }, m:backward(x, torch.DoubleTensor(5):fill(1)):totable())
      assert.are.equal('nn.ReLU6', tostring(m))
      assert.is_false(m.inplace)
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.ReLU6(), torch.DoubleTensor(unpack(sizes)), -3, 9)
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('in place gives the same results, alone and inside a network', function()
      local err = checks.in_place_matches(nn.ReLU6, torch.DoubleTensor(5, 4):uniform(-3, 9))
      assert.is_true(err < 1e-12, 'error ' .. err)
   end)

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.ReLU6(), torch.DoubleTensor(4, 5):uniform(-3, 9)) < 1e-6)
      assert.are.equal(0, checks.io(nn.ReLU6():double(), torch.DoubleTensor(3, 2):uniform(-3, 9)))
      assert.are.equal('ok', checks.clear_state(nn.ReLU6(), torch.Tensor(3, 2):uniform(-3, 9)))
   end)

   it('names the module for bad input', function()
      local m = nn.ReLU6()
      assert.is_truthy(checks.error_of(m.forward, m, 'x'):find('nn.ReLU6', 1, true))
   end)
end)
