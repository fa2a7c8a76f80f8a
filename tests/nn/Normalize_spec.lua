-- nn.Normalize: each sample divided by its L_p norm.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Normalize', function()
   it('prints as Torch7', function()
      assert.are.equal('nn.Normalize(2)', tostring(nn.Normalize(2)))
      assert.are.equal('nn.Normalize(1.500000)', tostring(nn.Normalize(1.5)))
      assert.are.equal(1e-10, nn.Normalize(2).eps)
   end)

   it('gives rows of unit norm, by hand', function()
      local y = nn.Normalize(2):double():forward(torch.DoubleTensor({ { 3, 4 }, { 0, 2 } }))
      assert.is_true(checks.max_diff(y, torch.DoubleTensor({ { 0.6, 0.8 }, { 0, 1 } })) < 1e-9)
      local z = nn.Normalize(1):double():forward(torch.DoubleTensor({ 1, -3 }))
      assert.is_true(checks.max_diff(z, torch.DoubleTensor({ 0.25, -0.75 })) < 1e-9)
      local m = nn.Normalize(math.huge):double():forward(torch.DoubleTensor({ { 1, -4, 2 } }))
      assert.is_true(checks.max_diff(m, torch.DoubleTensor({ { 0.25, -1, 0.5 } })) < 1e-9)
      local unit = nn.Normalize(3):double():forward(torch.DoubleTensor(4, 5):uniform(-1, 1))
      local norms = unit:clone():abs():pow(3):sum(2)
      assert.is_true((norms - 1):abs():max() < 1e-9)
   end)

   it('gives zeros, not nan, for a zero sample', function()
      assert.are.same({ 0, 0 }, nn.Normalize(2):forward(torch.Tensor(2):zero()):totable())
   end)

   for _, p in ipairs({ 1, 1.5, 2, 3, 4, math.huge }) do
      for _, sizes in ipairs({ { 5 }, { 3, 5 } }) do
         it('has gradients that match finite differences for p = ' .. p .. ', ' .. table.concat(sizes, 'x'), function()
            local err = checks.jacobian(nn.Normalize(p), torch.DoubleTensor(unpack(sizes)))
            assert.is_true(err < 1e-5, 'error ' .. err)
         end)
      end
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Normalize(2), torch.DoubleTensor(4, 3):uniform()) < 1e-5)
      assert.are.equal(0, checks.io(nn.Normalize(2):double(), torch.DoubleTensor(4, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Normalize(2), torch.Tensor(4, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Normalize(math.huge), torch.Tensor(4, 3):uniform()))
   end)

   it('names the module and the sizes for a 3-d input, and refuses p <= 0', function()
      local m = nn.Normalize(2)
      local err = checks.error_of(m.forward, m, torch.Tensor(2, 3, 4))
      assert.is_truthy(err:find('nn.Normalize', 1, true) and err:find('2x3x4', 1, true))
      assert.is_truthy(checks.error_of(nn.Normalize, 0):find('nn.Normalize', 1, true))
   end)
end)
