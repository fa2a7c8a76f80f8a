--[[ torch.math.operators — the arithmetic operators on tensors, as Torch7 defines them.

Each returns a new tensor (of the tensor operand's type) and leaves its operands alone:

   a + b, a - b      tensor and tensor (NumPy broadcasting, or Torch7's same-element-count rule:
                     the result has a's shape), tensor and number, number and tensor
   -a                negation
   a * b             tensor * number, number * tensor: scaled;
                     1-d * 1-d: the dot product (a number); 2-d * 1-d: matrix-vector;
                     2-d * 2-d: matrix-matrix; other dimensions are an error
   a / b             tensor / number (Torch7); also number / tensor and tensor / tensor, elementwise
   a % b             remainder with the divisor's sign, as Lua's % on numbers
   a ^ b             power, elementwise (tensor ^ number, number ^ tensor, tensor ^ tensor)

The metatype (Tensor.lua) forwards these metamethods to Tensor.operators, filled here. They call
the C kernels directly (wk_binary, wk_binary_scalar, wk_unary, and the BLAS products).
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local checks = require 'torch.check'
local Tensor = require 'torch.Tensor'
local C = lib.C

local is, wrap = Tensor.is, Tensor.wrap
local type, tonumber = type, tonumber
local operators = Tensor.operators

local ADD, SUB, MUL, DIV = tonumber(C.WK_ADD), tonumber(C.WK_SUB), tonumber(C.WK_MUL), tonumber(C.WK_DIV)
local POW, REMAINDER = tonumber(C.WK_POW), tonumber(C.WK_REMAINDER)
local RSUB, RDIV, RPOW = tonumber(C.WK_RSUB), tonumber(C.WK_RDIV), tonumber(C.WK_RPOW)
local NEG = tonumber(C.WK_NEG)

-- Errors name the user's line: the first frame outside this file and Tensor.lua (whose metatype
-- forwards to the functions here).
local THIS_FILE = debug.getinfo(1, 'S').source
local TENSOR_FILE = debug.getinfo(Tensor.wrap, 'S').source
local function raise(message)
   local level = 2
   while true do
      local info = debug.getinfo(level, 'S')
      if info == nil or (info.source ~= THIS_FILE and info.source ~= TENSOR_FILE) then
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

local function new_like(t)
   return wrap(C.wk_tensor_new(t.dtype))
end

-- An operand: a live tensor or a number.
local function operand(v, symbol)
   if is(v) then
      if v.dtype < 0 then
         raise(string.format("'%s': the %s was freed", symbol, Tensor.typename(v)))
      end
   elseif type(v) ~= 'number' then
      raise(string.format("'%s': a tensor or a number expected, got %s", symbol, checks.typename_of(v)))
   end
   return v
end

-- a op b with op's reversed form for number op tensor (nil: no such C op, see reversed()).
local function binary(a, b, op, reversed_op, symbol)
   operand(a, symbol)
   operand(b, symbol)
   local r
   if type(b) == 'number' then
      r = new_like(a)
      check(C.wk_binary_scalar(r, a, b, op))
   elseif type(a) == 'number' then
      r = new_like(b)
      if reversed_op then
         check(C.wk_binary_scalar(r, b, a, reversed_op))
      else                                 -- s op t as (a tensor of s) op t
         check(C.wk_tensor_resize_as(r, b))
         check(C.wk_fill(r, a))
         check(C.wk_binary(r, r, b, op))
      end
   else
      r = new_like(a)
      check(C.wk_binary(r, a, b, op))
   end
   return r
end

operators.__add = function(a, b)
   if type(a) == 'number' then            -- s + t is t + s
      return binary(b, a, ADD, nil, '+')
   end
   return binary(a, b, ADD, nil, '+')
end

operators.__sub = function(a, b)
   return binary(a, b, SUB, RSUB, '-')
end

operators.__div = function(a, b)
   return binary(a, b, DIV, RDIV, '/')
end

operators.__mod = function(a, b)
   return binary(a, b, REMAINDER, nil, '%')
end

operators.__pow = function(a, b)
   return binary(a, b, POW, RPOW, '^')
end

operators.__unm = function(a)
   operand(a, '-')
   local r = new_like(a)
   check(C.wk_unary(r, a, NEG))
   return r
end

local DOT = ffi.new('double[1]')

-- tensor * tensor: by dimensions, as Torch7.
local function product(a, b)
   local da, db = a.ndim, b.ndim
   if da == 1 and db == 1 then
      check(C.wk_dot(DOT, a, b))
      return DOT[0]
   end
   local r = new_like(a)
   if da == 2 and db == 1 then
      check(C.wk_addmv(r, 0, nil, 1, a, b))
   elseif da == 2 and db == 2 then
      check(C.wk_addmm(r, 0, nil, 1, a, b))
   else
      raise(string.format("'*': multiplication of a %d-d by a %d-d tensor is not supported (%s * %s); "
         .. 'cmul multiplies elementwise, bmm multiplies batches', da, db, Tensor.describe(a), Tensor.describe(b)))
   end
   return r
end

operators.__mul = function(a, b)
   if type(a) == 'number' then            -- s * t is t * s
      return binary(b, a, MUL, nil, '*')
   elseif type(b) == 'number' then
      return binary(a, b, MUL, nil, '*')
   end
   return product(operand(a, '*'), operand(b, '*'))
end

return operators
