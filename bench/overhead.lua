--[[ bench/overhead.lua — the cost of one elementwise call on tiny tensors, in microseconds.

   bin/wick bench/overhead.lua [threads]        (default: 2)

The counterpart of /work/shared/bench/pytorch/bench_overhead.py: per-call time of

   wick_add_inplace_<n>elem_us   a:add(b)             (PyTorch's a.add_(b))
   wick_add_out_<n>elem_us       torch.add(c, a, b)   (PyTorch's torch.add(a, b, out=c))
   wick_add_method_out_<n>elem_us c:add(a, b)
   wick_add_alloc_1elem_us       torch.add(a, b), a new result each call (PyTorch's a + b)
   wick_exp_inplace_1elem_us     a:exp()
   wick_ffi_call_us              a bare FFI call into libwick (wk_tensor_numel): the floor
   lua_loop_us                   an empty loop iteration

on float tensors of n = 1 and 100 elements: 1e6 calls per timing, the median of 7 timings.
]]

-- Runs under bin/wick, or plain luajit from the repository root.
if not pcall(require, 'torch') then
   package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path
   require 'torch'
end
local C = require('torch.lib').C

local threads = tonumber(arg and arg[1]) or 2
torch.setnumthreads(threads)
local CALLS = 1000000

local timer = torch.Timer()
-- Microseconds per call of loop(k), which makes k calls: the median of 7 timings.
local function per_call(loop)
   loop(CALLS / 10)
   local times = {}
   for r = 1, 7 do
      local t0 = timer:time().real
      loop(CALLS)
      times[r] = (timer:time().real - t0) / CALLS * 1e6
   end
   table.sort(times)
   return times[4]
end

local function report(name, value)
   print(string.format('RESULT %s=%.4f us  (threads=%d, %d calls, median of 7)', name, value, threads, CALLS))
   io.stdout:flush()
end

for _, n in ipairs({ 1, 100 }) do
   local a, b, c = torch.FloatTensor(n):fill(1), torch.FloatTensor(n):fill(1e-7), torch.FloatTensor(n)
   report(string.format('wick_add_inplace_%delem_us', n), per_call(function(k)
      for _ = 1, k do
         a:add(b)
      end
   end))
   report(string.format('wick_add_out_%delem_us', n), per_call(function(k)
      for _ = 1, k do
         torch.add(c, a, b)
      end
   end))
   report(string.format('wick_add_method_out_%delem_us', n), per_call(function(k)
      for _ = 1, k do
         c:add(a, b)
      end
   end))
end

local a, b = torch.FloatTensor(1):fill(0.5), torch.FloatTensor(1):fill(1)
report('wick_add_alloc_1elem_us', per_call(function(k)
   for _ = 1, k do
      torch.add(a, b)
   end
end))
report('wick_exp_inplace_1elem_us', per_call(function(k)
   for _ = 1, k do
      a:fill(0.5):exp()
   end
end) - per_call(function(k)
   for _ = 1, k do
      a:fill(0.5)
   end
end))
report('wick_ffi_call_us', per_call(function(k)
   for _ = 1, k do
      C.wk_tensor_numel(a)
   end
end))
report('lua_loop_us', per_call(function(k)
   for _ = 1, k do -- luacheck: ignore
   end
end))
