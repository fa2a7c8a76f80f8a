-- nn.SpatialMaxPooling: the maximum of each window, with the argmax indices kept.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialMaxPooling', function()
   describe('construction', function()
      it('defaults the stride to the kernel and the padding to 0', function()
         local m = nn.SpatialMaxPooling(3, 2)
         assert.are.same({ 3, 2, 3, 2, 0, 0 }, { m.kW, m.kH, m.dW, m.dH, m.padW, m.padH })
         assert.is_false(m.ceil_mode)
         assert.are.equal('torch.LongTensor', torch.type(m.indices))
      end)

      it('switches rounding with :ceil() and :floor(), returning itself', function()
         local m = nn.SpatialMaxPooling(2, 2)
         assert.are.equal(m, m:ceil())
         assert.is_true(m.ceil_mode)
         assert.are.equal(m, m:floor())
         assert.is_false(m.ceil_mode)
      end)

      it('prints as Torch7 does', function()
         assert.are.equal('nn.SpatialMaxPooling(3x3, 2,2)', tostring(nn.SpatialMaxPooling(3, 3, 2, 2)))
         assert.are.equal('nn.SpatialMaxPooling(3x3, 2,2, 1,1)', tostring(nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1)))
      end)
   end)

   describe('a small case by hand', function()
      local m = nn.SpatialMaxPooling(2, 2):double()
      local x = torch.DoubleTensor({ { { 1, 5, 2, 0 }, { 3, 4, 8, 1 }, { 0, 0, 1, 1 }, { 9, 0, 1, 2 } } })

      it('takes the maximum of each window and keeps its position', function()
         assert.are.same({ { { 5, 8 }, { 9, 2 } } }, m:forward(x):totable())
         -- 1-based positions in the 4x4 plane: 5 at (1,2) = 2, 8 at (2,3) = 7, 9 at (4,1) = 13, 2 at (4,4) = 16
         assert.are.same({ { { 2, 7 }, { 13, 16 } } }, m.indices:totable())
         assert.are.same(4, m.iwidth)
      end)

      it('sends gradOutput to the maxima', function()
         m:forward(x)
         local gi = m:backward(x, torch.DoubleTensor({ { { 1, 2 }, { 3, 4 } } }))
         assert.are.same({ { { 0, 1, 0, 0 }, { 0, 0, 2, 0 }, { 0, 0, 0, 0 }, { 3, 0, 0, 4 } } }, gi:totable())
      end)
   end)

   describe('output sizes', function()
      it('rounds down, or up in ceil mode', function()
         local x = torch.Tensor(1, 7, 7)
         assert.are.same({ 1, 3, 3 }, nn.SpatialMaxPooling(3, 3, 2, 2):forward(x):size():totable())
         assert.are.same({ 1, 3, 3 }, nn.SpatialMaxPooling(2, 2):forward(x):size():totable())
         assert.are.same({ 1, 4, 4 }, nn.SpatialMaxPooling(2, 2):ceil():forward(x):size():totable())
      end)

      it('drops a ceil-mode window that would start in the padding', function()
         -- (5 + 2 - 2) / 2 rounded up + 1 = 4, but the 4th window would start at x = 5, in the padding
         local y = nn.SpatialMaxPooling(2, 2, 2, 2, 1, 1):ceil():forward(torch.Tensor(1, 5, 5))
         assert.are.same({ 1, 3, 3 }, y:size():totable())
         -- while one that starts on the last column stays: (6 + 2 - 3) / 2 rounded up + 1 = 4
         y = nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1):ceil():forward(torch.Tensor(1, 6, 6))
         assert.are.same({ 1, 4, 4 }, y:size():totable())
      end)
   end)

   describe('gradients against finite differences', function()
      local cases = {
         { 'one image, 2x2', function() return nn.SpatialMaxPooling(2, 2) end, { 3, 6, 8 } },
         { 'a batch, overlapping windows', function() return nn.SpatialMaxPooling(3, 2, 2, 1) end, { 2, 2, 7, 8 } },
         { 'padding', function() return nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1) end, { 2, 2, 7, 6 } },
         { 'ceil mode', function() return nn.SpatialMaxPooling(2, 2):ceil() end, { 2, 3, 7, 5 } },
         { 'a wide float-path batch', function() return nn.SpatialMaxPooling(2, 2) end, { 2, 2, 4, 40 } },
      }
      for _, case in ipairs(cases) do
         it('for ' .. case[1], function()
            H.gradients(case[2], case[3])
         end)
      end
   end)

   describe('the protocol', function()
      it('gives the same results in float and double (the float 2x2 kernel too)', function()
         H.types(function() return nn.SpatialMaxPooling(2, 2) end, { 3, 4, 24, 24 })
         H.types(function() return nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1):ceil() end, { 2, 3, 9, 9 })
      end)

      it('follows its input\'s type', function()
         local m = nn.SpatialMaxPooling(2, 2)
         assert.are.equal('torch.FloatTensor', torch.type(m:forward(torch.FloatTensor(1, 4, 4))))
         assert.are.equal('torch.DoubleTensor', torch.type(m:forward(torch.DoubleTensor(1, 4, 4))))
      end)

      it('clears its state, indices included', function()
         local m = nn.SpatialMaxPooling(2, 2)
         m:forward(torch.Tensor(1, 4, 4):uniform())
         m:clearState()
         assert.are.equal(0, m.indices:nElement())
         H.clear_state(function() return nn.SpatialMaxPooling(2, 2) end, { 2, 4, 4 })
      end)
   end)

   describe('bad input', function()
      it('names the module and the sizes', function()
         H.fails(function() nn.SpatialMaxPooling(2, 2):forward(torch.Tensor(4, 4)) end, 'nn.SpatialMaxPooling',
            'got 4x4')
         H.fails(function() nn.SpatialMaxPooling(5, 5):forward(torch.Tensor(1, 4, 4)) end, 'nn.SpatialMaxPooling',
            '1x4x4', 'too small')
      end)

      it('refuses padding of more than half the kernel', function()
         H.fails(function() nn.SpatialMaxPooling(2, 2, 2, 2, 2, 0):forward(torch.Tensor(1, 4, 4)) end,
            'nn.SpatialMaxPooling', 'half the kernel')
      end)
   end)
end)
