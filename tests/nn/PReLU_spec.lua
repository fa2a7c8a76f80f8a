-- nn.PReLU: y = max(0, x) + a min(0, x), with learnt slopes a.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.PReLU', function()
   describe('construction', function()
      it('shares one slope of 0.25 by default', function()
         local m = nn.PReLU()
         assert.are.equal(0, m.nOutputPlane)
         assert.are.same({ 0.25 }, m.weight:totable())
         assert.are.same({ 1 }, m.gradWeight:size():totable())
         assert.are.equal('nn.PReLU', tostring(m))
      end)

      it('has one slope per plane with nOutputPlane', function()
         assert.are.same({ 0.25, 0.25, 0.25 }, nn.PReLU(3).weight:totable())
      end)
   end)

   describe('a small case by hand', function()
      it('scales the negative part by the shared slope, and learns it', function()
         local m = nn.PReLU():double()
         m.weight:fill(0.5)
         local x = torch.DoubleTensor({ -2, 1, -4 })
         assert.are.same({ -1, 1, -2 }, m:forward(x):totable())
         local g = torch.DoubleTensor({ 1, 10, 2 })
         m:zeroGradParameters()
         assert.are.same({ 0.5, 10, 1 }, m:backward(x, g):totable())
         assert.are.same({ -2 * 1 + -4 * 2 }, m.gradWeight:totable())
      end)

      it('reads the planes along dimension 2 of a batch', function()
         local m = nn.PReLU(2):double()
         m.weight:copy(torch.DoubleTensor({ 0.1, 0.2 }))
         local x = torch.DoubleTensor({ { -1, -1 }, { 1, -3 } })
         local y = m:forward(x)
         assert.is_true(checks.max_diff(y, torch.DoubleTensor({ { -0.1, -0.2 }, { 1, -0.6 } })) < 1e-15)
         m:zeroGradParameters()
         m:backward(x, torch.DoubleTensor(2, 2):fill(1))
         assert.are.same({ -1, -4 }, m.gradWeight:totable())
      end)
   end)

   describe('gradients against finite differences', function()
      local cases = {
         { 'shared, one sample', 0, { 6 } }, { 'shared, a 4-d batch', 0, { 2, 3, 2, 2 } },
         { 'per plane, a vector', 4, { 4 } }, { 'per plane, a batch', 4, { 3, 4 } },
         { 'per plane, an image', 3, { 3, 2, 2 } }, { 'per plane, a batch of images', 3, { 2, 3, 2, 3 } },
      }
      for _, case in ipairs(cases) do
         it('for ' .. case[1], function()
            local m = nn.PReLU(case[2]):double()
            m.weight:uniform(0.1, 0.5)
            local input = torch.DoubleTensor(unpack(case[3]))
            local err = math.max(checks.jacobian(m, input), checks.parameters(m, input))
            assert.is_true(err < checks.PRECISION, 'error ' .. err)
         end)
      end
   end)

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.PReLU(3), torch.DoubleTensor(2, 3, 4, 4):uniform(-1, 1)) < 1e-5)
      assert.are.equal(0, checks.io(nn.PReLU(3):double(), torch.DoubleTensor(2, 3, 2, 2):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.PReLU(), torch.Tensor(3, 2):uniform(-1, 1)))
   end)

   it('names the module, the planes and the sizes when the planes do not match', function()
      local m = nn.PReLU(3)
      local err = checks.error_of(m.forward, m, torch.Tensor(2, 5))
      assert.is_truthy(err:find('nn.PReLU', 1, true) and err:find('3 feature planes', 1, true))
      assert.is_truthy(err:find('2x5', 1, true))
   end)
end)
