--[[ wick.data.mnist — MNIST-format (IDX) data sets: Fashion-MNIST and MNIST.

   local mnist = require 'wick.data.mnist'
   local train, test = mnist.load()                 -- Debian's dataset-fashion-mnist by default
   -- train.images: ByteTensor N×28×28, train.labels: ByteTensor N with classes 1..10
   local mean, std = mnist.normalize(train, test)   -- float copies, statistics from train
   for inputs, targets, n in mnist.batches(train, 128, {shuffle = true}) do ... end

Files. mnist.readIDX(path) reads one IDX file of unsigned bytes (magic 0x00000801 for labels,
0x00000803 for images), plain or gzip-compressed (".gz": decompressed with `gzip -dc` through
io.popen). The header's magic number and sizes are checked against the data that follows: a bad
magic number, a truncated file or trailing bytes raise an error naming the file and the sizes.
mnist.load(dir) looks for train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte
and t10k-labels-idx1-ubyte, each plain or ".gz", in dir (default $FMNIST_DIR or
/usr/share/datasets/fashion-mnist). Labels are stored 0..9 in the files and returned as 1..10.

Normalisation. mnist.normalize(train, test) sets `.data` on each set: a FloatTensor N×784 of the
images scaled to zero mean and unit variance with the training set's mean and standard deviation
(one scalar each), and returns mean, std.

Batches. mnist.batches(set, batchSize, opts) returns an iterator giving (inputs, targets, n):
inputs a FloatTensor n×784 (from set.data), targets a LongTensor n of classes 1..10. The two
tensors are buffers reused by every step (copy them to keep them). opts.shuffle (default true)
draws a new torch.randperm order per call; the last partial batch is given unless
opts.dropLast; opts.maxBatches stops early.
]]

local torch = require 'torch'
local ffi = require 'ffi'

local M = {}

M.classes = {'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat',
             'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'}

M.default_dir = os.getenv('FMNIST_DIR') or '/usr/share/datasets/fashion-mnist'

local function read_all(path)
   local f, cmd
   if path:sub(-3) == '.gz' then
      local fh = io.open(path, 'rb')
      if not fh then
         error(string.format("mnist: cannot open '%s'", path), 3)
      end
      fh:close()
      cmd = "gzip -dc '" .. path:gsub("'", "'\\''") .. "' 2>/dev/null"
      f = io.popen(cmd, 'r')
   else
      f = io.open(path, 'rb')
   end
   if not f then
      error(string.format("mnist: cannot open '%s'", path), 3)
   end
   local s = f:read('*a')
   local ok, _, code = f:close()
   if cmd and (ok == false or (type(code) == 'number' and code ~= 0)) then
      error(string.format("mnist: '%s' is not a valid gzip file (gzip -dc failed)", path), 3)
   end
   return s or ''
end

local function be32(s, pos)
   local a, b, c, d = s:byte(pos, pos + 3)
   return ((a * 256 + b) * 256 + c) * 256 + d
end

