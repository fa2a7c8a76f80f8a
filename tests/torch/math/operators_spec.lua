-- The arithmetic operators on tensors (lua/torch/math/operators.lua).

require 'torch'

local THIS_FILE = 'operators_spec.lua'

local function fails_with(text, fn)
   local ok, err = pcall(fn)
   assert.is_false(ok, 'expected an error containing: ' .. text)
   err = tostring(err)
   assert.is_truthy(err:find(text, 1, true), 'message "' .. err .. '" lacks "' .. text .. '"')
   assert.is_truthy(err:find(THIS_FILE, 1, true), 'message "' .. err .. '" does not name the caller')
end

-- Lua's own operators, elementwise over a nested table.
local function map(t, f)
   if type(t) == 'number' then
      return f(t)
   end
   local r = {}
   for i = 1, #t do
      r[i] = map(t[i], f)
   end
   return r
end

local function map2(a, b, f)
   if type(a) == 'number' then
      return f(a, b)
   end
   local r = {}
   for i = 1, #a do
      r[i] = map2(a[i], b[i], f)
   end
   return r
end

local function assert_near(expected, actual, tolerance)
   if type(expected) == 'number' then
      assert.is_true(math.abs(expected - actual) <= (tolerance or 1e-6), 'expected ' .. expected .. ', got ' .. actual)
      return
   end
   assert.are.equal(#expected, #actual)
   for i = 1, #expected do
      assert_near(expected[i], actual[i], tolerance)
   end
end

local values = { { 1, -2, 3 }, { 4.5, 5, -6 } }

describe('tensor operators', function()
   describe('+ and -', function()
      it('take tensors and numbers on either side, returning new tensors', function()
         for _, kind in ipairs({ 'Double', 'Float' }) do
            local a = torch[kind .. 'Tensor'](values)
            local b = torch[kind .. 'Tensor']({ { 10, 20, 30 }, { 40, 50, 60 } })
            local sum = a + b
            assert.are.equal('torch.' .. kind .. 'Tensor', sum:type())
            assert.are.same(map2(values, b:totable(), function(x, y) return x + y end), sum:totable())
            assert.are.same(map2(values, b:totable(), function(x, y) return x - y end), (a - b):totable())
            assert.are.same(map(values, function(x) return x + 3 end), (a + 3):totable())
            assert.are.same(map(values, function(x) return 3 + x end), (3 + a):totable())
            assert.are.same(map(values, function(x) return x - 3 end), (a - 3):totable())
            assert.are.same(map(values, function(x) return 3 - x end), (3 - a):totable())
            assert.are.same(values, a:totable())              -- the operands are left alone
            assert.is_false(sum == a)
         end
      end)

      it('broadcast, or take equal element counts as Torch7 did (the result has the left shape)', function()
         local a = torch.DoubleTensor(values)
         local row = torch.DoubleTensor({ 100, 200, 300 })
         assert.are.same({ { 101, 198, 303 }, { 104.5, 205, 294 } }, (a + row):totable())
         -- Torch7's documentation: 2x2 + 4 elements gives 2x2, 4 - 2x2 gives 4
         local x, y = torch.DoubleTensor(2, 2):fill(2), torch.DoubleTensor(4):fill(3)
         assert.are.same({ { 5, 5 }, { 5, 5 } }, (x + y):totable())
         assert.are.same({ 1, 1, 1, 1 }, (y - x):totable())
      end)

      it('work on non-contiguous tensors and integer types', function()
         local a = torch.IntTensor({ { 1, 2, 3 }, { 4, 5, 6 } })
         assert.are.same({ { 2, 8 }, { 4, 10 }, { 6, 12 } }, (a:t() + a:t()):totable())
         assert.are.same({ 3, 6 }, (a:select(2, 3) - 0):totable())
         assert.are.equal('torch.IntTensor', (a + 1):type())
         assert.are.same({ { -1, -2, -3 }, { -4, -5, -6 } }, (-a):totable())
      end)
   end)

   describe('*', function()
      it('scales by a number on either side', function()
         local a = torch.DoubleTensor(values)
         assert.are.same(map(values, function(x) return x * 2 end), (a * 2):totable())
         assert.are.same(map(values, function(x) return 2 * x end), (2 * a):totable())
      end)

      it('is the dot, matrix-vector or matrix-matrix product by dimensions (Torch7 examples)', function()
         local M = torch.DoubleTensor(2, 2):fill(2)
         local N = torch.DoubleTensor(2, 4):fill(3)
         local x = torch.DoubleTensor(2):fill(4)
         local y = torch.DoubleTensor(2):fill(5)
         assert.are.equal(40, x * y)
         assert.are.equal('number', type(x * y))
         assert.are.same({ 16, 16 }, (M * x):totable())
         assert.are.same({ { 12, 12, 12, 12 }, { 12, 12, 12, 12 } }, (M * N):totable())
         local a = torch.FloatTensor({ { 1, 2 }, { 3, 4 } })
         assert.are.same({ { 10, 14 }, { 14, 20 } }, (a:t() * a):totable())
         assert.are.same({ { 7, 15 }, { 10, 22 } }, (a * a):t():totable())
      end)

      it('refuses other dimensions and mismatched sizes', function()
         fails_with("'*': multiplication of a 3-d by a 2-d tensor is not supported",
            function() return torch.DoubleTensor(2, 2, 2) * torch.DoubleTensor(2, 2) end)
         fails_with('sizes do not match: 2x3 torch.DoubleTensor times 2x3 torch.DoubleTensor',
            function() return torch.DoubleTensor(2, 3) * torch.DoubleTensor(2, 3) end)
      end)
   end)

   describe('/, % and ^', function()
      it('divide by a number, and elementwise', function()
         local a = torch.DoubleTensor(values)
         assert_near(map(values, function(x) return x / 4 end), (a / 4):totable())
         assert_near(map(values, function(x) return 4 / x end), (4 / a):totable())
         assert_near({ { 1, 1, 1 }, { 1, 1, 1 } }, (a / a):totable())
         assert.are.same({ { 0.6667, 0.6667 } }, map((torch.DoubleTensor(1, 2):fill(2) / 3):totable(),
            function(v) return math.floor(v * 10000 + 0.5) / 10000 end))
      end)

      it('% has the divisor sign, as Lua', function()
         local a = torch.DoubleTensor({ 5, -5, 7.5 })
         assert_near({ 5 % 3, -5 % 3, 7.5 % 3 }, (a % 3):totable())
         assert_near({ 5 % -3, -5 % -3, 7.5 % -3 }, (a % -3):totable())
         assert_near({ 10 % 5, 10 % -5, 10 % 7.5 }, (10 % a):totable())
      end)

      it('^ raises to powers', function()
         local a = torch.DoubleTensor({ 1, 2, 3 })
         assert_near({ 1, 4, 9 }, (a ^ 2):totable())
         assert_near({ 2, 4, 8 }, (2 ^ a):totable())
         assert_near({ 1, 4, 27 }, (a ^ a):totable())
      end)
   end)

   it('explain bad operands', function()
      local a = torch.DoubleTensor(2)
      fails_with("'+': a tensor or a number expected, got string", function() return a + 'x' end)
      fails_with("'-': a tensor or a number expected, got table", function() return {} - a end)
      fails_with('types differ', function() return a + torch.FloatTensor(2) end)
   end)
end)
