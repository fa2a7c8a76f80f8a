--[[ torch.sizes — reading size and stride arguments, and making LongStorages of them.

Torch7 takes sizes as numbers (`resize(2, 3)`) or as one LongStorage (`resize(torch.LongStorage{2, 3})`);
Wick also takes a Lua array of numbers there. parse() writes them into a scratch int64_t array that
the caller passes straight to C (C never keeps it), so no allocation happens per call.

   M.SIZES, M.STRIDES      scratch int64_t[WK_MAX_DIMS] arrays
   M.parse(buf, op, argn, a, ...)   reads sizes starting at argument `a` (argument #argn) into
                           buf; returns ndim. Numbers may be -1 where the op allows it (view, expand).
   M.long(int64_array, n)  a LongStorage holding the first n entries (t.sizes, t.strides)
   M.text(int64_array, n)  '2x3'
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local checks = require 'torch.check'
local Storage = require 'torch.Storage'
local dtypes = require 'torch.dtype'
local C = lib.C

local registry = debug.getregistry()
if registry['wick.torch.sizes'] then
   return registry['wick.torch.sizes']
end

local MAX_DIMS = tonumber(C.WK_MAX_DIMS)
local I64 = dtypes.I64

local M = {
   MAX_DIMS = MAX_DIMS,
   SIZES = ffi.new('int64_t[?]', MAX_DIMS),
   STRIDES = ffi.new('int64_t[?]', MAX_DIMS),
}

local function too_many(op, n)
   checks.raise(string.format('%s: %d dimensions requested, at most %d are supported', op, n, MAX_DIMS))
end

local function put(buf, d, v, op, argn)
   if type(v) ~= 'number' then
      checks.raise(string.format("bad argument #%d to '%s' (number expected, got %s)", argn, op,
         checks.typename_of(v)))
   end
   if v ~= math.floor(v) or v >= 2^62 or v <= -2^62 then
      checks.raise(string.format("bad argument #%d to '%s' (an integral size expected, got %s)", argn, op,
         tostring(v)))
   end
   buf[d] = v
end

function M.parse(buf, op, argn, a, ...)
   if type(a) == 'number' then
      local n = 1 + select('#', ...)
      if n > MAX_DIMS then too_many(op, n) end
      put(buf, 0, a, op, argn)
      for d = 1, n - 1 do
         put(buf, d, (select(d, ...)), op, argn + d)
      end
      return n
   elseif Storage.is(a) then
      if a.dtype ~= I64 then
         checks.argerror(argn, op, 'torch.LongStorage expected, got ' .. checks.typename_of(a))
      end
      local values = Storage.numbers(a)
      if #values > MAX_DIMS then too_many(op, #values) end
      for d = 1, #values do
         buf[d - 1] = values[d]
      end
      return #values
   elseif type(a) == 'table' and getmetatable(a) == nil then
      if #a > MAX_DIMS then too_many(op, #a) end
      for d = 1, #a do
         put(buf, d - 1, a[d], op, argn)
      end
      return #a
   end
   checks.argerror(argn, op, 'sizes expected (numbers or a torch.LongStorage), got '
      .. checks.typename_of(a))
end

function M.long(array, n)
   local h = Storage.wrap(C.wk_storage_new(I64, n), I64)
   if n > 0 then
      ffi.copy(C.wk_storage_data(h.ptr), array, n * 8)
   end
   return h
end

function M.text(array, n)
   local parts = {}
   for d = 1, n do
      parts[d] = tostring(tonumber(array[d - 1]))
   end
   return table.concat(parts, 'x')
end

registry['wick.torch.sizes'] = M
return M
