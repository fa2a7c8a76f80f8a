-- Specs for nn/optim/adamax.lua: convergence on a quadratic, state fields and Torch7's first step.
require 'optim'
local H = require 'tests.optim.helpers'

describe('optim.adamax', function()
   it('minimises a quadratic', function()
      local x = H.run(optim.adamax, H.quadratic, torch.DoubleTensor(4):zero(), {learningRate = 0.05}, 3000)
      assert.is_true(H.maxdiff(x, H.quadratic_min(4)) < 1e-3)
   end)

   it('returns x itself and {f(x)} evaluated before the step, and works on FloatTensors', function()
      local x = torch.FloatTensor{2, 0}
      local xr, fs = optim.adamax(H.quadratic, x, {learningRate = 0.05})
      assert.are.equal(x, xr)
      assert.are.equal('table', type(fs))
      assert.are.near(0.5 + 1, fs[1], 1e-6)
   end)

   it('takes a first step of learningRate against the gradient sign and keeps t, m, u', function()
      local x, config = torch.DoubleTensor{1, 1}, {learningRate = 0.1}
      optim.adamax(function() return 0, torch.DoubleTensor{2, -4} end, x, config)
      assert.are.near(0.9, x[1], 1e-12)
      assert.are.near(1.1, x[2], 1e-12)
      assert.are.equal(1, config.t)
      assert.are.near(4, config.u[2], 1e-12)
   end)
end)
