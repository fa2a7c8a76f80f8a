-- nn.SpatialUpSamplingNearest: each pixel repeated in a scale x scale block.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialUpSamplingNearest', function()
   it('keeps its scale in scale_factor and prints it', function()
      local m = nn.SpatialUpSamplingNearest(3)
      assert.are.equal(3, m.scale_factor)
      assert.are.equal('nn.SpatialUpSamplingNearest(3)', tostring(m))
      H.fails(function() nn.SpatialUpSamplingNearest(1.5) end, 'nn.SpatialUpSamplingNearest', 'integer')
      H.fails(function() nn.SpatialUpSamplingNearest(0) end, 'nn.SpatialUpSamplingNearest')
   end)

   it('repeats each pixel, and sums the blocks of gradOutput (a small case by hand)', function()
      local m = nn.SpatialUpSamplingNearest(2):double()
      local x = torch.DoubleTensor({ { { 1, 2 } } })
      assert.are.same({ { { 1, 1, 2, 2 }, { 1, 1, 2, 2 } } }, m:forward(x):totable())
      local gi = m:backward(x, torch.DoubleTensor({ { { 1, 2, 3, 4 }, { 5, 6, 7, 8 } } }))
      assert.are.same({ { { 14, 22 } } }, gi:totable())
   end)

   it('takes batches', function()
      assert.are.same({ 2, 3, 12, 15 },
         nn.SpatialUpSamplingNearest(3):forward(torch.Tensor(2, 3, 4, 5)):size():totable())
   end)

   it('has gradients that match finite differences', function()
      H.gradients(function() return nn.SpatialUpSamplingNearest(2) end, { 2, 3, 4 })
      H.gradients(function() return nn.SpatialUpSamplingNearest(3) end, { 2, 2, 3, 2 })
   end)

   it('gives the same results in float and double, and clears its state', function()
      H.types(function() return nn.SpatialUpSamplingNearest(2) end, { 2, 3, 4, 5 })
      H.clear_state(function() return nn.SpatialUpSamplingNearest(2) end, { 2, 3, 3 })
   end)

   it('names the module and the sizes for bad input', function()
      H.fails(function() nn.SpatialUpSamplingNearest(2):forward(torch.Tensor(3, 3)) end,
         'nn.SpatialUpSamplingNearest', 'got 3x3')
      local m = nn.SpatialUpSamplingNearest(2)
      m:forward(torch.Tensor(1, 2, 2))
      H.fails(function() m:backward(torch.Tensor(1, 2, 2), torch.Tensor(1, 3, 3)) end, 'nn.SpatialUpSamplingNearest',
         'gradOutput')
   end)
end)
