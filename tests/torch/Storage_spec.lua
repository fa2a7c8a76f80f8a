-- torch.FloatStorage and its siblings (lua/torch/Storage.lua).

require 'torch'

local TYPES = { 'Byte', 'Char', 'Short', 'Int', 'Long', 'Float', 'Double', 'Half' }

describe('a storage', function()
   it('exists for every tensor type, with the Torch7 names', function()
      for _, short in ipairs(TYPES) do
         local s = torch[short .. 'Storage'](3)
         assert.are.equal('torch.' .. short .. 'Storage', torch.typename(s))
         assert.are.equal('torch.' .. short .. 'Storage', torch.type(s))
         assert.is_true(torch.isStorage(s))
         assert.is_false(torch.isTensor(s))
         assert.are.equal(3, s:size())
      end
   end)

   it('is empty when made with no argument', function()
      local s = torch.FloatStorage()
      assert.are.equal(0, s:size())
      assert.are.equal(0, #s)
   end)

   it('is made from a table of numbers', function()
      local s = torch.IntStorage({ 1, 2, 3, 4 })
      assert.are.equal(4, #s)
      assert.are.same({ 1, 2, 3, 4 }, s:totable())
   end)

   it('reads and writes elements with 1-based indexes', function()
      local s = torch.DoubleStorage(3):fill(0)
      s[1] = 1.5
      s[3] = -2
      assert.are.equal(1.5, s[1])
      assert.are.equal(0, s[2])
      assert.are.equal(-2, s[3])
   end)

   it('converts on store as C does for integer types', function()
      local s = torch.ByteStorage(2)
      s[1] = 255
      s[2] = 3.7
      assert.are.equal(255, s[1])
      assert.are.equal(3, s[2])
      local c = torch.CharStorage({ -5, 5 })
      assert.are.same({ -5, 5 }, c:totable())
   end)

   it('keeps int64 values exact up to 2^53 in a LongStorage', function()
      local s = torch.LongStorage({ 2 ^ 53, -2 ^ 40 })
      assert.are.equal(2 ^ 53, s[1])
      assert.are.equal(-2 ^ 40, s[2])
      assert.are.equal('number', type(s[1]))
   end)

   it('rounds half storages through float', function()
      local s = torch.HalfStorage({ 1, 0.5, 65504, 1 / 3 })
      assert.are.equal(1, s[1])
      assert.are.equal(0.5, s[2])
      assert.are.equal(65504, s[3])
      assert.is_true(math.abs(s[4] - 1 / 3) < 1e-3)
   end)

   it('fills, returning itself', function()
      local s = torch.FloatStorage(4)
      assert.are.equal(s, s:fill(7))
      assert.are.same({ 7, 7, 7, 7 }, s:totable())
   end)

   it('resizes keeping the common prefix', function()
      local s = torch.IntStorage({ 1, 2, 3 })
      assert.are.equal(s, s:resize(5))
      assert.are.equal(5, #s)
      assert.are.equal(3, s[3])
      s:resize(2)
      assert.are.same({ 1, 2 }, s:totable())
   end)

   it('copies from a storage of another type, converting', function()
      local src = torch.IntStorage(10):fill(1)
      local dst = torch.DoubleStorage(10):copy(src)
      assert.are.equal(1, dst[10])
      local f = torch.FloatStorage({ 1.75, -2.25 })
      local i = torch.IntStorage(2):copy(f)
      assert.are.same({ 1, -2 }, i:totable())
   end)

   it('copies from a table', function()
      local s = torch.FloatStorage(3):copy({ 1, 2, 3 })
      assert.are.same({ 1, 2, 3 }, s:totable())
   end)

   it('gives its bytes as a string, and takes them from one (Byte and Char)', function()
      local s = torch.CharStorage():string('blah blah')
      assert.are.equal(9, #s)
      assert.are.equal(98, s[1])
      assert.are.equal('blah blah', s:string())
      assert.are.equal('a\0b', torch.ByteStorage({ 97, 0, 98 }):string())
   end)

   it('gives a typed data pointer', function()
      local s = torch.FloatStorage({ 1, 2, 3 })
      local p = s:data()
      assert.are.equal(2, p[1])
      p[2] = 9
      assert.are.equal(9, s[3])
      assert.is_true(require('ffi').istype('float *', p))
   end)

   it('prints as Torch7 does', function()
      assert.are.equal(' 3\n 4\n[torch.LongStorage of size 2]\n', tostring(torch.LongStorage({ 3, 4 })))
   end)

   it('is a view target for tensors, sharing memory', function()
      local s = torch.DoubleStorage(10):fill(1)
      local t = torch.DoubleTensor(s, 1, torch.LongStorage({ 2, 5 }))
      t:zero()
      assert.are.equal(0, s[10])
   end)

   it('follows the default tensor type as torch.Storage', function()
      assert.are.equal(torch.DoubleStorage, torch.Storage)
      torch.setdefaulttensortype('torch.FloatTensor')
      assert.are.equal(torch.FloatStorage, torch.Storage)
      torch.setdefaulttensortype('torch.DoubleTensor')
   end)

   it('lets users add methods through torch.getmetatable', function()
      local mt = torch.getmetatable('torch.IntStorage')
      mt.twice = function(self) return 2 * self:size() end
      assert.are.equal(6, torch.IntStorage(3):twice())
      assert.is_nil(torch.FloatStorage(3).twice)
      mt.twice = nil
   end)

   it('is unusable after free(), with an error rather than a crash', function()
      local s = torch.FloatStorage(3)
      s:free()
      s:free()  -- harmless
      assert.has_error(function() return s[1] end)
      assert.has_error(function() s:fill(1) end, nil)
      local ok, err = pcall(function() return s:size() end)
      assert.is_false(ok)
      assert.truthy(err:find('torch.FloatStorage was freed', 1, true))
   end)
end)
