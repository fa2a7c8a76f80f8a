-- nn.Transpose: swaps pairs of dimensions.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Transpose', function()
   it('swaps the pairs in order, into a contiguous output', function()
      local x = torch.Tensor(2, 3, 4):uniform()
      local y = nn.Transpose({ 1, 2 }, { 2, 3 }):forward(x)
      assert.are.same({ 3, 4, 2 }, y:size():totable())
      assert.is_true(y:isContiguous())
      assert.are.equal(0, checks.max_diff(y, x:transpose(1, 2):transpose(2, 3)))
      assert.are.equal('nn.Transpose', tostring(nn.Transpose({ 1, 2 })))
   end)

   it('shifts the dimensions past the batch with setNumInputDims', function()
      local m = nn.Transpose({ 1, 2 }):setNumInputDims(2)
      assert.are.same({ 5, 3, 2 }, m:forward(torch.Tensor(5, 2, 3)):size():totable())
      assert.are.same({ 3, 2 }, m:forward(torch.Tensor(2, 3)):size():totable())
   end)

   for _, case in ipairs({ { { { 1, 2 } }, { 3, 4 } }, { { { 1, 3 }, { 2, 3 } }, { 2, 3, 4 } } }) do
      it('has gradients that match finite differences for ' .. table.concat(case[2], 'x'), function()
         local err = checks.jacobian(nn.Transpose(unpack(case[1])), torch.DoubleTensor(unpack(case[2])))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Transpose({ 1, 2 }), torch.DoubleTensor(4, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.Transpose({ 1, 2 }):double(), torch.DoubleTensor(4, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Transpose({ 1, 2 }), torch.Tensor(4, 3):uniform()))
   end)

   it('names the module and the sizes for a dimension out of range', function()
      local m = nn.Transpose({ 1, 3 })
      local err = checks.error_of(m.forward, m, torch.Tensor(2, 3))
      assert.is_truthy(err:find('nn.Transpose', 1, true) and err:find('2x3', 1, true))
   end)
end)
