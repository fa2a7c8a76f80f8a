-- nn.CosineEmbeddingCriterion: cosine similarity of pairs labelled similar (1) or dissimilar (-1).

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local A = torch.DoubleTensor({ { 1, 2, 3 }, { 0.5, -1, 2 } })
local B = torch.DoubleTensor({ { 1, 0, -1 }, { 1, -2, 4.5 } })

describe('nn.CosineEmbeddingCriterion', function()
   it('has margin 0 and sizeAverage by default', function()
      local c = nn.CosineEmbeddingCriterion()
      assert.are.equal(0, c.margin)
      assert.is_true(c.sizeAverage)
      assert.are.equal('nn.CosineEmbeddingCriterion', tostring(c))
   end)

   it('computes one pair by hand', function()
      local c = nn.CosineEmbeddingCriterion()
      local x1, x2 = torch.DoubleTensor({ 1, 0 }), torch.DoubleTensor({ 1, 1 })
      local cos = 1 / math.sqrt(2)
      assert.is_true(math.abs(c:forward({ x1, x2 }, 1) - (1 - cos)) < 1e-9)
      assert.is_true(math.abs(c:forward({ x1, x2 }, torch.DoubleTensor({ -1 })) - cos) < 1e-9)
      local g = c:backward({ x1, x2 }, 1)
      -- d(1 - cos)/dx1 = -(x2 / (|x1||x2|) - cos x1 / |x1|^2)
      assert.is_true((g[1] - torch.DoubleTensor({ 0, -0.5 * math.sqrt(2) })):abs():max() < 1e-9)
      assert.are.same({ 2 }, g[2]:size():totable())
   end)

   it('matches PyTorch\'s cosine_embedding_loss for a batch', function()
      local c = nn.CosineEmbeddingCriterion(0.1)
      assert.is_true(math.abs(c:forward({ A, B }, torch.DoubleTensor({ 1, -1 })) - 1.1383925441186415) < 1e-9)
   end)

   it('has the gradient of its loss (finite differences)', function()
      local input = { torch.DoubleTensor(4, 5):uniform(-1, 1), torch.DoubleTensor(4, 5):uniform(-1, 1) }
      local target = torch.DoubleTensor({ 1, -1, 1, -1 })
      for _, c in ipairs({ nn.CosineEmbeddingCriterion(), nn.CosineEmbeddingCriterion(-0.5) }) do
         local err = J.testCriterion(c, input, target)
         assert.is_true(err < PRECISION, 'error ' .. err)
         c.sizeAverage = false
         err = J.testCriterion(c, input, target)
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
   end)

   it('gives the same results in float and double', function()
      local y = torch.DoubleTensor({ 1, -1 })
      local loss = nn.CosineEmbeddingCriterion(-0.2):forward({ A, B }, y)
      local f = nn.CosineEmbeddingCriterion(-0.2):float()
      assert.is_true(math.abs(f:forward({ A:float(), B:float() }, y:float()) - loss) < 1e-6)
      assert.are.equal('torch.FloatTensor', f:backward({ A:float(), B:float() }, y:float())[1]:type())
   end)

   it('names the criterion for a bad input or target', function()
      local c = nn.CosineEmbeddingCriterion()
      local ok, err = pcall(c.forward, c, { A, B:narrow(2, 1, 2) }, torch.DoubleTensor({ 1, 1 }))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.CosineEmbeddingCriterion', 1, true))
      assert.is_truthy(err:find('2x2', 1, true))
      ok, err = pcall(c.forward, c, { A, B }, torch.DoubleTensor({ 1 }))
      assert.is_truthy(err:find('one label', 1, true))
      ok, err = pcall(c.forward, c, { A, B }, torch.DoubleTensor({ 1, 0 }))
      assert.is_truthy(err:find('1 or -1', 1, true))
   end)

   it('clears its state', function()
      local c = nn.CosineEmbeddingCriterion()
      c:forward({ A, B }, torch.DoubleTensor({ 1, -1 }))
      c:backward({ A, B }, torch.DoubleTensor({ 1, -1 }))
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput[1]:nElement())
   end)
end)
