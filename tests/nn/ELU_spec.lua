-- nn.ELU: y = x > 0 ? x : alpha * (exp(x) - 1).

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.ELU', function()
   it('defaults to alpha 1 and prints as Torch7', function()
      assert.are.equal(1, nn.ELU().alpha)
      assert.are.equal('nn.ELU (alpha:1.000000)', tostring(nn.ELU()))
      assert.are.equal('nn.ELU (alpha:0.500000)', tostring(nn.ELU(0.5)))
   end)

   it('computes alpha (e^x - 1) below zero, and its gradient from the output', function()
      local m = nn.ELU(2):double()
      local x = torch.DoubleTensor({ -1, 0, 3 })
      local y = m:forward(x)
      assert.is_true(math.abs(y[1] - 2 * (math.exp(-1) - 1)) < 1e-15)
      assert.are.same({ 0, 3 }, { y[2], y[3] })
      local g = m:backward(x, torch.DoubleTensor(3):fill(1))
      assert.is_true(math.abs(g[1] - 2 * math.exp(-1)) < 1e-15)
      assert.are.same({ 2, 1 }, { g[2], g[3] })
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 }, { 2, 3, 4, 2 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.ELU(0.7), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('in place gives the same results, alone and inside a network', function()
      local make = function(ip) return nn.ELU(1.3, ip) end
      local err = checks.in_place_matches(make, torch.DoubleTensor(5, 4):uniform(-2, 2))
      assert.is_true(err < 1e-12, 'error ' .. err)
   end)

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.ELU(), torch.DoubleTensor(40, 50):uniform(-5, 5)) < 1e-6)
      assert.are.equal(0, checks.io(nn.ELU():double(), torch.DoubleTensor(3, 2):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.ELU(), torch.Tensor(3, 2):uniform(-1, 1)))
   end)

   it('names the module for bad input', function()
      local m = nn.ELU()
      assert.is_truthy(checks.error_of(m.forward, m, torch.LongTensor(3)):find('nn.ELU', 1, true))
   end)
end)
