-- nn.SpatialFullConvolution: the transpose of a convolution (deconvolution).

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialFullConvolution', function()
   describe('construction', function()
      it('has a nInputPlane x nOutputPlane x kH x kW weight', function()
         local m = nn.SpatialFullConvolution(3, 5, 4, 2, 2, 1, 1, 0, 1, 0)
         assert.are.same({ 3, 5, 2, 4 }, m.weight:size():totable())
         assert.are.same({ 5 }, m.bias:size():totable())
         assert.are.same({ 2, 1, 1, 0, 1, 0 }, { m.dW, m.dH, m.padW, m.padH, m.adjW, m.adjH })
      end)

      it('refuses adj that is not below the stride', function()
         H.fails(function() nn.SpatialFullConvolution(1, 1, 3, 3, 2, 2, 0, 0, 2, 0) end, 'nn.SpatialFullConvolution',
            'adjW')
      end)

      it('prints as Torch7 does', function()
         assert.are.equal('nn.SpatialFullConvolution(3 -> 16, 4x4, 2,2, 1,1, 1,1)',
            tostring(nn.SpatialFullConvolution(3, 16, 4, 4, 2, 2, 1, 1, 1, 1)))
         assert.are.equal('nn.SpatialFullConvolution(1 -> 2, 3x3)', tostring(nn.SpatialFullConvolution(1, 2, 3, 3)))
         assert.are.equal('nn.SpatialFullConvolution(1 -> 2, 3x3) without bias',
            tostring(nn.SpatialFullConvolution(1, 2, 3, 3):noBias()))
      end)
   end)

   describe('computing', function()
      it('sizes its output as (in - 1) stride - 2 pad + k + adj', function()
         local m = nn.SpatialFullConvolution(2, 3, 3, 4, 2, 3, 1, 1, 1, 2)
         -- W: (5 - 1) * 2 - 2 + 3 + 1 = 10; H: (4 - 1) * 3 - 2 + 4 + 2 = 13
         assert.are.same({ 3, 13, 10 }, m:forward(torch.Tensor(2, 4, 5)):size():totable())
      end)

      it('spreads each input pixel over a kernel-sized block (a small case by hand)', function()
         local m = nn.SpatialFullConvolution(1, 1, 2, 2, 2, 2):double()
         m.weight:copy(torch.DoubleTensor({ { { { 1, 2 }, { 3, 4 } } } }))
         m.bias:fill(1)
         local y = m:forward(torch.DoubleTensor({ { { 1, 10 } } }))
         assert.are.same({ { { 2, 3, 11, 21 }, { 4, 5, 31, 41 } } }, y:totable())
      end)

      it('is the input gradient of the SpatialConvolution with the same weight', function()
         local full = nn.SpatialFullConvolution(3, 2, 3, 3, 2, 2, 1, 1, 1, 1):double():noBias()
         local conv = nn.SpatialConvolution(2, 3, 3, 3, 2, 2, 1, 1):double()
         conv.weight:copy(full.weight)
         local x = torch.DoubleTensor(2, 3, 4, 5):uniform(-1, 1)
         local y = full:forward(x)
         conv:forward(y)
         assert.is_true(H.max_diff(conv:updateGradInput(y, x), y) < 1e-12)
      end)

      it('takes {input, sizeTensor} and matches the size given', function()
         local m = nn.SpatialFullConvolution(1, 2, 3, 3, 2, 2, 1, 1):double()
         local x = torch.DoubleTensor(3, 1, 4, 4):uniform()
         local y = m:forward({ x, torch.DoubleTensor(3, 2, 8, 8) })
         assert.are.same({ 3, 2, 8, 8 }, y:size():totable())
         local gi = m:backward({ x, torch.DoubleTensor(3, 2, 8, 8) }, y:clone():uniform())
         assert.are.same({ 3, 1, 4, 4 }, gi[1]:size():totable())
         assert.are.same({ 3, 2, 8, 8 }, gi[2]:size():totable())
         assert.are.equal(0, gi[2]:abs():max())
      end)
   end)

   describe('gradients against finite differences', function()
      it('for one image', function()
         H.gradients(function() return nn.SpatialFullConvolution(2, 3, 3, 3, 2, 1, 1, 0, 1, 0) end, { 2, 3, 4 }, true)
      end)
      it('for a batch', function()
         H.gradients(function() return nn.SpatialFullConvolution(2, 2, 2, 3, 1, 2, 0, 1, 0, 1) end, { 3, 2, 4, 3 },
            true)
      end)
      it('without bias', function()
         H.gradients(function() return nn.SpatialFullConvolution(2, 2, 3, 3):noBias() end, { 2, 2, 3, 3 }, true)
      end)
   end)

   describe('the protocol', function()
      it('gives the same results in float and double', function()
         H.types(function() return nn.SpatialFullConvolution(3, 4, 5, 5, 2, 2, 2, 2, 1, 1) end, { 2, 3, 6, 6 })
      end)
      it('clears its state', function()
         H.clear_state(function() return nn.SpatialFullConvolution(2, 3, 3, 3) end, { 2, 2, 4, 4 })
      end)
   end)

   describe('bad input', function()
      it('names the module and the sizes', function()
         H.fails(function() nn.SpatialFullConvolution(3, 4, 3, 3):forward(torch.Tensor(2, 5, 5)) end,
            'nn.SpatialFullConvolution', '2x5x5', '2 planes instead of 3')
      end)
   end)
end)
