-- nn.Clamp: y = clamp(x, min_value, max_value), a HardTanh.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Clamp', function()
   it('is a HardTanh with the given bounds', function()
      local m = nn.Clamp(-0.1, 0.5)
      assert.is_true(torch.isTypeOf(m, 'nn.HardTanh'))
      assert.are.same({ -0.1, 0.5 }, { m.min_val, m.max_val })
      assert.are.equal('nn.Clamp', tostring(m))
   end)

   it('clamps as documented', function()
      local m = nn.Clamp(-0.1, 0.5):double()
      local x = torch.DoubleTensor({ -1.1321, 0.0227, 0.6519 })
      assert.are.same({ -0.1, 0.0227, 0.5 }, m:forward(x):totable())
   end)

   it('needs both bounds', function()
      assert.is_truthy(checks.error_of(nn.Clamp, 1):find('nn.Clamp', 1, true))
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.Clamp(-1, 0.5), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Clamp(0, 1), torch.DoubleTensor(4, 5):uniform(-2, 2)) < 1e-6)
      assert.are.equal(0, checks.io(nn.Clamp(0, 1):double(), torch.DoubleTensor(3, 2):uniform(-2, 2)))
      assert.are.equal('ok', checks.clear_state(nn.Clamp(0, 1), torch.Tensor(3, 2):uniform(-2, 2)))
   end)
end)
