--[[ torch.serialize.object — Torch7's object encoding (File:writeObject / File:readObject).

Every object is an int32 type tag, then:
   nil (0): nothing      number (1): double     string (2): int32 length, chars
   boolean (5): int32 0/1
   table (3), torch object (4), function (8; legacy 7): int32 index in the file's object table;
      the first time, the contents follow; a repeated (shared, cyclic) object is the index alone.
      table: int32 number of pairs, then key, value objects.
      torch object: string 'V <version>', string class name, then the object's own write:
         tensors: int32 ndim, ndim longs sizes, ndim longs strides, long storageOffset (1-based),
            the storage object (nil for a tensor without one);
         storages: long size, the elements;
         others: obj:write(file) when the class has one, else a table of its fields.
      function: int32 bytecode length, bytecode, the table of upvalues {name=, value=}.
   legacy function (6): int32 length, bytecode (no index, no upvalues).
Loading a function runs code, so it is refused unless the file was opened with allowFunctions.
Loading anything else only builds values: classes are found by name (torch.getmetatable), and an
object is made by its class factory without running __init.
]]

local ffi = require 'ffi'
local dtypes = require 'torch.dtype'
local class = require 'torch.class'
local Tensor = require 'torch.Tensor'
local Storage = require 'torch.Storage'
local sizes = require 'torch.sizes'

local M = {}

local TYPE_NIL, TYPE_NUMBER, TYPE_STRING, TYPE_TABLE, TYPE_TORCH, TYPE_BOOLEAN = 0, 1, 2, 3, 4, 5
local TYPE_FUNCTION, LEGACY_TYPE_RECUR_FUNCTION, TYPE_RECUR_FUNCTION = 6, 7, 8
M.TYPES = { NIL = 0, NUMBER = 1, STRING = 2, TABLE = 3, TORCH = 4, BOOLEAN = 5, FUNCTION = 6,
   LEGACY_RECUR_FUNCTION = 7, RECUR_FUNCTION = 8 }

local LONG = dtypes.list[dtypes.I64]

-- Writing ---------------------------------------------------------------------------------------------

