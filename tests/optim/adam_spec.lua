-- Specs for nn/optim/adam.lua: convergence and Torch7's update rule.
require 'optim'
local H = require 'tests.optim.helpers'

describe('optim.adam', function()
   it('minimises a quadratic', function()
      local x = H.run(optim.adam, H.quadratic, torch.DoubleTensor(4):zero(), {learningRate = 0.05}, 2000)
      assert.is_true(H.maxdiff(x, H.quadratic_min(4)) < 1e-4)
   end)

   it('minimises Rosenbrock', function()
      -- With a constant learning rate Adam hovers near the minimum rather than landing on it,
      -- and where it hovers depends on last-bit rounding (-O3 and -O1 builds end 1e-16 and 3e-5
      -- apart), so the bound is on being near (1, 1), not on an exact landing.
      local x, fx = H.run(optim.adam, H.rosenbrock, torch.DoubleTensor(2):zero(), {learningRate = 0.002}, 20000)
      assert.is_true(fx < 1e-4, 'f = ' .. fx)
      assert.is_true(H.maxdiff(x, torch.DoubleTensor{1, 1}) < 1e-2)
   end)

   it('takes a first step of learningRate against the sign of the gradient', function()
      local x, config = torch.DoubleTensor{1, -2}, {learningRate = 0.1}
      optim.adam(function(z) return 0, torch.DoubleTensor{3, -0.5} end, x, config)
      assert.are.near(0.9, x[1], 1e-6)
      assert.are.near(-1.9, x[2], 1e-6)
      assert.are.equal(1, config.t)
      assert.are.near(0.3, config.m[1], 1e-12)
      assert.are.near(0.009, config.v[1], 1e-12)
   end)

   it('follows the bias-corrected rule on a second step', function()
      local x, config = torch.DoubleTensor{0}, {learningRate = 0.1, beta1 = 0.5, beta2 = 0.75, epsilon = 0}
      local g = {2, 1}
      local k = 0
      local function f() k = k + 1 return 0, torch.DoubleTensor{g[k]} end
      optim.adam(f, x, config)
      optim.adam(f, x, config)
      local m = 0.5 * (0.5 * 2) + 0.5 * 1            -- 1
      local v = 0.75 * (0.25 * 4) + 0.25 * 1         -- 1
      local step = 0.1 * math.sqrt(1 - 0.75 ^ 2) / (1 - 0.5 ^ 2)
      assert.are.near(-0.1 - step * m / math.sqrt(v), x[1], 1e-12)
   end)

   it('adds weightDecay * x to the gradient', function()
      local x = torch.DoubleTensor{1}
      optim.adam(function() return 0, torch.DoubleTensor{-0.5} end, x, {learningRate = 0.1, weightDecay = 1})
      assert.are.near(0.9, x[1], 1e-6)          -- gradient 0.5 > 0: one step of lr down
   end)
end)
