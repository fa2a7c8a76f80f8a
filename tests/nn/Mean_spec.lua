-- nn.Mean: the mean over one dimension (a Sum with sizeAverage).

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Mean', function()
   local x = torch.range(1, 6):view(2, 3)

   it('is a Sum that averages', function()
      local m = nn.Mean(2)
      assert.is_true(torch.isTypeOf(m, 'nn.Sum'))
      assert.is_true(m.sizeAverage)
      assert.are.same({ 2, 5 }, m:forward(x):totable())
      assert.are.same({ 2.5, 3.5, 4.5 }, nn.Mean():forward(x):totable())
      assert.are.same({ 2, 5 }, nn.Mean(1, 1):forward(x):totable())
      assert.are.equal('nn.Mean', tostring(m))
   end)

   for _, case in ipairs({ { 1, nil, { 5 } }, { 2, nil, { 3, 4 } }, { 2, 2, { 2, 3, 4 } } }) do
      it('has gradients that match finite differences (dimension ' .. case[1] .. ')', function()
         local err = checks.jacobian(nn.Mean(case[1], case[2]), torch.DoubleTensor(unpack(case[3])))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Mean(2), torch.DoubleTensor(4, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.Mean(2):double(), torch.DoubleTensor(4, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Mean(2), torch.Tensor(4, 3):uniform()))
   end)

   it('names the module for a dimension out of range', function()
      local m = nn.Mean(4)
      assert.is_truthy(checks.error_of(m.forward, m, torch.Tensor(2, 3)):find('nn.Mean', 1, true))
   end)
end)
