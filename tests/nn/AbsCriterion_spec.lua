-- nn.AbsCriterion: the mean absolute error.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

describe('nn.AbsCriterion', function()
   it('averages by default and prints its name', function()
      assert.is_true(nn.AbsCriterion().sizeAverage)
      assert.are.equal('nn.AbsCriterion', tostring(nn.AbsCriterion()))
   end)

   it('computes a small case by hand', function()
      local x, y = torch.DoubleTensor({ 1, 2, 3, 4 }), torch.DoubleTensor({ 1, 0, 4, 2 })
      local c = nn.AbsCriterion()
      assert.are.equal(5 / 4, c:forward(x, y))
      assert.are.same({ 0, 0.25, -0.25, 0.25 }, c:backward(x, y):totable())
      c.sizeAverage = false
      assert.are.equal(5, c:forward(x, y))
      assert.are.same({ 0, 1, -1, 1 }, c:backward(x, y):totable())
   end)

   it('has the gradient of its loss (finite differences)', function()
      for _, c in ipairs({ nn.AbsCriterion(), nn.AbsCriterion(false) }) do
         local err = J.testCriterion(c, torch.DoubleTensor(3, 4):uniform(-2, 2), torch.DoubleTensor(3, 4):uniform())
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
   end)

   it('gives the same results in float and double', function()
      local x, y = torch.DoubleTensor(5, 3):uniform(), torch.DoubleTensor(5, 3):uniform()
      local c = nn.AbsCriterion()
      local loss = c:forward(x, y)
      assert.is_true(math.abs(nn.AbsCriterion():float():forward(x:float(), y:float()) - loss) < 1e-6)
   end)

   it('names the criterion and the sizes for a target of the wrong size', function()
      local c = nn.AbsCriterion()
      local ok, err = pcall(c.forward, c, torch.DoubleTensor(3, 4), torch.DoubleTensor(5))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.AbsCriterion', 1, true))
      assert.is_truthy(err:find('3x4', 1, true))
   end)

   it('clears its state', function()
      local c = nn.AbsCriterion()
      local x = torch.Tensor(3):uniform()
      c:forward(x, x)
      c:backward(x, x)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
   end)
end)
