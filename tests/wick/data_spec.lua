-- Specs for lua/wick/data/mnist.lua: IDX reading (real Fashion-MNIST files and broken ones),
-- normalisation and mini-batch iteration.
require 'torch'
local mnist = require 'wick.data.mnist'

local function tmpdir()
   local d = os.tmpname()
   os.remove(d)
   assert(os.execute("mkdir -p '" .. d .. "'"))
   return d
end

local function write(path, s)
   local f = assert(io.open(path, 'wb'))
   f:write(s)
   f:close()
end

local function be32(n)
   return string.char(math.floor(n / 16777216) % 256, math.floor(n / 65536) % 256,
                      math.floor(n / 256) % 256, n % 256)
end

local have_data = io.open(mnist.default_dir .. '/train-labels-idx1-ubyte.gz', 'rb')
if have_data then have_data:close() end

describe('wick.data.mnist', function()
   describe('readIDX', function()
      local dir
      setup(function() dir = tmpdir() end)
      teardown(function() os.execute("rm -rf '" .. dir .. "'") end)

      it('reads a small plain IDX image file into a ByteTensor of its header sizes', function()
         local p = dir .. '/small-idx3'
         write(p, '\0\0\8\3' .. be32(2) .. be32(2) .. be32(3) .. string.char(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))
         local t = mnist.readIDX(p)
         assert.are.equal('torch.ByteTensor', torch.type(t))
         assert.are.same({2, 2, 3}, {t:size(1), t:size(2), t:size(3)})
         assert.are.equal(1, t[1][1][1])
         assert.are.equal(12, t[2][2][3])
      end)

      it('reads a gzip-compressed IDX file', function()
         local p = dir .. '/labels-idx1'
         write(p, '\0\0\8\1' .. be32(3) .. string.char(0, 9, 4))
         assert(os.execute("gzip -f '" .. p .. "'"))
         local t = mnist.readIDX(p .. '.gz')
         assert.are.same({0, 9, 4}, {t[1], t[2], t[3]})
      end)

      it('gives a clear error for a truncated file', function()
         local p = dir .. '/trunc-idx3'
         write(p, '\0\0\8\3' .. be32(10) .. be32(28) .. be32(28) .. string.rep('\0', 100))
         local ok, err = pcall(mnist.readIDX, p)
         assert.is_false(ok)
         assert.matches('trunc%-idx3', err)
         assert.matches('truncated', err)
         assert.matches('10x28x28 = 7840 bytes', err, 1, true)
      end)

      it('gives a clear error for a truncated gzip file', function()
         local p = dir .. '/cut-idx1'
         write(p, '\0\0\8\1' .. be32(5000) .. string.rep('\3', 5000))
         assert(os.execute("gzip -f '" .. p .. "'"))
         local f = assert(io.open(p .. '.gz', 'rb'))
         local s = f:read('*a')
         f:close()
         write(p .. '.gz', s:sub(1, math.floor(#s / 2)))
         local ok, err = pcall(mnist.readIDX, p .. '.gz')
         assert.is_false(ok)
         assert.matches('cut%-idx1%.gz', err)
      end)

      it('gives a clear error for a bad magic number', function()
         local p = dir .. '/bad-magic'
         write(p, '\0\0\13\3' .. be32(1) .. be32(1) .. be32(1) .. '\0')
         local ok, err = pcall(mnist.readIDX, p)
         assert.is_false(ok)
         assert.matches('bad magic number 0x00000d03', err, 1, true)
      end)

      it('gives a clear error for trailing bytes, an empty file and a missing file', function()
         local p = dir .. '/long-idx1'
         write(p, '\0\0\8\1' .. be32(2) .. '\1\2\3')
         local ok, err = pcall(mnist.readIDX, p)
         assert.is_false(ok)
         assert.matches('trailing bytes', err)
         write(dir .. '/empty', '')
         ok, err = pcall(mnist.readIDX, dir .. '/empty')
         assert.is_false(ok)
         assert.matches('too short', err)
         ok, err = pcall(mnist.readIDX, dir .. '/nope')
         assert.is_false(ok)
         assert.matches("cannot open", err)
      end)

      it('names the missing files when a data directory is empty', function()
         local ok, err = pcall(mnist.load, dir .. '/nothing-here')
         assert.is_false(ok)
         assert.matches('train%-images%-idx3%-ubyte', err)
      end)
   end)

   local d = have_data and describe or pending
   d('on the real Fashion-MNIST files', function()
      local train, test
      setup(function()
         train, test = mnist.load()
         mnist.normalize(train, test)
      end)

      it('loads 60000 training and 10000 test images of 28x28 with labels 1..10', function()
         assert.are.same({60000, 28, 28}, {train.images:size(1), train.images:size(2), train.images:size(3)})
         assert.are.same({10000, 28, 28}, {test.images:size(1), test.images:size(2), test.images:size(3)})
         assert.are.equal('torch.ByteTensor', torch.type(train.labels))
         assert.are.equal(1, train.labels:min())
         assert.are.equal(10, train.labels:max())
         assert.are.equal(10000, test.labels:size(1))
         -- Fashion-MNIST is balanced: 6000 images of each class in the training set.
         local counts = {}
         for i = 1, 60000 do
            local c = train.labels[i]
            counts[c] = (counts[c] or 0) + 1
         end
         for c = 1, 10 do assert.are.equal(6000, counts[c]) end
      end)

      it('normalises the training data to zero mean and unit variance', function()
         assert.are.same({60000, 784}, {train.data:size(1), train.data:size(2)})
         assert.is_true(math.abs(train.data:mean()) < 1e-4)
         assert.is_true(math.abs(train.data:std() - 1) < 1e-3)
         assert.is_true(math.abs(test.data:mean()) < 0.05)
         -- the first pixel of the first image, by hand
         local v = (train.images[1][1][1] - train.mean) / train.std
         assert.is_true(math.abs(train.data[1][1] - v) < 1e-4)
      end)

      it('iterates shuffled mini-batches covering every sample once, reusing its buffers', function()
         torch.manualSeed(1)
         local seen, count, nb = {}, 0, 0
         local first_inputs, last_n
         for inputs, targets, n in mnist.batches(train, 1000) do
            nb = nb + 1
            first_inputs = first_inputs or inputs
            assert.are.equal(first_inputs, inputs)
            assert.are.equal(n, inputs:size(1))
            assert.are.equal(784, inputs:size(2))
            assert.are.equal('torch.LongTensor', torch.type(targets))
            count = count + n
            last_n = n
            seen[targets[1]] = true
         end
         assert.are.equal(60, nb)
         assert.are.equal(60000, count)
         assert.are.equal(1000, last_n)
      end)

      it('gives batches whose rows match their labels, a last partial batch, and maxBatches', function()
         local nb, total = 0, 0
         for inputs, targets, n in mnist.batches(test, 128, {shuffle = false}) do
            nb = nb + 1
            if nb == 1 then
               assert.are.equal(test.labels[1], targets[1])
               assert.are.equal(test.data[3][200], inputs[3][200])
            end
            total = total + n
         end
         assert.are.equal(79, nb)
         assert.are.equal(10000, total)
         nb = 0
         for _ in mnist.batches(test, 128, {maxBatches = 5}) do nb = nb + 1 end
         assert.are.equal(5, nb)
      end)
   end)
end)
