-- nn.Cosine: y_j = (w_j . x) / (||w_j|| ||x||).

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Cosine', function()
   it('has weight outputSize x inputSize (a vector per row)', function()
      local m = nn.Cosine(4, 3)
      assert.are.same({ 3, 4 }, m.weight:size():totable())
      assert.are.equal('nn.Cosine', tostring(m))
   end)

   it('computes cosine similarities, by hand', function()
      local m = nn.Cosine(2, 3):double()
      m.weight:copy(torch.DoubleTensor({ { 1, 0 }, { 0, 2 }, { -1, -1 } }))
      local y = m:forward(torch.DoubleTensor({ 3, 3 }))
      assert.is_true(checks.max_diff(y, torch.DoubleTensor({ 1 / math.sqrt(2), 1 / math.sqrt(2), -1 })) < 1e-10)
      local yb = m:forward(torch.DoubleTensor({ { 3, 3 }, { 0, 1 } }))
      assert.is_true(checks.max_diff(yb[2], torch.DoubleTensor({ 0, 1, -1 / math.sqrt(2) })) < 1e-10)
   end)

   for _, case in ipairs({ { 'one sample', { 5 } }, { 'a batch', { 3, 5 } } }) do
      it('has gradients that match finite differences for ' .. case[1], function()
         local m = nn.Cosine(5, 3)
         local input = torch.DoubleTensor(unpack(case[2]))
         local err = math.max(checks.jacobian(m, input), checks.parameters(m, input))
         assert.is_true(err < 1e-5, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Cosine(5, 3), torch.DoubleTensor(4, 5):uniform()) < 1e-5)
      assert.are.equal(0, checks.io(nn.Cosine(5, 3):double(), torch.DoubleTensor(4, 5):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Cosine(5, 3), torch.Tensor(4, 5):uniform()))
   end)

   it('names the module and the sizes for a wrong input', function()
      local m = nn.Cosine(5, 3)
      local err = checks.error_of(m.forward, m, torch.Tensor(6))
      assert.is_truthy(err:find('nn.Cosine', 1, true) and err:find('6 torch', 1, true))
   end)
end)
