--[[ torch — what `require 'torch'` loads: the global `torch` table, as Torch7 scripts expect it.

Wires together the class system (class.lua), the C library (lib.lua), storages (Storage.lua),
tensors (Tensor.lua, with view.lua, index.lua, apply.lua), the utilities (Timer, CmdLine,
TestSuite, Tester) and the math files (math/init.lua), and adds Torch7's module-level functions:

   torch.FloatTensor ... torch.ByteTensor, torch.HalfTensor, torch.BFloat16Tensor   (constructors)
   torch.FloatStorage ... (all dtypes)       torch.Tensor / torch.Storage: the default type's
   torch.setdefaulttensortype(name), torch.getdefaulttensortype()   default 'torch.DoubleTensor'
   torch.class, newmetatable, getmetatable, typename, type, isTypeOf, factory, setmetatable,
      getconstructortable, version                                    (from class.lua)
   torch.isTensor(x), torch.isStorage(x), torch.data(x [, asnumber]), torch.pointer(x),
   torch.isequal(a, b), torch.totable(x), torch.range(from, to [, step])
   torch.narrow(t, ...), torch.view(...), ...: functional forms of the tensor methods
   torch.memory.in_use(), .cached(), .empty_cache(): the C allocator's accounting (memory.lua)

The table is made once per Lua state (kept in the registry), since the FFI metatypes under it
can be installed only once; a second `require 'torch'` after package.loaded was cleared returns
the same table.
]]

local registry = debug.getregistry()
if registry['wick.torch'] then
   torch = registry['wick.torch']
   return torch
end

local lib = require 'torch.lib'
local ffi = require 'ffi'
local class = require 'torch.class'
local dtypes = require 'torch.dtype'
local checks = require 'torch.check'
local Storage = require 'torch.Storage'
local Tensor = require 'torch.Tensor'
local memory = require 'torch.memory'

local M = {}
torch = M

-- Classes ---------------------------------------------------------------------------------------

for _, name in ipairs({ 'class', 'newmetatable', 'getmetatable', 'typename', 'type', 'isTypeOf', 'factory',
   'setmetatable', 'getconstructortable', 'version' }) do
   M[name] = class[name]
end

local function cdata_typename(obj)
   if Tensor.is(obj) then
      return Tensor.typename(obj)
   elseif Storage.is(obj) then
      return dtypes.list[obj.dtype].storage_name
   end
   return nil
end
class.cdata_typename = cdata_typename
checks.cdata_typename = cdata_typename

for id = 0, dtypes.COUNT - 1 do
   local record = dtypes.list[id]
   class.register(record.tensor_name, Tensor.by_dtype[id])
   class.register(record.storage_name, Storage.by_dtype[id])
   M[record.short .. 'Tensor'] = Tensor.classes[id]
   M[record.short .. 'Storage'] = Storage.classes[id]
   -- factories make an empty object (serialization uses them)
   rawset(Tensor.by_dtype[id], '__factory', function() return Tensor.new(id) end)
   rawset(Storage.by_dtype[id], '__factory', function() return Storage.new(id) end)
   rawset(Tensor.by_dtype[id], '__version', 1)
   rawset(Storage.by_dtype[id], '__version', 1)
end

local default_type = 'torch.DoubleTensor'

function M.setdefaulttensortype(name)
   local record = dtypes.by_tensor_name[name]
   if record == nil then
      checks.raise(string.format("setdefaulttensortype: '%s' is not a tensor type", tostring(name)))
   end
   default_type = name
   M.Tensor = Tensor.classes[record.id]
   M.Storage = Storage.classes[record.id]
end

function M.getdefaulttensortype()
   return default_type
end

M.setdefaulttensortype(default_type)

-- Module-level functions --------------------------------------------------------------------------

function M.isTensor(x)
   return Tensor.is(x)
end

function M.isStorage(x)
   return Storage.is(x)
end

-- torch.data(x): a typed pointer to x's first element; torch.data(x, true): its address as an
-- intptr_t. Keep x alive while the pointer is in use.
function M.data(x, asnumber)
   local p
   if Tensor.is(x) or Storage.is(x) then
      p = x:data()
   else
      checks.argerror(1, 'data', 'tensor or storage expected, got ' .. checks.typename_of(x))
   end
   if asnumber then
      return ffi.cast('intptr_t', p)
   end
   return p
end

-- A number identifying x: the C object's address for tensors and storages (so two objects over
-- one storage give the same number), the Lua object's address otherwise.
function M.pointer(x)
   if Tensor.is(x) then
      return tonumber(ffi.cast('intptr_t', ffi.cast('void *', x)))
   elseif Storage.is(x) then
      return tonumber(ffi.cast('intptr_t', x.ptr))
   end
   local kind = type(x)
   if kind ~= 'table' and kind ~= 'function' and kind ~= 'thread' and kind ~= 'userdata' then
      return nil
   end
   local mt = debug.getmetatable(x)
   if mt then debug.setmetatable(x, nil) end
   local text = tostring(x)
   if mt then debug.setmetatable(x, mt) end
   return tonumber(text:match('0x%x+'))
end

function M.isequal(a, b)
   if (Tensor.is(a) and Tensor.is(b)) or (Storage.is(a) and Storage.is(b)) then
      return M.pointer(a) == M.pointer(b)
   end
   return type(a) == 'table' and rawequal(a, b)
end

function M.totable(x)
   return x:totable()
end

-- torch.range(from, to [, step]): from, from+step, ... up to `to`, in the default tensor type.
-- (Here until the math files bring their own.)
function M.range(from, to, step)
   checks.number(from, 1, 'range')
   checks.number(to, 2, 'range')
   step = step or 1
   checks.number(step, 3, 'range')
   if step == 0 or (to - from) / step < 0 then
      checks.raise(string.format('range: no values from %s to %s with step %s', tostring(from), tostring(to),
         tostring(step)))
   end
   local n = math.floor((to - from) / step) + 1
   local t = M.Tensor(n)
   for i = 1, n do
      t[i] = from + (i - 1) * step
   end
   return t
end

function M.getnumthreads()
   return tonumber(lib.C.wk_get_num_threads())
end

function M.setnumthreads(n)
   lib.C.wk_set_num_threads(checks.integer(n, 1, 'setnumthreads'))
end

-- Functional forms: torch.narrow(t, 1, 2, 3) is t:narrow(1, 2), and the forms with a result
-- first, torch.view(result, t, sizes), are result:view(t, sizes).
for _, name in ipairs({ 'size', 'stride', 'dim', 'nDimension', 'nElement', 'numel', 'storageOffset',
   'isContiguous', 'isSameSizeAs', 'isSetTo', 'isSize', 'clone', 'contiguous', 'typeAs', 'copy', 'fill',
   'zero', 'narrow', 'select', 'sub', 'transpose', 't', 'permute', 'view', 'viewAs', 'reshape', 'expand',
   'expandAs', 'unfold', 'squeeze', 'unsqueeze', 'resize', 'resizeAs', 'set', 'apply', 'map', 'map2' }) do
   M[name] = function(x, ...)
      if not Tensor.is(x) then
         checks.argerror(1, name, 'tensor expected, got ' .. checks.typename_of(x))
      end
      return x[name](x, ...)
   end
end

M.memory = memory

registry['wick.torch'] = M

-- The utilities, each in its own file.
for _, name in ipairs({ 'Timer', 'CmdLine', 'TestSuite', 'Tester' }) do
   M[name] = require('torch.' .. name)
end
require 'torch.utils'

require 'torch.math'
require 'torch.serialize'

return M
