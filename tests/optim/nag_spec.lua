-- Specs for nn/optim/nag.lua: convergence on a quadratic, state fields and Torch7's first step.
require 'optim'
local H = require 'tests.optim.helpers'

describe('optim.nag', function()
   it('minimises a quadratic', function()
      local x = H.run(optim.nag, H.quadratic, torch.DoubleTensor(4):zero(), {learningRate = 0.05, momentum = 0.9}, 1000)
      assert.is_true(H.maxdiff(x, H.quadratic_min(4)) < 1e-6)
   end)

   it('returns x itself and {f(x)} evaluated before the step, and works on FloatTensors', function()
      local x = torch.FloatTensor{2, 0}
      local xr, fs = optim.nag(H.quadratic, x, {learningRate = 0.05, momentum = 0.9})
      assert.are.equal(x, xr)
      assert.are.equal('table', type(fs))
      assert.are.near(0.5 + 1, fs[1], 1e-6)
   end)

   it('steps along the velocity before evaluating the gradient', function()
      local x, config = torch.DoubleTensor{1}, {learningRate = 0.1, momentum = 0.5}
      local seen = {}
      local f = function(z) seen[#seen + 1] = z[1] return 0.5 * z[1] ^ 2, z:clone() end
      optim.nag(f, x, config)                       -- x = 0.9, v = -0.1
      optim.nag(f, x, config)                       -- evaluates at 0.85; x = 0.765; v = -0.135
      assert.are.near(0.85, seen[2], 1e-12)
      assert.are.near(0.765, x[1], 1e-12)
      assert.are.near(-0.135, config.dfdx[1], 1e-12)
      assert.has_error(function() optim.nag(f, x, {momentum = 0}) end)
   end)
end)
