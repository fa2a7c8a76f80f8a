-- nn.HingeEmbeddingCriterion: distances of similar (1) and dissimilar (-1) pairs.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local X = torch.DoubleTensor({ 0.3, 1.2, 0.5, 2 })
local Y = torch.DoubleTensor({ 1, -1, -1, 1 })

describe('nn.HingeEmbeddingCriterion', function()
   it('has margin 1 and sizeAverage by default', function()
      local c = nn.HingeEmbeddingCriterion()
      assert.are.equal(1, c.margin)
      assert.is_true(c.sizeAverage)
      assert.are.equal(2, nn.HingeEmbeddingCriterion(2).margin)
      assert.are.equal('nn.HingeEmbeddingCriterion', tostring(c))
   end)

   it('computes a small case by hand (as PyTorch\'s hinge_embedding_loss)', function()
      local c = nn.HingeEmbeddingCriterion()
      -- 0.3 + 0 + 0.5 + 2
      assert.is_true(math.abs(c:forward(X, Y) - 0.7) < 1e-12)
      assert.are.same({ 0.25, 0, -0.25, 0.25 }, c:backward(X, Y):totable())
      c.sizeAverage = false
      assert.is_true(math.abs(c:forward(X, Y) - 2.8) < 1e-12)
   end)

   it('takes one label for every element as a number', function()
      local c = nn.HingeEmbeddingCriterion()
      assert.is_true(math.abs(c:forward(X, -1) - (0.7 + 0.5) / 4) < 1e-12)
      assert.are.same({ -0.25, 0, -0.25, 0 }, c:backward(X, -1):totable())
   end)

   it('has the gradient of its loss (finite differences)', function()
      local target = torch.DoubleTensor(10):bernoulli(0.5):mul(2):add(-1)
      local err = J.testCriterion(nn.HingeEmbeddingCriterion(1.5), torch.DoubleTensor(10):uniform(0, 3), target)
      assert.is_true(err < PRECISION, 'error ' .. err)
   end)

   it('gives the same results in float and double', function()
      local loss = nn.HingeEmbeddingCriterion():forward(X, Y)
      assert.is_true(math.abs(nn.HingeEmbeddingCriterion():float():forward(X:float(), Y:float()) - loss) < 1e-6)
   end)

   it('names the criterion and the sizes for a bad target', function()
      local c = nn.HingeEmbeddingCriterion()
      local ok, err = pcall(c.forward, c, X, torch.DoubleTensor(3))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.HingeEmbeddingCriterion', 1, true))
   end)

   it('clears its state', function()
      local c = nn.HingeEmbeddingCriterion()
      c:forward(X, Y)
      c:backward(X, Y)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
   end)
end)
