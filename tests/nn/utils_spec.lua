-- nn.utils: the helpers over nested tensors and tables.

require 'nn'

local utils = nn.utils

describe('nn.utils', function()
   describe('recursiveType', function()
      it('converts tensors inside nested tables, in place', function()
         local t = { torch.DoubleTensor(2), { torch.DoubleTensor(3) }, 'text' }
         local r = utils.recursiveType(t, 'torch.FloatTensor')
         assert.are.equal(t, r)
         assert.are.equal('torch.FloatTensor', t[1]:type())
         assert.are.equal('torch.FloatTensor', t[2][1]:type())
         assert.are.equal('text', t[3])
      end)

      it('keeps views of one storage views of one storage', function()
         local base = torch.DoubleTensor(6):fill(1)
         local a, b = base:narrow(1, 1, 3), base:narrow(1, 4, 3)
         local cache = {}
         local fa = utils.recursiveType(a, 'torch.FloatTensor', cache)
         local fb = utils.recursiveType(b, 'torch.FloatTensor', cache)
         assert.are.equal(torch.pointer(fa:storage()), torch.pointer(fb:storage()))
         assert.are.equal(4, fb:storageOffset())
         -- the same tensor twice gives the same converted tensor
         assert.are.equal(fa, utils.recursiveType(a, 'torch.FloatTensor', cache))
      end)

      it('keeps strides and offsets', function()
         local t = torch.DoubleTensor(3, 4):uniform():t()
         local f = utils.recursiveType(t, 'torch.FloatTensor')
         assert.are.same(t:stride():totable(), f:stride():totable())
         assert.is_true((f:double() - t):abs():max() < 1e-6)
      end)

      it('converts an empty tensor', function()
         assert.are.equal('torch.FloatTensor', utils.recursiveType(torch.DoubleTensor(), 'torch.FloatTensor'):type())
      end)
   end)

   describe('recursiveResizeAs, recursiveCopy, recursiveFill, recursiveAdd', function()
      it('follow the structure of the second argument', function()
         local src = { torch.Tensor({ 1, 2 }), { torch.Tensor({ 3 }) } }
         local dst = utils.recursiveResizeAs(nil, src)
         assert.are.equal(2, dst[1]:nElement())
         assert.are.equal(1, dst[2][1]:nElement())
         dst = utils.recursiveCopy(nil, src)
         assert.are.same({ 3 }, dst[2][1]:totable())
         assert.are_not.equal(src[1], dst[1])
         utils.recursiveFill(dst, 2)
         assert.are.same({ 2, 2 }, dst[1]:totable())
         utils.recursiveAdd(dst, 10, src)
         assert.are.same({ 12, 22 }, dst[1]:totable())
         assert.are.same({ 32 }, dst[2][1]:totable())
         assert.are.equal(12 + 22 + 32, utils.recursiveSum(dst))
      end)

      it('drop entries the source does not have', function()
         local dst = { torch.Tensor(1), torch.Tensor(1), torch.Tensor(1) }
         dst = utils.recursiveResizeAs(dst, { torch.Tensor(2) })
         assert.is_nil(dst[2])
      end)

      it('refuse things that are not tensors or tables', function()
         assert.has_error(function() utils.recursiveResizeAs(nil, 3) end)
         assert.has_error(function() utils.recursiveFill(3, 0) end)
      end)
   end)

   describe('clear', function()
      it('empties tensors in place, resets tables, drops the rest', function()
         local t = torch.Tensor(3)
         local obj = { a = t, b = { 1 }, c = 5 }
         assert.are.equal(obj, utils.clear(obj, 'a', 'b', 'c', 'd'))
         assert.are.equal(t, obj.a)
         assert.are.equal(0, t:nElement())
         assert.are.same({}, obj.b)
         assert.is_nil(obj.c)
         utils.clear(obj, { 'a' })
      end)
   end)

   describe('addSingletonDimension', function()
      it('views the tensor with a size-1 dimension inserted', function()
         local t = torch.Tensor(2, 3)
         assert.are.same({ 1, 2, 3 }, utils.addSingletonDimension(t):size():totable())
         assert.are.same({ 2, 1, 3 }, utils.addSingletonDimension(t, 2):size():totable())
         assert.are.same({ 2, 3, 1 }, utils.addSingletonDimension(t, 3):size():totable())
         local v = utils.addSingletonDimension(t, 2)
         v[2][1][3] = 7
         assert.are.equal(7, t[2][3])
         assert.has_error(function() utils.addSingletonDimension(t, 5) end)
      end)
   end)

   describe('contiguousView', function()
      it('views contiguous tensors directly and copies others into the buffer', function()
         local t = torch.Tensor(2, 3):uniform()
         local v = utils.contiguousView(nil, t, 6)
         assert.are.equal(torch.pointer(t:storage()), torch.pointer(v:storage()))
         local buffer = torch.Tensor()
         local w = utils.contiguousView(buffer, t:t(), 6)
         assert.are.equal(torch.pointer(buffer:storage()), torch.pointer(w:storage()))
         assert.are.equal(t[1][2], w[3])
      end)
   end)
end)
