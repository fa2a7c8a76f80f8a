-- nn.HardShrink: x where |x| > lambda, else 0.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.HardShrink', function()
   it('defaults to lambda 0.5', function()
      assert.are.equal(0.5, nn.HardShrink().lambda)
      assert.are.equal('nn.HardShrink', tostring(nn.HardShrink()))
   end)

   it('shrinks as documented, and passes the gradient where |x| > lambda', function()
      local m = nn.HardShrink(0.5):double()
      local x = torch.DoubleTensor({ -2, -0.5, 0.3, 0.7 })
      local y = m:forward(x)
      assert.are.same({ -2, 0, 0, 0.7 }, y:totable())
      assert.are.same({ 1, 0, 0, 1 }, m:backward(x, torch.DoubleTensor(4):fill(1)):totable())
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.HardShrink(0.3), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.HardShrink(), torch.DoubleTensor(4, 5):uniform(-2, 2)) < 1e-6)
      assert.are.equal(0, checks.io(nn.HardShrink():double(), torch.DoubleTensor(3, 2):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.HardShrink(), torch.Tensor(3, 2):uniform(-1, 1)))
   end)

   it('names the module for bad input', function()
      local m = nn.HardShrink()
      assert.is_truthy(checks.error_of(m.forward, m, {}):find('nn.HardShrink', 1, true))
      assert.is_truthy(checks.error_of(nn.HardShrink, 'x'):find('nn.HardShrink', 1, true))
   end)
end)
