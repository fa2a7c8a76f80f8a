--[==[ torch.math.index — masked and indexed reads and writes, as Torch7 has them (C: core/index.c).

Masks are torch.ByteTensors (any non-zero byte selects). A mask broadcasts to the tensor or, as
in Torch7, has as many elements and is taken in row-major order. Indexes are 1-based
torch.LongTensors (a plain Lua array of numbers works too). A bad index is an error naming the
op, the index, its position and the valid range; indexCopy/indexAdd/indexFill check them all
before writing anything, scatter and scatterAdd stop at the bad one (as Torch7's did).

   t:maskedFill(mask, value)            t:maskedCopy(mask, src)            in place, return t
   t:maskedSelect(mask)                 a new 1-d tensor of the selected elements
   res:maskedSelect(src, mask)          torch.maskedSelect([res,] src, mask)
   t:index(dim, index)                  a new tensor of the slices index[1], index[2], ... of dim
   res:index(src, dim, index)           torch.index([res,] src, dim, index)
   t:indexCopy(dim, index, src)         slice index[i] of t = slice i of src
   t:indexAdd(dim, index, src)          slice index[i] of t += slice i of src (repeats add up)
   t:indexFill(dim, index, value)
   t:gather(dim, index)                 result[i][j] = t[index[i][j]][j] (dim 1), index's shape
   res:gather(src, dim, index)          torch.gather([res,] src, dim, index)
   t:scatter(dim, index, src | value)   t[index[i][j]][j] = src[i][j] (dim 1); in place
   t:scatterAdd(dim, index, src)        t[index[i][j]][j] += src[i][j]
   t:nonzero()                          an N x t:dim() LongTensor of the 1-based subscripts of
   res:nonzero(src)                     the non-zero elements, in row-major order;
                                        torch.nonzero([res,] t)

Every method is also a function with the tensor first: torch.indexFill(t, dim, index, v), ...
]==]

local lib = require 'torch.lib'
local checks = require 'torch.check'
local Tensor = require 'torch.Tensor'
local C = lib.C

local torch = debug.getregistry()['wick.torch'] or rawget(_G, 'torch')
local methods = Tensor.methods
local is, wrap, arg = Tensor.is, Tensor.wrap, Tensor.arg
local type, getmetatable = type, getmetatable

local check = checks.check

local function number_arg(v, n, op)
   if type(v) ~= 'number' then
      checks.argerror(n, op, 'number expected, got ' .. checks.typename_of(v), 4)
   end
   return v
end

-- A 1-based dimension, returned 0-based for C (C checks its range and names the tensor).
local function dim_arg(d, n, op)
   checks.integer(d, n, op, 4)
   return d - 1
end

-- An index: a tensor (C checks that it is a LongTensor), or a Lua array of numbers.
local function index_arg(v, n, op)
   if type(v) == 'table' and getmetatable(v) == nil then
      return torch.LongTensor(v)
   end
   return arg(v, n, op, 4)
end

local function new_like(t)
   return wrap(C.wk_tensor_new(t.dtype), 3)
end

-- Masked ----------------------------------------------------------------------------------------------

function methods.maskedFill(t, mask, value)
   check(C.wk_masked_fill(t, arg(mask, 2, 'maskedFill'), number_arg(value, 3, 'maskedFill')))
   return t
end

function methods.maskedCopy(t, mask, src)
   check(C.wk_masked_copy(t, arg(mask, 2, 'maskedCopy'), arg(src, 3, 'maskedCopy')))
   return t
end

-- t:maskedSelect(mask) or res:maskedSelect(src, mask)
function methods.maskedSelect(t, a, b)
   if b == nil then
      local res = new_like(t)
      check(C.wk_masked_select(res, t, arg(a, 2, 'maskedSelect')))
      return res
   end
   check(C.wk_masked_select(t, arg(a, 2, 'maskedSelect'), arg(b, 3, 'maskedSelect')))
   return t
end

-- Along a dimension ---------------------------------------------------------------------------------

-- t:index(dim, index) or res:index(src, dim, index)
function methods.index(t, a, b, c)
   if type(a) == 'number' then
      local res = new_like(t)
      check(C.wk_index_select(res, t, dim_arg(a, 2, 'index'), index_arg(b, 3, 'index'), 1))
      return res
   end
   check(C.wk_index_select(t, arg(a, 2, 'index'), dim_arg(b, 3, 'index'), index_arg(c, 4, 'index'), 1))
   return t
end

function methods.indexCopy(t, dim, index, src)
   check(C.wk_index_copy(t, dim_arg(dim, 2, 'indexCopy'), index_arg(index, 3, 'indexCopy'),
      arg(src, 4, 'indexCopy'), 1))
   return t
end

function methods.indexAdd(t, dim, index, src)
   check(C.wk_index_add(t, dim_arg(dim, 2, 'indexAdd'), index_arg(index, 3, 'indexAdd'), arg(src, 4, 'indexAdd'), 1))
   return t
end

function methods.indexFill(t, dim, index, value)
   check(C.wk_index_fill(t, dim_arg(dim, 2, 'indexFill'), index_arg(index, 3, 'indexFill'),
      number_arg(value, 4, 'indexFill'), 1))
   return t
end

-- t:gather(dim, index) or res:gather(src, dim, index)
function methods.gather(t, a, b, c)
   if type(a) == 'number' then
      local res = new_like(t)
      check(C.wk_gather(res, t, dim_arg(a, 2, 'gather'), index_arg(b, 3, 'gather'), 1))
      return res
   end
   check(C.wk_gather(t, arg(a, 2, 'gather'), dim_arg(b, 3, 'gather'), index_arg(c, 4, 'gather'), 1))
   return t
end

function methods.scatter(t, dim, index, src)
   local d, i = dim_arg(dim, 2, 'scatter'), index_arg(index, 3, 'scatter')
   if type(src) == 'number' then
      check(C.wk_scatter_fill(t, d, i, src, 1))
   else
      check(C.wk_scatter(t, d, i, arg(src, 4, 'scatter'), 1))
   end
   return t
end

function methods.scatterAdd(t, dim, index, src)
   check(C.wk_scatter_add(t, dim_arg(dim, 2, 'scatterAdd'), index_arg(index, 3, 'scatterAdd'),
      arg(src, 4, 'scatterAdd'), 1))
   return t
end

-- t:nonzero() or res:nonzero(src)
function methods.nonzero(t, src)
   if src == nil then
      local res = wrap(C.wk_tensor_new(C.WK_I64))
      check(C.wk_nonzero(res, t, 1))
      return res
   end
   check(C.wk_nonzero(t, arg(src, 2, 'nonzero'), 1))
   return t
end

-- Functional forms: torch.name(t, ...) is t:name(...).
for _, name in ipairs({ 'maskedFill', 'maskedCopy', 'maskedSelect', 'index', 'indexCopy', 'indexAdd', 'indexFill',
   'gather', 'scatter', 'scatterAdd', 'nonzero' }) do
   local method = methods[name]
   torch[name] = function(t, ...)
      if not is(t) then
         checks.argerror(1, name, 'tensor expected, got ' .. checks.typename_of(t), 3)
      end
      return method(t, ...)
   end
end

return {}
