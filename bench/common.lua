--[[ bench/common.lua — what the Lua benchmarks share: a clock and the timing rule.

   now()            seconds on the monotonic clock (torch.Timer's)
   time_calls(f)    seconds per call of f: 3 warm-up calls, then reps of at least 20 ms (f called
                    as often as that takes), at least 7 reps and 0.5 s in all; the median rep
                    counts, so a rep disturbed by the machine's other load does not.
]]
require 'torch'

local M = {}

local clock = torch.Timer()

function M.now()
   return clock:time().real
end

function M.time_calls(f)
   local now = M.now
   for _ = 1, 3 do
      f()
   end
   local t0 = now()
   f()
   local one = now() - t0
   local inner = one < 0.02 and math.floor(0.02 / math.max(one, 1e-7)) + 1 or 1
   local times = {}
   local start = now()
   while #times < 7 or now() - start < 0.5 do
      t0 = now()
      for _ = 1, inner do
         f()
      end
      times[#times + 1] = (now() - t0) / inner
   end
   table.sort(times)
   return times[math.floor(#times / 2) + 1]
end

return M
