--[=[ wick.cli — the command line of `wick` (and `th`), run by bin/wick as

   luajit <root>/lua/wick/cli.lua --progname=<how wick was invoked> [options] [script [args]]

It behaves like the `lua` interpreter, with Wick's paths set and `torch` loaded first:

   wick script.lua a b    runs script.lua; arg[0] = 'script.lua', arg[1..] = a, b, arg[-1..] =
                          the interpreter and its options (as lua sets them); `...` = a, b
   wick -e code           runs code (-e may repeat; -e, -l, -j, -O run in order, before the script)
   wick -l name           require(name), and sets the global `name` to the result if it is unset
   wick -i script.lua     the REPL after the script
   wick -                 runs stdin as the script
   wick                   the REPL when stdin is a terminal, else runs stdin as the script

Torch7's `th` flags work too (bin/th is the same program): --interactive, -g/--globals and
-gg/--gglobals (warn, or raise an error, when code creates a global or reads an undefined
one; modules loaded with -l are exempt), -a/--async and -x/--gfx (accepted with a note: Wick
has no libuv REPL and no gfx.js; -a still enters the REPL).

An error prints `wick: <message>` and a traceback on stderr and exits with status 1; os.exit
codes pass through unchanged. The REPL itself lives in wick/repl.lua.
]=]

local ffi = require 'ffi'

-- The root of the source tree: this file is <root>/lua/wick/cli.lua.
local function find_root()
   local source = debug.getinfo(1, 'S').source:sub(2)
   local dir = source:match('^(.*)/[^/]*$') or '.'
   if dir == 'lua/wick' then
      return '.'
   end
   return dir:match('^(.*)/lua/wick$') or (dir .. '/../..')
end

local root = find_root()
package.path = table.concat({
   root .. '/lua/?.lua', root .. '/lua/?/init.lua',
   root .. '/?.lua', root .. '/?/init.lua',
   root .. '/nn/?/init.lua',
   package.path,          -- LuaJIT's own (jit.*), LUA_PATH's and LuaRocks' entries stay after
}, ';')

local argv = { ... }
local progname = 'wick'
if argv[1] and argv[1]:sub(1, 11) == '--progname=' then
   progname = table.remove(argv, 1):sub(12)
end
local shortname = progname:match('([^/]*)$')
argv[0] = progname      -- argv[0..n] are the command line as typed

local usage = [=[
usage: %s [options] [script [args]]
Runs Lua (LuaJIT) with Wick's torch module loaded as the global `torch`.
  -e code            run code (may be given several times)
  -l name            require module `name` and set the global `name`
  -i, --interactive  enter the interactive REPL after running the script
  -g, --globals      warn when code creates a global or reads an undefined one
  -gg, --gglobals    the same, as errors
  -a, --async        (th) an asynchronous REPL: not in Wick, enters the ordinary REPL
  -x, --gfx          (th) the gfx.js server: not in Wick, ignored
  -j cmd             LuaJIT JIT control, as in luajit (-joff, -jv, -jdump)
  -O[opts]           LuaJIT optimiser control, as in luajit (-O3, -Ohotloop=10)
  -v, --version      print the version
  -h, --help         print this help and exit
  --                 stop handling options: the next argument is the script
  -                  run stdin as the script, stop handling options
With no script and no -e: the REPL when stdin is a terminal, else stdin runs as a script.
]=]

local function report(message)
   io.stdout:flush()
   io.stderr:write(shortname, ': ', message, '\n')
   io.stderr:flush()
end

-- Error handler for xpcall: the message and a traceback cut where the launcher's own frames
-- begin (the user needs their frames, not ours).
local function traceback(message)
   if type(message) ~= 'string' then
      local mt = getmetatable(message)
      if mt and mt.__tostring then
         message = tostring(message)
      else
         message = '(error object is a ' .. type(message) .. ' value)'
      end
   end
   local trace = debug.traceback(message, 2)
   local cut = trace:find("\n%s*%[C%]: in function 'xpcall'")
   return cut and trace:sub(1, cut - 1) or trace