-- Reads an IDX file of unsigned bytes; returns a ByteTensor of the sizes in its header.
function M.readIDX(path)
   local s = read_all(path)
   if #s < 4 then
      error(string.format("mnist: '%s' is too short for an IDX header (%d bytes)", path, #s), 2)
   end
   local z1, z2, kind, ndim = s:byte(1, 4)
   if z1 ~= 0 or z2 ~= 0 or kind ~= 0x08 or ndim < 1 or ndim > 4 then
      error(string.format("mnist: '%s' has bad magic number 0x%02x%02x%02x%02x (expected 0x000008 followed by 01..04: unsigned-byte IDX)",
         path, z1, z2, kind, ndim), 2)
   end
   local header = 4 + 4 * ndim
   if #s < header then
      error(string.format("mnist: '%s' is truncated in its header (%d bytes, need %d)", path, #s, header), 2)
   end
   local dims, count = {}, 1
   for i = 1, ndim do
      dims[i] = be32(s, 5 + 4 * (i - 1))
      count = count * dims[i]
   end
   local have = #s - header
   if have ~= count then
      error(string.format("mnist: '%s' is %s: header says %s = %d bytes of data, file has %d",
         path, have < count and 'truncated' or 'corrupt (trailing bytes)',
         table.concat(dims, 'x'), count, have), 2)
   end
   local t = torch.ByteTensor(torch.LongStorage(dims))
   if count > 0 then
      ffi.copy(torch.data(t), ffi.cast('const char *', s) + header, count)
   end
   return t
end

local function find(dir, stem)
   for _, name in ipairs({stem, stem .. '.gz'}) do
      local p = dir .. '/' .. name
      local f = io.open(p, 'rb')
      if f then
         f:close()
         return p
      end
   end
   error(string.format("mnist: no '%s' or '%s.gz' in '%s' (install dataset-fashion-mnist or set FMNIST_DIR)",
      stem, stem, dir), 3)
end

local function load_set(dir, prefix)
   local images = M.readIDX(find(dir, prefix .. '-images-idx3-ubyte'))
   local labels = M.readIDX(find(dir, prefix .. '-labels-idx1-ubyte'))
   if images:dim() ~= 3 or labels:dim() ~= 1 or images:size(1) ~= labels:size(1) then
      error(string.format("mnist: '%s' set: %d images do not match %d labels", prefix,
         images:size(1), labels:size(1)), 3)
   end
   local n = labels:size(1)
   local p = torch.data(labels)
   for i = 0, n - 1 do
      if p[i] > 9 then
         error(string.format("mnist: '%s' labels: label %d at index %d is out of 0..9", prefix, p[i], i + 1), 3)
      end
      p[i] = p[i] + 1
   end
   return { images = images, labels = labels, size = n }
end

-- Returns train, test: tables {images = ByteTensor N×28×28, labels = ByteTensor N (1..10), size = N}.
function M.load(dir)
   dir = dir or M.default_dir
   return load_set(dir, 'train'), load_set(dir, 't10k')
end

-- Sets set.data (FloatTensor N×(h*w), zero mean / unit variance with train's statistics).
function M.normalize(train, test)
   local function flat(set)
      local n = set.images:size(1)
      local d = set.images:nElement() / math.max(n, 1)
      set.data = torch.FloatTensor(n, d):copy(set.images:view(n, d))
   end
   flat(train)
   local mean = train.data:mean()
   local std = train.data:std()
   train.data:add(-mean):div(std)
   if test then
      flat(test)
      test.data:add(-mean):div(std)
   end
   train.mean, train.std = mean, std
   return mean, std
end

-- Iterator over (inputs, targets, n) mini-batches of set; buffers reused between steps.
function M.batches(set, batchSize, opts)
   opts = opts or {}
   local data = set.data or error('mnist.batches: call mnist.normalize first (set.data missing)', 2)
   local n, d = data:size(1), data:size(2)
   local shuffle = opts.shuffle ~= false
   local order
   if shuffle then
      order = torch.randperm(n):long()
   else
      order = torch.range(1, n):long()
   end
   local inputs = opts.inputs or torch.FloatTensor()
   local targets = opts.targets or torch.LongTensor()
   local labels = set.labels
   local nb = opts.dropLast and math.floor(n / batchSize) or math.ceil(n / batchSize)
   if opts.maxBatches and opts.maxBatches > 0 then
      nb = math.min(nb, opts.maxBatches)
   end
   local idx = torch.LongTensor()
   local b = 0
   return function()
      if b >= nb then
         return nil
      end
      local first = b * batchSize + 1
      local m = math.min(batchSize, n - first + 1)
      b = b + 1
      idx = order:narrow(1, first, m)
      inputs:index(data, 1, idx)
      targets:resize(m)
      local tp, ip, lp = torch.data(targets), torch.data(idx), torch.data(labels)
      for i = 0, m - 1 do
         tp[i] = lp[ip[i] - 1]
      end
      return inputs, targets, m
   end
end

return M
