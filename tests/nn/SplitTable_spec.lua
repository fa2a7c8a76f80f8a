-- nn.SplitTable: a tensor split into a table of slices.

require 'nn'

local J = nn.Jacobian

describe('nn.SplitTable', function()
   it('splits into views of the slices', function()
      local x = torch.Tensor({ { 1, 2, 3 }, { 4, 5, 6 } })
      local y = nn.SplitTable(1):forward(x)
      assert.are.equal(2, #y)
      assert.are.same({ 4, 5, 6 }, y[2]:totable())
      y = nn.SplitTable(2):forward(x)
      assert.are.equal(3, #y)
      assert.are.same({ 3, 6 }, y[3]:totable())
      y[3][1] = 30
      assert.are.equal(30, x[1][3])
   end)

   it('counts a negative dimension from the end, and moves on one for batches with nInputDims', function()
      local x = torch.Tensor(2, 3, 4)
      assert.are.equal(4, #nn.SplitTable(-1):forward(x))
      assert.are.equal(3, #nn.SplitTable(1, 2):forward(x))
      assert.are.equal(2, #nn.SplitTable(1, 3):forward(x))
   end)

   it('puts the gradients back in place', function()
      local m = nn.SplitTable(2)
      local x = torch.Tensor(2, 2)
      m:forward(x)
      local gi = m:backward(x, { torch.Tensor({ 1, 2 }), torch.Tensor({ 3, 4 }) })
      assert.are.same({ { 1, 3 }, { 2, 4 } }, gi:totable())
   end)

   it('has a gradient that matches finite differences', function()
      assert.is_true(J.testJacobian(nn.SplitTable(2), torch.DoubleTensor(3, 4)) < 1e-6)
      assert.is_true(J.testJacobian(nn.SplitTable(1), torch.DoubleTensor(3, 2, 2)) < 1e-6)
   end)

   it('drops extra outputs when the input shrinks', function()
      local m = nn.SplitTable(1)
      m:forward(torch.Tensor(4, 2))
      assert.are.equal(2, #m:forward(torch.Tensor(2, 2)))
   end)

   it('refuses a dimension out of range and a wrong gradOutput', function()
      local m = nn.SplitTable(3)
      local ok, err = pcall(m.forward, m, torch.Tensor(2, 2))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.SplitTable', 1, true))
      m = nn.SplitTable(1)
      local x = torch.Tensor(2, 2)
      m:forward(x)
      assert.has_error(function() m:backward(x, { torch.Tensor(2) }) end)
   end)

   it('converts types and clears state', function()
      local m = nn.SplitTable(1):float()
      local x = torch.FloatTensor(2, 3):uniform()
      m:forward(x)
      m:backward(x, { torch.FloatTensor(3), torch.FloatTensor(3) })
      assert.are.equal('torch.FloatTensor', m.gradInput:type())
      assert.are.equal(m, m:clearState())
      assert.are.equal(0, m.gradInput:nElement())
   end)
end)
