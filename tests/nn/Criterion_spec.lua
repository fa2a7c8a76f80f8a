-- nn.Criterion: the base of losses.

require 'nn'

-- loss = sum((input - target)^2), a criterion made here to exercise the base class.
local function squares()
   local c = nn.Criterion()
   function c:updateOutput(input, target)
      self.output = (input - target):pow(2):sum()
      return self.output
   end
   function c:updateGradInput(input, target)
      self.gradInput:resizeAs(input):copy(input):add(-1, target):mul(2)
      return self.gradInput
   end
   return c
end

describe('nn.Criterion', function()
   it('starts with output 0 and an empty gradInput', function()
      local c = nn.Criterion()
      assert.are.equal(0, c.output)
      assert.are.equal(0, c.gradInput:nElement())
      assert.are.equal('nn.Criterion', tostring(c))
   end)

   it('forward is updateOutput and backward updateGradInput', function()
      local c = squares():double()
      local x = torch.DoubleTensor({ 1, 2 })
      local t = torch.DoubleTensor({ 0, 0 })
      assert.are.equal(5, c:forward(x, t))
      assert.are.same({ 2, 4 }, c:backward(x, t):totable())
   end)

   it('can be called: c(input, target) gives loss and gradient', function()
      local c = squares():double()
      local loss, grad = c(torch.DoubleTensor({ 3 }), torch.DoubleTensor({ 1 }))
      assert.are.equal(4, loss)
      assert.are.same({ 4 }, grad:totable())
   end)

   it('has gradients that match finite differences (nn.Jacobian.testCriterion)', function()
      local err = nn.Jacobian.testCriterion(squares():double(), torch.DoubleTensor(4, 3):uniform(),
         torch.DoubleTensor(4, 3):uniform())
      assert.is_true(err < 1e-6)
   end)

   it('converts its tensors between types', function()
      local c = squares()
      c.buffer = torch.DoubleTensor(3)
      assert.are.equal(c, c:float())
      assert.are.equal('torch.FloatTensor', c.gradInput:type())
      assert.are.equal('torch.FloatTensor', c.buffer:type())
      local loss = c:forward(torch.FloatTensor({ 1, 2 }), torch.FloatTensor({ 0, 0 }))
      assert.are.equal(5, loss)
      c:double()
      assert.are.equal('torch.DoubleTensor', c.gradInput:type())
      assert.has_error(function() c:type() end)
   end)

   it('clones into an independent copy', function()
      local c = squares()
      c.weights = torch.Tensor({ 1, 2 })
      local d = c:clone()
      d.weights:fill(0)
      assert.are.equal(1, c.weights[1])
      assert.are.equal(5, d:forward(torch.Tensor({ 1, 2 }), torch.Tensor({ 0, 0 })))
   end)

   it('clearState empties gradInput and returns the criterion', function()
      local c = squares()
      c:backward(torch.Tensor({ 1 }), torch.Tensor({ 0 }))
      assert.are.equal(c, c:clearState())
      assert.are.equal(0, c.gradInput:nElement())
   end)
end)
