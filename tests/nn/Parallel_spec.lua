-- nn.Parallel: module i on slice i of the input, outputs joined.

require 'nn'

local J = nn.Jacobian

describe('nn.Parallel', function()
   local function parallel()
      return nn.Parallel(1, 1):add(nn.Linear(4, 3)):add(nn.Linear(4, 2)):double()
   end

   it('applies module i to slice i and joins the outputs', function()
      local p = parallel()
      local x = torch.DoubleTensor(2, 4):uniform()
      local y = p:forward(x)
      assert.are.same({ 5 }, y:size():totable())
      local first = p.modules[1]:forward(x[1]):clone()
      assert.are.equal(0, (y:narrow(1, 1, 3) - first):abs():max())
   end)

   it('works with other dimensions', function()
      local p = nn.Parallel(2, 1):add(nn.Linear(3, 2)):add(nn.Linear(3, 4)):double()
      local x = torch.DoubleTensor(3, 2)  -- slices along 2 are vectors of 3
      local y = p:forward(x:uniform())
      assert.are.same({ 6 }, y:size():totable())
      -- batches: slices along 3 are 5 x 3, outputs 5 x 2 and 5 x 4 joined along 2
      local q = nn.Parallel(3, 2):add(nn.Linear(3, 2)):add(nn.Linear(3, 4)):double()
      assert.are.same({ 5, 6 }, q:forward(torch.DoubleTensor(5, 3, 2):uniform()):size():totable())
   end)

   it('has gradients that match finite differences', function()
      local p = parallel()
      local x = torch.DoubleTensor(2, 4)
      assert.is_true(J.testJacobian(p, x) < 1e-6)
      assert.is_true(J.testAllParameters(p, x) < 1e-6)
      x = torch.DoubleTensor(5, 3, 2)
      local q = nn.Parallel(3, 2):add(nn.Linear(3, 2)):add(nn.Linear(3, 4)):double()
      assert.is_true(J.testJacobian(q, x) < 1e-6)
      assert.is_true(J.testAllParameters(q, x) < 1e-6)
   end)

   it('says when the slices and the modules differ in number', function()
      local p = parallel()
      local ok, err = pcall(p.forward, p, torch.DoubleTensor(3, 4))
      assert.is_false(ok)
      assert.is_truthy(err:find('3 slices', 1, true))
   end)

   it('converts types and clears state', function()
      local p = parallel()
      local x = torch.DoubleTensor(2, 4):uniform()
      local y = p:forward(x):clone()
      local f = p:clone():float()
      assert.is_true((f:forward(x:float()):double() - y):abs():max() < 1e-5)
      assert.are.equal(f, f:clearState())
      assert.are.equal(0, f.output:nElement())
   end)

   it('prints as Torch7 does', function()
      local p = nn.Parallel(1, 1):add(nn.Linear(2, 3)):add(nn.Identity())
      assert.are.equal('nn.Parallel {\n  input\n    |`-> (1): nn.Linear(2 -> 3)\n    |`-> (2): nn.Identity\n'
         .. '     ... -> output\n}', tostring(p))
   end)
end)
