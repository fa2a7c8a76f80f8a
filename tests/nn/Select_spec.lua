-- nn.Select: input:select(dimension, index), negative arguments counting from the end.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Select', function()
   local x = torch.range(1, 12):view(3, 4)

   it('selects a slice, copied', function()
      assert.are.same({ 9, 10, 11, 12 }, nn.Select(1, 3):forward(x):totable())
      assert.are.same({ 4, 8, 12 }, nn.Select(-1, -1):forward(x):totable())
      assert.are.equal('nn.Select', tostring(nn.Select(1, 1)))
   end)

   it('puts gradOutput into zeros of the input shape', function()
      local m = nn.Select(2, 2)
      m:forward(x)
      local gi = m:backward(x, torch.Tensor({ 1, 2, 3 }))
      assert.are.same({ { 0, 1, 0, 0 }, { 0, 2, 0, 0 }, { 0, 3, 0, 0 } }, gi:totable())
   end)

   for _, sizes in ipairs({ { 4, 5 }, { 2, 3, 4 } }) do
      it('has gradients that match finite differences for ' .. table.concat(sizes, 'x'), function()
         local err = checks.jacobian(nn.Select(1, 2), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Select(2, 1), torch.DoubleTensor(4, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.Select(2, 1):double(), torch.DoubleTensor(4, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Select(2, 1), torch.Tensor(4, 3):uniform()))
   end)

   it('names the module and the sizes for an index out of range', function()
      local m = nn.Select(2, 5)
      local err = checks.error_of(m.forward, m, torch.Tensor(4, 2))
      assert.is_truthy(err:find('nn.Select', 1, true) and err:find('4x2', 1, true))
      err = checks.error_of(m.forward, m, torch.Tensor(5))
      assert.is_truthy(err:find('nn.Select', 1, true) and err:find('2 or more dimensions', 1, true))
   end)
end)
