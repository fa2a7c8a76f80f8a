-- nn.DistKLDivCriterion: the Kullback-Leibler divergence, inputs of log-probabilities.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local LOGP = torch.log(torch.DoubleTensor({ { 0.2, 0.3, 0.5 }, { 0.6, 0.3, 0.1 } }))
local T = torch.DoubleTensor({ { 0.1, 0, 0.9 }, { 0.5, 0.25, 0.25 } })

describe('nn.DistKLDivCriterion', function()
   it('averages by default and prints its name', function()
      assert.is_true(nn.DistKLDivCriterion().sizeAverage)
      assert.are.equal('nn.DistKLDivCriterion', tostring(nn.DistKLDivCriterion()))
   end)

   it('computes one term by hand and skips zero targets', function()
      local c = nn.DistKLDivCriterion(false)
      local loss = c:forward(torch.DoubleTensor({ math.log(0.25), 7 }), torch.DoubleTensor({ 0.5, 0 }))
      assert.is_true(math.abs(loss - 0.5 * (math.log(0.5) - math.log(0.25))) < 1e-12)
      assert.are.same({ -0.5, 0 }, c:backward(torch.DoubleTensor({ 0, 7 }), torch.DoubleTensor({ 0.5, 0 })):totable())
   end)

   it('matches PyTorch\'s kl_div (reduction mean: over the elements)', function()
      assert.is_true(math.abs(nn.DistKLDivCriterion():forward(LOGP, T) - 0.09200413262149758) < 1e-12)
   end)

   it('has the gradient of its loss (finite differences)', function()
      for _, c in ipairs({ nn.DistKLDivCriterion(), nn.DistKLDivCriterion(false) }) do
         local err = J.testCriterion(c, torch.DoubleTensor(3, 4):uniform(-3, 0), torch.DoubleTensor(3, 4):uniform())
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
   end)

   it('gives the same results in float and double', function()
      local loss = nn.DistKLDivCriterion():forward(LOGP, T)
      assert.is_true(math.abs(nn.DistKLDivCriterion():float():forward(LOGP:float(), T:float()) - loss) < 1e-6)
   end)

   it('names the criterion and the sizes for a bad target', function()
      local c = nn.DistKLDivCriterion()
      local ok, err = pcall(c.forward, c, LOGP, torch.DoubleTensor(4))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.DistKLDivCriterion', 1, true))
      assert.is_truthy(err:find('2x3', 1, true))
   end)

   it('clears its state', function()
      local c = nn.DistKLDivCriterion()
      c:forward(LOGP, T)
      c:backward(LOGP, T)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
   end)
end)
