-- Files written by Torch7 itself (/work/shared/fixtures/t7): each loads into what its .lua builds,
-- and saving what the .lua builds gives a file of the same bytes up to table key order.
require 'torch'
require 'nn'

local DIR = '/work/shared/fixtures/t7/'

local function same(a, b, seen)
   seen = seen or {}
   if torch.isTensor(a) or torch.isStorage(a) then
      if torch.type(a) ~= torch.type(b) then return false end
      if torch.isStorage(a) then return a:size() == b:size() and table.concat(a:totable(), ',') ==
         table.concat(b:totable(), ',') end
      if not a:isSameSizeAs(b) then return false end
      if a:nElement() == 0 then return true end
      return a:double():clone():add(-1, b:double()):abs():max() == 0
   end
   if type(a) ~= 'table' or type(b) ~= 'table' then return a == b end
   if seen[a] then return seen[a] == b end
   seen[a] = b
   if torch.type(a) ~= torch.type(b) then return false end
   for k, v in pairs(a) do if not same(v, b[k], seen) then return false end end
   for k in pairs(b) do if a[k] == nil then return false end end
   return true
end

local function build(name)
   return dofile(DIR .. name .. '.lua')()
end

local function bytes(path)
   local f = assert(io.open(path, 'rb'))
   local s = f:read('*a')
   f:close()
   return s
end

describe('Torch7 .t7 fixtures', function()
   for _, name in ipairs({ 'numbers_strings', 'shared_refs', 'storage', 'tensors', 'views' }) do
      for fmt, suffix in pairs({ binary = 'bin', ascii = 'ascii' }) do
         describe(name .. ' (' .. fmt .. ')', function()
            local path = DIR .. name .. '.' .. suffix .. '.t7'
            it('loads into what the .lua builds', function()
               assert.is_true(same(build(name), torch.load(path, fmt)))
            end)
            it('saves to as many bytes as Torch7 wrote, and loads back', function()
               local s = torch.serialize(build(name), fmt)
               assert.are.equal(#bytes(path), #s)
               assert.is_true(same(build(name), torch.deserialize(s, fmt)))
            end)
         end)
      end
   end

   it('keeps shared references and cycles', function()
      local t = torch.load(DIR .. 'shared_refs.bin.t7')
      assert.are.equal(t, t.self)
      assert.are.equal(t.a, t.b)
      assert.are.equal(t.a, t.list[1])
      assert.are.equal(7, t.a.value)
   end)

   it('keeps views on one storage', function()
      local t = torch.load(DIR .. 'views.bin.t7')
      assert.are.equal(torch.pointer(t.base:storage()), torch.pointer(t.transposed:storage()))
      t.base[1][2] = 100
      assert.are.equal(100, t.column[1])
      assert.are.equal(100, t.transposed[2][1])
   end)

   for _, name in ipairs({ 'linear', 'mlp' }) do
      for fmt, suffix in pairs({ binary = 'bin', ascii = 'ascii' }) do
         it(name .. ' (' .. fmt .. ') loads into a working module with the same parameters and output', function()
            local built, input = build(name)
            local loaded = torch.load(DIR .. name .. '.' .. suffix .. '.t7', fmt)
            assert.are.equal(torch.type(built), torch.type(loaded))
            local pb, pl = built:parameters(), loaded:parameters()
            assert.are.equal(#pb, #pl)
            for i = 1, #pb do
               assert.is_true(same(pb[i], pl[i]))
            end
            assert.is_true(same(built:forward(input), loaded:forward(input)))
            local again = torch.deserialize(torch.serialize(loaded, fmt), fmt)
            assert.is_true(same(built:forward(input), again:forward(input)))
         end)
      end
   end

   describe('function.bin.t7', function()
      it('is refused by default, naming the file', function()
         local ok, err = pcall(torch.load, DIR .. 'function.bin.t7')
         assert.is_false(ok)
         assert.truthy(err:find('function.bin.t7', 1, true))
         assert.truthy(err:find('allowFunctions = true', 1, true))
      end)
      it('loads with allowFunctions', function()
         local t = torch.load(DIR .. 'function.bin.t7', { allowFunctions = true })
         assert.are.equal('function', type(t.f))
         assert.are.equal('string', type(t.note))
      end)
   end)
end)
