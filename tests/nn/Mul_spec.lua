-- nn.Mul: y = w x, with one learnt scalar.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Mul', function()
   it('has one weight, uniform in [-1, 1]', function()
      local m = nn.Mul()
      assert.are.same({ 1 }, m.weight:size():totable())
      assert.is_true(math.abs(m.weight[1]) <= 1)
      assert.are.equal('nn.Mul', tostring(m))
   end)

   it('scales input and gradient, and learns x . gradOutput', function()
      local m = nn.Mul():double()
      m.weight:fill(3)
      local x = torch.DoubleTensor({ { 1, 2 }, { 3, 4 } })
      assert.are.same({ { 3, 6 }, { 9, 12 } }, m:forward(x):totable())
      m:zeroGradParameters()
      assert.are.same({ { 3, 3 }, { 3, 3 } }, m:backward(x, torch.DoubleTensor(2, 2):fill(1)):totable())
      assert.are.same({ 10 }, m.gradWeight:totable())
   end)

   for _, sizes in ipairs({ { 5 }, { 3, 4 }, { 2, 3, 2 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local m = nn.Mul()
         local input = torch.DoubleTensor(unpack(sizes))
         local err = math.max(checks.jacobian(m, input), checks.parameters(m, input))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Mul(), torch.DoubleTensor(3, 5):uniform()) < 1e-5)
      assert.are.equal(0, checks.io(nn.Mul():double(), torch.DoubleTensor(3, 5):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Mul(), torch.Tensor(3, 5):uniform()))
   end)

   it('names the module for bad input', function()
      local m = nn.Mul()
      assert.is_truthy(checks.error_of(m.forward, m, 1):find('nn.Mul', 1, true))
   end)
end)
