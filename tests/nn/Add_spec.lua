-- nn.Add: y = x + b, with a learnt bias.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Add', function()
   describe('construction', function()
      it('has a bias of inputSize (1 when scalar) uniform within 1/sqrt(inputSize)', function()
         local m = nn.Add(16)
         assert.are.same({ 16 }, m.bias:size():totable())
         assert.is_true(m.bias:abs():max() <= 0.25)
         assert.are.same({ 1 }, nn.Add(16, true).bias:size():totable())
         assert.are.equal('nn.Add', tostring(m))
      end)

      it('refuses a size that is not positive', function()
         assert.is_truthy(checks.error_of(nn.Add, 0):find('nn.Add', 1, true))
      end)
   end)

   describe('a small case by hand', function()
      it('adds the bias to a sample and to each sample of a batch', function()
         local m = nn.Add(2):double()
         m.bias:copy(torch.DoubleTensor({ 1, -1 }))
         assert.are.same({ 2, 1 }, m:forward(torch.DoubleTensor({ 1, 2 })):totable())
         local x = torch.DoubleTensor({ { 0, 0 }, { 5, 5 } })
         assert.are.same({ { 1, -1 }, { 6, 4 } }, m:forward(x):totable())
         m:zeroGradParameters()
         local gi = m:backward(x, torch.DoubleTensor({ { 1, 2 }, { 3, 4 } }))
         assert.are.same({ { 1, 2 }, { 3, 4 } }, gi:totable())
         assert.are.same({ 4, 6 }, m.gradBias:totable())
      end)

      it('adds one number with scalar = true', function()
         local m = nn.Add(5, true):double()
         m.bias:fill(2)
         assert.are.same({ 3, 4 }, m:forward(torch.DoubleTensor({ 1, 2 })):totable())
         m:zeroGradParameters()
         m:backward(torch.DoubleTensor({ 1, 2 }), torch.DoubleTensor({ 1, 3 }))
         assert.are.same({ 4 }, m.gradBias:totable())
      end)
   end)

   describe('gradients against finite differences', function()
      for _, case in ipairs({ { 'one sample', { 6 }, false }, { 'a batch', { 4, 6 }, false },
                              { 'a batch of 2-d samples', { 3, 2, 3 }, false },
                              { 'a scalar bias', { 4, 6 }, true } }) do
         it('for ' .. case[1], function()
            local m = nn.Add(6, case[3])
            local input = torch.DoubleTensor(unpack(case[2]))
            local err = math.max(checks.jacobian(m, input), checks.parameters(m, input))
            assert.is_true(err < checks.PRECISION, 'error ' .. err)
         end)
      end
   end)

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Add(5), torch.DoubleTensor(3, 5):uniform()) < 1e-5)
      assert.are.equal(0, checks.io(nn.Add(5):double(), torch.DoubleTensor(3, 5):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Add(5), torch.Tensor(3, 5):uniform()))
   end)

   it('names the module and the sizes for a wrong input size', function()
      local m = nn.Add(5)
      local err = checks.error_of(m.forward, m, torch.Tensor(3, 4))
      assert.is_truthy(err:find('nn.Add', 1, true) and err:find('5 elements', 1, true) and err:find('3x4', 1, true))
   end)
end)
