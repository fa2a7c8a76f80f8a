--[[ wick.interrupt — Ctrl-C stops the code the REPL is running, and the session goes on.

   local interrupt = require 'wick.interrupt'
   interrupt.install()                      -- SIGINT is counted from now on (C handler)
   local ok, err = interrupt.call(f, handler, ...)   -- xpcall(f, handler, ...), interruptible
   interrupt.pending()                      -- whether Ctrl-C was pressed since the last look
   interrupt.uninstall()

An interrupted call fails with the error "interrupted (Ctrl-C)", raised where the code was, so
the traceback shows where it stopped. Its globals and everything else it changed stay.

How. A signal handler cannot run Lua, so libwick's (core/signal.c) only counts the presses;
Lua must look at the count at points where raising an error is safe, and two things make it
look:

 1. A count hook (debug.sethook, every 10000 VM instructions) while the REPL runs user code: it
    raises when a press is pending. It covers interpreted code, but LuaJIT runs no hooks inside
    compiled traces, so `for i = 1, 1e10 do end` (one trace, forever) never reaches it.
 2. LuaJIT's sampling profiler (jit.profile), started in line mode for the whole session: every
    PROFILE_MS of CPU time a timer signal makes the VM leave whatever trace it is in at the next
    line boundary (line mode records a check at each new line in every trace) and run our
    callback. The callback cannot raise (LuaJIT treats an error there as fatal), and the
    profiler puts back the hook mask it found before calling it, so the callback cannot add a
    hook either; it can only change the function and the count of the hook already set. That
    is why (1) stays installed through the whole call, even though compiled code ignores it:
    the callback sets its count to 1, and the first instruction run after the trace was left
    raises.

Long C calls (a big matrix product) are not cut short: the press waits until the call returns,
then the next check raises. Should C never return, the third unread press ends the process
(core/signal.c).

What it costs (bench/repl_interrupt.lua, best of 5, this machine's LuaJIT 2.1.0-beta3):
 - the count hook sends interpreted code through the VM's slow dispatch (about 2x slower while
   user code runs); compiled code never sees it;
 - line-mode profiling adds a check per source line to every trace compiled during the session:
   1.0x for tensor ops (time in C), 1.06-1.12x for scalar loops and calls, 1.46x for a loop of
   tensor element reads through the FFI;
 - running REPL input with the JIT off instead (the obvious way to make hooks fire) measured
   5.7x (one-line loop), 24x (calls), 230x (element reads), 1.8x (tensor ops), and would still
   leave code loaded from files (dofile, require) uninterruptible.
The profiler starts and stops only with the session: both flush every trace.
$WICK_INTERRUPT picks the profiler's mode: 'line' (the default), 'function' (checks only where
a trace enters or leaves a Lua function: no cost, but a loop that calls no Lua function cannot be
stopped) or 'off' (no profiler; interpreted code only).

Code that calls jit.profile itself replaces the REPL's profiler for the rest of the session.
]]

local M = {}

local HOOK_EVERY = 10000        -- VM instructions between looks at the count, interpreted code
local PROFILE_MS = 50           -- the profiler's sampling interval (CPU time)
local MESSAGE = 'interrupted (Ctrl-C)'

local C                         -- libwick, once installed
local installed = false
local profiling = false
local running = false           -- user code is running under call()
local requested = false         -- a press was seen; raise at the next chance
local profiler_thread           -- the coroutine the profiler runs its callback in
local handler_running           -- the error handler of the current call

local function hook()
   local co = coroutine.running()
   if co ~= nil and co == profiler_thread then
      return
   end
   if not requested then
      if C.wk_sigint_pending() == 0 then
         return
      end
      requested = true
   end
   local info = debug.getinfo(2, 'f')
   if info and info.func == handler_running then
      return
   end
   -- Stay armed at every instruction until call() returns: a pcall in the user's code that
   -- swallows this error meets the next one at once.
   debug.sethook(hook, '', 1)
   error(MESSAGE, 2)
end

local function on_sample()
   profiler_thread = coroutine.running()
   if running and (requested or C.wk_sigint_pending() > 0) then
      requested = true
      debug.sethook(hook, '', 1)
   end
end

-- Installs the SIGINT handler and starts the profiler. Returns true, or false and why.
function M.install()
   if installed then
      return true
   end
   local ok, lib = pcall(require, 'torch.lib')
   if not ok then
      return false, tostring(lib)
   end
   local ok_install, rc = pcall(function() return lib.C.wk_sigint_install() end)
   if not ok_install then                -- a libwick built before core/signal.c
      return false, tostring(rc)
   end
   C = lib.C
   if rc ~= 0 then
      return false, require('ffi').string(C.wk_last_error())
   end
   installed = true
   local mode = os.getenv('WICK_INTERRUPT') or 'line'
   if mode ~= 'off' then
      local has_profile, profile = pcall(require, 'jit.profile')
      if has_profile then
         profile.start((mode == 'function' and 'f' or 'l') .. 'i' .. PROFILE_MS, on_sample)
         profiling = true
      end
   end
   return true
end

function M.uninstall()
   if profiling then
      require('jit.profile').stop()
      profiling = false
   end
   if installed then
      C.wk_sigint_restore()
      installed = false
   end
end

-- Whether Ctrl-C was pressed since the last look (and forgets it).
function M.pending()
   return installed and C.wk_sigint_pending() > 0
end

-- xpcall(f, handler, ...) with Ctrl-C raising MESSAGE inside f. The handler is called as
-- xpcall's is, with the hook already off.
function M.call(f, handler, ...)
   local results = { n = 0 }
   local function collect(...)
      results.n = select('#', ...)
      for i = 1, results.n do
         results[i] = select(i, ...)
      end
   end
   if not installed then
      collect(xpcall(f, handler, ...))  -- not a tail call: tracebacks are cut at this xpcall
      return unpack(results, 1, results.n)
   end
   local function on_error(message)
      debug.sethook()
      return handler(message)
   end
   C.wk_sigint_pending()                -- a press from before the call is not for it
   requested = false
   handler_running = on_error
   running = true
   debug.sethook(hook, '', HOOK_EVERY)
   collect(xpcall(f, on_error, ...))
   debug.sethook()
   running = false
   requested = false
   handler_running = nil
   return unpack(results, 1, results.n)
end

M.MESSAGE = MESSAGE

return M
