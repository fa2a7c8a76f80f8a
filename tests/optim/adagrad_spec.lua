-- Specs for nn/optim/adagrad.lua: convergence on a quadratic, state fields and Torch7's first step.
require 'optim'
local H = require 'tests.optim.helpers'

describe('optim.adagrad', function()
   it('minimises a quadratic', function()
      local x = H.run(optim.adagrad, H.quadratic, torch.DoubleTensor(4):zero(), {learningRate = 0.5}, 3000)
      assert.is_true(H.maxdiff(x, H.quadratic_min(4)) < 1e-4)
   end)

   it('returns x itself and {f(x)} evaluated before the step, and works on FloatTensors', function()
      local x = torch.FloatTensor{2, 0}
      local xr, fs = optim.adagrad(H.quadratic, x, {learningRate = 0.5})
      assert.are.equal(x, xr)
      assert.are.equal('table', type(fs))
      assert.are.near(0.5 + 1, fs[1], 1e-6)
   end)

   it('divides by the root of the summed squared gradients (evalCounter, paramVariance)', function()
      local x, config = torch.DoubleTensor{1}, {learningRate = 0.1}
      local f = function() return 0, torch.DoubleTensor{2} end
      optim.adagrad(f, x, config)
      optim.adagrad(f, x, config)
      assert.are.near(1 - 0.1 - 0.1 * 2 / math.sqrt(8), x[1], 1e-9)
      assert.are.equal(2, config.evalCounter)
      assert.are.near(8, config.paramVariance[1], 1e-12)
   end)
end)