end

-- Runs f(...) under the handler; on error reports it and exits 1 (closing the Lua state, so
-- finalizers run and C memory is released).
local function run(f, ...)
   local results = { xpcall(f, traceback, ...) }
   if not results[1] then
      report(results[2])
      os.exit(1, true)
   end
   return unpack(results, 2, table.maxn(results))
end

local function fail_usage(message)
   report(message)
   io.stderr:write(usage:format(shortname))
   os.exit(1, true)
end

-- Loads a script's text as a chunk. luaL_loadfile skips a first line starting with '#'
-- (`#!/usr/bin/env wick`); load() does not, so it is blanked here (keeping line numbers).
local function load_script(text, chunkname)
   if text:sub(1, 3) == '\239\187\191' then   -- UTF-8 byte order mark
      text = text:sub(4)
   end
   if text:sub(1, 1) == '#' then
      text = text:gsub('^[^\n]*', '', 1)
   end
   return load(text, chunkname)
end

local function load_file(path)
   if path == '-' then
      return load_script(io.stdin:read('*a') or '', '=stdin')
   end
   local f, err = io.open(path, 'rb')
   if not f then
      return nil, 'cannot open ' .. tostring(err)   -- "cannot open x.lua: No such file or directory"
   end
   local text = f:read('*a')
   f:close()
   return load_script(text, '@' .. path)
end

local function stdin_is_tty()
   pcall(ffi.cdef, 'int isatty(int fd);')
   local ok, result = pcall(function() return ffi.C.isatty(0) end)
   return ok and result == 1
end

