--[[ bench/repl_interrupt.lua — what making REPL code interruptible (wick/interrupt.lua) costs.

   bin/wick bench/repl_interrupt.lua

Runs a few loops four ways and prints `RESULT interrupt_<loop>_<way>=<ms> ms` (best of 5) and
each way's slowdown against the plain run:
   plain      as a script runs: JIT on, no hook, no profiler
   line       the REPL's default: count hook during the call + jit.profile in line mode
   function   $WICK_INTERRUPT=function: count hook + jit.profile in function mode
   jitoff     the alternative not taken: the chunk compiled with the JIT off, count hook
The loops: a one-line scalar loop, a multi-line scalar loop, a loop of small Lua calls, a loop of
tensor element reads (FFI), and a loop of tensor ops (mostly C).
]]

require 'torch'
local profile = require 'jit.profile'

local REPEATS = 5

local LOOPS = {
   { 'tight', 'local s = 0 for i = 1, 3e8 do s = s + i end return s' },
   { 'multiline', [[
local s = 0
for i = 1, 1e8 do
   local a = i * 2
   local b = a + 1
   s = s + b
end
return s]] },
   { 'calls', [[
local function f(x) return x * 0.5 + 1 end
local s = 0
for i = 1, 1e8 do s = s + f(i) end
return s]] },
   { 'elements', [[
local t = torch.FloatTensor(1000):fill(1)
local s = 0
for r = 1, 20000 do
   for i = 1, 1000 do s = s + t[i] end
end
return s]] },
   { 'tensor_ops', [[
local a, b = torch.FloatTensor(100, 100):fill(1), torch.FloatTensor(100, 100):fill(2)
local c = torch.FloatTensor(100, 100)
for i = 1, 20000 do c:copy(a):add(b):mul(0.5) end
return c:sum()]] },
}

local function hook() end

local function time_once(source, way)
   local chunk = assert(loadstring(source))
   if way == 'jitoff' then
      jit.off(chunk, true)
   end
   if way ~= 'plain' then
      debug.sethook(hook, '', 10000)
   end
   local start = os.clock()
   chunk()
   local elapsed = os.clock() - start
   debug.sethook()
   return elapsed * 1000
end

local function best(source, way)
   local t = math.huge
   for _ = 1, REPEATS do
      t = math.min(t, time_once(source, way))
   end
   return t
end

local ways = { 'plain', 'line', 'function', 'jitoff' }
for _, loop in ipairs(LOOPS) do
   local name, source = loop[1], loop[2]
   local plain
   for _, way in ipairs(ways) do
      if way == 'line' then
         profile.start('li50', function() end)
      elseif way == 'function' then
         profile.start('fi50', function() end)
      end
      local ms = best(source, way)
      if way == 'line' or way == 'function' then
         profile.stop()
      end
      plain = plain or ms
      print(string.format('RESULT interrupt_%s_%s=%.1f ms  (%.2fx plain)', name, way, ms, ms / plain))
   end
end
