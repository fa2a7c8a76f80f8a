-- nn.JoinTable: a table of tensors joined along a dimension.

require 'nn'

local J = nn.Jacobian

describe('nn.JoinTable', function()
   it('joins along the dimension', function()
      local m = nn.JoinTable(1)
      local y = m:forward({ torch.Tensor({ 1, 2 }), torch.Tensor({ 3 }), torch.Tensor({ 4, 5 }) })
      assert.are.same({ 1, 2, 3, 4, 5 }, y:totable())
      m = nn.JoinTable(2)
      y = m:forward({ torch.Tensor({ { 1 }, { 2 } }), torch.Tensor({ { 3, 4 }, { 5, 6 } }) })
      assert.are.same({ { 1, 3, 4 }, { 2, 5, 6 } }, y:totable())
   end)

   it('splits gradOutput back into the inputs shapes', function()
      local m = nn.JoinTable(1)
      local x = { torch.Tensor(2), torch.Tensor(1) }
      m:forward(x)
      local gi = m:backward(x, torch.Tensor({ 7, 8, 9 }))
      assert.are.same({ 7, 8 }, gi[1]:totable())
      assert.are.same({ 9 }, gi[2]:totable())
   end)

   it('counts a negative dimension from the end', function()
      local m = nn.JoinTable(-1)
      local y = m:forward({ torch.Tensor(2, 3), torch.Tensor(2, 4) })
      assert.are.same({ 2, 7 }, y:size():totable())
   end)

   it('with nInputDims, treats an extra leading dimension as the batch', function()
      local m = nn.JoinTable(1, 1)
      assert.are.same({ 5 }, m:forward({ torch.Tensor(2), torch.Tensor(3) }):size():totable())
      assert.are.same({ 4, 5 }, m:forward({ torch.Tensor(4, 2), torch.Tensor(4, 3) }):size():totable())
   end)

   it('has a gradient that matches finite differences', function()
      local err = J.testJacobian(nn.JoinTable(2), { torch.DoubleTensor(3, 2), torch.DoubleTensor(3, 4) })
      assert.is_true(err < 1e-6)
      err = J.testJacobian(nn.JoinTable(1), { torch.DoubleTensor(3), torch.DoubleTensor(1), torch.DoubleTensor(2) })
      assert.is_true(err < 1e-6)
   end)

   it('drops stale gradients when the input has fewer entries', function()
      local m = nn.JoinTable(1)
      local x3 = { torch.Tensor(1), torch.Tensor(1), torch.Tensor(1) }
      m:forward(x3)
      m:backward(x3, torch.Tensor(3))
      local x2 = { torch.Tensor(1), torch.Tensor(2) }
      m:forward(x2)
      assert.are.equal(2, #m:backward(x2, torch.Tensor(3)))
   end)

   it('names the mismatched inputs', function()
      local m = nn.JoinTable(2)
      local ok, err = pcall(m.forward, m, { torch.Tensor(2, 3), torch.Tensor(3, 3) })
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.JoinTable', 1, true))
      assert.is_truthy(err:find('3x3', 1, true))
      assert.has_error(function() m:forward({ torch.Tensor(3) }) end)
      assert.has_error(function() m:forward(torch.Tensor(3)) end)
   end)

   it('converts types and clears state', function()
      local m = nn.JoinTable(1):float()
      local x = { torch.FloatTensor(2):uniform(), torch.FloatTensor(2):uniform() }
      assert.are.equal('torch.FloatTensor', m:forward(x):type())
      m:backward(x, torch.FloatTensor(4):uniform())
      assert.are.equal(m, m:clearState())
      assert.are.equal(0, m.output:nElement())
      assert.are.same({}, m.gradInput)
   end)
end)
