--[[ torch.index — Torch7's t[...] indexing, the paths that are not a plain 1-d element access.

Reading, t[k]:
   t[i]                  a number on a 1-d tensor; on an n-d tensor the view select(1, i)
   t[{i, j}]             a number when there is one index per dimension, else a view
   t[{ {a, b}, j, {} }]  a view: {a, b} narrows to a..b, {a} to a..a, {} keeps the dimension,
                         a number selects (removing the dimension)
   t[storage]            a LongStorage of one index per dimension: the element
   t[mask]               a ByteTensor mask: t:maskedSelect(mask), once the math files add it
Negative indexes count from the end: -1 is the last. Writing, t[k] = v: v a number fills the
view (or sets the element), v a tensor is copied into the view (its elements must match in
number, or broadcast).

Tensor.lua answers t[i] on 1-d tensors itself, with no call into this file; it calls
M.get / M.set (installed as Tensor.index_get / Tensor.index_set) for everything else.
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local dtypes = require 'torch.dtype'
local checks = require 'torch.check'
local Storage = require 'torch.Storage'
local Tensor = require 'torch.Tensor'
local C = lib.C

local read, write, PTR = dtypes.read, dtypes.write, dtypes.PTR
local describe, typename = Tensor.describe, Tensor.typename
local cast = ffi.cast
local M = {}

local fail, check = checks.raise, checks.check

local function live(t)
   if t.offset < 0 then
      fail('index: the ' .. typename(t) .. ' was freed')
   end
end

-- A 1-based index i into a dimension of `size` (negative from the end) as a 0-based one.
local function position(t, i, dim)
   local size = tonumber(t.sizes[dim - 1])
   local j = i < 0 and i + size + 1 or i
   if j < 1 or j > size or j ~= math.floor(j) then
      fail(string.format('index %s out of range for dimension %d of size %d (%s)', tostring(i), dim, size,
         describe(t)))
   end
   return j - 1
end

-- The element offset (from the first element) of the numbers in `index` (a table or a LongStorage
-- read into a table), one per dimension.
local function element_offset(t, index)
   local offset = 0
   for d = 1, #index do
      offset = offset + position(t, index[d], d) * tonumber(t.strides[d - 1])
   end
   return offset
end

local function is_element_index(t, index)
   if #index ~= t.ndim or t.ndim == 0 then
      return false
   end
   for d = 1, #index do
      if type(index[d]) ~= 'number' then
         return false
      end
   end
   return true
end

-- The view t[{...}] for a table that is not one number per dimension.
local function view_of(t, index)
   if #index > t.ndim then
      fail(string.format('index: %d indexes for a %d-d tensor (%s)', #index, t.ndim, describe(t)))
   end
   local r = Tensor.alias(t)
   local dim = 1   -- the dimension of r the next index applies to
   for i = 1, #index do
      local x = index[i]
      if type(x) == 'number' then
         check(C.wk_tensor_select(r, dim - 1, position(r, x, dim)))
      elseif type(x) == 'table' and getmetatable(x) == nil then
         local size = tonumber(r.sizes[dim - 1])
         local first, last = x[1] or 1, x[2] or x[1] or size
         if type(first) ~= 'number' or type(last) ~= 'number' or #x > 2 then
            fail(string.format('index: range %d must be {}, {first} or {first, last} with numbers', i))
         end
         local a = first < 0 and first + size + 1 or first
         local b = last < 0 and last + size + 1 or last
         if a < 1 or b > size or b < a then
            fail(string.format('index: range {%s, %s} out of range for dimension %d of size %d (%s)',
               tostring(first), tostring(last), dim, size, describe(t)))
         end
         check(C.wk_tensor_narrow(r, dim - 1, a - 1, b - a + 1))
         dim = dim + 1
      else
         fail(string.format('index: entry %d of the index is a %s (number or table expected)', i,
            checks.typename_of(x)))
      end
   end
   return r
end

local function is_mask(k)
   return Tensor.is(k) and k.dtype == tonumber(C.WK_U8)
end

function M.get(t, k)
   live(t)
   if type(k) == 'number' then
      if t.ndim == 0 then
         fail(string.format('index %s on an empty tensor (%s)', tostring(k), describe(t)))
      end
      local p = position(t, k, 1)
      if t.ndim == 1 then
         local dt = t.dtype
         return read(cast(PTR[dt], C.wk_tensor_data(t)), p * tonumber(t.strides[0]), dt)
      end
      local r = Tensor.alias(t)
      check(C.wk_tensor_select(r, 0, p))
      return r
   elseif type(k) == 'table' and getmetatable(k) == nil then
      if is_element_index(t, k) then
         local dt = t.dtype
         return read(cast(PTR[dt], C.wk_tensor_data(t)), element_offset(t, k), dt)
      end
      return view_of(t, k)
   elseif Storage.is(k) then
      local index = Storage.numbers(k)
      if not is_element_index(t, index) then
         fail(string.format('index: a storage of %d indexes for a %d-d tensor (%s)', #index, t.ndim, describe(t)))
      end
      local dt = t.dtype
      return read(cast(PTR[dt], C.wk_tensor_data(t)), element_offset(t, index), dt)
   elseif is_mask(k) and Tensor.methods.maskedSelect then
      return t:maskedSelect(k)
   end
   fail(string.format('index: cannot index a %s with a %s', typename(t), checks.typename_of(k)))
end

local function assign(r, v)
   if type(v) == 'number' then
      check(C.wk_fill(r, v))
   elseif Tensor.is(v) then
      if v.offset < 0 then
         fail('index: the ' .. typename(v) .. ' assigned was freed')
      end
      check(C.wk_copy(r, v))
   else
      fail(string.format('cannot assign a %s to %s (number or tensor expected)', checks.typename_of(v),
         describe(r)))
   end
end

local function set_element(t, offset, v)
   if type(v) ~= 'number' then
      fail(string.format('cannot store a %s in an element of a %s (number expected)', checks.typename_of(v),
         typename(t)))
   end
   local dt = t.dtype
   write(cast(PTR[dt], C.wk_tensor_data(t)), offset, dt, v)
end

function M.set(t, k, v)
   live(t)
   if type(k) == 'number' then
      if t.ndim == 0 then
         fail(string.format('index %s on an empty tensor (%s)', tostring(k), describe(t)))
      end
      local p = position(t, k, 1)
      if t.ndim == 1 then
         set_element(t, p * tonumber(t.strides[0]), v)
         return
      end
      local r = Tensor.alias(t)
      check(C.wk_tensor_select(r, 0, p))
      assign(r, v)
   elseif type(k) == 'table' and getmetatable(k) == nil then
      if is_element_index(t, k) then
         set_element(t, element_offset(t, k), v)
         return
      end
      assign(view_of(t, k), v)
   elseif Storage.is(k) then
      local index = Storage.numbers(k)
      if not is_element_index(t, index) then
         fail(string.format('index: a storage of %d indexes for a %d-d tensor (%s)', #index, t.ndim, describe(t)))
      end
      set_element(t, element_offset(t, index), v)
   elseif is_mask(k) and type(v) == 'number' and Tensor.methods.maskedFill then
      t:maskedFill(k, v)
   elseif is_mask(k) and Tensor.is(v) and Tensor.methods.maskedCopy then
      t:maskedCopy(k, v)
   else
      fail(string.format('index: cannot index a %s with a %s', typename(t), checks.typename_of(k)))
   end
end

Tensor.index_get = M.get
Tensor.index_set = M.set

return M
