-- nn.SoftShrink: x - lambda above lambda, x + lambda below -lambda, else 0.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.SoftShrink', function()
   it('defaults to lambda 0.5', function()
      assert.are.equal(0.5, nn.SoftShrink().lambda)
      assert.are.equal('nn.SoftShrink', tostring(nn.SoftShrink()))
   end)

   it('shrinks as documented, and passes the gradient where |x| > lambda', function()
      local m = nn.SoftShrink(0.5):double()
      local x = torch.DoubleTensor({ -2, -0.5, 0.3, 0.7 })
      local y = m:forward(x)
      assert.is_true(checks.max_diff(y, torch.DoubleTensor({ -1.5, 0, 0, 0.2 })) < 1e-15)
      assert.are.same({ 1, 0, 0, 1 }, m:backward(x, torch.DoubleTensor(4):fill(1)):totable())
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.SoftShrink(0.3), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.SoftShrink(), torch.DoubleTensor(4, 5):uniform(-2, 2)) < 1e-6)
      assert.are.equal(0, checks.io(nn.SoftShrink():double(), torch.DoubleTensor(3, 2):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.SoftShrink(), torch.Tensor(3, 2):uniform(-1, 1)))
   end)

   it('names the module for bad input', function()
      local m = nn.SoftShrink()
      assert.is_truthy(checks.error_of(m.forward, m, {}):find('nn.SoftShrink', 1, true))
      assert.is_truthy(checks.error_of(nn.SoftShrink, 'x'):find('nn.SoftShrink', 1, true))
   end)
end)
