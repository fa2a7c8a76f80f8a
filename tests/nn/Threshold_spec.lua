-- nn.Threshold: y = x > threshold ? x : value.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Threshold', function()
   describe('construction', function()
      it('defaults to threshold 1e-6, value 0, not in place (Torch7 fields)', function()
         local m = nn.Threshold()
         assert.are.equal(1e-6, m.threshold)
         assert.are.equal(0, m.val)
         assert.is_false(m.inplace)
         assert.are.equal('nn.Threshold', tostring(m))
      end)

      it('refuses in place with a value above the threshold', function()
         local err = checks.error_of(nn.Threshold, 0, 1, true)
         assert.is_truthy(err:find('in-place', 1, true))
      end)
   end)

   describe('a small case by hand', function()
      it('replaces the elements at or below the threshold by the value', function()
         local m = nn.Threshold(0.5, -3):double()
         local x = torch.DoubleTensor({ { -1, 0.5 }, { 0.6, 2 } })
         assert.are.same({ { -3, -3 }, { 0.6, 2 } }, m:forward(x):totable())
         local g = torch.DoubleTensor({ { 1, 2 }, { 3, 4 } })
         assert.are.same({ { 0, 0 }, { 3, 4 } }, m:backward(x, g):totable())
         assert.are.same({ { -1, 0.5 }, { 0.6, 2 } }, x:totable())   -- input untouched
      end)

      it('in place, overwrites the input and gradOutput and returns views of them', function()
         local m = nn.Threshold(0, -1, false)
         m.inplace = true
         m.val = 0
         local x = torch.Tensor({ -2, 3 })
         local y = m:forward(x)
         assert.are.same({ 0, 3 }, x:totable())
         assert.is_true(y:isSetTo(x))
         local g = torch.Tensor({ 5, 6 })
         local gi = m:backward(x, g)
         assert.are.same({ 0, 6 }, g:totable())
         assert.is_true(gi:isSetTo(g))
      end)
   end)

   describe('gradients against finite differences', function()
      for _, sizes in ipairs({ { 7 }, { 4, 6 }, { 2, 3, 4, 5 } }) do
         it('for a ' .. table.concat(sizes, 'x') .. ' input', function()
            local err = checks.jacobian(nn.Threshold(0.3, -0.7), torch.DoubleTensor(unpack(sizes)))
            assert.is_true(err < checks.PRECISION, 'error ' .. err)
         end)
      end

      it('in place gives the same results, alone and inside a network', function()
         local make = function(ip) return nn.Threshold(0.1, 0.1, ip) end
         local err = checks.in_place_matches(make, torch.DoubleTensor(5, 4):uniform(-1, 1))
         assert.is_true(err < 1e-12, 'error ' .. err)
      end)
   end)

   describe('types and state', function()
      it('gives the same results in float and double', function()
         local err = checks.float_matches_double(nn.Threshold(0.2, 5), torch.DoubleTensor(6, 5):uniform(-1, 1))
         assert.is_true(err < 1e-6, 'error ' .. err)
      end)

      it('survives a copy and clearState', function()
         assert.are.equal(0, checks.io(nn.Threshold(0.2, 5):double(), torch.DoubleTensor(4, 3):uniform(-1, 1)))
         assert.are.equal('ok', checks.clear_state(nn.Threshold(0.2, 5), torch.Tensor(4, 3):uniform(-1, 1)))
      end)
   end)

   describe('bad input', function()
      it('names the module and the types for an input of another type', function()
         local m = nn.Threshold():float()
         local err = checks.error_of(m.forward, m, torch.DoubleTensor(3))
         assert.is_truthy(err:find('nn.Threshold', 1, true))
         assert.is_truthy(err:find('torch.DoubleTensor', 1, true))
      end)

      it('names the module and the sizes for a gradOutput of the wrong size', function()
         local m = nn.Threshold()
         m:forward(torch.Tensor(3, 4):uniform())
         local err = checks.error_of(m.backward, m, torch.Tensor(3, 4), torch.Tensor(3, 5))
         assert.is_truthy(err:find('nn.Threshold', 1, true))
         assert.is_truthy(err:find('3x5', 1, true))
         assert.is_truthy(err:find('3x4', 1, true))
      end)

      it('refuses what is not a tensor', function()
         local m = nn.Threshold()
         local err = checks.error_of(m.forward, m, { 1, 2 })
         assert.is_truthy(err:find('nn.Threshold: input must be a tensor', 1, true))
      end)
   end)
end)
