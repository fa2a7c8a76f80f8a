-- nn.TemporalMaxPooling: the maximum over windows of frames, per feature.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.TemporalMaxPooling', function()
   it('has kW and dW (defaulting to kW)', function()
      local m = nn.TemporalMaxPooling(3)
      assert.are.same({ 3, 3 }, { m.kW, m.dW })
      assert.are.same({ 3, 2 }, { nn.TemporalMaxPooling(3, 2).kW, nn.TemporalMaxPooling(3, 2).dW })
   end)

   it('takes the maximum of each feature over each window (a small case by hand)', function()
      local m = nn.TemporalMaxPooling(2):double()
      local x = torch.DoubleTensor({ { 1, 9 }, { 5, 2 }, { 3, 3 }, { 0, 4 }, { 7, 7 } })
      assert.are.same({ { 5, 9 }, { 3, 4 } }, m:forward(x):totable())
      local gi = m:backward(x, torch.DoubleTensor({ { 1, 2 }, { 3, 4 } }))
      assert.are.same({ { 0, 2 }, { 1, 0 }, { 3, 0 }, { 0, 4 }, { 0, 0 } }, gi:totable())
   end)

   it('sizes the output (nInputFrame - kW) / dW + 1 frames, batched or not', function()
      assert.are.same({ 4, 3 }, nn.TemporalMaxPooling(3, 2):forward(torch.Tensor(9, 3)):size():totable())
      assert.are.same({ 2, 4, 3 }, nn.TemporalMaxPooling(3, 2):forward(torch.Tensor(2, 10, 3)):size():totable())
   end)

   it('has gradients that match finite differences', function()
      H.gradients(function() return nn.TemporalMaxPooling(3, 2) end, { 9, 4 })
      H.gradients(function() return nn.TemporalMaxPooling(2) end, { 2, 8, 3 })
   end)

   it('gives the same results in float and double, and clears its state', function()
      H.types(function() return nn.TemporalMaxPooling(3, 1) end, { 2, 9, 4 })
      H.clear_state(function() return nn.TemporalMaxPooling(2) end, { 8, 3 })
   end)

   it('names the module and the sizes for bad input', function()
      H.fails(function() nn.TemporalMaxPooling(2):forward(torch.Tensor(5)) end, 'nn.TemporalMaxPooling', 'got 5 ')
      H.fails(function() nn.TemporalMaxPooling(6):forward(torch.Tensor(5, 2)) end, 'nn.TemporalMaxPooling', '5x2',
         'too small')
   end)
end)
