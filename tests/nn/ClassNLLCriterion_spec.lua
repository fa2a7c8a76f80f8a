-- nn.ClassNLLCriterion: the negative log-likelihood of class targets.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local function max_diff(a, b)
   return (a:double() - b:double()):abs():max()
end

local function error_of(f, ...)
   local ok, err = pcall(f, ...)
   assert.is_false(ok)
   return tostring(err)
end

describe('nn.ClassNLLCriterion', function()
   describe('construction', function()
      it('averages by default, ignores class -100 and prints as Torch7', function()
         local c = nn.ClassNLLCriterion()
         assert.is_true(c.sizeAverage)
         assert.are.equal(-100, c.ignoreIndex)
         assert.is_nil(c.weights)
         assert.are.equal('nn.ClassNLLCriterion', tostring(c))
      end)

      it('takes weights, sizeAverage and ignoreIndex', function()
         local w = torch.Tensor({ 1, 2, 3 })
         local c = nn.ClassNLLCriterion(w, false, 2)
         assert.are.equal(w, c.weights)
         assert.is_false(c.sizeAverage)
         assert.are.equal(2, c.ignoreIndex)
         assert.has_error(function() nn.ClassNLLCriterion(torch.Tensor(2, 2)) end)
      end)
   end)

   describe('a small case by hand', function()
      local input = torch.DoubleTensor({ { -1, -2, -3 }, { -0.5, -1.5, -2.5 } })
      local target = torch.LongTensor({ 2, 3 })

      it('is the mean of -input[i][t_i] over the batch', function()
         local c = nn.ClassNLLCriterion()
         assert.are.equal((2 + 2.5) / 2, c:forward(input, target))
         assert.are.same({ { 0, -0.5, 0 }, { 0, 0, -0.5 } }, c:backward(input, target):totable())
      end)

      it('is the sum without sizeAverage', function()
         local c = nn.ClassNLLCriterion(nil, false)
         assert.are.equal(4.5, c:forward(input, target))
         assert.are.same({ { 0, -1, 0 }, { 0, 0, -1 } }, c:backward(input, target):totable())
      end)

      it('weighs by class and divides by the total weight', function()
         local c = nn.ClassNLLCriterion(torch.DoubleTensor({ 1, 2, 4 }))
         -- (2*2 + 4*2.5) / (2 + 4)
         assert.is_true(math.abs(c:forward(input, target) - 14 / 6) < 1e-12)
         assert.are.equal(6, c.total_weight)
         local g = c:backward(input, target)
         assert.is_true(max_diff(g, torch.DoubleTensor({ { 0, -2 / 6, 0 }, { 0, 0, -4 / 6 } })) < 1e-15)
      end)

      it('takes one sample with a number or a one-element tensor as target', function()
         local c = nn.ClassNLLCriterion()
         assert.are.equal(3, c:forward(input[1], 3))
         assert.are.equal(3, c:forward(input[1], torch.LongTensor({ 3 })))
         assert.are.same({ 0, 0, -1 }, c:backward(input[1], 3):totable())
         local w = nn.ClassNLLCriterion(torch.DoubleTensor({ 1, 2, 4 }))
         -- one sample: the weight cancels when averaging (as Torch7)
         assert.are.equal(3, w:forward(input[1], 3))
         assert.are.equal(12, nn.ClassNLLCriterion(torch.DoubleTensor({ 1, 2, 4 }), false):forward(input[1], 3))
      end)

      it('reads targets of any type', function()
         local c = nn.ClassNLLCriterion()
         for _, t in ipairs({ torch.DoubleTensor({ 2, 3 }), torch.FloatTensor({ 2, 3 }), torch.IntTensor({ 2, 3 }),
            torch.ByteTensor({ 2, 3 }) }) do
            assert.are.equal(2.25, c:forward(input, t))
         end
      end)

      it('leaves out samples whose target is ignoreIndex', function()
         local c = nn.ClassNLLCriterion(nil, true, 0)
         local t = torch.LongTensor({ 0, 3 })
         assert.are.equal(2.5, c:forward(input, t))
         assert.are.same({ { 0, 0, 0 }, { 0, 0, -1 } }, c:backward(input, t):totable())
         assert.are.equal(0, c:forward(input, torch.LongTensor({ 0, 0 })))
         assert.are.equal(0, c:backward(input, torch.LongTensor({ 0, 0 })):abs():sum())
      end)
   end)

   describe('gradients against finite differences', function()
      it('for a batch, with and without weights and sizeAverage', function()
         local input = torch.DoubleTensor(5, 4):uniform(-3, 0)
         local target = torch.LongTensor({ 1, 4, 2, 2, 3 })
         for _, c in ipairs({ nn.ClassNLLCriterion(), nn.ClassNLLCriterion(nil, false),
            nn.ClassNLLCriterion(torch.DoubleTensor({ 0.5, 1, 2, 3 })) }) do
            local err = J.testCriterion(c, input, target)
            assert.is_true(err < PRECISION, 'error ' .. err)
         end
      end)

      it('for one sample', function()
         local err = J.testCriterion(nn.ClassNLLCriterion(), torch.DoubleTensor(6):uniform(-3, 0), 4)
         assert.is_true(err < PRECISION, 'error ' .. err)
      end)
   end)

   describe('types', function()
      it('gives the same loss and gradient in float and double', function()
         local input = torch.DoubleTensor(8, 5):uniform(-3, 0)
         local target = torch.LongTensor({ 1, 2, 3, 4, 5, 5, 4, 3 })
         local c = nn.ClassNLLCriterion(torch.DoubleTensor(5):uniform(0.5, 2))
         local loss, grad = c:forward(input, target), c:backward(input, target):clone()
         local f = c:clone():float()
         assert.is_true(math.abs(f:forward(input:float(), target) - loss) < 1e-5)
         assert.is_true(max_diff(f:backward(input:float(), target), grad) < 1e-6)
         assert.are.equal('torch.FloatTensor', f.gradInput:type())
      end)

      it('refuses weights of another type than the input', function()
         local c = nn.ClassNLLCriterion(torch.DoubleTensor({ 1, 1 }))
         local err = error_of(c.forward, c, torch.FloatTensor(2, 2), torch.LongTensor({ 1, 2 }))
         assert.is_truthy(err:find('nn.ClassNLLCriterion', 1, true))
      end)
   end)

   describe('bad targets and inputs', function()
      local c = nn.ClassNLLCriterion()
      local input = torch.DoubleTensor(3, 4):uniform(-2, 0)

      it('names the criterion, the sample and the index for a class 0', function()
         local err = error_of(c.forward, c, input, torch.LongTensor({ 1, 0, 2 }))
         assert.is_truthy(err:find('nn.ClassNLLCriterion', 1, true))
         assert.is_truthy(err:find('target 0', 1, true))
         assert.is_truthy(err:find('sample 2', 1, true))
         assert.is_truthy(err:find('1 to 4', 1, true))
      end)

      it('names the index past the number of classes, in forward and backward', function()
         local err = error_of(c.forward, c, input, torch.LongTensor({ 1, 2, 5 }))
         assert.is_truthy(err:find('target 5', 1, true))
         err = error_of(c.backward, c, input, torch.LongTensor({ 1, 2, 5 }))
         assert.is_truthy(err:find('target 5', 1, true))
         err = error_of(c.forward, c, input[1], 9)
         assert.is_truthy(err:find('target 9', 1, true))
      end)

      it('refuses fractional class indexes', function()
         local err = error_of(c.forward, c, input, torch.DoubleTensor({ 1, 2.5, 3 }))
         assert.is_truthy(err:find('2.5', 1, true))
      end)

      it('names the sizes for a target of the wrong length and a 3-d input', function()
         local err = error_of(c.forward, c, input, torch.LongTensor({ 1, 2 }))
         assert.is_truthy(err:find('3x4', 1, true))
         err = error_of(c.forward, c, torch.DoubleTensor(2, 3, 4), torch.LongTensor({ 1, 2 }))
         assert.is_truthy(err:find('2x3x4', 1, true))
      end)
   end)

   describe('state', function()
      it('keeps its gradInput buffer across steps and clears it', function()
         local input = torch.DoubleTensor(3, 4):uniform(-2, 0)
         local target = torch.LongTensor({ 1, 2, 3 })
         local c = nn.ClassNLLCriterion()
         local g = c:backward(input, target)
         local data = torch.pointer(g:storage())
         c:forward(input, target)
         c:backward(input, target)
         assert.are.equal(data, torch.pointer(c.gradInput:storage()))
         assert.are.equal(c, c:clearState())
         assert.are.equal(0, c.gradInput:nElement())
         assert.are.equal(12, c:backward(input, target):nElement())
      end)
   end)
end)
