-- nn.SpatialReflectionPadding: pads every plane by (left, right, top, bottom).

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialReflectionPadding', function()
   local x = torch.DoubleTensor({ { { 1, 2 }, { 3, 4 } } })

   it('has Torch7 fields, defaults and printed form', function()
      local m = nn.SpatialReflectionPadding(1)
      assert.are.same({ 1, 1, 1, 1 }, { m.pad_l, m.pad_r, m.pad_t, m.pad_b })
      assert.are.equal('nn.SpatialReflectionPadding(l=1, r=2, t=3, b=0)',
         tostring(nn.SpatialReflectionPadding(1, 2, 3, 0)))
   end)

   it('pads (small cases by hand)', function()
      assert.are.same({ { { 4, 3, 4, 3 }, { 2, 1, 2, 1 }, { 4, 3, 4, 3 } } },
         nn.SpatialReflectionPadding(1, 1, 1, 0):double():forward(x):totable())
   end)

   it('sends gradOutput back to the pixels it was read from', function()
      local m = nn.SpatialReflectionPadding(1, 0, 0, 0):double()
      m:forward(x)
      -- output row a b a: the reflected pixel gets its own and its mirror's gradient
      assert.are.same({ { { 2, 4 }, { 5, 10 } } },
         m:backward(x, torch.DoubleTensor({ { { 1, 2, 3 }, { 4, 5, 6 } } })):totable())
   end)

   it('takes batches', function()
      assert.are.same({ 2, 3, 5, 7 },
         nn.SpatialReflectionPadding(1, 1, 2, 0):forward(torch.Tensor(2, 3, 3, 5)):size():totable())
   end)

   it('has gradients that match finite differences', function()
      H.gradients(function() return nn.SpatialReflectionPadding(2, 1, 1, 2) end, { 2, 4, 5 })
      H.gradients(function() return nn.SpatialReflectionPadding(2, 1, 1, 2) end, { 2, 2, 4, 5 })
   end)

   it('gives the same results in float and double, and clears its state', function()
      H.types(function() return nn.SpatialReflectionPadding(2, 1, 1, 2) end, { 2, 3, 4, 5 })
      H.clear_state(function() return nn.SpatialReflectionPadding(1) end, { 2, 3, 3 })
   end)

   it('names the module and the sizes for bad input', function()
      H.fails(function() nn.SpatialReflectionPadding(1):forward(torch.Tensor(3, 3)) end, 'nn.SpatialReflectionPadding',
         'got 3x3')
      H.fails(function() nn.SpatialReflectionPadding(-3, 0, 0, 0):forward(torch.Tensor(1, 2, 2)) end,
         'nn.SpatialReflectionPadding')
   end)
end)
