-- nn.Contiguous: a contiguous version of the input and of gradOutput.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Contiguous', function()
   it('passes a contiguous input through as a view, and copies a strided one', function()
      local m = nn.Contiguous()
      local x = torch.Tensor(3, 4):uniform()
      assert.is_true(m:forward(x):isSetTo(x))
      local t = x:t()
      local y = m:forward(t)
      assert.is_true(y:isContiguous())
      assert.are.equal(0, checks.max_diff(y, t))
      local g = m:backward(t, torch.Tensor(3, 4):uniform():t())
      assert.is_true(g:isContiguous())
      assert.are.equal('nn.Contiguous', tostring(m))
   end)

   it('does not write over its input after passing it through', function()
      local m = nn.Contiguous()
      local x = torch.Tensor(4):fill(1)
      m:forward(x)                                     -- output views x
      local t = torch.Tensor(2, 2):fill(7):t()
      m:forward(t)
      assert.are.same({ 1, 1, 1, 1 }, x:totable())
   end)

   it('has a gradient that matches finite differences', function()
      assert.is_true(checks.jacobian(nn.Contiguous(), torch.DoubleTensor(3, 4)) < checks.PRECISION)
   end)

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Contiguous(), torch.DoubleTensor(4, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.Contiguous(), torch.DoubleTensor(4, 3):uniform()))
      local x = torch.Tensor(4, 3):uniform()
      assert.are.equal('ok', checks.clear_state(nn.Contiguous(), x))
      assert.are.equal(12, x:nElement())
   end)

   it('names the module for bad input', function()
      local m = nn.Contiguous()
      assert.is_truthy(checks.error_of(m.forward, m, 'x'):find('nn.Contiguous', 1, true))
   end)
end)
