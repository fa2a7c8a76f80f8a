-- Random numbers (lua/torch/math/random.lua, core/random.c): generators and seeds, the scalar
-- draws, tensor fills and their moments, reproducibility across layouts and thread counts,
-- multinomial and randperm.

require 'torch'

local THIS_FILE = 'random_spec.lua'

local function fails_with(text, fn)
   local ok, err = pcall(fn)
   assert.is_false(ok, 'expected an error containing: ' .. text)
   err = tostring(err)
   assert.is_truthy(err:find(text, 1, true), 'message "' .. err .. '" lacks "' .. text .. '"')
   assert.is_truthy(err:find(THIS_FILE, 1, true), 'message "' .. err .. '" does not name the caller')
end

-- The elements of t in row-major order, as Lua numbers.
local function values(t)
   local out = {}
   local n = t:nElement()
   if n == 0 then
      return out
   end
   local c = t:contiguous()
   local p = c:data()
   for i = 0, n - 1 do
      out[i + 1] = tonumber(p[i])
   end
   assert(c:nElement() == n)   -- keeps c, and the memory p points into, alive until here
   return out
end

local function mean_var(list)
   local s = 0
   for i = 1, #list do
      s = s + list[i]
   end
   local m = s / #list
   local v = 0
   for i = 1, #list do
      v = v + (list[i] - m) ^ 2
   end
   return m, v / (#list - 1)
end

local function same_list(a, b)
   assert.are.equal(#a, #b)
   for i = 1, #a do
      if a[i] ~= b[i] then
         assert.are.equal(a[i], b[i], 'element ' .. i)
      end
   end
end

local N = 100000

describe('random numbers', function()
   describe('seeds and generators', function()
      it('gives the numbers of Torch7\'s documentation', function()
         torch.manualSeed(123)
         assert.is_true(math.abs(torch.uniform() - 0.69646918727085) < 1e-13)
         assert.is_true(math.abs(torch.uniform() - 0.71295532141812) < 1e-13)
         assert.is_true(math.abs(torch.uniform() - 0.28613933874294) < 1e-13)
         torch.manualSeed(torch.initialSeed())
         assert.is_true(math.abs(torch.uniform() - 0.69646918727085) < 1e-13)
         torch.manualSeed(0)
         assert.are.equal(2357136044, torch.random())
      end)

      it('keeps a separate state in each Generator', function()
         torch.manualSeed(0)
         assert.are.equal(2357136044, torch.random())
         local gen = torch.Generator()
         torch.manualSeed(gen, 0)
         assert.are.equal(2357136044, torch.random(gen))
         assert.are.equal(2546248239, torch.random(gen))
         assert.are.equal(2546248239, torch.random())
         assert.are.equal('torch.Generator', torch.typename(gen))
         assert.are.equal(0, torch.initialSeed(gen))
      end)

      it('seeds from the system and returns a seed that repeats the stream', function()
         local seed = torch.seed()
         assert.are.equal(seed, torch.initialSeed())
         local a = torch.random()
         torch.manualSeed(seed)
         assert.are.equal(a, torch.random())
         local gen = torch.Generator()
         local s2 = torch.seed(gen)
         assert.are.equal(s2, torch.initialSeed(gen))
      end)

      it('takes seeds beyond 32 bits and negative seeds', function()
         torch.manualSeed(2 ^ 40 + 5)
         local a = torch.random()
         torch.manualSeed(5)
         assert.are_not.equal(a, torch.random())
         torch.manualSeed(-1)
         local b = torch.random()
         torch.manualSeed(-1)
         assert.are.equal(b, torch.random())
         fails_with("bad argument #1 to 'manualSeed'", function() torch.manualSeed(1.5) end)
         fails_with("bad argument #1 to 'manualSeed'", function() torch.manualSeed('x') end)
      end)

      it('saves and restores the state as a ByteTensor', function()
         torch.manualSeed(123)
         assert.is_true(math.abs(torch.uniform() - 0.69646918727085) < 1e-13)
         local s = torch.getRNGState()
         assert.are.equal('torch.ByteTensor', torch.typename(s))
         local after = { torch.uniform(), torch.normal(), torch.uniform() }
         local fill = values(torch.randn(7))
         assert.are.equal(s, torch.setRNGState(s))
         same_list(after, { torch.uniform(), torch.normal(), torch.uniform() })
         same_list(fill, values(torch.randn(7)))
         -- with a generator
         local gen = torch.Generator()
         torch.setRNGState(gen, s)
         same_list(after, { torch.uniform(gen), torch.normal(gen), torch.uniform(gen) })
         local gs = torch.getRNGState(gen)
         local x = torch.uniform(gen)
         torch.setRNGState(gen, gs)
         assert.are.equal(x, torch.uniform(gen))
      end)

      it('refuses a corrupt state and keeps its own', function()
         torch.manualSeed(9)
         local s = torch.getRNGState()
         local next_value = torch.uniform()
         torch.setRNGState(s)
         local bad = s:clone()
         bad[1] = 0
         fails_with('not a generator state', function() torch.setRNGState(bad) end)
         bad = s:clone()
         for i = 33, bad:nElement() do
            bad[i] = 0
         end
         fails_with('all zero', function() torch.setRNGState(bad) end)
         fails_with('bytes', function() torch.setRNGState(torch.ByteTensor(12)) end)
         fails_with('ByteTensor', function() torch.setRNGState(torch.FloatTensor(s:nElement())) end)
         fails_with("bad argument #1 to 'setRNGState'", function() torch.setRNGState(42) end)
         assert.are.equal(next_value, torch.uniform())
      end)
   end)

   describe('scalar draws', function()
      it('follow Torch7\'s argument forms for random()', function()
         torch.manualSeed(1)
         for _ = 1, 200 do
            local r = torch.random()
            assert.is_true(r >= 0 and r < 2 ^ 32 and r == math.floor(r))
            local b = torch.random(6)
            assert.is_true(b >= 1 and b <= 6 and b == math.floor(b))
            local c = torch.random(-3, 3)
            assert.is_true(c >= -3 and c <= 3)
            local wide = torch.random(0, 2 ^ 40)
            assert.is_true(wide >= 0 and wide <= 2 ^ 40)
         end
         assert.are.equal(5, torch.random(5, 5))
         fails_with('lower bound', function() torch.random(3, 2) end)
         fails_with('at least 1', function() torch.random(0) end)
         fails_with("bad argument #1 to 'random'", function() torch.random(1.5) end)
      end)

      it('have the right moments', function()
         local gen = torch.Generator()
         torch.manualSeed(gen, 4)
         local draws = {
            { function() return torch.uniform(gen, 2, 4) end, 3, 4 / 12 },
            { function() return torch.normal(gen, 1, 2) end, 1, 4 },
            { function() return torch.exponential(gen, 2) end, 0.5, 0.25 },
            { function() return torch.bernoulli(gen, 0.25) end, 0.25, 0.1875 },
            { function() return torch.geometric(gen, 0.5) end, 2, 2 },
            { function() return torch.logNormal(gen, 0, 0.5) end, math.exp(0.125),
               (math.exp(0.25) - 1) * math.exp(0.25) },
         }
         for k, d in ipairs(draws) do
            local list = {}
            for i = 1, 20000 do
               list[i] = d[1]()
            end
            local m, v = mean_var(list)
            assert.is_true(math.abs(m - d[2]) < 0.03 * math.max(1, d[2]), 'mean of draw ' .. k .. ': ' .. m)
            assert.is_true(math.abs(v - d[3]) < 0.06 * math.max(1, d[3]), 'variance of draw ' .. k .. ': ' .. v)
         end
         local below = 0
         for _ = 1, 20000 do
            if torch.cauchy(gen, 3, 1) < 3 then
               below = below + 1
            end
         end
         assert.is_true(math.abs(below / 20000 - 0.5) < 0.02)
         fails_with('[0, 1]', function() torch.bernoulli(2) end)
         fails_with('(0, 1)', function() torch.geometric(1) end)
         fails_with('lambda', function() torch.exponential(-1) end)
         fails_with("bad argument #2 to 'uniform'", function() torch.uniform(0, 'x') end)
      end)
   end)

   describe('tensor fills', function()
      it('match the moments of their distributions on 1e5 samples', function()
         local gen = torch.Generator()
         torch.manualSeed(gen, 77)
         for _, kind in ipairs({ 'Float', 'Double' }) do
            local t = torch[kind .. 'Tensor'](N)
            local cases = {
               { 'uniform', { -1, 1 }, 0, 1 / 3 },
               { 'normal', { 3, 0.5 }, 3, 0.25 },
               { 'exponential', { 4 }, 0.25, 1 / 16 },
               { 'bernoulli', { 0.7 }, 0.7, 0.21 },
               { 'geometric', { 0.2 }, 1.25, 0.2 / 0.64 },
               { 'logNormal', { 0, 0.25 }, math.exp(0.03125), (math.exp(0.0625) - 1) * math.exp(0.0625) },
            }
            for _, case in ipairs(cases) do
               t[case[1]](t, gen, unpack(case[2]))
               local m, v = mean_var(values(t))
               assert.is_true(math.abs(m - case[3]) < 0.01 * math.max(1, math.abs(case[3])),
                  kind .. ' ' .. case[1] .. ' mean ' .. m)
               assert.is_true(math.abs(v - case[4]) < 0.02 * math.max(1, case[4]),
                  kind .. ' ' .. case[1] .. ' variance ' .. v)
            end
            t:cauchy(gen, -2, 0.5)
            local inner = 0
            for _, x in ipairs(values(t)) do
               if x > -2.5 and x < -1.5 then
                  inner = inner + 1
               end
            end
            assert.is_true(math.abs(inner / N - 0.5) < 0.01)
         end
      end)

      it('use the documented defaults', function()
         local t = torch.DoubleTensor(N)
         local m, v = mean_var(values(t:uniform()))
         assert.is_true(math.abs(m - 0.5) < 0.01 and math.abs(v - 1 / 12) < 0.01)
         m, v = mean_var(values(t:normal()))
         assert.is_true(math.abs(m) < 0.02 and math.abs(v - 1) < 0.03)
         m = mean_var(values(t:bernoulli()))
         assert.is_true(math.abs(m - 0.5) < 0.01)
         m = mean_var(values(t:exponential()))
         assert.is_true(math.abs(m - 1) < 0.02)
         m = mean_var(values(t:logNormal()))          -- Torch7's defaults: mean 1, stdv 2
         assert.is_true(math.abs(math.log(m) - 3) < 0.5)
      end)

      it('keep float uniforms below the upper bound', function()
         local b = 1 + 2 ^ -22                           -- two floats in [1, b)
         local t = torch.FloatTensor(20000):uniform(1, b)
         local saw_upper = false
         for _, x in ipairs(values(t)) do
            assert.is_true(x >= 1 and x < b)
            saw_upper = saw_upper or x > 1
         end
         assert.is_true(saw_upper)
         assert.are.same({ -3, -3 }, values(torch.FloatTensor(2):uniform(-3, -3)))
      end)

      it('draw integers with Torch7\'s random() forms for every type', function()
         for _, kind in ipairs({ 'Byte', 'Char', 'Short', 'Int', 'Long', 'Float', 'Double' }) do
            local t = torch[kind .. 'Tensor'](2000)
            local seen = {}
            for _, x in ipairs(values(t:random(3, 7))) do
               assert.is_true(x >= 3 and x <= 7 and x == math.floor(x), kind)
               seen[x] = true
            end
            assert.is_true(seen[3] and seen[7], kind)
            for _, x in ipairs(values(t:random(4))) do
               assert.is_true(x >= 1 and x <= 4, kind)
            end
            local top = 0
            for _, x in ipairs(values(t:random())) do
               assert.is_true(x >= 0 and x == math.floor(x), kind)
               top = math.max(top, x)
            end
            assert.is_true(top > 100, kind)
         end
         local bytes = torch.ByteTensor(1000):random()
         for _, x in ipairs(values(bytes)) do
            assert.is_true(x <= 255)
         end
         fails_with('outside the values of', function() torch.ByteTensor(3):random(0, 300) end)
         fails_with('lower bound', function() torch.IntTensor(3):random(5, 2) end)
         fails_with('at least 1', function() torch.IntTensor(3):random(0) end)
      end)

      it('take a tensor of probabilities for bernoulli', function()
         local p = torch.DoubleTensor(2, 500)
         p:select(1, 1):fill(0)
         p:select(1, 2):fill(1)
         local draws = torch.ByteTensor(2, 500):bernoulli(p)
         local v = values(draws)
         for i = 1, 500 do
            assert.are.equal(0, v[i])
            assert.are.equal(1, v[500 + i])
         end
         -- a row broadcast over rows, and a float tensor of probabilities
         local row = torch.FloatTensor(500):fill(1)
         assert.are.equal(1000, (function()
            local s = 0
            for _, x in ipairs(values(torch.DoubleTensor(2, 500):bernoulli(row))) do s = s + x end
            return s
         end)())
         p[1][1] = 1.5
         fails_with('outside [0, 1]', function() draws:bernoulli(p) end)
         fails_with('neither broadcast', function() draws:bernoulli(torch.DoubleTensor(3):fill(0.5)) end)
         fails_with('FloatTensor or torch.DoubleTensor', function() draws:bernoulli(torch.ByteTensor(1000)) end)
      end)

      it('refuse integer tensors for real-valued distributions and bad parameters', function()
         fails_with('torch.IntTensor', function() torch.IntTensor(3):uniform() end)
         fails_with('torch.LongTensor', function() torch.LongTensor(3):normal() end)
         fails_with('standard deviation', function() torch.Tensor(3):normal(0, -1) end)
         fails_with('lambda', function() torch.Tensor(3):exponential(0) end)
         fails_with('a <= b', function() torch.Tensor(3):uniform(1, 0) end)
         fails_with("bad argument #2 to 'uniform'", function() torch.Tensor(3):uniform('a') end)
         fails_with('(0, 1)', function() torch.Tensor(3):geometric(0) end)
      end)

      it('fill empty tensors and scalars without fuss', function()
         assert.are.equal(0, torch.Tensor():uniform():nElement())
         assert.are.equal(0, torch.Tensor(0):normal():nElement())
      end)
   end)

   describe('reproducibility', function()
      it('gives the same numbers for the same seed, for 1 and 2 threads', function()
         local threads = torch.getnumthreads()
         local function draw(fill, seed)
            torch.manualSeed(seed)
            local t = torch.DoubleTensor(N + 1)
            return values(t[fill](t))
         end
         for _, fill in ipairs({ 'uniform', 'normal', 'exponential', 'logNormal', 'cauchy', 'bernoulli' }) do
            torch.setnumthreads(1)
            local one = draw(fill, 31)
            torch.setnumthreads(2)
            same_list(one, draw(fill, 31))
            assert.are_not.same(one, draw(fill, 32))
         end
         torch.setnumthreads(threads)
      end)

      it('fills a transposed or narrowed tensor in its own row-major order', function()
         torch.manualSeed(5)
         local plain = values(torch.FloatTensor(30, 20):normal())
         torch.manualSeed(5)
         local t = torch.FloatTensor(20, 30):t():normal()
         same_list(plain, values(t))
         torch.manualSeed(5)
         local wide = torch.FloatTensor(30, 25):zero()
         local part = wide:narrow(2, 3, 20)
         part:normal()
         same_list(plain, values(part))
         assert.are.equal(0, wide[1][1])
      end)

      it('chains odd-sized normal fills as one stream, like the scalar draws', function()
         torch.manualSeed(8)
         local seven = values(torch.randn(7))
         torch.manualSeed(8)
         local three, four = values(torch.randn(3)), values(torch.randn(4))
         torch.manualSeed(8)
         local scalars = {}
         for i = 1, 7 do
            scalars[i] = torch.normal()
         end
         same_list(seven, { three[1], three[2], three[3], four[1], four[2], four[3], four[4] })
         same_list(seven, scalars)
      end)

      it('takes a generator first everywhere', function()
         local gen = torch.Generator()
         torch.manualSeed(gen, 3)
         local a = values(torch.rand(gen, 4))
         torch.manualSeed(gen, 3)
         local res = torch.Tensor()
         assert.are.equal(res, torch.rand(res, gen, 4))
         same_list(a, values(res))
         torch.manualSeed(gen, 3)
         same_list(a, values(torch.Tensor(4):uniform(gen)))
         torch.manualSeed(gen, 3)
         local p1 = values(torch.randperm(gen, 10))
         torch.manualSeed(gen, 3)
         same_list(p1, values(torch.randperm(torch.LongTensor(), gen, 10)))
         torch.manualSeed(gen, 3)
         local m1 = values(torch.multinomial(gen, torch.Tensor { 1, 2, 3 }, 5, true))
         torch.manualSeed(gen, 3)
         same_list(m1, values(torch.multinomial(torch.LongTensor(), gen, torch.Tensor { 1, 2, 3 }, 5, true)))
      end)
   end)

   describe('constructors', function()
      it('makes rand and randn of the default type from numbers, a LongStorage or a table', function()
         local a = torch.rand(2, 3)
         assert.are.equal('torch.DoubleTensor', torch.typename(a))
         assert.are.same({ 2, 3 }, a:size():totable())
         assert.are.same({ 4, 1, 2 }, torch.randn(torch.LongStorage { 4, 1, 2 }):size():totable())
         assert.are.same({ 5 }, torch.rand({ 5 }):size():totable())
         for _, x in ipairs(values(torch.rand(1000))) do
            assert.is_true(x >= 0 and x < 1)
         end
         torch.setdefaulttensortype('torch.FloatTensor')
         assert.are.equal('torch.FloatTensor', torch.typename(torch.randn(2)))
         torch.setdefaulttensortype('torch.DoubleTensor')
         local res = torch.IntTensor()
         fails_with('torch.IntTensor', function() torch.rand(res, 3) end)
         local f = torch.FloatTensor()
         assert.are.equal(f, f:rand(2, 2))
         assert.are.same({ 2, 2 }, f:size():totable())
         assert.are.equal(f, f:randn(3))
         fails_with("bad argument #1 to 'rand'", function() torch.rand('x') end)
      end)

      it('makes permutations of 1..n', function()
         local p = torch.randperm(50)
         assert.are.equal('torch.DoubleTensor', torch.typename(p))
         local seen = {}
         for _, x in ipairs(values(p)) do
            assert.is_true(x >= 1 and x <= 50 and not seen[x])
            seen[x] = true
         end
         local l = torch.LongTensor()
         assert.are.equal(l, l:randperm(5))
         assert.are.equal(5, l:nElement())
         assert.are.equal(0, torch.randperm(0):nElement())
         fails_with('randperm', function() torch.randperm(-1) end)
      end)

      it('samples multinomial distributions with and without replacement', function()
         torch.manualSeed(10)
         local p = torch.Tensor { 1, 1, 0.5, 0 }
         local a = torch.multinomial(p, N, true)
         assert.are.equal('torch.LongTensor', torch.typename(a))
         local counts = { 0, 0, 0, 0 }
         for _, x in ipairs(values(a)) do
            counts[x] = counts[x] + 1
         end
         assert.are.equal(0, counts[4])
         assert.is_true(math.abs(counts[1] / N - 0.4) < 0.01 and math.abs(counts[3] / N - 0.2) < 0.01)
         -- without replacement (the default): distinct indices, in the order drawn
         for _ = 1, 50 do
            local d = values(torch.multinomial(p, 3))
            assert.is_true(d[1] ~= d[2] and d[2] ~= d[3] and d[1] ~= d[3])
            assert.is_true(d[1] <= 3 and d[2] <= 3 and d[3] <= 3)
         end
         -- the first draw without replacement follows the weights too
         local first = { 0, 0, 0 }
         for _ = 1, 4000 do
            local d = torch.multinomial(p, 2)[1]
            first[d] = first[d] + 1
         end
         assert.is_true(math.abs(first[3] / 4000 - 0.2) < 0.03)
         -- rows of a matrix, and the method forms
         local m = torch.FloatTensor { { 0, 0, 5 }, { 2, 0, 0 } }
         local r = torch.multinomial(m, 4, true)
         assert.are.same({ { 3, 3, 3, 3 }, { 1, 1, 1, 1 } }, r:totable())
         local res = torch.LongTensor()
         assert.are.equal(res, res:multinomial(m, 2, true))
         assert.are.same({ 2, 2 }, res:size():totable())
         assert.are.same({ 3 }, m[1]:multinomial(1):totable())
         fails_with('non-zero weights', function() torch.multinomial(p, 4) end)
         fails_with('without replacement from 4', function() torch.multinomial(p, 5) end)
         fails_with('sums to 0', function() torch.multinomial(torch.Tensor { 0, 0 }, 1, true) end)
         fails_with('invalid probability -1', function() torch.multinomial(torch.Tensor { 1, -1 }, 1, true) end)
         fails_with('vector or a matrix', function() torch.multinomial(torch.Tensor(2, 2, 2):fill(1), 1) end)
      end)
   end)
end)
