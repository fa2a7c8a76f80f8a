-- nn.MultiCriterion: a weighted sum of criterions over the same input and target.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

describe('nn.MultiCriterion', function()
   it('adds criterions with weights, chaining', function()
      local mc = nn.MultiCriterion()
      local nll = nn.ClassNLLCriterion()
      assert.are.equal(mc, mc:add(nll, 0.5):add(nn.CrossEntropyCriterion()))
      assert.are.equal(0.5, mc.weights[1])
      assert.are.equal(1, mc.weights[2])
      assert.are.equal('nn.MultiCriterion', tostring(mc))
      assert.has_error(function() mc:add('x') end)
   end)

   it('sums the weighted losses and gradients (the Torch7 documentation\'s example)', function()
      local input = torch.DoubleTensor(2, 10):uniform()
      local target = torch.IntTensor({ 1, 8 })
      local nll, ce = nn.ClassNLLCriterion(), nn.CrossEntropyCriterion()
      local mc = nn.MultiCriterion():add(nll, 0.5):add(ce)
      local expected = 0.5 * nll:forward(input, target) + ce:forward(input, target)
      assert.is_true(math.abs(mc:forward(input, target) - expected) < 1e-12)
      local g = nll:backward(input, target) * 0.5 + ce:backward(input, target)
      assert.is_true((mc:backward(input, target) - g):abs():max() < 1e-15)
   end)

   it('has the gradient of its loss (finite differences)', function()
      local input = torch.DoubleTensor(3, 4):uniform(-1, 1)
      local target = torch.DoubleTensor(3, 4):uniform()
      local mc = nn.MultiCriterion():add(nn.MSECriterion(), 0.7):add(nn.SmoothL1Criterion(), 2)
      local err = J.testCriterion(mc, input, target)
      assert.is_true(err < PRECISION, 'error ' .. err)
   end)

   it('converts its criterions with :float() and clears its state', function()
      local mc = nn.MultiCriterion():add(nn.MSECriterion()):add(nn.AbsCriterion())
      mc:float()
      local x = torch.FloatTensor(3):uniform()
      mc:forward(x, x)
      assert.are.equal('torch.FloatTensor', mc:backward(x, x):type())
      assert.are.equal(mc, mc:clearState())
      assert.are.equal(0, mc.gradInput:nElement())
   end)
end)
