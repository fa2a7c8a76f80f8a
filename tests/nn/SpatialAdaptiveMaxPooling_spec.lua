-- nn.SpatialAdaptiveMaxPooling: max pooling to a fixed output size.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialAdaptiveMaxPooling', function()
   it('has the fields W and H and prints its name', function()
      local m = nn.SpatialAdaptiveMaxPooling(3, 2)
      assert.are.same({ 3, 2 }, { m.W, m.H })
      assert.are.equal('nn.SpatialAdaptiveMaxPooling', tostring(m))
   end)

   it('pools to W x H whatever the input size', function()
      local m = nn.SpatialAdaptiveMaxPooling(3, 2)
      assert.are.same({ 4, 2, 3 }, m:forward(torch.Tensor(4, 7, 11)):size():totable())
      assert.are.same({ 2, 4, 2, 3 }, m:forward(torch.Tensor(2, 4, 5, 3)):size():totable())
   end)

   it('uses windows floor(i*in/out) .. ceil((i+1)*in/out) (a small case by hand)', function()
      local m = nn.SpatialAdaptiveMaxPooling(2, 1):double()
      -- columns 0..2 and 1..2 (0-based) of a 1x3 plane: windows {1, 3, 2} and {3, 2}
      local y = m:forward(torch.DoubleTensor({ { { 1, 3, 2 } } }))
      assert.are.same({ { { 3, 3 } } }, y:totable())
      assert.are.same({ { { 2, 2 } } }, m.indices:totable())
   end)

   it('has gradients that match finite differences', function()
      H.gradients(function() return nn.SpatialAdaptiveMaxPooling(3, 2) end, { 2, 7, 5 })
      H.gradients(function() return nn.SpatialAdaptiveMaxPooling(2, 3) end, { 2, 2, 5, 7 })
   end)

   it('gives the same results in float and double, and clears its state', function()
      H.types(function() return nn.SpatialAdaptiveMaxPooling(4, 3) end, { 2, 3, 9, 10 })
      H.clear_state(function() return nn.SpatialAdaptiveMaxPooling(2, 2) end, { 2, 5, 5 })
   end)

   it('names the module and the sizes for bad input', function()
      H.fails(function() nn.SpatialAdaptiveMaxPooling(2, 2):forward(torch.Tensor(5, 5)) end,
         'nn.SpatialAdaptiveMaxPooling', 'got 5x5')
   end)
end)
