--[[ torch.Timer — wall-clock and CPU time of a period, as Torch7's Timer.

   local timer = torch.Timer()     -- starts counting now
   ...
   print(timer:time().real)        -- seconds since then

   timer:time()     {real =, user =, sys =}: seconds counted so far (the running period included)
   timer:stop()     stops counting; what was counted is kept            returns the timer
   timer:resume()   counts again from now, on top of what was kept     returns the timer
   timer:reset()    sets the counts to 0; a running timer counts from now, a stopped one stays
                    stopped                                            returns the timer

real is the monotonic clock (clock_gettime(CLOCK_MONOTONIC): NTP and date changes do not move it);
user and sys are the CPU time of the whole process from getrusage(RUSAGE_SELF), so they sum
over every thread (OpenMP and BLAS threads included), as the shell's `time` does. stop() on a
stopped timer and resume() on a running one change nothing.

Wiring: this file returns the constructor table. If a global `torch` table exists when it is
loaded, the class is also set there as torch.Timer; otherwise init.lua does
`torch.Timer = require 'torch.Timer'`. Torch7 has no torch.tic/torch.toc (those are sys.tic and
sys.toc in the separate `sys` rock), so none are defined here.
]]

local registry = debug.getregistry()
if registry['wick.torch.Timer'] then
   return registry['wick.torch.Timer']
end

local ffi = require 'ffi'
local class = require 'torch.class'

-- x86-64 Linux (glibc and musl): time_t, suseconds_t and the rusage counters are all 64-bit
-- longs. struct rusage is two timevals followed by 14 longs we do not read (144 bytes).
-- The functions are declared under private names (__asm__ redirects to the libc symbols) so
-- another file's declaration of clock_gettime or getrusage cannot clash with these.
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } wick_timer_timespec;
typedef struct { long tv_sec; long tv_usec; } wick_timer_timeval;
typedef struct {
   wick_timer_timeval ru_utime;
   wick_timer_timeval ru_stime;
   long ru_rest[14];
} wick_timer_rusage;
int wick_timer_clock_gettime(int clock_id, wick_timer_timespec *out) __asm__("clock_gettime");
int wick_timer_getrusage(int who, wick_timer_rusage *out) __asm__("getrusage");
]]

local C = ffi.C
local CLOCK_MONOTONIC = 1
local RUSAGE_SELF = 0

-- One buffer of each, reused: time() allocates no cdata.
local now_ts = ffi.new('wick_timer_timespec')
local now_ru = ffi.new('wick_timer_rusage')

-- The three clocks, in seconds.
local function sample()
   C.wick_timer_clock_gettime(CLOCK_MONOTONIC, now_ts)
   C.wick_timer_getrusage(RUSAGE_SELF, now_ru)
   local real = tonumber(now_ts.tv_sec) + tonumber(now_ts.tv_nsec) * 1e-9
   local user = tonumber(now_ru.ru_utime.tv_sec) + tonumber(now_ru.ru_utime.tv_usec) * 1e-6
   local sys = tonumber(now_ru.ru_stime.tv_sec) + tonumber(now_ru.ru_stime.tv_usec) * 1e-6
   return real, user, sys
end

local home = rawget(_G, 'torch')
if type(home) ~= 'table' then
   home = {}
end
local Timer = class.class('torch.Timer', home)

function Timer:__init()
   self.total_real, self.total_user, self.total_sys = 0, 0, 0
   self.running = true
   self.start_real, self.start_user, self.start_sys = sample()
end

function Timer:time()
   local real, user, sys = self.total_real, self.total_user, self.total_sys
   if self.running then
      local r, u, s = sample()
      real = real + (r - self.start_real)
      user = user + (u - self.start_user)
      sys = sys + (s - self.start_sys)
   end
   return { real = real, user = user, sys = sys }
end

function Timer:stop()
   if self.running then
      local r, u, s = sample()
      self.total_real = self.total_real + (r - self.start_real)
      self.total_user = self.total_user + (u - self.start_user)
      self.total_sys = self.total_sys + (s - self.start_sys)
      self.running = false
   end
   return self
end

function Timer:resume()
   if not self.running then
      self.start_real, self.start_user, self.start_sys = sample()
      self.running = true
   end
   return self
end

function Timer:reset()
   self.total_real, self.total_user, self.total_sys = 0, 0, 0
   if self.running then
      self.start_real, self.start_user, self.start_sys = sample()
   end
   return self
end

local constructor = home.Timer
registry['wick.torch.Timer'] = constructor
return constructor
