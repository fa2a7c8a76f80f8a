-- nn.CAddTable: the elementwise sum of a table of tensors.

require 'nn'

local J = nn.Jacobian

describe('nn.CAddTable', function()
   it('adds the tensors', function()
      local y = nn.CAddTable():forward({ torch.Tensor({ 1, 2 }), torch.Tensor({ 10, 20 }), torch.Tensor({ 100, 200 }) })
      assert.are.same({ 111, 222 }, y:totable())
   end)

   it('gives every input the gradOutput', function()
      local m = nn.CAddTable()
      local x = { torch.Tensor(2), torch.Tensor(2) }
      m:forward(x)
      local gi = m:backward(x, torch.Tensor({ 3, 4 }))
      assert.are.same({ 3, 4 }, gi[1]:totable())
      assert.are.same({ 3, 4 }, gi[2]:totable())
   end)

   it('in place, writes the sum into the first input', function()
      local first = torch.Tensor({ 1, 2 })
      local m = nn.CAddTable(true)
      local y = m:forward({ first, torch.Tensor({ 1, 1 }) })
      assert.are.same({ 2, 3 }, first:totable())
      assert.are.same({ 2, 3 }, y:totable())
   end)

   it('has a gradient that matches finite differences', function()
      local x = { torch.DoubleTensor(3, 2), torch.DoubleTensor(3, 2), torch.DoubleTensor(3, 2) }
      assert.is_true(J.testJacobian(nn.CAddTable(), x) < 1e-6)
   end)

   it('refuses inputs of different sizes, naming them', function()
      local m = nn.CAddTable()
      local ok, err = pcall(m.forward, m, { torch.Tensor(2), torch.Tensor(3) })
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.CAddTable', 1, true))
      assert.is_truthy(err:find('3 torch.', 1, true))
   end)

   it('converts types and clears state', function()
      local m = nn.CAddTable():float()
      local x = { torch.FloatTensor(2):fill(1), torch.FloatTensor(2):fill(2) }
      assert.are.same({ 3, 3 }, m:forward(x):totable())
      m:backward(x, torch.FloatTensor(2):fill(1))
      assert.are.equal(m, m:clearState())
      assert.are.equal(0, m.output:nElement())
      assert.are.equal('torch.FloatTensor', m.output:type())
   end)
end)
