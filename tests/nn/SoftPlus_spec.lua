-- nn.SoftPlus: log(1 + exp(beta x)) / beta, linear past the threshold.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.SoftPlus', function()
   it('defaults to beta 1 and threshold 20', function()
      local m = nn.SoftPlus()
      assert.are.same({ 1, 20 }, { m.beta, m.threshold })
      assert.are.equal('nn.SoftPlus', tostring(m))
   end)

   it('computes log(1 + e^(beta x)) / beta, and x itself past the threshold', function()
      local m = nn.SoftPlus(2, 10):double()
      local y = m:forward(torch.DoubleTensor({ 0, 1, 6, 1000 }))
      assert.is_true(math.abs(y[1] - math.log(2) / 2) < 1e-15)
      assert.is_true(math.abs(y[2] - math.log(1 + math.exp(2)) / 2) < 1e-15)
      assert.are.same({ 6, 1000 }, { y[3], y[4] })
      local g = m:backward(torch.DoubleTensor({ 0, 1, 6, 1000 }), torch.DoubleTensor(4):fill(1))
      assert.is_true(math.abs(g[1] - 0.5) < 1e-15)
      assert.are.same({ 1, 1 }, { g[3], g[4] })
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.SoftPlus(1.5), torch.DoubleTensor(unpack(sizes)), -4, 4)
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.SoftPlus(), torch.DoubleTensor(4, 5):uniform(-30, 30)) < 1e-5)
      assert.are.equal(0, checks.io(nn.SoftPlus():double(), torch.DoubleTensor(3, 2):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.SoftPlus(), torch.Tensor(3, 2):uniform(-1, 1)))
   end)

   it('names the module for bad input', function()
      local m = nn.SoftPlus()
      assert.is_truthy(checks.error_of(m.forward, m, nil):find('nn.SoftPlus', 1, true))
   end)
end)
