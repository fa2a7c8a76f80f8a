-- Reductions and order statistics (lua/torch/math/reduce.lua, core/reduce.c, core/sort.c).

require 'torch'

local THIS_FILE = 'reduce_spec.lua'

-- Runs fn, which must fail; the message must contain `text` and point at this file.
local function fails_with(text, fn)
   local ok, err = pcall(fn)
   assert.is_false(ok, 'expected an error containing: ' .. text)
   err = tostring(err)
   assert.is_truthy(err:find(text, 1, true), 'message "' .. err .. '" lacks "' .. text .. '"')
   assert.is_truthy(err:find(THIS_FILE, 1, true), 'message "' .. err .. '" does not name the caller')
end

local function near(expected, actual, tolerance, where)
   tolerance = tolerance or 1e-12
   local ok
   if expected ~= expected then
      ok = actual ~= actual
   elseif expected == math.huge or expected == -math.huge then
      ok = actual == expected
   else
      ok = math.abs(expected - actual) <= tolerance * math.max(1, math.abs(expected))
   end
   assert.is_true(ok, (where or '') .. ': expected ' .. tostring(expected) .. ', got ' .. tostring(actual))
end

-- Shapes and elements in plain Lua ------------------------------------------------------------------

local function shape_of(t)
   local s = {}
   for d = 1, t:dim() do
      s[d] = t:size(d)
   end
   return s
end

