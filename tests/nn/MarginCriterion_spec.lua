-- nn.MarginCriterion: the two-class hinge loss.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

describe('nn.MarginCriterion', function()
   it('has margin 1 and sizeAverage by default', function()
      local c = nn.MarginCriterion()
      assert.are.equal(1, c.margin)
      assert.is_true(c.sizeAverage)
      assert.are.equal(0.5, nn.MarginCriterion(0.5).margin)
      assert.are.equal('nn.MarginCriterion', tostring(c))
   end)

   it('computes a small case by hand', function()
      local c = nn.MarginCriterion()
      local x, y = torch.DoubleTensor({ 2, 0.5, -1, 0.2 }), torch.DoubleTensor({ 1, 1, 1, -1 })
      -- max(0, 1 - y x): 0, 0.5, 2, 1.2
      assert.is_true(math.abs(c:forward(x, y) - 3.7 / 4) < 1e-12)
      assert.are.same({ 0, -0.25, -0.25, 0.25 }, c:backward(x, y):totable())
      c.sizeAverage = false
      assert.is_true(math.abs(c:forward(x, y) - 3.7) < 1e-12)
   end)

   it('has the gradient of its loss (finite differences)', function()
      local input = torch.DoubleTensor(3, 4):uniform(-2, 2)
      local target = torch.DoubleTensor(3, 4):bernoulli(0.5):mul(2):add(-1)
      for _, margin in ipairs({ 1, 0.3 }) do
         local err = J.testCriterion(nn.MarginCriterion(margin), input, target)
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
   end)

   it('gives the same results in float and double', function()
      local x, y = torch.DoubleTensor(6):uniform(-2, 2), torch.DoubleTensor({ 1, -1, 1, -1, 1, 1 })
      local loss = nn.MarginCriterion():forward(x, y)
      assert.is_true(math.abs(nn.MarginCriterion():float():forward(x:float(), y:float()) - loss) < 1e-6)
   end)

   it('names the criterion and the sizes for a bad target', function()
      local c = nn.MarginCriterion()
      local ok, err = pcall(c.forward, c, torch.DoubleTensor(3), torch.DoubleTensor(4))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.MarginCriterion', 1, true))
   end)

   it('clears its state', function()
      local c = nn.MarginCriterion()
      local x = torch.Tensor(3):uniform()
      c:forward(x, x)
      c:backward(x, x)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
   end)
end)
