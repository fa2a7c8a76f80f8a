-- nn.SoftMin: the softmax of -x.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.SoftMin', function()
   it('is the softmax of -x', function()
      local x = torch.DoubleTensor(3, 5):uniform(-2, 2)
      local expected = nn.SoftMax():double():forward(-x)
      assert.is_true(checks.max_diff(nn.SoftMin():double():forward(x), expected) < 1e-15)
      assert.are.equal('nn.SoftMin', tostring(nn.SoftMin()))
   end)

   for _, sizes in ipairs({ { 6 }, { 4, 5 }, { 2, 3, 2, 2 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.SoftMin(), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.SoftMin(), torch.DoubleTensor(6, 30):uniform(-5, 5)) < 1e-6)
      assert.are.equal(0, checks.io(nn.SoftMin():double(), torch.DoubleTensor(3, 4):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.SoftMin(), torch.Tensor(3, 4):uniform(-1, 1)))
   end)

   it('names the module for bad input', function()
      local m = nn.SoftMin()
      assert.is_truthy(checks.error_of(m.forward, m, torch.Tensor(1, 1, 1, 1, 1)):find('nn.SoftMin', 1, true))
   end)
end)
