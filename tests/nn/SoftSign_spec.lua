-- nn.SoftSign: x / (1 + |x|).

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.SoftSign', function()
   it('computes x / (1 + |x|) and gradOutput / (1 + |x|)^2', function()
      local m = nn.SoftSign():double()
      local x = torch.DoubleTensor({ -3, 0, 1 })
      assert.are.same({ -0.75, 0, 0.5 }, m:forward(x):totable())
      assert.are.same({ 1 / 16, 1, 0.25 }, m:backward(x, torch.DoubleTensor(3):fill(1)):totable())
      assert.are.equal('nn.SoftSign', tostring(m))
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.SoftSign(), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.SoftSign(), torch.DoubleTensor(4, 5):uniform(-3, 3)) < 1e-6)
      assert.are.equal(0, checks.io(nn.SoftSign():double(), torch.DoubleTensor(3, 2):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.SoftSign(), torch.Tensor(3, 2):uniform(-1, 1)))
   end)

   it('names the module for bad input', function()
      local m = nn.SoftSign():float()
      assert.is_truthy(checks.error_of(m.forward, m, torch.DoubleTensor(2)):find('nn.SoftSign', 1, true))
   end)
end)
