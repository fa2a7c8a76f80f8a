-- nn.Bilinear: y_k = x1^T A_k x2 + b_k.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Bilinear', function()
   describe('construction', function()
      it('has weight out x in1 x in2 and a bias, uniform within 1/sqrt(in1)', function()
         local m = nn.Bilinear(4, 3, 2)
         assert.are.same({ 2, 4, 3 }, m.weight:size():totable())
         assert.are.same({ 2 }, m.bias:size():totable())
         assert.is_true(m.weight:abs():max() <= 0.5)
         assert.is_nil(nn.Bilinear(4, 3, 2, false).bias)
      end)

      it('prints as Torch7', function()
         assert.are.equal('nn.Bilinear(10x5 -> 3) ', tostring(nn.Bilinear(10, 5, 3)))
         assert.are.equal('nn.Bilinear(10x5 -> 3)  without bias', tostring(nn.Bilinear(10, 5, 3, false)))
      end)

      it('refuses sizes that are not positive integers', function()
         assert.is_truthy(checks.error_of(nn.Bilinear, 2, 0, 1):find('nn.Bilinear', 1, true))
      end)
   end)

   it('computes x1^T A_k x2 + b_k, by hand', function()
      local m = nn.Bilinear(2, 2, 1):double()
      m.weight:copy(torch.DoubleTensor({ { { 1, 2 }, { 3, 4 } } }))
      m.bias:fill(0.5)
      local x1, x2 = torch.DoubleTensor({ { 1, 0 } }), torch.DoubleTensor({ { 0, 1 } })
      assert.are.same({ { 2.5 } }, m:forward({ x1, x2 }):totable())
      m:zeroGradParameters()
      local gi = m:backward({ x1, x2 }, torch.DoubleTensor({ { 1 } }))
      assert.are.same({ { 2, 4 } }, gi[1]:totable())     -- A x2
      assert.are.same({ { 1, 2 } }, gi[2]:totable())     -- x1^T A
      assert.are.same({ { { 0, 1 }, { 0, 0 } } }, m.gradWeight:totable())
      assert.are.same({ 1 }, m.gradBias:totable())
   end)

   for _, bias in ipairs({ true, false }) do
      it('has gradients that match finite differences' .. (bias and '' or ' without bias'), function()
         local m = nn.Bilinear(4, 3, 2, bias)
         local input = { torch.DoubleTensor(5, 4), torch.DoubleTensor(5, 3) }
         local err = math.max(checks.jacobian(m, input), checks.parameters(m, input))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      local input = { torch.DoubleTensor(5, 4):uniform(), torch.DoubleTensor(5, 3):uniform() }
      assert.is_true(checks.float_matches_double(nn.Bilinear(4, 3, 2), input) < 1e-5)
      assert.are.equal(0, checks.io(nn.Bilinear(4, 3, 2):double(), input))
      assert.are.equal('ok', checks.clear_state(nn.Bilinear(4, 3, 2):double(), input))
   end)

   it('names the module and the sizes for a wrong input', function()
      local m = nn.Bilinear(4, 3, 2)
      local err = checks.error_of(m.forward, m, { torch.Tensor(5, 4), torch.Tensor(5, 2) })
      assert.is_truthy(err:find('nn.Bilinear', 1, true) and err:find('n x 3', 1, true) and err:find('5x2', 1, true))
   end)
end)
