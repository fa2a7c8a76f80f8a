-- nn.LeakyReLU: y = x > 0 ? x : negval * x.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.LeakyReLU', function()
   it('defaults to a slope of 0.01, not in place', function()
      local m = nn.LeakyReLU()
      assert.are.equal(0.01, m.negval)
      assert.is_false(m.inplace)
      assert.are.equal('nn.LeakyReLU', tostring(m))
   end)

   it('scales the negative part, value and gradient', function()
      local m = nn.LeakyReLU(0.5):double()
      local x = torch.DoubleTensor({ -2, 0, 3 })
      assert.are.same({ -1, 0, 3 }, m:forward(x):totable())
      assert.are.same({ 0.5, 0.5, 1 }, m:backward(x, torch.DoubleTensor(3):fill(1)):totable())
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 }, { 2, 3, 4 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.LeakyReLU(0.2), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('in place gives the same results, alone and inside a network', function()
      local make = function(ip) return nn.LeakyReLU(0.1, ip) end
      local err = checks.in_place_matches(make, torch.DoubleTensor(5, 4):uniform(-1, 1))
      assert.is_true(err < 1e-12, 'error ' .. err)
   end)

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.LeakyReLU(0.3), torch.DoubleTensor(4, 5):uniform(-1, 1)) < 1e-6)
      assert.are.equal(0, checks.io(nn.LeakyReLU():double(), torch.DoubleTensor(3, 2):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.LeakyReLU(), torch.Tensor(3, 2):uniform(-1, 1)))
   end)

   it('refuses a slope that is not a number, and names the module for bad input', function()
      assert.is_truthy(checks.error_of(nn.LeakyReLU, 'a'):find('nn.LeakyReLU', 1, true))
      local m = nn.LeakyReLU()
      m:forward(torch.Tensor(4):uniform())
      local err = checks.error_of(m.backward, m, torch.Tensor(4), torch.Tensor(3))
      assert.is_truthy(err:find('nn.LeakyReLU', 1, true))
   end)
end)
