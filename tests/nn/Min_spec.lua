-- nn.Min: the min over one dimension.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Min', function()
   local x = torch.range(1, 6):view(2, 3)

   it('reduces over the dimension, dropping it', function()
      assert.are.same({ 1, 4 }, nn.Min(2):forward(x):totable())
      assert.are.same({ 1, 2, 3 }, nn.Min():forward(x):totable())
      assert.are.same({ 1, 4 }, nn.Min(-1):forward(x):totable())
      assert.are.same({ 1, 4 }, nn.Min(1, 1):forward(x):totable())
      assert.are.equal('nn.Min', tostring(nn.Min()))
   end)

   it('routes gradOutput to the chosen element', function()
      local m = nn.Min(2)
      m:forward(x)
      assert.are.same({ { 1, 0, 0 }, { 2, 0, 0 } }, m:backward(x, torch.Tensor({ 1, 2 })):totable())
      assert.are.equal('torch.LongTensor', m._indices:type())
   end)

   for _, case in ipairs({ { 1, nil, { 5 } }, { 2, nil, { 3, 4 } }, { 1, 2, { 2, 3, 4 } } }) do
      it('has gradients that match finite differences (dimension ' .. case[1] .. ')', function()
         local err = checks.jacobian(nn.Min(case[1], case[2]), torch.DoubleTensor(unpack(case[3])))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Min(2), torch.DoubleTensor(4, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.Min(2):double(), torch.DoubleTensor(4, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Min(2), torch.Tensor(4, 3):uniform()))
   end)

   it('names the module and the sizes for a dimension out of range', function()
      local m = nn.Min(3)
      local err = checks.error_of(m.forward, m, torch.Tensor(2, 3))
      assert.is_truthy(err:find('nn.Min', 1, true) and err:find('2x3', 1, true))
   end)
end)
