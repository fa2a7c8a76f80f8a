-- nn.GatedLinearUnit: a * sigmoid(b) for the two halves a, b of the input along one dimension.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.GatedLinearUnit', function()
   it('gates the first half by the sigmoid of the second, along the last dimension', function()
      local m = nn.GatedLinearUnit():double()
      local y = m:forward(torch.DoubleTensor({ { 2, 4, 0, 100 } }))
      assert.are.same({ 1, 2 }, y:size():totable())
      assert.is_true(math.abs(y[1][1] - 1) < 1e-15 and math.abs(y[1][2] - 4) < 1e-12)
      assert.are.equal('nn.GatedLinearUnit', tostring(m))
   end)

   it('halves the given dimension', function()
      local y = nn.GatedLinearUnit(1):double():forward(torch.DoubleTensor(6, 3):uniform())
      assert.are.same({ 3, 3 }, y:size():totable())
   end)

   for _, case in ipairs({ { nil, { 6 } }, { nil, { 3, 4 } }, { 2, { 2, 4, 3 } }, { 1, { 4, 3 } } }) do
      local dim, sizes = case[1], case[2]
      it('has gradients that match finite differences for ' .. table.concat(sizes, 'x') .. ', dim '
         .. tostring(dim), function()
         local err = checks.jacobian(nn.GatedLinearUnit(dim), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.GatedLinearUnit(), torch.DoubleTensor(4, 6):uniform(-2, 2)) < 1e-6)
      assert.are.equal(0, checks.io(nn.GatedLinearUnit():double(), torch.DoubleTensor(3, 2):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.GatedLinearUnit(), torch.Tensor(3, 2):uniform(-1, 1)))
   end)

   it('names the module and the sizes for an odd dimension', function()
      local m = nn.GatedLinearUnit()
      local err = checks.error_of(m.forward, m, torch.Tensor(2, 5))
      assert.is_truthy(err:find('nn.GatedLinearUnit', 1, true) and err:find('2x5', 1, true))
   end)
end)
