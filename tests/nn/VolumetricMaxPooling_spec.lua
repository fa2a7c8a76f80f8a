-- nn.VolumetricMaxPooling: the maximum of each kT x kH x kW window.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.VolumetricMaxPooling', function()
   it('has Torch7 fields and defaults, and prints as Torch7 does', function()
      local m = nn.VolumetricMaxPooling(2, 3, 4)
      assert.are.same({ 2, 3, 4, 2, 3, 4, 0, 0, 0 }, { m.kT, m.kW, m.kH, m.dT, m.dW, m.dH, m.padT, m.padW, m.padH })
      assert.are.equal('nn.VolumetricMaxPooling(2x3x4, 2,3,4)', tostring(m))
      assert.are.equal('nn.VolumetricMaxPooling(3x3x3, 2,2,2, 1,1,1)',
         tostring(nn.VolumetricMaxPooling(3, 3, 3, 2, 2, 2, 1, 1, 1)))
      assert.are.equal(m, m:ceil())
      assert.is_true(m.ceil_mode)
   end)

   it('takes the maximum of each window (a small case by hand)', function()
      local m = nn.VolumetricMaxPooling(2, 1, 1):double()
      local x = torch.DoubleTensor({ { { { 1, 5 } }, { { 3, 2 } } } })    -- 1 plane, 2 frames, 1 x 2
      assert.are.same({ { { { 3, 5 } } } }, m:forward(x):totable())
      -- positions t*H*W + y*W + x + 1: 3 is at frame 2 (t = 1), x = 0: 3
      assert.are.same({ { { { 3, 2 } } } }, m.indices:totable())
   end)

   it('sizes its output, batched or not, rounding down or up', function()
      assert.are.same({ 2, 2, 3, 2 },
         nn.VolumetricMaxPooling(2, 2, 2):forward(torch.Tensor(2, 5, 6, 4)):size():totable())
      assert.are.same({ 1, 2, 3, 3, 2 },
         nn.VolumetricMaxPooling(2, 2, 2):ceil():forward(torch.Tensor(1, 2, 5, 6, 4)):size():totable())
   end)

   it('has gradients that match finite differences', function()
      H.gradients(function() return nn.VolumetricMaxPooling(2, 2, 2) end, { 2, 4, 4, 6 })
      H.gradients(function() return nn.VolumetricMaxPooling(3, 2, 3, 2, 1, 2, 1, 1, 1):ceil() end, { 2, 2, 5, 6, 5 })
   end)

   it('gives the same results in float and double, and clears its state', function()
      H.types(function() return nn.VolumetricMaxPooling(2, 2, 2) end, { 2, 3, 4, 4, 4 })
      H.clear_state(function() return nn.VolumetricMaxPooling(2, 2, 2) end, { 2, 4, 4, 4 })
   end)

   it('names the module and the sizes for bad input', function()
      H.fails(function() nn.VolumetricMaxPooling(2, 2, 2):forward(torch.Tensor(4, 4, 4)) end, 'nn.VolumetricMaxPooling',
         'got 4x4x4')
      H.fails(function() nn.VolumetricMaxPooling(3, 2, 2):forward(torch.Tensor(1, 2, 4, 4)) end,
         'nn.VolumetricMaxPooling', 'too small')
   end)
end)
