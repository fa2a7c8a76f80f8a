-- nn.MarginRankingCriterion: ranks two scores by a label.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local X1, X2 = torch.DoubleTensor({ 1, 2, 3 }), torch.DoubleTensor({ 2, 2.5, 1 })
local Y = torch.DoubleTensor({ 1, -1, 1 })

describe('nn.MarginRankingCriterion', function()
   it('has margin 1 and sizeAverage by default', function()
      local c = nn.MarginRankingCriterion()
      assert.are.equal(1, c.margin)
      assert.is_true(c.sizeAverage)
      assert.are.equal('nn.MarginRankingCriterion', tostring(c))
   end)

   it('computes one pair by hand (not averaged)', function()
      local c = nn.MarginRankingCriterion(0.5)
      local input = { torch.DoubleTensor({ 1 }), torch.DoubleTensor({ 2 }) }
      assert.is_true(math.abs(c:forward(input, 1) - 1.5) < 1e-15)
      local g = c:backward(input, 1)
      assert.are.same({ -1 }, g[1]:totable())
      assert.are.same({ 1 }, g[2]:totable())
      assert.are.equal(0, c:forward(input, -1))
   end)

   it('matches PyTorch\'s margin_ranking_loss for a batch', function()
      local c = nn.MarginRankingCriterion(1)
      assert.is_true(math.abs(c:forward({ X1, X2 }, Y) - 0.8333333333333334) < 1e-12)
      local g = c:backward({ X1, X2 }, Y)
      assert.are.same({ -1 / 3, 1 / 3, 0 }, g[1]:totable())
      assert.are.same({ 1 / 3, -1 / 3, 0 }, g[2]:totable())
   end)

   it('has the gradient of its loss (finite differences)', function()
      local input = { torch.DoubleTensor(6):uniform(-1, 1), torch.DoubleTensor(6):uniform(-1, 1) }
      local target = torch.DoubleTensor({ 1, -1, 1, -1, 1, 1 })
      for _, average in ipairs({ true, false }) do
         local c = nn.MarginRankingCriterion(0.3)
         c.sizeAverage = average
         local err = J.testCriterion(c, input, target)
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
   end)

   it('gives the same results in float and double', function()
      local loss = nn.MarginRankingCriterion():forward({ X1, X2 }, Y)
      assert.is_true(math.abs(nn.MarginRankingCriterion():float():forward({ X1:float(), X2:float() }, Y:float()) - loss)
         < 1e-6)
   end)

   it('names the criterion for a bad input or target', function()
      local c = nn.MarginRankingCriterion()
      local ok, err = pcall(c.forward, c, { X1, torch.DoubleTensor(2) }, Y)
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.MarginRankingCriterion', 1, true))
      ok, err = pcall(c.forward, c, { X1, X2 }, torch.DoubleTensor(2))
      assert.is_truthy(err:find('one label', 1, true))
   end)
   it('clears its state', function()
      local c = nn.MarginRankingCriterion()
      c:forward({ X1, X2 }, Y)
      c:backward({ X1, X2 }, Y)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput[1]:nElement())
      assert.are.equal(3, c:backward({ X1, X2 }, Y)[2]:nElement())
   end)
end)
