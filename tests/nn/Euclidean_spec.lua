-- nn.Euclidean: y_j = || w_j - x ||.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Euclidean', function()
   it('has weight inputSize x outputSize (a centre per column), uniform within 1/sqrt(inputSize)', function()
      local m = nn.Euclidean(4, 3)
      assert.are.same({ 4, 3 }, m.weight:size():totable())
      assert.is_true(m.weight:abs():max() <= 0.5)
      assert.are.equal('nn.Euclidean', tostring(m))
   end)

   it('computes the distances to the centres, by hand', function()
      local m = nn.Euclidean(2, 2):double()
      m.weight:copy(torch.DoubleTensor({ { 0, 3 }, { 0, 4 } }))       -- centres (0, 0) and (3, 4)
      assert.are.same({ 5, 0 }, m:forward(torch.DoubleTensor({ 3, 4 })):totable())
      assert.are.same({ { 0, 5 }, { 5, 0 } }, m:forward(torch.DoubleTensor({ { 0, 0 }, { 3, 4 } })):totable())
      local gi = m:backward(torch.DoubleTensor({ { 0, 0 }, { 3, 4 } }), torch.DoubleTensor({ { 0, 1 }, { 1, 0 } }))
      assert.is_true(checks.max_diff(gi, torch.DoubleTensor({ { -0.6, -0.8 }, { 0.6, 0.8 } })) < 1e-6)
   end)

   for _, case in ipairs({ { 'one sample', { 5 } }, { 'a batch', { 3, 5 } } }) do
      it('has gradients that match finite differences for ' .. case[1], function()
         local m = nn.Euclidean(5, 3)
         local input = torch.DoubleTensor(unpack(case[2]))
         local err = math.max(checks.jacobian(m, input), checks.parameters(m, input))
         assert.is_true(err < 1e-5, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Euclidean(5, 3), torch.DoubleTensor(4, 5):uniform()) < 1e-5)
      assert.are.equal(0, checks.io(nn.Euclidean(5, 3):double(), torch.DoubleTensor(4, 5):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Euclidean(5, 3), torch.Tensor(4, 5):uniform()))
   end)

   it('names the module and the sizes for a wrong input', function()
      local m = nn.Euclidean(5, 3)
      local err = checks.error_of(m.forward, m, torch.Tensor(2, 4))
      assert.is_truthy(err:find('nn.Euclidean', 1, true) and err:find('n x 5', 1, true) and err:find('2x4', 1, true))
   end)
end)
