-- nn.CMulTable: the elementwise product of a table of tensors.

require 'nn'

describe('nn.CMulTable', function()
   it('multiplies the tensors', function()
      local y = nn.CMulTable():forward({ torch.Tensor({ 1, 2 }), torch.Tensor({ 3, 4 }), torch.Tensor({ 5, 6 }) })
      assert.are.same({ 15, 48 }, y:totable())
   end)

   it('gives each input gradOutput times the other inputs, zeros included', function()
      local m = nn.CMulTable()
      local x = { torch.Tensor({ 0, 2 }), torch.Tensor({ 3, 0 }), torch.Tensor({ 5, 6 }) }
      m:forward(x)
      local gi = m:backward(x, torch.Tensor({ 1, 1 }))
      assert.are.same({ 15, 0 }, gi[1]:totable())
      assert.are.same({ 0, 12 }, gi[2]:totable())
      assert.are.same({ 0, 0 }, gi[3]:totable())
   end)

   it('has a gradient that matches finite differences', function()
      local x = { torch.DoubleTensor(3, 2), torch.DoubleTensor(3, 2), torch.DoubleTensor(3, 2) }
      assert.is_true(nn.Jacobian.testJacobian(nn.CMulTable(), x) < 1e-6)
   end)

   it('refuses inputs of different sizes', function()
      assert.has_error(function() nn.CMulTable():forward({ torch.Tensor(2), torch.Tensor(3) }) end)
   end)

   it('converts types and clears state', function()
      local m = nn.CMulTable():float()
      assert.are.equal('torch.FloatTensor', m:forward({ torch.FloatTensor(2), torch.FloatTensor(2) }):type())
      assert.are.equal(m, m:clearState())
   end)
end)
