-- nn.Square: y = x^2.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Square', function()
   it('computes the value and the gradient of a small case by hand', function()
      local m = nn.Square():double()
      local x = torch.DoubleTensor({ -2, 3 })
      assert.are.same({ 4, 9 }, m:forward(x):totable())
      assert.are.same({ -4, 6 }, m:backward(x, torch.DoubleTensor(2):fill(1)):totable())
      assert.are.equal('nn.Square', tostring(m))
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 }, { 2, 3, 2 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.Square(), torch.DoubleTensor(unpack(sizes)), -2, 2)
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Square(), torch.DoubleTensor(4, 5):uniform(-2, 2)) < 1e-5)
      assert.are.equal(0, checks.io(nn.Square():double(), torch.DoubleTensor(3, 2):uniform(-2, 2)))
      assert.are.equal('ok', checks.clear_state(nn.Square(), torch.Tensor(3, 2):uniform(-2, 2)))
   end)

   it('names the module for bad input', function()
      local m = nn.Square():float()
      local err = checks.error_of(m.forward, m, torch.DoubleTensor(2))
      assert.is_truthy(err:find('nn.Square', 1, true) and err:find('torch.DoubleTensor', 1, true))
      assert.is_truthy(checks.error_of(m.forward, m, 'text'):find('nn.Square', 1, true))
   end)
end)
