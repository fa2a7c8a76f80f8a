-- nn.MM: the product of two matrices (or batches of them), optionally transposed.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.MM', function()
   it('multiplies two matrices, by hand', function()
      local m = nn.MM():double()
      local a = torch.DoubleTensor({ { 1, 2 }, { 3, 4 } })
      local b = torch.DoubleTensor({ { 1, 0 }, { 1, 1 } })
      assert.are.same({ { 3, 2 }, { 7, 4 } }, m:forward({ a, b }):totable())
      local gi = m:backward({ a, b }, torch.DoubleTensor({ { 1, 0 }, { 0, 0 } }))
      assert.are.same({ { 1, 1 }, { 0, 0 } }, gi[1]:totable())
      assert.are.same({ { 1, 0 }, { 2, 0 } }, gi[2]:totable())
      assert.are.equal('nn.MM', tostring(m))
   end)

   it('transposes as asked', function()
      local a, b = torch.DoubleTensor(4, 3):uniform(), torch.DoubleTensor(5, 4):uniform()
      local y = nn.MM(true, true):double():forward({ a, b })
      assert.is_true(checks.max_diff(y, a:t() * b:t()) < 1e-14)
   end)

   local cases = {
      { 'plain', false, false, { 3, 4 }, { 4, 2 } }, { 'transA', true, false, { 4, 3 }, { 4, 2 } },
      { 'transB', false, true, { 3, 4 }, { 2, 4 } }, { 'both', true, true, { 4, 3 }, { 2, 4 } },
      { 'batched', false, false, { 2, 3, 4 }, { 2, 4, 2 } }, { 'batched, both', true, true, { 2, 4, 3 }, { 2, 2, 4 } },
   }
   for _, case in ipairs(cases) do
      it('has gradients that match finite differences: ' .. case[1], function()
         local input = { torch.DoubleTensor(unpack(case[4])), torch.DoubleTensor(unpack(case[5])) }
         local err = checks.jacobian(nn.MM(case[2], case[3]), input)
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      local input = { torch.DoubleTensor(2, 3, 4):uniform(), torch.DoubleTensor(2, 4, 5):uniform() }
      assert.is_true(checks.float_matches_double(nn.MM(), input) < 1e-5)
      assert.are.equal(0, checks.io(nn.MM():double(), input))
      assert.are.equal('ok', checks.clear_state(nn.MM():double(), input))
   end)

   it('names the module and the sizes for matrices that do not multiply', function()
      local m = nn.MM()
      local err = checks.error_of(m.forward, m, { torch.Tensor(2, 3), torch.Tensor(4, 2) })
      assert.is_truthy(err:find('nn.MM', 1, true) and err:find('2x3', 1, true) and err:find('4x2', 1, true))
      assert.is_truthy(checks.error_of(m.forward, m, torch.Tensor(2, 2)):find('table of two tensors', 1, true))
   end)
end)
