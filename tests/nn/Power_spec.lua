-- nn.Power: y = x^p.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Power', function()
   it('computes the value and the gradient of a small case by hand', function()
      local m = nn.Power(3):double()
      local x = torch.DoubleTensor({ -2, 0.5 })
      assert.are.same({ -8, 0.125 }, m:forward(x):totable())
      assert.are.same({ 12, 0.75 }, m:backward(x, torch.DoubleTensor(2):fill(1)):totable())
      assert.are.equal(3, m.pow)
      assert.are.equal('nn.Power', tostring(m))
      assert.is_truthy(checks.error_of(nn.Power):find('nn.Power', 1, true))
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 }, { 2, 3, 2 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.Power(1.5), torch.DoubleTensor(unpack(sizes)), 0.5, 2)
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Power(1.5), torch.DoubleTensor(4, 5):uniform(0.5, 2)) < 1e-5)
      assert.are.equal(0, checks.io(nn.Power(1.5):double(), torch.DoubleTensor(3, 2):uniform(0.5, 2)))
      assert.are.equal('ok', checks.clear_state(nn.Power(1.5), torch.Tensor(3, 2):uniform(0.5, 2)))
   end)

   it('names the module for bad input', function()
      local m = nn.Power(1.5):float()
      local err = checks.error_of(m.forward, m, torch.DoubleTensor(2))
      assert.is_truthy(err:find('nn.Power', 1, true) and err:find('torch.DoubleTensor', 1, true))
      assert.is_truthy(checks.error_of(m.forward, m, 'text'):find('nn.Power', 1, true))
   end)
end)
