--[[ torch.Tensor — the tensor object, its classes, constructors and basic methods.

The object. A Lua tensor is a `wk_tensor &` cdata: a reference to a C wk_tensor that holds one
reference count, released by ffi.gc (C.wk_tensor_free) when Lua drops it. A reference, not a
pointer, because LuaJIT indexes a pointer by number itself (pointer arithmetic), while a
reference sends t[i] to the metatype's __index. Every C call returning a new tensor goes through
M.wrap exactly once; borrowed pointers are never wrapped. Lua reads shape and strides straight
from the struct (t.ndim, t.sizes[d], t.strides[d], t.offset, t.dtype), which the JIT compiles.

Classes. One ctype serves every dtype; __index dispatches on t.dtype:

   M.methods         methods shared by every tensor type (most of them live here)
   M.by_dtype[id]    per-dtype method table = torch.getmetatable('torch.FloatTensor'); its
                     __index falls back to M.methods. Holds what differs per type: `new`,
                     `__typename`, and anything a user or a later file adds for one type only.
   M.classes[id]     the constructor table, torch.FloatTensor: calling it constructs; reading
                     and writing fields reaches the per-dtype method table (Torch7 does the same).
   M.operators       arithmetic metamethods (__add, __sub, __mul, __div, __mod, __pow, __unm):
                     the metatype forwards to this table, which math files fill later (an
                     ffi.metatype's own table cannot change after it is installed).

Adding methods later (lua/torch/math/*.lua): `local Tensor = require 'torch.Tensor'` then
`function Tensor.methods.add(t, ...)` for every type, or `Tensor.by_dtype[id].name = f` for one.

Freed tensors. t:free() releases the storage at once, leaving the empty tensor, and marks the
header with offset = -1 (no live tensor has a negative offset: C refuses them); the header itself
stays until ffi.gc frees it. Method lookups on a marked header go to a table that raises
"<op>: the torch.FloatTensor was freed", element access raises too, and M.arg() refuses one as
an argument (M.is_freed(t) tells). Should a freed tensor reach C anyway, C sees a valid empty
tensor, never garbage.

This file also loads torch/view.lua, torch/index.lua and torch/apply.lua, which add methods.
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local dtypes = require 'torch.dtype'
local checks = require 'torch.check'
local memory = require 'torch.memory'
local Storage = require 'torch.Storage'
local sizes = require 'torch.sizes'
local C = lib.C

local registry = debug.getregistry()
if registry['wick.torch.Tensor'] then
   return registry['wick.torch.Tensor']
end

local M = { methods = {}, by_dtype = {}, classes = {}, operators = {}, freed_methods = {} }
local methods, by_dtype = M.methods, M.by_dtype
local check, raise = checks.check, checks.raise
local read, write, PTR = dtypes.read, dtypes.write, dtypes.PTR
local SIZES, STRIDES = sizes.SIZES, sizes.STRIDES
local cast, tonumber, type = ffi.cast, tonumber, type
local Ref = ffi.typeof('wk_tensor &')
local I64 = dtypes.I64

M.Ref = Ref

-- Objects -----------------------------------------------------------------------------------------

-- Takes over the reference that p (from a wk_tensor_new* call) carries. Raises on NULL.
function M.wrap(p)
   if p == nil then
      raise(ffi.string(C.wk_last_error()))
   end
   local t = ffi.gc(p[0], C.wk_tensor_free)
   memory.after_alloc()
   return t
end
local wrap = M.wrap

function M.is(v)
   return ffi.istype(Ref, v)
end
local is = M.is

function M.typename(t)
   return dtypes.list[t.dtype].tensor_name
end
local typename = M.typename

-- '2x3 torch.FloatTensor', for messages.
local DESCRIBE = ffi.new('char[?]', 160)
function M.describe(t)
   if t.offset < 0 then
      return 'freed ' .. typename(t)
   end
   return ffi.string(C.wk_tensor_describe(t, DESCRIBE, 160))
end

-- Whether t:free() was called on t (see the top of this file).
function M.is_freed(t)
   return t.offset < 0
end

-- A tensor argument that C may see: a live tensor, else the Lua-style error.
function M.arg(v, n, op)
   if not is(v) then
      checks.argerror(n, op, 'tensor expected, got ' .. checks.typename_of(v))
   end
   if v.offset < 0 then
      raise(string.format("bad argument #%d to '%s' (the %s was freed)", n, op, typename(v)))
   end
   return v
end

-- A new header viewing what t views (the start of every view method).
function M.alias(t)
   return wrap(C.wk_tensor_new_alias(t))
end

-- Element access (the hot path) ---------------------------------------------------------------------

-- t[i] on a 1-d tensor reads straight through a typed pointer; the JIT compiles it to a bounds
-- check, one C call (wk_storage_data: the cheapest way into the opaque storage) and a load.
-- Everything else (select views, tables of indexes, errors) is M.index_get / M.index_set from
-- index.lua.
local function tensor_index(t, k)
   if type(k) == 'number' then
      if t.ndim == 1 then
         local n = tonumber(t.sizes[0])
         local i = k
         if i < 0 then i = i + n + 1 end
         if i >= 1 and i <= n then
            local dt = t.dtype
            return read(cast(PTR[dt], C.wk_storage_data(t.storage)),
               tonumber(t.offset) + (i - 1) * tonumber(t.strides[0]), dt)
         end
      end
   elseif type(k) == 'string' then
      if t.offset < 0 then
         return M.freed_methods[t.dtype][k]
      end
      return by_dtype[t.dtype][k]
   end
   return M.index_get(t, k)
end

local function tensor_newindex(t, k, v)
   if type(k) == 'number' and type(v) == 'number' and t.ndim == 1 then
      local n = tonumber(t.sizes[0])
      local i = k
      if i < 0 then i = i + n + 1 end
      if i >= 1 and i <= n then
         local dt = t.dtype
         write(cast(PTR[dt], C.wk_storage_data(t.storage)), tonumber(t.offset) + (i - 1) * tonumber(t.strides[0]),
            dt, v)
         return
      end
   end
   if type(k) == 'string' then
      raise(string.format("cannot set field '%s' of a %s", k, typename(t)))
   end
   M.index_set(t, k, v)
end

local printer
local function tensor_tostring(t)
   if t.offset < 0 then
      return '[' .. typename(t) .. ', freed]'
   end
   printer = printer or require 'torch.print'
   local shape = {}
   for d = 1, t.ndim do
      shape[d] = tonumber(t.sizes[d - 1])
   end
   return printer.format_tensor(M.values(t), shape, typename(t))
end

local metatable = {
   __index = tensor_index,
   __newindex = tensor_newindex,
   __tostring = tensor_tostring,
   -- #t is t:size(), a LongStorage, as in Torch7.
   __len = function(t) return t:size() end,
}
for _, name in ipairs({ '__add', '__sub', '__mul', '__div', '__mod', '__pow', '__unm' }) do
   metatable[name] = function(a, b)
      local f = M.operators[name]
      if f == nil then
         raise(string.format("the '%s' operator on tensors is not implemented yet", name:sub(3)))
      end
      return f(a, b)
   end
end
ffi.metatype('wk_tensor', metatable)

-- Constructors ------------------------------------------------------------------------------------

local function new_empty(id)
   return wrap(C.wk_tensor_new(id))
end

-- A contiguous tensor of sizes SIZES[0 .. nd-1]; failures name the constructor call:
-- "torch.FloatTensor(1000000000000): out of memory: ...".
local function new_sized(id, nd, op)
   local p = C.wk_tensor_new_sized(id, nd, SIZES)
   if p == nil then
      local shape = {}
      for d = 1, nd do
         shape[d] = string.format('%.0f', tonumber(SIZES[d - 1]))
      end
      checks.check_ptr(p, op .. '(' .. table.concat(shape, ', ') .. ')')
   end
   return wrap(p)
end

-- The shape of a nested Lua table of numbers: {2, 3} for {{1, 2, 3}, {4, 5, 6}}.
local function table_shape(tbl, op)
   local shape = {}
   local x = tbl
   while type(x) == 'table' do
      shape[#shape + 1] = #x
      if #shape > sizes.MAX_DIMS then
         raise(op .. ': the table nests deeper than ' .. sizes.MAX_DIMS .. ' levels')
      end
      x = x[1]
   end
   return shape
end

-- Writes the leaves of nested table `tbl` (shape checked against `shape`) to p[pos ...].
local function fill_nested(p, dt, tbl, shape, depth, pos, op)
   local n = shape[depth]
   if #tbl ~= n then
      raise(string.format('%s: the table is not rectangular: %d elements where %d were expected at depth %d',
         op, #tbl, n, depth), 5 + depth)
   end
   if depth == #shape then
      for i = 1, n do
         local v = tbl[i]
         if type(v) ~= 'number' then
            raise(string.format('%s: the table holds a %s where a number was expected', op, checks.typename_of(v)),
               5 + depth)
         end
         write(p, pos + i - 1, dt, v)
      end
      return pos + n
   end
   for i = 1, n do
      local sub = tbl[i]
      if type(sub) ~= 'table' then
         raise(string.format('%s: the table is not rectangular: a %s where a table was expected at depth %d',
            op, type(sub), depth + 1), 5 + depth)
      end
      pos = fill_nested(p, dt, sub, shape, depth + 1, pos, op)
   end
   return pos
end

local function new_from_table(id, tbl, op)
   local shape = table_shape(tbl, op)
   if shape[1] == 0 then
      return new_empty(id)
   end
   for d = 1, #shape do
      SIZES[d - 1] = shape[d]
   end
   local t = new_sized(id, #shape, op)
   local dt = t.dtype
   fill_nested(cast(PTR[dt], C.wk_tensor_data(t)), dt, tbl, shape, 1, 0, op)
   return t
end

-- Strides given as negative numbers mean "contiguous here" (Torch7's rule).
local function fix_strides(nd)
   for d = nd - 1, 0, -1 do
      if STRIDES[d] < 0 then
         STRIDES[d] = d == nd - 1 and 1 or STRIDES[d + 1] * SIZES[d + 1]
      end
   end
end

-- Reads (storage [, offset [, sizes [, strides]]]) or (storage, offset, sz1, st1, sz2, st2, ...)
-- starting at argument #argn; returns offset (0-based), ndim and whether strides were given.
-- ndim is 0 for a view with no element.
function M.storage_view_args(op, argn, storage, offset, a, ...)
   local size = tonumber(C.wk_storage_size(storage.ptr))
   if offset == nil then
      offset = 1
   end
   checks.index(offset, argn + 1, op)
   if a == nil then
      SIZES[0] = size - (offset - 1)
      return offset - 1, SIZES[0] > 0 and 1 or 0, false
   end
   if type(a) == 'number' then
      -- size, stride pairs; a missing stride is contiguous
      local args = { a, ... }
      local nd = math.ceil(#args / 2)
      if nd > sizes.MAX_DIMS then
         raise(string.format('%s: %d dimensions requested, at most %d are supported', op, nd, sizes.MAX_DIMS))
      end
      for d = 0, nd - 1 do
         SIZES[d] = checks.index(args[2 * d + 1], argn + 2 + 2 * d, op)
         local stride = args[2 * d + 2]
         STRIDES[d] = stride == nil and -1 or checks.index(stride, argn + 3 + 2 * d, op)
      end
      fix_strides(nd)
      return offset - 1, nd, true
   end
   local nd = sizes.parse(SIZES, op, argn + 2, a)
   local strides = ...
   if strides ~= nil then
      local snd = sizes.parse(STRIDES, op, argn + 3, strides)
      if snd ~= nd then
         raise(string.format('%s: %d sizes but %d strides', op, nd, snd))
      end
      fix_strides(nd)
   end
   return offset - 1, nd, strides ~= nil
end

local function new_on_storage(id, op, storage, ...)
   if storage.dtype ~= id then
      raise(string.format('%s: cannot view a %s as a %s', op, checks.typename_of(storage),
         dtypes.list[id].tensor_name))
   end
   if storage.ptr == nil then
      raise(op .. ': the ' .. checks.typename_of(storage) .. ' was freed')
   end
   local offset, nd, strided = M.storage_view_args(op, 2, storage, ...)
   if nd == 0 then
      return new_empty(id)
   end
   return wrap(C.wk_tensor_new_view(storage.ptr, offset, nd, SIZES, strided and STRIDES or nil))
end

-- torch.Tensor(sizes LongStorage, strides LongStorage): a new storage just big enough.
local function new_strided(id, nd)
   fix_strides(nd)
   local extent = 1
   for d = 0, nd - 1 do
      if SIZES[d] == 0 then
         extent = 0
         break
      end
      extent = extent + tonumber((SIZES[d] - 1) * STRIDES[d])
   end
   local s = C.wk_storage_new(id, extent)
   if s == nil then
      raise(ffi.string(C.wk_last_error()))
   end
   local p = C.wk_tensor_new_view(s, 0, nd, SIZES, STRIDES)
   C.wk_storage_free(s)  -- the view holds its own reference
   return wrap(p)
end

function M.new(id, a, ...)
   local op = dtypes.list[id].tensor_name
   if a == nil then
      return new_empty(id)
   elseif type(a) == 'number' then
      local nd = sizes.parse(SIZES, op, 1, a, ...)
      return new_sized(id, nd, op)
   elseif is(a) then
      M.arg(a, 1, op)
      if a.dtype ~= id then
         raise(string.format('%s: cannot view a %s as a %s (use :type() to convert)', op, typename(a), op))
      end
      return wrap(C.wk_tensor_new_alias(a))
   elseif Storage.is(a) then
      if a.dtype == id or a.dtype ~= I64 then
         return new_on_storage(id, op, a, ...)
      end
      local nd = sizes.parse(SIZES, op, 1, a)
      local strides = ...
      if strides ~= nil then
         if sizes.parse(STRIDES, op, 2, strides) ~= nd then
            raise(op .. ': sizes and strides differ in length')
         end
         return new_strided(id, nd)
      end
      return new_sized(id, nd, op)
   elseif type(a) == 'table' and getmetatable(a) == nil then
      return new_from_table(id, a, op)
   end
   checks.argerror(1, op, 'sizes, a table, a storage or a tensor expected, got ' .. checks.typename_of(a))
end

-- Queries -------------------------------------------------------------------------------------------

local function dim_arg(t, d, n, op)
   checks.integer(d, n, op)
   if d < 1 or d > t.ndim then
      raise(string.format('%s: dimension %d out of range for a %d-d tensor (%s)', op, d, t.ndim, M.describe(t)))
   end
   return d
end
M.dim_arg = dim_arg

function methods.size(t, d)
   if d == nil then
      return sizes.long(t.sizes, t.ndim)
   end
   return tonumber(t.sizes[dim_arg(t, d, 2, 'size') - 1])
end

function methods.stride(t, d)
   if d == nil then
      return sizes.long(t.strides, t.ndim)
   end
   return tonumber(t.strides[dim_arg(t, d, 2, 'stride') - 1])
end

function methods.dim(t)
   return t.ndim
end
methods.nDimension = methods.dim

function methods.nElement(t)
   return tonumber(C.wk_tensor_numel(t))
end
methods.numel = methods.nElement

function methods.storageOffset(t)
   return tonumber(t.offset) + 1
end

function methods.elementSize(t)
   return dtypes.list[t.dtype].size
end

function methods.isContiguous(t)
   return C.wk_tensor_is_contiguous(t) ~= 0
end

function methods.isSameSizeAs(t, other)
   return C.wk_tensor_is_same_size(t, M.arg(other, 2, 'isSameSizeAs')) ~= 0
end

function methods.isSetTo(t, other)
   return C.wk_tensor_is_set_to(t, M.arg(other, 2, 'isSetTo')) ~= 0
end

function methods.isSize(t, shape)
   local nd = sizes.parse(SIZES, 'isSize', 2, shape)
   if nd ~= t.ndim then
      return false
   end
   for d = 0, nd - 1 do
      if SIZES[d] ~= t.sizes[d] then
         return false
      end
   end
   return true
end

function methods.isTensor()
   return true
end

-- t:storage() resolves to the `storage` field's __call (see Storage.lua); this entry is for
-- Tensor.methods.storage(t) style calls.
function methods.storage(t)
   return Storage.borrow(t.storage)
end

-- A typed pointer (float *, int64_t *, uint16_t * for half) to the first element, nil for the
-- empty tensor. It does not keep the tensor alive: hold on to the tensor while using it.
function methods.data(t)
   local p = C.wk_tensor_data(t)
   if p == nil then
      return nil
   end
   return cast(PTR[t.dtype], p)
end

-- Copying and converting ----------------------------------------------------------------------------

function methods.clone(t)
   return wrap(C.wk_tensor_new_clone(t))
end

-- The same tensor when contiguous (Torch7 returns the same THTensor), else a contiguous copy.
function methods.contiguous(t)
   if C.wk_tensor_is_contiguous(t) ~= 0 then
      return t
   end
   return wrap(C.wk_tensor_new_clone(t))
end

function methods.copy(t, src)
   check(C.wk_copy(t, M.arg(src, 2, 'copy')))
   return t
end

function methods.fill(t, value)
   if type(value) == 'number' then
      check(C.wk_fill(t, value))
   elseif type(value) == 'cdata' and ffi.istype('int64_t', value) then
      check(C.wk_fill_i64(t, value))
   else
      checks.argerror(2, 'fill', 'number expected, got ' .. checks.typename_of(value))
   end
   return t
end

function methods.zero(t)
   check(C.wk_zero(t))
   return t
end

local function convert(t, id)
   local r = wrap(C.wk_tensor_new(id))
   if t.storage ~= nil then
      check(C.wk_tensor_resize_as(r, t))
      memory.after_alloc()
      check(C.wk_copy(r, t))
   end
   return r
end

-- type() is the type name; type(name) converts (returning self when the type is the same).
function methods.type(t, name)
   if name == nil then
      return typename(t)
   end
   if type(name) ~= 'string' then
      checks.argerror(2, 'type', 'string expected, got ' .. checks.typename_of(name))
   end
   local record = dtypes.by_tensor_name[name]
   if record == nil then
      raise(string.format("type: unknown tensor type '%s'", name))
   end
   if record.id == t.dtype then
      return t
   end
   return convert(t, record.id)
end

function methods.typeAs(t, other)
   return methods.type(t, typename(M.arg(other, 2, 'typeAs')))
end

for id = 0, dtypes.COUNT - 1 do
   local record = dtypes.list[id]
   -- t:float(), t:double(), ..., t:half(), t:bfloat16()
   methods[record.method] = function(t)
      if t.dtype == id then
         return t
      end
      return convert(t, id)
   end
end

-- Releases the storage now; the object is unusable afterwards (see the top of this file).
function methods.free(t)
   check(C.wk_tensor_set(t, nil, 0, 0, nil, nil))
   t.offset = -1
end

-- Classes -----------------------------------------------------------------------------------------

for id = 0, dtypes.COUNT - 1 do
   local record = dtypes.list[id]
   local mt = setmetatable({}, { __index = methods })
   mt.__typename = record.tensor_name
   mt.new = function(...) return M.new(id, ...) end
   by_dtype[id] = mt
   M.classes[id] = setmetatable({}, {
      __index = mt,
      __newindex = mt,
      __metatable = mt,  -- getmetatable(torch.FloatTensor) is the class, as torch.class makes it
      __call = function(_, ...) return M.new(id, ...) end,
      __tostring = function() return record.tensor_name end,
   })

   -- What a freed tensor of this type dispatches to: free() again is harmless, anything else
   -- raises.
   local name = record.tensor_name
   M.freed_methods[id] = setmetatable({ free = function() end }, {
      __index = function(_, k)
         raise(string.format('%s: the %s was freed', tostring(k), name))
      end,
   })
end

registry['wick.torch.Tensor'] = M
package.loaded['torch.Tensor'] = M  -- the files below require it while this one is loading

require 'torch.view'
require 'torch.index'
require 'torch.apply'

return M
