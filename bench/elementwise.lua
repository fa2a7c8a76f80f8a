--[[ bench/elementwise.lua — elementwise throughput on 1e7 floats: add, mul, exp, contiguous and
transposed.

   bin/wick bench/elementwise.lua [threads ...]        (default: 2)

Times, as /work/shared/bench/pytorch/bench_elementwise_torch.py does (3 warm-up calls, then the
median of 30), with the result tensor given (PyTorch's out=), so nothing is allocated:

   add      torch.add(c, a, b)        c = a + b         GB/s counting 3 arrays x 4 bytes
   addip    a:add(b)                  in place          likewise
   mul      torch.cmul(c, a, b)       c = a * b         likewise
   exp      torch.exp(c, a)           c = exp(a)        GB/s counting 2 arrays x 4 bytes
   add_T, mul_T, exp_T: the same with a and b transposed views (a = A:t() with A 2500x4000, so
            a is 4000x2500 with strides 1, 4000) and c a contiguous 4000x2500.

Prints `RESULT wick_<op>_1e7_t<T>=<GB/s> GB/s` and `RESULT ratio_<op>_T_t<T>=<x> x` (transposed
over contiguous throughput). bench/compare_math.sh sets these beside PyTorch and the STREAM
ceiling measured in the same run.
]]

-- Runs under bin/wick, or plain luajit from the repository root.
if not pcall(require, 'torch') then
   package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path
   require 'torch'
end

local N, ROWS, COLS = 10000000, 2500, 4000
local threads_list = {}
for i = 1, arg and #arg or 0 do
   threads_list[#threads_list + 1] = tonumber(arg[i])
end
if #threads_list == 0 then
   threads_list = { 2 }
end

local function random_floats(...)
   local t = torch.FloatTensor(...)
   local p, n = t:data(), t:nElement()
   for i = 0, n - 1 do
      p[i] = math.random() - 0.5
   end
   return t
end

-- Median seconds per call: 3 warm-up calls, then 30 timed (as the PyTorch script).
local timer = torch.Timer()
local function median_time(f)
   for _ = 1, 3 do
      f()
   end
   local times = {}
   for r = 1, 30 do
      local t0 = timer:time().real
      f()
      times[r] = timer:time().real - t0
   end
   table.sort(times)
   return (times[15] + times[16]) / 2
end

local function report(name, value, unit, note)
   print(string.format('RESULT %s=%.3f %s%s', name, value, unit, note and ('  (' .. note .. ')') or ''))
   io.stdout:flush()
end

local a, b, c = random_floats(N), random_floats(N), torch.FloatTensor(N)
local A, B = random_floats(ROWS, COLS), random_floats(ROWS, COLS)
local at, bt, ct = A:t(), B:t(), torch.FloatTensor(COLS, ROWS)
-- exp's input in [-0.5, 0.5): no overflow whatever the repetition

local cases = {
   { 'add', 12, function() torch.add(c, a, b) end, function() torch.add(ct, at, bt) end },
   { 'addip', 12, function() a:add(b) end, nil },
   { 'mul', 12, function() torch.cmul(c, a, b) end, function() torch.cmul(ct, at, bt) end },
   { 'exp', 8, function() torch.exp(c, a) end, function() torch.exp(ct, at) end },
}

print(string.format('# wick elementwise, float32, %d elements; transposed: %dx%d views of %dx%d', N, COLS, ROWS, ROWS,
   COLS))
for _, threads in ipairs(threads_list) do
   torch.setnumthreads(threads)
   for _, case in ipairs(cases) do
      local name, bytes, plain, transposed = case[1], case[2], case[3], case[4]
      if name == 'addip' then
         b:mul(1e-9)   -- keeps a bounded over the repetitions (a += b thousands of times)
      end
      local seconds = median_time(plain)
      local rate = bytes * N / seconds * 1e-9
      report(string.format('wick_%s_1e7_t%d', name, threads), rate, 'GB/s',
         string.format('median %.3f ms', seconds * 1e3))
      if transposed then
         local seconds_t = median_time(transposed)
         local rate_t = bytes * N / seconds_t * 1e-9
         report(string.format('wick_%s_T_1e7_t%d', name, threads), rate_t, 'GB/s',
            string.format('median %.3f ms', seconds_t * 1e3))
         report(string.format('ratio_%s_T_t%d', name, threads), seconds_t / seconds, 'x',
            'transposed time over contiguous time')
      end
   end
end
