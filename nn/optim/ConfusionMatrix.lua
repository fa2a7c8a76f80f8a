--[[ optim.ConfusionMatrix — counts of (target, prediction) pairs for classification, Torch7's.

   local cm = optim.ConfusionMatrix(10)                    -- or ({'cat', 'dog', ...}) / (n, classes)
   cm:add(prediction, target)     -- numbers (class indices), or a score vector and an index,
                                  -- or two vectors (the index of each one's maximum)
   cm:batchAdd(predictions, targets)  -- predictions: N indices or N×C scores; targets: N indices
                                      -- or N×C (one-hot: index of the maximum)
   print(cm)                      -- the matrix with per-class and average accuracies
   cm:zero()

Fields as Torch7: nclasses, classes, mat (LongTensor nclasses×nclasses, rows = targets, columns =
predictions), valids (FloatTensor: per-class accuracy), unionvalids (FloatTensor: per-class
intersection over union), totalValid (global accuracy), averageValid, averageUnionValid (means
over classes that have samples), all set by updateValids() (tostring calls it). valids and
unionvalids are float, as in Torch7, so the averages show float rounding (72.222222884496%).
]]

require 'torch'
local ffi = require 'ffi'

local ConfusionMatrix = torch.class('optim.ConfusionMatrix')

function ConfusionMatrix:__init(nclasses, classes)
   if type(nclasses) == 'table' then
      classes = nclasses
      nclasses = #classes
   end
   if type(nclasses) ~= 'number' or nclasses < 1 then
      error('optim.ConfusionMatrix: expected a number of classes or a table of class names', 2)
   end
   self.mat = torch.LongTensor(nclasses, nclasses):zero()
   self.valids = torch.FloatTensor(nclasses):zero()
   self.unionvalids = torch.FloatTensor(nclasses):zero()
   self.nclasses = nclasses
   self.totalValid = 0
   self.averageValid = 0
   self.averageUnionValid = 0
   self.classes = classes or {}
end

local function check_class(self, c, what)
   if c ~= c or c < 1 or c > self.nclasses or c % 1 ~= 0 then
      error(string.format('optim.ConfusionMatrix: %s %s is not a class index in 1..%d',
         what, tostring(c), self.nclasses), 3)
   end
end

local function argmax(v, n)
   local best, bi = -math.huge, 1
   for i = 1, n do
      local x = v[i]
      if x > best then best, bi = x, i end
   end
   return bi
end

local function to_index(self, v, what)
   if type(v) == 'number' then
      return v
   end
   if v:nElement() == 1 then
      return v:view(1)[1]
   end
   if v:nElement() ~= self.nclasses then
      error(string.format('optim.ConfusionMatrix: %s has %d elements, expected %d (one per class)',
         what, v:nElement(), self.nclasses), 3)
   end
   return argmax(v:contiguous():view(self.nclasses), self.nclasses)
end

function ConfusionMatrix:add(prediction, target)
   local p = to_index(self, prediction, 'prediction')
   local t = to_index(self, target, 'target')
   check_class(self, p, 'prediction')
   check_class(self, t, 'target')
   local m = torch.data(self.mat)
   local k = (t - 1) * self.nclasses + (p - 1)
   m[k] = m[k] + 1
   return self
end

-- Index of the maximum of each row of a contiguous double copy (N×C), or the values (N).
local function indices(self, x, what)
   if x:dim() == 1 then
      local d = x:double():contiguous()
      return d, false
   elseif x:dim() == 2 and x:size(2) == self.nclasses then
      return x:double():contiguous(), true
   end
   error(string.format('optim.ConfusionMatrix.batchAdd: %s must be N or Nx%d, got %s', what,
      self.nclasses, table.concat(x:size():totable(), 'x')), 3)
end

function ConfusionMatrix:batchAdd(predictions, targets)
   local P, p2 = indices(self, predictions, 'predictions')
   local T, t2 = indices(self, targets, 'targets')
   local n = P:size(1)
   if T:size(1) ~= n then
      error(string.format('optim.ConfusionMatrix.batchAdd: %d predictions but %d targets', n, T:size(1)), 2)
   end
   local C = self.nclasses
   local pp, tp, m = torch.data(P), torch.data(T), torch.data(self.mat)
   for i = 0, n - 1 do
      local p, t
      if p2 then
         local best = -math.huge
         p = 1
         for j = 0, C - 1 do
            local v = pp[i * C + j]
            if v > best then best, p = v, j + 1 end
         end
      else
         p = pp[i]
      end
      if t2 then
         local best = -math.huge
         t = 1
         for j = 0, C - 1 do
            local v = tp[i * C + j]
            if v > best then best, t = v, j + 1 end
         end
      else
         t = tp[i]
      end
      check_class(self, p, 'prediction')
      check_class(self, t, 'target')
      local k = (t - 1) * C + (p - 1)
      m[k] = m[k] + 1
   end
   return self
end

function ConfusionMatrix:zero()
   self.mat:zero()
   self.valids:zero()
   self.unionvalids:zero()
   self.totalValid = 0
   self.averageValid = 0
   self.averageUnionValid = 0
   return self
end

function ConfusionMatrix:updateValids()
   local C = self.nclasses
   local m = torch.data(self.mat)
   local valids, unionvalids = torch.data(self.valids), torch.data(self.unionvalids)
   local total, all = 0, 0
   for t = 0, C - 1 do
      local row, col = 0, 0
      for j = 0, C - 1 do
         row = row + tonumber(m[t * C + j])
         col = col + tonumber(m[j * C + t])
      end
      local diag = tonumber(m[t * C + t])
      valids[t] = diag / row
      unionvalids[t] = diag / (row + col - diag)
      total = total + diag
      all = all + row
   end
   self.totalValid = total / all
   local av, auv, nv, nuv = 0, 0, 0, 0
   for t = 0, C - 1 do
      local v, u = valids[t], unionvalids[t]
      if v == v then av, nv = av + v, nv + 1 end
      if u == u then auv, nuv = auv + u, nuv + 1 end
   end
   self.averageValid = av / nv
   self.averageUnionValid = auv / nuv
   return self
end

function ConfusionMatrix:__tostring__()
   self:updateValids()
   local C = self.nclasses
   local str = {'ConfusionMatrix:\n'}
   local maxCnt = self.mat:max()
   local nDigits = math.max(8, 1 + math.ceil(math.log10(maxCnt)))
   local m = torch.data(self.mat)
   local valids = torch.data(self.valids)
   local named = self.classes and self.classes[1]
   table.insert(str, '[')
   for t = 1, C do
      local pclass = string.format('%2.3f', valids[t - 1] * 100)
      table.insert(str, t == 1 and '[' or ' [')
      for p = 1, C do
         table.insert(str, string.format('%' .. nDigits .. 'd', tonumber(m[(t - 1) * C + p - 1])))
      end
      local close = t == C and ']]  ' or ']   '
      if named then
         table.insert(str, close .. pclass .. '% \t[class: ' .. (self.classes[t] or '') .. ']\n')
      else
         table.insert(str, close .. pclass .. '% \n')
      end
   end
   table.insert(str, ' + average row correct: ' .. (self.averageValid * 100) .. '% \n')
   table.insert(str, ' + average rowUcol correct (VOC measure): ' .. (self.averageUnionValid * 100) .. '% \n')
   table.insert(str, ' + global correct: ' .. (self.totalValid * 100) .. '%')
   return table.concat(str)
end

return optim.ConfusionMatrix
