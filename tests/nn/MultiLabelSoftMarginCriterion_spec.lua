-- nn.MultiLabelSoftMarginCriterion: one-versus-all logistic loss for multi-label classification.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local X = torch.DoubleTensor({ { 0.2, -1, 0.7 }, { 1.5, 0.3, -0.4 } })
local Y = torch.DoubleTensor({ { 1, 0, 1 }, { 0, 0, 1 } })

describe('nn.MultiLabelSoftMarginCriterion', function()
   it('averages by default and prints its name', function()
      assert.is_true(nn.MultiLabelSoftMarginCriterion().sizeAverage)
      assert.are.equal('nn.MultiLabelSoftMarginCriterion', tostring(nn.MultiLabelSoftMarginCriterion()))
   end)

   it('matches PyTorch\'s multilabel_soft_margin_loss, with and without weights', function()
      assert.is_true(math.abs(nn.MultiLabelSoftMarginCriterion():forward(X, Y) - 0.7972283967727508) < 1e-12)
      local w = torch.DoubleTensor({ 0.5, 2, 1 })
      assert.is_true(math.abs(nn.MultiLabelSoftMarginCriterion(w):forward(X, Y) - 0.8002018731568471) < 1e-12)
   end)

   it('equals nn.Sigmoid followed by nn.BCECriterion (Torch7\'s definition)', function()
      local p = torch.sigmoid(X)
      local bce = nn.BCECriterion()
      local c = nn.MultiLabelSoftMarginCriterion()
      assert.is_true(math.abs(c:forward(X, Y) - bce:forward(p, Y)) < 1e-9)
      local g = bce:backward(p, Y):cmul(p):cmul(-p + 1)
      assert.is_true((c:backward(X, Y) - g):abs():max() < 1e-9)
   end)

   it('has the gradient of its loss (finite differences)', function()
      for _, c in ipairs({ nn.MultiLabelSoftMarginCriterion(), nn.MultiLabelSoftMarginCriterion(torch.DoubleTensor(4):uniform()) }) do
         local err = J.testCriterion(c, torch.DoubleTensor(3, 4):uniform(-3, 3), torch.DoubleTensor(3, 4):bernoulli(0.5))
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
      local err = J.testCriterion(nn.MultiLabelSoftMarginCriterion(), torch.DoubleTensor(4):uniform(-3, 3),
         torch.DoubleTensor(4):bernoulli(0.5))
      assert.is_true(err < PRECISION, 'error ' .. err)
   end)

   it('gives the same results in float and double', function()
      local loss = nn.MultiLabelSoftMarginCriterion():forward(X, Y)
      assert.is_true(math.abs(nn.MultiLabelSoftMarginCriterion():float():forward(X:float(), Y:float()) - loss) < 1e-6)
   end)

   it('names the criterion and the sizes for a bad target or weights', function()
      local c = nn.MultiLabelSoftMarginCriterion()
      local ok, err = pcall(c.forward, c, X, torch.DoubleTensor(4))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.MultiLabelSoftMarginCriterion', 1, true))
      assert.is_truthy(err:find('2x3', 1, true))
      assert.has_error(function() nn.MultiLabelSoftMarginCriterion(torch.DoubleTensor(2)):forward(X, Y) end)
   end)

   it('clears its state', function()
      local c = nn.MultiLabelSoftMarginCriterion()
      c:forward(X, Y)
      c:backward(X, Y)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
   end)
end)
