--[[ bench/conv.lua — convolution speed: each conv layer of the LeNet-style Fashion-MNIST model
against sgemm at the same shapes, and the whole model's training throughput against PyTorch's
(oneDNN), in one run.

   bin/wick bench/conv.lua [threads = 2] [batches = 60] [--no-pytorch]

The model is PyTorch's train_cnn.py (/work/shared/bench/pytorch): batch 128 of 1 x 28 x 28,
conv 5x5 1->32, ReLU, maxpool 2 -> conv 5x5 32->64, ReLU, maxpool 2 -> 1024 -> 256, ReLU -> 10,
LogSoftMax, ClassNLLCriterion, SGD lr 0.05 momentum 0.9 (over getParameters()).

1. Per conv layer: forward (updateOutput), input gradient (updateGradInput) and weight gradient
   (accGradParameters) in GFLOP/s, each timed in reps alternating with cblas_sgemm called through
   the FFI at the shapes a batched im2col convolution multiplies (forward O x K @ K x NP, input
   gradient K x O @ O x NP, weight gradient O x NP @ NP x K): ratio_* = conv / sgemm.
2. The training step on random data (the data set is not read): samples/s over `batches` steps
   after 5 warm-up steps, median of 3 runs; once as Torch7 runs it (every layer computes its
   gradInput) and once with the first layer's gradInput = nil (Torch7's way to skip it; PyTorch
   skips it by itself, as its input needs no gradient). The conv and pool layers alone are timed
   too (forward + backward of the 4 layers).
3. PyTorch, its best configuration (README there): OPENBLAS_NUM_THREADS=1 train_cnn.py --threads 2
   with glibc told to keep freed memory, --max-batches `batches`, run between two Wick runs so
   both see the same machine; its steady samples/s, and the ratio.

Prints `RESULT name=value unit` lines. These machines are shared and drift: compare ratios taken
in one run, and read the loadcheck line (CPU other processes took meanwhile).
]]

if not pcall(require, 'torch') then
   package.path = 'lua/?.lua;lua/?/init.lua;./?.lua;./?/init.lua;' .. package.path
   require 'torch'
end
require 'nn'
local ffi = require 'ffi'

ffi.cdef [[
void cblas_sgemm(int order, int transa, int transb, int m, int n, int k, float alpha, const float *a, int lda,
                 const float *b, int ldb, float beta, float *c, int ldc);
]]
local common = require 'bench.common'
local now = common.now
local openblas = ffi.load('openblas')

