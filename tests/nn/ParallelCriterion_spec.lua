-- nn.ParallelCriterion: a weighted sum of criterions over the parts of a table input.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

describe('nn.ParallelCriterion', function()
   it('adds criterions with weights, chaining', function()
      local nll, mse = nn.ClassNLLCriterion(), nn.MSECriterion()
      local pc = nn.ParallelCriterion()
      assert.are.equal(pc, pc:add(nll, 0.5):add(mse))
      assert.are.same({ 0.5, 1 }, pc.weights)
      assert.are.equal(nll, pc.criterions[1])
      assert.are.equal('nn.ParallelCriterion', tostring(pc))
      assert.has_error(function() pc:add(nn.Linear(2, 2)) end)
   end)

   it('sums the weighted losses and gradients of each part', function()
      local input = { torch.DoubleTensor(2, 10):uniform(-3, 0), torch.DoubleTensor(2, 10):uniform() }
      local target = { torch.LongTensor({ 1, 8 }), torch.DoubleTensor(2, 10):uniform() }
      local nll, mse = nn.ClassNLLCriterion(), nn.MSECriterion()
      local pc = nn.ParallelCriterion():add(nll, 0.5):add(mse)
      local expected = 0.5 * nll:forward(input[1], target[1]) + mse:forward(input[2], target[2])
      assert.is_true(math.abs(pc:forward(input, target) - expected) < 1e-12)
      local g = pc:backward(input, target)
      assert.is_true((g[1] - nll:backward(input[1], target[1]) * 0.5):abs():max() < 1e-15)
      assert.is_true((g[2] - mse:backward(input[2], target[2])):abs():max() < 1e-15)
   end)

   it('repeats the target with repeatTarget', function()
      local input = { torch.DoubleTensor(3):uniform(), torch.DoubleTensor(3):uniform() }
      local target = torch.DoubleTensor(3):uniform()
      local pc = nn.ParallelCriterion(true):add(nn.MSECriterion()):add(nn.AbsCriterion(), 2)
      local expected = nn.MSECriterion():forward(input[1], target) + 2 * nn.AbsCriterion():forward(input[2], target)
      assert.is_true(math.abs(pc:forward(input, target) - expected) < 1e-12)
   end)

   it('has the gradient of its loss (finite differences)', function()
      local input = { torch.DoubleTensor(2, 4):uniform(-2, 2), torch.DoubleTensor(5):uniform() }
      local target = { torch.LongTensor({ 2, 3 }), torch.DoubleTensor(5):uniform() }
      local pc = nn.ParallelCriterion():add(nn.CrossEntropyCriterion(), 0.3):add(nn.MSECriterion(), 2)
      local err = J.testCriterion(pc, input, target)
      assert.is_true(err < PRECISION, 'error ' .. err)
   end)

   it('converts its criterions with :float()', function()
      local pc = nn.ParallelCriterion():add(nn.MSECriterion()):add(nn.MSECriterion())
      pc:float()
      local input = { torch.FloatTensor(3):uniform(), torch.FloatTensor(3):uniform() }
      pc:forward(input, input)
      assert.are.equal('torch.FloatTensor', pc:backward(input, input)[1]:type())
      assert.are.equal(pc, pc:clearState())
   end)

   it('names the criterion for an input that is not a table of the right length', function()
      local pc = nn.ParallelCriterion():add(nn.MSECriterion()):add(nn.MSECriterion())
      local ok, err = pcall(pc.forward, pc, { torch.DoubleTensor(2) }, { torch.DoubleTensor(2) })
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.ParallelCriterion', 1, true))
   end)
end)
