-- nn.SpatialConvolution: 2-d convolution, one image or a batch, with stride and padding.

require 'nn'
local H = require 'tests.nn.conv_helpers'

-- A direct reference: out[n][o][y][x] = b[o] + sum w[o][i][ky][kx] * in[n][i][y*dH-padH+ky][x*dW-padW+kx].
local function reference(m, input)
   local batched = input:dim() == 4
   local x = batched and input or input:view(1, input:size(1), input:size(2), input:size(3))
   local N, C, H_, W = x:size(1), x:size(2), x:size(3), x:size(4)
   local w = m.weight:view(m.nOutputPlane, m.nInputPlane, m.kH, m.kW)
   local dilW, dilH = m.dilationW or 1, m.dilationH or 1
   local oH = math.floor((H_ + 2 * m.padH - dilH * (m.kH - 1) - 1) / m.dH) + 1
   local oW = math.floor((W + 2 * m.padW - dilW * (m.kW - 1) - 1) / m.dW) + 1
   local out = torch.DoubleTensor(N, m.nOutputPlane, oH, oW)
   for n = 1, N do
      for o = 1, m.nOutputPlane do
         for y = 1, oH do
            for xx = 1, oW do
               local s = m.bias and m.bias[o] or 0
               for i = 1, C do
                  for ky = 1, m.kH do
                     for kx = 1, m.kW do
                        local iy = (y - 1) * m.dH - m.padH + (ky - 1) * dilH + 1
                        local ix = (xx - 1) * m.dW - m.padW + (kx - 1) * dilW + 1
                        if iy >= 1 and iy <= H_ and ix >= 1 and ix <= W then
                           s = s + w[o][i][ky][kx] * x[n][i][iy][ix]
                        end
                     end
                  end
               end
               out[n][o][y][xx] = s
            end
         end
      end
   end
   return batched and out or out[1]
end

