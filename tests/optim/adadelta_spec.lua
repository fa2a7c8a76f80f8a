-- Specs for nn/optim/adadelta.lua: convergence on a quadratic, state fields and Torch7's first step.
require 'optim'
local H = require 'tests.optim.helpers'

describe('optim.adadelta', function()
   it('minimises a quadratic', function()
      local x = H.run(optim.adadelta, H.quadratic, torch.DoubleTensor(4):zero(), {rho = 0.95, eps = 1e-6}, 20000)
      assert.is_true(H.maxdiff(x, H.quadratic_min(4)) < 1e-3)
   end)

   it('returns x itself and {f(x)} evaluated before the step, and works on FloatTensors', function()
      local x = torch.FloatTensor{2, 0}
      local xr, fs = optim.adadelta(H.quadratic, x, {rho = 0.95, eps = 1e-6})
      assert.are.equal(x, xr)
      assert.are.equal('table', type(fs))
      assert.are.near(0.5 + 1, fs[1], 1e-6)
   end)

   it('follows Zeiler\'s rule on its first step', function()
      local x, config = torch.DoubleTensor{0}, {rho = 0.9, eps = 1e-6}
      optim.adadelta(function() return 0, torch.DoubleTensor{1} end, x, config)
      local var = 0.1
      assert.are.near(-math.sqrt(1e-6) / math.sqrt(var + 1e-6), x[1], 1e-12)
      assert.are.equal(1, config.evalCounter)
   end)
end)
