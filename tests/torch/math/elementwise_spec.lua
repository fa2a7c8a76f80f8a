-- Torch7's elementwise math (lua/torch/math/elementwise.lua over core/unary.c, binary.c, ternary.c):
-- every op against hand-computed values and a plain Lua reference, in Torch7's calling forms, on
-- contiguous, transposed, narrowed and broadcast operands, for the types where it applies.

require 'torch'

local THIS_FILE = 'elementwise_spec.lua'

-- fn's call is not a tail call here, so the error can name this file's line even when fn ends in
-- `return torch.f(...)` (a tail call, which leaves no frame of its own).
local function fails_with(text, fn)
   local ok, err = pcall(function() fn() end)
   assert.is_false(ok, 'expected an error containing: ' .. text)
   err = tostring(err)
   assert.is_truthy(err:find(text, 1, true), 'message "' .. err .. '" lacks "' .. text .. '"')
   assert.is_truthy(err:find(THIS_FILE, 1, true), 'message "' .. err .. '" does not name the caller')
end

-- The elements of t in row-major order, as a flat Lua array.
local function flat(t)
   local n = t:nElement()
   local out = {}
   if n == 0 then
      return out
   end
   local c = t:clone():view(n)
   for i = 1, n do
      out[i] = c[i]
   end
   return out
end

local function near(want, got, tolerance)
   if want ~= want then
      return got ~= got
   elseif want == math.huge or want == -math.huge then
      return got == want
   end
   return math.abs(want - got) <= tolerance * (1 + math.abs(want))
end

local TOLERANCE = { Float = 2e-6, Double = 1e-12 }