-- Keys in a fixed order: 1..#t first, then the rest sorted (numbers, then strings, then others).
local KIND_RANK = { number = 1, string = 2, boolean = 3 }
local function sorted_keys(t)
   local keys, n = {}, #t
   for i = 1, n do
      keys[i] = i
   end
   local rest = {}
   for k in pairs(t) do
      if not (type(k) == 'number' and k >= 1 and k <= n and k == math.floor(k)) then
         rest[#rest + 1] = k
      end
   end
   table.sort(rest, function(a, b)
      local ta, tb = type(a), type(b)
      if ta ~= tb then
         return (KIND_RANK[ta] or 4) < (KIND_RANK[tb] or 4)
      elseif ta == 'number' or ta == 'string' then
         return a < b
      elseif ta == 'boolean' then
         return (not a) and b
      end
      return tostring(a) < tostring(b)
   end)
   for i = 1, #rest do
      keys[n + i] = rest[i]
   end
   return keys
end

local function is_writable(v)
   local kind = type(v)
   if kind == 'cdata' then
      return Tensor.is(v) or Storage.is(v)
   end
   return kind ~= 'userdata' and kind ~= 'thread'
end

local function write_string(f, s)
   f.codec.write_int(f.sink, #s)
   f.codec.write_chars(f.sink, s)
end

-- The identity of a referenced object: tensors and storages by their C object's address.
local function identity(obj)
   if type(obj) == 'cdata' then
      local p = tonumber(ffi.cast('intptr_t', Tensor.is(obj) and ffi.cast('void *', obj) or obj.ptr))
      return (Tensor.is(obj) and 't' or 's') .. p
   end
   return obj
end

local function write_tensor(f, t)
   local codec, sink = f.codec, f.sink
   local nd = t.ndim
   codec.write_int(sink, nd)
   codec.write_array(sink, LONG, ffi.cast('int64_t *', t.sizes), nd)
   codec.write_array(sink, LONG, ffi.cast('int64_t *', t.strides), nd)
   codec.write_long(sink, t:storageOffset())
   if t.storage == nil then
      M.write(f, nil)
   else
      M.write(f, t:storage())
   end
end

local function write_storage(f, s)
   local n = s:size()
   f.codec.write_long(f.sink, n)
   if n > 0 then
      f.codec.write_array(f.sink, dtypes.list[s.dtype], s:data(), n)
   end
end

function M.write(f, obj)
   local codec, sink = f.codec, f.sink
   local kind = type(obj)
   if obj == nil then
      codec.write_int(sink, TYPE_NIL)
      return
   elseif kind == 'number' then
      codec.write_int(sink, TYPE_NUMBER)
      codec.write_double(sink, obj)
      return
   elseif kind == 'string' then
      codec.write_int(sink, TYPE_STRING)
      write_string(f, obj)
      return
   elseif kind == 'boolean' then
      codec.write_int(sink, TYPE_BOOLEAN)
      codec.write_int(sink, obj and 1 or 0)
      return
   end
   if not is_writable(obj) then
      error(string.format('writeObject: cannot write a %s', class.type(obj)), 0)
   end
   local typename = class.typename(obj)
   local tag = kind == 'function' and TYPE_RECUR_FUNCTION or (typename and TYPE_TORCH or TYPE_TABLE)
   codec.write_int(sink, tag)
   local key = identity(obj)
   local known = f.written[key]
   if known then
      codec.write_int(sink, known)
      return
   end
   local index = f.nwritten + 1
   f.nwritten = index
   f.written[key] = index
   f.kept[index] = obj
   codec.write_int(sink, index)
   if tag == TYPE_TABLE then
      local keys = sorted_keys(obj)
      codec.write_int(sink, #keys)
      for i = 1, #keys do
         M.write(f, keys[i])
         M.write(f, obj[keys[i]])
      end
   elseif tag == TYPE_RECUR_FUNCTION then
      local code = string.dump(obj)
      codec.write_int(sink, #code)
      codec.write_chars(sink, code)
      local upvalues = {}
      local i = 1
      while true do
         local name, value = debug.getupvalue(obj, i)
         if name == nil then
            break
         end
         upvalues[i] = { name = name, value = value }
         i = i + 1
      end
      M.write(f, upvalues)
   else
      local version = class.version(obj)
      write_string(f, 'V ' .. tostring((version == nil or version == 0) and 1 or version))
      write_string(f, typename)
      if Tensor.is(obj) then
         write_tensor(f, obj)
      elseif Storage.is(obj) then
         write_storage(f, obj)
      elseif type(obj.write) == 'function' then
         obj:write(f)
      else
         local fields = {}
         for k, v in pairs(obj) do
            if is_writable(v) and is_writable(k) then
               fields[k] = v
            else
               io.stderr:write(string.format('$ Warning: cannot write object field <%s> of <%s>\n',
                  tostring(k), typename))
            end
         end
         M.write(f, fields)
      end
   end
end

-- Reading ---------------------------------------------------------------------------------------------

local function read_count(f, what)
   local n = f.codec.read_int(f.src)
   if n < 0 or n > f.src:remaining() then
      f.src:fail(string.format('%s of %d declared, only %d bytes left', what, n, f.src:remaining()))
   end
   return n
end

local function read_string(f)
   local n = read_count(f, 'a string')
   return f.codec.read_chars(f.src, n)
end

local function read_storage(f, record)
   local src = f.src
   local n = f.codec.read_long(src)
   if n < 0 or f.codec.min_bytes(record, n) > src:remaining() then
      src:fail(string.format('%s of %.0f elements declared, only %d bytes left', record.storage_name, n,
         src:remaining()))
   end
   local s = Storage.new(record.id)
   if n > 0 then
      s:resize(n)
      f.codec.read_array(src, record, s:data(), n)
   end
   return s
end

local function read_tensor(f, record, t)
   local codec, src = f.codec, f.src
   local nd = codec.read_int(src)
   if nd < 0 or nd > sizes.MAX_DIMS then
      src:fail(string.format('a tensor of %d dimensions (at most %d supported)', nd, sizes.MAX_DIMS))
   end
   local dims, strides = ffi.new('int64_t[?]', nd + 1), ffi.new('int64_t[?]', nd + 1)
   if codec.min_bytes(LONG, 2 * nd) > src:remaining() then
      src:fail('file truncated in a tensor header')
   end
   codec.read_array(src, LONG, dims, nd)
   codec.read_array(src, LONG, strides, nd)
   local offset = codec.read_long(src)
   local at = src.pos
   local storage = M.read(f)
   if storage ~= nil and not (Storage.is(storage) and storage.dtype == record.id) then
      src.pos = at
      src:fail(string.format('%s with a %s for storage', record.tensor_name, class.type(storage)))
   end
   local numel, last = 1, offset - 1
   local sz, st = {}, {}
   for d = 0, nd - 1 do
      if dims[d] < 0 or strides[d] < 0 then
         src:fail(string.format('%s with a negative size or stride in dimension %d', record.tensor_name, d + 1))
      end
      sz[d + 1], st[d + 1] = tonumber(dims[d]), tonumber(strides[d])
      numel = numel * sz[d + 1]
      last = last + (sz[d + 1] - 1) * st[d + 1]
   end
   if nd == 0 or numel == 0 then
      if nd > 0 then
         t:resize(Storage.long(sz))
      end
      return t
   end
   if offset < 1 or storage == nil or last >= storage:size() then
      src:fail(string.format('%s view (offset %.0f, last element %.0f) outside its storage of %d elements',
         record.tensor_name, offset, last + 1, storage and storage:size() or 0))
   end
   return t:set(storage, offset, Storage.long(sz), Storage.long(st))
end

local function load_function(f, code, at)
   if not f.options.allowFunctions then
      f.src.pos = at
      f.src:fail('refusing to load a function (its bytecode would run as code): pass {allowFunctions = true} '
         .. 'for trusted files')
   end
   local fn, err = loadstring(code)
   if fn == nil then
      f.src:fail('cannot load a function: ' .. tostring(err))
   end
   return fn
end

function M.read(f)
   local codec, src = f.codec, f.src
   local at = src.pos
   local tag = codec.read_int(src)
   if tag == TYPE_NIL then
      return nil
   elseif tag == TYPE_NUMBER then
      return codec.read_double(src)
   elseif tag == TYPE_STRING then
      return read_string(f)
   elseif tag == TYPE_BOOLEAN then
      return codec.read_int(src) == 1
   elseif tag == TYPE_FUNCTION then
      return load_function(f, read_string(f), at)
   elseif tag ~= TYPE_TABLE and tag ~= TYPE_TORCH and tag ~= TYPE_RECUR_FUNCTION
      and tag ~= LEGACY_TYPE_RECUR_FUNCTION then
      src.pos = at
      src:fail(string.format('unknown object type %d', tag))
   end
   local index = codec.read_int(src)
   local known = f.read_objects[index]
   if known ~= nil then
      return known
   end
   if tag == TYPE_TABLE then
      local t = {}
      f.read_objects[index] = t
      local n = read_count(f, 'a table')
      for _ = 1, n do
         local kat = src.pos
         local k = M.read(f)
         local v = M.read(f)
         if k == nil or k ~= k then
            src.pos = kat
            src:fail('a table key that is nil or NaN')
         end
         t[k] = v
      end
      return t
   elseif tag == TYPE_RECUR_FUNCTION or tag == LEGACY_TYPE_RECUR_FUNCTION then
      local fn = load_function(f, read_string(f), at)
      f.read_objects[index] = fn
      local upvalues = M.read(f)
      if type(upvalues) ~= 'table' then
         src:fail('a function without its table of upvalues')
      end
      for i, up in ipairs(upvalues) do
         if tag == LEGACY_TYPE_RECUR_FUNCTION then
            debug.setupvalue(fn, i, up)
         elseif type(up) == 'table' then
            debug.setupvalue(fn, i, up.name == '_ENV' and _G or up.value)
         end
      end
      return fn
   end
   -- a torch object
   local version, name = read_string(f), nil
   local number = version:match('^V (%d+)$')
   if number then
      name = read_string(f)
   else
      name, number = version, 0
   end
   local record = dtypes.by_tensor_name[name]
   if record then
      local t = Tensor.new(record.id)
      f.read_objects[index] = t
      return read_tensor(f, record, t)
   end
   record = dtypes.by_storage_name[name]
   if record then
      local s = read_storage(f, record)
      f.read_objects[index] = s
      return s
   end
   local factory = class.getmetatable(name) and class.factory(name)
   if not factory then
      src.pos = at
      src:fail(string.format("unknown class '%s' (load the package that defines it first, e.g. require 'nn')",
         name:sub(1, 100)))
   end
   local obj = factory()
   f.read_objects[index] = obj
   if type(obj.read) == 'function' then
      obj:read(f, tonumber(number))
   else
      local fields = M.read(f)
      if type(fields) ~= 'table' then
         src:fail(string.format('%s: its fields are a %s, a table expected', name, type(fields)))
      end
      for k, v in pairs(fields) do
         obj[k] = v
      end
   end
   return obj
end

return M
