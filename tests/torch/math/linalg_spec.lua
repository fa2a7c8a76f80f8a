-- Matrix products and linear algebra (lua/torch/math/linalg.lua, core/blas.c, core/lapack.c).

require 'torch'

local THIS_FILE = 'linalg_spec.lua'

-- Runs fn, which must fail; the message must contain `text` and point at this file.
local function fails_with(text, fn)
   local ok, err = pcall(fn)
   assert.is_false(ok, 'expected an error containing: ' .. text)
   err = tostring(err)
   assert.is_truthy(err:find(text, 1, true), 'message "' .. err .. '" lacks "' .. text .. '"')
   assert.is_truthy(err:find(THIS_FILE, 1, true), 'message "' .. err .. '" does not name the caller')
end

-- Plain Lua references on nested tables --------------------------------------------------------------

local function random_table(rows, cols, integer)
   local t = {}
   for i = 1, rows do
      t[i] = {}
      for j = 1, cols do
         t[i][j] = integer and math.random(-3, 3) or (math.random() - 0.5)
      end
   end
   return t
end

local function ref_mm(a, b, rows, inner, cols)
   local c = {}
   for i = 1, rows do
      c[i] = {}
      for j = 1, cols do
         local s = 0
         for l = 1, inner do
            s = s + a[i][l] * b[l][j]
         end
         c[i][j] = s
      end
   end
   return c
end

local function transpose_table(a, rows, cols)
   local t = {}
   for j = 1, cols do
      t[j] = {}
      for i = 1, rows do
         t[j][i] = a[i][j]
      end
   end
   return t
end