-- Checks every element of result against f(x[i], y[i]) (y optional), Lua numbers in double.
local function check_elements(result, f, tolerance, x, y)
   local r, a, b = flat(result), flat(x), y and flat(y)
   assert.are.equal(#a, #r)
   for i = 1, #r do
      local want
      if b then
         want = f(a[i], b[i])
      else
         want = f(a[i])
      end
      if not near(want, r[i], tolerance) then
         error(string.format('element %d: f(%s, %s) = %s, want %s', i, tostring(a[i]), tostring(b and b[i]),
            tostring(r[i]), tostring(want)), 2)
      end
   end
end

-- Tensors of the given type with values from `gen`: a contiguous one, a transposed view and a
-- narrowed view, all of the same shape (3x5 here, 7x4 for the transposed source).
local random = math.random
local function layouts(kind, gen)
   local function fill(t)
      local p, n = t:data(), t:nElement()
      for i = 0, n - 1 do
         p[i] = gen()
      end
      return t
   end
   local Tensor = torch[kind .. 'Tensor']
   return {
      contiguous = fill(Tensor(3, 5)),
      transposed = fill(Tensor(5, 3)):t(),
      narrowed = fill(Tensor(4, 7)):narrow(1, 2, 3):narrow(2, 2, 5),
   }
end

local function uniform(lo, hi)
   return function()
      return lo + (hi - lo) * random()
   end
end

local function integers(lo, hi)
   return function()
      return random(lo, hi)
   end
end

local function sigmoid(x) return 1 / (1 + math.exp(-x)) end
local function round(x) return x >= 0 and math.floor(x + 0.5) or -math.floor(-x + 0.5) end
local function trunc(x) return x >= 0 and math.floor(x) or -math.floor(-x) end
local function sign(x) return x > 0 and 1 or x < 0 and -1 or 0 end
local function erf(x)
   -- Abramowitz and Stegun 7.1.26 is not precise enough; a series suffices on [-2, 2]
   local sum, term, n = x, x, 0
   repeat
      n = n + 1
      term = -term * x * x / n
      sum = sum + term / (2 * n + 1)
   until math.abs(term) < 1e-17
   return 2 / math.sqrt(math.pi) * sum
end

local UNARY = {
   { 'abs', math.abs, uniform(-3, 3) }, { 'sign', sign, uniform(-3, 3) },
   { 'neg', function(x) return -x end, uniform(-3, 3) }, { 'square', function(x) return x * x end, uniform(-3, 3) },
   { 'exp', math.exp, uniform(-5, 5) }, { 'expm1', function(x) return math.exp(x) - 1 end, uniform(0.5, 3) },
   { 'log', math.log, uniform(0.1, 10) }, { 'log1p', function(x) return math.log(1 + x) end, uniform(0.5, 10) },
   { 'sqrt', math.sqrt, uniform(0, 10) }, { 'rsqrt', function(x) return 1 / math.sqrt(x) end, uniform(0.1, 10) },
   { 'sigmoid', sigmoid, uniform(-8, 8) }, { 'tanh', math.tanh, uniform(-3, 3) },
   { 'sin', math.sin, uniform(-4, 4) }, { 'cos', math.cos, uniform(-4, 4) }, { 'tan', math.tan, uniform(-1.2, 1.2) },
   { 'asin', math.asin, uniform(-1, 1) }, { 'acos', math.acos, uniform(-1, 1) }, { 'atan', math.atan, uniform(-5, 5) },
   { 'sinh', math.sinh, uniform(-3, 3) }, { 'cosh', math.cosh, uniform(-3, 3) },
   { 'floor', math.floor, uniform(-5, 5) }, { 'ceil', math.ceil, uniform(-5, 5) },
   { 'round', round, uniform(-5, 5) }, { 'trunc', trunc, uniform(-5, 5) },
   { 'frac', function(x) return x - trunc(x) end, uniform(-5, 5) },
   { 'cinv', function(x) return 1 / x end, uniform(0.5, 4) },
   { 'erf', erf, uniform(-2, 2) },
}

describe('elementwise math', function()
   describe('unary functions', function()
      it('follow a Lua reference on contiguous, transposed and narrowed floats and doubles', function()
         for _, case in ipairs(UNARY) do
            local name, f, gen = case[1], case[2], case[3]
            for _, kind in ipairs({ 'Float', 'Double' }) do
               for layout, x in pairs(layouts(kind, gen)) do
                  local before = flat(x)
                  local r = torch[name](x)                          -- torch.f(x): new
                  assert.are.equal('torch.' .. kind .. 'Tensor', r:type())
                  assert.is_true(r:isContiguous())
                  check_elements(r, f, TOLERANCE[kind], x)
                  assert.are.same(before, flat(x))                 -- x left alone
                  local res = torch[kind .. 'Tensor']()
                  assert.are.equal(res, torch[name](res, x))       -- torch.f(res, x)
                  check_elements(res, f, TOLERANCE[kind], x)
                  local res2 = torch[kind .. 'Tensor'](2, 2)
                  assert.are.equal(res2, res2[name](res2, x))      -- res:f(x)
                  check_elements(res2, f, TOLERANCE[kind], x)
                  local copy = x:clone()
                  assert.are.equal(x, x[name](x))                  -- x:f() in place, through its view
                  check_elements(x, f, TOLERANCE[kind], copy)
                  assert.is_true(layout == 'contiguous' or not x:isContiguous())
               end
            end
         end
      end)

      it('give the hand-computed values, nan and infinities included', function()
         local x = torch.DoubleTensor({ -2.5, -0.5, 0.5, 2.5, 0 })
         assert.are.same({ -3, -1, 1, 3, 0 }, torch.round(x):totable())     -- halves away from zero
         assert.are.same({ -2, -0, 0, 2, 0 }, torch.trunc(x):totable())
         assert.are.same({ -0.5, -0.5, 0.5, 0.5, 0 }, torch.frac(x):totable())
         assert.are.same({ -1, -1, 1, 1, 0 }, torch.sign(x):totable())
         local f = torch.FloatTensor({ 0, 1, -math.huge, math.huge, 0 / 0, 88.8, -104 })
         local e = torch.exp(f)
         assert.are.same({ 1, math.exp(1), 0, math.huge }, { e[1], e[2] - (e[2] - math.exp(1)), e[3], e[4] })
         assert.is_true(math.abs(e[2] - math.exp(1)) < 3e-7)
         assert.is_true(e[5] ~= e[5] and e[6] == math.huge and e[7] == 0)
         local s = torch.sigmoid(torch.FloatTensor({ -200, 0, 200 }))
         assert.are.same({ 0, 0.5, 1 }, s:totable())
         assert.are.same({ 0.5, 0.25 }, torch.DoubleTensor({ 2, 4 }):cinv():totable())
         assert.are.same({ 0.5 }, torch.rsqrt(torch.FloatTensor({ 4 })):totable())
      end)

      it('work on every integer type where they exist, and refuse the others', function()
         for _, kind in ipairs({ 'Byte', 'Char', 'Short', 'Int', 'Long' }) do
            local values = kind == 'Byte' and { 0, 3, 200 } or { -7, 0, 5 }
            local x = torch[kind .. 'Tensor'](values)
            for _, name in ipairs({ 'abs', 'sign', 'neg', 'square' }) do
               local r = torch[name](x)
               assert.are.equal(x:type(), r:type())
               for i = 1, 3 do
                  local v = values[i]
                  local want = ({ abs = math.abs(v), sign = sign(v), neg = -v, square = v * v })[name]
                  if kind == 'Byte' then
                     want = want % 256
                  end
                  assert.are.equal(want, r[i])
               end
            end
            fails_with('exp: needs a float or double tensor, got 3 torch.' .. kind .. 'Tensor', function()
               return torch.exp(x)
            end)
         end
         -- wrap-around, as C's integer arithmetic
         assert.are.same({ -128, 127 }, torch.CharTensor({ -128, -127 }):neg():totable())
         assert.are.same({ 255, 0 }, torch.ByteTensor({ 1, 0 }):neg():totable())
      end)

      it('leave empty tensors empty and keep zero-size dimensions', function()
         local e = torch.FloatTensor()
         assert.are.equal(0, torch.exp(e):dim())
         assert.are.equal(e, e:sqrt())
         local z = torch.DoubleTensor(0, 3)
         local r = torch.abs(z)
         assert.are.same({ 0, 3 }, { r:size(1), r:size(2) })
      end)
   end)

   describe('add and csub', function()
      it('take the forms of Torch7\'s documentation', function()
         local x, y = torch.DoubleTensor(2, 2):fill(2), torch.DoubleTensor(4):fill(3)
         assert.are.equal(x, x:add(y))                             -- 2x2 and 4 elements: x's shape
         assert.are.same({ { 5, 5 }, { 5, 5 } }, x:totable())
         x:fill(2)
         x:add(2, y)
         assert.are.same({ { 8, 8 }, { 8, 8 } }, x:totable())
         x:fill(2)
         assert.are.same({ { 3, 3 }, { 3, 3 } }, x:add(1):totable())
         local z = torch.DoubleTensor()
         assert.are.equal(z, z:add(x, 10))
         assert.are.same({ { 13, 13 }, { 13, 13 } }, z:totable())
         z:add(x, 2, x)
         assert.are.same({ { 9, 9 }, { 9, 9 } }, z:totable())
         local a, b = torch.FloatTensor({ 1, 2 }), torch.FloatTensor({ 10, 20 })
         assert.are.same({ 11, 22 }, torch.add(a, b):totable())
         assert.are.same({ 4, 5 }, torch.add(a, 3):totable())
         assert.are.same({ 21, 42 }, torch.add(a, 2, b):totable())
         local res = torch.FloatTensor(2)
         assert.are.equal(res, torch.add(res, a, b))
         assert.are.same({ 11, 22 }, res:totable())
         torch.add(res, a, -1, b)
         assert.are.same({ -9, -18 }, res:totable())
         torch.add(res, a, 0.5)
         assert.are.same({ 1.5, 2.5 }, res:totable())
         assert.are.same({ 1, 2 }, a:totable())                     -- inputs left alone
         assert.are.same({ -9, -18 }, a:clone():csub(b):totable())
         assert.are.same({ 0, 1 }, a:clone():csub(1):totable())
         assert.are.same({ -19, -38 }, a:clone():csub(2, b):totable())
         assert.are.same({ -9, -18 }, torch.csub(a, b):totable())
      end)

      it('broadcast by NumPy\'s rules, and keep an in-place result in place', function()
         local m = torch.DoubleTensor({ { 1, 2, 3 }, { 4, 5, 6 } })
         local row, col = torch.DoubleTensor({ 10, 20, 30 }), torch.DoubleTensor({ { 100 }, { 200 } })
         assert.are.same({ { 11, 22, 33 }, { 14, 25, 36 } }, torch.add(m, row):totable())
         assert.are.same({ { 101, 102, 103 }, { 204, 205, 206 } }, torch.add(m, col):totable())
         assert.are.same({ { 110, 120, 130 }, { 210, 220, 230 } }, torch.add(col, row):totable())
         local c4, v4 = torch.DoubleTensor(4, 1):fill(1), torch.DoubleTensor({ 1, 2, 3, 4 })
         c4:add(v4)                                                 -- in place: stays 4x1 (Torch7's rule)
         assert.are.same({ { 2 }, { 3 }, { 4 }, { 5 } }, c4:totable())
         fails_with('add: sizes do not match: 2x3 torch.DoubleTensor and 4 torch.DoubleTensor', function()
            return m:add(v4)
         end)
         fails_with('add: sizes do not match: the result would be larger than 1x3 torch.DoubleTensor', function()
            return torch.DoubleTensor(1, 3):add(col)
         end)
      end)

      it('reuse the result\'s storage and write through a strided result', function()
         local a, b = torch.FloatTensor(100):fill(1), torch.FloatTensor(100):fill(2)
         local res = torch.FloatTensor(100)
         local address = torch.data(res, true)
         for _ = 1, 3 do
            torch.add(res, a, b)
         end
         assert.are.equal(address, torch.data(res, true))
         local big = torch.FloatTensor(4, 4):zero()
         local window = big:narrow(1, 2, 2):narrow(2, 2, 2)
         window:add(torch.FloatTensor(2, 2):fill(1), torch.FloatTensor(2, 2):fill(2))
         assert.are.same({ { 0, 0, 0, 0 }, { 0, 3, 3, 0 }, { 0, 3, 3, 0 }, { 0, 0, 0, 0 } }, big:totable())
      end)

      it('give clear errors', function()
         local a = torch.FloatTensor(3)
         fails_with("bad argument #2 to 'add' (number or tensor expected, got string)", function()
            return a:add('x')
         end)
         fails_with("bad argument #3 to 'add' (tensor expected, got boolean)", function()
            return a:add(2, true)
         end)
         fails_with('add: types differ: 3 torch.FloatTensor and 3 torch.DoubleTensor', function()
            return a:add(torch.DoubleTensor(3))
         end)
         fails_with("bad argument #1 to 'add' (tensor expected, got number)", function()
            return torch.add(1, 2)
         end)
      end)
   end)

   describe('binary functions', function()
      local FLOAT_OPS = {
         { 'mul', function(x, y) return x * y end }, { 'div', function(x, y) return x / y end },
         { 'cmul', function(x, y) return x * y end, true }, { 'cdiv', function(x, y) return x / y end, true },
         { 'pow', function(x, y) return x ^ y end }, { 'cpow', function(x, y) return x ^ y end, true },
         { 'fmod', math.fmod }, { 'remainder', function(x, y) return x % y end },
         { 'cfmod', math.fmod, true }, { 'cremainder', function(x, y) return x % y end, true },
         { 'cmax', math.max }, { 'cmin', math.min }, { 'atan2', math.atan2, true },
      }

      it('follow a Lua reference for tensors and numbers, on every layout', function()
         for _, case in ipairs(FLOAT_OPS) do
            local name, f, tensor_only = case[1], case[2], case[3]
            for _, kind in ipairs({ 'Float', 'Double' }) do
               local xs, ys = layouts(kind, uniform(0.5, 3)), layouts(kind, uniform(-2, 2))
               for _, x in pairs(xs) do
                  for _, y in pairs(ys) do
                     if name:find('pow') then
                        y = y:clone():abs()
                     end
                     check_elements(torch[name](x, y), f, TOLERANCE[kind] * 4, x, y)
                     local res = torch[kind .. 'Tensor']()
                     check_elements(torch[name](res, x, y), f, TOLERANCE[kind] * 4, x, y)
                     local copy = x:clone()
                     copy[name](copy, y)
                     check_elements(copy, f, TOLERANCE[kind] * 4, x, y)
                  end
                  if not tensor_only then
                     check_elements(torch[name](x, 1.5), function(v) return f(v, 1.5) end, TOLERANCE[kind] * 4, x)
                     check_elements(x:clone()[name](x:clone(), -1.25), function(v) return f(v, -1.25) end,
                        TOLERANCE[kind] * 4, x)
                  end
               end
            end
         end
      end)

      it('give Torch7\'s documented results', function()
         local x = torch.DoubleTensor({ -3, 3 })
         assert.are.same({ -1, 1 }, torch.fmod(x, 2):totable())
         assert.are.same({ -1, 1 }, torch.fmod(x, -2):totable())
         assert.are.same({ 1, 1 }, torch.remainder(x, 2):totable())
         assert.are.same({ -1, -1 }, torch.remainder(x, -2):totable())
         local a, b = torch.DoubleTensor({ { 3, 3 }, { -3, -3 } }), torch.DoubleTensor({ { 2, -2 }, { 2, -2 } })
         assert.are.same({ { 1, 1 }, { -1, -1 } }, a:clone():cfmod(b):totable())
         assert.are.same({ { 1, -1 }, { 1, -1 } }, a:clone():cremainder(b):totable())
         local twos, threes = torch.DoubleTensor(2, 2):fill(2), torch.DoubleTensor(4):fill(3)
         assert.are.same({ { 8, 8 }, { 8, 8 } }, twos:cpow(threes):totable())
         local up, down = torch.DoubleTensor({ 1, 2, 3 }), torch.DoubleTensor({ 3, 2, 1 })
         assert.are.same({ 3, 2, 3 }, torch.cmax(up, down):totable())
         assert.are.same({ 2, 2, 3 }, torch.cmax(torch.DoubleTensor({ 1, 2, 3 }), 2):totable())
         assert.are.same({ 1, 2, 2 }, torch.cmin(torch.DoubleTensor({ 1, 2, 3 }), 2):totable())
         assert.are.same({ { 1, 0.5 }, { 1 / 3, 0.25 } },
            torch.DoubleTensor(2, 2):fill(1):cdiv(torch.range(1, 4)):totable())
         local nan = torch.cmax(torch.DoubleTensor({ 0 / 0, 1 }), torch.DoubleTensor({ 1, 0 / 0 }))
         assert.is_true(nan[1] ~= nan[1] and nan[2] ~= nan[2])       -- nan propagates
      end)

      it('raise to powers both ways', function()
         local x = torch.FloatTensor({ 1, 2, 3 })
         assert.are.same({ 1, 4, 9 }, torch.pow(x, 2):totable())
         assert.are.same({ 2, 4, 8 }, torch.pow(2, x):totable())
         local res = torch.FloatTensor()
         assert.are.same({ 1, 8, 27 }, torch.pow(res, x, 3):totable())
         assert.are.same({ 3, 9, 27 }, torch.pow(res, 3, x):totable())
         assert.are.same({ 10, 100, 1000 }, res:pow(10, x):totable())
         assert.are.same({ 10, 100, 1000 }, torch.tpow(10, x):totable())
         assert.are.same({ 2, 4, 8 }, x:clone():tpow(2):totable())
         assert.are.same({ 1, 4, 27 }, x:clone():pow(x):totable())
         assert.are.same({ 1, 2, 3 }, x:totable())
         assert.are.same({ 1, 1 / 2, 1 / 3 }, torch.pow(torch.DoubleTensor({ 1, 2, 3 }), -1):totable())
      end)
   end)

   describe('integer arithmetic', function()
      it('divides truncating toward zero, and refuses zero divisors instead of crashing', function()
         local x, y = torch.IntTensor({ 7, -7, 7, -7 }), torch.IntTensor({ 2, 2, -2, -2 })
         assert.are.same({ 3, -3, -3, 3 }, torch.cdiv(x, y):totable())
         assert.are.same({ 3, -3, 3, -3 }, torch.div(x, 2):totable())
         assert.are.same({ 1, -1, 1, -1 }, torch.cfmod(x, y):totable())
         assert.are.same({ 1, 1, -1, -1 }, torch.cremainder(x, y):totable())
         fails_with('div: integer division by zero', function() return torch.div(x, 0) end)
         fails_with('cdiv: integer division by zero (a zero in 4 torch.IntTensor)', function()
            return x:cdiv(torch.IntTensor({ 1, 0, 1, 1 }))
         end)
         assert.are.same({ 7, -7, 7, -7 }, x:totable())             -- nothing written
         fails_with('fmod: integer division by zero', function() return torch.fmod(x, 0.5) end)
         fails_with('remainder: integer division by zero', function() return torch.remainder(x, 0) end)
         for _, kind in ipairs({ 'Byte', 'Char', 'Short', 'Long' }) do
            local t = torch[kind .. 'Tensor']({ 9, 4 })
            assert.are.same({ 4, 2 }, torch.div(t, 2):totable())
            fails_with('integer division by zero', function() return t:div(0) end)
         end
      end)

      it('follows a Lua reference on every integer type and layout', function()
         local function nonzero()
            local v = random(1, 5)
            return random() < 0.5 and -v or v
         end
         local ops = {
            { 'add', function(x, y) return x + y end }, { 'csub', function(x, y) return x - y end },
            { 'cmul', function(x, y) return x * y end }, { 'cdiv', function(x, y) return trunc(x / y) end },
            { 'cfmod', math.fmod }, { 'cremainder', function(x, y) return x % y end },
            { 'cmax', math.max }, { 'cmin', math.min },
         }
         for _, kind in ipairs({ 'Byte', 'Char', 'Short', 'Int', 'Long' }) do
            local byte = kind == 'Byte'
            local xs = layouts(kind, byte and integers(0, 11) or integers(-11, 11))
            local ys = layouts(kind, byte and integers(1, 5) or nonzero)
            for _, op in ipairs(ops) do
               local name, f = op[1], op[2]
               for _, x in pairs(xs) do
                  for _, y in pairs(ys) do
                     local wrapped = function(a, b)
                        local v = f(a, b)
                        return byte and v % 256 or v
                     end
                     check_elements(torch[name](x, y), wrapped, 0, x, y)
                  end
               end
            end
         end
      end)

      it('wraps around, converts numbers to the type as Torch7 did, and raises to integer powers', function()
         assert.are.same({ -128 }, torch.CharTensor({ 127 }):add(1):totable())
         assert.are.same({ 0, 1 }, torch.ByteTensor({ 1, 2 }):add(-1):totable())
         assert.are.same({ 0, 0 }, torch.IntTensor({ 4, 6 }):mul(0.5):totable())       -- 0.5 is 0
         assert.are.same({ 2, 3 }, torch.IntTensor({ 4, 6 }):div(2.9):totable())       -- 2.9 is 2
         local p = torch.LongTensor({ 2, 3, -2 })
         assert.are.same({ 1024, 59049, 1024 }, torch.pow(p, 10):totable())
         assert.are.same({ 4, 8 }, torch.pow(2, torch.LongTensor({ 2, 3 })):totable())
         fails_with('pow: negative exponent -1 for 3 torch.LongTensor', function() return p:pow(-1) end)
         fails_with('negative exponent', function() return torch.pow(2, p) end)
         assert.are.same({ 1, 0 }, torch.ByteTensor({ 3, 0 }):logicalNot():logicalNot():totable())
      end)
   end)

   describe('comparisons', function()
      it('return a new ByteTensor from the method and leave the tensor alone', function()
         local a, b = torch.FloatTensor({ 1, 2, 3 }), torch.FloatTensor({ 3, 2, 1 })
         local cases = {
            lt = { { 1, 0, 0 }, { 1, 0, 0 } }, le = { { 1, 1, 0 }, { 1, 1, 0 } }, gt = { { 0, 0, 1 }, { 0, 0, 1 } },
            ge = { { 0, 1, 1 }, { 0, 1, 1 } }, eq = { { 0, 1, 0 }, { 0, 1, 0 } }, ne = { { 1, 0, 1 }, { 1, 0, 1 } },
         }
         for name, want in pairs(cases) do
            local m = a[name](a, b)
            assert.are.equal('torch.ByteTensor', m:type())
            assert.are.same(want[1], m:totable())
            assert.are.same(want[2], a[name](a, 2):totable())
            assert.are.same(want[1], torch[name](a, b):totable())
            local same = torch.FloatTensor()
            assert.are.equal(same, torch[name](same, a, b))           -- into a's type, 0/1
            assert.are.same(want[1], same:totable())
            local mask = torch.ByteTensor(3)
            assert.are.equal(mask, mask[name](mask, a, 2))
            assert.are.same(want[2], mask:totable())
         end
         assert.are.same({ 1, 2, 3 }, a:totable())
         local message = 'lt: the result must be a torch.ByteTensor or of the input\'s type (3 torch.FloatTensor), got'
         fails_with(message, function()
            return torch.lt(torch.IntTensor(), a, b)
         end)
      end)

      it('compare integers with any number exactly', function()
         local i = torch.IntTensor({ 1, 2, 3 })
         assert.are.same({ 1, 1, 0 }, i:lt(2.5):totable())
         assert.are.same({ 0, 0, 1 }, i:gt(2.5):totable())
         assert.are.same({ 0, 0, 0 }, i:eq(2.5):totable())
         assert.are.same({ 1, 1, 1 }, torch.ByteTensor({ 0, 7, 255 }):gt(-1):totable())
         assert.are.same({ 1, 1, 1 }, torch.ByteTensor({ 0, 7, 255 }):lt(256):totable())
         local x = torch.DoubleTensor({ 0 / 0, 1 })
         assert.are.same({ 0, 1 }, x:eq(x):totable())
         assert.are.same({ 1, 0 }, x:ne(x):totable())
      end)

      it('work on transposed and broadcast operands', function()
         local m = torch.DoubleTensor({ { 1, 5 }, { 3, 2 } }):t()    -- {{1, 3}, {5, 2}}
         assert.are.same({ { 0, 1 }, { 1, 0 } }, m:gt(torch.DoubleTensor({ 2, 2 })):totable())
         assert.are.same({ { 1, 0 }, { 0, 0 } }, m:lt(torch.DoubleTensor({ { 2 }, { 1 } })):totable())
      end)
   end)

   describe('logical ops and where', function()
      it('combine ByteTensor masks', function()
         local a, b = torch.ByteTensor({ 0, 0, 1, 1 }), torch.ByteTensor({ 0, 1, 0, 1 })
         assert.are.same({ 0, 0, 0, 1 }, torch.logicalAnd(a, b):totable())
         assert.are.same({ 0, 1, 1, 1 }, torch.logicalOr(a, b):totable())
         assert.are.same({ 0, 1, 1, 0 }, torch.logicalXor(a, b):totable())
         assert.are.same({ 1, 1, 0, 0 }, torch.logicalNot(a):totable())
         local c = a:clone()
         assert.are.equal(c, c:logicalOr(b))
         assert.are.same({ 0, 1, 1, 1 }, c:totable())
         assert.are.same({ 0, 0, 1, 1 }, a:totable())
         local nonzero = torch.ByteTensor({ 0, 2, 7, 0 }):logicalAnd(torch.ByteTensor({ 9, 9, 9, 0 }))
         assert.are.same({ 0, 1, 1, 0 }, nonzero:logicalXor(torch.ByteTensor({ 0, 0, 0, 0 })):totable())
      end)

      it('select elementwise with broadcasting', function()
         local cond = torch.ByteTensor({ { 1 }, { 0 } })
         local x, y = torch.FloatTensor({ 1, 2, 3 }), torch.FloatTensor({ { 10, 20, 30 }, { 40, 50, 60 } })
         assert.are.same({ { 1, 2, 3 }, { 40, 50, 60 } }, torch.where(cond, x, y):totable())
         local res = torch.FloatTensor()
         assert.are.equal(res, torch.where(res, x:gt(1.5), x, torch.FloatTensor({ 0 })))
         assert.are.same({ 0, 2, 3 }, res:totable())
         fails_with('where: the condition must be a torch.ByteTensor, got 3 torch.FloatTensor', function()
            return torch.where(x, x, x)
         end)
      end)
   end)

   describe('addcmul, addcdiv, lerp, clamp', function()
      it('take the forms of Torch7\'s documentation', function()
         local x, y = torch.DoubleTensor(2, 2):fill(2), torch.DoubleTensor(4):fill(3)
         local z = torch.DoubleTensor(2, 2):fill(5)
         assert.are.same({ { 32, 32 }, { 32, 32 } }, x:addcmul(2, y, z):totable())
         x = torch.DoubleTensor(2, 2):fill(1)
         x:addcdiv(2, torch.range(1, 4), torch.DoubleTensor(2, 2):fill(5))
         assert.are.same({ { 1.4, 1.8 }, { 2.2, 2.6 } }, x:totable())
         local a, b, c = torch.DoubleTensor({ 1, 2 }), torch.DoubleTensor({ 3, 4 }), torch.DoubleTensor({ 2, 8 })
         assert.are.same({ 7, 34 }, torch.addcmul(a, b, c):totable())
         assert.are.same({ 13, 66 }, torch.addcmul(a, 2, b, c):totable())
         local res = torch.DoubleTensor()
         assert.are.equal(res, torch.addcmul(res, a, 0.5, b, c))
         assert.are.same({ 4, 18 }, res:totable())
         assert.are.same({ 2.5, 2.5 }, torch.addcdiv(a, b, c):totable())
         assert.are.same({ 2.5, 2.5 }, res:addcdiv(a, b, c):totable())
         assert.are.same({ 4, 3 }, a:clone():addcdiv(2, b, c):totable())
         assert.are.same({ 1, 2 }, a:totable())
      end)

      it('lerp from one end to the other, exactly at both', function()
         local a, b = torch.FloatTensor({ 1, -5 }), torch.FloatTensor({ 3, 7 })
         assert.are.same({ 1, -5 }, torch.lerp(a, b, 0):totable())
         assert.are.same({ 3, 7 }, torch.lerp(a, b, 1):totable())
         assert.are.same({ 1.5, -2 }, torch.lerp(a, b, 0.25):totable())
         assert.are.same({ 2, 1 }, a:clone():lerp(b, 0.5):totable())
         fails_with('lerp: needs a float or double tensor, got 2 torch.IntTensor', function()
            return torch.lerp(torch.IntTensor(2), torch.IntTensor(2), 0.5)
         end)
      end)

      it('clamp, Torch7\'s order when min > max, integers rounded inward', function()
         local x = torch.DoubleTensor({ -5, 0.5, 5 })
         assert.are.same({ 0, 0.5, 1 }, torch.clamp(x, 0, 1):totable())
         assert.are.same({ 3, 3, 1 }, torch.clamp(x, 3, 1):totable())
         assert.are.same({ -5, 0.5, 2 }, torch.clamp(x, nil, 2):totable())
         local res = torch.DoubleTensor()
         assert.are.equal(res, torch.clamp(res, x, -1, 1))
         assert.are.same({ -1, 0.5, 1 }, res:totable())
         assert.are.same({ -1, 0.5, 1 }, x:clamp(-1, 1):totable())
         assert.are.same({ -1, 0.5, 1 }, x:totable())
         assert.are.same({ -2, 0, 2 }, torch.IntTensor({ -5, 0, 5 }):clamp(-2.5, 2.5):totable())
         assert.are.same({ 10, 100, 255 }, torch.ByteTensor({ 0, 100, 255 }):clamp(9.5, 300):totable())
         fails_with("bad argument #2 to 'clamp' (number expected, got string)", function() return x:clamp('a', 1) end)
      end)
   end)

   describe('random shapes', function()
      -- Random 1- to 4-d shapes, broadcast partners and non-contiguous views, against Lua.
      local function random_shape()
         local shape = {}
         for d = 1, random(1, 4) do
            shape[d] = random(1, 6)
         end
         return shape
      end

      local function random_tensor(kind, shape)
         local Tensor = torch[kind .. 'Tensor']
         local t
         if #shape >= 2 and random() < 0.5 then                     -- a transposed view
            local flipped = {}
            for d = 1, #shape do flipped[d] = shape[d] end
            flipped[1], flipped[#shape] = shape[#shape], shape[1]
            t = Tensor(torch.LongStorage(flipped)):transpose(1, #shape)
         elseif random() < 0.5 then                                 -- a narrowed view
            local bigger = {}
            for d = 1, #shape do bigger[d] = shape[d] end
            bigger[#shape] = shape[#shape] + 2
            t = Tensor(torch.LongStorage(bigger)):narrow(#shape, 2, shape[#shape])
         else
            t = Tensor(torch.LongStorage(shape))
         end
         t:apply(function() return random() * 4 - 2 end)
         return t
      end

      -- a shape that broadcasts with `shape`: some dims set to 1, maybe fewer leading dims
      local function partner(shape)
         local p = {}
         local drop = random(0, #shape - 1)
         for d = drop + 1, #shape do
            p[#p + 1] = random() < 0.3 and 1 or shape[d]
         end
         return p
      end

      local function broadcast_get(t, shape, flat_index)
         local offset = t:storageOffset()
         local rest = flat_index - 1
         for d = #shape, 1, -1 do
            local i = rest % shape[d]
            rest = (rest - i) / shape[d]
            local own = d - (#shape - t:dim())
            if own >= 1 and t:size(own) ~= 1 then
               offset = offset + i * t:stride(own)
            end
         end
         return t:storage()[offset]
      end

      it('agree with Lua for add, cmul, cdiv, cmax, lt and addcmul', function()
         math.randomseed(7)
         for _ = 1, 60 do
            for _, kind in ipairs({ 'Float', 'Double' }) do
               local shape = random_shape()
               local x, y = random_tensor(kind, shape), random_tensor(kind, partner(shape))
               local n = 1
               for d = 1, #shape do n = n * shape[d] end
               local ops = {
                  { torch.add(x, y), function(a, b) return a + b end },
                  { torch.cmul(x, y), function(a, b) return a * b end },
                  { torch.cdiv(x, y), function(a, b) return a / b end },
                  { torch.cmax(x, y), math.max },
                  { torch.lt(x, y), function(a, b) return a < b and 1 or 0 end },
                  { torch.addcmul(x, 0.5, y, y), function(a, b) return a + 0.5 * b * b end },
               }
               for _, op in ipairs(ops) do
                  local r = flat(op[1])
                  assert.are.equal(n, #r)
                  for i = 1, n do
                     local want = op[2](broadcast_get(x, shape, i), broadcast_get(y, shape, i))
                     assert.is_true(near(want, r[i], TOLERANCE[kind] * 4), 'element ' .. i)
                  end
               end
            end
         end
      end)
   end)

   describe('large tensors', function()
      it('give the same results split across threads, transposed or not', function()
         local threads = torch.getnumthreads()
         torch.setnumthreads(2)
         local a = torch.FloatTensor(300, 700):apply(function() return random() end)
         local b = torch.FloatTensor(700, 300):apply(function() return random() end):t()
         local sum = torch.add(a, b)
         torch.setnumthreads(1)
         local serial = torch.add(a, b)
         assert.are.same(flat(serial), flat(sum))
         local e2 = torch.exp(b)
         torch.setnumthreads(2)
         local e1 = torch.exp(b)
         assert.are.same(flat(e1), flat(e2))
         torch.setnumthreads(threads)
         local x, y = a:select(1, 123), b:select(1, 123)
         local got = sum:select(1, 123)
         for j = 1, 700, 37 do
            assert.is_true(near(x[j] + y[j], got[j], 1e-6))
         end
      end)
   end)
end)
