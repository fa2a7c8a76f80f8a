--[==[ torch.math.elementwise — Torch7's elementwise math (C: core/unary.c, binary.c, ternary.c).

Torch7's three forms, for every function f below:

   t:f(...)               in place: t becomes the result, and is returned
   res:f(x, ...)          the result of f(x, ...) into res, resized if its shape differs; returns res
   torch.f(x, ...)        a new tensor of x's type
   torch.f(res, x, ...)   the same as res:f(x, ...)

Tensor operands broadcast by NumPy's rules; where they do not, or where the result would not fit
a tensor that is both input and output, inputs with as many elements as the first are read in
row-major order as if they had its shape (Torch7's rule: x(2x2):add(y(4)) works). Inputs and the
result have one type (no promotion, as Torch7), except comparisons (below).

Unary, t:f() / res:f(x) / torch.f([res,] x):
   abs sign neg square                            every type (integers wrap: -(-128) = -128 in int8)
   exp expm1 log log1p sqrt rsqrt sigmoid tanh sin cos tan asin acos atan sinh cosh erf
   floor ceil round trunc frac cinv               float and double only (round: half away from 0)

Arithmetic, value a number or a tensor:
   t:add(value)   t:add(s, y)   res:add(x, value)   res:add(x, s, y)       t + value, x + s*y
   torch.add([res,] x, value)   torch.add([res,] x, s, y)
   csub           the same forms, minus (t:sub is Torch7's view method, not subtraction)
   mul div pow fmod remainder cmax cmin atan2:    t:f(value)  res:f(x, value)  torch.f([res,] x, value)
   cmul cdiv cpow cfmod cremainder, mod, cmod:    the same with tensors only (mod = fmod,
                                                  cmod = cfmod: Torch7's deprecated names)
   pow(s, x) / tpow:  res:pow(s, x)  torch.pow([res,] s, x)  t:tpow(s) (t = s^t)  torch.tpow([res,] s, x)
   addcmul / addcdiv: t:addcmul([s,] y, z)  res:addcmul(x, [s,] y, z)   x + s*y*z (x + s*y/z)
                      torch.addcmul([res,] x, [s,] y, z)
   lerp:              t:lerp(y, w)  res:lerp(x, y, w)  torch.lerp([res,] x, y, w)   x + w*(y - x)
   clamp:             t:clamp(min, max)  res:clamp(x, min, max)  torch.clamp([res,] x, min, max)
                      (nil for min or max: no bound on that side)

Integers: +, -, * wrap around; div truncates toward zero; fmod takes the dividend's sign (C's %,
Lua's math.fmod), remainder the divisor's (Lua's %); a zero divisor is an error (Torch7 crashed
with SIGFPE); pow needs exponents >= 0. A number is first converted to the tensor's type as
Torch7 did: IntTensor:mul(0.5) multiplies by 0, ByteTensor:add(-1) adds 255 (wrapping to -1).
Floats follow IEEE: x/0 is inf or nan; cmax and cmin propagate nan.

Comparisons lt le gt ge eq ne, with a number or a tensor:
   t:lt(value)                  a new torch.ByteTensor of 0/1 (t is left alone, as in Torch7)
   res:lt(x, value)             into res: a torch.ByteTensor, or a tensor of x's type (0/1)
   torch.lt([res,] x, value)
Integers compare exactly with any number (IntTensor:lt(2.5) is x <= 2; ByteTensor:gt(-1) is all 1).

Logical ops (not in Torch7; non-zero is true, results 0/1 in the operands' type; meant for masks):
   logicalAnd logicalOr logicalXor:  t:f(y)  res:f(x, y)  torch.f([res,] x, y)
   logicalNot:                       t:logicalNot()  res:logicalNot(x)  torch.logicalNot([res,] x)

Selection: torch.where([res,] condition, x, y): x where the ByteTensor condition is non-zero,
else y; the three broadcast together; the result has x's type.
]==]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local checks = require 'torch.check'
local memory = require 'torch.memory'
local Tensor = require 'torch.Tensor'
local C = lib.C

local torch = debug.getregistry()['wick.torch'] or rawget(_G, 'torch')
local methods = Tensor.methods
local is, wrap = Tensor.is, Tensor.wrap
local type, tonumber = type, tonumber
local U8 = tonumber(C.WK_U8)
local huge = math.huge

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

-- The same, the message's leading operation name replaced by the one the user called: C names
-- the kernel ("div: integer division by zero"), the user may have called cdiv or torch.pow(2, x).
local function check_as(rc, name)
   if rc ~= 0 then
      local message = ffi.string(C.wk_last_error())
      raise((message:gsub('^[%w_]+:', name .. ':', 1)))
   end
end

local function argerror(n, op, text)
   raise(string.format("bad argument #%d to '%s' (%s)", n, op, text))
end

local function tensor_arg(v, n, op)
   if not is(v) or v.dtype < 0 then
      argerror(n, op, is(v) and 'the ' .. Tensor.typename(v) .. ' was freed'
         or 'tensor expected, got ' .. checks.typename_of(v))
   end
   return v
end

local function number_arg(v, n, op)
   if type(v) ~= 'number' then
      argerror(n, op, 'number expected, got ' .. checks.typename_of(v))
   end
   return v
end

-- A number or a live tensor.
local function operand_arg(v, n, op)
   if type(v) ~= 'number' and (not is(v) or v.dtype < 0) then
      argerror(n, op, 'number or tensor expected, got ' .. checks.typename_of(v))
   end
   return v
end

-- A new, empty tensor of t's type: C sizes it. memory.after_alloc() runs after the C call that
-- allocates (new_result), so the collector hears of that storage at once.
local function new_like(t)
   return wrap(C.wk_tensor_new(t.dtype), 4)
end

local function new_result(r)
   memory.after_alloc()
   return r
end

-- Unary ops ----------------------------------------------------------------------------------------

local UNARY = {
   neg = C.WK_NEG, abs = C.WK_ABS, sign = C.WK_SIGN, exp = C.WK_EXP, expm1 = C.WK_EXPM1, log = C.WK_LOG,
   log1p = C.WK_LOG1P, sqrt = C.WK_SQRT, rsqrt = C.WK_RSQRT, sigmoid = C.WK_SIGMOID, tanh = C.WK_TANH,
   sin = C.WK_SIN, cos = C.WK_COS, tan = C.WK_TAN, asin = C.WK_ASIN, acos = C.WK_ACOS, atan = C.WK_ATAN,
   sinh = C.WK_SINH, cosh = C.WK_COSH, floor = C.WK_FLOOR, ceil = C.WK_CEIL, round = C.WK_ROUND,
   trunc = C.WK_TRUNC, frac = C.WK_FRAC, cinv = C.WK_CINV, square = C.WK_SQUARE, logicalNot = C.WK_LOGICAL_NOT,
   erf = C.WK_ERF,
}

for name, op in pairs(UNARY) do
   op = tonumber(op)
   -- t:f() in place; res:f(x) into res
   methods[name] = function(t, x)
      if x == nil then
         check(C.wk_unary(t, t, op))
      else
         check(C.wk_unary(t, tensor_arg(x, 2, name), op))
      end
      return t
   end
   -- torch.f(x) new; torch.f(res, x) into res
   torch[name] = function(a, x)
      tensor_arg(a, 1, name)
      if x == nil then
         local r = new_like(a)
         check(C.wk_unary(r, a, op))
         return new_result(r)
      end
      check(C.wk_unary(a, tensor_arg(x, 2, name), op))
      return a
   end
end

-- Binary ops: value a number or a tensor -----------------------------------------------------------

local ADD, SUB, MUL, DIV = tonumber(C.WK_ADD), tonumber(C.WK_SUB), tonumber(C.WK_MUL), tonumber(C.WK_DIV)
local POW, RPOW = tonumber(C.WK_POW), tonumber(C.WK_RPOW)

-- out = x op v, v a number or a tensor (argument #n, for messages).
local function binary(out, x, v, op, n, name)
   if type(v) == 'number' then
      check_as(C.wk_binary_scalar(out, x, v, op), name)
   else
      check_as(C.wk_binary(out, x, operand_arg(v, n, name), op), name)
   end
   return out
end

-- Same, v a tensor only (the c-prefixed Torch7 names).
local function binary_tensor(out, x, v, op, n, name)
   check_as(C.wk_binary(out, x, tensor_arg(v, n, name), op), name)
   return out
end

local function define_binary(name, op, apply)
   -- t:f(v) in place; res:f(x, v) into res
   methods[name] = function(t, a, b)
      if b == nil then
         return apply(t, t, a, op, 2, name)
      end
      return apply(t, tensor_arg(a, 2, name), b, op, 3, name)
   end
   -- torch.f(x, v) new; torch.f(res, x, v) into res
   torch[name] = function(a, b, c)
      tensor_arg(a, 1, name)
      if c == nil then
         return new_result(apply(new_like(a), a, b, op, 2, name))
      end
      return apply(a, tensor_arg(b, 2, name), c, op, 3, name)
   end
end

define_binary('mul', MUL, binary)
define_binary('div', DIV, binary)
define_binary('fmod', tonumber(C.WK_FMOD), binary)
define_binary('mod', tonumber(C.WK_FMOD), binary)
define_binary('remainder', tonumber(C.WK_REMAINDER), binary)
define_binary('cmax', tonumber(C.WK_MAX2), binary)
define_binary('cmin', tonumber(C.WK_MIN2), binary)
define_binary('atan2', tonumber(C.WK_ATAN2), binary_tensor)
define_binary('cmul', MUL, binary_tensor)
define_binary('cdiv', DIV, binary_tensor)
define_binary('cpow', POW, binary_tensor)
define_binary('cfmod', tonumber(C.WK_FMOD), binary_tensor)
define_binary('cmod', tonumber(C.WK_FMOD), binary_tensor)
define_binary('cremainder', tonumber(C.WK_REMAINDER), binary_tensor)
define_binary('logicalAnd', tonumber(C.WK_LOGICAL_AND), binary_tensor)
define_binary('logicalOr', tonumber(C.WK_LOGICAL_OR), binary_tensor)
define_binary('logicalXor', tonumber(C.WK_LOGICAL_XOR), binary_tensor)

-- add and csub: a number, a tensor, or a scale and a tensor ----------------------------------------

-- out = x + sign*value, or x + sign*s*y
local function add_into(out, x, a, b, sign, n, name)
   if b == nil then
      if type(a) == 'number' then
         check_as(C.wk_binary_scalar(out, x, a, sign > 0 and ADD or SUB), name)
      else
         check_as(C.wk_binary(out, x, operand_arg(a, n, name), sign > 0 and ADD or SUB), name)
      end
   else
      check_as(C.wk_add_scaled(out, x, sign * number_arg(a, n, name), tensor_arg(b, n + 1, name)), name)
   end
   return out
end

local function define_add(name, sign)
   -- t:add(v)  t:add(s, y)  res:add(x, v)  res:add(x, s, y)
   methods[name] = function(t, a, b, c)
      if c ~= nil then
         return add_into(t, tensor_arg(a, 2, name), b, c, sign, 3, name)
      elseif b == nil then
         -- the hot path (a:add(b) on small tensors): no more than a type test before C
         if type(a) == 'number' then
            check_as(C.wk_binary_scalar(t, t, a, sign > 0 and ADD or SUB), name)
         elseif is(a) and a.dtype >= 0 then
            check_as(C.wk_binary(t, t, a, sign > 0 and ADD or SUB), name)
         else
            operand_arg(a, 2, name)
         end
         return t
      elseif type(a) == 'number' then
         return add_into(t, t, a, b, sign, 2, name)
      end
      return add_into(t, tensor_arg(a, 2, name), b, nil, sign, 3, name)
   end
   -- torch.add(x, v)  torch.add(x, s, y)  torch.add(res, x, v)  torch.add(res, x, s, y)
   torch[name] = function(a, b, c, d)
      tensor_arg(a, 1, name)
      if d ~= nil then
         return add_into(a, tensor_arg(b, 2, name), c, d, sign, 3, name)
      elseif c ~= nil and type(b) ~= 'number' then
         return add_into(a, tensor_arg(b, 2, name), c, nil, sign, 3, name)
      end
      return new_result(add_into(new_like(a), a, b, c, sign, 2, name))
   end
end

define_add('add', 1)
define_add('csub', -1)

-- pow: tensor^number, tensor^tensor, number^tensor ----------------------------------------------------

-- out = x^v (v a number or a tensor), or s^y when x is a number
local function pow_into(out, x, v, n)
   if type(x) == 'number' then
      check_as(C.wk_binary_scalar(out, tensor_arg(v, n + 1, 'pow'), x, RPOW), 'pow')
      return out
   end
   return binary(out, x, v, POW, n + 1, 'pow')
end

-- t:pow(v)  res:pow(x, v)  res:pow(s, y)
function methods.pow(t, a, b)
   if b == nil then
      return binary(t, t, a, POW, 2, 'pow')
   end
   if type(a) ~= 'number' then
      tensor_arg(a, 2, 'pow')
   end
   return pow_into(t, a, b, 2)
end

-- torch.pow(x, v)  torch.pow(s, y)  torch.pow(res, x, v)  torch.pow(res, s, y)
function torch.pow(a, b, c)
   if c == nil then
      if type(a) == 'number' then
         return new_result(pow_into(new_like(tensor_arg(b, 2, 'pow')), a, b, 1))
      end
      tensor_arg(a, 1, 'pow')
      return new_result(pow_into(new_like(a), a, b, 1))
   end
   tensor_arg(a, 1, 'pow')
   if type(b) ~= 'number' then
      tensor_arg(b, 2, 'pow')
   end
   return pow_into(a, b, c, 2)
end

-- t:tpow(s): t = s^t; res:tpow(s, y): res = s^y
function methods.tpow(t, s, y)
   number_arg(s, 2, 'tpow')
   check_as(C.wk_binary_scalar(t, y == nil and t or tensor_arg(y, 3, 'tpow'), s, RPOW), 'tpow')
   return t
end

-- torch.tpow(s, y) new; torch.tpow(res, s, y) into res
function torch.tpow(a, b, c)
   if c == nil then
      number_arg(a, 1, 'tpow')
      local r = new_like(tensor_arg(b, 2, 'tpow'))
      check_as(C.wk_binary_scalar(r, b, a, RPOW), 'tpow')
      return new_result(r)
   end
   return methods.tpow(tensor_arg(a, 1, 'tpow'), b, c)
end

-- addcmul, addcdiv --------------------------------------------------------------------------------

local function define_addc(name, kernel)
   -- t:f([s,] y, z): t = t + s*(y op z); res:f(x, [s,] y, z): res = x + s*(y op z)
   methods[name] = function(t, a, b, c, d)
      if d ~= nil then
         check(kernel(t, tensor_arg(a, 2, name), number_arg(b, 3, name), tensor_arg(c, 4, name),
            tensor_arg(d, 5, name)))
      elseif c == nil then
         check(kernel(t, t, 1, tensor_arg(a, 2, name), tensor_arg(b, 3, name)))
      elseif type(a) == 'number' then
         check(kernel(t, t, a, tensor_arg(b, 3, name), tensor_arg(c, 4, name)))
      else
         check(kernel(t, tensor_arg(a, 2, name), 1, tensor_arg(b, 3, name), tensor_arg(c, 4, name)))
      end
      return t
   end
   -- torch.f(x, [s,] y, z) new; torch.f(res, x, [s,] y, z) into res
   torch[name] = function(a, b, c, d, e)
      tensor_arg(a, 1, name)
      if e ~= nil or (d ~= nil and type(b) ~= 'number') then
         return methods[name](a, b, c, d, e)
      end
      local r = new_like(a)
      if d == nil then
         check(kernel(r, a, 1, tensor_arg(b, 2, name), tensor_arg(c, 3, name)))
      else
         check(kernel(r, a, number_arg(b, 2, name), tensor_arg(c, 3, name), tensor_arg(d, 4, name)))
      end
      return new_result(r)
   end
end

define_addc('addcmul', C.wk_addcmul)
define_addc('addcdiv', C.wk_addcdiv)

-- lerp, clamp ---------------------------------------------------------------------------------------

-- t:lerp(y, w)  res:lerp(x, y, w)
function methods.lerp(t, a, b, c)
   if c == nil then
      check(C.wk_lerp(t, t, tensor_arg(a, 2, 'lerp'), number_arg(b, 3, 'lerp')))
   else
      check(C.wk_lerp(t, tensor_arg(a, 2, 'lerp'), tensor_arg(b, 3, 'lerp'), number_arg(c, 4, 'lerp')))
   end
   return t
end

-- torch.lerp(x, y, w)  torch.lerp(res, x, y, w)
function torch.lerp(a, b, c, d)
   tensor_arg(a, 1, 'lerp')
   if d ~= nil then
      return methods.lerp(a, b, c, d)
   end
   local r = new_like(a)
   check(C.wk_lerp(r, a, tensor_arg(b, 2, 'lerp'), number_arg(c, 3, 'lerp')))
   return new_result(r)
end

local function bound(v, default, n)
   if v == nil then
      return default
   end
   return number_arg(v, n, 'clamp')
end

-- t:clamp(min, max)  res:clamp(x, min, max)
function methods.clamp(t, a, b, c)
   if is(a) then
      check(C.wk_clamp(t, tensor_arg(a, 2, 'clamp'), bound(b, -huge, 3), bound(c, huge, 4)))
   else
      check(C.wk_clamp(t, t, bound(a, -huge, 2), bound(b, huge, 3)))
   end
   return t
end

-- torch.clamp(x, min, max)  torch.clamp(res, x, min, max)
function torch.clamp(a, b, c, d)
   tensor_arg(a, 1, 'clamp')
   if is(b) then
      return methods.clamp(a, b, c, d)
   end
   local r = new_like(a)
   check(C.wk_clamp(r, a, bound(b, -huge, 2), bound(c, huge, 3)))
   return new_result(r)
end

-- Comparisons ---------------------------------------------------------------------------------------

local COMPARE = { lt = C.WK_LT, le = C.WK_LE, gt = C.WK_GT, ge = C.WK_GE, eq = C.WK_EQ, ne = C.WK_NE }

local function compare_into(out, x, v, op, n, name)
   if type(v) == 'number' then
      check(C.wk_compare_scalar(out, x, v, op))
   else
      check(C.wk_compare(out, x, operand_arg(v, n, name), op))
   end
   return out
end

local function new_mask()
   return wrap(C.wk_tensor_new(U8), 4)
end

for name, op in pairs(COMPARE) do
   op = tonumber(op)
   -- t:f(v) a new ByteTensor; res:f(x, v) into res
   methods[name] = function(t, a, b)
      if b == nil then
         return new_result(compare_into(new_mask(), t, a, op, 2, name))
      end
      return compare_into(t, tensor_arg(a, 2, name), b, op, 3, name)
   end
   -- torch.f(x, v) a new ByteTensor; torch.f(res, x, v) into res
   torch[name] = function(a, b, c)
      tensor_arg(a, 1, name)
      if c == nil then
         return new_result(compare_into(new_mask(), a, b, op, 2, name))
      end
      return compare_into(a, tensor_arg(b, 2, name), c, op, 3, name)
   end
end

-- where --------------------------------------------------------------------------------------------

-- torch.where(condition, x, y) new, of x's type; torch.where(res, condition, x, y) into res
function torch.where(a, b, c, d)
   if d ~= nil then
      check(C.wk_where(tensor_arg(a, 1, 'where'), tensor_arg(b, 2, 'where'), tensor_arg(c, 3, 'where'),
         tensor_arg(d, 4, 'where')))
      return a
   end
   tensor_arg(a, 1, 'where')
   local r = new_like(tensor_arg(b, 2, 'where'))
   check(C.wk_where(r, a, b, tensor_arg(c, 3, 'where')))
   return new_result(r)
end

return true
