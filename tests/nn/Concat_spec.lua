-- nn.Concat: every module on the same input, outputs joined along a dimension.

require 'nn'

local J = nn.Jacobian

describe('nn.Concat', function()
   local function concat(dim)
      return nn.Concat(dim):add(nn.Linear(5, 3)):add(nn.Linear(5, 4)):double()
   end

   it('joins the outputs along the dimension', function()
      local c = concat(2)
      local x = torch.DoubleTensor(2, 5):uniform()
      local y = c:forward(x)
      assert.are.same({ 2, 7 }, y:size():totable())
      assert.are.equal(0, (y:narrow(2, 1, 3) - c.modules[1].output):abs():max())
      assert.are.equal(0, (y:narrow(2, 4, 4) - c.modules[2].output):abs():max())
   end)

   it('works on one sample along dimension 1', function()
      local c = concat(1)
      local y = c:forward(torch.DoubleTensor(5):uniform())
      assert.are.same({ 7 }, y:size():totable())
   end)

   it('sums the modules gradInputs', function()
      local c = nn.Concat(1):add(nn.Identity()):add(nn.Identity()):double()
      local x = torch.DoubleTensor({ 1, 2 })
      assert.are.same({ 1, 2, 1, 2 }, c:forward(x):totable())
      local gi = c:backward(x, torch.DoubleTensor({ 1, 2, 10, 20 }))
      assert.are.same({ 11, 22 }, gi:totable())
   end)

   it('has gradients that match finite differences', function()
      local c = concat(2)
      local x = torch.DoubleTensor(3, 5)
      assert.is_true(J.testJacobian(c, x) < 1e-6)
      assert.is_true(J.testAllParameters(c, x) < 1e-6)
      c = concat(1)
      x = torch.DoubleTensor(5)
      assert.is_true(J.testJacobian(c, x) < 1e-6)
      assert.is_true(J.testAllParameters(c, x) < 1e-6)
   end)

   it('gives the same results in float, and clears its state', function()
      local c = concat(2)
      local x = torch.DoubleTensor(3, 5):uniform()
      local y = c:forward(x):clone()
      local f = c:clone():float()
      assert.is_true((f:forward(x:float()):double() - y):abs():max() < 1e-5)
      assert.are.equal(f, f:clearState())
      assert.are.equal(0, f.output:nElement())
   end)

   it('names the failing module', function()
      local c = nn.Concat(2):add(nn.Linear(5, 3)):add(nn.Linear(4, 3))
      local ok, err = pcall(c.forward, c, torch.Tensor(2, 5))
      assert.is_false(ok)
      assert.is_truthy(err:find('In 2 module of nn.Concat', 1, true))
   end)

   it('prints as Torch7 does', function()
      local c = nn.Concat(1):add(nn.Linear(2, 3)):add(nn.Identity())
      assert.are.equal('nn.Concat {\n  input\n    |`-> (1): nn.Linear(2 -> 3)\n     `-> (2): nn.Identity\n'
         .. '     ... -> output\n}', tostring(c))
   end)
end)
