-- Building and rearranging (lua/torch/math/build.lua, core/shape.c): Torch7's documented
-- examples, a plain Lua reference on random shapes with contiguous, transposed and narrowed
-- inputs, the result-first forms, and the errors.

require 'torch'

local THIS_FILE = 'build_spec.lua'

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

local function get(t, idx)
   local offset = 0
   for d = 1, #idx do
      offset = offset + (idx[d] - 1) * t:stride(d)
   end
   local v = tonumber(t:data()[offset])
   assert(t:dim() == #idx)
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

local function each(shape, f)
   local n = 1
   for d = 1, #shape do
      n = n * shape[d]
   end
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

local function random_tensor(kind, shape, layout)
   local t
   if layout == 'transposed' and #shape >= 2 then
      local reversed, order = {}, {}
      for d = 1, #shape do
         reversed[d] = shape[#shape + 1 - d]
         order[d] = #shape + 1 - d
      end
      t = torch[kind .. 'Tensor'](unpack(reversed)):permute(unpack(order))
   elseif layout == 'narrowed' then
      local bigger = { unpack(shape) }
      bigger[#shape] = shape[#shape] + 2
      t = torch[kind .. 'Tensor'](unpack(bigger)):narrow(#shape, 3, shape[#shape])
   else
      t = torch[kind .. 'Tensor'](unpack(shape))
   end
   each(shape, function(idx) set(t, idx, math.random(-50, 50)) end)
   return t
end

-- expected: a function of the result's index giving the value.
local function check_against(t, shape, expected, where)
   assert.are.same(shape, shape_of(t), where)
   each(shape, function(idx)
      local want, got = expected(idx), get(t, idx)
      if want ~= got then
         assert.are.equal(want, got, where .. ' at ' .. table.concat(idx, ','))
      end
   end)
end

local LAYOUTS = { 'contiguous', 'transposed', 'narrowed' }

describe('cat', function()
   it('follows Torch7\'s examples', function()
      assert.are.same({ 1, 1, 1, 0, 0 }, torch.cat(torch.ones(3), torch.zeros(2)):totable())
      assert.are.same({ { 1, 1 }, { 1, 1 }, { 1, 1 }, { 0, 0 }, { 0, 0 } },
         torch.cat(torch.ones(3, 2), torch.zeros(2, 2), 1):totable())
      assert.are.same({ { 1, 1, 0, 0 }, { 1, 1, 0, 0 } }, torch.cat(torch.ones(2, 2), torch.zeros(2, 2), 2):totable())
      assert.are.same({ { 1, 1, 0, 0 }, { 1, 1, 0, 0 } }, torch.cat(torch.ones(2, 2), torch.zeros(2, 2)):totable())
      local r = torch.rand(3, 2)
      local c = torch.cat({ torch.ones(2, 2), torch.zeros(2, 2), r }, 1)
      assert.are.same({ 7, 2 }, shape_of(c))
      assert.are.equal(r[3][2], c[7][2])
   end)

   it('concatenates many tensors on every dimension, against a Lua reference', function()
      math.randomseed(21)
      for _, kind in ipairs({ 'Double', 'Float', 'Int', 'Byte', 'Long' }) do
         for ndim = 1, 3 do
            for dim = 1, ndim do
               local base = {}
               for d = 1, ndim do
                  base[d] = math.random(1, 3)
               end
               local inputs, offsets, total = {}, {}, 0
               for i = 1, math.random(2, 5) do
                  local shape = { unpack(base) }
                  shape[dim] = math.random(1, 3)
                  inputs[i] = random_tensor(kind, shape, LAYOUTS[(i % 3) + 1])
                  offsets[i] = total
                  total = total + shape[dim]
               end
               local out_shape = { unpack(base) }
               out_shape[dim] = total
               local result = torch.cat(inputs, dim)
               check_against(result, out_shape, function(idx)
                  for i = #inputs, 1, -1 do
                     if idx[dim] > offsets[i] then
                        local src = { unpack(idx) }
                        src[dim] = idx[dim] - offsets[i]
                        return get(inputs[i], src)
                     end
                  end
               end, kind .. ' cat dim ' .. dim .. ' of ' .. ndim)
            end
         end
      end
   end)

   it('skips empty tensors, stacks past the last dimension, and fills a result', function()
      local a, b = torch.Tensor { { 1, 2 } }, torch.Tensor { { 3, 4 } }
      assert.are.same({ { 1, 2 }, { 3, 4 } }, torch.cat({ torch.Tensor(), a, torch.Tensor(), b }, 1):totable())
      assert.are.same({ { 1, 2 }, { 3, 4 } }, torch.cat(a, torch.Tensor(0, 2), 1):cat(b, 1):totable())
      assert.are.same({ { { 1, 3 }, { 2, 4 } } }, torch.cat(a, b, 3):totable())
      assert.are.same({ { 1, 3 }, { 2, 4 } }, torch.cat(torch.Tensor { 1, 2 }, torch.Tensor { 3, 4 }, 2):totable())
      local res = torch.Tensor()
      assert.are.equal(res, torch.cat(res, a, b, 1))
      assert.are.same({ { 1, 2 }, { 3, 4 } }, res:totable())
      assert.are.equal(res, res:cat({ b, a }, 2))
      assert.are.same({ { 3, 4, 1, 2 } }, res:totable())
      assert.are.same({ 1, 2, 3, 4 }, torch.Tensor { 1, 2 }:cat(torch.Tensor { 3, 4 }):totable())
      -- into one of its own inputs
      assert.are.same({ { 1, 2, 1, 2 } }, torch.cat(a, a, a, 2):totable())
      assert.are.equal(0, torch.cat({ torch.Tensor(), torch.Tensor() }):nElement())
   end)

   it('explains what does not fit', function()
      fails_with('does not match', function() torch.cat(torch.ones(2, 2), torch.ones(3, 3), 1) end)
      fails_with('differ in type', function() torch.cat(torch.ones(2), torch.FloatTensor(2):fill(1)) end)
      fails_with('dimension 4 out of range', function() torch.cat(torch.ones(2, 2), torch.ones(2, 2), 4) end)
      fails_with('input 2 is a string', function() torch.cat({ torch.ones(2), 'x' }) end)
      fails_with('no tensors', function() torch.cat({}) end)
   end)
end)

describe('split, chunk and repeatTensor', function()
   it('split into views of the given size', function()
      local x = torch.randn(3, 4, 5)
      local parts = x:split(2, 1)
      assert.are.equal(2, #parts)
      assert.are.same({ 2, 4, 5 }, shape_of(parts[1]))
      assert.are.same({ 1, 4, 5 }, shape_of(parts[2]))
      parts[2]:fill(7)
      assert.are.equal(7, x[3][4][5])                 -- views, not copies
      local sizes = {}
      for i, p in ipairs(torch.split(x, 2, 3)) do
         sizes[i] = p:size(3)
      end
      assert.are.same({ 2, 2, 1 }, sizes)
      local reused = { 'old', 'old', 'old', 'old', 'old' }
      assert.are.equal(reused, torch.split(reused, x, 3, 2))
      assert.are.equal(2, #reused)
      assert.are.same({ 3, 1, 5 }, shape_of(reused[2]))
   end)

   it('chunk into n pieces of about equal size', function()
      local x = torch.randn(3, 4, 5)
      local c = x:chunk(2, 1)
      assert.are.same({ 2, 4, 5 }, shape_of(c[1]))
      assert.are.same({ 1, 4, 5 }, shape_of(c[2]))
      c = torch.chunk(x, 2, 3)
      assert.are.same({ 3, 4, 3 }, shape_of(c[1]))
      assert.are.same({ 3, 4, 2 }, shape_of(c[2]))
      fails_with('dimension 4 out of range', function() x:chunk(2, 4) end)
      fails_with('must be positive', function() x:split(0) end)
   end)

   it('repeatTensor tiles a tensor', function()
      local x = torch.Tensor { 1, 2, 3 }
      local r = torch.repeatTensor(x, 3, 2)
      assert.are.same({ 3, 6 }, shape_of(r))
      assert.are.same({ 1, 2, 3, 1, 2, 3 }, r[3]:totable())
      local r3 = x:repeatTensor(3, 2, 1)
      assert.are.same({ 3, 2, 3 }, shape_of(r3))
      local m = torch.Tensor { { 1, 2 }, { 3, 4 } }:t()   -- strided: 1 3 / 2 4
      local res = torch.Tensor()
      assert.are.equal(res, torch.repeatTensor(res, m, torch.LongStorage { 2, 2 }))
      assert.are.same({ { 1, 3, 1, 3 }, { 2, 4, 2, 4 }, { 1, 3, 1, 3 }, { 2, 4, 2, 4 } }, res:totable())
      assert.are.same({ 0, 3 }, shape_of(x:repeatTensor(0, 1)))
      fails_with('at least one per dimension', function() m:repeatTensor(2) end)
   end)
end)

describe('flip and roll', function()
   it('match a Lua reference on random shapes and layouts', function()
      math.randomseed(22)
      for _, layout in ipairs(LAYOUTS) do
         for ndim = 1, 3 do
            local shape = {}
            for d = 1, ndim do
               shape[d] = math.random(1, 4)
            end
            local t = random_tensor('Float', shape, layout)
            for dim = 1, ndim do
               check_against(t:flip(dim), shape, function(idx)
                  local src = { unpack(idx) }
                  src[dim] = shape[dim] + 1 - idx[dim]
                  return get(t, src)
               end, layout .. ' flip ' .. dim)
               local shift = math.random(-7, 7)
               check_against(torch.roll(t, shift, dim), shape, function(idx)
                  local src = { unpack(idx) }
                  src[dim] = (idx[dim] - 1 - shift) % shape[dim] + 1
                  return get(t, src)
               end, layout .. ' roll ' .. dim)
            end
         end
      end
   end)

   it('take several dimensions, a result, and roll the flattened tensor without a dimension', function()
      local t = torch.Tensor { { 1, 2, 3 }, { 4, 5, 6 } }
      assert.are.same({ { 6, 5, 4 }, { 3, 2, 1 } }, t:flip({ 1, 2 }):totable())
      local res = torch.Tensor()
      assert.are.equal(res, torch.flip(res, t, 2))
      assert.are.same({ { 3, 2, 1 }, { 6, 5, 4 } }, res:totable())
      assert.are.same({ { 6, 1, 2 }, { 3, 4, 5 } }, t:roll(1):totable())
      assert.are.same({ { 6, 4, 5 }, { 3, 1, 2 } }, t:roll({ 1, 1 }, { 1, 2 }):totable())
      assert.are.same({ { 3, 1, 2 }, { 6, 4, 5 } }, t:t():roll(1, 1):t():totable())
      fails_with('flip: dimension 3 out of range', function() t:flip(3) end)
      fails_with('same length', function() t:roll({ 1 }, { 1, 2 }) end)
   end)
end)

describe('diag, triu, tril', function()
   it('make and read diagonals', function()
      assert.are.same({ { 1, 0 }, { 0, 2 } }, torch.diag(torch.Tensor { 1, 2 }):totable())
      assert.are.same({ { 0, 1, 0 }, { 0, 0, 2 }, { 0, 0, 0 } }, torch.diag(torch.Tensor { 1, 2 }, 1):totable())
      assert.are.same({ { 0, 0, 0 }, { 1, 0, 0 }, { 0, 2, 0 } }, torch.Tensor { 1, 2 }:diag(-1):totable())
      local m = torch.Tensor { { 1, 2, 3 }, { 4, 5, 6 } }
      assert.are.same({ 1, 5 }, m:diag():totable())
      assert.are.same({ 2, 6 }, m:diag(1):totable())
      assert.are.same({ 3 }, m:diag(2):totable())
      assert.are.same({ 4 }, torch.diag(m, -1):totable())
      assert.are.same({ 2, 6 }, m:t():diag(-1):totable())
      local res = torch.Tensor()
      assert.are.equal(res, res:diag(m))
      assert.are.same({ 1, 5 }, res:totable())
      fails_with('diagonal 4 is out of range', function() m:diag(4) end)
      fails_with('vector or a matrix', function() torch.Tensor(2, 2, 2):diag() end)
   end)

   it('keep triangles, against a Lua reference', function()
      math.randomseed(23)
      for _, layout in ipairs(LAYOUTS) do
         local shape = { math.random(1, 5), math.random(1, 5) }
         local t = random_tensor('Double', shape, layout)
         for k = -3, 3 do
            check_against(t:triu(k), shape, function(idx)
               return idx[2] - idx[1] >= k and get(t, idx) or 0
            end, layout .. ' triu ' .. k)
            check_against(torch.tril(t, k), shape, function(idx)
               return idx[2] - idx[1] <= k and get(t, idx) or 0
            end, layout .. ' tril ' .. k)
         end
      end
      local batch = torch.ones(2, 3, 3):triu()
      assert.are.same({ { 1, 1, 1 }, { 0, 1, 1 }, { 0, 0, 1 } }, batch[2]:totable())
      local x = torch.ones(2, 2)
      assert.are.equal(x, x:tril(x))
      assert.are.same({ { 1, 0 }, { 1, 1 } }, x:totable())
      fails_with('needs a matrix', function() torch.ones(3):triu() end)
   end)
end)

describe('cross and kron', function()
   it('cross along the first dimension of size 3 or the one given', function()
      local a, b = torch.Tensor { 1, 2, 3 }, torch.Tensor { 2, 3, 4 }
      assert.are.same({ -1, 2, -1 }, torch.cross(a, b):totable())
      assert.are.same({ -1, 2, -1 }, a:cross(b):totable())
      local m = torch.Tensor { { 1, 0 }, { 0, 1 }, { 0, 0 } }      -- columns e1, e2
      local n = torch.Tensor { { 0, 0 }, { 1, 0 }, { 0, 1 } }      -- columns e2, e3
      assert.are.same({ { 0, 1 }, { 0, 0 }, { 1, 0 } }, torch.cross(m, n):totable())
      local r = torch.Tensor()
      assert.are.equal(r, torch.cross(r, m:t(), n:t(), 2))
      assert.are.same({ { 0, 0, 1 }, { 1, 0, 0 } }, r:totable())
      math.randomseed(24)
      local x, y = random_tensor('Long', { 3, 4 }, 'transposed'), random_tensor('Long', { 3, 4 }, 'narrowed')
      check_against(torch.cross(x, y, 1), { 3, 4 }, function(idx)
         local j = idx[2]
         local a1, a2, a3 = get(x, { 1, j }), get(x, { 2, j }), get(x, { 3, j })
         local b1, b2, b3 = get(y, { 1, j }), get(y, { 2, j }), get(y, { 3, j })
         return ({ a2 * b3 - a3 * b2, a3 * b1 - a1 * b3, a1 * b2 - a2 * b1 })[idx[1]]
      end, 'cross')
      fails_with('no dimension of size 3', function() torch.cross(torch.ones(2), torch.ones(2)) end)
      fails_with('not 3', function() torch.cross(torch.ones(3, 2), torch.ones(3, 2), 2) end)
      fails_with('differ in size', function() torch.cross(torch.ones(3), torch.ones(3, 1)) end)
   end)

   it('kron multiplies every pair of elements', function()
      local a, b = torch.Tensor { { 1, 2 }, { 3, 4 } }, torch.Tensor { { 0, 1 }, { 1, 0 } }
      assert.are.same({ { 0, 1, 0, 2 }, { 1, 0, 2, 0 }, { 0, 3, 0, 4 }, { 3, 0, 4, 0 } }, torch.kron(a, b):totable())
      assert.are.same({ 2, 6 }, shape_of(torch.kron(torch.ones(3), torch.ones(2, 2))))
      math.randomseed(25)
      local x, y = random_tensor('Int', { 2, 3 }, 'transposed'), random_tensor('Int', { 3, 2 }, 'narrowed')
      check_against(x:kron(y), { 6, 6 }, function(idx)
         local i, j = idx[1] - 1, idx[2] - 1
         return get(x, { math.floor(i / 3) + 1, math.floor(j / 2) + 1 }) * get(y, { i % 3 + 1, j % 2 + 1 })
      end, 'kron')
   end)
end)

describe('constructors', function()
   it('eye, zeros and ones', function()
      assert.are.same({ { 1, 0, 0 }, { 0, 1, 0 } }, torch.eye(2, 3):totable())
      assert.are.same({ { 1, 0 }, { 0, 1 } }, torch.eye(2):totable())
      assert.are.equal('torch.DoubleTensor', torch.typename(torch.eye(2)))
      local f = torch.FloatTensor()
      assert.are.equal(f, f:eye(2))
      assert.are.equal(f, torch.eye(f, 3))
      assert.are.same({ 3, 3 }, shape_of(f))
      assert.are.same({ { 0, 0 } }, torch.zeros(1, 2):totable())
      assert.are.same({ 2, 1, 3 }, shape_of(torch.ones(torch.LongStorage { 2, 1, 3 })))
      assert.are.same({ 1, 1 }, torch.ones({ 2 }):totable())
      local i = torch.IntTensor()
      assert.are.equal(i, torch.ones(i, 2, 2))
      assert.are.same({ { 1, 1 }, { 1, 1 } }, i:totable())
      assert.are.same({ { 0 } }, i:zeros(1, 1):totable())
      fails_with('eye', function() torch.eye(-1) end)
   end)

   it('linspace, logspace, range and arange', function()
      assert.are.same({ 0, 0.25, 0.5, 0.75, 1 }, torch.linspace(0, 1, 5):totable())
      assert.are.equal(100, torch.linspace(-1, 1):nElement())
      local l = torch.linspace(3, 7)
      assert.are.equal(3, l[1])
      assert.are.equal(7, l[100])
      assert.are.same({ 1, 10, 100, 1000 }, torch.logspace(0, 3, 4):totable())
      assert.are.same({ 2, 3, 4, 5 }, torch.range(2, 5):totable())
      local r = torch.range(2, 5, 1.2)
      assert.are.equal(3, r:nElement())
      assert.is_true(math.abs(r[3] - 4.4) < 1e-12)
      assert.are.same({ 5, 4, 3 }, torch.range(5, 3, -1):totable())
      assert.are.same({ 0, 0.1, 0.2 }, (function()
         local t = torch.range(0, 0.2, 0.1):totable()
         for k = 1, #t do
            t[k] = math.floor(t[k] * 10 + 0.5) / 10
         end
         return t
      end)())
      assert.are.equal(11, torch.range(0, 1, 0.1):nElement())
      assert.are.same({ 0, 1, 2, 3, 4 }, torch.arange(5):totable())
      assert.are.same({ 1, 3 }, torch.arange(1, 5, 2):totable())
      assert.are.same({ 5, 3 }, torch.arange(5, 1, -2):totable())
      assert.are.equal(0, torch.arange(3, 3):nElement())
      assert.are.equal(10, torch.arange(0, 1, 0.1):nElement())
      local li = torch.LongTensor()
      assert.are.equal(li, li:range(1, 3))
      assert.are.same({ 1, 2, 3 }, li:totable())
      assert.are.equal(li, torch.linspace(li, 0, 10, 3))
      assert.are.same({ 0, 5, 10 }, li:totable())
      fails_with('not be zero', function() torch.range(1, 2, 0) end)
      fails_with('sign', function() torch.range(1, 2, -1) end)
      fails_with('not be zero', function() torch.arange(0, 1, 0) end)
      fails_with("bad argument #2 to 'range'", function() torch.range(1, 'x') end)
      fails_with('number of points', function() torch.linspace(0, 1, -2) end)
   end)
end)

describe('empty tensors', function()
   it('are handled by every op', function()
      local m = torch.Tensor(0, 3)
      assert.are.same({ 0, 3 }, shape_of(m:flip(1)))
      assert.are.same({ 0, 3 }, shape_of(m:roll(2, 2)))
      assert.are.same({ 0, 3 }, shape_of(m:triu()))
      assert.are.same({ 0, 3 }, shape_of(torch.cat(m, m, 1)))
      assert.are.same({ 0, 6 }, shape_of(torch.cat(m, m, 2)))
      assert.are.same({ 0 }, shape_of(torch.diag(m, 0)))
      assert.are.same({ 0, 0 }, shape_of(torch.diag(torch.Tensor(0))))
      assert.are.same({ 0, 0 }, shape_of(torch.eye(0)))
      assert.are.equal(0, torch.linspace(0, 1, 0):nElement())
      assert.are.same({ 0 }, torch.linspace(0, 1, 1):totable())
      assert.are.equal(0, #m:split(2))
      assert.are.same({ 0, 6 }, shape_of(m:repeatTensor(2, 2)))
      assert.are.same({ 0, 6 }, shape_of(torch.kron(m, torch.ones(2, 2))))
      fails_with('an input is empty', function() torch.kron(torch.Tensor(), torch.ones(2)) end)
   end)
end)

