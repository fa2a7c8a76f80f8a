-- nn.HardTanh: y = clamp(x, min_value, max_value).

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.HardTanh', function()
   it('defaults to [-1, 1], not in place (Torch7 fields)', function()
      local m = nn.HardTanh()
      assert.are.same({ -1, 1, false }, { m.min_val, m.max_val, m.inplace })
      assert.are.equal('nn.HardTanh', tostring(m))
   end)

   it('clamps and passes the gradient strictly inside the bounds', function()
      local m = nn.HardTanh(-2, 3):double()
      local x = torch.DoubleTensor({ -5, -2, 0, 3, 4 })
      assert.are.same({ -2, -2, 0, 3, 3 }, m:forward(x):totable())
      assert.are.same({ 0, 0, 7, 0, 0 }, m:backward(x, torch.DoubleTensor(5):fill(7)):totable())
   end)

   it('refuses max <= min', function()
      assert.is_truthy(checks.error_of(nn.HardTanh, 1, 1):find('max_value', 1, true))
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 }, { 2, 3, 4 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.HardTanh(-0.5, 1), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('in place gives the same results, alone and inside a network', function()
      local make = function(ip) return nn.HardTanh(-0.5, 0.5, ip) end
      local err = checks.in_place_matches(make, torch.DoubleTensor(5, 4):uniform(-1, 1))
      assert.is_true(err < 1e-12, 'error ' .. err)
   end)

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.HardTanh(), torch.DoubleTensor(4, 5):uniform(-2, 2)) < 1e-6)
      assert.are.equal(0, checks.io(nn.HardTanh():double(), torch.DoubleTensor(3, 2):uniform(-2, 2)))
      assert.are.equal('ok', checks.clear_state(nn.HardTanh(), torch.Tensor(3, 2):uniform(-2, 2)))
   end)

   it('names the module for bad input', function()
      local m = nn.HardTanh()
      assert.is_truthy(checks.error_of(m.forward, m, 3):find('nn.HardTanh', 1, true))
   end)
end)
