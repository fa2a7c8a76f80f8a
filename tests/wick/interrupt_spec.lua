-- wick/interrupt.lua with core/signal.c: a SIGINT (sent to this process with raise) stops the
-- code run by interrupt.call, wherever it is: interpreted, in a compiled trace, inside a pcall.
-- The handler is installed for these tests only and the previous disposition restored after.

local ffi = require 'ffi'
local interrupt = require 'wick.interrupt'
local lib = require 'torch.lib'

pcall(ffi.cdef, 'int raise(int sig);')
local SIGINT = 2

local function handler(message)
   return tostring(message)
end

local has_signal = pcall(function() return lib.C.wk_sigint_pending end)

local describe_signal = has_signal and describe or function(name)
   pending(name .. ' (libwick without core/signal.c: rebuild it)')
end

describe_signal('wick.interrupt', function()
   setup(function()
      assert(interrupt.install())
   end)

   teardown(function()
      interrupt.uninstall()
   end)

   it('counts presses in C and forgets them once read', function()
      assert.are.equal(0, lib.C.wk_sigint_pending())
      ffi.C.raise(SIGINT)
      assert.are.equal(1, lib.C.wk_sigint_pending())
      assert.are.equal(0, lib.C.wk_sigint_pending())
      ffi.C.raise(SIGINT)
      assert.is_true(interrupt.pending())
      assert.is_false(interrupt.pending())
   end)

   it('passes results and errors through when nothing is pressed', function()
      assert.are.same({ true, 1, nil, 3 }, { interrupt.call(function(a, b, c) return a, b, c end, handler, 1, nil, 3) })
      local ok, message = interrupt.call(function() error('plain', 0) end, handler)
      assert.is_false(ok)
      assert.are.equal('plain', message)
   end)

   it('stops a loop that the JIT compiles into one trace', function()
      local ok, message = interrupt.call(function()
         ffi.C.raise(SIGINT)
         local s = 0
         for i = 1, 1e12 do
            s = s + i
         end
         return s
      end, handler)
      assert.is_false(ok)
      assert.truthy(message:find('interrupted (Ctrl-C)', 1, true))
   end)

   it('stops interpreted code', function()
      local ok, message = interrupt.call(function()
         ffi.C.raise(SIGINT)
         local t = {}
         while true do
            t[#t % 10 + 1] = tostring(#t)   -- tostring of a table length: not compiled here
         end
      end, handler)
      assert.is_false(ok)
      assert.truthy(message:find('interrupted', 1, true))
   end)

   it('is not swallowed by a pcall in the interrupted code', function()
      local swallowed = 0
      local ok, message = interrupt.call(function()
         ffi.C.raise(SIGINT)
         while true do
            if not pcall(function() for _ = 1, 1e6 do end end) then
               swallowed = swallowed + 1
            end
         end
      end, handler)
      assert.is_false(ok)
      assert.truthy(message:find('interrupted', 1, true))
      assert.truthy(swallowed < 100)
   end)

   it('leaves nothing armed after the call', function()
      assert.is_false(interrupt.call(function() ffi.C.raise(SIGINT) while true do end end, handler))
      local s = 0
      for i = 1, 1e6 do
         s = s + i
      end
      assert.are.equal(500000500000, s)
      assert.are.same({ true, 'fine' }, { interrupt.call(function() return 'fine' end, handler) })
   end)

   it('ignores a press from before the call', function()
      ffi.C.raise(SIGINT)
      assert.are.same({ true, 3 }, { interrupt.call(function() local s = 0 for i = 1, 2 do s = s + i end return s end,
         handler) })
   end)

   it('lets the third unread press end the process (a C call that never returns)', function()
      local root = io.popen('pwd'):read('*l')
      -- Three presses, nobody reading them: the third re-raises SIGINT with the old disposition
      -- (the default: terminate). The shell reports a death by signal 2 as status 130.
      local script = "local ffi = require 'ffi'; ffi.cdef('int raise(int sig);'); "
         .. "local C = require('torch.lib').C; C.wk_sigint_install(); "
         .. "ffi.C.raise(2); ffi.C.raise(2); io.stdout:write('two\\n'); io.stdout:flush(); ffi.C.raise(2); "
         .. "print('survived')"
      local pipe = io.popen(root .. "/bin/wick -e \"" .. script .. "\" 2>/dev/null; echo \"status $?\"")
      local out = pipe:read('*a')
      pipe:close()
      assert.are.equal('two\nstatus 130\n', out)
   end)
end)
