-- nn.BCECriterion: binary cross-entropy of probabilities.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local function max_diff(a, b)
   return (a:double() - b:double()):abs():max()
end

local P = torch.DoubleTensor({ { 0.2, 0.9, 0.6 }, { 0.5, 0.1, 0.75 } })
local Y = torch.DoubleTensor({ { 1, 0, 1 }, { 0, 0, 1 } })

describe('nn.BCECriterion', function()
   it('averages by default and prints its name', function()
      assert.is_true(nn.BCECriterion().sizeAverage)
      assert.are.equal('nn.BCECriterion', tostring(nn.BCECriterion()))
      assert.has_error(function() nn.BCECriterion(torch.Tensor(2, 2)) end)
   end)

   it('computes one element by hand', function()
      local c = nn.BCECriterion()
      assert.is_true(math.abs(c:forward(torch.DoubleTensor({ 0.25 }), torch.DoubleTensor({ 1 })) - math.log(4)) < 1e-9)
      assert.is_true(math.abs(c:backward(torch.DoubleTensor({ 0.25 }), torch.DoubleTensor({ 1 }))[1] + 4) < 1e-9)
   end)

   it('matches PyTorch\'s binary_cross_entropy, with and without weights', function()
      assert.is_true(math.abs(nn.BCECriterion():forward(P, Y) - 0.9181730663106148) < 1e-9)
      local w = torch.DoubleTensor({ 0.5, 2, 1 })
      assert.is_true(math.abs(nn.BCECriterion(w):forward(P, Y) - 1.127615243336423) < 1e-9)
      local sum = nn.BCECriterion(nil, false):forward(P, Y)
      assert.is_true(math.abs(sum - 6 * 0.9181730663106148) < 1e-9)
   end)

   it('has the gradient of its loss (finite differences)', function()
      local input = torch.DoubleTensor(3, 4):uniform(0.1, 0.9)
      local target = torch.DoubleTensor(3, 4):bernoulli(0.5)
      for _, c in ipairs({ nn.BCECriterion(), nn.BCECriterion(nil, false),
         nn.BCECriterion(torch.DoubleTensor(4):uniform(0.5, 2)) }) do
         local err = J.testCriterion(c, input, target)
         assert.is_true(err < PRECISION, 'error ' .. err)
      end
      local err = J.testCriterion(nn.BCECriterion(torch.DoubleTensor(5):uniform()), torch.DoubleTensor(5):uniform(0.1, 0.9),
         torch.DoubleTensor(5):uniform())
      assert.is_true(err < PRECISION, 'error ' .. err)
   end)

   it('stays finite at probabilities 0 and 1', function()
      local c = nn.BCECriterion()
      local loss = c:forward(torch.DoubleTensor({ 0, 1 }), torch.DoubleTensor({ 0, 1 }))
      assert.is_true(loss == loss and loss < 1e-9)
      local g = c:backward(torch.DoubleTensor({ 0, 1 }), torch.DoubleTensor({ 1, 0 }))
      assert.is_true(g:abs():max() < math.huge)
   end)

   it('gives the same results in float and double', function()
      local w = torch.DoubleTensor({ 0.5, 2, 1 })
      local c = nn.BCECriterion(w)
      local loss, g = c:forward(P, Y), c:backward(P, Y):clone()
      local f = nn.BCECriterion(w:clone()):float()
      assert.is_true(math.abs(f:forward(P:float(), Y:float()) - loss) < 1e-5)
      assert.is_true(max_diff(f:backward(P:float(), Y:float()), g) < 1e-5)
   end)

   it('names the criterion and the sizes for a bad target or weights', function()
      local c = nn.BCECriterion()
      local ok, err = pcall(c.forward, c, P, torch.DoubleTensor(5))
      assert.is_false(ok)
      assert.is_truthy(err:find('nn.BCECriterion', 1, true))
      assert.is_truthy(err:find('2x3', 1, true))
      local w = nn.BCECriterion(torch.DoubleTensor(4))
      assert.has_error(function() w:forward(P, Y) end)
   end)

   it('clears its state', function()
      local c = nn.BCECriterion()
      c:forward(P, Y)
      c:backward(P, Y)
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
   end)
end)
