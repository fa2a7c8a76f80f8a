-- nn.FlattenTable: nested tables of tensors flattened depth first.

require 'nn'

local J = nn.Jacobian

describe('nn.FlattenTable', function()
   local a, b, c, d = torch.Tensor(1), torch.Tensor(2), torch.Tensor(3), torch.Tensor(4)

   it('flattens depth first', function()
      local y = nn.FlattenTable():forward({ a, { b, { c } }, d })
      assert.are.equal(4, #y)
      assert.are.equal(a, y[1])
      assert.are.equal(b, y[2])
      assert.are.equal(c, y[3])
      assert.are.equal(d, y[4])
   end)

   it('rebuilds the output when the input changes', function()
      local m = nn.FlattenTable()
      local first = m:forward({ a, { b } })
      assert.are.equal(first, m:forward({ a, { b } }))
      local y = m:forward({ { a }, b, c })
      assert.are.equal(3, #y)
      assert.are.equal(c, y[3])
   end)

   it('nests the gradients like the input', function()
      local m = nn.FlattenTable()
      local x = { a, { b, { c } } }
      m:forward(x)
      local g = { torch.Tensor(1), torch.Tensor(2), torch.Tensor(3) }
      local gi = m:backward(x, g)
      assert.are.equal(g[1], gi[1])
      assert.are.equal(g[2], gi[2][1])
      assert.are.equal(g[3], gi[2][2][1])
   end)

   it('has a gradient that matches finite differences', function()
      local x = { torch.DoubleTensor(2), { torch.DoubleTensor(3), { torch.DoubleTensor(1) } }, torch.DoubleTensor(2) }
      assert.is_true(J.testJacobian(nn.FlattenTable(), x) < 1e-6)
   end)

   it('refuses a tensor input', function()
      assert.has_error(function() nn.FlattenTable():forward(a) end)
   end)

   it('clears its state', function()
      local m = nn.FlattenTable()
      m:forward({ a, { b } })
      assert.are.equal(m, m:clearState())
      assert.are.same({}, m.output)
   end)
end)
