-- Specs for nn/optim/sgd.lua: convergence and Torch7's update rules for each option.
require 'optim'
local H = require 'tests.optim.helpers'

-- f(x) = 0.5*|x|^2 + 0 (gradient x): easy hand checks.
local function half_sq(x)
   return 0.5 * x:dot(x), x:clone()
end

describe('optim.sgd', function()
   it('minimises a quadratic', function()
      local x = H.run(optim.sgd, H.quadratic, torch.DoubleTensor(4):zero(), {learningRate = 0.1}, 300)
      assert.is_true(H.maxdiff(x, H.quadratic_min(4)) < 1e-6)
   end)

   it('minimises Rosenbrock as Torch7\'s test does (lr 1e-3, 10001 steps from 0)', function()
      local _, fx = H.run(optim.sgd, H.rosenbrock, torch.DoubleTensor(2):zero(), {learningRate = 1e-3}, 10001)
      assert.is_true(fx < 1e-4)
   end)

   it('returns x itself and {f(x)} evaluated before the step', function()
      local x = torch.DoubleTensor{2, 4}
      local xr, fs = optim.sgd(half_sq, x, {learningRate = 0.5})
      assert.are.equal(x, xr)
      assert.are.same({10}, fs)
      assert.are.same({1, 2}, {x[1], x[2]})
   end)

   it('uses learningRate 1e-3 by default and counts steps in state.evalCounter', function()
      local x, config = torch.DoubleTensor{1}, {}
      optim.sgd(half_sq, x, config)
      assert.are.near(0.999, x[1], 1e-15)
      assert.are.equal(1, config.evalCounter)
   end)

   it('keeps its state in a separate table when one is given', function()
      local config, state = {learningRate = 0.1}, {}
      optim.sgd(half_sq, torch.DoubleTensor{1}, config, state)
      assert.are.equal(1, state.evalCounter)
      assert.is_nil(config.evalCounter)
   end)

   it('anneals the learning rate as lr / (1 + evalCounter * learningRateDecay)', function()
      local x, config = torch.DoubleTensor{1}, {learningRate = 0.5, learningRateDecay = 1}
      optim.sgd(half_sq, x, config)        -- lr 0.5:  x = 0.5
      optim.sgd(half_sq, x, config)        -- lr 0.25: x = 0.375
      assert.are.near(0.375, x[1], 1e-15)
   end)

   it('adds weightDecay * x to the gradient', function()
      local x = torch.DoubleTensor{1}
      optim.sgd(half_sq, x, {learningRate = 0.1, weightDecay = 0.5})
      assert.are.near(1 - 0.1 * 1.5, x[1], 1e-15)
   end)

   it('applies per-parameter weightDecays and learningRates', function()
      local x = torch.DoubleTensor{1, 1}
      optim.sgd(half_sq, x, {learningRate = 0.1, weightDecays = torch.DoubleTensor{0, 1},
                             learningRates = torch.DoubleTensor{1, 2}})
      assert.are.near(0.9, x[1], 1e-15)
      assert.are.near(1 - 0.1 * 2 * 2, x[2], 1e-15)
      assert.has_error(function()
         optim.sgd(half_sq, x, {weightDecay = 1, weightDecays = torch.DoubleTensor{0, 1}})
      end)
   end)

   it('applies momentum with dampening defaulting to the momentum', function()
      local x, config = torch.DoubleTensor{1}, {learningRate = 0.1, momentum = 0.5}
      optim.sgd(half_sq, x, config)        -- v = g = 1: x = 0.9
      assert.are.near(0.9, x[1], 1e-15)
      assert.are.near(1, config.dfdx[1], 1e-15)
      optim.sgd(half_sq, x, config)        -- v = 0.5*1 + 0.5*0.9 = 0.95: x = 0.805
      assert.are.near(0.95, config.dfdx[1], 1e-15)
      assert.are.near(0.805, x[1], 1e-15)
   end)

   it('applies dampening when given', function()
      local x, config = torch.DoubleTensor{1}, {learningRate = 0.1, momentum = 0.5, dampening = 0}
      optim.sgd(half_sq, x, config)
      optim.sgd(half_sq, x, config)        -- v = 0.5*1 + 0.9 = 1.4: x = 0.76
      assert.are.near(0.76, x[1], 1e-15)
   end)

   it('applies Nesterov momentum, which needs momentum and zero dampening', function()
      local x, config = torch.DoubleTensor{1}, {learningRate = 0.1, momentum = 0.5, dampening = 0, nesterov = true}
      optim.sgd(half_sq, x, config)        -- v = 1, step g + 0.5 v = 1.5: x = 0.85
      assert.are.near(0.85, x[1], 1e-15)
      assert.has_error(function()
         optim.sgd(half_sq, torch.DoubleTensor{1}, {momentum = 0.5, nesterov = true})
      end)
   end)

   it('works on FloatTensors', function()
      local x = H.run(optim.sgd, H.quadratic, torch.FloatTensor(3):zero(), {learningRate = 0.1, momentum = 0.5}, 200)
      assert.are.equal('torch.FloatTensor', torch.type(x))
      assert.is_true(H.maxdiff(x:double(), H.quadratic_min(3)) < 1e-4)
   end)
end)
