-- nn.SpatialUpSamplingBilinear: bilinear upsampling with the corners aligned.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialUpSamplingBilinear', function()
   it('takes a scale or {oheight, owidth} and prints them', function()
      assert.are.equal('nn.SpatialUpSamplingBilinear(2)', tostring(nn.SpatialUpSamplingBilinear(2)))
      assert.are.equal('nn.SpatialUpSamplingBilinear(5, 7)',
         tostring(nn.SpatialUpSamplingBilinear({ oheight = 5, owidth = 7 })))
      H.fails(function() nn.SpatialUpSamplingBilinear(1.5) end, 'nn.SpatialUpSamplingBilinear', 'integer')
   end)

   it('sizes its output (in - 1)(scale - 1) + in, or as asked', function()
      assert.are.same({ 2, 7, 9 }, nn.SpatialUpSamplingBilinear(2):forward(torch.Tensor(2, 4, 5)):size():totable())
      assert.are.same({ 3, 2, 6, 3 },
         nn.SpatialUpSamplingBilinear({ oheight = 6, owidth = 3 }):forward(torch.Tensor(3, 2, 4, 5)):size():totable())
   end)

   it('interpolates between the pixels (a small case by hand)', function()
      local m = nn.SpatialUpSamplingBilinear(2):double()
      local x = torch.DoubleTensor({ { { 0, 4 }, { 8, 12 } } })
      assert.are.same({ { { 0, 2, 4 }, { 4, 6, 8 }, { 8, 10, 12 } } }, m:forward(x):totable())
      -- each output's weight goes back to the pixels it mixed
      local gi = m:backward(x, torch.DoubleTensor({ { { 0, 0, 0 }, { 0, 1, 0 }, { 0, 0, 0 } } }))
      assert.are.same({ { { 0.25, 0.25 }, { 0.25, 0.25 } } }, gi:totable())
   end)

   it('has gradients that match finite differences', function()
      H.gradients(function() return nn.SpatialUpSamplingBilinear(3) end, { 2, 3, 4 })
      H.gradients(function() return nn.SpatialUpSamplingBilinear({ oheight = 5, owidth = 4 }) end, { 2, 2, 3, 7 })
   end)

   it('gives the same results in float and double, and clears its state', function()
      H.types(function() return nn.SpatialUpSamplingBilinear(2) end, { 2, 3, 4, 5 })
      H.clear_state(function() return nn.SpatialUpSamplingBilinear(2) end, { 2, 3, 3 })
   end)

   it('names the module and the sizes for bad input', function()
      H.fails(function() nn.SpatialUpSamplingBilinear(2):forward(torch.Tensor(3)) end, 'nn.SpatialUpSamplingBilinear',
         'got 3 ')
      local m = nn.SpatialUpSamplingBilinear(2)
      m:forward(torch.Tensor(1, 2, 2))
      H.fails(function() m:backward(torch.Tensor(1, 2, 2), torch.Tensor(1, 4, 4)) end, 'nn.SpatialUpSamplingBilinear',
         'gradOutput', '1x4x4')
   end)
end)
