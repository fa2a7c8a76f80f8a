-- nn.SpatialAveragePooling: the mean of each window, with padding and ceil modes.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialAveragePooling', function()
   describe('construction', function()
      it('defaults the stride to 1 (as Torch7) and counts the padding', function()
         local m = nn.SpatialAveragePooling(3, 2)
         assert.are.same({ 3, 2, 1, 1, 0, 0 }, { m.kW, m.kH, m.dW, m.dH, m.padW, m.padH })
         assert.is_false(m.ceil_mode)
         assert.is_true(m.count_include_pad)
         assert.is_true(m.divide)
      end)

      it('switches modes with methods that return itself', function()
         local m = nn.SpatialAveragePooling(2, 2)
         assert.are.equal(m, m:setCountExcludePad())
         assert.is_false(m.count_include_pad)
         assert.are.equal(m, m:setCountIncludePad())
         assert.is_true(m.count_include_pad)
         assert.are.equal(m, m:ceil())
         assert.is_true(m.ceil_mode)
         assert.are.equal(m, m:floor())
         assert.is_false(m.ceil_mode)
      end)

      it('prints as Torch7 does', function()
         assert.are.equal('nn.SpatialAveragePooling(2x2, 2,2)', tostring(nn.SpatialAveragePooling(2, 2, 2, 2)))
         assert.are.equal('nn.SpatialAveragePooling(3x3, 1,1, 1,1)',
            tostring(nn.SpatialAveragePooling(3, 3, 1, 1, 1, 1)))
      end)
   end)

   describe('small cases by hand', function()
      local x = torch.DoubleTensor({ { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } } })

      it('averages each window', function()
         local m = nn.SpatialAveragePooling(2, 2):double()
         assert.are.same({ { { 3, 4 }, { 6, 7 } } }, m:forward(x):totable())
         local gi = m:backward(x, torch.DoubleTensor({ { { 4, 0 }, { 0, 0 } } }))
         assert.are.same({ { { 1, 1, 0 }, { 1, 1, 0 }, { 0, 0, 0 } } }, gi:totable())
      end)

      it('divides by the padded window, or (setCountExcludePad) by what it covers of the input', function()
         local m = nn.SpatialAveragePooling(2, 2, 2, 2, 1, 1):double()
         -- the top-left window covers only x[1][1] = 1
         assert.are.equal(0.25, m:forward(x)[1][1][1])
         m:setCountExcludePad()
         assert.are.equal(1, m:forward(x)[1][1][1])
      end)

      it('sums instead when an old saved module lacks `divide`', function()
         local m = nn.SpatialAveragePooling(2, 2):double()
         m.divide = nil
         assert.are.same({ { { 12, 16 }, { 24, 28 } } }, m:forward(x):totable())
      end)
   end)

   describe('output sizes', function()
      it('rounds down, or up in ceil mode', function()
         assert.are.same({ 1, 2, 2 },
            nn.SpatialAveragePooling(2, 2, 2, 2):forward(torch.Tensor(1, 5, 5)):size():totable())
         assert.are.same({ 1, 3, 3 },
            nn.SpatialAveragePooling(2, 2, 2, 2):ceil():forward(torch.Tensor(1, 5, 5)):size():totable())
      end)
   end)

   describe('gradients against finite differences', function()
      local cases = {
         { 'one image', function() return nn.SpatialAveragePooling(2, 3, 1, 2) end, { 2, 7, 6 } },
         { 'a batch with padding', function() return nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1) end, { 2, 2, 7, 6 } },
         { 'padding excluded, ceil mode', function()
            return nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1):setCountExcludePad():ceil()
         end, { 2, 2, 6, 8 } },
      }
      for _, case in ipairs(cases) do
         it('for ' .. case[1], function()
            H.gradients(case[2], case[3])
         end)
      end
   end)

   describe('the protocol', function()
      it('gives the same results in float and double', function()
         H.types(function() return nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1):ceil() end, { 2, 3, 9, 8 })
      end)
      it('clears its state', function()
         H.clear_state(function() return nn.SpatialAveragePooling(2, 2) end, { 2, 4, 4 })
      end)
   end)

   describe('bad input', function()
      it('names the module and the sizes', function()
         H.fails(function() nn.SpatialAveragePooling(2, 2):forward(torch.Tensor(4)) end, 'nn.SpatialAveragePooling',
            'got 4 ')
         H.fails(function() nn.SpatialAveragePooling(5, 5):forward(torch.Tensor(1, 3, 3)) end,
            'nn.SpatialAveragePooling', 'too small')
      end)
   end)
end)
