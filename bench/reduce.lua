--[[ bench/reduce.lua — whole-tensor and per-dimension reductions against PyTorch, in one run.

   bin/wick bench/reduce.lua [threads]        (default: 2)

Times, on float32 and the given thread count:
   sum, max          t:sum(), t:max() over 1e7 elements (numbers: no allocation either side)
   sum_dim2          torch.sum(res, m, 2) on a 1000 x 10000 matrix: each row reduced (contiguous lines)
   sum_dim1          torch.sum(res, m, 1): the rows accumulated (the "columns" layout)
   max_dim2          torch.max(vals, idx, m, 2): values and indices of each row
then the same work in PyTorch (/usr/bin/python3 -c, through io.popen: torch.sum(x),
torch.max(x), torch.sum(m, 1, keepdim=True, out=r), torch.max(m, 1, keepdim=True, out=(v, i)))
on the same thread count, then Wick again; each Wick figure is the better of its two runs, so
a burst of load elsewhere does not decide the ratio.

Timing as bench/sgemm.lua: 3 warm-up calls, reps of at least 20 ms, at least 7 reps and 0.5 s;
the median rep counts. Bandwidth counts the 4 bytes of each element read once.

Prints `RESULT name=value unit`: wick_<case>_t<T> and torch_<case>_t<T> in GB/s, and
ratio_<case>_t<T> = PyTorch's time / Wick's (above 1: Wick is faster).
]]

-- Runs under bin/wick, or plain luajit from the repository root.
if not pcall(require, 'torch') then
   package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path
   require 'torch'
end
local ffi = require 'ffi'

local common = require 'bench.common'
local now = common.now

local threads = tonumber(arg and arg[1]) or 2
torch.setnumthreads(threads)
local N, ROWS, COLS = 10000000, 1000, 10000

local function random_tensor(...)
   local t = torch.FloatTensor(...)
   local p = t:data()
   for i = 0, t:nElement() - 1 do
      p[i] = math.random() - 0.5
   end
   return t
end

-- Median seconds per call of f.
local time_calls = common.time_calls

local x = random_tensor(N)
local m = random_tensor(ROWS, COLS)
local res, values, indices = torch.FloatTensor(), torch.FloatTensor(), torch.LongTensor()
local sink = 0
local CASES = {
   { 'sum', function() sink = sink + x:sum() end },
   { 'max', function() sink = sink + x:max() end },
   { 'sum_dim2', function() torch.sum(res, m, 2) end },
   { 'sum_dim1', function() torch.sum(res, m, 1) end },
   { 'max_dim2', function() torch.max(values, indices, m, 2) end },
}

local function run_wick(best)
   for _, case in ipairs(CASES) do
      local seconds = time_calls(case[2])
      best[case[1]] = math.min(best[case[1]] or math.huge, seconds)
   end
end

-- PyTorch: the same cases, the same timing rule; prints "<case> <seconds>" lines.
local PYTHON = [[
import time, torch
torch.set_num_threads(@THREADS@)
x = torch.rand(@N@) - 0.5
m = torch.rand(@ROWS@, @COLS@) - 0.5
r = torch.empty(0); v = torch.empty(0); i = torch.empty(0, dtype=torch.long)
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
cases = [("sum", lambda: torch.sum(x).item()), ("max", lambda: torch.max(x).item()),
         ("sum_dim2", lambda: torch.sum(m, 1, keepdim=True, out=r)),
         ("sum_dim1", lambda: torch.sum(m, 0, keepdim=True, out=r)),
         ("max_dim2", lambda: torch.max(m, 1, keepdim=True, out=(v, i)))]
for name, f in cases:
    print(name, repr(median(f)), flush=True)
]]

local function run_torch()
   local code = PYTHON:gsub('@THREADS@', tostring(threads)):gsub('@ROWS@', tostring(ROWS))
      :gsub('@COLS@', tostring(COLS)):gsub('@N@', tostring(N))
   local pipe = io.popen("/usr/bin/python3 -c '" .. code .. "' 2>&1")
   local out = pipe:read('*a')
   pipe:close()
   local times = {}
   for name, seconds in out:gmatch('([%w_]+) ([%d%.e%-]+)\n') do
      times[name] = tonumber(seconds)
   end
   if not times.sum then
      io.stderr:write('bench/reduce.lua: PyTorch did not run:\n' .. out .. '\n')
   end
   return times
end

local BYTES = { sum = 4 * N, max = 4 * N, sum_dim2 = 4 * ROWS * COLS, sum_dim1 = 4 * ROWS * COLS,
   max_dim2 = 4 * ROWS * COLS }

local wick = {}
run_wick(wick)
local pytorch = run_torch()
run_wick(wick)

for _, case in ipairs(CASES) do
   local name = case[1]
   local gbs = BYTES[name] / wick[name] * 1e-9
   print(string.format('RESULT wick_%s_t%d=%.2f GB/s  (%.3f ms)', name, threads, gbs, wick[name] * 1e3))
   if pytorch[name] then
      print(string.format('RESULT torch_%s_t%d=%.2f GB/s  (%.3f ms)', name, threads,
         BYTES[name] / pytorch[name] * 1e-9, pytorch[name] * 1e3))
      print(string.format('RESULT ratio_%s_t%d=%.2f x  (PyTorch time / Wick time)', name, threads,
         pytorch[name] / wick[name]))
   end
end
if sink ~= sink then
   print('(NaN)')
end
