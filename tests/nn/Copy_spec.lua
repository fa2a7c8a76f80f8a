-- nn.Copy: converts the input to another tensor type (and the gradient back).

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Copy', function()
   it('converts between the two types, both ways', function()
      local m = nn.Copy('torch.FloatTensor', 'torch.DoubleTensor')
      local x = torch.FloatTensor({ 1.5, 2 })
      local y = m:forward(x)
      assert.are.equal('torch.DoubleTensor', y:type())
      assert.are.same({ 1.5, 2 }, y:totable())
      local gi = m:backward(x, torch.DoubleTensor({ 3, 4 }))
      assert.are.equal('torch.FloatTensor', gi:type())
      assert.are.same({ 3, 4 }, gi:totable())
      assert.are.equal('nn.Copy', tostring(m))
   end)

   it('passes the input through for one type, unless forceCopy', function()
      local x = torch.DoubleTensor(3):uniform()
      local y = nn.Copy('torch.DoubleTensor', 'torch.DoubleTensor'):forward(x)
      assert.is_true(y:isSetTo(x))
      local z = nn.Copy('torch.DoubleTensor', 'torch.DoubleTensor', true):forward(x)
      assert.is_false(z:isSetTo(x))
      assert.are.equal(0, checks.max_diff(z, x))
   end)

   it('keeps its types through :type() with dontCast', function()
      local m = nn.Copy('torch.FloatTensor', 'torch.DoubleTensor', false, true)
      m:float()
      assert.are.equal('torch.DoubleTensor', m.output:type())
   end)

   it('has a gradient that matches finite differences', function()
      local err = checks.jacobian(nn.Copy('torch.DoubleTensor', 'torch.DoubleTensor', true), torch.DoubleTensor(3, 4))
      assert.is_true(err < checks.PRECISION, 'error ' .. err)
   end)

   it('survives a copy and clearState', function()
      local m = nn.Copy('torch.DoubleTensor', 'torch.FloatTensor')
      assert.are.equal(0, checks.io(m, torch.DoubleTensor(3):uniform()))
      local x = torch.DoubleTensor(3):uniform()
      assert.are.equal('ok', checks.clear_state(nn.Copy('torch.DoubleTensor', 'torch.DoubleTensor'), x))
      assert.are.equal(3, x:nElement())                  -- the passed-through input is left alone
   end)

   it('names the module for bad types and input', function()
      assert.is_truthy(checks.error_of(nn.Copy, 'torch.NoTensor'):find('nn.Copy', 1, true))
      local m = nn.Copy()
      assert.is_truthy(checks.error_of(m.forward, m, 5):find('nn.Copy', 1, true))
   end)
end)
