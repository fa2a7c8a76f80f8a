-- nn.SoftMarginCriterion: the two-class logistic loss.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local X = torch.DoubleTensor({ { 0.2, -1, 0.7 }, { 1.5, 0.3, -0.4 } })
local Y = torch.DoubleTensor({ { 1, -1, 1 }, { -1, -1, 1 } })

describe('nn.SoftMarginCriterion', function()
   it('averages by default and prints its name', function()
      assert.is_true(nn.SoftMarginCriterion().sizeAverage)
      assert.are.equal('nn.SoftMarginCriterion', tostring(nn.SoftMarginCriterion()))
   end)

   it('is log 2 at zero and matches PyTorch\'s soft_margin_loss', function()
      local c = nn.SoftMarginCriterion()
      assert.is_true(math.abs(c:forward(torch.DoubleTensor({ 0 }), torch.DoubleTensor({ 1 })) - math.log(2)) < 1e-15)
      assert.are.same({ -0.5 }, c:backward(torch.DoubleTensor({ 0 }), torch.DoubleTensor({ 1 })):totable())
      assert.is_true(math.abs(c:forward(X, Y) - 0.7972283967727508) < 1e-12)
   end)

   it('does not overflow for large margins', function()
      local c = nn.SoftMarginCriterion(false)
      assert.is_true(math.abs(c:forward(torch.DoubleTensor({ -1000, 1000 }), torch.DoubleTensor({ 1, 1 })) - 1000) < 1e-9)
   end)

   it('has the gradient of its loss (finite differences)', function()
      for _, c in ipairs({ nn.SoftMarginCriterion(), nn.SoftMarginCriterion(false) }) do
         local err = J.testCriterion(c, torch.DoubleTensor(3, 4):uniform(-3, 3),
            torch.DoubleTensor(3, 4):bernoulli(0.5):mul(2):add(-1))
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
   end)

   it('gives the same results in float and double', function()
      local loss = nn.SoftMarginCriterion():forward(X, Y)
      assert.is_true(math.abs(nn.SoftMarginCriterion():float():forward(X:float(), Y:float()) - loss) < 1e-6)
   end)

   it('names the criterion and the sizes for a bad target', function()
      local c = nn.SoftMarginCriterion()
      local ok, err = pcall(c.forward, c, X, torch.DoubleTensor(4))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.SoftMarginCriterion', 1, true))
      assert.is_truthy(err:find('2x3', 1, true))
   end)

   it('clears its state', function()
      local c = nn.SoftMarginCriterion()
      c:forward(X, Y)
      c:backward(X, Y)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
   end)
end)
