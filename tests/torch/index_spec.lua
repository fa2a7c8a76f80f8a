-- Torch7's t[...] indexing (lua/torch/index.lua and the 1-d fast path in Tensor.lua).

require 'torch'

local function matrix()
   -- 1 2 3 / 4 5 6 / 7 8 9
   local x = torch.Tensor(3, 3)
   local i = 0
   x:apply(function() i = i + 1; return i end)
   return x
end

describe('indexing', function()
   describe('reads', function()
      it('t[i]: a number on a vector, a row view on a matrix', function()
         local x = matrix()
         assert.are.equal('number', type(x[2][3]))
         assert.are.equal(6, x[2][3])
         local row = x[2]
         assert.is_true(torch.isTensor(row))
         assert.are.same({ 4, 5, 6 }, row:totable())
         row[1] = 40
         assert.are.equal(40, x[2][1])
      end)

      it('counts negative indexes from the end', function()
         local x = matrix()
         assert.are.same({ 7, 8, 9 }, x[-1]:totable())
         assert.are.equal(9, x[-1][-1])
         assert.are.equal(8, x[{ -1, -2 }])
      end)

      it('t[{i, j}] and t[LongStorage] give the element', function()
         local x = matrix()
         assert.are.equal(6, x[{ 2, 3 }])
         assert.are.equal(6, x[torch.LongStorage({ 2, 3 })])
         assert.are.equal(2, torch.Tensor({ 1, 2, 3 })[{ 2 }])
      end)

      it('t[{2}] on a matrix is the row', function()
         assert.are.same({ 4, 5, 6 }, matrix()[{ 2 }]:totable())
      end)

      it('combines ranges, whole dimensions and selections', function()
         local x = matrix()
         assert.are.same({ { 1, 2, 3 }, { 4, 5, 6 } }, x[{ { 1, 2 } }]:totable())
         assert.are.same({ 3, 6 }, x[{ { 1, 2 }, 3 }]:totable())
         assert.are.same({ { 2, 3 }, { 5, 6 }, { 8, 9 } }, x[{ {}, { 2, -1 } }]:totable())
         assert.are.same({ { 5 } }, x[{ { 2 }, { 2 } }]:totable())
         assert.are.same({ 2, 5, 8 }, x[{ {}, 2 }]:totable())
      end)

      it('reads strided vectors', function()
         local col = matrix():select(2, 2)
         assert.are.equal(2, col[1])
         assert.are.equal(8, col[3])
         assert.are.equal(8, col[-1])
      end)

      it('reads every type', function()
         for _, short in ipairs({ 'Byte', 'Char', 'Short', 'Int', 'Long', 'Float', 'Double', 'Half' }) do
            local t = torch[short .. 'Tensor']({ 1, 2, 3 })
            assert.are.equal(3, t[3])
            t[2] = 7
            assert.are.equal(7, t[2])
         end
      end)
   end)

   describe('writes', function()
      it('t[i] = v on a vector sets the element', function()
         local t = torch.FloatTensor(3):zero()
         t[2] = 5
         t[-1] = 7
         assert.are.same({ 0, 5, 7 }, t:totable())
      end)

      it('t[i] = number fills a row, t[i] = tensor copies into it', function()
         local x = torch.Tensor(2, 3):zero()
         x[1] = 4
         x[2] = torch.Tensor({ 1, 2, 3 })
         assert.are.same({ { 4, 4, 4 }, { 1, 2, 3 } }, x:totable())
      end)

      it('follows the Torch7 documentation example', function()
         local x = torch.Tensor(5, 6):zero()
         x[{ 1, 3 }] = 1
         x[{ 2, { 2, 4 } }] = 2
         x[{ {}, 4 }] = -1
         x[{ {}, 2 }] = torch.range(1, 5)
         assert.are.same({
            { 0, 1, 1, -1, 0, 0 },
            { 0, 2, 2, -1, 0, 0 },
            { 0, 3, 0, -1, 0, 0 },
            { 0, 4, 0, -1, 0, 0 },
            { 0, 5, 0, -1, 0, 0 },
         }, x:totable())
      end)

      it('t[LongStorage] = v sets the element', function()
         local x = torch.Tensor(2, 2):zero()
         x[torch.LongStorage({ 2, 1 })] = 3
         assert.are.equal(3, x[2][1])
      end)

      it('converts tensors of another type when copying', function()
         local x = torch.IntTensor(2, 2):zero()
         x[{ {}, 1 }] = torch.DoubleTensor({ 1.5, 2.5 })
         assert.are.same({ { 1, 0 }, { 2, 0 } }, x:totable())
      end)
   end)
end)
