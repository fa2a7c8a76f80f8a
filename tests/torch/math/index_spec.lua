-- Masked and indexed reads and writes (lua/torch/math/index.lua, core/index.c): Torch7's
-- documented examples, a plain Lua reference on random shapes with contiguous, transposed and
-- narrowed operands, every type, and the errors.

require 'torch'

local THIS_FILE = 'index_spec.lua'

local function fails_with(text, fn)
   local ok, err = pcall(fn)
   assert.is_false(ok, 'expected an error containing: ' .. text)
   err = tostring(err)
   assert.is_truthy(err:find(text, 1, true), 'message "' .. err .. '" lacks "' .. text .. '"')
   assert.is_truthy(err:find(THIS_FILE, 1, true), 'message "' .. err .. '" does not name the caller')
end

local function shape_of(t)
   local s = {}
   for d = 1, t:dim() do
      s[d] = t:size(d)
   end
   return s
end

local function numel(shape)
   local n = 1
   for d = 1, #shape do
      n = n * shape[d]
   end
   return n
end

-- Element `idx` (a 1-based index table) of t, through its strides.
local function get(t, idx)
   local offset = 0
   for d = 1, #idx do
      offset = offset + (idx[d] - 1) * t:stride(d)
   end
   local v = tonumber(t:data()[offset])
   assert(t:dim() == #idx)    -- keeps t alive while its memory is read
   return v
end

local function set(t, idx, v)
   local offset = 0
   for d = 1, #idx do
      offset = offset + (idx[d] - 1) * t:stride(d)
   end
   t:data()[offset] = v
   assert(t:dim() == #idx)
end

-- Calls f(idx) for every index of shape in row-major order (idx is reused).
local function each(shape, f)
   local n = numel(shape)
   if n == 0 then
      return
   end
   local idx = {}
   for d = 1, #shape do
      idx[d] = 1
   end
   for _ = 1, n do
      f(idx)
      for d = #shape, 1, -1 do
         idx[d] = idx[d] + 1
         if idx[d] <= shape[d] then
            break
         end
         idx[d] = 1
      end
   end
end

local function values(t)
   local out = {}
   each(shape_of(t), function(idx) out[#out + 1] = get(t, idx) end)
   return out
end

-- A tensor of `kind` and `shape` with random small integers, laid out as `layout`:
-- 'contiguous', 'transposed' (a permutation of a contiguous tensor of reversed shape) or
-- 'narrowed' (a part of a larger tensor).
local function random_tensor(kind, shape, layout, low, high)
   low, high = low or -9, high or 9
   local t
   if layout == 'transposed' and #shape >= 2 then
      local reversed = {}
      for d = 1, #shape do
         reversed[d] = shape[#shape + 1 - d]
      end
      local base = torch[kind .. 'Tensor'](unpack(reversed))
      local order = {}
      for d = 1, #shape do
         order[d] = #shape + 1 - d
      end
      t = base:permute(unpack(order))
   elseif layout == 'narrowed' and #shape >= 1 then
      local bigger = {}
      for d = 1, #shape do
         bigger[d] = shape[d] + (d == #shape and 3 or 0)
      end
      t = torch[kind .. 'Tensor'](unpack(bigger)):narrow(#shape, 2, shape[#shape])
   else
      t = torch[kind .. 'Tensor'](unpack(shape))
   end
   each(shape, function(idx) set(t, idx, math.random(low, high)) end)
   return t
end

local function same_values(expected, t, where)
   local got = values(t)
   assert.are.equal(#expected, #got, (where or '') .. ': element count')
   for i = 1, #expected do
      if expected[i] ~= got[i] then
         assert.are.equal(expected[i], got[i], (where or '') .. ': element ' .. i)
      end
   end
end

local LAYOUTS = { 'contiguous', 'transposed', 'narrowed' }
local TYPES = { 'Byte', 'Char', 'Short', 'Int', 'Long', 'Float', 'Double' }

local function random_shape(ndim)
   local s = {}
   for d = 1, ndim do
      s[d] = math.random(1, 4)
   end
   return s
end

describe('masked operations', function()
   it('follow Torch7\'s examples', function()
      local x = torch.range(1, 4):double():resize(1, 4)
      x:maskedFill(torch.ByteTensor { { 0, 0 }, { 1, 1 } }, -1)
      assert.are.same({ { 1, 2, -1, -1 } }, x:totable())

      local y = torch.DoubleTensor(2, 4):fill(-1)
      y:maskedCopy(torch.ByteTensor { { 0, 0, 1, 1, 1, 0, 1, 0 } }, torch.range(1, 4):resize(2, 2))
      assert.are.same({ { -1, -1, 1, 2 }, { 3, -1, 4, -1 } }, y:totable())

      x = torch.range(1, 12):double():resize(3, 4)
      local mask = torch.ByteTensor { { 1, 0, 1, 0, 0, 0 }, { 1, 1, 0, 0, 0, 1 } }
      assert.are.same({ 1, 3, 7, 8, 12 }, x:maskedSelect(mask):totable())
      local z = torch.DoubleTensor()
      assert.are.equal(z, z:maskedSelect(x, mask))
      assert.are.same({ 1, 3, 7, 8, 12 }, z:totable())
      assert.are.same({ 1, 3, 7, 8, 12 }, torch.maskedSelect(x, mask):totable())
      assert.are.same({ 0, 10, 0, 20 },
         torch.Tensor { 0, 0, 0, 0 }:maskedCopy(torch.ByteTensor { 0, 1, 0, 1 }, torch.Tensor { 10, 20 }):totable())
   end)

   it('broadcast a mask over the tensor', function()
      local t = torch.FloatTensor { { 1, 2, 3 }, { 4, 5, 6 } }
      t:maskedFill(torch.ByteTensor { 1, 0, 1 }, 0)
      assert.are.same({ { 0, 2, 0 }, { 0, 5, 0 } }, t:totable())
      assert.are.same({ 2, 5 }, t:maskedSelect(torch.ByteTensor { 0, 1, 0 }):totable())
   end)

   it('match a plain Lua reference on random shapes, layouts and types', function()
      math.randomseed(11)
      for _, kind in ipairs(TYPES) do
         for _, layout in ipairs(LAYOUTS) do
            local shape = random_shape(math.random(1, 3))
            local t = random_tensor(kind, shape, layout)
            local mask = random_tensor('Byte', shape, layout == 'contiguous' and 'transposed' or 'contiguous', 0, 1)
            local tv, mv = values(t), values(mask)
            local expected_select, expected_fill = {}, {}
            for i = 1, #tv do
               expected_fill[i] = mv[i] == 1 and 7 or tv[i]
               if mv[i] == 1 then
                  expected_select[#expected_select + 1] = tv[i]
               end
            end
            same_values(expected_select, t:maskedSelect(mask), kind .. ' ' .. layout .. ' maskedSelect')
            local src = random_tensor(kind, { #tv }, 'contiguous')
            local sv = values(src)
            local expected_copy, k = {}, 0
            for i = 1, #tv do
               if mv[i] == 1 then
                  k = k + 1
                  expected_copy[i] = sv[k]
               else
                  expected_copy[i] = tv[i]
               end
            end
            local copy = t:clone()
            copy:maskedCopy(mask, src)
            same_values(expected_copy, copy, kind .. ' ' .. layout .. ' maskedCopy')
            t:maskedFill(mask, 7)
            same_values(expected_fill, t, kind .. ' ' .. layout .. ' maskedFill')
         end
      end
   end)

   it('explain a bad mask', function()
      local t = torch.Tensor(2, 3):zero()
      fails_with('ByteTensor', function() t:maskedFill(torch.IntTensor(2, 3):zero(), 1) end)
      fails_with('neither broadcasts', function() t:maskedFill(torch.ByteTensor(4):zero(), 1) end)
      fails_with('selects 6 elements', function() t:maskedCopy(torch.ByteTensor(6):fill(1), torch.Tensor(5)) end)
      fails_with("bad argument #3 to 'maskedFill'", function() t:maskedFill(torch.ByteTensor(6), 'x') end)
      fails_with("bad argument #2 to 'maskedSelect'", function() t:maskedSelect(3) end)
   end)
end)

describe('indexing along a dimension', function()
   it('follows Torch7\'s examples', function()
      local x = torch.Tensor { { 1, 2, 3, 4, 5 }, { 6, 7, 8, 9, 10 }, { 11, 12, 13, 14, 15 } }
      assert.are.same({ { 11, 12, 13, 14, 15 }, { 1, 2, 3, 4, 5 } }, x:index(1, torch.LongTensor { 3, 1 }):totable())
      local y = torch.Tensor()
      assert.are.equal(y, y:index(x, 2, torch.LongTensor { 5, 1 }))
      assert.are.same({ { 5, 1 }, { 10, 6 }, { 15, 11 } }, y:totable())
      assert.are.same({ { 5, 1 }, { 10, 6 }, { 15, 11 } }, torch.index(x, 2, { 5, 1 }):totable())

      local z = torch.Tensor(3, 2)
      z:select(2, 1):fill(-1)
      z:select(2, 2):fill(-2)
      x:indexCopy(2, torch.LongTensor { 5, 1 }, z)
      assert.are.same({ { -2, 2, 3, 4, -1 }, { -2, 7, 8, 9, -1 }, { -2, 12, 13, 14, -1 } }, x:totable())

      local a = torch.range(1, 5)
      a:indexAdd(1, torch.LongTensor { 1, 1, 3, 3 }, torch.range(1, 4))
      assert.are.same({ 4, 2, 10, 4, 5 }, a:totable())

      x:indexFill(2, torch.LongTensor { 4, 2 }, -10)
      assert.are.same({ { -2, -10, 3, -10, -1 }, { -2, -10, 8, -10, -1 }, { -2, -10, 13, -10, -1 } }, x:totable())
   end)

   it('matches a plain Lua reference on random shapes, layouts and types', function()
      math.randomseed(12)
      for _, kind in ipairs(TYPES) do
         for _, layout in ipairs(LAYOUTS) do
            local shape = random_shape(math.random(1, 3))
            local dim = math.random(1, #shape)
            local t = random_tensor(kind, shape, layout)
            local count = math.random(0, 5)
            local index = torch.LongTensor(count)
            for i = 1, count do
               index[i] = math.random(1, shape[dim])
            end
            -- index
            local out_shape = { unpack(shape) }
            out_shape[dim] = count
            local expected = {}
            each(out_shape, function(idx)
               local src = { unpack(idx) }
               src[dim] = index[idx[dim]]
               expected[#expected + 1] = get(t, src)
            end)
            local selected = t:index(dim, index)
            assert.are.same(out_shape, shape_of(selected))
            same_values(expected, selected, kind .. ' ' .. layout .. ' index')
            -- indexAdd / indexCopy / indexFill against the same walk
            local src = random_tensor(kind, out_shape, layout)
            local added, copied, filled = t:clone(), t:clone(), t:clone()
            local ref_add, ref_copy, ref_fill = {}, {}, {}
            each(shape, function(idx)
               local key = table.concat(idx, ',')
               ref_add[key], ref_copy[key], ref_fill[key] = get(t, idx), get(t, idx), get(t, idx)
            end)
            each(out_shape, function(idx)
               local target = { unpack(idx) }
               target[dim] = index[idx[dim]]
               local key = table.concat(target, ',')
               ref_add[key] = ref_add[key] + get(src, idx)
               ref_copy[key] = get(src, idx)
               ref_fill[key] = 3
            end)
            added:indexAdd(dim, index, src)
            copied:indexCopy(dim, index, src)
            filled:indexFill(dim, index, 3)
            each(shape, function(idx)
               local key = table.concat(idx, ',')
               local want_add = ref_add[key]
               if kind == 'Byte' then
                  want_add = want_add % 256
               elseif kind == 'Char' then
                  want_add = (want_add + 128) % 256 - 128
               end
               assert.are.equal(want_add, get(added, idx), kind .. ' indexAdd at ' .. key)
               assert.are.equal(ref_copy[key], get(copied, idx), kind .. ' indexCopy at ' .. key)
               assert.are.equal(ref_fill[key], get(filled, idx), kind .. ' indexFill at ' .. key)
            end)
         end
      end
   end)

   it('explains bad indexes, naming the index and the valid range', function()
      local x = torch.Tensor(3, 4):zero()
      fails_with('index: index 4 (element 2 of the index) out of range 1..3 for dimension 1',
         function() x:index(1, torch.LongTensor { 1, 4 }) end)
      fails_with('index 0 (element 1 of the index) out of range 1..4',
         function() x:indexFill(2, torch.LongTensor { 0 }, 1) end)
      fails_with('indexCopy: index 9', function() x:indexCopy(1, torch.LongTensor { 9 }, torch.Tensor(1, 4)) end)
      fails_with('indexAdd: the source', function() x:indexAdd(1, torch.LongTensor { 1 }, torch.Tensor(2, 4)) end)
      fails_with('LongTensor', function() x:index(1, torch.IntTensor { 1 }) end)
      fails_with('dimension 3 out of range', function() x:index(3, torch.LongTensor { 1 }) end)
      fails_with("bad argument #2 to 'index'", function() x:index('a', torch.LongTensor { 1 }) end)
      fails_with("bad argument #3 to 'index'", function() x:index(1, 'a') end)
      -- a failed write leaves the tensor as it was
      local before = x:clone()
      pcall(function() x:indexFill(1, torch.LongTensor { 1, 2, 7 }, 5) end)
      assert.are.same(before:totable(), x:totable())
   end)
end)

describe('gather and scatter', function()
   it('follow Torch7\'s examples', function()
      local x = torch.range(1, 25):resize(5, 5)
      local y = x:gather(1, torch.LongTensor { { 1, 2, 3, 4, 5 }, { 2, 3, 4, 5, 1 } })
      assert.are.same({ { 1, 7, 13, 19, 25 }, { 6, 12, 18, 24, 5 } }, y:totable())
      local z = x:gather(2, torch.LongTensor { { 1, 2 }, { 2, 3 }, { 3, 4 }, { 4, 5 }, { 5, 1 } })
      assert.are.same({ { 1, 2 }, { 7, 8 }, { 13, 14 }, { 19, 20 }, { 25, 21 } }, z:totable())
      local res = torch.Tensor()
      assert.are.equal(res, res:gather(x, 2, torch.LongTensor { { 5 }, { 4 }, { 3 }, { 2 }, { 1 } }))
      assert.are.same({ { 5 }, { 9 }, { 13 }, { 17 }, { 21 } }, res:totable())

      local src = torch.range(1, 10):resize(2, 5)
      local s = torch.zeros(3, 5):scatter(1, torch.LongTensor { { 1, 2, 3, 1, 1 }, { 3, 1, 1, 2, 3 } }, src)
      assert.are.same({ { 1, 7, 8, 4, 5 }, { 0, 2, 0, 9, 0 }, { 6, 0, 3, 0, 10 } }, s:totable())
      local f = torch.zeros(2, 4):scatter(2, torch.LongTensor { { 3 }, { 4 } }, 1.25)
      assert.are.same({ { 0, 0, 1.25, 0 }, { 0, 0, 0, 1.25 } }, f:totable())
      local a = torch.zeros(2, 2):scatterAdd(2, torch.LongTensor { { 1, 1 }, { 2, 2 } },
         torch.Tensor { { 1, 2 }, { 3, 4 } })
      assert.are.same({ { 3, 0 }, { 0, 7 } }, a:totable())
   end)

   it('match a plain Lua reference on random shapes, layouts and types', function()
      math.randomseed(13)
      for _, kind in ipairs(TYPES) do
         for _, layout in ipairs(LAYOUTS) do
            local shape = random_shape(math.random(1, 3))
            local dim = math.random(1, #shape)
            local t = random_tensor(kind, shape, layout)
            local index_shape = {}
            for d = 1, #shape do
               index_shape[d] = d == dim and math.random(1, 4) or math.random(1, shape[d])
            end
            local index = random_tensor('Long', index_shape, layout, 1, shape[dim])
            local expected = {}
            each(index_shape, function(idx)
               local src = { unpack(idx) }
               src[dim] = get(index, idx)
               expected[#expected + 1] = get(t, src)
            end)
            local g = t:gather(dim, index)
            assert.are.same(index_shape, shape_of(g))
            same_values(expected, g, kind .. ' ' .. layout .. ' gather')

            -- scatter and scatterAdd, in the index's row-major order (last write wins)
            local src = random_tensor(kind, index_shape, 'contiguous')
            local ref_set, ref_add = {}, {}
            each(shape, function(idx)
               local key = table.concat(idx, ',')
               ref_set[key], ref_add[key] = get(t, idx), get(t, idx)
            end)
            each(index_shape, function(idx)
               local target = { unpack(idx) }
               target[dim] = get(index, idx)
               local key = table.concat(target, ',')
               ref_set[key] = get(src, idx)
               ref_add[key] = ref_add[key] + get(src, idx)
            end)
            local scattered, added = t:clone(), t:clone()
            scattered:scatter(dim, index, src)
            added:scatterAdd(dim, index, src)
            each(shape, function(idx)
               local key = table.concat(idx, ',')
               local want_add = ref_add[key]
               if kind == 'Byte' then
                  want_add = want_add % 256
               elseif kind == 'Char' then
                  want_add = (want_add + 128) % 256 - 128
               end
               assert.are.equal(ref_set[key], get(scattered, idx), kind .. ' scatter at ' .. key)
               assert.are.equal(want_add, get(added, idx), kind .. ' scatterAdd at ' .. key)
            end)
         end
      end
   end)

   it('explain bad indexes and shapes', function()
      local x = torch.zeros(3, 4)
      fails_with('gather: index 5 (element 2 of the index) out of range 1..4',
         function() x:gather(2, torch.LongTensor { { 1, 5 } }) end)
      fails_with('scatter: index 0', function() x:scatter(1, torch.LongTensor { { 0 } }, 2) end)
      fails_with('scatterAdd: index -1', function() x:scatterAdd(1, torch.LongTensor { { -1 } }, torch.zeros(1, 1)) end)
      fails_with('number of dimensions', function() x:gather(1, torch.LongTensor { 1 }) end)
      fails_with('larger than the source',
         function() x:scatter(1, torch.LongTensor { { 1, 1 } }, torch.zeros(1, 1)) end)
      fails_with('differ in type', function() x:scatter(1, torch.LongTensor { { 1 } }, torch.FloatTensor(1, 1)) end)
      -- a scatter stops at the bad index, what came before it written (as Torch7)
      pcall(function() x:scatter(1, torch.LongTensor { { 1, 2 }, { 3, 9 } }, 5) end)
      assert.are.same({ { 5, 0, 0, 0 }, { 0, 5, 0, 0 }, { 5, 0, 0, 0 } }, x:totable())
   end)
end)

describe('nonzero', function()
   it('follows Torch7\'s example', function()
      local x = torch.IntTensor { { 2, 0, 2, 0 }, { 0, 0, 1, 2 }, { 0, 2, 2, 1 }, { 2, 1, 2, 2 } }
      local expected = { { 1, 1 }, { 1, 3 }, { 2, 3 }, { 2, 4 }, { 3, 2 }, { 3, 3 }, { 3, 4 }, { 4, 1 }, { 4, 2 },
         { 4, 3 }, { 4, 4 } }
      assert.are.same(expected, torch.nonzero(x):totable())
      assert.are.same(expected, x:nonzero():totable())
      assert.are.equal('torch.LongTensor', torch.typename(x:nonzero()))
      local indices = torch.LongTensor()
      assert.are.equal(indices, x.nonzero(indices, x))
      assert.are.same(expected, indices:totable())
   end)

   it('matches a plain Lua reference, and handles empty results', function()
      math.randomseed(14)
      for _, kind in ipairs(TYPES) do
         for _, layout in ipairs(LAYOUTS) do
            local shape = random_shape(math.random(1, 4))
            local t = random_tensor(kind, shape, layout, 0, 2)
            local expected = {}
            each(shape, function(idx)
               if get(t, idx) ~= 0 then
                  expected[#expected + 1] = { unpack(idx) }
               end
            end)
            local got = t:nonzero()
            assert.are.same({ #expected, #shape }, shape_of(got))
            if #expected > 0 then
               assert.are.same(expected, got:totable(), kind .. ' ' .. layout)
            end
         end
      end
      assert.are.same({ 0, 1 }, shape_of(torch.zeros(5):nonzero()))
   end)
end)

describe('empty tensors', function()
   it('go through every op and give empty results', function()
      local e = torch.Tensor()
      assert.are.equal(0, e:maskedSelect(torch.ByteTensor()):nElement())
      assert.are.equal(0, e:maskedFill(torch.ByteTensor(), 1):nElement())
      assert.are.equal(0, torch.nonzero(e):size(1))
      local m = torch.Tensor(0, 3)
      assert.are.same({ 0, 3 }, shape_of(m:index(2, torch.LongTensor { 3, 1, 2 })))
      assert.are.same({ 2, 0 }, shape_of(torch.ones(2, 3):index(2, torch.LongTensor())))
      assert.are.same({ 0, 3 }, shape_of(m:gather(1, torch.LongTensor(0, 3))))
      local t = torch.ones(2, 3)
      t:scatter(1, torch.LongTensor(0, 3), 5)
      t:indexFill(1, torch.LongTensor(), 5)
      assert.are.same({ { 1, 1, 1 }, { 1, 1, 1 } }, t:totable())
      assert.are.same({ 0, 2 }, shape_of(m:nonzero()))
      -- a 1-element tensor
      local one = torch.Tensor { 3 }
      assert.are.same({ 3 }, one:index(1, torch.LongTensor { 1 }):totable())
      assert.are.same({ { 1 } }, one:nonzero():totable())
      fails_with('out of range 1..1', function() one:index(1, torch.LongTensor { 2 }) end)
      fails_with('dimension 1 of 0x3 torch.DoubleTensor is empty', function() m:index(1, torch.LongTensor { 1 }) end)
   end)
end)

