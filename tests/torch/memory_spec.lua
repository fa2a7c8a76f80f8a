-- Memory: LuaJIT's collector cannot see the C memory under tensors, so lua/torch/memory.lua
-- runs it when the C side says enough was allocated. A loop of temporaries must stay flat.

require 'torch'

local function resident_bytes()
   for line in io.lines('/proc/self/status') do
      local kb = line:match('^VmRSS:%s+(%d+)')
      if kb then
         return tonumber(kb) * 1024
      end
   end
   error('no VmRSS line in /proc/self/status')
end

describe('memory', function()
   it('stays under 1 GB resident over 10,000 temporary 4 MB tensors', function()
      collectgarbage()
      local peak = 0
      for i = 1, 10000 do
         -- fill touches every page, so each tensor really takes 4 MB until it is freed
         torch.FloatTensor(1024 * 1024):fill(i)
         if i % 100 == 0 then
            peak = math.max(peak, resident_bytes())
         end
      end
      assert.is_true(peak < 2 ^ 30, string.format('peak resident memory %.0f MB', peak / 2 ^ 20))
   end)

   it('stays flat for views and conversions too', function()
      collectgarbage()
      local base = torch.FloatTensor(512, 512):fill(1)
      local peak = 0
      for i = 1, 500 do
         -- two copies (1 and 2 MB) and two views per iteration
         base:t():contiguous():double():view(-1):narrow(1, 1, 10)
         if i % 100 == 0 then
            peak = math.max(peak, resident_bytes())
         end
      end
      assert.is_true(peak < 2 ^ 30, string.format('peak resident memory %.0f MB', peak / 2 ^ 20))
   end)

   it('gives the memory back when a tensor is freed explicitly', function()
      -- Collect other specs' garbage first and reset the allocation count, so that no collection
      -- (which would free other tensors) runs between the two readings.
      collectgarbage()
      collectgarbage()
      require('torch.lib').C.wk_memory_collected()
      local before = torch.memory.in_use()
      local t = torch.FloatTensor(1024 * 1024)
      assert.are.equal(before + 4 * 2 ^ 20, torch.memory.in_use())
      t:free()
      assert.are.equal(before, torch.memory.in_use())
   end)

   it('keeps a storage alive while any view of it lives', function()
      local view
      do
         local t = torch.FloatTensor(10):fill(3)
         view = t:narrow(1, 4, 2)
      end
      collectgarbage()
      collectgarbage()
      assert.are.same({ 3, 3 }, view:totable())
      local s
      do
         s = torch.FloatTensor(4):fill(5):storage()
      end
      collectgarbage()
      assert.are.equal(5, s[4])
   end)
end)
