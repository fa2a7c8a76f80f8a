-- nn.MSECriterion: the mean squared error.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local function max_diff(a, b)
   return (a:double() - b:double()):abs():max()
end

describe('nn.MSECriterion', function()
   it('averages by default and prints as Torch7', function()
      assert.is_true(nn.MSECriterion().sizeAverage)
      assert.is_false(nn.MSECriterion(false).sizeAverage)
      assert.are.equal('nn.MSECriterion', tostring(nn.MSECriterion()))
   end)

   it('computes a small case by hand', function()
      local x, y = torch.DoubleTensor({ 1, 2, 3, 4 }), torch.DoubleTensor({ 1, 0, 4, 2 })
      local c = nn.MSECriterion()
      assert.are.equal((0 + 4 + 1 + 4) / 4, c:forward(x, y))
      assert.are.same({ 0, 1, -0.5, 1 }, c:backward(x, y):totable())
      c.sizeAverage = false
      assert.are.equal(9, c:forward(x, y))
      assert.are.same({ 0, 4, -2, 4 }, c:backward(x, y):totable())
   end)

   it('takes a target of another shape with as many elements (as Torch7)', function()
      local c = nn.MSECriterion()
      local x = torch.DoubleTensor({ { 1, 2 }, { 3, 4 } })
      assert.are.equal(0, c:forward(x, torch.DoubleTensor({ 1, 2, 3, 4 })))
      assert.are.same({ 2, 2 }, c:backward(x, torch.DoubleTensor({ 1, 2, 3, 4 })):size():totable())
   end)

   it('has the gradient of its loss (finite differences)', function()
      for _, c in ipairs({ nn.MSECriterion(), nn.MSECriterion(false) }) do
         local err = J.testCriterion(c, torch.DoubleTensor(3, 4):uniform(-2, 2), torch.DoubleTensor(3, 4):uniform())
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
   end)

   it('gives the same results in float and double', function()
      local x, y = torch.DoubleTensor(5, 3):uniform(), torch.DoubleTensor(5, 3):uniform()
      local c = nn.MSECriterion()
      local loss, g = c:forward(x, y), c:backward(x, y):clone()
      local f = nn.MSECriterion():float()
      assert.is_true(math.abs(f:forward(x:float(), y:float()) - loss) < 1e-6)
      assert.is_true(max_diff(f:backward(x:float(), y:float()), g) < 1e-6)
   end)

   it('names the criterion and the sizes for a target of the wrong size or type', function()
      local c = nn.MSECriterion()
      local ok, err = pcall(c.forward, c, torch.DoubleTensor(3, 4), torch.DoubleTensor(5))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.MSECriterion', 1, true))
      assert.is_truthy(err:find('3x4', 1, true))
      assert.has_error(function() c:forward(torch.DoubleTensor(3), torch.FloatTensor(3)) end)
   end)

   it('clears its state', function()
      local c = nn.MSECriterion()
      local x = torch.Tensor(3):uniform()
      c:forward(x, x)
      c:backward(x, x)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
      assert.are.equal(0, c.buffer:nElement())
   end)
end)