-- Every index tuple of a shape, in row-major order.
local function indices_of(shape)
   local list, idx = {}, {}
   local function walk(d)
      if d > #shape then
         list[#list + 1] = { unpack(idx) }
         return
      end
      for i = 1, shape[d] do
         idx[d] = i
         walk(d + 1)
      end
   end
   walk(1)
   return list
end

local function get(t, idx)
   if #idx == 0 then
      return t:storage()[t:storageOffset()]
   end
   return t[idx]
end

-- The line of t along dim through the position idx (whose idx[dim] is ignored).
local function line_of(t, idx, dim)
   local line, j = {}, { unpack(idx) }
   for i = 1, t:size(dim) do
      j[dim] = i
      line[i] = get(t, j)
   end
   return line
end

local REFERENCE = {}
function REFERENCE.sum(x) local s = 0 for i = 1, #x do s = s + x[i] end return s end
function REFERENCE.prod(x) local s = 1 for i = 1, #x do s = s * x[i] end return s end
function REFERENCE.mean(x) return REFERENCE.sum(x) / #x end
function REFERENCE.max(x)
   local best, at = x[1], 1
   for i = 2, #x do if x[i] > best then best, at = x[i], i end end
   return best, at
end
function REFERENCE.min(x)
   local best, at = x[1], 1
   for i = 2, #x do if x[i] < best then best, at = x[i], i end end
   return best, at
end
function REFERENCE.var(x, biased)
   local m, s = REFERENCE.mean(x), 0
   for i = 1, #x do s = s + (x[i] - m) ^ 2 end
   return s / (biased and #x or #x - 1)
end
function REFERENCE.std(x, biased) return math.sqrt(REFERENCE.var(x, biased)) end
function REFERENCE.norm(x, p)
   local s = 0
   if p == 0 then
      for i = 1, #x do if x[i] ~= 0 then s = s + 1 end end
      return s
   elseif p == math.huge then
      for i = 1, #x do s = math.max(s, math.abs(x[i])) end
      return s
   end
   for i = 1, #x do s = s + math.abs(x[i]) ^ p end
   return s ^ (1 / p)
end
function REFERENCE.logsumexp(x)
   local m = REFERENCE.max(x)
   local s = 0
   for i = 1, #x do s = s + math.exp(x[i] - m) end
   return m + math.log(s)
end

-- v as an element of class: 8-bit integers wrap (sums of 300 of them do).
local function wrap_to(class, v)
   if class == torch.ByteTensor then
      return v % 256
   elseif class == torch.CharTensor then
      return (v + 128) % 256 - 128
   end
   return v
end

local function random_tensor(class, shape, integer)
   local t = class(unpack(shape))
   local idx = indices_of(shape)
   for _, i in ipairs(idx) do
      t[i] = integer and math.random(-3, 3) or (math.random() * 4 - 2)
   end
   return t
end

-- Layouts of the same values: contiguous, transposed (a copy laid out the other way), narrowed.
local function layouts(class, shape, integer)
   local list = {}
   local base = random_tensor(class, shape, integer)
   list[#list + 1] = { 'contiguous', base }
   if #shape >= 2 then
      local flipped = { unpack(shape) }
      flipped[1], flipped[#shape] = flipped[#shape], flipped[1]
      local t = random_tensor(class, flipped, integer):transpose(1, #shape)
      list[#list + 1] = { 'transposed', t }
   end
   local wider = { unpack(shape) }
   wider[#shape] = wider[#shape] + 3
   list[#list + 1] = { 'narrowed', random_tensor(class, wider, integer):narrow(#shape, 2, shape[#shape]) }
   return list
end

local FLOAT_CLASSES = { torch.FloatTensor, torch.DoubleTensor }
local ALL_CLASSES = { torch.ByteTensor, torch.CharTensor, torch.ShortTensor, torch.IntTensor, torch.LongTensor,
   torch.FloatTensor, torch.DoubleTensor }

math.randomseed(1234)

-- Whole-tensor reductions ----------------------------------------------------------------------------

describe('whole-tensor reductions', function()
   it('give numbers for every dtype', function()
      for _, class in ipairs(ALL_CLASSES) do
         local t = class({ { 3, 1, 4 }, { 1, 5, 9 } })
         assert.are.equal(23, t:sum())
         assert.are.equal(540, t:prod())
         near(23 / 6, t:mean())
         assert.are.equal(9, t:max())
         assert.are.equal(1, t:min())
         assert.are.equal(23, torch.sum(t))
         assert.are.equal(9, torch.max(t))
         assert.are.equal(8, t:trace())
         assert.is_true(t:all())
         assert.is_true(t:any())
      end
   end)

   it('compute the float-only statistics', function()
      for _, class in ipairs(FLOAT_CLASSES) do
         local t = class({ 3, -4, 0, 12 })
         near(13, t:norm())
         near(19, t:norm(1))
         near(3, t:norm(0))
         near(12, t:norm(math.huge))
         near((27 + 64 + 1728) ^ (1 / 3), t:norm(3))
         near(138.75 / 3, t:var())
         near(138.75 / 4, t:var(true))
         near(math.sqrt(138.75 / 3), t:std())
         near(math.sqrt(138.75 / 4), torch.std(t, true))
         near(math.log(math.exp(3) + math.exp(-4) + 1 + math.exp(12)), t:logsumexp())
         near(math.sqrt(1 + 4 + 0 + 4), t:dist(class({ 2, -2, 0, 14 })))
         near(5, torch.dist(t, class({ 2, -2, 0, 14 }), 1))
      end
      -- dist broadcasts (a row against a matrix), and pairs equal counts of other shapes in order
      local m = torch.DoubleTensor({ { 1, 2 }, { 3, 4 } })
      near(math.sqrt(14), m:dist(torch.DoubleTensor({ 1, 1 })))
      near(1, m:dist(torch.DoubleTensor({ 1, 2, 3, 5 })))
      fails_with('dist: sizes do not broadcast', function() m:dist(torch.DoubleTensor(3)) end)
   end)

   it('are stable and handle NaN, inf and empty tensors', function()
      near(1000 + math.log(2), torch.DoubleTensor({ 1000, 1000 }):logsumexp())
      assert.are.equal(-math.huge, torch.DoubleTensor({ -math.huge, -math.huge }):logsumexp())
      local nan = torch.FloatTensor({ 1, 0 / 0, 3 })
      assert.is_true(nan:max() ~= nan:max())
      assert.is_true(nan:min() ~= nan:min())
      assert.is_true(nan:sum() ~= nan:sum())
      local empty = torch.FloatTensor()
      assert.are.equal(0, empty:sum())
      assert.are.equal(1, empty:prod())
      assert.is_true(empty:all())
      assert.is_false(empty:any())
      fails_with('max: empty torch.FloatTensor has no element', function() empty:max() end)
      assert.is_false(torch.ByteTensor({ 1, 0, 1 }):all())
      assert.is_false(torch.ByteTensor({ 0, 0 }):any())
   end)

   it('sum floats accurately and the same on any thread count', function()
      local n = 1000003
      local t = torch.FloatTensor(n)
      local exact = 0
      for i = 1, n do
         t[i] = math.random() * 2 - 0.5
         exact = exact + t[i]
      end
      local threads = torch.getnumthreads()
      local results = {}
      for k = 1, 3 do
         torch.setnumthreads(k)
         results[k] = t:sum()
      end
      torch.setnumthreads(threads)
      near(exact, results[1], 1e-9)
      assert.are.equal(results[1], results[2])
      assert.are.equal(results[1], results[3])
   end)
end)

-- Along a dimension ---------------------------------------------------------------------------------

describe('reductions along a dimension', function()
   local SHAPES = { { 5 }, { 3, 4 }, { 2, 3, 4 }, { 4, 1, 40 } }

   -- Checks res (shape of t with dim of size 1) against fn applied to each line.
   local function check_lines(t, dim, res, fn, tolerance, where, index)
      local shape = shape_of(t)
      local out_shape = { unpack(shape) }
      out_shape[dim] = 1
      assert.are.same(out_shape, shape_of(res), where)
      for _, idx in ipairs(indices_of(out_shape)) do
         local want, want_index = fn(line_of(t, idx, dim))
         near(want, get(res, idx), tolerance, where)
         if index then
            assert.are.equal(want_index, get(index, idx), where)
         end
      end
   end

   it('match a Lua reference on every layout and dtype', function()
      for _, class in ipairs(ALL_CLASSES) do
         local integer = class ~= torch.FloatTensor and class ~= torch.DoubleTensor
         local tolerance = class == torch.FloatTensor and 1e-5 or 1e-12
         for _, shape in ipairs(SHAPES) do
            for _, layout in ipairs(layouts(class, shape, integer)) do
               local name, t = layout[1], layout[2]
               for dim = 1, #shape do
                  local where = string.format('%s %s dim %d', torch.typename(t), name, dim)
                  check_lines(t, dim, t:sum(dim), function(x) return wrap_to(class, REFERENCE.sum(x)) end,
                     tolerance, where .. ' sum')
                  if not integer then
                     check_lines(t, dim, t:mean(dim), REFERENCE.mean, tolerance, where .. ' mean')
                  end
                  local values, index = t:max(dim)
                  check_lines(t, dim, values, REFERENCE.max, 0, where .. ' max', index)
                  values, index = torch.min(t, dim)
                  check_lines(t, dim, values, REFERENCE.min, 0, where .. ' min', index)
                  if not integer then
                     if shape[dim] > 1 then
                        check_lines(t, dim, t:var(dim), REFERENCE.var, tolerance, where .. ' var')
                        check_lines(t, dim, t:std(dim, true), function(x) return REFERENCE.std(x, true) end,
                           tolerance, where .. ' std')
                     end
                     for _, p in ipairs({ 0, 1, 2, 3, math.huge }) do
                        check_lines(t, dim, t:norm(p, dim), function(x) return REFERENCE.norm(x, p) end,
                           tolerance, where .. ' norm ' .. p)
                     end
                     check_lines(t, dim, t:logsumexp(dim), REFERENCE.logsumexp, tolerance, where .. ' logsumexp')
                  end
                  if shape[dim] <= 5 then
                     check_lines(t, dim, t:prod(dim), function(x) return wrap_to(class, REFERENCE.prod(x)) end,
                        tolerance, where .. ' prod')
                  end
               end
            end
         end
      end
   end)

   it('take the result tensors Torch7 forms take, and reuse them', function()
      local t = torch.DoubleTensor({ { 1, 2, 3 }, { 4, 5, 6 } })
      local res = torch.DoubleTensor()
      assert.are.equal(res, torch.sum(res, t, 2))
      assert.are.same({ { 6 }, { 15 } }, res:totable())
      local data = torch.data(res)
      torch.sum(res, t, 2)
      assert.are.equal(data, torch.data(res))        -- same shape: no new storage
      assert.are.equal(res, res:mean(t, 1))
      assert.are.same({ { 2.5, 3.5, 4.5 } }, res:totable())
      local values, index = torch.DoubleTensor(), torch.LongTensor()
      local v, i = torch.max(values, index, t, 2)
      assert.are.equal(values, v)
      assert.are.equal(index, i)
      assert.are.same({ { 3 }, { 6 } }, values:totable())
      assert.are.same({ { 3 }, { 3 } }, index:totable())
      values:min(index, t, 1)
      assert.are.same({ { 1, 1, 1 } }, index:totable())
      torch.std(res, t, 2, true)
      near(math.sqrt(2 / 3), res[1][1])
      torch.norm(res, t, 1, 2)
      assert.are.same({ { 6 }, { 15 } }, res:totable())
      near(math.sqrt(14), t:norm(2, 2)[1][1])
      assert.are.same({ { 1, 0, 1 } }, torch.ByteTensor({ { 1, 0, 1 }, { 1, 1, 1 } }):all(1):totable())
      assert.are.same({ { 0 }, { 1 } }, torch.ByteTensor({ { 0, 0, 0 }, { 0, 1, 0 } }):any(2):totable())
   end)

   it('break ties with the first index and report the first NaN', function()
      local v, i = torch.IntTensor({ 2, 7, 7, 1, 7 }):max(1)
      assert.are.equal(7, v[1])
      assert.are.equal(2, i[1])
      v, i = torch.FloatTensor({ 1, 0 / 0, 5, 0 / 0 }):max(1)
      assert.is_true(v[1] ~= v[1])
      assert.are.equal(2, i[1])
   end)

   it('handle 0-d, empty and in-place cases', function()
      local empty_rows = torch.FloatTensor(0, 3)
      assert.are.same({ 1, 3 }, shape_of(empty_rows:sum(1)))
      assert.are.same({ { 0, 0, 0 } }, empty_rows:sum(1):totable())
      assert.are.same({ { 1, 1, 1 } }, empty_rows:prod(1):totable())
      fails_with('max: dimension 1 of 0x3 torch.FloatTensor has no element', function() empty_rows:max(1) end)
      local t = torch.DoubleTensor({ { 1, 2 }, { 3, 4 } })
      t:sum(t, 2)                                     -- the result is the input
      assert.are.same({ { 3 }, { 7 } }, t:totable())
   end)
end)

-- Scans, renorm, histc --------------------------------------------------------------------------------

describe('cumulative sums and products', function()
   it('run along dim 1 by default, as Torch7', function()
      local a = torch.LongTensor({ { 1, 4, 7 }, { 2, 5, 8 }, { 3, 6, 9 } })
      assert.are.same({ { 1, 4, 7 }, { 2, 20, 56 }, { 6, 120, 504 } }, torch.cumprod(a):totable())
      assert.are.same({ { 1, 4, 28 }, { 2, 10, 80 }, { 3, 18, 162 } }, torch.cumprod(a, 2):totable())
      assert.are.same({ { 1, 5, 12 }, { 2, 7, 15 }, { 3, 9, 18 } }, a:cumsum(2):totable())
      local res = torch.LongTensor()
      assert.are.equal(res, res:cumsum(a))
      assert.are.same({ { 1, 4, 7 }, { 3, 9, 15 }, { 6, 15, 24 } }, res:totable())
   end)

   it('match a Lua reference on transposed and narrowed floats', function()
      for _, layout in ipairs(layouts(torch.DoubleTensor, { 4, 5 }, false)) do
         local t = layout[2]
         for dim = 1, 2 do
            local r = t:cumsum(dim)
            for _, idx in ipairs(indices_of({ 4, 5 })) do
               local s = 0
               local j = { idx[1], idx[2] }
               for k = 1, idx[dim] do
                  j[dim] = k
                  s = s + t[j]
               end
               near(s, r[idx], 1e-12, layout[1])
            end
         end
      end
   end)
end)

describe('renorm, dist and histc', function()
   it('renorm sub-tensors above maxnorm, as Torch7', function()
      local m = torch.FloatTensor({ { 3, 4 }, { 1, 1 } })
      local r = torch.renorm(m, 2, 1, 2)
      near(3 * 2 / (5 + 1e-7), r[1][1], 1e-6)
      near(4 * 2 / (5 + 1e-7), r[1][2], 1e-6)
      assert.are.same({ 1, 1 }, r[2]:totable())
      assert.are.same({ { 3, 4 }, { 1, 1 } }, m:totable())   -- torch.renorm leaves m alone
      m:renorm(1, 2, 3)                                      -- columns, in place
      near(3 * 3 / 4, m[1][1], 1e-6)
      near(1 * 3 / 5, m[2][2], 1e-6)
      fails_with("bad argument #4 to 'renorm' (number expected, got nil)", function() m:renorm(2, 1) end)
   end)

   it('histc counts, with the data range when min = max = 0', function()
      local h = torch.DoubleTensor({ 1, 2, 1, 4, 9, 2.5 })
      assert.are.same({ 0, 2, 2, 1 }, torch.histc(h, 4, 0, 4):totable())
      assert.are.same({ 2, 2, 0, 1, 0, 0, 0, 1 }, h:histc(8):totable())
      assert.are.equal(100, h:histc():size(1))
      local res = torch.DoubleTensor()
      assert.are.equal(res, res:histc(h, 2, 0, 10))
      assert.are.same({ 5, 1 }, res:totable())
   end)
end)

-- Order statistics ------------------------------------------------------------------------------------

describe('order statistics', function()
   it('sort along the last dim by default, stably, NaN last', function()
      local x = torch.DoubleTensor({ { -1.2470, -0.4288, -0.5337 }, { 0.8836, -0.1622, 0.9604 },
         { 0.6297, 0.2397, 0.0746 } })
      local y, i = torch.sort(x)
      assert.are.same({ { 1, 3, 2 }, { 2, 1, 3 }, { 3, 2, 1 } }, i:totable())   -- Torch7's documented example
      assert.are.same({ -1.2470, -0.5337, -0.4288 }, y[1]:totable())
      y, i = x:sort(1, true)
      assert.are.same({ { 2, 3, 2 }, { 3, 2, 3 }, { 1, 1, 1 } }, i:totable())
      assert.are.same({ 0.8836, 0.2397, 0.9604 }, y[1]:totable())
      local nan = 0 / 0
      y, i = torch.FloatTensor({ 3, nan, -1, 3, 0, nan }):sort()
      assert.are.same({ 3, 5, 1, 4, 2, 6 }, i:totable())
      assert.are.equal(-1, y[1])
      assert.is_true(y[6] ~= y[6])
      y, i = torch.FloatTensor({ 3, nan, -1, 3, 0, nan }):sort(true)
      assert.are.same({ 2, 6, 1, 4, 5, 3 }, i:totable())
      assert.is_true(y[1] ~= y[1])
      assert.are.equal(-1, y[6])
      local values, index = torch.FloatTensor(), torch.LongTensor()
      local v = torch.sort(values, index, torch.FloatTensor({ 2, 1 }))
      assert.are.equal(values, v)
      assert.are.same({ 2, 1 }, index:totable())
   end)

   it('sort every dtype on every layout like a Lua reference', function()
      for _, class in ipairs(ALL_CLASSES) do
         local integer = class ~= torch.FloatTensor and class ~= torch.DoubleTensor
         for _, layout in ipairs(layouts(class, { 3, 40 }, integer)) do
            local t = layout[2]
            for dim = 1, 2 do
               for _, descending in ipairs({ false, true }) do
                  local y, i = t:sort(dim, descending)
                  for _, idx in ipairs(indices_of({ dim == 1 and 1 or 3, dim == 1 and 40 or 1 })) do
                     local line = line_of(t, idx, dim)
                     local order = {}
                     for k = 1, #line do order[k] = k end
                     table.sort(order, function(a, b)
                        if line[a] ~= line[b] then
                           return (line[a] < line[b]) ~= descending
                        end
                        return a < b
                     end)
                     local j = { idx[1], idx[2] }
                     for k = 1, #line do
                        j[dim] = k
                        assert.are.equal(order[k], i[j])
                        assert.are.equal(line[order[k]], y[j])
                     end
                  end
               end
            end
         end
      end
   end)

   it('sort long lines (the radix path) stably', function()
      local n = 3000
      local t = torch.DoubleTensor(n)
      local line = {}
      for k = 1, n do
         line[k] = math.random(1, 200) / 8 - 12
         t[k] = line[k]
      end
      for _, descending in ipairs({ false, true }) do
         local y, i = t:sort(1, descending)
         local order = {}
         for k = 1, n do order[k] = k end
         table.sort(order, function(a, b)
            if line[a] ~= line[b] then
               return (line[a] < line[b]) ~= descending
            end
            return a < b
         end)
         for k = 1, n do
            assert.are.equal(order[k], i[k])
            assert.are.equal(line[order[k]], y[k])
         end
      end
   end)

   it('topk takes the smallest by default, the largest with dir = true', function()
      local x = torch.DoubleTensor({ 5, 1, 4, 2, 3 })
      local y, i = x:topk(2)
      assert.are.same({ 1, 2 }, y:totable())
      assert.are.same({ 2, 4 }, i:totable())
      y, i = torch.topk(x, 3, 1, true, true)
      assert.are.same({ 5, 4, 3 }, y:totable())
      assert.are.same({ 1, 3, 5 }, i:totable())
      y = x:topk(2, true)                                      -- dir without dim
      assert.are.same({ 5, 4 }, y:totable())
      local m = torch.IntTensor({ { 1, 9, 3 }, { 8, 2, 7 } })
      y, i = m:topk(1, 1, true)
      assert.are.same({ { 8, 9, 7 } }, y:totable())
      assert.are.same({ { 2, 1, 2 } }, i:totable())
      fails_with('topk: k = 4 is out of range for dimension 1 of 3 torch.FloatTensor',
         function() torch.FloatTensor(3):topk(4) end)
   end)

   it('kthvalue, median (the lower one) and mode', function()
      local x = torch.DoubleTensor({ { 0.7860, 0.7687, -0.9362 }, { 0.0411, 0.5407, -0.3616 },
         { -0.0129, -0.2499, -0.5786 } })
      local y, i = torch.median(x)                          -- Torch7's documented example
      assert.are.same({ { 0.7687 }, { 0.0411 }, { -0.2499 } }, y:totable())
      assert.are.same({ { 2 }, { 1 }, { 2 } }, i:totable())
      y, i = x:median(1)
      assert.are.same({ { 0.0411, 0.5407, -0.5786 } }, y:totable())
      assert.are.same({ { 2, 2, 3 } }, i:totable())
      y = torch.FloatTensor({ 4, 1, 3, 2 }):median()
      assert.are.equal(2, y[1])                             -- lower median of an even count
      y, i = torch.DoubleTensor({ 3, 1, 2 }):kthvalue(3)
      assert.are.equal(3, y[1])
      assert.are.equal(1, i[1])
      y, i = torch.LongTensor({ { 1, 5, 2 }, { 4, 5, 4 } }):kthvalue(1, 1)
      assert.are.same({ { 1, 5, 2 } }, y:totable())
      assert.are.same({ { 1, 1, 1 } }, i:totable())
      y, i = torch.IntTensor({ 2, 5, 2, 5, 1 }):mode()
      assert.are.equal(2, y[1])                             -- the smaller of two equally frequent
      assert.are.equal(3, i[1])                             -- its last occurrence
      local values, index = torch.IntTensor(), torch.LongTensor()
      torch.mode(values, index, torch.IntTensor({ { 1, 1 }, { 2, 3 } }), 2)
      assert.are.same({ { 1 }, { 2 } }, values:totable())
      fails_with('kthvalue: k = 4 is out of range', function() torch.DoubleTensor(3):kthvalue(4) end)
      fails_with('median: dimension 2 of 2x0 torch.DoubleTensor has no element',
         function() torch.DoubleTensor(2, 0):median() end)
   end)
end)

-- Errors ----------------------------------------------------------------------------------------------

describe('bad arguments', function()
   local t = torch.FloatTensor({ { 1, 2, 3 }, { 4, 5, 6 } })
   it('name the operation, the shape and the type', function()
      fails_with('sum: dimension 3 out of range for 2x3 torch.FloatTensor', function() t:sum(3) end)
      fails_with('sort: dimension 0 out of range for 2x3 torch.FloatTensor', function() t:sort(0) end)
      fails_with("bad argument #2 to 'sum' (dimension (an integer) expected, got string)", function() t:sum('x') end)
      fails_with("bad argument #2 to 'max' (dimension (an integer) expected, got 1.5)", function() t:max(1.5) end)
      fails_with("bad argument #1 to 'sum' (tensor expected, got nil)", function() torch.sum(nil) end)
      fails_with('norm: needs a float or double tensor, got 2 torch.IntTensor',
         function() torch.IntTensor({ 1, 2 }):norm() end)
      fails_with("sum: the result 2 torch.DoubleTensor is not of the input's type (2x3 torch.FloatTensor)",
         function() torch.DoubleTensor(2):sum(t, 1) end)
      fails_with("max: the indices must be a torch.LongTensor, got 1 torch.IntTensor",
         function() torch.max(torch.FloatTensor(), torch.IntTensor(1), t, 1) end)
      fails_with('trace: a matrix expected, got 3 torch.FloatTensor', function() torch.FloatTensor(3):trace() end)
      fails_with('sum: not implemented for 2 torch.HalfTensor', function() torch.HalfTensor(2):sum() end)
   end)
end)
