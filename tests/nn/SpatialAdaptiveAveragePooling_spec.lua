-- nn.SpatialAdaptiveAveragePooling: average pooling to a fixed output size.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialAdaptiveAveragePooling', function()
   it('has the fields W and H', function()
      local m = nn.SpatialAdaptiveAveragePooling(3, 2)
      assert.are.same({ 3, 2 }, { m.W, m.H })
   end)

   it('pools to W x H whatever the input size', function()
      local m = nn.SpatialAdaptiveAveragePooling(1, 1)
      local x = torch.DoubleTensor(2, 3, 5, 7):uniform()
      local y = m:double():forward(x)
      assert.are.same({ 2, 3, 1, 1 }, y:size():totable())
      assert.is_true(math.abs(y[2][3][1][1] - x[2][3]:mean()) < 1e-12)
   end)

   it('averages windows floor(i*in/out) .. ceil((i+1)*in/out) (a small case by hand)', function()
      local m = nn.SpatialAdaptiveAveragePooling(2, 1):double()
      local y = m:forward(torch.DoubleTensor({ { { 1, 3, 2 } } }))
      assert.are.same({ { { 2, 2.5 } } }, y:totable())
   end)

   it('has gradients that match finite differences', function()
      H.gradients(function() return nn.SpatialAdaptiveAveragePooling(3, 2) end, { 2, 7, 5 })
      H.gradients(function() return nn.SpatialAdaptiveAveragePooling(2, 3) end, { 2, 2, 5, 7 })
   end)

   it('gives the same results in float and double, and clears its state', function()
      H.types(function() return nn.SpatialAdaptiveAveragePooling(4, 3) end, { 2, 3, 9, 10 })
      H.clear_state(function() return nn.SpatialAdaptiveAveragePooling(2, 2) end, { 2, 5, 5 })
   end)

   it('names the module and the sizes for bad input', function()
      H.fails(function() nn.SpatialAdaptiveAveragePooling(2, 2):forward(torch.Tensor(1, 2, 5, 5, 5)) end,
         'nn.SpatialAdaptiveAveragePooling', 'got 1x2x5x5x5')
   end)
end)
