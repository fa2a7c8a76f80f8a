--[[ nn.MultiLabelMarginCriterion() — the multi-class multi-label hinge loss: every target class's
score should beat every non-target class's by at least 1.

   input    n scores (one sample) or N x n (a batch)
   target   the same shape: each row lists the sample's target classes (indexes 1..n) first,
            ended by the first 0 (what follows it is ignored), e.g. {3, 1, 0, 0}
   loss     per sample: sum over targets j and non-targets i of max(0, 1 - (x[j] - x[i])) / n;
            summed over the batch and divided by N when sizeAverage

A class index outside 0..n is an error naming the criterion, the sample and the index. Fields as
Torch7: sizeAverage, isTarget (input's shape: 1 where the class is a target, after forward).
A loop over raw element pointers (the work is small: targets x classes per sample).
]]

require 'torch'

local ffi = require 'ffi'

local MultiLabelMarginCriterion, parent = torch.class('nn.MultiLabelMarginCriterion', 'nn.Criterion')

function MultiLabelMarginCriterion:__init()
   parent.__init(self)
   self.sizeAverage = true
   self.isTarget = torch.Tensor()
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- Contiguous N x n views of the input and of the targets (a LongTensor), and isTarget filled.
-- Returns x, targets, N, n and the number of targets of each sample (a table).
local function prepare(self, input, target)
   if not torch.isTensor(input) or (input:dim() ~= 1 and input:dim() ~= 2) then
      error('nn.MultiLabelMarginCriterion: input must be n scores or an N x n batch, got ' .. describe(input), 4)
   end
   if not torch.isTensor(target) or target:nElement() ~= input:nElement() then
      error(string.format('nn.MultiLabelMarginCriterion: target must have the input\'s shape, got %s for input %s',
         describe(target), describe(input)), 4)
   end
   local n = input:size(input:dim())
   local N = input:nElement() / math.max(n, 1)
   if self._input == nil or self._input:type() ~= input:type() then
      self._input = input.new()
   end
   local x = input
   if not x:isContiguous() then
      x = self._input:resizeAs(input):copy(input)
   end
   self._target = self._target or torch.LongTensor()
   local targets = self._target:resize(N, n):copy(target)
   if self.isTarget:type() ~= input:type() then
      self.isTarget = input.new()
   end
   local isTarget = self.isTarget:resize(N, n):zero()
   local tp = torch.data(targets)
   local mp = torch.data(isTarget)
   local counts = {}
   for s = 0, N - 1 do
      local k = 0
      while k < n do
         local c = tonumber(tp[s * n + k])
         if c == 0 then
            break
         end
         if c < 1 or c > n then
            error(string.format('nn.MultiLabelMarginCriterion: target %d (sample %d, position %d) is out of range: '
               .. 'classes are 1 to %d (0 ends the list)', c, s + 1, k + 1, n), 4)
         end
         mp[s * n + c - 1] = 1
         k = k + 1
      end
      counts[s + 1] = k
   end
   if input:dim() == 1 then
      isTarget:resize(n)
   end
   return x, targets, N, n, counts
end

function MultiLabelMarginCriterion:updateOutput(input, target)
   local x, targets, N, n, counts = prepare(self, input, target)
   local xp, tp, mp = torch.data(x), torch.data(targets), torch.data(self.isTarget)
   local sum = 0
   for s = 0, N - 1 do
      local row = s * n
      for k = 0, counts[s + 1] - 1 do
         local xj = xp[row + tonumber(tp[row + k]) - 1]
         for i = 0, n - 1 do
            if mp[row + i] == 0 then
               local z = 1 - xj + xp[row + i]
               if z > 0 then
                  sum = sum + z
               end
            end
         end
      end
   end
   local output = n > 0 and sum / n or 0
   if self.sizeAverage and N > 0 then
      output = output / N
   end
   self.output = output
   return output
end

function MultiLabelMarginCriterion:updateGradInput(input, target)
   local x, targets, N, n, counts = prepare(self, input, target)
   local gradInput = self.gradInput:resizeAs(x):zero()
   local xp, tp, mp, gp = torch.data(x), torch.data(targets), torch.data(self.isTarget), torch.data(gradInput)
   local g = 1 / n
   if self.sizeAverage and N > 0 then
      g = g / N
   end
   for s = 0, N - 1 do
      local row = s * n
      for k = 0, counts[s + 1] - 1 do
         local j = row + tonumber(tp[row + k]) - 1
         local xj = xp[j]
         for i = 0, n - 1 do
            if mp[row + i] == 0 and 1 - xj + xp[row + i] > 0 then
               gp[j] = gp[j] - g
               gp[row + i] = gp[row + i] + g
            end
         end
      end
   end
   gradInput:resizeAs(input)
   return gradInput
end

function MultiLabelMarginCriterion:clearState()
   nn.utils.clear(self, '_input', '_target')
   return parent.clearState(self)
end

return MultiLabelMarginCriterion
