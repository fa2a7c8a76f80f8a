-- nn.RReLU: the randomized leaky ReLU.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.RReLU', function()
   it('defaults to l = 1/8, u = 1/3 and prints as Torch7', function()
      local m = nn.RReLU()
      assert.are.same({ 1 / 8, 1 / 3, false, true }, { m.lower, m.upper, m.inplace, m.train })
      assert.are.equal('nn.RReLU (l:0.125000, u:0.333333)', tostring(m))
   end)

   it('refuses l > u', function()
      assert.is_truthy(checks.error_of(nn.RReLU, 0.5, 0.1):find('nn.RReLU', 1, true))
   end)

   describe('in evaluation', function()
      it('is a LeakyReLU with slope (l + u) / 2', function()
         local m = nn.RReLU(0.1, 0.3):double()
         m:evaluate()
         local x = torch.DoubleTensor({ -1, 2 })
         local y = m:forward(x)
         assert.is_true(math.abs(y[1] + 0.2) < 1e-15)
         assert.are.equal(2, y[2])
      end)

      for _, sizes in ipairs({ { 8 }, { 4, 5 } }) do
         it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
            local m = nn.RReLU(0.1, 0.4)
            m:evaluate()
            local err = checks.jacobian(m, torch.DoubleTensor(unpack(sizes)))
            assert.is_true(err < checks.PRECISION, 'error ' .. err)
         end)
      end
   end)

   describe('in training', function()
      it('draws slopes in [l, u] for the negative elements, 1 for the others', function()
         torch.manualSeed(3)
         local m = nn.RReLU(0.2, 0.4):double()
         local x = torch.DoubleTensor(1000):uniform(-1, 1)
         local y = m:forward(x)
         for i = 1, 1000 do
            if x[i] > 0 then
               assert.are.equal(1, m.noise[i])
            else
               assert.is_true(m.noise[i] >= 0.2 and m.noise[i] <= 0.4)
            end
         end
         assert.is_true(checks.max_diff(y, torch.cmul(x, m.noise)) == 0)
         assert.is_true(checks.max_diff(m:backward(x, torch.DoubleTensor(1000):fill(2)), m.noise * 2) == 0)
      end)

      it('is repeatable with a fixed seed', function()
         local m = nn.RReLU():double()
         local x = torch.DoubleTensor(50):uniform(-1, 1)
         torch.manualSeed(42)
         local first = m:forward(x):clone()
         torch.manualSeed(42)
         assert.are.equal(0, checks.max_diff(m:forward(x), first))
      end)

      it('has gradients that match finite differences with the noise of one pass held fixed', function()
         local m = nn.RReLU():double()
         local x = torch.DoubleTensor(4, 5):uniform(-2, 2)
         m:forward(x)
         local noise = m.noise:clone()
         -- the same slopes at every forward: a PReLU-like fixed function of x
         local fixed = nn.CMul(4, 5):double()
         fixed.weight:copy(noise)
         local gi = m:backward(x, torch.DoubleTensor(4, 5):fill(1))
         assert.are.equal(0, checks.max_diff(gi, noise))
         assert.is_true(checks.jacobian(fixed, x) < checks.PRECISION)
      end)

      it('in place gives the same results as out of place with the same seed', function()
         local x = torch.DoubleTensor(6, 5):uniform(-1, 1)
         local make = function(ip)
            torch.manualSeed(9)
            return nn.RReLU(0.1, 0.3, ip):double()
         end
         local a, b = make(false), make(true)
         torch.manualSeed(5)
         local y = a:forward(x:clone()):clone()
         local g = torch.DoubleTensor(6, 5):uniform(-1, 1)
         local gi = a:backward(x, g:clone()):clone()
         torch.manualSeed(5)
         local xb = x:clone()
         assert.are.equal(0, checks.max_diff(b:forward(xb), y))
         assert.are.equal(0, checks.max_diff(b:backward(xb, g:clone()), gi))
      end)
   end)

   it('gives the same results in float and double in evaluation, survives clearState', function()
      local m = nn.RReLU()
      m:evaluate()
      assert.is_true(checks.float_matches_double(m, torch.DoubleTensor(4, 5):uniform(-1, 1)) < 1e-6)
      local t = nn.RReLU()
      assert.is_true(t:clearState() == t)
      assert.are.equal(0, t.noise:nElement())
   end)
end)