local threads, batches, with_pytorch = 2, 60, true
local numbers = {}
for _, a in ipairs(arg or {}) do
   if a == '--no-pytorch' then
      with_pytorch = false
   elseif tonumber(a) then
      numbers[#numbers + 1] = tonumber(a)
   end
end
threads, batches = numbers[1] or threads, numbers[2] or batches
torch.setnumthreads(threads)
torch.manualSeed(0)
local REFERENCE = '/work/shared/bench/pytorch'
local BATCH = 128

local function report(name, value, unit, note)
   print(string.format('RESULT %s=%.2f %s%s', name, value, unit, note and ('  (' .. note .. ')') or ''))
   io.stdout:flush()
end

-- Median seconds per call of f and g, in alternating reps of >= 20 ms, >= 7 reps and 1 s.
local function time_pair(f, g)
   for _ = 1, 2 do
      f()
      g()
   end
   local t0 = now()
   f()
   local one = now() - t0
   local inner = one < 0.02 and math.floor(0.02 / math.max(one, 1e-7)) + 1 or 1
   local tf, tg = {}, {}
   local start = now()
   local function rep(fn, list)
      local s = now()
      for _ = 1, inner do
         fn()
      end
      list[#list + 1] = (now() - s) / inner
   end
   while #tf < 7 or now() - start < 1.0 do
      if #tf % 2 == 0 then
         rep(f, tf)
         rep(g, tg)
      else
         rep(g, tg)
         rep(f, tf)
      end
   end
   table.sort(tf)
   table.sort(tg)
   return tf[math.floor(#tf / 2) + 1], tg[math.floor(#tg / 2) + 1]
end

-- CPU time other processes used in [t0, t1]: (busy jiffies of the machine - our own) / wall.
local function busy_jiffies()
   local f = io.open('/proc/stat')
   local line = f:read('*l')
   f:close()
   local v = {}
   for x in line:gmatch('%d+') do
      v[#v + 1] = tonumber(x)
   end
   return v[1] + v[2] + v[3] + v[6] + v[7] + v[8]
end
local function own_jiffies()
   local f = io.open('/proc/self/stat')
   local line = f:read('*l')
   f:close()
   local fields = {}
   for x in line:match('%) (.*)$'):gmatch('%S+') do
      fields[#fields + 1] = x
   end
   return tonumber(fields[12]) + tonumber(fields[13])   -- utime, stime
end

print(string.format('# wick conv benchmark: %d threads, batch %d, OPENBLAS_CORETYPE=%s', threads, BATCH,
   os.getenv('OPENBLAS_CORETYPE') or '(unset)'))

-- 1. The conv layers against sgemm ------------------------------------------------------------------

local function loadcheck(j0, own0, t0)
   local wall = now() - t0
   local other = ((busy_jiffies() - j0) - (own_jiffies() - own0)) / 100
   print(string.format('# loadcheck: wall=%.1fs other_procs_cpu=%.1fs (avg %.2f cores busy elsewhere)', wall, other,
      other / wall))
end

local layers_start = { busy_jiffies(), own_jiffies(), now() }
local layers = {
   { name = 'conv1', planes = 1, outputs = 32, size = 28 },
   { name = 'conv2', planes = 32, outputs = 64, size = 12 },
}
for _, layer in ipairs(layers) do
   local C, O, k = layer.planes, layer.outputs, 5
   local m = nn.SpatialConvolution(C, O, k, k):float()
   local x = torch.FloatTensor(BATCH, C, layer.size, layer.size):uniform(-1, 1)
   local y = m:forward(x)
   local gy = y:clone():uniform(-1, 1)
   local P, K = y:size(3) * y:size(4), C * k * k
   local NP = BATCH * P
   local flops = 2 * O * K * NP
   local A = torch.FloatTensor(O * K):uniform()                    -- the weight
   local B = torch.FloatTensor(math.max(K, O) * NP):uniform()      -- columns or gradOutput
   local B2 = torch.FloatTensor(math.max(K, O) * NP):uniform()
   local Cm = torch.FloatTensor(math.max(O, K) * NP):uniform()     -- the result
   local pa, pb, pb2, pc = A:data(), B:data(), B2:data(), Cm:data()
   -- CBLAS: RowMajor 101, NoTrans 111, Trans 112
   local passes = {
      { 'forward', function() m:updateOutput(x) end,
        function() openblas.cblas_sgemm(101, 111, 111, O, NP, K, 1, pa, K, pb, NP, 0, pc, NP) end },
      { 'grad_input', function() m:updateGradInput(x, gy) end,
        function() openblas.cblas_sgemm(101, 112, 111, K, NP, O, 1, pa, K, pb, NP, 0, pc, NP) end },
      { 'grad_weight', function() m:accGradParameters(x, gy, 1) end,
        function() openblas.cblas_sgemm(101, 111, 112, O, K, NP, 1, pb, NP, pb2, NP, 1, pc, K) end },
   }
   for _, pass in ipairs(passes) do
      local ours, blas = time_pair(pass[2], pass[3])
      local tag = string.format('%s_%s_t%d', layer.name, pass[1], threads)
      report('wick_' .. tag, flops / ours * 1e-9, 'GFLOP/s', string.format('%.2f ms', ours * 1e3))
      report('sgemm_' .. tag, flops / blas * 1e-9, 'GFLOP/s', string.format('%.2f ms', blas * 1e3))
      report('ratio_' .. tag, blas / ours, 'x', 'conv / sgemm at the same shapes')
   end
end

loadcheck(layers_start[1], layers_start[2], layers_start[3])

-- 2. The model ------------------------------------------------------------------------------------------

local function build()
   torch.manualSeed(0)
   local model = nn.Sequential()
   model:add(nn.SpatialConvolution(1, 32, 5, 5)):add(nn.ReLU()):add(nn.SpatialMaxPooling(2, 2))
   model:add(nn.SpatialConvolution(32, 64, 5, 5)):add(nn.ReLU()):add(nn.SpatialMaxPooling(2, 2))
   model:add(nn.View(64 * 4 * 4))
   model:add(nn.Linear(64 * 4 * 4, 256)):add(nn.ReLU()):add(nn.Linear(256, 10)):add(nn.LogSoftMax())
   return model:float()
end

-- samples/s over `count` steps after 5 warm-up steps
local function train_rate(model, count)
   local criterion = nn.ClassNLLCriterion():float()
   local params, grads = model:getParameters()
   local velocity = grads:clone():zero()
   local x = torch.FloatTensor(BATCH, 1, 28, 28):uniform(0, 1)
   local target = torch.LongTensor(BATCH)
   for i = 1, BATCH do
      target[i] = (i % 10) + 1
   end
   local function step()
      grads:zero()
      local out = model:forward(x)
      criterion:forward(out, target)
      model:backward(x, criterion:backward(out, target))
      velocity:mul(0.9):add(grads)
      params:add(-0.05, velocity)
   end
   for _ = 1, 5 do
      step()
   end
   local t0 = now()
   for _ = 1, count do
      step()
   end
   return count * BATCH / (now() - t0)
end

local function median3(f)
   local r = { f(), f(), f() }
   table.sort(r)
   return r[2]
end

local function model_runs(label)
   local j0, own0, t0 = busy_jiffies(), own_jiffies(), now()
   local model = build()
   local torch7 = median3(function() return train_rate(model, batches) end)
   report('wick_cnn_train_' .. label .. '_t' .. threads, torch7, 'samples/s', 'every gradInput computed, as Torch7')
   model.modules[1].gradInput = nil
   local skip = median3(function() return train_rate(model, batches) end)
   report('wick_cnn_train_skip_input_grad_' .. label .. '_t' .. threads, skip, 'samples/s',
      'first layer gradInput = nil, as PyTorch')
   loadcheck(j0, own0, t0)
   return skip
end

-- The conv and pool layers alone: forward + backward of conv1, pool1, conv2, pool2.
do
   local model = nn.Sequential()
   model:add(nn.SpatialConvolution(1, 32, 5, 5)):add(nn.SpatialMaxPooling(2, 2))
   model:add(nn.SpatialConvolution(32, 64, 5, 5)):add(nn.SpatialMaxPooling(2, 2))
   model:float()
   model.modules[1].gradInput = nil
   local x = torch.FloatTensor(BATCH, 1, 28, 28):uniform(0, 1)
   local gy = model:forward(x):clone():uniform(-1, 1)
   local seconds = time_pair(function()
      model:forward(x)
      model:backward(x, gy)
   end, function() end)
   report('wick_conv_pool_layers_t' .. threads, BATCH / seconds, 'samples/s',
      string.format('%.2f ms per batch, forward + backward', seconds * 1e3))
end

local first = model_runs('a')

-- 3. PyTorch, between two Wick runs ------------------------------------------------------------------

local pytorch
if with_pytorch then
   local command = string.format('cd %s && OPENBLAS_NUM_THREADS=1 MALLOC_MMAP_THRESHOLD_=33554432 '
      .. 'MALLOC_TRIM_THRESHOLD_=17179869184 /usr/bin/python3 train_cnn.py --threads %d --max-batches %d 2>&1',
      REFERENCE, threads, batches + 5)
   local j0, own0, t0 = busy_jiffies(), own_jiffies(), now()
   local pipe = io.popen(command)
   local text = pipe:read('*a')
   pipe:close()
   local wall = now() - t0
   for line in text:gmatch('[^\n]+') do
      print('# ' .. line)
      local v = line:match('^RESULT cnn_[%w_]*_steady_samples_per_s=([%d.]+)')
      if v then
         pytorch = tonumber(v)
      end
   end
   -- the child's CPU counts as "other" here: subtract nothing, report the machine's total busy
   local busy = (busy_jiffies() - j0) / 100 - (own_jiffies() - own0) / 100
   print(string.format('# pytorch run: wall=%.1fs, cores busy in all (pytorch + others) %.2f', wall, busy / wall))
   if pytorch then
      report('pytorch_cnn_train_t' .. threads, pytorch, 'samples/s', 'oneDNN, best configuration, steady')
   else
      print('# PyTorch did not report a rate (is python3-torch installed?)')
   end
end

local second = model_runs('b')
if pytorch then
   report('ratio_wick_pytorch_cnn_train', (first + second) / 2 / pytorch, 'x',
      'Wick (first layer gradInput skipped, mean of the runs before and after) / PyTorch; target >= 1')
end
