--[[ torch.math.build — building and rearranging tensors (C: core/shape.c), as Torch7 has them.

Torch7's convention: a function takes an optional result first and returns it; as a method the
tensor is the input and the result is new, unless another tensor follows, which makes the
tensor the result (x:diag() is diag(x); y:diag(x) puts diag(x) in y).

   torch.cat([res,] x1, x2 [, dim])        torch.cat([res,] {x1, x2, ...} [, dim])
        dim defaults to the last dimension; empty inputs are skipped; dim = x:dim() + 1 stacks
   torch.split([result,] t, size [, dim])  a table of views of `size` along dim (default 1)
   torch.chunk([result,] t, n [, dim])     n views of about equal size
   torch.repeatTensor([res,] t, sizes...)  t tiled sizes[i] times along dimension i
   torch.flip([res,] t, dim | {dims})      torch.roll([res,] t, shift | {shifts} [, dim | {dims}])
        (roll without dims rolls the flattened tensor)
   torch.diag([res,] x [, k])              vector -> matrix with x on diagonal k; matrix -> diagonal k
   torch.triu([res,] x [, k])              torch.tril([res,] x [, k])   (batches of matrices too)
   torch.cross([res,] a, b [, dim])        along dim, or the first dimension of size 3
   torch.kron([res,] a, b)                 the Kronecker product
   torch.eye([res,] n [, m])               torch.zeros([res,] sizes...)   torch.ones([res,] sizes...)
   torch.linspace([res,] x1, x2 [, n])     n (default 100) points from x1 to x2
   torch.logspace([res,] x1, x2 [, n])     n (default 100) points from 10^x1 to 10^x2
   torch.range([res,] x, y [, step])       x, x+step, ... up to y included (Torch7)
   torch.arange([res,] [start,] stop [, step])   start, start+step, ... below stop (PyTorch)

New tensors have the input's type, or for constructors the default tensor type. Sizes may be
numbers, a LongStorage or a Lua array.
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local checks = require 'torch.check'
local dtypes = require 'torch.dtype'
local sizes = require 'torch.sizes'
local Tensor = require 'torch.Tensor'
local C = lib.C

local torch = debug.getregistry()['wick.torch'] or rawget(_G, 'torch')
local methods = Tensor.methods
local is, wrap, arg, alias = Tensor.is, Tensor.wrap, Tensor.arg, Tensor.alias
local SIZES = sizes.SIZES
local MAX_DIMS = sizes.MAX_DIMS
local type, tonumber = type, tonumber
local ceil, min = math.ceil, math.min

local check, raise = checks.check, checks.raise

local function number_arg(v, n, op, default)
   if v == nil and default ~= nil then
      return default
   end
   if type(v) ~= 'number' then
      checks.argerror(n, op, 'number expected, got ' .. checks.typename_of(v), 4)
   end
   return v
end

local function dim_arg(d, n, op)
   checks.integer(d, n, op, 4)
   return d - 1
end

local function new_like(t)
   return wrap(C.wk_tensor_new(t.dtype), 3)
end

local function default_dtype()
   return dtypes.by_tensor_name[torch.getdefaulttensortype()].id
end

local function new_default()
   return wrap(C.wk_tensor_new(default_dtype()), 3)
end

local function is_list(v)
   return type(v) == 'table' and getmetatable(v) == nil
end

-- cat --------------------------------------------------------------------------------------------------

local function cat(res, list, dim, argn)
   local count = #list
   if count == 0 then
      raise('cat: no tensors to concatenate')
   end
   local inputs = ffi.new('const wk_tensor *[?]', count)
   local last = 0
   for i = 1, count do
      local t = list[i]
      if not is(t) then
         raise(string.format('cat: input %d is a %s, not a tensor', i, checks.typename_of(t)))
      end
      arg(t, i, 'cat', 2)
      inputs[i - 1] = t
      if last == 0 and tonumber(C.wk_tensor_numel(t)) > 0 then
         last = t.ndim
      end
   end
   if dim == nil then
      dim = last > 0 and last or 1       -- Torch7: the last dimension
   else
      checks.integer(dim, argn, 'cat', 3)
   end
   res = res or new_like(list[1])
   check(C.wk_cat(res, inputs, count, dim - 1))
   return res
end

function torch.cat(a, b, c, d)
   if is(a) and is_list(b) then
      return cat(a, b, c, 3)                   -- (res, {x1, x2, ...}, dim)
   elseif is_list(a) then
      return cat(nil, a, b, 2)                 -- ({x1, x2, ...}, dim)
   elseif is(a) and is(b) and is(c) then
      return cat(a, { b, c }, d, 4)            -- (res, x1, x2, dim)
   end
   return cat(nil, { a, b }, c, 3)             -- (x1, x2, dim)
end

-- res:cat({x1, ...} [, dim]) and res:cat(x1, x2 [, dim]) fill res; x1:cat(x2 [, dim]) is new.
function methods.cat(t, a, b, c)
   if is_list(a) or (is(a) and is(b)) then
      return torch.cat(t, a, b, c)
   end
   return cat(nil, { t, a }, b, 3)
end

-- split, chunk, repeatTensor ------------------------------------------------------------------------

local function split(result, t, size, dim, op)
   arg(t, 1, op, 2)
   checks.integer(size, 2, op, 3)
   dim = dim or 1
   checks.integer(dim, 3, op, 3)
   if dim < 1 or dim > t.ndim then
      raise(string.format('%s: dimension %d out of range for %s', op, dim, Tensor.describe(t)))
   end
   if size < 1 then
      raise(string.format('%s: the piece size must be positive, got %d', op, size))
   end
   result = result or {}
   for i = #result, 1, -1 do
      result[i] = nil
   end
   local n = tonumber(t.sizes[dim - 1])
   for start = 1, n, size do
      local piece = alias(t)
      check(C.wk_tensor_narrow(piece, dim - 1, start - 1, min(size, n - start + 1)))
      result[#result + 1] = piece
   end
   return result
end

function torch.split(a, b, c, d)
   if is_list(a) then
      return split(a, b, c, d, 'split')
   end
   return split(nil, a, b, c, 'split')
end

function methods.split(t, a, b, c)
   if is_list(t) then
      return split(t, a, b, c, 'split')
   end
   return split(nil, t, a, b, 'split')
end

local function chunk(result, t, n, dim)
   arg(t, 1, 'chunk', 2)
   checks.integer(n, 2, 'chunk', 3)
   if n < 1 then
      raise(string.format('chunk: the number of chunks must be positive, got %d', n))
   end
   dim = dim or 1
   checks.integer(dim, 3, 'chunk', 3)
   if dim < 1 or dim > t.ndim then
      raise(string.format('chunk: dimension %d out of range for %s', dim, Tensor.describe(t)))
   end
   local size = ceil(tonumber(t.sizes[dim - 1]) / n)
   return split(result, t, size > 0 and size or 1, dim, 'chunk')
end

function torch.chunk(a, b, c, d)
   if is_list(a) then
      return chunk(a, b, c, d)
   end
   return chunk(nil, a, b, c)
end

function methods.chunk(t, a, b)
   return chunk(nil, t, a, b)
end

local REPEATS = ffi.new('int64_t[?]', MAX_DIMS)
local EXPANDED = ffi.new('int64_t[?]', MAX_DIMS)

-- Seen with 2n dims (r_0, s_0, r_1, s_1, ...), the result is t (viewed as (1, s_0, 1, s_1, ...))
-- expanded: one copy.
local function repeat_tensor(res, t, argn, ...)
   local nd = sizes.parse(REPEATS, 'repeatTensor', argn, ...)
   if nd < t.ndim then
      raise(string.format('repeatTensor: %d repeat counts for %s: give at least one per dimension', nd,
         Tensor.describe(t)))
   end
   if 2 * nd > MAX_DIMS then
      raise(string.format('repeatTensor: at most %d repeat counts are supported, got %d', MAX_DIMS / 2, nd))
   end
   local src = alias(t)
   for d = 0, nd - 1 do
      if REPEATS[d] < 0 then
         raise(string.format('repeatTensor: repeat count %d is negative', tonumber(REPEATS[d])))
      end
   end
   res = res or new_like(t)
   if t.storage == nil then                      -- the empty tensor repeats to nothing
      check(C.wk_tensor_set(res, nil, 0, 0, nil, nil))
      return res
   end
   for _ = t.ndim, nd - 1 do
      check(C.wk_tensor_unsqueeze(src, 0))
   end
   for d = 0, nd - 1 do
      local size = src.sizes[2 * d]
      SIZES[d] = REPEATS[d] * size
      check(C.wk_tensor_unsqueeze(src, 2 * d))
      EXPANDED[2 * d] = REPEATS[d]
      EXPANDED[2 * d + 1] = size
   end
   check(C.wk_tensor_resize(res, nd, SIZES))
   if tonumber(C.wk_tensor_numel(res)) > 0 then
      check(C.wk_tensor_expand(src, 2 * nd, EXPANDED))
      local dst = alias(res)
      check(C.wk_tensor_view(dst, 2 * nd, EXPANDED))
      check(C.wk_copy(dst, src))
   end
   return res
end

function torch.repeatTensor(a, b, ...)
   if is(a) and is(b) then
      return repeat_tensor(a, b, 3, ...)
   end
   arg(a, 1, 'repeatTensor')
   return repeat_tensor(nil, a, 2, b, ...)
end

function methods.repeatTensor(t, a, ...)
   return torch.repeatTensor(t, a, ...)
end

-- flip, roll ------------------------------------------------------------------------------------------

-- Applies op along each dim in dims (a number or a list) from t into res; later ones in place.
local function flip(res, t, dims)
   arg(t, 1, 'flip', 2)
   res = res or new_like(t)
   if type(dims) == 'number' then
      check(C.wk_flip(res, t, dim_arg(dims, 2, 'flip')))
      return res
   end
   if not is_list(dims) or #dims == 0 then
      checks.argerror(2, 'flip', 'a dimension or a list of them expected, got ' .. checks.typename_of(dims), 3)
   end
   local src = t
   for i = 1, #dims do
      check(C.wk_flip(res, src, dim_arg(dims[i], 2, 'flip')))
      src = res
   end
   return res
end

function torch.flip(a, b, c)
   if is(b) then
      return flip(a, b, c)
   end
   return flip(nil, a, b)
end

function methods.flip(t, a, b)
   if is(a) then
      return flip(t, a, b)
   end
   return flip(nil, t, a)
end

local function roll(res, t, shifts, dims)
   arg(t, 1, 'roll', 2)
   res = res or new_like(t)
   if dims == nil then                           -- the flattened tensor
      checks.index(shifts, 2, 'roll', 3)
      local n = tonumber(C.wk_tensor_numel(t))
      check(C.wk_tensor_resize_as(res, t))
      if n == 0 then
         return res
      end
      local flat_src = alias(t:contiguous())
      SIZES[0] = n
      check(C.wk_tensor_view(flat_src, 1, SIZES))
      local flat_dst = alias(res)
      check(C.wk_tensor_view(flat_dst, 1, SIZES))
      check(C.wk_roll(flat_dst, flat_src, shifts, 0))
      return res
   end
   if type(shifts) == 'number' then
      checks.index(shifts, 2, 'roll', 3)
      check(C.wk_roll(res, t, shifts, dim_arg(dims, 3, 'roll')))
      return res
   end
   if not is_list(shifts) or not is_list(dims) or #shifts ~= #dims or #dims == 0 then
      raise('roll: give a shift and a dimension, or lists of them of the same length')
   end
   local src = t
   for i = 1, #dims do
      check(C.wk_roll(res, src, checks.index(shifts[i], 2, 'roll', 3), dim_arg(dims[i], 3, 'roll')))
      src = res
   end
   return res
end

function torch.roll(a, b, c, d)
   if is(b) then
      return roll(a, b, c, d)
   end
   return roll(nil, a, b, c)
end

function methods.roll(t, a, b, c)
   if is(a) then
      return roll(t, a, b, c)
   end
   return roll(nil, t, a, b)
end

-- diag, triu, tril, cross, kron -------------------------------------------------------------------

-- The ([res,] x [, k]) family: kernel(res, x, k).
local function define_unary(name, kernel)
   local function run(res, x, k)
      arg(x, res and 2 or 1, name, 2)
      k = k or 0
      checks.index(k, res and 3 or 2, name, 3)
      res = res or new_like(x)
      check(kernel(res, x, k))
      return res
   end
   torch[name] = function(a, b, c)
      if is(b) then
         return run(a, b, c)
      end
      return run(nil, a, b)
   end
   methods[name] = torch[name]
end

define_unary('diag', function(res, x, k) return C.wk_diag(res, x, k) end)
define_unary('triu', function(res, x, k) return C.wk_triu(res, x, k) end)
define_unary('tril', function(res, x, k) return C.wk_tril(res, x, k) end)

local function cross(res, a, b, dim)
   arg(a, res and 2 or 1, 'cross', 2)
   arg(b, res and 3 or 2, 'cross', 2)
   local d = -1
   if dim ~= nil then
      d = dim_arg(dim, res and 4 or 3, 'cross')
      if d < 0 then
         raise(string.format('cross: dimension %d out of range for %s', dim, Tensor.describe(a)))
      end
   end
   res = res or new_like(a)
   check(C.wk_cross(res, a, b, d))
   return res
end

function torch.cross(a, b, c, d)
   if is(c) then
      return cross(a, b, c, d)
   end
   return cross(nil, a, b, c)
end
methods.cross = torch.cross

function torch.kron(a, b, c)
   local res
   if is(c) then
      res, a, b = a, b, c
   end
   arg(a, res and 2 or 1, 'kron')
   arg(b, res and 3 or 2, 'kron')
   res = res or new_like(a)
   check(C.wk_kron(res, a, b))
   return res
end
methods.kron = torch.kron

-- Constructors --------------------------------------------------------------------------------------

function torch.eye(a, b, c)
   local res
   if is(a) then
      res, a, b = a, b, c
   end
   local n = res and 2 or 1
   checks.index(a, n, 'eye')
   if b ~= nil then
      checks.index(b, n + 1, 'eye')
   end
   res = res or new_default()
   check(C.wk_eye(res, a, b or a))
   return res
end
methods.eye = torch.eye

-- ([res,] x1, x2 [, n]) for linspace and logspace.
local function define_space(name, kernel)
   torch[name] = function(a, b, c, d)
      local res
      if is(a) then
         res, a, b, c = a, b, c, d
      end
      local n = res and 2 or 1
      number_arg(a, n, name)
      number_arg(b, n + 1, name)
      c = c or 100
      checks.index(c, n + 2, name)
      res = res or new_default()
      check(kernel(res, a, b, c))
      return res
   end
   methods[name] = torch[name]
end

define_space('linspace', function(res, a, b, n) return C.wk_linspace(res, a, b, n) end)
define_space('logspace', function(res, a, b, n) return C.wk_logspace(res, a, b, n, 10) end)

function torch.range(a, b, c, d)
   local res
   if is(a) then
      res, a, b, c = a, b, c, d
   end
   local n = res and 2 or 1
   number_arg(a, n, 'range')
   number_arg(b, n + 1, 'range')
   c = number_arg(c, n + 2, 'range', 1)
   res = res or new_default()
   check(C.wk_range(res, a, b, c))
   return res
end
methods.range = torch.range

-- arange([res,] [start,] stop [, step]): stop excluded (PyTorch's convention).
function torch.arange(a, b, c, d)
   local res
   if is(a) then
      res, a, b, c = a, b, c, d
   end
   local n = res and 2 or 1
   local start, stop, step
   if b == nil then
      start, stop, step = 0, number_arg(a, n, 'arange'), 1
   else
      start, stop = number_arg(a, n, 'arange'), number_arg(b, n + 1, 'arange')
      step = number_arg(c, n + 2, 'arange', 1)
   end
   if step == 0 then
      raise('arange: the step must not be zero')
   end
   res = res or new_default()
   local count = ceil((stop - start) / step)
   if count ~= count or count <= 0 then
      SIZES[0] = 0
      check(C.wk_tensor_resize(res, 1, SIZES))
      return res
   end
   -- range() counts floor((end - start) / step) + 1 values: an end half a step past the last
   -- value makes that exactly `count`, whatever the rounding.
   check(C.wk_range(res, start, start + (count - 0.5) * step, step))
   return res
end
methods.arange = torch.arange

-- zeros / ones: ([res,] sizes...)
local function define_constant(name, value)
   torch[name] = function(a, ...)
      local res
      if is(a) then
         res = a
         check(C.wk_tensor_resize(res, sizes.parse(SIZES, name, 2, ...), SIZES))
      else
         res = wrap(C.wk_tensor_new_sized(default_dtype(), sizes.parse(SIZES, name, 1, a, ...), SIZES))
      end
      check(C.wk_fill(res, value))
      return res
   end
   methods[name] = torch[name]
end

define_constant('zeros', 0)
define_constant('ones', 1)

return {}