describe('nn.SpatialConvolution', function()
   describe('construction', function()
      it('has Torch7 fields and a 4-d weight', function()
         local m = nn.SpatialConvolution(3, 16, 5, 4, 2, 1, 1)
         assert.are.equal(3, m.nInputPlane)
         assert.are.equal(16, m.nOutputPlane)
         assert.are.same({ 5, 4, 2, 1, 1, 1 }, { m.kW, m.kH, m.dW, m.dH, m.padW, m.padH })
         assert.are.same({ 16, 3, 4, 5 }, m.weight:size():totable())
         assert.are.same({ 16, 3, 4, 5 }, m.gradWeight:size():totable())
         assert.are.same({ 16 }, m.bias:size():totable())
      end)

      it('defaults the stride to 1 and the padding to 0', function()
         local m = nn.SpatialConvolution(1, 2, 3, 3)
         assert.are.same({ 1, 1, 0, 0 }, { m.dW, m.dH, m.padW, m.padH })
      end)

      it('initialises uniformly within 1/sqrt(kW*kH*nInputPlane)', function()
         local m = nn.SpatialConvolution(4, 8, 3, 3)
         local bound = 1 / math.sqrt(36)
         assert.is_true(m.weight:abs():max() <= bound and m.weight:abs():max() > 0.8 * bound)
         assert.is_true(m.bias:abs():max() <= bound)
         m:reset(0.01)
         assert.is_true(m.weight:abs():max() <= 0.01 * math.sqrt(3))
      end)

      it('prints as Torch7 does', function()
         assert.are.equal('nn.SpatialConvolution(3 -> 16, 5x5, 2,2, 1,1)',
            tostring(nn.SpatialConvolution(3, 16, 5, 5, 2, 2, 1, 1)))
         assert.are.equal('nn.SpatialConvolution(1 -> 2, 3x3)', tostring(nn.SpatialConvolution(1, 2, 3, 3)))
         assert.are.equal('nn.SpatialConvolution(1 -> 2, 3x3, 2,1)', tostring(nn.SpatialConvolution(1, 2, 3, 3, 2, 1)))
         assert.are.equal('nn.SpatialConvolution(1 -> 2, 3x3, 1,1, 1,1) without bias',
            tostring(nn.SpatialConvolution(1, 2, 3, 3, 1, 1, 1, 1):noBias()))
      end)

      it('rejects sizes that are not positive integers', function()
         H.fails(function() nn.SpatialConvolution(0, 2, 3, 3) end, 'nn.SpatialConvolution', 'nInputPlane')
         H.fails(function() nn.SpatialConvolution(1, 2, 3, 3, 1, 1, -1) end, 'padW')
      end)
   end)

   describe('a small case by hand', function()
      local m = nn.SpatialConvolution(1, 1, 2, 2):double()
      m.weight:copy(torch.DoubleTensor({ { { { 1, 2 }, { 3, 4 } } } }))
      m.bias:fill(0.5)
      local x = torch.DoubleTensor({ { { 1, 0, 2 }, { 0, 1, 0 }, { 3, 0, 1 } } })

      it('computes the correlation plus bias', function()
         -- top-left window 1 0 / 0 1: 1*1 + 4*1 = 5; top-right 0 2 / 1 0: 2*2 + 3*1 = 7 ...
         assert.are.same({ { { 5.5, 7.5 }, { 11.5, 5.5 } } }, m:forward(x):totable())
      end)

      it('computes gradInput and the parameter gradients', function()
         m:zeroGradParameters()
         local gy = torch.DoubleTensor({ { { 1, 0 }, { 0, 0 } } })
         local gi = m:backward(x, gy)
         assert.are.same({ { { 1, 2, 0 }, { 3, 4, 0 }, { 0, 0, 0 } } }, gi:totable())
         assert.are.same({ { { { 1, 0 }, { 0, 1 } } } }, m.gradWeight:totable())
         assert.are.same({ 1 }, m.gradBias:totable())
      end)
   end)

   describe('against a direct computation', function()
      it('matches on random shapes, batched and not, float and double', function()
         torch.manualSeed(1)
         for _, case in ipairs({ { 2, 3, 3, 2, 1, 1, 0, 0, { 2, 2, 7, 6 } }, { 3, 4, 2, 3, 2, 1, 1, 2, { 3, 5, 4 } },
                                  { 1, 5, 5, 5, 2, 2, 2, 2, { 4, 1, 9, 9 } } }) do
            local m = nn.SpatialConvolution(case[1], case[2], case[3], case[4], case[5], case[6], case[7], case[8])
            local x = torch.DoubleTensor(unpack(case[9])):uniform(-1, 1)
            local expected = reference(m:double(), x)
            assert.is_true(H.max_diff(m:forward(x), expected) < 1e-12)
            assert.is_true(H.max_diff(m:clone():float():forward(x:float()), expected) < 1e-4)
         end
      end)
   end)

   describe('gradients against finite differences', function()
      local cases = {
         { 'one image', function() return nn.SpatialConvolution(2, 3, 3, 3) end, { 2, 6, 5 } },
         { 'a batch', function() return nn.SpatialConvolution(2, 3, 3, 2) end, { 3, 2, 6, 5 } },
         { 'stride and padding', function() return nn.SpatialConvolution(2, 3, 3, 3, 2, 1, 1, 2) end, { 2, 2, 7, 6 } },
         { 'a 5x5 kernel', function() return nn.SpatialConvolution(1, 4, 5, 5, 1, 1, 2, 2) end, { 2, 1, 8, 9 } },
         { 'no bias', function() return nn.SpatialConvolution(2, 2, 3, 3):noBias() end, { 2, 2, 5, 5 } },
      }
      for _, case in ipairs(cases) do
         it('for ' .. case[1], function()
            H.gradients(case[2], case[3], true)
         end)
      end

      it('for a float batch large enough to be split across threads', function()
         torch.manualSeed(2)
         local md = nn.SpatialConvolution(3, 16, 5, 5, 1, 1, 2, 2):double()
         local mf = md:clone():float()
         local x = torch.DoubleTensor(24, 3, 12, 12):uniform(-1, 1)
         local gy = md:forward(x):clone():uniform(-1, 1)
         mf:forward(x:float())
         md:zeroGradParameters()
         mf:zeroGradParameters()
         md:backward(x, gy)
         mf:backward(x:float(), gy:float())
         assert.is_true(H.max_diff(md.output, mf.output) < 1e-4)
         assert.is_true(H.max_diff(md.gradInput, mf.gradInput) < 1e-4)
         assert.is_true(H.max_diff(md.gradWeight, mf.gradWeight) < 1e-3)
         assert.is_true(H.max_diff(md.gradBias, mf.gradBias) < 1e-3)
      end)
   end)

   describe('the protocol', function()
      it('gives the same results in float and double', function()
         H.types(function() return nn.SpatialConvolution(2, 3, 3, 3, 1, 2, 1, 0) end, { 2, 2, 6, 7 })
      end)

      it('clears its state', function()
         H.clear_state(function() return nn.SpatialConvolution(2, 3, 3, 3) end, { 2, 2, 5, 5 })
      end)

      it('skips the input gradient when gradInput is nil, as Torch7', function()
         local m = nn.SpatialConvolution(1, 2, 3, 3):double()
         local x = torch.DoubleTensor(2, 1, 5, 5):uniform()
         m.gradInput = nil
         m:forward(x)
         m:zeroGradParameters()
         assert.is_nil(m:backward(x, m.output:clone():fill(1)))
         assert.is_true(m.gradBias:abs():sum() > 0)
      end)

      it('accumulates scaled parameter gradients without a forward of the same input first', function()
         local m = nn.SpatialConvolution(2, 3, 3, 3):double()
         local x1, x2 = torch.DoubleTensor(2, 2, 5, 5):uniform(), torch.DoubleTensor(2, 2, 5, 5):uniform()
         local gy = m:forward(x1):clone():uniform()
         m:zeroGradParameters()
         m:accGradParameters(x1, gy, 0.5)
         local once = m.gradWeight:clone()
         m:forward(x2)
         m:accGradParameters(x1, gy, 0.5)
         assert.is_true(H.max_diff(m.gradWeight, once * 2) < 1e-12)
      end)

      it('loads modules saved by older Torch7 (padding field, 2-d weight)', function()
         local m = nn.SpatialConvolution(2, 3, 3, 3):double()
         local x = torch.DoubleTensor(2, 7, 7):uniform()
         m.padW, m.padH, m.padding = nil, nil, 1
         m.weight = m.weight:view(3, 18)
         local y = m:forward(x)
         assert.are.same({ 3, 7, 7 }, y:size():totable())
         assert.are.same({ 3, 2, 3, 3 }, m.weight:size():totable())
         assert.are.same({ 1, 1 }, { m.padW, m.padH })
      end)
   end)

   describe('bad input', function()
      local m = nn.SpatialConvolution(3, 4, 5, 5)
      it('names the module, the expected shape and the input', function()
         H.fails(function() m:forward(torch.Tensor(2, 8, 8)) end, 'nn.SpatialConvolution', '3 x H x W',
            '2x8x8', '2 planes instead of 3')
         H.fails(function() m:forward(torch.Tensor(8, 8)) end, 'nn.SpatialConvolution', 'got 8x8')
      end)

      it('says when the input is smaller than the kernel', function()
         H.fails(function() m:forward(torch.Tensor(3, 4, 9)) end, 'nn.SpatialConvolution', '3x4x9', 'too small')
      end)

      it('says when the types differ', function()
         H.fails(function() nn.SpatialConvolution(1, 1, 2, 2):float():forward(torch.DoubleTensor(1, 3, 3)) end,
            'nn.SpatialConvolution', 'torch.DoubleTensor', 'torch.FloatTensor')
      end)

      it('says when gradOutput does not match the output', function()
         local c = nn.SpatialConvolution(1, 2, 3, 3)
         local x = torch.Tensor(1, 5, 5):uniform()
         c:forward(x)
         H.fails(function() c:backward(x, torch.Tensor(2, 4, 4)) end, 'nn.SpatialConvolution', 'gradOutput')
      end)
   end)
end)
