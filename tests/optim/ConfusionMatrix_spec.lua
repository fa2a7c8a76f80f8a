-- Specs for nn/optim/ConfusionMatrix.lua: counting, accuracies and Torch7's printed text.
require 'optim'

local function fixture(name)
   local f = io.open('/work/shared/fixtures/torch7-output/torch7-output.txt', 'r')
   if not f then return nil end
   local s = f:read('*a')
   f:close()
   return s:match('=== ' .. name .. '\n(.-)\n===')
end

local function example()
   local cm = optim.ConfusionMatrix({'cat', 'dog', 'fox'})
   cm:add(1, 1); cm:add(2, 2); cm:add(2, 1); cm:add(3, 3); cm:add(3, 3); cm:add(1, 3)
   return cm
end

describe('optim.ConfusionMatrix', function()
   it('counts targets in rows and predictions in columns', function()
      local cm = example()
      assert.are.equal('optim.ConfusionMatrix', torch.type(cm))
      assert.are.equal(3, cm.nclasses)
      assert.are.same({{1, 1, 0}, {0, 1, 0}, {1, 0, 2}}, cm.mat:totable())
   end)

   it('prints exactly as Torch7 does, float rounding included', function()
      local expected = fixture('confusion_matrix') or table.concat({
         'ConfusionMatrix:',
         '[[       1       1       0]   50.000% \t[class: cat]',
         ' [       0       1       0]   100.000% \t[class: dog]',
         ' [       1       0       2]]  66.667% \t[class: fox]',
         ' + average row correct: 72.222222884496% ',
         ' + average rowUcol correct (VOC measure): 50.000000993411% ',
         ' + global correct: 66.666666666667%'}, '\n')
      assert.are.equal(expected, tostring(example()))
   end)

   it('computes per-class, average and global accuracies in updateValids', function()
      local cm = example():updateValids()
      assert.are.equal('torch.FloatTensor', torch.type(cm.valids))
      assert.are.near(0.5, cm.valids[1], 1e-7)
      assert.are.near(1 / 3, cm.unionvalids[1], 1e-7)
      assert.are.near(4 / 6, cm.totalValid, 1e-15)
      assert.are.near(13 / 18, cm.averageValid, 1e-7)
   end)

   it('prints without class names and leaves classes with no samples out of the averages', function()
      local cm = optim.ConfusionMatrix(2)
      cm:add(1, 1)
      local s = tostring(cm)
      assert.matches('%[%[       1       0%]   100.000%% \n', s)
      assert.matches(' %[       0       0%]%]  nan%% \n', s)
      assert.matches('average row correct: 100%% ', s)
   end)

   it('takes score vectors and one-hot targets in add and batchAdd', function()
      local cm = optim.ConfusionMatrix(3)
      cm:add(torch.DoubleTensor{0.1, 0.7, 0.2}, 2)
      cm:add(torch.FloatTensor{0.9, 0, 0}, torch.FloatTensor{0, 0, 1})
      cm:batchAdd(torch.DoubleTensor{{-1, -3, -2}, {-5, -4, -0.5}}, torch.LongTensor{1, 3})
      cm:batchAdd(torch.LongTensor{2, 2}, torch.ByteTensor{1, 2})
      assert.are.same({{1, 1, 0}, {0, 2, 0}, {1, 0, 1}}, cm.mat:totable())
      cm:zero()
      assert.are.equal(0, cm.mat:sum())
   end)

   it('gives a clear error for a class index out of range or mismatched sizes', function()
      local cm = optim.ConfusionMatrix(3)
      assert.has_error(function() cm:add(4, 1) end, 'optim.ConfusionMatrix: prediction 4 is not a class index in 1..3')
      assert.has_error(function() cm:batchAdd(torch.LongTensor{1, 2}, torch.LongTensor{1}) end)
      assert.has_error(function() cm:batchAdd(torch.DoubleTensor(2, 4), torch.LongTensor{1, 2}) end)
      assert.has_error(function() cm:add(torch.DoubleTensor{1, 2}, 1) end)
   end)
end)
