-- Specs for nn/optim/asgd.lua: convergence on a quadratic, state fields and Torch7's first step.
require 'optim'
local H = require 'tests.optim.helpers'

describe('optim.asgd', function()
   it('minimises a quadratic', function()
      local x = H.run(optim.asgd, H.quadratic, torch.DoubleTensor(4):zero(), {eta0 = 0.1, t0 = 100}, 3000)
      assert.is_true(H.maxdiff(x, H.quadratic_min(4)) < 2e-2)
   end)

   it('returns x itself and {f(x)} evaluated before the step, and works on FloatTensors', function()
      local x = torch.FloatTensor{2, 0}
      local xr, fs = optim.asgd(H.quadratic, x, {eta0 = 0.1, t0 = 100})
      assert.are.equal(x, xr)
      assert.are.equal('table', type(fs))
      assert.are.near(0.5 + 1, fs[1], 1e-6)
   end)

   it('returns the averaged parameters third and updates eta_t and mu_t', function()
      local x, config = torch.DoubleTensor{1}, {eta0 = 0.1, lambda = 0.5, alpha = 1, t0 = 0}
      local _, _, ax = optim.asgd(function(z) return 0, torch.DoubleTensor{1} end, x, config)
      assert.are.near((1 - 0.05) - 0.1, x[1], 1e-12)
      assert.are.equal(config.ax, ax)
      assert.are.near(0.85, ax[1], 1e-12)
      assert.are.near(0.1 / (1 + 0.05), config.eta_t, 1e-12)
      assert.are.equal(1, config.mu_t)
   end)
end)
