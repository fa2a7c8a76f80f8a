-- nn.CDivTable: the quotient of two tensors.

require 'nn'

describe('nn.CDivTable', function()
   it('divides the first by the second', function()
      assert.are.same({ 0.5, 4 }, nn.CDivTable():forward({ torch.Tensor({ 1, 8 }), torch.Tensor({ 2, 2 }) }):totable())
   end)

   it('gives gradOutput / x2 and -gradOutput x1 / x2^2', function()
      local m = nn.CDivTable()
      local x = { torch.Tensor({ 1, 8 }), torch.Tensor({ 2, 4 }) }
      m:forward(x)
      local gi = m:backward(x, torch.Tensor({ 1, 2 }))
      assert.are.same({ 0.5, 0.5 }, gi[1]:totable())
      assert.are.same({ -0.25, -1 }, gi[2]:totable())
   end)

   it('has a gradient that matches finite differences', function()
      local m = nn.CDivTable()
      local x = { torch.DoubleTensor(3, 2), torch.DoubleTensor(3, 2) }
      -- keep the divisor away from zero
      local err = nn.Jacobian.testJacobian(m, x, 1, 2)
      assert.is_true(err < 1e-6, 'error ' .. err)
   end)

   it('refuses anything but two tensors of one size', function()
      assert.has_error(function() nn.CDivTable():forward({ torch.Tensor(2), torch.Tensor(2), torch.Tensor(2) }) end)
   end)

   it('converts types and clears state', function()
      local m = nn.CDivTable():float()
      local y = m:forward({ torch.FloatTensor(2):fill(1), torch.FloatTensor(2):fill(2) })
      assert.are.equal('torch.FloatTensor', y:type())
      assert.are.equal(m, m:clearState())
   end)
end)
