-- nn.SpatialDilatedConvolution: a convolution whose kernel taps are `dilation` pixels apart.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialDilatedConvolution', function()
   describe('construction', function()
      it('is a SpatialConvolution with dilationW and dilationH', function()
         local m = nn.SpatialDilatedConvolution(2, 3, 3, 3, 1, 1, 2, 2, 2, 3)
         assert.is_true(torch.isTypeOf(m, 'nn.SpatialConvolution'))
         assert.are.same({ 2, 3 }, { m.dilationW, m.dilationH })
         assert.are.same({ 3, 2, 3, 3 }, m.weight:size():totable())
         assert.are.same({ 1, 1 }, { nn.SpatialDilatedConvolution(1, 1, 3, 3).dilationW,
            nn.SpatialDilatedConvolution(1, 1, 3, 3).dilationH })
      end)

      it('prints as Torch7 does', function()
         assert.are.equal('nn.SpatialDilatedConvolution(3 -> 16, 3x3, 1,1, 2,2, 2,2)',
            tostring(nn.SpatialDilatedConvolution(3, 16, 3, 3, 1, 1, 2, 2, 2, 2)))
         assert.are.equal('nn.SpatialDilatedConvolution(1 -> 2, 3x3, 2,2)',
            tostring(nn.SpatialDilatedConvolution(1, 2, 3, 3, 1, 1, 0, 0, 2, 2)))
      end)
   end)

   describe('computing', function()
      it('sizes its output as floor((W + 2 pad - dilation (k - 1) - 1) / stride) + 1', function()
         local m = nn.SpatialDilatedConvolution(1, 1, 3, 3, 2, 1, 1, 0, 2, 3)
         -- W: (11 + 2 - 4 - 1) / 2 + 1 = 5; H: (10 + 0 - 6 - 1) / 1 + 1 = 4
         assert.are.same({ 1, 4, 5 }, m:forward(torch.Tensor(1, 10, 11)):size():totable())
      end)

      it('reads every dilation-th pixel (a small case by hand)', function()
         local m = nn.SpatialDilatedConvolution(1, 1, 2, 1, 1, 1, 0, 0, 2, 1):double()
         m.weight:copy(torch.DoubleTensor({ { { { 1, 10 } } } }))
         m.bias:zero()
         -- output[x] = in[x] + 10 * in[x + 2]
         local y = m:forward(torch.DoubleTensor({ { { 1, 2, 3, 4 } } }))
         assert.are.same({ { { 31, 42 } } }, y:totable())
      end)

      it('with dilation 1 is SpatialConvolution', function()
         local d = nn.SpatialDilatedConvolution(2, 3, 3, 3, 1, 2, 1, 1, 1, 1):double()
         local c = nn.SpatialConvolution(2, 3, 3, 3, 1, 2, 1, 1):double()
         c.weight:copy(d.weight)
         c.bias:copy(d.bias)
         local x = torch.DoubleTensor(2, 2, 6, 6):uniform()
         assert.are.equal(0, H.max_diff(d:forward(x), c:forward(x)))
      end)
   end)

   describe('gradients against finite differences', function()
      it('for one image', function()
         H.gradients(function() return nn.SpatialDilatedConvolution(2, 2, 3, 2, 1, 1, 1, 0, 2, 2) end, { 2, 7, 8 },
            true)
      end)
      it('for a batch with stride', function()
         H.gradients(function() return nn.SpatialDilatedConvolution(2, 3, 2, 3, 2, 1, 2, 1, 3, 2) end, { 2, 2, 8, 9 },
            true)
      end)
   end)

   describe('the protocol', function()
      it('gives the same results in float and double', function()
         H.types(function() return nn.SpatialDilatedConvolution(2, 3, 3, 3, 1, 1, 2, 2, 2, 2) end, { 2, 2, 9, 9 })
      end)
      it('clears its state', function()
         H.clear_state(function() return nn.SpatialDilatedConvolution(1, 2, 3, 3, 1, 1, 0, 0, 2, 2) end, { 1, 7, 7 })
      end)
   end)

   describe('bad input', function()
      it('says when the dilated kernel does not fit', function()
         local m = nn.SpatialDilatedConvolution(1, 1, 3, 3, 1, 1, 0, 0, 3, 3)
         H.fails(function() m:forward(torch.Tensor(1, 6, 6)) end, 'nn.SpatialDilatedConvolution', 'too small', '1x6x6')
      end)
   end)
end)
