-- nn.CMul: y = w .* x, with a learnt tensor w.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.CMul', function()
   describe('construction', function()
      it('takes sizes as numbers or a LongStorage', function()
         assert.are.same({ 3, 4 }, nn.CMul(3, 4).weight:size():totable())
         assert.are.same({ 3, 4 }, nn.CMul(torch.LongStorage({ 3, 4 })).weight:size():totable())
         assert.is_true(nn.CMul(4, 4).weight:abs():max() <= 0.25)
         assert.are.equal('nn.CMul', tostring(nn.CMul(2)))
      end)
   end)

   describe('small cases by hand', function()
      it('multiplies elementwise and learns x .* gradOutput', function()
         local m = nn.CMul(3):double()
         m.weight:copy(torch.DoubleTensor({ 1, 2, 3 }))
         local x = torch.DoubleTensor({ 4, 5, 6 })
         assert.are.same({ 4, 10, 18 }, m:forward(x):totable())
         m:zeroGradParameters()
         assert.are.same({ 1, 2, 3 }, m:backward(x, torch.DoubleTensor(3):fill(1)):totable())
         assert.are.same({ 4, 5, 6 }, m.gradWeight:totable())
      end)

      it('broadcasts a size-1 dimension (scales each row)', function()
         local m = nn.CMul(2, 1):double()
         m.weight:copy(torch.DoubleTensor({ { 2 }, { 3 } }))
         local x = torch.DoubleTensor({ { 1, 1, 1 }, { 1, 2, 3 } })
         assert.are.same({ { 2, 2, 2 }, { 3, 6, 9 } }, m:forward(x):totable())
         m:zeroGradParameters()
         m:backward(x, torch.DoubleTensor(2, 3):fill(1))
         assert.are.same({ { 3 }, { 6 } }, m.gradWeight:totable())
      end)
   end)

   describe('gradients against finite differences', function()
      local cases = {
         { 'one sample', { 3, 4 }, { 3, 4 } }, { 'a batch', { 3, 4 }, { 5, 3, 4 } },
         { 'a batch of flat samples', { 3, 4 }, { 5, 12 } }, { 'a broadcast dimension', { 3, 1 }, { 3, 4 } },
         { 'same element count, other shape', { 6 }, { 2, 3 } },
      }
      for _, case in ipairs(cases) do
         it('for ' .. case[1], function()
            local m = nn.CMul(unpack(case[2]))
            local input = torch.DoubleTensor(unpack(case[3]))
            local err = math.max(checks.jacobian(m, input), checks.parameters(m, input))
            assert.is_true(err < checks.PRECISION, 'error ' .. err)
         end)
      end
   end)

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.CMul(4, 1), torch.DoubleTensor(4, 5):uniform()) < 1e-5)
      assert.are.equal(0, checks.io(nn.CMul(5):double(), torch.DoubleTensor(3, 5):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.CMul(5), torch.Tensor(3, 5):uniform()))
   end)

   it('names the module and the sizes for an input that does not fit', function()
      local m = nn.CMul(3, 4)
      local err = checks.error_of(m.forward, m, torch.Tensor(5, 7))
      assert.is_truthy(err:find('nn.CMul', 1, true) and err:find('5x7', 1, true) and err:find('3x4', 1, true))
   end)
end)
