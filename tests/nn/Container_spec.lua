-- nn.Container: the bookkeeping shared by every container.

require 'nn'

describe('nn.Container', function()
   local function two()
      return nn.Sequential():add(nn.Linear(2, 3)):add(nn.Linear(3, 1))
   end

   it('adds, gets and counts modules', function()
      local c = nn.Container()
      local l = nn.Linear(2, 2)
      assert.are.equal(c, c:add(l))
      assert.are.equal(l, c:get(1))
      assert.are.equal(1, c:size())
   end)

   it('gathers its modules parameters in order', function()
      local s = two()
      local p, g = s:parameters()
      assert.are.equal(4, #p)
      assert.are.equal(s.modules[1].weight, p[1])
      assert.are.equal(s.modules[1].bias, p[2])
      assert.are.equal(s.modules[2].weight, p[3])
      assert.are.equal(s.modules[2].gradBias, g[4])
   end)

   it('zeroes, updates and resets every module', function()
      local s = two()
      local _, g = s:parameters()
      for _, t in ipairs(g) do
         t:fill(1)
      end
      local w = s.modules[2].weight:clone()
      s:updateParameters(0.5)
      assert.is_true((s.modules[2].weight - (w - 0.5)):abs():max() < 1e-12)
      s:zeroGradParameters()
      for _, t in ipairs(g) do
         assert.are.equal(0, t:abs():max())
      end
      s:reset(0.001)
      assert.is_true(s.modules[1].weight:abs():max() <= 0.001 * math.sqrt(3))
   end)

   it('shares parameters module by module', function()
      local a, b = two(), two()
      assert.are.equal(a, a:share(b, 'weight', 'bias'))
      b.modules[2].weight:fill(3)
      assert.are.equal(3, a.modules[2].weight[1][1])
   end)

   it('clearState gives itself fresh buffers rather than emptying tensors it may share', function()
      local c = nn.Container():add(nn.Linear(2, 2))
      local outside = torch.Tensor(5):fill(1)
      c.output = outside  -- a container's output is often another module's tensor
      assert.are.equal(c, c:clearState())
      assert.are.equal(5, outside:nElement())
      assert.are.equal(0, c.output:nElement())
      assert.are_not.equal(outside, c.output)
   end)
end)