local function assert_near(expected, actual, tolerance, where)
   tolerance = tolerance or 1e-9
   if type(expected) == 'number' then
      assert.is_true(math.abs(expected - actual) <= tolerance * math.max(1, math.abs(expected)),
         (where or '') .. ': expected ' .. expected .. ', got ' .. tostring(actual))
      return
   end
   assert.are.equal(#expected, #actual, (where or '') .. ': sizes differ')
   for i = 1, #expected do
      assert_near(expected[i], actual[i], tolerance, where)
   end
end

-- A tensor of type `kind` holding the table's values, in one of several layouts.
local LAYOUTS = { 'contiguous', 'transposed', 'narrowed', 'strided' }
local function tensor_in_layout(values, rows, cols, kind, layout)
   local ctor = torch[kind .. 'Tensor']
   if layout == 'transposed' then
      return ctor(transpose_table(values, rows, cols)):t()
   elseif layout == 'narrowed' then
      local big = ctor(rows + 2, cols + 3):zero()
      local view = big:narrow(1, 2, rows):narrow(2, 3, cols)
      view:copy(ctor(values))
      return view
   elseif layout == 'strided' then   -- no dimension of unit stride
      local storage = ctor(rows * cols * 2 + 1):zero():storage()
      local view = ctor(storage, 2, torch.LongStorage({ rows, cols }), torch.LongStorage({ 2 * cols, 2 }))
      view:copy(ctor(values))
      return view
   end
   return ctor(values)
end

-- Products ---------------------------------------------------------------------------------------------

describe('matrix products', function()
   describe('mm', function()
      it('multiplies two matrices', function()
         local a = torch.DoubleTensor({ { 1, 2 }, { 3, 4 } })
         local b = torch.DoubleTensor({ { 5, 6 }, { 7, 8 } })
         assert.are.same({ { 19, 22 }, { 43, 50 } }, torch.mm(a, b):totable())
         assert.are.same({ { 26, 30 }, { 38, 44 } }, torch.mm(a:t(), b):totable())
         assert.are.same({ { 17, 23 }, { 39, 53 } }, torch.mm(a, b:t()):totable())
      end)

      it('matches a Lua reference for every layout and type', function()
         for _, kind in ipairs({ 'Float', 'Double', 'Int', 'Long', 'Short' }) do
            for _, la in ipairs(LAYOUTS) do
               for _, lb in ipairs(LAYOUTS) do
                  local n, k, p = math.random(1, 7), math.random(1, 7), math.random(1, 7)
                  local av, bv = random_table(n, k, true), random_table(k, p, true)
                  local a = tensor_in_layout(av, n, k, kind, la)
                  local b = tensor_in_layout(bv, k, p, kind, lb)
                  local c = torch.mm(a, b)
                  assert.are.equal('torch.' .. kind .. 'Tensor', c:type())
                  assert.are.same(ref_mm(av, bv, n, k, p), c:totable(), kind .. ' ' .. la .. ' ' .. lb)
               end
            end
         end
      end)

      it('writes into a given result of any layout, which it returns', function()
         for _, layout in ipairs(LAYOUTS) do
            local av, bv = random_table(3, 4), random_table(4, 5)
            local a, b = torch.DoubleTensor(av), torch.DoubleTensor(bv)
            local res = tensor_in_layout(random_table(3, 5), 3, 5, 'Double', layout)
            local stride = res:stride():totable()
            assert.are.equal(res, torch.mm(res, a, b))
            assert_near(ref_mm(av, bv, 3, 4, 5), res:totable(), 1e-12, layout)
            assert.are.same(stride, res:stride():totable())  -- written in place, not replaced
            local res2 = torch.DoubleTensor()
            assert.are.equal(res2, res2:mm(a, b))
            assert_near(ref_mm(av, bv, 3, 4, 5), res2:totable(), 1e-12)
         end
      end)

      it('reads its operands before writing when the result is one of them', function()
         local av, bv = random_table(3, 3, true), random_table(3, 3, true)
         local a, b = torch.DoubleTensor(av), torch.DoubleTensor(bv)
         a:mm(a, b)
         assert.are.same(ref_mm(av, bv, 3, 3, 3), a:totable())
      end)

      it('gives zeros for an empty inner dimension and keeps empty outer ones', function()
         local c = torch.mm(torch.FloatTensor(2, 0), torch.FloatTensor(0, 3))
         assert.are.same({ { 0, 0, 0 }, { 0, 0, 0 } }, c:totable())
         local d = torch.mm(torch.FloatTensor(0, 4), torch.FloatTensor(4, 2))
         assert.are.same({ 0, 2 }, d:size():totable())
      end)

      it('explains bad arguments', function()
         local a, b = torch.DoubleTensor(2, 3), torch.DoubleTensor(4, 2)
         fails_with('mm: sizes do not match: 2x3 torch.DoubleTensor times 4x2 torch.DoubleTensor (3 columns, 4 rows)',
            function() torch.mm(a, b) end)
         fails_with('mm: types differ: 2x3 torch.DoubleTensor and 3x2 torch.FloatTensor',
            function() torch.mm(a, torch.FloatTensor(3, 2)) end)
         fails_with('mm: mat2 must be 2-d, got 3 torch.DoubleTensor', function() a:mm(a, torch.DoubleTensor(3)) end)
         fails_with("bad argument #2 to 'mm' (tensor expected, got string)", function() torch.mm(a, 'x') end)
         fails_with('mm: not supported for 2x2 torch.HalfTensor',
            function() torch.mm(torch.HalfTensor(2, 2), torch.HalfTensor(2, 2)) end)
      end)
   end)

   describe('mv, ger, dot and bmm', function()
      it('compute the documented products', function()
         local m = torch.DoubleTensor({ { 1, 2 }, { 3, 4 }, { 5, 6 } })
         assert.are.same({ 5, 11, 17 }, torch.mv(m, torch.DoubleTensor({ 1, 2 })):totable())
         assert.are.same({ 22, 28 }, torch.mv(m:t(), torch.DoubleTensor({ 1, 2, 3 })):totable())
         local x, y = torch.range(1, 3), torch.range(1, 2)
         assert.are.same({ { 1, 2 }, { 2, 4 }, { 3, 6 } }, torch.ger(x, y):totable())
         local r = torch.DoubleTensor()
         assert.are.equal(r, r:ger(x, y))
         assert.are.same({ { 1, 2 }, { 2, 4 }, { 3, 6 } }, r:totable())
         -- dot: the element counts must match; the shapes need not (Torch7's example)
         assert.are.equal(24, torch.DoubleTensor(2, 2):fill(2):dot(torch.DoubleTensor(4):fill(3)))
         assert.are.equal(14, torch.dot(torch.IntTensor({ 1, 2, 3 }), torch.IntTensor({ 1, 2, 3 })))
         assert.are.equal(0, torch.dot(torch.FloatTensor(), torch.FloatTensor()))
      end)

      it('take strided vectors', function()
         local m = torch.DoubleTensor({ { 1, 2, 3 }, { 4, 5, 6 } })
         local col = m:select(2, 2)                           -- 2, 5 with stride 3
         assert.are.same({ 12, 26 }, torch.mv(torch.DoubleTensor({ { 1, 2 }, { 3, 4 } }), col):totable())
         assert.are.equal(29, torch.dot(col, col))
         local e = torch.DoubleTensor({ 7 }):expand(2)        -- stride 0
         assert.are.same({ 21, 21 }, torch.mv(torch.DoubleTensor({ { 1, 2 }, { 1, 2 } }), e):totable())
      end)

      it('bmm multiplies each pair of a batch', function()
         for _, kind in ipairs({ 'Float', 'Double', 'Int' }) do
            local count, n, k, p = 5, 3, 4, 2
            local a, b = torch[kind .. 'Tensor'](count, n, k), torch[kind .. 'Tensor'](count, k, p)
            local av, bv = {}, {}
            for i = 1, count do
               av[i], bv[i] = random_table(n, k, true), random_table(k, p, true)
               a:select(1, i):copy(torch[kind .. 'Tensor'](av[i]))
               b:select(1, i):copy(torch[kind .. 'Tensor'](bv[i]))
            end
            local c = torch.bmm(a, b)
            assert.are.same({ count, n, p }, c:size():totable())
            for i = 1, count do
               assert.are.same(ref_mm(av[i], bv[i], n, k, p), c:select(1, i):totable())
            end
            -- transposed batches read in place
            local at = a:transpose(2, 3):contiguous():transpose(2, 3)
            assert.are.same(c:totable(), torch.bmm(at, b):totable())
         end
      end)

      it('explain bad arguments', function()
         fails_with('mv: sizes do not match: 2x3 torch.DoubleTensor times 2 torch.DoubleTensor',
            function() torch.mv(torch.DoubleTensor(2, 3), torch.DoubleTensor(2)) end)
         fails_with('dot: sizes do not match: 3 torch.DoubleTensor and 2 torch.DoubleTensor',
            function() torch.dot(torch.DoubleTensor(3), torch.DoubleTensor(2)) end)
         fails_with('bmm: batch1 must be 3-d', function() torch.bmm(torch.DoubleTensor(2, 3), torch.DoubleTensor(3, 2)) end)
         fails_with('ger: vec1 must be 1-d', function() torch.ger(torch.DoubleTensor(2, 3), torch.DoubleTensor(3)) end)
      end)
   end)

   describe('addmm and its kin', function()
      local av, bv, mv = random_table(2, 3, true), random_table(3, 4, true), random_table(2, 4, true)
      local function expected(beta, alpha)
         local p = ref_mm(av, bv, 2, 3, 4)
         for i = 1, 2 do
            for j = 1, 4 do
               p[i][j] = beta * mv[i][j] + alpha * p[i][j]
            end
         end
         return p
      end
      local function fresh()
         return torch.DoubleTensor(mv), torch.DoubleTensor(av), torch.DoubleTensor(bv)
      end

      it('takes every documented argument form', function()
         local m, a, b = fresh()
         assert.are.same(expected(1, 1), torch.addmm(m, a, b):totable())
         assert.are.same(expected(2, 1), torch.addmm(2, m, a, b):totable())
         assert.are.same(expected(1, 3), torch.addmm(m, 3, a, b):totable())
         assert.are.same(expected(2, 3), torch.addmm(2, m, 3, a, b):totable())
         local r = torch.DoubleTensor()
         assert.are.equal(r, torch.addmm(r, m, a, b))
         assert.are.same(expected(1, 1), r:totable())
         assert.are.same(expected(2, 1), torch.addmm(r, 2, m, a, b):totable())
         assert.are.same(expected(1, 3), torch.addmm(r, m, 3, a, b):totable())
         assert.are.same(expected(2, 3), torch.addmm(r, 2, m, 3, a, b):totable())
         assert.are.same(mv, m:totable())                       -- M itself unchanged so far
         -- methods: the result is self; M defaults to self
         assert.are.same(expected(1, 3), r:addmm(m, 3, a, b):totable())
         assert.are.same(expected(2, 3), r:addmm(2, m, 3, a, b):totable())
         assert.are.same(expected(1, 1), r:addmm(m, a, b):totable())
         m:addmm(a, b)
         assert.are.same(expected(1, 1), m:totable())
         m = fresh()
         m:addmm(-1, a, b)
         assert.are.same(expected(1, -1), m:totable())
         m = fresh()
         m:addmm(0.5, 2, a, b)
         assert.are.same(expected(0.5, 2), m:totable())
      end)

      it('ignores NaN in M when beta is 0, as BLAS', function()
         local m, a, b = fresh()
         m:fill(0 / 0)
         assert.are.same(expected(0, 1), torch.addmm(0, m, 1, a, b):totable())
      end)

      it('broadcasts M', function()
         local row = torch.DoubleTensor({ 1, 2, 3, 4 })
         local r = torch.addmm(row, torch.DoubleTensor(av), torch.DoubleTensor(bv))
         local p = ref_mm(av, bv, 2, 3, 4)
         for i = 1, 2 do
            for j = 1, 4 do
               p[i][j] = p[i][j] + j
            end
         end
         assert.are.same(p, r:totable())
      end)

      it('addmv, addr, baddbmm, addbmm follow the same forms', function()
         -- Torch7's addr examples
         local x, y = torch.range(1, 3), torch.range(1, 2)
         local M = torch.DoubleTensor(3, 2):zero()
         M:addr(x, y)
         assert.are.same({ { 1, 2 }, { 2, 4 }, { 3, 6 } }, M:totable())
         M:addr(2, 1, x, y)
         assert.are.same({ { 3, 6 }, { 6, 12 }, { 9, 18 } }, M:totable())
         local A = torch.range(1, 6):resize(3, 2)
         M:addr(2, A, 1, x, y)
         assert.are.same({ { 3, 6 }, { 8, 12 }, { 13, 18 } }, M:totable())
         -- Torch7's addmv example
         local v = torch.DoubleTensor(3):fill(0)
         v:addmv(torch.DoubleTensor(3, 2):fill(3), torch.DoubleTensor(2):fill(2))
         assert.are.same({ 12, 12, 12 }, v:totable())
         assert.are.same({ 13, 13, 13 },
            torch.addmv(torch.DoubleTensor(3):fill(1), torch.DoubleTensor(3, 2):fill(3), torch.DoubleTensor(2):fill(2))
               :totable())
         -- batches
         local b1, b2 = torch.DoubleTensor(3, 2, 2):fill(1), torch.DoubleTensor(3, 2, 2):fill(2)
         local base = torch.DoubleTensor(2, 2):fill(1)
         assert.are.same({ { 13, 13 }, { 13, 13 } }, torch.addbmm(base, b1, b2):totable())   -- 1 + 3 batches of 4
         assert.are.same({ { 14, 14 }, { 14, 14 } }, torch.addbmm(2, base, 1, b1, b2):totable())
         local bb = torch.DoubleTensor(3, 2, 2):fill(1)
         bb:baddbmm(0.5, 2, b1, b2)
         assert.are.same({ 8.5, 8.5 }, bb[3][2]:totable())
         fails_with('addmm: expected arguments', function() torch.addmm(torch.DoubleTensor(2, 2)) end)
         fails_with("bad argument #2 to 'addmv' (tensor expected, got string)",
            function() torch.addmv(v, 'x', torch.DoubleTensor(2)) end)
      end)
   end)
end)

-- Linear algebra -------------------------------------------------------------------------------------

local gesv_a = torch.DoubleTensor({ { 6.80, -2.11, 5.66, 5.97, 8.23 },
   { -6.05, -3.30, 5.36, -4.44, 1.08 },
   { -0.45, 2.58, -2.70, 0.27, 9.04 },
   { 8.32, 2.71, 4.35, -7.17, 2.14 },
   { -9.67, -5.14, -7.26, 6.08, -6.87 } }):t()
local gesv_b = torch.DoubleTensor({ { 4.02, 6.19, -8.22, -7.57, -3.03 },
   { -1.56, 4.00, -8.67, 1.75, 2.86 },
   { 9.81, -4.09, -4.57, -8.61, 8.99 } }):t()
local spd = torch.DoubleTensor({ { 1.2705, 0.9971, 0.4948, 0.1389, 0.2381 },
   { 0.9971, 0.9966, 0.6752, 0.0686, 0.1196 },
   { 0.4948, 0.6752, 1.1434, 0.0314, 0.0582 },
   { 0.1389, 0.0686, 0.0314, 0.0270, 0.0526 },
   { 0.2381, 0.1196, 0.0582, 0.0526, 0.3957 } })
local sym = torch.DoubleTensor({ { 1.96, -6.49, -0.47, -7.20, -0.65 },
   { -6.49, 3.80, -6.39, 1.50, -6.34 },
   { -0.47, -6.39, 4.17, -1.51, 2.67 },
   { -7.20, 1.50, -1.51, 5.70, 1.80 },
   { -0.65, -6.34, 2.67, 1.80, -7.10 } })

local function max_abs_diff(a, b)
   local at, bt = a:totable(), b:totable()
   local worst = 0
   for i = 1, #at do
      if type(at[i]) == 'table' then
         for j = 1, #at[i] do
            worst = math.max(worst, math.abs(at[i][j] - bt[i][j]))
         end
      else
         worst = math.max(worst, math.abs(at[i] - bt[i]))
      end
   end
   return worst
end

local function is_column_major(t)
   return t:stride(1) == 1 and t:stride(2) == t:size(1)
end

describe('linear algebra', function()
   it('gesv solves A X = B (Torch7 example), with column-major results', function()
      for _, kind in ipairs({ 'double', 'float' }) do
         local a, b = gesv_a[kind](gesv_a), gesv_b[kind](gesv_b)
         local x, lu = torch.gesv(b, a)
         local want = torch.DoubleTensor({ { -0.8007, -0.3896, 0.9555 }, { -0.6952, -0.5544, 0.2207 },
            { 0.5939, 0.8422, 1.9006 }, { 1.3217, -0.1038, 5.3577 }, { 0.5658, 0.1057, 4.0406 } })
         assert.is_true(max_abs_diff(x:double(), want) < 1e-3)
         assert.is_true(max_abs_diff(torch.mm(a, x), b) < (kind == 'double' and 1e-12 or 1e-4))
         assert.is_true(is_column_major(x) and is_column_major(lu))
         -- as a method, and into given results
         local x2, lu2 = b:gesv(a)
         assert.are.equal(0, max_abs_diff(x2, x))
         local rx, rlu = torch[kind == 'double' and 'DoubleTensor' or 'FloatTensor'](), gesv_a[kind](gesv_a):clone()
         local x3, lu3 = torch.gesv(rx, rlu, b, a)
         assert.are.equal(rx, x3)
         assert.are.equal(rlu, lu3)
         assert.are.equal(0, max_abs_diff(rx, x))
      end
   end)

   it('inverse inverts, and names a singular matrix', function()
      local a = torch.DoubleTensor({ { 4, 7 }, { 2, 6 } })
      assert_near({ { 0.6, -0.7 }, { -0.2, 0.4 } }, torch.inverse(a):totable(), 1e-12)
      assert_near({ { 0.6, -0.7 }, { -0.2, 0.4 } }, a:inverse():totable(), 1e-12)
      local r = torch.DoubleTensor()
      torch.inverse(r, a)
      assert_near({ { 0.6, -0.7 }, { -0.2, 0.4 } }, r:totable(), 1e-12)
      local x = a:clone()
      torch.inverse(x, x)                                    -- in place keeps x's layout
      assert.are.same({ 2, 1 }, x:stride():totable())
      assert_near({ { 0.6, -0.7 }, { -0.2, 0.4 } }, x:totable(), 1e-12)
      fails_with('inverse: the 3x3 torch.DoubleTensor is singular (U(1,1) is zero)',
         function() torch.inverse(torch.DoubleTensor(3, 3):zero()) end)
      fails_with('inverse: the matrix must be square, got 2x3 torch.DoubleTensor',
         function() torch.inverse(torch.DoubleTensor(2, 3)) end)
      fails_with('inverse: needs a float or double tensor, got 2x2 torch.IntTensor',
         function() torch.inverse(torch.IntTensor(2, 2)) end)
   end)

   it('potrf, potrs and potri work from the Cholesky factor (Torch7 examples)', function()
      local chol = torch.potrf(spd)
      assert.is_true(math.abs(chol[1][1] - 1.1272) < 1e-4 and math.abs(chol[3][3] - 0.7525) < 1e-4)
      assert.are.equal(0, chol[2][1])
      assert.is_true(max_abs_diff(torch.mm(chol:t(), chol), spd) < 1e-12)
      local lower = torch.potrf(spd, 'L')
      assert.is_true(max_abs_diff(lower, chol:t()) < 1e-12)
      local res = torch.DoubleTensor()
      torch.potrf(res, spd, 'L')
      assert.are.equal(0, max_abs_diff(res, lower))
      local B = torch.DoubleTensor({ { 0.6219, 0.3439, 0.0431 }, { 0.5642, 0.1756, 0.0153 },
         { 0.2334, 0.8594, 0.4103 }, { 0.7556, 0.1966, 0.9637 }, { 0.1420, 0.7185, 0.7476 } })
      local solve = torch.potrs(B, chol)
      assert.is_true(max_abs_diff(torch.mm(spd, solve), B) < 1e-10)
      assert.is_true(max_abs_diff(torch.potrs(B, lower, 'L'), solve) < 1e-9)
      assert.is_true(max_abs_diff(B:potrs(chol:clone()), solve) < 1e-9)   -- a row-major factor
      local inv = torch.potri(chol)
      assert.is_true(max_abs_diff(inv, torch.inverse(spd)) < 1e-8)
      fails_with('potrf: the 2x2 torch.DoubleTensor is not positive definite',
         function() torch.potrf(torch.DoubleTensor({ { 1, 2 }, { 2, 1 } })) end)
      fails_with("bad argument #2 to 'potrf' ('U' or 'L' expected, got 'X')", function() torch.potrf(spd, 'X') end)
   end)

   it('gels solves least squares (Torch7 example)', function()
      local a = torch.DoubleTensor({ { 1.44, -9.96, -7.55, 8.34, 7.08, -5.45 },
         { -7.84, -0.28, 3.24, 8.09, 2.52, -5.70 },
         { -4.39, -3.24, 6.27, 5.28, 0.74, -1.19 },
         { 4.53, 3.83, -6.64, 2.06, -2.47, 4.70 } }):t()
      local b = torch.DoubleTensor({ { 8.58, 8.26, 8.48, -5.28, 5.72, 8.93 },
         { 9.35, -4.43, -0.70, -0.26, -7.36, -2.52 } }):t()
      local x = torch.gels(b, a)
      assert.are.same({ 6, 2 }, x:size():totable())
      assert_near({ -0.4506, 0.2497 }, x[1]:totable(), 1e-3)
      assert_near({ 0.1289, 0.1351 }, x[4]:totable(), 1e-3)
      local rest = x:narrow(1, 5, 2):totable()
      local sum = 0
      for i = 1, 2 do
         for j = 1, 2 do
            sum = sum + rest[i][j] ^ 2
         end
      end
      assert.is_true(math.abs(math.sqrt(sum) - 17.390200628863) < 1e-6)
   end)

   it('qr gives the reduced factorization (Torch7 example and other shapes)', function()
      local a = torch.DoubleTensor({ { 12, -51, 4 }, { 6, 167, -68 }, { -4, 24, -41 } })
      local q, r = torch.qr(a)
      assert_near({ -14, -21, 14 }, r[1]:totable(), 1e-10)
      assert_near({ 0, -175, 70 }, r[2]:totable(), 1e-10)
      assert.is_true(max_abs_diff(torch.mm(q, r), a) < 1e-10)
      for _, shape in ipairs({ { 5, 3 }, { 3, 5 } }) do
         local m, n = shape[1], shape[2]
         local x = torch.DoubleTensor(random_table(m, n))
         local q2, r2 = x:qr()
         local k = math.min(m, n)
         assert.are.same({ m, k }, q2:size():totable())
         assert.are.same({ k, n }, r2:size():totable())
         assert.is_true(max_abs_diff(torch.mm(q2, r2), x) < 1e-12)
         local qtq = torch.mm(q2:t(), q2):totable()
         for i = 1, k do
            for j = 1, k do
               assert.is_true(math.abs(qtq[i][j] - (i == j and 1 or 0)) < 1e-12)
            end
         end
      end
   end)

   it('svd gives A = U diag(S) V^T (Torch7 example), reduced or full', function()
      local a = torch.DoubleTensor({ { 8.79, 6.11, -9.15, 9.57, -3.49, 9.84 },
         { 9.93, 6.91, -7.93, 1.64, 4.02, 0.15 },
         { 9.83, 5.04, 4.86, 8.83, 9.80, -8.99 },
         { 5.45, -0.27, 4.85, 0.74, 10.00, -6.02 },
         { 3.16, 7.98, 3.01, 5.80, 4.27, -5.31 } }):t()
      local u, s, v = torch.svd(a)
      assert.are.same({ 6, 5 }, u:size():totable())
      assert_near({ 27.4687, 22.6432, 8.5584, 5.9857, 2.0149 }, s:totable(), 1e-4)
      assert.are.same({ 5, 5 }, v:size():totable())
      -- U diag(S) V^T, column by column
      local recon = torch.DoubleTensor(6, 5):zero()
      for j = 1, 5 do
         recon:addr(s[j], u:select(2, j), v:select(2, j))
      end
      assert.is_true(max_abs_diff(recon, a) < 1e-12)
      local uf, sf, vf = torch.svd(a, 'A')
      assert.are.same({ 6, 6 }, uf:size():totable())
      assert.are.same({ 5 }, sf:size():totable())
      assert.are.same({ 5, 5 }, vf:size():totable())
      fails_with("bad argument #2 to 'svd' ('S' or 'A' expected, got 'X')", function() torch.svd(a, 'X') end)
   end)

   it('symeig and eig find the eigenvalues (Torch7 examples)', function()
      local e = torch.symeig(sym)
      assert_near({ -11.0656, -6.2287, 0.8640, 8.8655, 16.0948 }, e:totable(), 1e-4)
      local e2, v = torch.symeig(sym, 'V')
      local recon = torch.DoubleTensor(5, 5):zero()
      for j = 1, 5 do
         recon:addr(e2[j], v:select(2, j), v:select(2, j))
      end
      assert.is_true(max_abs_diff(recon, sym) < 1e-12)
      local upper_only = torch.DoubleTensor(5, 5):copy(sym)
      for i = 2, 5 do
         for j = 1, i - 1 do
            upper_only[i][j] = 99
         end
      end
      assert_near(e:totable(), torch.symeig(upper_only):totable(), 1e-12)
      local ge, gv = torch.eig(sym, 'V')
      assert.are.same({ 5, 2 }, ge:size():totable())
      local values = {}
      for i = 1, 5 do
         values[i] = ge[i][1]
         assert.are.equal(0, ge[i][2])
      end
      table.sort(values)
      assert_near({ -11.0656, -6.2287, 0.8640, 8.8655, 16.0948 }, values, 1e-4)
      assert.are.same({ 5, 5 }, gv:size():totable())
      local rot = torch.eig(torch.DoubleTensor({ { 0, -1 }, { 1, 0 } }))
      assert_near({ { 0, 1 }, { 0, -1 } }, rot:totable(), 1e-12)
   end)

   it('det and logdet', function()
      local a = torch.DoubleTensor({ { 1, 2 }, { 3, 4 } })
      assert_near(-2, torch.det(a), 1e-12)
      assert.is_true(torch.logdet(a) ~= torch.logdet(a))     -- NaN: det < 0
      local b = torch.DoubleTensor({ { 2, 0 }, { 0, 3 } })
      assert_near(math.log(6), b:logdet(), 1e-12)
      assert.are.equal(0, torch.det(torch.DoubleTensor({ { 1, 2 }, { 2, 4 } })))
      assert.are.equal(-math.huge, torch.logdet(torch.FloatTensor(2, 2):zero()))
      fails_with('det: the matrix must be square', function() torch.det(torch.DoubleTensor(2, 3)) end)
   end)
end)
