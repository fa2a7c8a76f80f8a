-- nn.SpatialZeroPadding: pads every plane by (left, right, top, bottom).

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialZeroPadding', function()
   local x = torch.DoubleTensor({ { { 1, 2 }, { 3, 4 } } })

   it('has Torch7 fields, defaults and printed form', function()
      local m = nn.SpatialZeroPadding(1)
      assert.are.same({ 1, 1, 1, 1 }, { m.pad_l, m.pad_r, m.pad_t, m.pad_b })
      assert.are.equal('nn.SpatialZeroPadding(l=1, r=2, t=3, b=0)', tostring(nn.SpatialZeroPadding(1, 2, 3, 0)))
   end)

   it('pads (small cases by hand)', function()
      assert.are.same({ { { 0, 0, 0, 0 }, { 0, 1, 2, 0 }, { 0, 3, 4, 0 } } },
         nn.SpatialZeroPadding(1, 1, 1, 0):double():forward(x):totable())
      -- negative paddings crop
      assert.are.same({ { { 2 }, { 4 } } }, nn.SpatialZeroPadding(-1, 0, 0, 0):double():forward(x):totable())
   end)

   it('sends gradOutput back to the pixels it was read from', function()
      local m = nn.SpatialZeroPadding(1, 0, 0, 1):double()
      m:forward(x)
      assert.are.same({ { { 2, 3 }, { 5, 6 } } },
         m:backward(x, torch.DoubleTensor({ { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } } })):totable())
   end)

   it('takes batches', function()
      assert.are.same({ 2, 3, 5, 7 },
         nn.SpatialZeroPadding(1, 1, 2, 0):forward(torch.Tensor(2, 3, 3, 5)):size():totable())
   end)

   it('has gradients that match finite differences', function()
      H.gradients(function() return nn.SpatialZeroPadding(1, -1, 2, 0) end, { 2, 4, 5 })
      H.gradients(function() return nn.SpatialZeroPadding(1, -1, 2, 0) end, { 2, 2, 4, 5 })
   end)

   it('gives the same results in float and double, and clears its state', function()
      H.types(function() return nn.SpatialZeroPadding(1, -1, 2, 0) end, { 2, 3, 4, 5 })
      H.clear_state(function() return nn.SpatialZeroPadding(1) end, { 2, 3, 3 })
   end)

   it('names the module and the sizes for bad input', function()
      H.fails(function() nn.SpatialZeroPadding(1):forward(torch.Tensor(3, 3)) end, 'nn.SpatialZeroPadding',
         'got 3x3')
      H.fails(function() nn.SpatialZeroPadding(-3, 0, 0, 0):forward(torch.Tensor(1, 2, 2)) end,
         'nn.SpatialZeroPadding')
   end)
end)
