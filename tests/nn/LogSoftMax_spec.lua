-- nn.LogSoftMax: x_i - max - log(sum_j exp(x_j - max)), over the same dimension as nn.SoftMax.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.LogSoftMax', function()
   it('is the log of the softmax, by hand', function()
      local y = nn.LogSoftMax():double():forward(torch.DoubleTensor({ 0, 0, 0, 0 }))
      for i = 1, 4 do assert.is_true(math.abs(y[i] - math.log(0.25)) < 1e-15) end
      local x = torch.DoubleTensor(3, 7):uniform(-4, 4)
      local expected = nn.SoftMax():double():forward(x):clone():log()
      assert.is_true(checks.max_diff(nn.LogSoftMax():double():forward(x), expected) < 1e-14)
      assert.are.equal('nn.LogSoftMax', tostring(nn.LogSoftMax()))
   end)

   it('is finite for inputs far apart (no log of 0)', function()
      local y = nn.LogSoftMax():float():forward(torch.FloatTensor({ 0, -1000 }))
      assert.are.same({ 0, -1000 }, y:totable())
   end)

   it('computes gradOutput - exp(y) sum(gradOutput)', function()
      local m = nn.LogSoftMax():double()
      local x = torch.DoubleTensor({ 1, 2 })
      local y = m:forward(x):clone()
      local g = m:backward(x, torch.DoubleTensor({ 1, 0 }))
      assert.is_true(math.abs(g[1] - (1 - math.exp(y[1]))) < 1e-15)
      assert.is_true(math.abs(g[2] - (0 - math.exp(y[2]))) < 1e-15)
   end)

   for _, sizes in ipairs({ { 6 }, { 4, 5 }, { 3, 2, 2 }, { 2, 3, 2, 2 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.LogSoftMax(), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.LogSoftMax(), torch.DoubleTensor(64, 300):uniform(-5, 5)) < 1e-5)
      local images = torch.DoubleTensor(2, 7, 20, 20):uniform(-5, 5)
      assert.is_true(checks.float_matches_double(nn.LogSoftMax(), images) < 1e-5)
      assert.are.equal(0, checks.io(nn.LogSoftMax():double(), torch.DoubleTensor(3, 4):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.LogSoftMax(), torch.Tensor(3, 4):uniform(-1, 1)))
   end)

   it('names the module for bad input', function()
      local m = nn.LogSoftMax():float()
      local err = checks.error_of(m.forward, m, torch.DoubleTensor(3))
      assert.is_truthy(err:find('nn.LogSoftMax', 1, true) and err:find('torch.DoubleTensor', 1, true))
   end)
end)
