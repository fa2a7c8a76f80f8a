-- nn.CSubTable: the difference of two tensors.

require 'nn'

describe('nn.CSubTable', function()
   it('subtracts the second from the first', function()
      local y = nn.CSubTable():forward({ torch.Tensor({ 1, 2 }), torch.Tensor({ 10, 20 }) })
      assert.are.same({ -9, -18 }, y:totable())
   end)

   it('gives gradOutput and its negation', function()
      local m = nn.CSubTable()
      local x = { torch.Tensor(2), torch.Tensor(2) }
      m:forward(x)
      local gi = m:backward(x, torch.Tensor({ 3, 4 }))
      assert.are.same({ 3, 4 }, gi[1]:totable())
      assert.are.same({ -3, -4 }, gi[2]:totable())
   end)

   it('has a gradient that matches finite differences', function()
      local x = { torch.DoubleTensor(4, 2), torch.DoubleTensor(4, 2) }
      assert.is_true(nn.Jacobian.testJacobian(nn.CSubTable(), x) < 1e-6)
   end)

   it('refuses anything but two tensors of one size', function()
      assert.has_error(function() nn.CSubTable():forward({ torch.Tensor(2) }) end)
      assert.has_error(function() nn.CSubTable():forward({ torch.Tensor(2), torch.Tensor(3) }) end)
   end)

   it('converts types and clears state', function()
      local m = nn.CSubTable():float()
      assert.are.equal('torch.FloatTensor', m:forward({ torch.FloatTensor(2), torch.FloatTensor(2) }):type())
      assert.are.equal(m, m:clearState())
   end)
end)
