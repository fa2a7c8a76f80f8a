--[[ torch.check — how the torch module raises errors.

   check(rc)                 rc from a C call: 0 passes; otherwise raises the C library's message
   check_ptr(p [, context])  the same for C functions that return NULL on failure; returns p.
                             context, when given, goes before the message ('torch.FloatTensor(2, 3)')
   raise(message)            a Lua error
   argerror(n, op, text)     "bad argument #n to 'op' (text)"
   number(v, n, op)          v must be a number: returns it, else raises the Lua-style message
   integer(v, n, op)         v must be an integral number that fits in int32 (dims)
   index(v, n, op)           v must be an integral number that fits in int64 (indexes, sizes)
   typename_of(v)            what an argument is, for messages: 'torch.FloatTensor', 'string', ...

Argument numbers count self as #1, as the functional forms do: t:narrow('a', 1, 1) and
torch.narrow(t, 'a', 1, 1) both report "bad argument #2 to 'narrow'".

Where errors point: every error names the line of the first caller outside lua/torch/ (found by
walking the stack when the error is raised), so a failing t:narrow(...) reports the user's line
however deep inside the torch module the check happened, tail calls or not.
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local C = lib.C

local registry = debug.getregistry()
if registry['wick.torch.check'] then
   return registry['wick.torch.check']
end

local M = {}

-- Filled in by init.lua: the class name of a tensor or storage cdata.
M.cdata_typename = function() return nil end

-- '@./lua/torch/' or '@/path/to/lua/torch/': the sources counted as inside the torch module.
local INSIDE = debug.getinfo(1, 'S').source:match('^(@.*/)') or '@lua/torch/'

-- The error() level of the first frame outside the torch module, seen from raise().
local function outside_level()
   local level = 3   -- 1 = this function, 2 = raise
   while true do
      local info = debug.getinfo(level, 'S')
      if info == nil then
         return 0
      end
      if info.what ~= 'C' and info.source:sub(1, #INSIDE) ~= INSIDE then
         return level - 1
      end
      level = level + 1
   end
end

function M.raise(message)
   error(message, outside_level())
end
local raise = M.raise

function M.check(rc)
   if rc ~= 0 then
      raise(ffi.string(C.wk_last_error()))
   end
end

function M.check_ptr(p, context)
   if p == nil then
      local message = ffi.string(C.wk_last_error())
      raise(context and context .. ': ' .. message or message)
   end
   return p
end

function M.typename_of(v)
   local t = type(v)
   if t == 'cdata' then
      return M.cdata_typename(v) or 'cdata'
   elseif t == 'table' then
      local mt = getmetatable(v)
      if type(mt) == 'table' and type(rawget(mt, '__typename')) == 'string' then
         return mt.__typename
      end
   end
   return t
end

function M.argerror(n, op, text)
   raise(string.format("bad argument #%d to '%s' (%s)", n, op, text))
end

function M.number(v, n, op)
   if type(v) ~= 'number' then
      raise(string.format("bad argument #%d to '%s' (number expected, got %s)", n, op, M.typename_of(v)))
   end
   return v
end

local function integral(v, n, op, limit)
   if type(v) ~= 'number' then
      raise(string.format("bad argument #%d to '%s' (number expected, got %s)", n, op, M.typename_of(v)))
   end
   if v ~= math.floor(v) or v >= limit or v < -limit then
      raise(string.format("bad argument #%d to '%s' (integer expected, got %s)", n, op, tostring(v)))
   end
   return v
end

function M.integer(v, n, op)
   return integral(v, n, op, 2 ^ 31)
end

function M.index(v, n, op)
   return integral(v, n, op, 2 ^ 62)
end

registry['wick.torch.check'] = M
return M
