--[[ torch.apply — walking a tensor's elements in row-major order from Lua.

   t:apply(fn)            fn(x) for every element; a number returned replaces x
   t:map(u, fn)           fn(x, y) over t and u together; a number returned replaces x
   t:map2(u, v, fn)       fn(x, y, z) over t, u and v together
   t:totable()            nested Lua tables of the shape of t ({} for the empty tensor)
   Tensor.values(t)       the elements as a flat Lua array, row-major (what printing uses)

As in Torch7, map and map2 need equal element counts, not equal shapes, and the function's
return is stored only when it is a number. The walk visits rows of the last dimension: a tight
loop over a strided run, then an odometer step over the outer dimensions (next_row), so strided
and expanded tensors need no copy. The other tensors of map/map2 are read through :contiguous()
(a copy only when they are not contiguous) with a plain linear index.
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local dtypes = require 'torch.dtype'
local checks = require 'torch.check'
local Tensor = require 'torch.Tensor'
local C = lib.C

local methods = Tensor.methods
local read, write, PTR = dtypes.read, dtypes.write, dtypes.PTR
local cast = ffi.cast
local M = {}

-- nd, sizes, strides as Lua arrays (a scalar walks as a 1-element vector), and the element count.
local function shape_of(t)
   local nd = t.ndim
   local sizes, strides = {}, {}
   if nd == 0 then
      return 1, { 1 }, { 1 }, t.storage ~= nil and 1 or 0
   end
   local numel = 1
   for d = 1, nd do
      sizes[d] = tonumber(t.sizes[d - 1])
      strides[d] = tonumber(t.strides[d - 1])
      numel = numel * sizes[d]
   end
   return nd, sizes, strides, numel
end

-- Advances the odometer over dimensions 1..outer; returns the position of the next row's first
-- element, or nil after the last row.
local function next_row(counter, sizes, strides, outer, pos)
   for d = outer, 1, -1 do
      local c = counter[d] + 1
      if c < sizes[d] then
         counter[d] = c
         return pos + strides[d]
      end
      counter[d] = 0
      pos = pos - (sizes[d] - 1) * strides[d]
   end
   return nil
end

local function zeros(n)
   local counter = {}
   for d = 1, n do
      counter[d] = 0
   end
   return counter
end

function M.values(t)
   local nd, sizes, strides, numel = shape_of(t)
   local out = {}
   if numel == 0 then
      return out
   end
   local dt = t.dtype
   local p = cast(PTR[dt], C.wk_tensor_data(t))
   local counter = zeros(nd - 1)
   local inner, step = sizes[nd], strides[nd]
   local pos, k = 0, 0
   while pos do
      for i = 0, inner - 1 do
         k = k + 1
         out[k] = read(p, pos + i * step, dt)
      end
      pos = next_row(counter, sizes, strides, nd - 1, pos)
   end
   return out
end
Tensor.values = M.values

-- fn(x, y, z) over t and up to two other tensors read linearly; `others` holds them contiguous.
local function walk(t, fn, u, v)
   local nd, sizes, strides, numel = shape_of(t)
   if numel == 0 then
      return t
   end
   local dt = t.dtype
   local p = cast(PTR[dt], C.wk_tensor_data(t))
   local udt, up, vdt, vp
   if u then
      udt = u.dtype
      up = cast(PTR[udt], C.wk_tensor_data(u))
   end
   if v then
      vdt = v.dtype
      vp = cast(PTR[vdt], C.wk_tensor_data(v))
   end
   local counter = zeros(nd - 1)
   local inner, step = sizes[nd], strides[nd]
   local pos, j = 0, 0
   while pos do
      for i = 0, inner - 1 do
         local q = pos + i * step
         local r
         if vp then
            r = fn(read(p, q, dt), read(up, j, udt), read(vp, j, vdt))
         elseif up then
            r = fn(read(p, q, dt), read(up, j, udt))
         else
            r = fn(read(p, q, dt))
         end
         if type(r) == 'number' then
            write(p, q, dt, r)
         end
         j = j + 1
      end
      pos = next_row(counter, sizes, strides, nd - 1, pos)
   end
   return t
end

local function function_arg(fn, n, op)
   if type(fn) ~= 'function' and not (type(fn) == 'table' and getmetatable(fn) and getmetatable(fn).__call) then
      checks.argerror(n, op, 'function expected, got ' .. checks.typename_of(fn))
   end
end

local function same_count(t, u, op)
   local a, b = tonumber(C.wk_tensor_numel(t)), tonumber(C.wk_tensor_numel(u))
   if a ~= b then
      checks.raise(string.format('%s: the tensors have %d and %d elements (%s, %s)', op, a, b,
         Tensor.describe(t), Tensor.describe(u)))
   end
end

function methods.apply(t, fn)
   function_arg(fn, 2, 'apply')
   return (walk(t, fn))
end

function methods.map(t, u, fn)
   Tensor.arg(u, 2, 'map')
   function_arg(fn, 3, 'map')
   same_count(t, u, 'map')
   return (walk(t, fn, u:contiguous()))
end

function methods.map2(t, u, v, fn)
   Tensor.arg(u, 2, 'map2')
   Tensor.arg(v, 3, 'map2')
   function_arg(fn, 4, 'map2')
   same_count(t, u, 'map2')
   same_count(t, v, 'map2')
   return (walk(t, fn, u:contiguous(), v:contiguous()))
end

-- Nested tables of the values, shape sizes[depth..].
local function nest(values, sizes, depth, start)
   local n = sizes[depth]
   local out = {}
   if depth == #sizes then
      for i = 1, n do
         out[i] = values[start + i]
      end
      return out, start + n
   end
   for i = 1, n do
      out[i], start = nest(values, sizes, depth + 1, start)
   end
   return out, start
end

function methods.totable(t)
   local values = M.values(t)
   if t.ndim <= 1 then
      return values
   end
   local sizes = {}
   for d = 1, t.ndim do
      sizes[d] = tonumber(t.sizes[d - 1])
   end
   return (nest(values, sizes, 1, 0))
end

return M
