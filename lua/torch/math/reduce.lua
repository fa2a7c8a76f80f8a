--[==[ torch.math.reduce — reductions and order statistics, in Torch7's forms (core/reduce.c, sort.c).

Dimensions count from 1. A reduction along a dimension keeps it, with size 1 (as Torch7); index
tensors are LongTensors counting from 1. A missing result tensor is made; a given one is resized
and filled (its strides kept when it has the right shape already).

   t:sum()  t:prod()  t:mean()  t:logsumexp()       a number
   t:sum(dim) ...                                    a new tensor, dim of size 1
   res:sum(t, dim)     torch.sum([res,] t [, dim])   likewise prod, mean, logsumexp
   t:max()  t:min()                                  a number (NaN if any element is NaN)
   vals, idx = t:max(dim)                            values and their first index
   vals:max(idx, t, dim)   torch.max([vals, idx,] t [, dim])        likewise min
   t:std([biased])  t:var([biased])                  numbers; by n-1 unless biased is true
   t:std(dim [, biased])   res:std(t, dim [, biased])   torch.std([res,] t [, dim] [, biased])
   t:norm([p])  t:norm(p, dim)  res:norm(t, p, dim)  torch.norm([res,] t [, p] [, dim]); p: any
                                                     number incl. 0 (count of non-zeros), math.huge
   t:renorm(p, dim, maxnorm)                         in place: each t:select(dim, i) whose p-norm
   res:renorm(t, p, dim, maxnorm)                    exceeds maxnorm is scaled to maxnorm
   torch.renorm([res,] t, p, dim, maxnorm)           (by maxnorm / (norm + 1e-7), as Torch7)
   a:dist(b [, p])  torch.dist(a, b [, p])           the p-norm (default 2) of a - b, a number
   t:cumsum([dim])  t:cumprod([dim])                 dim defaults to 1 (as Torch7)
   res:cumsum(t [, dim])   torch.cumsum([res,] t [, dim])
   t:histc([bins [, min, max]])                      bins default 100; min = max = 0 (the default)
   res:histc(t, ...)   torch.histc([res,] t, ...)    means the elements' own range
   t:all()  t:any()                                  booleans (Torch7 has them on ByteTensors;
   t:all(dim)  t:any(dim)                            here every type: non-zero is true)
   t:trace()  torch.trace(t)                         the sum of a matrix's diagonal, a number

Order statistics: dim defaults to the last dimension; they return values, indices.

   t:sort([dim] [, descending])  vals:sort(idx, t [, dim] [, descending])  torch.sort([vals, idx,] t ...)
       stable; NaN counts as larger than any number: last ascending, first descending
   t:topk(k [, dim] [, dir] [, sort])                the k smallest (dir false, the default) or
                                                     largest (dir true); always returned sorted
   t:kthvalue(k [, dim])                             the k-th smallest
   t:median([dim])                                   the lower median: kthvalue((n + 1) // 2)
   t:mode([dim])                                     the most frequent value (the smallest of
                                                     ties) and the index of its last occurrence
   each also as torch.f([vals, idx,] t, ...) and vals:f(idx, t, ...)

Integer tensors: sums and products are exact in 64 bits (wrapping as C's unsigned arithmetic);
mean along a dimension truncates toward zero in the integer type; std, var, norm, renorm, dist,
logsumexp and histc need float or double tensors.
]==]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local checks = require 'torch.check'
local Tensor = require 'torch.Tensor'
local dtypes = require 'torch.dtype'
local C = lib.C

local torch = debug.getregistry()['wick.torch'] or rawget(_G, 'torch')
local methods = Tensor.methods
local is, wrap = Tensor.is, Tensor.wrap
local type, tonumber = type, tonumber
local I64 = dtypes.I64

local RSUM, RPROD, RMEAN = tonumber(C.WK_RSUM), tonumber(C.WK_RPROD), tonumber(C.WK_RMEAN)
local RMAX, RMIN, RNORM = tonumber(C.WK_RMAX), tonumber(C.WK_RMIN), tonumber(C.WK_RNORM)
local RVAR, RSTD, RLOGSUMEXP = tonumber(C.WK_RVAR), tonumber(C.WK_RSTD), tonumber(C.WK_RLOGSUMEXP)
local RALL, RANY = tonumber(C.WK_RALL), tonumber(C.WK_RANY)

local RESULT = ffi.new('double[1]')
local SIZE, STRIDE = ffi.new('int64_t[1]'), ffi.new('int64_t[1]')

-- Errors -------------------------------------------------------------------------------------------

-- Errors name the user's line: the first frame outside this file.
local THIS_FILE = debug.getinfo(1, 'S').source
local function raise(message)
   local level = 2
   while true do
      local info = debug.getinfo(level, 'S')
      if info == nil or info.source ~= THIS_FILE then
         break
      end
      level = level + 1
   end
   error(message, level)
end

local function check(rc)
   if rc ~= 0 then
      raise(ffi.string(C.wk_last_error()))
   end
end

local function argerror(n, op, text)
   raise(string.format("bad argument #%d to '%s' (%s)", n, op, text))
end

local function tensor_arg(v, n, op)
   if not is(v) then
      argerror(n, op, 'tensor expected, got ' .. checks.typename_of(v))
   end
   if v.dtype < 0 then
      argerror(n, op, 'the ' .. Tensor.typename(v) .. ' was freed')
   end
   return v
end

-- A 1-based dimension as C's 0-based one; C checks the range (and names it 1-based).
local function dim_arg(d, n, op)
   if type(d) ~= 'number' or d % 1 ~= 0 then
      argerror(n, op, 'dimension (an integer) expected, got ' .. (type(d) == 'number' and tostring(d)
         or checks.typename_of(d)))
   end
   return d - 1
end

local function number_arg(v, n, op)
   if type(v) ~= 'number' then
      argerror(n, op, 'number expected, got ' .. checks.typename_of(v))
   end
   return v
end

local function last_dim(t)
   return t.ndim > 0 and t.ndim or 1
end

local function new_like(t)
   return wrap(C.wk_tensor_new(t.dtype))
end

local function new_indices()
   return wrap(C.wk_tensor_new(I64))
end

local function reduce_all(t, op, p)
   check(C.wk_reduce_all(RESULT, t, op, p))
   return RESULT[0]
end

-- Sums and their kin: t:f() a number, t:f(dim) a tensor, res:f(t, dim) ----------------------------

local function define_value(name, op)
   local function along(res, t, dim, n)
      check(C.wk_reduce_dim(res, nil, t, dim_arg(dim, n, name), op, 0, 1))
      return res
   end
   methods[name] = function(t, a, b)
      if a == nil then
         return reduce_all(t, op, 0)
      elseif is(a) then
         return along(t, tensor_arg(a, 2, name), b, 3)
      end
      return along(new_like(t), t, a, 2)
   end
   torch[name] = function(a, b, c)
      tensor_arg(a, 1, name)
      if is(b) then
         return along(a, tensor_arg(b, 2, name), c, 3)
      end
      return methods[name](a, b)
   end
end

define_value('sum', RSUM)
define_value('prod', RPROD)
define_value('mean', RMEAN)
define_value('logsumexp', RLOGSUMEXP)

-- all/any: booleans over the whole tensor, 0/1 tensors of its type along a dim.
for name, op in pairs({ all = RALL, any = RANY }) do
   local function along(res, t, dim, n)
      check(C.wk_reduce_dim(res, nil, t, dim_arg(dim, n, name), op, 0, 1))
      return res
   end
   methods[name] = function(t, a, b)
      if a == nil then
         return reduce_all(t, op, 0) ~= 0
      elseif is(a) then
         return along(t, tensor_arg(a, 2, name), b, 3)
      end
      return along(new_like(t), t, a, 2)
   end
   torch[name] = function(a, b, c)
      tensor_arg(a, 1, name)
      if is(b) then
         return along(a, tensor_arg(b, 2, name), c, 3)
      end
      return methods[name](a, b)
   end
end

-- max and min: a number, or values and indices ---------------------------------------------------

for name, op in pairs({ max = RMAX, min = RMIN }) do
   local function along(values, indices, t, dim, n)
      check(C.wk_reduce_dim(values, indices, t, dim_arg(dim, n, name), op, 0, 1))
      return values, indices
   end
   methods[name] = function(t, a, b, c)
      if a == nil then
         return reduce_all(t, op, 0)
      elseif is(a) then
         tensor_arg(a, 2, name)
         return along(t, a, tensor_arg(b, 3, name), c, 4)
      end
      return along(new_like(t), new_indices(), t, a, 2)
   end
   torch[name] = function(a, b, c, d)
      tensor_arg(a, 1, name)
      if is(b) then
         tensor_arg(b, 2, name)
         return along(a, b, tensor_arg(c, 3, name), d, 4)
      end
      return methods[name](a, b)
   end
end

-- std and var: (t [, biased]) a number; (t, dim [, biased]) a tensor -------------------------------

for name, op in pairs({ std = RSTD, var = RVAR }) do
   local function along(res, t, dim, biased, n)
      check(C.wk_reduce_dim(res, nil, t, dim_arg(dim, n, name), op, biased and 1 or 0, 1))
      return res
   end
   methods[name] = function(t, a, b, c)
      if a == nil or type(a) == 'boolean' then
         return reduce_all(t, op, a and 1 or 0)
      elseif is(a) then
         return along(t, tensor_arg(a, 2, name), b, c, 3)
      end
      return along(new_like(t), t, a, b, 2)
   end
   torch[name] = function(a, b, c, d)
      tensor_arg(a, 1, name)
      if is(b) then
         return along(a, tensor_arg(b, 2, name), c, d, 3)
      end
      return methods[name](a, b, c)
   end
end

-- norm: t:norm([p]) a number; t:norm(p, dim) and res:norm(t, p, dim) tensors --------------------------

local function norm_along(res, t, p, dim, n)
   number_arg(p, n, 'norm')
   check(C.wk_reduce_dim(res, nil, t, dim_arg(dim, n + 1, 'norm'), RNORM, p, 1))
   return res
end

function methods.norm(t, a, b, c)
   if is(a) then
      return norm_along(t, tensor_arg(a, 2, 'norm'), b == nil and 2 or b, c, 3)
   elseif b == nil then
      return reduce_all(t, RNORM, a == nil and 2 or number_arg(a, 2, 'norm'))
   end
   return norm_along(new_like(t), t, a, b, 2)
end

function torch.norm(a, b, c, d)
   tensor_arg(a, 1, 'norm')
   if is(b) then
      return norm_along(a, tensor_arg(b, 2, 'norm'), c == nil and 2 or c, d, 3)
   end
   return methods.norm(a, b, c)
end

-- renorm, dist -------------------------------------------------------------------------------------

local function renorm(res, t, p, dim, maxnorm, n)
   number_arg(p, n, 'renorm')
   dim = dim_arg(dim, n + 1, 'renorm')
   number_arg(maxnorm, n + 2, 'renorm')
   check(C.wk_renorm(res, t, p, dim, maxnorm))
   return res
end

function methods.renorm(t, a, b, c, d)
   if is(a) then
      return renorm(t, tensor_arg(a, 2, 'renorm'), b, c, d, 3)
   end
   return renorm(t, t, a, b, c, 2)
end

function torch.renorm(a, b, c, d, e)
   tensor_arg(a, 1, 'renorm')
   if is(b) then
      return renorm(a, tensor_arg(b, 2, 'renorm'), c, d, e, 3)
   end
   return renorm(new_like(a), a, b, c, d, 2)
end

function methods.dist(a, b, p)
   tensor_arg(b, 2, 'dist')
   if p == nil then
      p = 2
   end
   check(C.wk_dist(RESULT, a, b, number_arg(p, 3, 'dist')))
   return RESULT[0]
end

function torch.dist(a, b, p)
   return methods.dist(tensor_arg(a, 1, 'dist'), b, p)
end

-- cumsum, cumprod, histc, trace ----------------------------------------------------------------------

for name, kernel in pairs({ cumsum = function(r, t, d) return C.wk_cumsum(r, t, d) end,
                            cumprod = function(r, t, d) return C.wk_cumprod(r, t, d) end }) do
   local function scan(res, t, dim, n)
      check(kernel(res, t, dim == nil and 0 or dim_arg(dim, n, name)))
      return res
   end
   methods[name] = function(t, a, b)
      if is(a) then
         return scan(t, tensor_arg(a, 2, name), b, 3)
      end
      return scan(new_like(t), t, a, 2)
   end
   torch[name] = function(a, b, c)
      tensor_arg(a, 1, name)
      if is(b) then
         return scan(a, tensor_arg(b, 2, name), c, 3)
      end
      return scan(new_like(a), a, b, 2)
   end
end

local function histc(res, t, bins, min, max, n)
   bins = bins == nil and 100 or number_arg(bins, n, 'histc')
   min = min == nil and 0 or number_arg(min, n + 1, 'histc')
   max = max == nil and 0 or number_arg(max, n + 2, 'histc')
   check(C.wk_histc(res, t, bins, min, max))
   return res
end

function methods.histc(t, a, b, c, d)
   if is(a) then
      return histc(t, tensor_arg(a, 2, 'histc'), b, c, d, 3)
   end
   return histc(new_like(t), t, a, b, c, 2)
end

function torch.histc(a, b, c, d, e)
   tensor_arg(a, 1, 'histc')
   if is(b) then
      return histc(a, tensor_arg(b, 2, 'histc'), c, d, e, 3)
   end
   return histc(new_like(a), a, b, c, d, 2)
end

function methods.trace(t)
   if t.ndim ~= 2 then
      raise(string.format('trace: a matrix expected, got %s', Tensor.describe(t)))
   end
   local rows, cols = tonumber(t.sizes[0]), tonumber(t.sizes[1])
   SIZE[0] = rows < cols and rows or cols
   STRIDE[0] = t.strides[0] + t.strides[1]
   if SIZE[0] == 0 then
      return 0
   end
   local diagonal = Tensor.alias(t)
   check(C.wk_tensor_set(diagonal, t.storage, t.offset, 1, SIZE, STRIDE))
   return reduce_all(diagonal, RSUM, 0)
end

function torch.trace(t)
   return methods.trace(tensor_arg(t, 1, 'trace'))
end

-- Order statistics: values, indices ------------------------------------------------------------------

-- Each takes (values, indices, t, dim0, extra...) with dim0 0-based.
local function sort(values, indices, t, dim, descending)
   check(C.wk_sort(values, indices, t, dim, descending and 1 or 0, 1))
   return values, indices
end

local function kthvalue(values, indices, t, dim, k)
   check(C.wk_kthvalue(values, indices, t, k, dim, 1))
   return values, indices
end

local function mode(values, indices, t, dim)
   check(C.wk_mode(values, indices, t, dim, 1))
   return values, indices
end

-- The lower median: kthvalue((n + 1) // 2); for an empty dim, C's message names kthvalue's k.
local function median(values, indices, t, dim)
   local n = 1
   if dim >= 0 and dim < t.ndim then
      n = tonumber(t.sizes[dim])
   end
   if n == 0 then
      raise(string.format('median: dimension %d of %s has no element', dim + 1, Tensor.describe(t)))
   end
   check(C.wk_kthvalue(values, indices, t, math.floor((n + 1) / 2), dim, 1))
   return values, indices
end

local function topk(values, indices, t, dim, k, dir, sorted)
   check(C.wk_topk(values, indices, t, k, dim, dir and 1 or 0, sorted and 1 or 0, 1))
   return values, indices
end

-- The forms: t:f(args...), vals:f(idx, t, args...), torch.f([vals, idx,] t, args...). `dim_at` is
-- where dim sits in args; `k_first` marks kthvalue/topk, whose first argument is k.
local function define_order(name, run, k_first)
   local function call(values, indices, t, a, b, c, d, n)
      local k
      if k_first then
         k = number_arg(a, n, name)
         a, b, c, n = b, c, d, n + 1
      end
      -- sort(t, true) and topk(t, k, true): the flag without dim
      if type(a) == 'boolean' then
         a, b, c = nil, a, b
      end
      local dim = a == nil and last_dim(t) - 1 or dim_arg(a, n, name)
      if k_first then
         return run(values, indices, t, dim, k, b, c)
      end
      return run(values, indices, t, dim, b)
   end
   methods[name] = function(t, a, b, c, d, e, f)
      if is(a) then
         tensor_arg(a, 2, name)
         return call(t, a, tensor_arg(b, 3, name), c, d, e, f, 4)
      end
      return call(new_like(t), new_indices(), t, a, b, c, d, 2)
   end
   torch[name] = function(a, b, c, d, e, f, g)
      tensor_arg(a, 1, name)
      if is(b) then
         tensor_arg(b, 2, name)
         return call(a, b, tensor_arg(c, 3, name), d, e, f, g, 4)
      end
      return call(new_like(a), new_indices(), a, b, c, d, e, 2)
   end
end

define_order('sort', sort)
define_order('mode', mode)
define_order('median', median)
define_order('kthvalue', kthvalue, true)
define_order('topk', topk, true)

return {}
