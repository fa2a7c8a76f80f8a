-- nn.ConcatTable: every module on the same input, outputs in a table.

require 'nn'

local J = nn.Jacobian

describe('nn.ConcatTable', function()
   local function branches()
      return nn.ConcatTable():add(nn.Linear(4, 2)):add(nn.Identity()):add(nn.Linear(4, 3)):double()
   end

   it('gives a table with each module output', function()
      local c = branches()
      local x = torch.DoubleTensor(2, 4):uniform()
      local y = c:forward(x)
      assert.are.equal(3, #y)
      assert.are.equal(x, y[2])
      assert.are.same({ 2, 3 }, y[3]:size():totable())
   end)

   it('sums the gradients of the branches', function()
      local c = nn.ConcatTable():add(nn.Identity()):add(nn.Identity()):double()
      local x = torch.DoubleTensor({ 1, 2 })
      local gi = c:backward(x, { torch.DoubleTensor({ 1, 1 }), torch.DoubleTensor({ 2, 3 }) })
      assert.are.same({ 3, 4 }, gi:totable())
   end)

   it('has gradients that match finite differences for a tensor input', function()
      local c = branches()
      for _, x in ipairs({ torch.DoubleTensor(3, 4), torch.DoubleTensor(4) }) do
         assert.is_true(J.testJacobian(c, x) < 1e-6)
         assert.is_true(J.testAllParameters(c, x) < 1e-6)
      end
   end)

   it('handles a table input, giving a table gradInput', function()
      local c = nn.ConcatTable():add(nn.Identity()):add(nn.SelectTable(1)):double()
      local x = { torch.DoubleTensor(3), { torch.DoubleTensor(2), torch.DoubleTensor(2) } }
      local err = J.testJacobian(c, x)
      assert.is_true(err < 1e-6, 'error ' .. err)
      local gi = c:backward(x, { { torch.DoubleTensor(3):fill(1), { torch.DoubleTensor(2):fill(2),
         torch.DoubleTensor(2):fill(3) } }, torch.DoubleTensor(3):fill(5) })
      assert.are.same({ 6, 6, 6 }, gi[1]:totable())
      assert.are.same({ 2, 2 }, gi[2][1]:totable())
      assert.are.same({ 3, 3 }, gi[2][2]:totable())
   end)

   it('backward accumulates parameter gradients with the scale', function()
      local c = branches()
      local x = torch.DoubleTensor(2, 4):uniform()
      c:forward(x)
      c:zeroGradParameters()
      local go = { torch.DoubleTensor(2, 2):fill(1), torch.DoubleTensor(2, 4):fill(1),
         torch.DoubleTensor(2, 3):fill(1) }
      c:backward(x, go, 2)
      assert.is_true((c.modules[1].gradBias - torch.DoubleTensor({ 4, 4 })):abs():max() < 1e-12)
   end)

   it('converts types and clears state', function()
      local c = branches():float()
      local x = torch.FloatTensor(2, 4):uniform()
      c:forward(x)
      assert.are.equal('torch.FloatTensor', c.output[1]:type())
      assert.are.equal(c, c:clearState())
      assert.are.same({}, c.output)
   end)

   it('prints as Torch7 does', function()
      local c = nn.ConcatTable():add(nn.Identity()):add(nn.Linear(3, 3))
      assert.are.equal('nn.ConcatTable {\n  input\n    |`-> (1): nn.Identity\n     `-> (2): nn.Linear(3 -> 3)\n'
         .. '     ... -> output\n}', tostring(c))
   end)
end)
