-- nn.SmoothL1Criterion: the Huber loss with threshold 1.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local function max_diff(a, b)
   return (a:double() - b:double()):abs():max()
end

describe('nn.SmoothL1Criterion', function()
   it('averages by default and prints its name', function()
      assert.is_true(nn.SmoothL1Criterion().sizeAverage)
      assert.are.equal('nn.SmoothL1Criterion', tostring(nn.SmoothL1Criterion()))
   end)

   it('is quadratic inside 1 and linear outside (by hand)', function()
      local x, y = torch.DoubleTensor({ 0.5, 3, -2, 0 }), torch.DoubleTensor({ 0, 0, 0, 0 })
      local c = nn.SmoothL1Criterion()
      -- 0.125 + 2.5 + 1.5 + 0
      assert.are.equal(4.125 / 4, c:forward(x, y))
      assert.is_true(max_diff(c:backward(x, y), torch.DoubleTensor({ 0.5, 1, -1, 0 }) / 4) < 1e-15)
      c.sizeAverage = false
      assert.are.equal(4.125, c:forward(x, y))
   end)

   it('has the gradient of its loss (finite differences)', function()
      for _, c in ipairs({ nn.SmoothL1Criterion(), nn.SmoothL1Criterion(false) }) do
         local err = J.testCriterion(c, torch.DoubleTensor(4, 5):uniform(-3, 3), torch.DoubleTensor(4, 5):uniform())
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
   end)

   it('gives the same results in float and double', function()
      local x, y = torch.DoubleTensor(5, 3):uniform(-3, 3), torch.DoubleTensor(5, 3):uniform()
      local loss = nn.SmoothL1Criterion():forward(x, y)
      assert.is_true(math.abs(nn.SmoothL1Criterion():float():forward(x:float(), y:float()) - loss) < 1e-6)
   end)

   it('names the criterion and the sizes for a target of the wrong size', function()
      local c = nn.SmoothL1Criterion()
      local ok, err = pcall(c.forward, c, torch.DoubleTensor(2, 2), torch.DoubleTensor(3))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.SmoothL1Criterion', 1, true))
      assert.is_truthy(err:find('2x2', 1, true))
   end)

   it('clears its state', function()
      local c = nn.SmoothL1Criterion()
      local x = torch.Tensor(3):uniform()
      c:forward(x, x)
      c:backward(x, x)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
   end)
end)
