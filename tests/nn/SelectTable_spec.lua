-- nn.SelectTable: one entry of a table.

require 'nn'

local J = nn.Jacobian

describe('nn.SelectTable', function()
   local a, b, c = torch.Tensor({ 1 }), torch.Tensor({ 2, 2 }), torch.Tensor({ 3, 3, 3 })

   it('selects an entry, negative indexes counting from the end', function()
      assert.are.equal(b, nn.SelectTable(2):forward({ a, b, c }))
      assert.are.equal(c, nn.SelectTable(-1):forward({ a, b, c }))
      assert.are.equal(a, nn.SelectTable(-3):forward({ a, b, c }))
   end)

   it('selects nested tables and non-numeric keys', function()
      local inner = { a, b }
      assert.are.equal(inner, nn.SelectTable(1):forward({ inner, c }))
      assert.are.equal(a, nn.SelectTable('x'):forward({ x = a }))
   end)

   it('gives zeros for the other entries in gradInput', function()
      local m = nn.SelectTable(2)
      local x = { a, b, { c } }
      m:forward(x)
      local gi = m:backward(x, torch.Tensor({ 5, 6 }))
      assert.are.same({ 0 }, gi[1]:totable())
      assert.are.same({ 5, 6 }, gi[2]:totable())
      assert.are.same({ 0, 0, 0 }, gi[3][1]:totable())
   end)

   it('has a gradient that matches finite differences', function()
      local x = { torch.DoubleTensor(2), torch.DoubleTensor(3, 2), { torch.DoubleTensor(1) } }
      assert.is_true(J.testJacobian(nn.SelectTable(2), x) < 1e-6)
      assert.is_true(J.testJacobian(nn.SelectTable(-1), x) < 1e-6)
   end)

   it('refuses an index that is not there', function()
      local m = nn.SelectTable(4)
      local ok, err = pcall(m.forward, m, { a, b })
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.SelectTable', 1, true))
   end)

   it('clears its state without emptying the input', function()
      local m = nn.SelectTable(1)
      m:forward({ a, b })
      assert.are.equal(m, m:clearState())
      assert.are.equal(1, a:nElement())
   end)

   it('prints its index', function()
      assert.are.equal('nn.SelectTable(2)', tostring(nn.SelectTable(2)))
   end)
end)
