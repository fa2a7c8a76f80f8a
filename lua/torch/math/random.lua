--[[ torch.math.random — random numbers as Torch7 has them (Mersenne Twister; C in core/random.c).

Generators and seeds (every function takes an optional generator first; the default one is
seeded from /dev/urandom when the library loads):

   gen = torch.Generator()                 a generator with a state of its own
   torch.manualSeed([gen,] seed)           torch.seed([gen]) -> seed     torch.initialSeed([gen])
   state = torch.getRNGState([gen])        a torch.ByteTensor
   torch.setRNGState([gen,] state)         returns state; a corrupt state is an error

Numbers:

   torch.random([gen,] [a,] [b])   no argument: a 32-bit integer; (b): in [1, b]; (a, b): in [a, b]
   torch.uniform([gen,] [a, b])    in [a, b), default [0, 1)
   torch.normal([gen,] [mean, stdv])           torch.exponential([gen,] [lambda])
   torch.cauchy([gen,] [median, sigma])        torch.logNormal([gen,] [mean, stdv])
   torch.geometric([gen,] [p])     i >= 1 with probability (1-p) p^(i-1) (Torch7's convention)
   torch.bernoulli([gen,] [p])     1 with probability p (default 0.5), else 0

Tensor fills, in place, returning the tensor (row-major order: a seed gives the same numbers
for every layout and thread count):

   t:uniform([gen,] [a, b])   t:normal([gen,] [mean, stdv])   t:exponential([gen,] [lambda])
   t:cauchy([gen,] [median, sigma])   t:logNormal([gen,] [mean, stdv])  (defaults 1, 2 as Torch7)
   t:geometric([gen,] [p])   t:bernoulli([gen,] [p])  p a number or a Float/DoubleTensor of them
   t:random([gen,] [a,] [b])  (a, b): integers in [a, b]; (b): in [1, b]; none: 0 .. the type's
                              largest integer (2^24 for float, 2^53 for double)

Constructors (in the default tensor type; `res` is resized and filled; a LongStorage or a
table of sizes works where numbers do):

   torch.rand([res,] [gen,] sizes...)      torch.randn([res,] [gen,] sizes...)
   torch.randperm([res,] [gen,] n)         1..n shuffled
   torch.multinomial([res,] [gen,] p, n [, replacement])   a LongTensor of 1-based indices; p a
                              vector or the rows of a matrix (weights, not necessarily summing to 1)
   res:rand(sizes...), res:randn(sizes...), res:randperm(n), res:multinomial(p, n [, replacement]),
   and p:multinomial(n [, replacement]) returning a new LongTensor.
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local checks = require 'torch.check'
local dtypes = require 'torch.dtype'
local sizes = require 'torch.sizes'
local class = require 'torch.class'
local Tensor = require 'torch.Tensor'
local C = lib.C

local torch = debug.getregistry()['wick.torch'] or rawget(_G, 'torch')
local methods = Tensor.methods
local is, wrap, arg = Tensor.is, Tensor.wrap, Tensor.arg
local SIZES = sizes.SIZES
local type, tonumber, getmetatable = type, tonumber, getmetatable
local log, floor, exp, tan, pi = math.log, math.floor, math.exp, math.tan, math.pi

local check, raise = checks.check, checks.raise

local function number_arg(v, n, op, default)
   if v == nil then
      return default
   end
   if type(v) ~= 'number' then
      checks.argerror(n, op, 'number expected, got ' .. checks.typename_of(v), 4)
   end
   return v
end

-- Generators ----------------------------------------------------------------------------------------

local registry = debug.getregistry()
local Generator = registry['wick.torch.Generator']
if not Generator then
   Generator = { __typename = 'torch.Generator' }
   Generator.__index = Generator
   Generator.__tostring = function() return 'torch.Generator' end
   class.register('torch.Generator', Generator)
   registry['wick.torch.Generator'] = Generator
end

local function is_generator(v)
   return type(v) == 'table' and getmetatable(v) == Generator
end

function torch.Generator()
   local p = C.wk_generator_new()
   if p == nil then
      raise(ffi.string(C.wk_last_error()))
   end
   return setmetatable({ ptr = ffi.gc(p, C.wk_generator_free) }, Generator)
end

-- A seed: an integral number (negative ones wrap as in C) or an int64/uint64 cdata.
local function seed_arg(v, n, op)
   if type(v) == 'cdata' then
      return ffi.cast('uint64_t', v)
   end
   checks.number(v, n, op, 4)
   if v ~= floor(v) or v >= 2^64 or v < -2^63 then
      checks.argerror(n, op, 'an integral seed expected, got ' .. tostring(v), 4)
   end
   if v < 0 then
      return ffi.cast('uint64_t', ffi.cast('int64_t', v))
   end
   return ffi.cast('uint64_t', v)
end

function torch.manualSeed(a, b)
   if is_generator(a) then
      C.wk_generator_seed(a.ptr, seed_arg(b, 2, 'manualSeed'))
   else
      C.wk_generator_seed(nil, seed_arg(a, 1, 'manualSeed'))
   end
end

function torch.seed(gen)
   return tonumber(C.wk_generator_seed_from_time(is_generator(gen) and gen.ptr or nil))
end

function torch.initialSeed(gen)
   return tonumber(C.wk_generator_initial_seed(is_generator(gen) and gen.ptr or nil))
end

function torch.getRNGState(gen)
   local state = wrap(C.wk_tensor_new(C.WK_U8))
   check(C.wk_generator_get_state(is_generator(gen) and gen.ptr or nil, state))
   return state
end

function torch.setRNGState(a, b)
   local g, state = nil, a
   if is_generator(a) then
      g, state = a.ptr, b
   end
   arg(state, g and 2 or 1, 'setRNGState')
   check(C.wk_generator_set_state(g, state))
   return state
end

-- Scalars -------------------------------------------------------------------------------------------

-- A uniform number in [0, 1) from one 32-bit word (Torch7's formula), for the derived draws.
local function unit(g)
   return C.wk_generator_uniform(g, 0, 1)
end

-- An integer in [a, b]: word % (b - a + 1) + a, as Torch7; 64-bit words for wider ranges.
local function integer_in(g, a, b, op)
   if a > b then
      raise(string.format('%s: the lower bound %s is above the upper bound %s', op, tostring(a), tostring(b)))
   end
   local span = b - a + 1
   if span <= 4294967296 then
      return tonumber(C.wk_generator_random(g)) % span + a
   end
   local word = C.wk_generator_random(g) * 4294967296ULL + C.wk_generator_random(g)
   return tonumber(word % ffi.cast('uint64_t', span)) + a
end

local function integral(v, n, op)
   if v ~= floor(v) then
      checks.argerror(n, op, 'integer expected, got ' .. tostring(v), 4)
   end
   return v
end

function torch.random(a, b, c)
   local g, n = nil, 0
   if is_generator(a) then
      g, a, b, n = a.ptr, b, c, 1
   end
   if a == nil then
      return tonumber(C.wk_generator_random(g))
   end
   integral(number_arg(a, n + 1, 'random'), n + 1, 'random')
   if b == nil then
      if a < 1 then
         raise(string.format('random: the upper bound must be at least 1, got %s', tostring(a)))
      end
      return integer_in(g, 1, a, 'random')
   end
   integral(number_arg(b, n + 2, 'random'), n + 2, 'random')
   return integer_in(g, a, b, 'random')
end

-- Parses ([gen,] x, y) for the scalar draws: returns g, x, y and the argument number of x.
local function gen_first(a, b, c)
   if is_generator(a) then
      return a.ptr, b, c, 2
   end
   return nil, a, b, 1
end

function torch.uniform(a, b, c)
   local g, x, y, n = gen_first(a, b, c)
   return C.wk_generator_uniform(g, number_arg(x, n, 'uniform', 0), number_arg(y, n + 1, 'uniform', 1))
end

local function positive(v, op, what)
   if v ~= v or v < 0 then
      raise(string.format('%s: %s must be >= 0, got %s', op, what, tostring(v)))
   end
   return v
end

function torch.normal(a, b, c)
   local g, x, y, n = gen_first(a, b, c)
   local mean, stdv = number_arg(x, n, 'normal', 0), number_arg(y, n + 1, 'normal', 1)
   positive(stdv, 'normal', 'the standard deviation')
   return C.wk_generator_normal(g, mean, stdv)
end

function torch.exponential(a, b)
   local g, x, _, n = gen_first(a, b)
   local lambda = number_arg(x, n, 'exponential', 1)
   if lambda ~= lambda or lambda <= 0 then
      raise(string.format('exponential: lambda must be positive, got %s', tostring(lambda)))
   end
   return -1 / lambda * log(1 - unit(g))
end

function torch.cauchy(a, b, c)
   local g, x, y, n = gen_first(a, b, c)
   local median, sigma = number_arg(x, n, 'cauchy', 0), number_arg(y, n + 1, 'cauchy', 1)
   return median + sigma * tan(pi * (unit(g) - 0.5))
end

function torch.logNormal(a, b, c)
   local g, x, y, n = gen_first(a, b, c)
   local mean, stdv = number_arg(x, n, 'logNormal', 1), number_arg(y, n + 1, 'logNormal', 2)
   positive(stdv, 'logNormal', 'the standard deviation')
   return exp(C.wk_generator_normal(g, mean, stdv))
end

function torch.geometric(a, b)
   local g, x, _, n = gen_first(a, b)
   local p = number_arg(x, n, 'geometric', 0.5)
   if p ~= p or p <= 0 or p >= 1 then
      raise(string.format('geometric: p must be in (0, 1), got %s', tostring(p)))
   end
   return floor(log(1 - unit(g)) / log(p)) + 1
end

function torch.bernoulli(a, b)
   local g, x, _, n = gen_first(a, b)
   local p = number_arg(x, n, 'bernoulli', 0.5)
   if p ~= p or p < 0 or p > 1 then
      raise(string.format('bernoulli: p must be in [0, 1], got %s', tostring(p)))
   end
   return unit(g) < p and 1 or 0
end

-- Tensor fills -------------------------------------------------------------------------------------

-- Each fill: t:name([gen,] x, y). C checks the parameters and the dtype.
local function define_fill(name, kernel, default_x, default_y)
   methods[name] = function(t, a, b, c)
      local g = nil
      if is_generator(a) then
         g, a, b = a.ptr, b, c
      end
      check(kernel(t, g, number_arg(a, 2, name, default_x), number_arg(b, 3, name, default_y)))
      return t
   end
end

define_fill('uniform', function(t, g, x, y) return C.wk_random_uniform(t, g, x, y) end, 0, 1)
define_fill('normal', function(t, g, x, y) return C.wk_random_normal(t, g, x, y) end, 0, 1)
define_fill('exponential', function(t, g, x) return C.wk_random_exponential(t, g, x) end, 1)
define_fill('cauchy', function(t, g, x, y) return C.wk_random_cauchy(t, g, x, y) end, 0, 1)
define_fill('logNormal', function(t, g, x, y) return C.wk_random_log_normal(t, g, x, y) end, 1, 2)
define_fill('geometric', function(t, g, x) return C.wk_random_geometric(t, g, x) end, 0.5)

function methods.bernoulli(t, a, b)
   local g = nil
   if is_generator(a) then
      g, a = a.ptr, b
   end
   if is(a) then
      check(C.wk_random_bernoulli_tensor(t, g, arg(a, 2, 'bernoulli')))
   else
      check(C.wk_random_bernoulli(t, g, number_arg(a, 2, 'bernoulli', 0.5)))
   end
   return t
end

-- t:random() draws 0 .. this (Torch7: the largest integer of the type; 2^mantissa for floats).
local RANDOM_MAX = {
   [tonumber(C.WK_U8)] = 255, [tonumber(C.WK_I8)] = 127, [tonumber(C.WK_I16)] = 32767,
   [tonumber(C.WK_I32)] = 2147483647, [tonumber(C.WK_I64)] = 0x7fffffffffffffffLL,
   [tonumber(C.WK_F32)] = 2^24, [tonumber(C.WK_F64)] = 2^53,
}

local function integer_arg(v, n, op)
   if type(v) == 'cdata' then
      return v
   end
   return checks.index(v, n, op, 4)
end

function methods.random(t, a, b, c)
   local g = nil
   if is_generator(a) then
      g, a, b = a.ptr, b, c
   end
   if a == nil then
      check(C.wk_random_integers(t, g, 0, RANDOM_MAX[t.dtype] or 0))
   elseif b == nil then
      a = integer_arg(a, 2, 'random')
      if a < 1 then
         raise(string.format('random: the upper bound must be at least 1, got %s', tostring(a)))
      end
      check(C.wk_random_integers(t, g, 1, a))
   else
      check(C.wk_random_integers(t, g, integer_arg(a, 2, 'random'), integer_arg(b, 3, 'random')))
   end
   return t
end

-- Constructors --------------------------------------------------------------------------------------

local function default_dtype()
   return dtypes.by_tensor_name[torch.getdefaulttensortype()].id
end

-- res (or a new tensor of the default type) resized to the sizes at argument argn, ...
local function sized(res, op, argn, ...)
   local nd = sizes.parse(SIZES, op, argn, ...)
   if res == nil then
      return wrap(C.wk_tensor_new_sized(default_dtype(), nd, SIZES), 4)
   end
   check(C.wk_tensor_resize(res, nd, SIZES))
   return res
end

-- ([res,] [gen,] ...): the result (or nil), the generator (or nil), the number of the next argument.
local function res_gen(a, b)
   if is(a) then
      if is_generator(b) then
         return a, b.ptr, 3
      end
      return a, nil, 2
   elseif is_generator(a) then
      return nil, a.ptr, 2
   end
   return nil, nil, 1
end

local function skip(n, ...)
   if n == 1 then
      return ...
   end
   return select(n, ...)
end

function torch.rand(...)
   local res, g, n = res_gen(...)
   local t = sized(res, 'rand', n, skip(n, ...))
   check(C.wk_random_uniform(t, g, 0, 1))
   return t
end

function torch.randn(...)
   local res, g, n = res_gen(...)
   local t = sized(res, 'randn', n, skip(n, ...))
   check(C.wk_random_normal(t, g, 0, 1))
   return t
end

function torch.randperm(...)
   local res, g, n = res_gen(...)
   local count = checks.index(skip(n, ...), n, 'randperm')
   res = res or wrap(C.wk_tensor_new(default_dtype()))
   check(C.wk_randperm(res, g, count, 1))
   return res
end

-- ([res,] [gen,] p, n [, replacement])
function torch.multinomial(...)
   local res, g, n = res_gen(...)
   local p, count, replacement = skip(n, ...)
   if res ~= nil and not is(p) then            -- torch.multinomial(p, n): p is no result
      res, g, n, p, count, replacement = nil, g, 1, res, p, count
   end
   arg(p, n, 'multinomial')
   checks.index(count, n + 1, 'multinomial')
   res = res or wrap(C.wk_tensor_new(C.WK_I64))
   check(C.wk_multinomial(res, g, p, count, replacement and 1 or 0, 1))
   return res
end

function methods.rand(t, ...)
   return torch.rand(t, ...)
end

function methods.randn(t, ...)
   return torch.randn(t, ...)
end

function methods.randperm(t, ...)
   return torch.randperm(t, ...)
end

-- res:multinomial(p, n [, replacement]) fills res; p:multinomial(n [, replacement]) makes one.
function methods.multinomial(t, ...)
   return torch.multinomial(t, ...)
end

return {}
