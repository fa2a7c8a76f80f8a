-- nn.SpatialDropout: whole feature maps dropped while training.

require 'nn'

local J = nn.Jacobian
local PRECISION = 1e-6

local function max_diff(a, b)
   return (a:double() - b:double()):abs():max()
end

describe('nn.SpatialDropout', function()
   it('prints as Torch7 and refuses a p outside [0, 1)', function()
      assert.are.equal('nn.SpatialDropout(0.500000)', tostring(nn.SpatialDropout()))
      assert.has_error(function() nn.SpatialDropout(1) end)
   end)

   it('drops whole maps of a batch, each map all kept or all zero, unscaled', function()
      torch.manualSeed(5)
      local m = nn.SpatialDropout(0.5)
      local y = m:forward(torch.Tensor(8, 16, 3, 3):fill(2))
      assert.are.same({ 8, 16, 1, 1 }, m.noise:size():totable())
      local kept = 0
      for n = 1, 8 do
         for c = 1, 16 do
            local map = y[n][c]
            assert.is_true(map:max() == map:min())
            assert.is_true(map:max() == 0 or map:max() == 2)
            if map:max() == 2 then
               kept = kept + 1
            end
         end
      end
      assert.is_true(kept > 32 and kept < 96, 'kept ' .. kept)
   end)

   it('takes a 3-d input (one sample) with one draw per map', function()
      local m = nn.SpatialDropout(0.5)
      m:forward(torch.Tensor(4, 5, 5):fill(1))
      assert.are.same({ 4, 1, 1 }, m.noise:size():totable())
   end)

   it('drops the gradient of the dropped maps', function()
      local m = nn.SpatialDropout(0.5):double()
      local x = torch.DoubleTensor(2, 6, 3, 4):uniform(1, 2)
      local y = m:forward(x)
      local go = torch.DoubleTensor(2, 6, 3, 4):uniform()
      local gi = m:backward(x, go)
      assert.is_true(max_diff(gi, torch.cmul(go, m.noise:expandAs(go))) < 1e-15)
      assert.is_true(max_diff(y, torch.cmul(x, m.noise:expandAs(x))) < 1e-15)
   end)

   it('scales by 1 - p in evaluation (checked by finite differences)', function()
      local m = nn.SpatialDropout(0.2):double()
      m:evaluate()
      local x = torch.DoubleTensor(2, 3, 2, 2):uniform()
      assert.is_true(max_diff(m:forward(x), x * 0.8) < 1e-15)
      local err = J.testJacobian(m, torch.DoubleTensor(2, 3, 2, 2))
      assert.is_true(err < PRECISION, 'error ' .. err)
      local ferr, berr = J.testIO(m, x)
      assert.are.equal(0, ferr)
      assert.are.equal(0, berr)
   end)

   it('is the identity with p = 0 while training', function()
      local m = nn.SpatialDropout(0):double()
      local err = J.testJacobian(m, torch.DoubleTensor(2, 3, 2, 2))
      assert.is_true(err < PRECISION, 'error ' .. err)
   end)

   it('keeps the input type and clears its mask', function()
      local m = nn.SpatialDropout():float()
      assert.are.equal('torch.FloatTensor', m:forward(torch.FloatTensor(2, 3, 2, 2):fill(1)):type())
      assert.are.equal(m, m:clearState())
      assert.are.equal(0, m.noise:nElement())
   end)

   it('names the module and the sizes for a bad input', function()
      local m = nn.SpatialDropout()
      local ok, err = pcall(m.forward, m, torch.Tensor(3, 4))
      assert.is_false(ok)
      assert.is_truthy(tostring(err):find('nn.SpatialDropout', 1, true))
      assert.is_truthy(tostring(err):find('3x4', 1, true))
   end)
end)
