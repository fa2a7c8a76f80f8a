--[[ xlua — the part of Torch7's xlua package that training scripts use: a progress bar.

   require 'xlua'
   for i = 1, n do
      ...
      xlua.progress(i, n)
   end

xlua.progress(current, total) on a terminal draws one line, redrawn in place (\r) at most ten
times a second and always at the end, then ends it with a newline when current == total:

    [=================>..........................] 120/300 | Tot: 2s412ms | ETA: 3s618ms
    [============================================] 300/300 | Tot: 6s050ms | Step: 20ms

When stdout is not a terminal (a log file, a pipe) it prints a plain line each time another tenth
of the work is done, and one at the end, with no control characters:

    30/300 [10%] | Tot: 603ms | ETA: 5s427ms
    ...
    300/300 [100%] | Tot: 6s050ms | Step: 20ms

A bar starts on the first call, and again after it reached its total, when current goes
backwards, or when total changes. Tot is the time since the bar started, ETA the remaining
time at the average speed so far, Step the average time per unit of `current`. A call costs one
clock read and a comparison unless it redraws, so it can run every batch.

Also here:
   xlua.formatTime(seconds)   '456ms', '12s040ms', '3m05s', '2h03m', '1D02h'
   xlua.Progress(options)     a progress bar of its own (xlua.progress uses a shared one):
                              bar:update(current, total). options, all optional:
                                 clock = function() -> seconds (a monotonic clock by default)
                                 write = function(s) (io.stdout:write and flush by default)
                                 tty = boolean (isatty(1) by default)
                                 columns = terminal width (TIOCGWINSZ, $COLUMNS, else 80)
                                 interval = least seconds between terminal redraws (0.1)

`require 'xlua'` returns the module and sets the global `xlua`, as the Torch7 package does.
]]

-- luacheck: globals xlua

local registry = debug.getregistry()
if registry['wick.xlua'] then
   xlua = registry['wick.xlua']
   return xlua
end

local ffi = require 'ffi'

-- Private names (__asm__ redirects to libc) so no other file's declarations can clash.
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } wick_xlua_timespec;
typedef struct { unsigned short rows, columns, xpixels, ypixels; } wick_xlua_winsize;
int wick_xlua_clock_gettime(int clock_id, wick_xlua_timespec *out) __asm__("clock_gettime");
int wick_xlua_isatty(int fd) __asm__("isatty");
int wick_xlua_ioctl(int fd, unsigned long request, ...) __asm__("ioctl");
]]

local C = ffi.C
local CLOCK_MONOTONIC = 1
local TIOCGWINSZ = 0x5413
local floor = math.floor

local M = {}

local now_ts = ffi.new('wick_xlua_timespec')
local function monotonic()
   C.wick_xlua_clock_gettime(CLOCK_MONOTONIC, now_ts)
   return tonumber(now_ts.tv_sec) + tonumber(now_ts.tv_nsec) * 1e-9
end

local function terminal_columns()
   local ws = ffi.new('wick_xlua_winsize')
   if C.wick_xlua_ioctl(1, ffi.cast('unsigned long', TIOCGWINSZ), ws) == 0 and ws.columns > 0 then
      return ws.columns
   end
   return tonumber(os.getenv('COLUMNS')) or 80
end

local function stdout_write(s)
   io.stdout:write(s)
   io.stdout:flush()
end

-- Two units, the largest first: 456ms, 12s040ms, 3m05s, 2h03m, 1D02h.
function M.formatTime(seconds)
   local ms = floor(math.max(seconds or 0, 0) * 1000 + 0.5)
   local s = floor(ms / 1000)
   if s < 1 then
      return string.format('%dms', ms)
   elseif s < 60 then
      return string.format('%ds%03dms', s, ms % 1000)
   elseif s < 3600 then
      return string.format('%dm%02ds', floor(s / 60), s % 60)
   elseif s < 86400 then
      return string.format('%dh%02dm', floor(s / 3600), floor(s % 3600 / 60))
   end
   return string.format('%dD%02dh', floor(s / 86400), floor(s % 86400 / 3600))
end
local formatTime = M.formatTime

local Progress = {}
Progress.__index = Progress

function M.Progress(options)
   options = options or {}
   local tty = options.tty
   if tty == nil then
      tty = C.wick_xlua_isatty(1) == 1
   end
   return setmetatable({
      clock = options.clock or monotonic,
      write = options.write or stdout_write,
      tty = tty,
      columns = options.columns,
      interval = options.interval or 0.1,
      active = false,
   }, Progress)
end

-- The longest text after the bar: ' 100/100 | Tot: 59m59s | Step: 59s999ms'.
local TIMING_WIDTH = 36

function Progress:start(current, total, now)
   self.active = true
   self.total = total
   self.first = current
   self.started = now
   self.last_draw = -math.huge
   self.next_tenth = 1
   if self.tty then
      -- The bar keeps one width for its whole run, so redraws do not make it jump.
      local columns = self.columns or terminal_columns()
      local text = 2 * #tostring(total) + 2 + TIMING_WIDTH
      self.room = math.max(10, math.min(60, columns - text - 3))
   end
end

-- ' | Tot: 2s412ms | ETA: 3s618ms', or with Step at the end. The speed is measured from the
-- first call of the bar (the time before it is unknown): `steps` units took `elapsed`.
local function timing(elapsed, steps, remaining, done)
   local per_step = steps > 0 and elapsed / steps or 0
   if done then
      return ' | Tot: ' .. formatTime(elapsed) .. ' | Step: ' .. formatTime(per_step)
   end
   return ' | Tot: ' .. formatTime(elapsed) .. ' | ETA: ' .. formatTime(per_step * remaining)
end

function Progress:draw_bar(current, total, elapsed, done)
   local text = ' ' .. current .. '/' .. total .. timing(elapsed, current - self.first, total - current, done)
   local room = self.room
   local filled = floor(room * current / total)
   local bar
   if filled >= room then
      bar = string.rep('=', room)
   else
      bar = string.rep('=', filled) .. '>' .. string.rep('.', room - filled - 1)
   end
   -- \27[K clears what a longer previous line left behind.
   self.write('\r [' .. bar .. ']' .. text .. '\27[K' .. (done and '\n' or ''))
end

function Progress:draw_line(current, total, elapsed, done)
   local percent = floor(current * 100 / total)
   self.write(current .. '/' .. total .. ' [' .. percent .. '%]' ..
      timing(elapsed, current - self.first, total - current, done) .. '\n')
end

function Progress:update(current, total)
   current, total = tonumber(current), tonumber(total)
   if not current or not total or total <= 0 then
      return
   end
   local now = self.clock()
   if not self.active or total ~= self.total or current < self.current then
      self:start(current, total, now)
   end
   self.current = current
   local done = current >= total
   if done then
      current = total
   end
   local elapsed = now - self.started
   if self.tty then
      if done or now - self.last_draw >= self.interval then
         self.last_draw = now
         self:draw_bar(current, total, elapsed, done)
      end
   else
      local tenth = floor(current * 10 / total)
      if done or tenth >= self.next_tenth then
         self.next_tenth = tenth + 1
         self:draw_line(current, total, elapsed, done)
      end
   end
   if done then
      self.active = false
   end
end

local shared
function M.progress(current, total)
   shared = shared or M.Progress()
   shared:update(current, total)
end

registry['wick.xlua'] = M
xlua = M
return M
