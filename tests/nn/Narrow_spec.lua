-- nn.Narrow: input:narrow(dimension, offset, length), negative arguments counting from the end.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Narrow', function()
   local x = torch.range(1, 20):view(4, 5)

   it('narrows as documented, negative length included', function()
      assert.are.equal(0, checks.max_diff(nn.Narrow(1, 2, 3):forward(x), x:narrow(1, 2, 3)))
      assert.are.equal(0, checks.max_diff(nn.Narrow(1, 2, -1):forward(x), x:narrow(1, 2, 3)))
      assert.are.equal(0, checks.max_diff(nn.Narrow(1, 2, -2):forward(x), x:narrow(1, 2, 2)))
      assert.are.equal(0, checks.max_diff(nn.Narrow(2, 2, -2):forward(x), x:narrow(2, 2, 3)))
      assert.are.equal(0, checks.max_diff(nn.Narrow(-1, -2, 2):forward(x), x:narrow(2, 4, 2)))
      assert.are.equal(0, checks.max_diff(nn.Narrow(2, 3):forward(x), x:narrow(2, 3, 1)))
      assert.are.equal('nn.Narrow', tostring(nn.Narrow(1, 1)))
   end)

   it('puts gradOutput into zeros of the input shape', function()
      local m = nn.Narrow(2, 2, 2)
      m:forward(x)
      local gi = m:backward(x, torch.Tensor(4, 2):fill(1))
      assert.are.same({ 0, 1, 1, 0, 0 }, gi[1]:totable())
   end)

   for _, sizes in ipairs({ { 6 }, { 4, 5 } }) do
      it('has gradients that match finite differences for ' .. table.concat(sizes, 'x'), function()
         local err = checks.jacobian(nn.Narrow(-1, 2, -2), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Narrow(1, 2, 2), torch.DoubleTensor(4, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.Narrow(1, 2, 2):double(), torch.DoubleTensor(4, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Narrow(1, 2, 2), torch.Tensor(4, 3):uniform()))
   end)

   it('names the module and the sizes for a span out of range', function()
      local m = nn.Narrow(1, 3, 4)
      local err = checks.error_of(m.forward, m, torch.Tensor(4, 2))
      assert.is_truthy(err:find('nn.Narrow', 1, true) and err:find('size 4', 1, true))
      assert.is_truthy(checks.error_of(nn.Narrow, 1):find('nn.Narrow', 1, true))
   end)
end)
