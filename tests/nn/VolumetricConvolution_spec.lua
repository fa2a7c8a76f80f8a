-- nn.VolumetricConvolution: 3-d convolution over a sequence of images.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.VolumetricConvolution', function()
   describe('construction', function()
      it('has Torch7 fields and a 5-d weight', function()
         local m = nn.VolumetricConvolution(2, 4, 3, 5, 4, 1, 2, 1, 1)
         assert.are.same({ 3, 5, 4, 1, 2, 1 }, { m.kT, m.kW, m.kH, m.dT, m.dW, m.dH })
         assert.are.same({ 1, 1, 1 }, { m.padT, m.padW, m.padH })     -- padW, padH default to padT
         assert.are.same({ 4, 2, 3, 4, 5 }, m.weight:size():totable())
         assert.are.same({ 4 }, m.bias:size():totable())
      end)

      it('prints as Torch7 does', function()
         assert.are.equal('nn.VolumetricConvolution(2 -> 4, 3x5x4, 1,2,1, 1,1,1)',
            tostring(nn.VolumetricConvolution(2, 4, 3, 5, 4, 1, 2, 1, 1)))
         assert.are.equal('nn.VolumetricConvolution(1 -> 2, 3x3x3)', tostring(nn.VolumetricConvolution(1, 2, 3, 3, 3)))
      end)
   end)

   describe('computing', function()
      it('sizes its output floor((T + 2 padT - kT) / dT) + 1, and likewise', function()
         local m = nn.VolumetricConvolution(2, 3, 3, 2, 4, 2, 1, 1, 1, 0, 2)
         -- T: (5 + 2 - 3) / 2 + 1 = 3; H: (7 + 4 - 4) + 1 = 8; W: (5 - 2) + 1 = 4
         assert.are.same({ 3, 3, 8, 4 }, m:forward(torch.Tensor(2, 5, 7, 5)):size():totable())
         assert.are.same({ 2, 3, 3, 8, 4 }, m:forward(torch.Tensor(2, 2, 5, 7, 5)):size():totable())
      end)

      it('is SpatialConvolution when the time kernel is 1 and the input has one frame', function()
         local v = nn.VolumetricConvolution(2, 3, 1, 3, 2):double()
         local s = nn.SpatialConvolution(2, 3, 3, 2):double()
         s.weight:copy(v.weight:view(3, 2, 2, 3))
         s.bias:copy(v.bias)
         local x = torch.DoubleTensor(2, 2, 1, 5, 6):uniform()
         assert.is_true(H.max_diff(v:forward(x):view(2, 3, 4, 4), s:forward(x:view(2, 2, 5, 6))) < 1e-12)
      end)

      it('computes a small case by hand: a 2x1x1 kernel adds neighbouring frames', function()
         local m = nn.VolumetricConvolution(1, 1, 2, 1, 1):double()
         m.weight:fill(1)
         m.bias:zero()
         local y = m:forward(torch.DoubleTensor({ { { { 1 } }, { { 2 } }, { { 4 } } } }))
         assert.are.same({ { { { 3 } }, { { 6 } } } }, y:totable())
      end)
   end)

   describe('gradients against finite differences', function()
      it('for one volume', function()
         H.gradients(function() return nn.VolumetricConvolution(2, 2, 2, 3, 2, 1, 2, 1, 1, 0, 1) end, { 2, 4, 5, 4 },
            true)
      end)
      it('for a batch', function()
         H.gradients(function() return nn.VolumetricConvolution(1, 3, 2, 2, 2, 2, 1, 1) end, { 2, 1, 5, 4, 4 }, true)
      end)
   end)

   describe('the protocol', function()
      it('gives the same results in float and double, and clears its state', function()
         H.types(function() return nn.VolumetricConvolution(2, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1) end, { 2, 2, 4, 5, 5 })
         H.clear_state(function() return nn.VolumetricConvolution(1, 2, 2, 2, 2) end, { 1, 3, 3, 3 })
      end)
   end)

   describe('bad input', function()
      it('names the module and the sizes', function()
         H.fails(function() nn.VolumetricConvolution(2, 3, 2, 2, 2):forward(torch.Tensor(2, 5, 5)) end,
            'nn.VolumetricConvolution', '2 x T x H x W', 'got 2x5x5')
         H.fails(function() nn.VolumetricConvolution(2, 3, 4, 2, 2):forward(torch.Tensor(2, 3, 5, 5)) end,
            'nn.VolumetricConvolution', 'too small')
      end)
   end)
end)
