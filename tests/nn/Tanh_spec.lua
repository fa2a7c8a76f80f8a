-- nn.Tanh: y = tanh(x).

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Tanh', function()
   it('computes tanh and gradOutput (1 - y^2), and prints as Torch7', function()
      local m = nn.Tanh():double()
      local x = torch.DoubleTensor({ -1, 0, 0.5 })
      local y = m:forward(x)
      for i = 1, 3 do
         assert.is_true(math.abs(y[i] - math.tanh(x[i])) < 1e-15)
      end
      local g = m:backward(x, torch.DoubleTensor({ 1, 2, 3 }))
      assert.is_true(math.abs(g[3] - 3 * (1 - math.tanh(0.5) ^ 2)) < 1e-15)
      assert.are.equal('nn.Tanh', tostring(m))
   end)

   it('is within a few float ulp of the double result over a wide range', function()
      local x = torch.DoubleTensor(100000):uniform(-12, 12)
      local exact = nn.Tanh():double():forward(x)
      local approx = nn.Tanh():float():forward(x:float()):double()
      assert.is_true((approx - exact):abs():max() < 3e-7)
      assert.are.same({ 1, -1 }, nn.Tanh():float():forward(torch.FloatTensor({ 100, -100 })):totable())
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 }, { 2, 3, 4, 2 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.Tanh(), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Tanh(), torch.DoubleTensor(30, 40):uniform(-3, 3)) < 1e-6)
      assert.are.equal(0, checks.io(nn.Tanh():double(), torch.DoubleTensor(3, 2):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.Tanh(), torch.Tensor(3, 2):uniform(-1, 1)))
   end)

   it('names the module, the types and the sizes for bad input', function()
      local m = nn.Tanh():float()
      local err = checks.error_of(m.forward, m, torch.DoubleTensor(2))
      assert.is_truthy(err:find('nn.Tanh', 1, true) and err:find('torch.DoubleTensor', 1, true))
      m:forward(torch.FloatTensor(2, 3))
      err = checks.error_of(m.backward, m, torch.FloatTensor(2, 3), torch.FloatTensor(4))
      assert.is_truthy(err:find('nn.Tanh', 1, true) and err:find('2x3', 1, true))
   end)
end)
