-- nn.NarrowTable: a run of a table's entries.

require 'nn'

local J = nn.Jacobian

describe('nn.NarrowTable', function()
   local x = { torch.Tensor({ 1 }), torch.Tensor({ 2 }), torch.Tensor({ 3 }), torch.Tensor({ 4 }) }

   it('selects length entries from offset', function()
      local y = nn.NarrowTable(2, 2):forward(x)
      assert.are.equal(2, #y)
      assert.are.equal(x[2], y[1])
      assert.are.equal(x[3], y[2])
      assert.are.equal(1, #nn.NarrowTable(4):forward(x))
   end)

   it('gives zeros outside the run in gradInput', function()
      local m = nn.NarrowTable(2, 2)
      m:forward(x)
      local gi = m:backward(x, { torch.Tensor({ 5 }), torch.Tensor({ 6 }) })
      assert.are.equal(4, #gi)
      assert.are.same({ 0 }, gi[1]:totable())
      assert.are.same({ 5 }, gi[2]:totable())
      assert.are.same({ 6 }, gi[3]:totable())
      assert.are.same({ 0 }, gi[4]:totable())
   end)

   it('has a gradient that matches finite differences', function()
      local input = { torch.DoubleTensor(2), torch.DoubleTensor(3), torch.DoubleTensor(1, 2), torch.DoubleTensor(2) }
      assert.is_true(J.testJacobian(nn.NarrowTable(2, 2), input) < 1e-6)
      assert.is_true(J.testJacobian(nn.NarrowTable(1, 4), input) < 1e-6)
   end)

   it('refuses a run past the end', function()
      local m = nn.NarrowTable(3, 3)
      local ok, err = pcall(m.forward, m, x)
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.NarrowTable', 1, true))
      assert.has_error(function() nn.NarrowTable() end)
   end)

   it('clears its state and converts types', function()
      local m = nn.NarrowTable(1):float()
      m:forward(x)
      assert.are.equal(m, m:clearState())
      assert.are.same({}, m.output)
   end)
end)
