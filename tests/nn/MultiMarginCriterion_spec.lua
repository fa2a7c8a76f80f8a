-- nn.MultiMarginCriterion: the multi-class hinge loss.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local function max_diff(a, b)
   return (a:double() - b:double()):abs():max()
end

local X = torch.DoubleTensor({ { 0.2, -1, 0.7 }, { 1.5, 0.3, -0.4 } })
local T = torch.LongTensor({ 3, 1 })

describe('nn.MultiMarginCriterion', function()
   it('has p 1, margin 1 and sizeAverage by default', function()
      local c = nn.MultiMarginCriterion()
      assert.are.equal(1, c.p)
      assert.are.equal(1, c.margin)
      assert.is_true(c.sizeAverage)
      assert.are.equal('nn.MultiMarginCriterion', tostring(c))
      assert.has_error(function() nn.MultiMarginCriterion(3) end)
   end)

   describe('a small case by hand', function()
      it('sums the hinge over the other classes, divides by n and averages the batch', function()
         local c = nn.MultiMarginCriterion()
         -- sample 1: max(0, 1 - 0.7 + 0.2) = 0.5 (class 2: 0); sample 2: 0
         assert.is_true(math.abs(c:forward(X, T) - 0.5 / 3 / 2) < 1e-12)
         local g = c:backward(X, T)
         assert.is_true(max_diff(g, torch.DoubleTensor({ { 1, 0, -1 }, { 0, 0, 0 } }) / 6) < 1e-15)
      end)

      it('with margin 2, p = 2 and class weights', function()
         local c = nn.MultiMarginCriterion(1, nil, 2)
         assert.is_true(math.abs(c:forward(X, T) - (1.8 / 3 + 0.9 / 3) / 2) < 1e-12)
         c = nn.MultiMarginCriterion(2)
         assert.is_true(math.abs(c:forward(X, T) - 0.25 / 3 / 2) < 1e-12)
         assert.is_true(max_diff(c:backward(X, T), torch.DoubleTensor({ { 1, 0, -1 }, { 0, 0, 0 } }) / 6) < 1e-15)
         c = nn.MultiMarginCriterion(1, torch.DoubleTensor({ 0.5, 2, 4 }))
         assert.is_true(math.abs(c:forward(X, T) - 4 * 0.5 / 3 / 2) < 1e-12)
      end)

      it('takes one sample with a number as target', function()
         local c = nn.MultiMarginCriterion()
         assert.is_true(math.abs(c:forward(X[1], 3) - 0.5 / 3) < 1e-12)
         assert.is_true(max_diff(c:backward(X[1], 3), torch.DoubleTensor({ 1, 0, -1 }) / 3) < 1e-15)
         assert.are.same({ 3 }, c.gradInput:size():totable())
      end)
   end)

   it('has the gradient of its loss (finite differences)', function()
      local input = torch.DoubleTensor(4, 5):uniform(-1, 1)
      local target = torch.DoubleTensor({ 1, 5, 2, 3 })
      for _, c in ipairs({ nn.MultiMarginCriterion(), nn.MultiMarginCriterion(2), nn.MultiMarginCriterion(1, nil, 0.5),
         nn.MultiMarginCriterion(2, torch.DoubleTensor(5):uniform(0.5, 2)) }) do
         c.sizeAverage = false
         local err = J.testCriterion(c, input, target)
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
      local err = J.testCriterion(nn.MultiMarginCriterion(), torch.DoubleTensor(5):uniform(-1, 1), 2)
      assert.is_true(err < PRECISION, 'error ' .. err)
   end)

   it('gives the same results in float and double', function()
      local c = nn.MultiMarginCriterion(2, torch.DoubleTensor({ 0.5, 2, 4 }))
      local loss, g = c:forward(X, T), c:backward(X, T):clone()
      local f = c:clone():float()
      assert.is_true(math.abs(f:forward(X:float(), T) - loss) < 1e-6)
      assert.is_true(max_diff(f:backward(X:float(), T), g) < 1e-6)
   end)

   it('names the criterion, the sample and the index for a bad target', function()
      local c = nn.MultiMarginCriterion()
      local ok, err = pcall(c.forward, c, X, torch.LongTensor({ 3, 0 }))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.MultiMarginCriterion', 1, true))
      assert.is_truthy(err:find('target 0 (sample 2)', 1, true))
      ok, err = pcall(c.forward, c, X, torch.LongTensor({ 4, 1 }))
      assert.is_truthy(err:find('target 4 (sample 1)', 1, true))
      assert.is_truthy(err:find('1 to 3', 1, true))
      ok, err = pcall(c.forward, c, X, torch.LongTensor({ 1 }))
      assert.is_truthy(err:find('one class index per sample', 1, true))
   end)

   it('clears its state', function()
      local c = nn.MultiMarginCriterion()
      c:forward(X, T)
      c:backward(X, T)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
   end)
end)
