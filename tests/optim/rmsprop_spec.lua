-- Specs for nn/optim/rmsprop.lua: convergence on a quadratic, state fields and Torch7's first step.
require 'optim'
local H = require 'tests.optim.helpers'

describe('optim.rmsprop', function()
   it('minimises a quadratic', function()
      local x = H.run(optim.rmsprop, H.quadratic, torch.DoubleTensor(4):zero(), {learningRate = 0.01}, 3000)
      assert.is_true(H.maxdiff(x, H.quadratic_min(4)) < 2e-2)
   end)

   it('returns x itself and {f(x)} evaluated before the step, and works on FloatTensors', function()
      local x = torch.FloatTensor{2, 0}
      local xr, fs = optim.rmsprop(H.quadratic, x, {learningRate = 0.01})
      assert.are.equal(x, xr)
      assert.are.equal('table', type(fs))
      assert.are.near(0.5 + 1, fs[1], 1e-6)
   end)

   it('divides by the root of the running mean of squared gradients', function()
      local x, config = torch.DoubleTensor{0}, {learningRate = 0.1, alpha = 0.9}
      optim.rmsprop(function() return 0, torch.DoubleTensor{2} end, x, config)
      assert.are.near(-0.1 * 2 / (math.sqrt(0.4) + 1e-8), x[1], 1e-12)
      assert.are.near(0.4, config.m[1], 1e-12)
   end)
end)
