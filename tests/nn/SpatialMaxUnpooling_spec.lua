-- nn.SpatialMaxUnpooling: puts values back where a SpatialMaxPooling found its maxima.

require 'nn'
local H = require 'tests.nn.conv_helpers'

describe('nn.SpatialMaxUnpooling', function()
   describe('construction', function()
      it('takes a SpatialMaxPooling whose kernel equals its stride', function()
         local pool = nn.SpatialMaxPooling(2, 2)
         local m = nn.SpatialMaxUnpooling(pool)
         assert.are.equal(pool, m.pooling)
         assert.are.equal('nn.SpatialMaxUnpooling associated to nn.SpatialMaxPooling(2x2, 2,2)', tostring(m))
         H.fails(function() nn.SpatialMaxUnpooling(nn.SpatialMaxPooling(3, 3, 2, 2)) end, 'nn.SpatialMaxUnpooling',
            'stride')
         H.fails(function() nn.SpatialMaxUnpooling(nn.Identity()) end, 'nn.SpatialMaxPooling')
      end)
   end)

   describe('computing', function()
      it('scatters the input to the pooling module\'s maxima (a small case by hand)', function()
         local pool = nn.SpatialMaxPooling(2, 2):double()
         local m = nn.SpatialMaxUnpooling(pool):double()
         pool:forward(torch.DoubleTensor({ { { 1, 5, 2, 0 }, { 3, 4, 8, 1 } } }))
         local y = m:forward(torch.DoubleTensor({ { { 10, 20 } } }))
         assert.are.same({ { { 0, 10, 0, 0 }, { 0, 0, 20, 0 } } }, y:totable())
         local gi = m:backward(torch.DoubleTensor({ { { 10, 20 } } }),
            torch.DoubleTensor({ { { 1, 2, 3, 4 }, { 5, 6, 7, 8 } } }))
         assert.are.same({ { { 2, 7 } } }, gi:totable())
      end)

      it('undoes the pooling where the maxima were', function()
         local pool = nn.SpatialMaxPooling(2, 2):double()
         local m = nn.SpatialMaxUnpooling(pool):double()
         local x = torch.DoubleTensor(2, 3, 6, 4):uniform()
         local y = m:forward(pool:forward(x))
         assert.are.same(x:size():totable(), y:size():totable())
         assert.are.equal(0, H.max_diff(pool:forward(y), pool.output))
      end)

      it('needs the pooling module\'s forward first', function()
         H.fails(function() nn.SpatialMaxUnpooling(nn.SpatialMaxPooling(2, 2)):forward(torch.Tensor(1, 2, 2)) end,
            'nn.SpatialMaxUnpooling', 'forward first')
      end)
   end)

   describe('gradients against finite differences', function()
      for _, sizes in ipairs({ { 2, 6, 4 }, { 2, 3, 4, 6 } }) do
         it('for ' .. #sizes .. '-d input', function()
            local pool = nn.SpatialMaxPooling(2, 2):double()
            local m = nn.SpatialMaxUnpooling(pool):double()
            local pooled = pool:forward(torch.DoubleTensor(unpack(sizes)):uniform())
            local err = nn.Jacobian.testJacobian(m, pooled:clone())
            assert.is_true(err < H.PRECISION, 'error ' .. err)
         end)
      end
   end)

   describe('the protocol', function()
      it('gives the same results in float and double and clears its state', function()
         local pool = nn.SpatialMaxPooling(2, 2):double()
         local m = nn.SpatialMaxUnpooling(pool):double()
         local small = pool:forward(torch.DoubleTensor(2, 4, 4):uniform())
         local yd = m:forward(small):clone()
         local mf = m:clone():float()
         assert.is_true(H.max_diff(mf:forward(small:float()), yd) < 1e-6)
         assert.are.equal(m, m:clearState())
         assert.are.equal(0, m.output:nElement())
      end)
   end)

   describe('bad input', function()
      it('says when the input does not match the indices', function()
         local pool = nn.SpatialMaxPooling(2, 2)
         local m = nn.SpatialMaxUnpooling(pool)
         pool:forward(torch.Tensor(1, 4, 4))
         H.fails(function() m:forward(torch.Tensor(1, 3, 3)) end, 'nn.SpatialMaxUnpooling', 'indices')
      end)
   end)
end)
