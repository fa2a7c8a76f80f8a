-- nn.SpatialConvolutionMM: SpatialConvolution with its weight kept as a matrix.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialConvolutionMM', function()
   describe('construction', function()
      it('keeps the weight as nOutputPlane x (nInputPlane*kH*kW)', function()
         local m = nn.SpatialConvolutionMM(3, 8, 5, 4)
         assert.are.same({ 8, 60 }, m.weight:size():totable())
         assert.are.same({ 8, 60 }, m.gradWeight:size():totable())
         assert.are.same({ 8 }, m.bias:size():totable())
      end)

      it('defaults padH to padW, as Torch7', function()
         local m = nn.SpatialConvolutionMM(1, 2, 3, 3, 1, 1, 2)
         assert.are.same({ 2, 2 }, { m.padW, m.padH })
      end)

      it('prints as Torch7 does', function()
         assert.are.equal('nn.SpatialConvolutionMM(3 -> 16, 5x5, 2,2, 1,1)',
            tostring(nn.SpatialConvolutionMM(3, 16, 5, 5, 2, 2, 1, 1)))
         assert.are.equal('nn.SpatialConvolutionMM(1 -> 2, 3x3)', tostring(nn.SpatialConvolutionMM(1, 2, 3, 3)))
      end)
   end)

   describe('computing', function()
      it('gives what SpatialConvolution gives with the same weight viewed as 4-d', function()
         local mm = nn.SpatialConvolutionMM(3, 4, 3, 2, 2, 1, 1, 0):double()
         local sc = nn.SpatialConvolution(3, 4, 3, 2, 2, 1, 1, 0):double()
         sc.weight:copy(mm.weight:view(4, 3, 2, 3))
         sc.bias:copy(mm.bias)
         local x = torch.DoubleTensor(2, 3, 7, 8):uniform(-1, 1)
         assert.are.equal(0, H.max_diff(mm:forward(x), sc:forward(x)))
         local gy = mm.output:clone():uniform(-1, 1)
         mm:zeroGradParameters()
         sc:zeroGradParameters()
         assert.are.equal(0, H.max_diff(mm:backward(x, gy), sc:backward(x, gy)))
         assert.is_true(H.max_diff(mm.gradWeight:view(4, 3, 2, 3), sc.gradWeight) < 1e-12)
      end)

      it('computes a small case by hand', function()
         local m = nn.SpatialConvolutionMM(1, 1, 2, 1):double()
         m.weight:copy(torch.DoubleTensor({ { 1, -1 } }))
         m.bias:zero()
         assert.are.same({ { { -1, -1 }, { 1, -2 } } },
            m:forward(torch.DoubleTensor({ { { 1, 2, 3 }, { 4, 3, 5 } } })):totable())
      end)
   end)

   describe('gradients against finite differences', function()
      it('for one image', function()
         H.gradients(function() return nn.SpatialConvolutionMM(2, 3, 3, 2, 1, 2, 1) end, { 2, 6, 7 }, true)
      end)
      it('for a batch', function()
         H.gradients(function() return nn.SpatialConvolutionMM(2, 3, 3, 3, 2, 2, 1, 1) end, { 3, 2, 7, 6 }, true)
      end)
      it('without bias', function()
         H.gradients(function() return nn.SpatialConvolutionMM(2, 2, 3, 3):noBias() end, { 2, 2, 5, 5 }, true)
      end)
   end)

   describe('the protocol', function()
      it('gives the same results in float and double', function()
         H.types(function() return nn.SpatialConvolutionMM(2, 3, 3, 3, 1, 1, 1) end, { 3, 2, 6, 6 })
      end)
      it('clears its state', function()
         H.clear_state(function() return nn.SpatialConvolutionMM(2, 3, 3, 3) end, { 2, 5, 5 })
      end)
      it('reads an old padding field', function()
         local m = nn.SpatialConvolutionMM(1, 1, 3, 3):double()
         m.padW, m.padH, m.padding = nil, nil, 1
         assert.are.same({ 1, 4, 4 }, m:forward(torch.DoubleTensor(1, 4, 4)):size():totable())
      end)
   end)

   describe('bad input', function()
      it('names the module and the sizes', function()
         H.fails(function() nn.SpatialConvolutionMM(3, 4, 3, 3):forward(torch.Tensor(1, 3, 5, 5, 1)) end,
            'nn.SpatialConvolutionMM', '1x3x5x5x1')
         H.fails(function() nn.SpatialConvolutionMM(3, 4, 3, 3):forward(torch.Tensor(4, 5, 5)) end,
            'nn.SpatialConvolutionMM', '4 planes instead of 3')
      end)
   end)
end)
