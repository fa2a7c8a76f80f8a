-- nn.Jacobian: the finite-difference checker finds right gradients right and wrong ones wrong.

require 'nn'

local J = nn.Jacobian

-- y = 2 x, with gradInput = factor * gradOutput (factor 2 is right).
local function doubler(factor)
   local m = nn.Module()
   m.output = torch.DoubleTensor()
   m.gradInput = torch.DoubleTensor()
   function m:updateOutput(input)
      self.output:resizeAs(input):copy(input):mul(2)
      return self.output
   end
   function m:updateGradInput(_, gradOutput)
      self.gradInput:resizeAs(gradOutput):copy(gradOutput):mul(factor)
      return self.gradInput
   end
   return m
end

-- A Linear whose weight gradient is off by a factor.
local function bad_linear(factor)
   local m = nn.Linear(3, 2):double()
   local acc = m.accGradParameters
   function m:accGradParameters(input, gradOutput, scale)
      acc(self, input, gradOutput, (scale or 1) * factor)
   end
   return m
end

-- loss = sum(x^2) (or sum of a different gradient when wrong).
local function squares(factor)
   local c = nn.Criterion()
   function c:updateOutput(input, target)
      self.output = (input - target):pow(2):sum()
      return self.output
   end
   function c:updateGradInput(input, target)
      self.gradInput:resizeAs(input):copy(input):add(-1, target):mul(2 * factor)
      return self.gradInput
   end
   return c:double()
end

describe('nn.Jacobian', function()
   describe('testJacobian', function()
      it('finds a right gradInput right', function()
         assert.is_true(J.testJacobian(doubler(2), torch.DoubleTensor(3, 4)) < 1e-8)
      end)

      it('finds a wrong gradInput wrong', function()
         assert.is_true(J.testJacobian(doubler(1), torch.DoubleTensor(3, 4)) > 0.5)
      end)

      it('fills the input with values in [minval, maxval]', function()
         local x = torch.DoubleTensor(100)
         J.testJacobian(doubler(2), x, 3, 4)
         assert.is_true(x:min() >= 3 and x:max() <= 4)
      end)

      it('works on tables of tensors', function()
         local nested = { torch.DoubleTensor(2), { torch.DoubleTensor(3), torch.DoubleTensor(1) } }
         assert.is_true(J.testJacobian(nn.FlattenTable(), nested) < 1e-8)
         -- an entry whose gradient is wrong is found
         local wrong = nn.ParallelTable():add(nn.Identity()):add(doubler(1))
         assert.is_true(J.testJacobian(wrong, { torch.DoubleTensor(2), torch.DoubleTensor(2) }) > 0.5)
         assert.is_true(J.testJacobian(nn.CAddTable(), { torch.DoubleTensor(2), torch.DoubleTensor(2) }) < 1e-8)
      end)

      it('refuses a non-contiguous input', function()
         local x = torch.DoubleTensor(3, 4):t()
         assert.has_error(function() J.testJacobian(doubler(2), x) end)
      end)
   end)

   describe('the Jacobian matrices', function()
      it('are (input elements) x (output elements), equal for a right module', function()
         local m = nn.Linear(3, 2):double()
         local x = torch.DoubleTensor(4, 3):uniform()
         local f = J.forward(m, x)
         local b = J.backward(m, x)
         assert.are.same({ 12, 8 }, f:size():totable())
         assert.is_true((f - b):abs():max() < 1e-8)
         -- for one sample it is W^T
         local x1 = torch.DoubleTensor(3):uniform()
         assert.is_true((J.backward(m, x1) - m.weight:t()):abs():max() < 1e-12)
      end)
   end)

   describe('testJacobianParameters and testJacobianUpdateParameters', function()
      it('find right parameter gradients right', function()
         local m = bad_linear(1)
         local x = torch.DoubleTensor(4, 3)
         assert.is_true(J.testJacobianParameters(m, x, m.weight, m.gradWeight) < 1e-8)
         assert.is_true(J.testJacobianUpdateParameters(m, x, m.weight) < 1e-8)
         assert.is_true(J.testAllParameters(m, x) < 1e-8)
      end)

      it('find wrong parameter gradients wrong', function()
         local m = bad_linear(0.5)
         local x = torch.DoubleTensor(4, 3)
         assert.is_true(J.testJacobianParameters(m, x, m.weight, m.gradWeight) > 0.1)
         assert.is_true(J.testJacobianUpdateParameters(m, x, m.weight) > 0.1)
         assert.is_true(J.testAllParameters(m, x) > 0.1)
      end)

      it('leave the parameters as they found them after an update check', function()
         local m = nn.Linear(3, 2):double()
         local x = torch.DoubleTensor(2, 3)
         J.testJacobianUpdateParameters(m, x, m.weight)
         local w = m.weight:clone()
         J.backwardUpdate(m, x, m.weight)
         assert.are.equal(0, (m.weight - w):abs():max())
      end)
   end)

   describe('testIO', function()
      it('gives zero differences for a module and its copy', function()
         local e1, e2 = J.testIO(nn.Linear(3, 2):double(), torch.DoubleTensor(4, 3):uniform())
         assert.are.equal(0, e1)
         assert.are.equal(0, e2)
      end)

      it('works with table outputs', function()
         local m = nn.ConcatTable():add(nn.Linear(3, 2)):add(nn.Identity()):double()
         local e1, e2 = J.testIO(m, torch.DoubleTensor(4, 3):uniform())
         assert.are.equal(0, e1)
         assert.are.equal(0, e2)
      end)

      it('complains when clearState does not return the module', function()
         local m = nn.Linear(3, 2):double()
         m.clearState = function() end
         assert.has_error(function() J.testIO(m, torch.DoubleTensor(3):uniform()) end)
      end)
   end)

   describe('testCriterion', function()
      local input = torch.DoubleTensor(3, 2):uniform(-1, 1)
      local target = torch.DoubleTensor(3, 2):uniform(-1, 1)

      it('finds a right criterion gradient right', function()
         assert.is_true(J.testCriterion(squares(1), input, target) < 1e-6)
      end)

      it('finds a wrong one wrong', function()
         assert.is_true(J.testCriterion(squares(0.5), input, target) > 0.01)
      end)

      it('leaves the input as it was', function()
         local x = input:clone()
         J.testCriterion(squares(1), x, target)
         assert.are.equal(0, (x - input):abs():max())
      end)
   end)
end)
