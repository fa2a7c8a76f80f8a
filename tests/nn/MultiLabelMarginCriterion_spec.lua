-- nn.MultiLabelMarginCriterion: the multi-label hinge loss, targets listed and ended by 0.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local function max_diff(a, b)
   return (a:double() - b:double()):abs():max()
end

local X = torch.DoubleTensor({ { 0.2, -1, 0.7 }, { 1.5, 0.3, -0.4 } })
local T = torch.LongTensor({ { 3, 1, 0 }, { 2, 0, 3 } })

describe('nn.MultiLabelMarginCriterion', function()
   it('averages by default and prints its name', function()
      assert.is_true(nn.MultiLabelMarginCriterion().sizeAverage)
      assert.are.equal('nn.MultiLabelMarginCriterion', tostring(nn.MultiLabelMarginCriterion()))
   end)

   it('computes a small case by hand (as PyTorch\'s multilabel_margin_loss)', function()
      local c = nn.MultiLabelMarginCriterion()
      -- sample 1: no violation; sample 2 (target 2 only: the 3 after the 0 is ignored):
      -- (1 - 0.3 + 1.5) + (1 - 0.3 - 0.4) = 2.5
      assert.is_true(math.abs(c:forward(X, T) - 2.5 / 3 / 2) < 1e-12)
      assert.are.same({ { 1, 0, 1 }, { 0, 1, 0 } }, c.isTarget:totable())
      local g = c:backward(X, T)
      assert.is_true(max_diff(g, torch.DoubleTensor({ { 0, 0, 0 }, { 1, -2, 1 } }) / 6) < 1e-15)
   end)

   it('takes one sample', function()
      local c = nn.MultiLabelMarginCriterion()
      assert.is_true(math.abs(c:forward(X[2], torch.LongTensor({ 2, 0, 0 })) - 2.5 / 3) < 1e-12)
      assert.are.same({ 3 }, c:backward(X[2], torch.DoubleTensor({ 2, 0, 0 })):size():totable())
   end)

   it('has the gradient of its loss (finite differences)', function()
      local input = torch.DoubleTensor(3, 5):uniform(-1, 1)
      local target = torch.LongTensor({ { 2, 5, 0, 0, 0 }, { 1, 0, 0, 0, 0 }, { 3, 4, 1, 0, 0 } })
      for _, average in ipairs({ true, false }) do
         local c = nn.MultiLabelMarginCriterion()
         c.sizeAverage = average
         local err = J.testCriterion(c, input, target)
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
   end)

   it('gives the same results in float and double', function()
      local c = nn.MultiLabelMarginCriterion()
      local loss, g = c:forward(X, T), c:backward(X, T):clone()
      local f = nn.MultiLabelMarginCriterion():float()
      assert.is_true(math.abs(f:forward(X:float(), T) - loss) < 1e-6)
      assert.is_true(max_diff(f:backward(X:float(), T), g) < 1e-6)
   end)

   it('names the criterion, the sample and the index for a bad target', function()
      local c = nn.MultiLabelMarginCriterion()
      local ok, err = pcall(c.forward, c, X, torch.LongTensor({ { 3, 1, 0 }, { 4, 0, 0 } }))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.MultiLabelMarginCriterion', 1, true))
      assert.is_truthy(err:find('target 4 (sample 2', 1, true))
      ok, err = pcall(c.forward, c, X, torch.LongTensor({ 1, 2 }))
      assert.is_truthy(err:find('2x3', 1, true))
   end)

   it('clears its state', function()
      local c = nn.MultiLabelMarginCriterion()
      c:forward(X, T)
      c:backward(X, T)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
   end)
end)
