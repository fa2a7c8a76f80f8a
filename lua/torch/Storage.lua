--[[ torch.Storage — torch.FloatStorage and its siblings: one-dimensional buffers of one dtype.

A storage object is a small Lua-owned handle (struct wick_storage_handle: the wk_storage pointer
and its dtype) holding one reference on the C storage, released by ffi.gc or by s:free(). The
handle is needed because wk_storage is opaque: LuaJIT cannot index a pointer to an incomplete
struct by number, while a struct handle sends s[i] to its __index metamethod.

Classes: every dtype has a method table, torch.getmetatable('torch.FloatStorage'), whose
__index falls back to M.methods (shared by all dtypes). torch.FloatStorage is the constructor
table: calling it makes a storage, indexing or assigning into it reads or writes the method
table, as in Torch7. Lookups go s.dtype -> M.by_dtype[dtype] -> method.

   M.methods            shared methods: size, fill, resize, copy, totable, string, data, ...
   M.by_dtype[id]       the per-dtype method tables
   M.new(id, ...)       a storage: (), (size), (table), (size, address) over memory it borrows
   M.wrap(p, id)        a handle over p, taking over the reference p carries (p from a *_new)
   M.borrow(p)          a handle over p with a new reference of its own (p borrowed)
   M.is(v)              whether v is a storage handle
   M.numbers(s)         its elements as a Lua array
   M.long(array, n)     a LongStorage holding array[1..n] (sizes and strides for users)
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local dtypes = require 'torch.dtype'
local checks = require 'torch.check'
local memory = require 'torch.memory'
local C = lib.C

local registry = debug.getregistry()
if registry['wick.torch.Storage'] then
   return registry['wick.torch.Storage']
end

ffi.cdef [[
typedef struct wick_storage_handle {
   wk_storage *ptr;     /* one reference, or NULL once freed */
   int32_t dtype;
} wick_storage_handle;
]]

local M = { methods = {}, by_dtype = {}, classes = {} }
local methods = M.methods
local by_dtype = M.by_dtype
local check, raise = checks.check, checks.raise
local read, write = dtypes.read, dtypes.write
local PTR = dtypes.PTR
local I64 = dtypes.I64
local Handle = ffi.typeof('wick_storage_handle')
local TensorStruct = ffi.typeof('wk_tensor')
local SIZES = ffi.new('int64_t[1]')

local function release(h)
   local p = h.ptr
   if p ~= nil then
      h.ptr = nil
      C.wk_storage_free(p)
   end
end

function M.wrap(p, id)
   if p == nil then
      raise(ffi.string(C.wk_last_error()))
   end
   local h = ffi.gc(Handle(p, id), release)
   memory.after_alloc()
   return h
end

function M.borrow(p)
   if p == nil then
      return nil
   end
   C.wk_storage_retain(p)
   return ffi.gc(Handle(p, C.wk_storage_dtype(p)), release)
end

function M.is(v)
   return ffi.istype(Handle, v)
end

local function typename(h)
   return dtypes.list[h.dtype].storage_name
end

-- The C pointer of a live storage; raises when it was freed.
local function live(h, op)
   local p = h.ptr
   if p == nil then
      raise(op .. ': the ' .. typename(h) .. ' was freed')
   end
   return p
end

local function size_of(h)
   return tonumber(C.wk_storage_size(h.ptr))
end

-- A 1-d tensor over the whole storage, for the C functions that work on tensors. The caller
-- frees it with C.wk_tensor_free (no Lua error can happen in between).
local function as_tensor(p)
   SIZES[0] = C.wk_storage_size(p)
   return C.wk_tensor_new_view(p, 0, 1, SIZES, nil)
end

function M.numbers(h)
   local p = live(h, 'totable')
   local n = size_of(h)
   local dt = h.dtype
   local data = ffi.cast(PTR[dt], C.wk_storage_data(p))
   local out = {}
   for i = 1, n do
      out[i] = read(data, i - 1, dt)
   end
   return out
end

local function fill_from_table(h, tbl, op)
   local dt = h.dtype
   local data = ffi.cast(PTR[dt], C.wk_storage_data(h.ptr))
   for i = 1, #tbl do
      local v = tbl[i]
      if type(v) ~= 'number' then
         raise(string.format("%s: element %d of the table is a %s, a number expected", op, i, type(v)))
      end
      write(data, i - 1, dt, v)
   end
end

function M.new(id, a, b)
   local name = dtypes.list[id].storage_name
   if a == nil then
      return M.wrap(C.wk_storage_new(id, 0), id)
   elseif type(a) == 'number' then
      if b ~= nil then
         -- (size, address): a storage over memory someone else owns and keeps alive.
         local address = type(b) == 'number' and ffi.cast('void *', b) or b
         return M.wrap(C.wk_storage_new_borrowed(id, ffi.cast('void *', address), a, nil, nil), id)
      end
      checks.index(a, 1, name)
      return M.wrap(checks.check_ptr(C.wk_storage_new(id, a), string.format('%s(%.0f)', name, a)), id)
   elseif type(a) == 'table' then
      local h = M.wrap(C.wk_storage_new(id, #a), id)
      fill_from_table(h, a, name)
      return h
   elseif type(a) == 'string' then
      raise(name .. ': storages mapping a file are not supported yet')
   end
   checks.argerror(1, name, 'number, table or nothing expected, got ' .. checks.typename_of(a))
end

function M.long(array, n)
   n = n or #array
   local h = M.wrap(C.wk_storage_new(I64, n), I64)
   local data = ffi.cast('int64_t *', C.wk_storage_data(h.ptr))
   for i = 1, n do
      data[i - 1] = array[i]
   end
   return h
end

-- Element access: s[i] with 1 <= i <= #s. Hot: two C calls and a typed load, no allocation.
local function storage_index(h, k)
   if type(k) == 'number' then
      local p = h.ptr
      local n = tonumber(C.wk_storage_size(p))
      if k >= 1 and k <= n then
         local dt = h.dtype
         return read(ffi.cast(PTR[dt], C.wk_storage_data(p)), k - 1, dt)
      end
      live(h, 'index')
      raise(string.format('index %s out of range for a %s of size %d', tostring(k), typename(h), n))
   end
   return by_dtype[h.dtype][k]
end

local function storage_newindex(h, k, v)
   if type(k) == 'number' then
      local p = h.ptr
      local n = tonumber(C.wk_storage_size(p))
      if k >= 1 and k <= n and type(v) == 'number' then
         local dt = h.dtype
         write(ffi.cast(PTR[dt], C.wk_storage_data(p)), k - 1, dt, v)
         return
      end
      live(h, 'index')
      if type(v) ~= 'number' then
         raise(string.format('cannot store a %s in a %s (number expected)', checks.typename_of(v), typename(h)))
      end
      raise(string.format('index %s out of range for a %s of size %d', tostring(k), typename(h), n))
   end
   raise(string.format("cannot set field '%s' of a %s", tostring(k), typename(h)))
end

-- Methods ----------------------------------------------------------------------------------------

function methods.size(h)
   live(h, 'size')
   return size_of(h)
end

function methods.elementSize(h)
   return dtypes.list[h.dtype].size
end

function methods.type(h)
   return typename(h)
end

function methods.fill(h, value)
   local p = live(h, 'fill')
   checks.number(value, 2, 'fill')
   local t = as_tensor(p)
   local rc = t ~= nil and C.wk_fill(t, value) or -1
   C.wk_tensor_free(t)
   check(rc)
   return h
end

function methods.zero(h)
   return methods.fill(h, 0)
end

-- Shrinking a storage that tensors may view would leave their views reaching past its end, and
-- element access does not re-check that: refused while anything else holds a reference.
local function check_shrink(h, p, size, op)
   if size < size_of(h) and C.wk_storage_refcount(p) > 1 then
      raise(string.format('%s: cannot shrink a %s of size %d to %d while tensors or other storage objects use it',
         op, typename(h), size_of(h), size))
   end
end

function methods.resize(h, size)
   local p = live(h, 'resize')
   checks.index(size, 2, 'resize')
   check_shrink(h, p, size, 'resize')
   check(C.wk_storage_resize(p, size))
   memory.after_alloc()
   return h
end

-- copy(storage of any dtype, or a Lua table of numbers): the sizes must match, as in Torch7.
function methods.copy(h, src)
   local p = live(h, 'copy')
   if type(src) == 'table' then
      if #src ~= size_of(h) then
         raise(string.format('copy: a table of %d numbers into a %s of size %d', #src, typename(h), size_of(h)))
      end
      fill_from_table(h, src, 'copy')
      return h
   end
   if not M.is(src) then
      checks.argerror(2, 'copy', 'storage or table expected, got ' .. checks.typename_of(src))
   end
   local q = live(src, 'copy')
   if size_of(src) ~= size_of(h) then
      raise(string.format('copy: size mismatch: a %s of size %d into a %s of size %d', typename(src),
         size_of(src), typename(h), size_of(h)))
   end
   local dst_t, src_t = as_tensor(p), as_tensor(q)
   local rc = (dst_t ~= nil and src_t ~= nil) and C.wk_copy(dst_t, src_t) or -1
   C.wk_tensor_free(dst_t)
   C.wk_tensor_free(src_t)
   check(rc)
   return h
end

function methods.totable(h)
   return M.numbers(h)
end

-- A typed pointer to the first element. It does not keep the storage alive: hold on to the
-- storage object while the pointer is in use.
function methods.data(h)
   local p = live(h, 'data')
   return ffi.cast(PTR[h.dtype], C.wk_storage_data(p))
end

-- string() returns the bytes; string(str) sets them (Byte and Char storages only).
function methods.string(h, str)
   local p = live(h, 'string')
   if h.dtype ~= tonumber(C.WK_U8) and h.dtype ~= tonumber(C.WK_I8) then
      raise('string: only for torch.ByteStorage and torch.CharStorage, not a ' .. typename(h))
   end
   if str == nil then
      return ffi.string(C.wk_storage_data(p), size_of(h))
   end
   if type(str) ~= 'string' then
      checks.argerror(2, 'string', 'string expected, got ' .. checks.typename_of(str))
   end
   check_shrink(h, p, #str, 'string')
   check(C.wk_storage_resize(p, #str))
   ffi.copy(C.wk_storage_data(p), str, #str)
   return h
end

-- Releases this object's reference now; using it afterwards raises "... was freed".
function methods.free(h)
   release(ffi.gc(h, nil))
end

function methods.isStorage()
   return true
end

-- Metatypes -------------------------------------------------------------------------------------

local printer
local function storage_tostring(h)
   if h.ptr == nil then
      return '[' .. typename(h) .. ', freed]'
   end
   printer = printer or require 'torch.print'
   return printer.format_storage(M.numbers(h), typename(h))
end

ffi.metatype(Handle, {
   __index = storage_index,
   __newindex = storage_newindex,
   __len = function(h)
      live(h, 'size')
      return size_of(h)
   end,
   __tostring = storage_tostring,
})

-- The C storage struct itself is never a Lua object, but a tensor's `storage` field is a
-- wk_storage pointer, and that field name shadows the storage() method: t:storage() looks up
-- t.storage (the field) and calls it with t. This __call makes that call return the storage
-- object Torch7 returns (nil for the empty tensor), with a reference of its own.
ffi.metatype('struct wk_storage', {
   __call = function(p, owner)
      if p == nil then
         return nil
      end
      if not (ffi.istype(TensorStruct, owner) and owner.storage == p) then
         raise('a wk_storage pointer is not callable (use tensor:storage())')
      end
      return M.borrow(p)
   end,
   __index = function(_, k)
      raise("a raw wk_storage pointer has no field '" .. tostring(k) .. "' (use tensor:storage())")
   end,
})

-- Classes: the per-dtype method tables and the constructor tables (torch.FloatStorage ...).
for id = 0, dtypes.COUNT - 1 do
   local record = dtypes.list[id]
   local mt = setmetatable({}, { __index = methods })
   mt.__typename = record.storage_name
   by_dtype[id] = mt
   local constructor = setmetatable({}, {
      __index = mt,
      __newindex = mt,
      __metatable = mt,
      __call = function(_, ...) return M.new(id, ...) end,
      __tostring = function() return record.storage_name end,
   })
   mt.new = function(...) return M.new(id, ...) end
   M.classes[id] = constructor
end

registry['wick.torch.Storage'] = M
return M