local function split_commas(s)
   local parts = {}
   for part in s:gmatch('[^,]+') do
      parts[#parts + 1] = part
   end
   return parts
end

-- -j cmd: on, off, flush, or a jit.* module with comma-separated arguments (-jv, -jdump=file).
local function jit_command(cmd)
   local name, rest = cmd:match('^([%w_]+)=?(.*)$')
   if not name then
      error('bad -j command: ' .. cmd, 0)
   end
   if name == 'on' or name == 'off' or name == 'flush' then
      jit[name]()
   else
      local m = require('jit.' .. name)
      m.start(unpack(split_commas(rest)))
   end
end

-- torch.version when the torch module sets it to a string (in Torch7 it is a function, the
-- serialization version of an object), else the C library's.
local function version_string()
   local ok, torch = pcall(require, 'torch')
   if ok and type(torch) == 'table' and type(torch.version) == 'string' then
      return torch.version
   end
   local lib = require 'torch.lib'
   return lib.version or '(unknown)'
end

-- ---------------------------------------------------------------------------------------------
-- Parse the options (all of them before running anything, as lua does).

local actions = {}            -- { option, value } in command-line order: e, l, j, O
local script                  -- index into argv of the script ('-' for stdin), or nil
local interactive, show_version, show_help = false, false, false
local monitor_globals                 -- nil, 'warn' (-g) or 'error' (-gg)
local has_code = false        -- -e given

local i = 1
while i <= #argv do
   local a = argv[i]
   if a:sub(1, 1) ~= '-' or a == '-' then
      script = i
      break
   elseif a == '--' then
      if i < #argv then
         script = i + 1
      end
      break
   elseif a == '-i' or a == '--interactive' then
      interactive = true
   elseif a == '-gg' or a == '--gglobals' then
      monitor_globals = 'error'
   elseif a == '-g' or a == '--globals' then
      monitor_globals = monitor_globals or 'warn'
   elseif a == '-a' or a == '--async' then
      report("note: -a (th's asynchronous REPL) is not available; starting the ordinary REPL")
      interactive = true
   elseif a == '-x' or a == '--gfx' then
      report("note: -x (th's gfx.js server) is not available; ignored")
   elseif a == '-v' or a == '--version' then
      show_version = true
   elseif a == '-h' or a == '--help' then
      show_help = true
   elseif a:match('^%-[elj]') then
      local option, value = a:sub(2, 2), a:sub(3)
      if value == '' then
         i = i + 1
         value = argv[i]
         if value == nil then
            fail_usage("'-" .. option .. "' needs an argument")
         end
      end
      actions[#actions + 1] = { option, value }
      has_code = has_code or option == 'e'
   elseif a:match('^%-O') then
      actions[#actions + 1] = { 'O', a:sub(3) }
   else
      fail_usage("unrecognized option '" .. a .. "'")
   end
   i = i + 1
end

if show_help then
   io.write(usage:format(shortname))
   os.exit(0, true)
end

if show_version then
   print('Wick ' .. run(version_string))
   if not (script or has_code or interactive or #actions > 0) then
      os.exit(0, true)
   end
end

-- arg as the lua interpreter sets it: the script at index 0, its arguments at 1.., the
-- interpreter and options at negative indexes. Without a script, arg[0] is the interpreter.
local base = script or 0
arg = {}
for k = 0, #argv do
   arg[k - base] = argv[k]
end

-- ---------------------------------------------------------------------------------------------
-- Run.

run(function()
   local torch = require 'torch'
   if type(torch) == 'table' then
      _G.torch = torch
   end
end)

-- -g / -gg (th's global monitoring): from here on, creating a global or reading one that is
-- not set reports where it happened, as a warning on stderr or as an error. Globals that
-- exist now (Lua's, torch) are known; modules loaded with -l run unwatched.
local monitor = { suspended = false }
if monitor_globals then
   local function where()
      local info = debug.getinfo(4, 'Sl')   -- where, complain, the metamethod, the user
      return info and (info.short_src .. ':' .. (info.currentline or 0)) or '?'
   end
   local function complain(message)
      if monitor.suspended then
         return
      end
      if monitor_globals == 'error' then
         error(message, 3)
      end
      io.stdout:flush()
      io.stderr:write(shortname, ': warning: ', message, ' (', where(), ')\n')
   end
   setmetatable(_G, {
      __newindex = function(t, k, v)
         complain("creating global '" .. tostring(k) .. "'")
         rawset(t, k, v)
      end,
      __index = function(_, k)
         complain("reading undefined global '" .. tostring(k) .. "'")
         return nil
      end,
   })
end

for _, action in ipairs(actions) do
   local option, value = action[1], action[2]
   if option == 'e' then
      local chunk, err = load(value, '=(command line)')
      if not chunk then
         report(err)
         os.exit(1, true)
      end
      run(chunk)
   elseif option == 'l' then
      monitor.suspended = true
      run(function()
         local result = require(value)
         if value:match('^[%a_][%w_]*$') and rawget(_G, value) == nil and result ~= true then
            rawset(_G, value, result)
         end
      end)
      monitor.suspended = false
   elseif option == 'j' then
      run(jit_command, value)
   elseif option == 'O' then
      if value ~= '' then
         run(function() jit.opt.start(unpack(split_commas(value))) end)
      end
   end
end

local stdin_script = false
if not script and not has_code and not show_version and not interactive then
   if stdin_is_tty() then
      interactive = true
   else
      stdin_script = true
   end
end

if script or stdin_script then
   local path = script and argv[script] or '-'
   local chunk, err = load_file(path)
   if not chunk then
      report(err)
      os.exit(1, true)
   end
   if stdin_script then
      -- as if `-` ended the command line: arg[0] = '-', the options below it
      arg = {}
      for k = 0, #argv do
         arg[k - #argv - 1] = argv[k]
      end
      arg[0] = '-'
   end
   run(chunk, unpack(arg, 1, script and #argv - script or 0))
end

if interactive then
   monitor.suspended = true            -- loading the REPL is not the user's code
   local repl = require 'wick.repl'
   monitor.suspended = false
   repl.run({
      banner = stdin_is_tty() and ('Wick ' .. run(version_string) .. '  (LuaJIT '
         .. jit.version:match('[%d.]+.*$') .. '; ? for help, Ctrl-D to quit)') or nil,
      prompt = shortname == 'th' and 'th> ' or nil,
   })
end

io.stdout:flush()
