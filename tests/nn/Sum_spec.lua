-- nn.Sum: the sum over one dimension.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Sum', function()
   local x = torch.range(1, 6):view(2, 3)

   it('sums over the dimension, dropping it (Torch7 fields)', function()
      local m = nn.Sum(2)
      assert.are.same({ 6, 15 }, m:forward(x):totable())
      assert.are.same({ 2, nil, false, true }, { m.dimension, m.nInputDims, m.sizeAverage, m.squeeze })
      assert.are.same({ 5, 7, 9 }, nn.Sum():forward(x):totable())
      assert.are.same({ 21 }, nn.Sum(1):forward(torch.range(1, 6)):totable())
      assert.are.equal('nn.Sum', tostring(m))
   end)

   it('counts negative dimensions from the end, and past the batch with nInputDims', function()
      assert.are.same({ 6, 15 }, nn.Sum(-1):forward(x):totable())
      assert.are.same({ 6, 15 }, nn.Sum(1, 1):forward(x):totable())   -- a batch of two vectors
      assert.are.same({ 5, 7, 9 }, nn.Sum(1, 2):forward(x):totable())
   end)

   it('averages with sizeAverage, and keeps the dimension without squeeze', function()
      assert.are.same({ 2, 5 }, nn.Sum(2, nil, true):forward(x):totable())
      assert.are.same({ { 6 }, { 15 } }, nn.Sum(2, nil, false, false):forward(x):totable())
   end)

   it('repeats gradOutput along the summed dimension', function()
      local m = nn.Sum(2, nil, true)
      m:forward(x)
      assert.are.same({ { 1, 1, 1 }, { 2, 2, 2 } }, m:backward(x, torch.Tensor({ 3, 6 })):totable())
   end)

   for _, case in ipairs({ { 1, nil, false, { 5 } }, { 2, nil, false, { 3, 4 } }, { 1, 2, true, { 2, 3, 4 } },
                           { -1, nil, true, { 2, 3, 4 } } }) do
      it('has gradients that match finite differences (dimension ' .. case[1] .. ')', function()
         local err = checks.jacobian(nn.Sum(case[1], case[2], case[3]), torch.DoubleTensor(unpack(case[4])))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Sum(2), torch.DoubleTensor(4, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.Sum(2):double(), torch.DoubleTensor(4, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Sum(2), torch.Tensor(4, 3):uniform()))
   end)

   it('names the module and the sizes for a dimension out of range', function()
      local m = nn.Sum(3)
      local err = checks.error_of(m.forward, m, torch.Tensor(2, 3))
      assert.is_truthy(err:find('nn.Sum', 1, true) and err:find('2x3', 1, true))
   end)
end)
