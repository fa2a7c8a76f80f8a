--[[ torch.view — the tensor methods that change only the view: (storage, offset, sizes, strides).

Methods returning a new tensor over the same storage: narrow, select, sub, transpose, t, permute,
view, viewAs, reshape (a copy only when no view exists), expand, expandAs, unfold, squeeze,
unsqueeze. Methods changing the tensor itself and returning it: set, resize, resizeAs.

Torch7's optional result argument works where Torch7 documents it: result:view(src, sizes),
result:viewAs(src, template), result:expand(src, sizes), result:expandAs(src, template) make
`result` the view and return it.

Dimensions and indexes are 1-based here and 0-based in C; the conversion happens in this file
and nowhere else. Negative indexes count from the end in sub() (as Torch7 documents) and in the
t[...] indexing of index.lua; narrow() and select() take them as Torch7 does not, so they fail.
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local checks = require 'torch.check'
local memory = require 'torch.memory'
local Storage = require 'torch.Storage'
local sizes = require 'torch.sizes'
local Tensor = require 'torch.Tensor'
local C = lib.C

local methods = Tensor.methods
local check, raise = checks.check, checks.raise
local alias, is, arg, describe = Tensor.alias, Tensor.is, Tensor.arg, Tensor.describe
local SIZES, STRIDES = sizes.SIZES, sizes.STRIDES
local M = {}

-- Views of one tensor -------------------------------------------------------------------------------

function methods.narrow(t, dim, index, size)
   checks.integer(dim, 2, 'narrow')
   checks.index(index, 3, 'narrow')
   checks.index(size, 4, 'narrow')
   local r = alias(t)
   check(C.wk_tensor_narrow(r, dim - 1, index - 1, size))
   return r
end

-- On a 1-d tensor select returns the element, a number (as Torch7 does).
function methods.select(t, dim, index)
   checks.integer(dim, 2, 'select')
   checks.index(index, 3, 'select')
   if t.ndim == 1 then
      if dim ~= 1 or index < 1 or index > tonumber(t.sizes[0]) then
         local r = alias(t)
         check(C.wk_tensor_select(r, dim - 1, index - 1))
      end
      return t[index]
   end
   local r = alias(t)
   check(C.wk_tensor_select(r, dim - 1, index - 1))
   return r
end

-- sub(d1s, d1e [, d2s, d2e ...]): inclusive ranges per dimension; negative values count from the end.
function methods.sub(t, ...)
   local n = select('#', ...)
   if n % 2 == 1 then
      raise(string.format('sub: %d bounds given, pairs (first, last) expected', n))
   end
   if n / 2 > t.ndim then
      raise(string.format('sub: %d ranges for a %d-d tensor (%s)', n / 2, t.ndim, describe(t)))
   end
   local r = alias(t)
   for d = 1, n / 2 do
      local size = tonumber(t.sizes[d - 1])
      local first = checks.index((select(2 * d - 1, ...)), 2 * d, 'sub')
      local last = checks.index((select(2 * d, ...)), 2 * d + 1, 'sub')
      if first < 0 then first = first + size + 1 end
      if last < 0 then last = last + size + 1 end
      if first < 1 or first > size or last < first or last > size then
         raise(string.format('sub: range %d to %d out of range for dimension %d of size %d (%s)',
            (select(2 * d - 1, ...)), (select(2 * d, ...)), d, size, describe(t)))
      end
      check(C.wk_tensor_narrow(r, d - 1, first - 1, last - first + 1))
   end
   return r
end

function methods.transpose(t, dim1, dim2)
   checks.integer(dim1, 2, 'transpose')
   checks.integer(dim2, 3, 'transpose')
   local r = alias(t)
   check(C.wk_tensor_transpose(r, dim1 - 1, dim2 - 1))
   return r
end

function methods.t(t)
   if t.ndim ~= 2 then
      raise(string.format('t: a 2-d tensor expected, got a %d-d tensor (%s)', t.ndim, describe(t)))
   end
   local r = alias(t)
   check(C.wk_tensor_transpose(r, 0, 1))
   return r
end

local PERMUTATION = ffi.new('int32_t[?]', sizes.MAX_DIMS)

function methods.permute(t, ...)
   local n = select('#', ...)
   if n ~= t.ndim then
      raise(string.format('permute: %d dimensions given for a %d-d tensor (%s)', n, t.ndim, describe(t)))
   end
   for d = 1, n do
      PERMUTATION[d - 1] = checks.integer((select(d, ...)), d + 1, 'permute') - 1
   end
   local r = alias(t)
   check(C.wk_tensor_permute(r, PERMUTATION))
   return r
end

function methods.unfold(t, dim, size, step)
   checks.integer(dim, 2, 'unfold')
   checks.index(size, 3, 'unfold')
   checks.index(step, 4, 'unfold')
   local r = alias(t)
   check(C.wk_tensor_unfold(r, dim - 1, size, step))
   return r
end

function methods.squeeze(t, dim)
   local r = alias(t)
   if dim == nil then
      check(C.wk_tensor_squeeze(r))
   else
      checks.integer(dim, 2, 'squeeze')
      check(C.wk_tensor_squeeze_dim(r, dim - 1))
   end
   return r
end

-- unsqueeze(dim): a size-1 dimension inserted at position dim (1 .. ndim+1).
function methods.unsqueeze(t, dim)
   checks.integer(dim, 2, 'unsqueeze')
   local r = alias(t)
   check(C.wk_tensor_unsqueeze(r, dim - 1))
   return r
end

-- Views with new sizes ----------------------------------------------------------------------------

-- The (result, source, first size argument) of the [result,] tensor, sizes forms.
local function result_form(t, a)
   if is(a) then
      return t, arg(a, 2, 'view'), true
   end
   return nil, t, false
end

local function view_into(r, src, nd)
   if r == nil then
      r = alias(src)
   else
      check(C.wk_tensor_set_to(r, src))
   end
   check(C.wk_tensor_view(r, nd, SIZES))
   return r
end

-- view([result,] [tensor,] sizes): sizes as numbers or a LongStorage, one of them may be -1.
function methods.view(t, a, ...)
   local r, src, shifted = result_form(t, a)
   local nd
   if shifted then
      nd = sizes.parse(SIZES, 'view', 3, ...)
   else
      nd = sizes.parse(SIZES, 'view', 2, a, ...)
   end
   local v = view_into(r, src, nd)
   return v
end

-- The (result, source, template) of the [result,] tensor, template forms.
local function template_form(t, a, template, op)
   if template == nil then
      return nil, t, arg(a, 2, op)
   end
   return t, arg(a, 2, op), arg(template, 3, op)
end

function methods.viewAs(t, a, template)
   local r, src
   r, src, template = template_form(t, a, template, 'viewAs')
   local nd = template.ndim
   for d = 0, nd - 1 do
      SIZES[d] = template.sizes[d]
   end
   local v = view_into(r, src, nd)
   return v
end

-- reshape(sizes): a view when one exists, else a contiguous copy viewed with the new sizes.
-- (Torch7's torch.reshape always copied; this is the newer convention.)
function methods.reshape(t, ...)
   local nd = sizes.parse(SIZES, 'reshape', 2, ...)
   local r = alias(t)
   if C.wk_tensor_view(r, nd, SIZES) == 0 then
      return r
   end
   if C.wk_tensor_is_contiguous(t) ~= 0 or t.storage == nil then
      -- no copy would help: the sizes do not fit (C's message, which names view)
      raise((ffi.string(C.wk_last_error()):gsub('^view:', 'reshape:')))
   end
   r = Tensor.wrap(C.wk_tensor_new_clone(t))
   check(C.wk_tensor_view(r, nd, SIZES))
   return r
end

-- expand([result,] sizes): size-1 dimensions repeat with stride 0; -1 keeps a size.
function methods.expand(t, a, ...)
   local r, src, shifted = result_form(t, a)
   local nd
   if shifted then
      nd = sizes.parse(SIZES, 'expand', 3, ...)
   else
      nd = sizes.parse(SIZES, 'expand', 2, a, ...)
   end
   if r == nil then
      r = alias(src)
   else
      check(C.wk_tensor_set_to(r, src))
   end
   check(C.wk_tensor_expand(r, nd, SIZES))
   return r
end

function methods.expandAs(t, a, template)
   local r, src
   r, src, template = template_form(t, a, template, 'expandAs')
   if r == nil then
      r = alias(src)
   else
      check(C.wk_tensor_set_to(r, src))
   end
   check(C.wk_tensor_expand(r, template.ndim, template.sizes))
   return r
end

-- Changing the tensor itself ----------------------------------------------------------------------

-- set(), set(tensor), set(storage [, offset [, sizes [, strides]]]), set(storage, offset, sz1, st1, ...)
function methods.set(t, a, ...)
   if a == nil then
      check(C.wk_tensor_set(t, nil, 0, 0, nil, nil))
   elseif is(a) then
      check(C.wk_tensor_set_to(t, arg(a, 2, 'set')))
   elseif Storage.is(a) then
      if a.ptr == nil then
         raise('set: the ' .. checks.typename_of(a) .. ' was freed')
      end
      local offset, nd, strided = Tensor.storage_view_args('set', 2, a, ...)
      if nd == 0 then
         check(C.wk_tensor_set(t, nil, 0, 0, nil, nil))
      else
         check(C.wk_tensor_set(t, a.ptr, offset, nd, SIZES, strided and STRIDES or nil))
      end
   else
      checks.argerror(2, 'set', 'tensor or storage expected, got ' .. checks.typename_of(a))
   end
   return t
end

-- resize(sizes): contiguous strides; the storage grows when too small, never shrinks.
function methods.resize(t, ...)
   if select('#', ...) == 0 then
      checks.argerror(2, 'resize', 'sizes expected, got no value')
   end
   local nd = sizes.parse(SIZES, 'resize', 2, ...)
   check(C.wk_tensor_resize(t, nd, SIZES))
   memory.after_alloc()
   return t
end

function methods.resizeAs(t, other)
   check(C.wk_tensor_resize_as(t, arg(other, 2, 'resizeAs')))
   memory.after_alloc()
   return t
end

return M
