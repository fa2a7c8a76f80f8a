-- nn.ParallelTable: module i on entry i of a table.

require 'nn'

local J = nn.Jacobian

describe('nn.ParallelTable', function()
   local function parallel()
      return nn.ParallelTable():add(nn.Linear(4, 3)):add(nn.Linear(2, 2)):double()
   end

   it('applies module i to entry i', function()
      local p = parallel()
      local x = { torch.DoubleTensor(5, 4):uniform(), torch.DoubleTensor(5, 2):uniform() }
      local y = p:forward(x)
      assert.are.equal(2, #y)
      assert.are.same({ 5, 3 }, y[1]:size():totable())
      assert.are.same({ 5, 2 }, y[2]:size():totable())
   end)

   it('has gradients that match finite differences', function()
      local p = parallel()
      local x = { torch.DoubleTensor(3, 4), torch.DoubleTensor(3, 2) }
      assert.is_true(J.testJacobian(p, x) < 1e-6)
      assert.is_true(J.testAllParameters(p, x) < 1e-6)
   end)

   it('refuses an input with too few entries', function()
      local p = parallel()
      local ok, err = pcall(p.forward, p, { torch.DoubleTensor(3, 4) })
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.ParallelTable', 1, true))
   end)

   it('names the failing module', function()
      local p = parallel()
      local ok, err = pcall(p.forward, p, { torch.DoubleTensor(3, 4), torch.DoubleTensor(3, 5) })
      assert.is_false(ok)
      assert.is_truthy(err:find('In 2 module of nn.ParallelTable', 1, true))
   end)

   it('converts types and clears state', function()
      local p = parallel():float()
      local y = p:forward({ torch.FloatTensor(2, 4):uniform(), torch.FloatTensor(2, 2):uniform() })
      assert.are.equal('torch.FloatTensor', y[1]:type())
      assert.are.equal(p, p:clearState())
      assert.are.same({}, p.output)
   end)

   it('prints as Torch7 does (every branch with a bar)', function()
      local p = nn.ParallelTable():add(nn.Identity()):add(nn.Sequential():add(nn.Identity()))
      assert.are.equal('nn.ParallelTable {\n  input\n    |`-> (1): nn.Identity\n    |`-> (2): nn.Sequential {\n'
         .. '    |      [input -> (1) -> output]\n    |      (1): nn.Identity\n    |    }\n     ... -> output\n}',
         tostring(p))
   end)
end)
