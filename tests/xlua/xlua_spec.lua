-- xlua.progress (lua/xlua/init.lua): the plain-line output for logs, the in-place terminal bar,
-- how often it draws, and the time formats. Clocks and outputs are injected.

local xlua = require 'xlua'

-- A progress bar on a fake clock; returns it, the list of writes, and a function to set the time.
local function fake(tty, columns)
   local now = 0
   local writes = {}
   local bar = xlua.Progress({
      clock = function() return now end,
      write = function(s) writes[#writes + 1] = s end,
      tty = tty,
      columns = columns or 80,
   })
   return bar, writes, function(t) now = t end
end

describe('xlua', function()
   it('sets the global xlua, as Torch7 scripts expect', function()
      assert.are.equal(xlua, rawget(_G, 'xlua'))
      assert.are.equal('function', type(xlua.progress))
   end)

   describe('formatTime', function()
      it('shows the two largest units', function()
         assert.are.equal('0ms', xlua.formatTime(0))
         assert.are.equal('457ms', xlua.formatTime(0.4567))
         assert.are.equal('4s000ms', xlua.formatTime(3.9999999))
         assert.are.equal('12s040ms', xlua.formatTime(12.04))
         assert.are.equal('3m05s', xlua.formatTime(185))
         assert.are.equal('2h03m', xlua.formatTime(7380))
         assert.are.equal('1D02h', xlua.formatTime(93600))
         assert.are.equal('0ms', xlua.formatTime(-1))
      end)
   end)

   describe('progress when stdout is not a terminal', function()
      it('prints a plain line at each tenth and at the end, with no control characters', function()
         local bar, writes, set_time = fake(false)
         for i = 1, 100 do
            set_time(i * 0.05)
            bar:update(i, 100)
         end
         assert.are.same({
            '10/100 [10%] | Tot: 450ms | ETA: 4s500ms\n',
            '20/100 [20%] | Tot: 950ms | ETA: 4s000ms\n',
            '30/100 [30%] | Tot: 1s450ms | ETA: 3s500ms\n',
            '40/100 [40%] | Tot: 1s950ms | ETA: 3s000ms\n',
            '50/100 [50%] | Tot: 2s450ms | ETA: 2s500ms\n',
            '60/100 [60%] | Tot: 2s950ms | ETA: 2s000ms\n',
            '70/100 [70%] | Tot: 3s450ms | ETA: 1s500ms\n',
            '80/100 [80%] | Tot: 3s950ms | ETA: 1s000ms\n',
            '90/100 [90%] | Tot: 4s450ms | ETA: 500ms\n',
            '100/100 [100%] | Tot: 4s950ms | Step: 50ms\n',
         }, writes)
         for _, line in ipairs(writes) do
            assert.is_nil(line:find('[\r\27]'))
         end
      end)

      it('prints one line for a tenth crossed by a big step, and the end once', function()
         local bar, writes = fake(false)
         bar:update(1, 7)
         bar:update(5, 7)
         bar:update(7, 7)
         assert.are.same({ '1/7 [14%] | Tot: 0ms | ETA: 0ms\n', '5/7 [71%] | Tot: 0ms | ETA: 0ms\n',
            '7/7 [100%] | Tot: 0ms | Step: 0ms\n' }, writes)
      end)

      it('starts a new bar after the end, when current goes back, or when total changes', function()
         local bar, writes, set_time = fake(false)
         set_time(10)
         bar:update(10, 10)
         set_time(20)
         bar:update(1, 2)                 -- a new bar: its time starts at 20
         set_time(21)
         bar:update(2, 2)
         assert.are.equal('2/2 [100%] | Tot: 1s000ms | Step: 1s000ms\n', writes[#writes])
         bar:update(5, 10)
         set_time(22)
         bar:update(1, 10)                -- went back: starts over at 22
         set_time(23)
         bar:update(10, 10)
         assert.are.equal('10/10 [100%] | Tot: 1s000ms | Step: 111ms\n', writes[#writes])
      end)

      it('ignores a zero or missing total', function()
         local bar, writes = fake(false)
         bar:update(1, 0)
         bar:update(nil, 10)
         assert.are.same({}, writes)
      end)
   end)

   describe('progress on a terminal', function()
      it('redraws one line in place, at most ten times a second, and ends it with a newline', function()
         local bar, writes, set_time = fake(true, 80)
         for i = 1, 1000 do
            set_time(i * 0.001)          -- one update per millisecond for a second
            bar:update(i, 1000)
         end
         -- the first call, then one per 100 ms, then the end
         assert.is_true(#writes >= 10 and #writes <= 12, #writes .. ' draws')
         for i, s in ipairs(writes) do
            assert.are.equal('\r [', s:sub(1, 3))
            assert.truthy(s:find('\27[K', 1, true))
            assert.are.equal(i == #writes, s:sub(-1) == '\n')
         end
         assert.are.equal('\r [' .. string.rep('=', 31) .. '] 1000/1000 | Tot: 999ms | Step: 1ms\27[K\n',
            writes[#writes])
      end)

      it('keeps the bar one width for the whole run', function()
         local bar, writes, set_time = fake(true, 100)
         for i = 1, 20 do
            set_time(i)
            bar:update(i, 20)
         end
         local width = #writes[1]:match('%[([=>%.]*)%]')
         for _, s in ipairs(writes) do
            assert.are.equal(width, #s:match('%[([=>%.]*)%]'))
         end
         assert.truthy(writes[10]:find('%[=+>%.+%] 10/20 | Tot: 9s000ms | ETA: 10s000ms'), writes[10])
      end)
   end)
end)
