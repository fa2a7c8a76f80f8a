-- nn.Sigmoid: y = 1 / (1 + exp(-x)).

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Sigmoid', function()
   it('computes the logistic function and gradOutput (1 - y) y', function()
      local m = nn.Sigmoid():double()
      local x = torch.DoubleTensor({ -2, 0, 3 })
      local y = m:forward(x)
      assert.are.equal(0.5, y[2])
      assert.is_true(math.abs(y[3] - 1 / (1 + math.exp(-3))) < 1e-15)
      local g = m:backward(x, torch.DoubleTensor({ 1, 4, 1 }))
      assert.are.equal(1, g[2])
      assert.are.equal('nn.Sigmoid', tostring(m))
   end)

   it('saturates without nan in float', function()
      local y = nn.Sigmoid():float():forward(torch.FloatTensor({ -1000, 1000 }))
      assert.are.same({ 0, 1 }, y:totable())
      local x = torch.DoubleTensor(100000):uniform(-20, 20)
      local exact = nn.Sigmoid():double():forward(x)
      assert.is_true((nn.Sigmoid():float():forward(x:float()):double() - exact):abs():max() < 2e-7)
   end)

   for _, sizes in ipairs({ { 8 }, { 4, 5 }, { 2, 3, 4 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.Sigmoid(), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Sigmoid(), torch.DoubleTensor(30, 40):uniform(-5, 5)) < 1e-6)
      assert.are.equal(0, checks.io(nn.Sigmoid():double(), torch.DoubleTensor(3, 2):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.Sigmoid(), torch.Tensor(3, 2):uniform(-1, 1)))
   end)

   it('names the module for bad input', function()
      local m = nn.Sigmoid()
      m:forward(torch.Tensor(3))
      local err = checks.error_of(m.backward, m, torch.Tensor(3), torch.Tensor(2, 2))
      assert.is_truthy(err:find('nn.Sigmoid', 1, true) and err:find('2x2', 1, true))
   end)
end)
