-- nn.L1HingeEmbeddingCriterion: the L1 distance of a pair labelled similar (1) or dissimilar (-1).

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local X1, X2 = torch.DoubleTensor({ 1, 2, 3 }), torch.DoubleTensor({ 1.5, 2, 2.75 })

describe('nn.L1HingeEmbeddingCriterion', function()
   it('has margin 1 by default', function()
      assert.are.equal(1, nn.L1HingeEmbeddingCriterion().margin)
      assert.are.equal(2, nn.L1HingeEmbeddingCriterion(2).margin)
      assert.are.equal('nn.L1HingeEmbeddingCriterion', tostring(nn.L1HingeEmbeddingCriterion()))
   end)

   it('computes a pair by hand', function()
      local c = nn.L1HingeEmbeddingCriterion()
      -- d = 0.5 + 0 + 0.25
      assert.are.equal(0.75, c:forward({ X1, X2 }, 1))
      assert.are.equal(0.25, c:forward({ X1, X2 }, -1))
      assert.are.equal(0.25, c:forward({ X1, X2 }, torch.DoubleTensor({ -1 })))
      local g = c:backward({ X1, X2 }, 1)
      assert.are.same({ -1, 0, 1 }, g[1]:totable())
      assert.are.same({ 1, 0, -1 }, g[2]:totable())
      g = c:backward({ X1, X2 }, -1)
      assert.are.same({ 1, 0, -1 }, g[1]:totable())
      assert.are.equal(0, nn.L1HingeEmbeddingCriterion(0.5):forward({ X1, X2 }, -1))
      assert.are.same({ 0, 0, 0 }, nn.L1HingeEmbeddingCriterion(0.5):backward({ X1, X2 }, -1)[1]:totable())
   end)

   it('has the gradient of its loss (finite differences)', function()
      local input = { torch.DoubleTensor(5):uniform(-1, 1), torch.DoubleTensor(5):uniform(-1, 1) }
      for _, y in ipairs({ 1, -1 }) do
         local err = J.testCriterion(nn.L1HingeEmbeddingCriterion(10), input, y)
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
   end)

   it('gives the same results in float and double', function()
      local loss = nn.L1HingeEmbeddingCriterion():forward({ X1, X2 }, -1)
      assert.are.equal(loss, nn.L1HingeEmbeddingCriterion():float():forward({ X1:float(), X2:float() }, -1))
   end)

   it('names the criterion for a bad input or label', function()
      local c = nn.L1HingeEmbeddingCriterion()
      local ok, err = pcall(c.forward, c, { X1, torch.DoubleTensor(2) }, 1)
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.L1HingeEmbeddingCriterion', 1, true))
      ok, err = pcall(c.forward, c, { X1, X2 }, 0)
      assert.is_truthy(err:find('1 or -1', 1, true))
   end)
   it('clears its state', function()
      local c = nn.L1HingeEmbeddingCriterion()
      c:backward({ X1, X2 }, 1)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput[1]:nElement())
      assert.are.equal(3, c:backward({ X1, X2 }, 1)[2]:nElement())
   end)
end)
