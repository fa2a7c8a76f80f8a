--[[ nn.MultiMarginCriterion([p = 1] [, weights] [, margin = 1]) — the multi-class hinge loss: the
target class's score should beat every other class's by at least `margin`.

   input    n scores (one sample) or N x n (a batch)
   target   a class index 1..n (a number or a one-element tensor) for one sample; a tensor of N
            class indexes for a batch
   loss     per sample: sum over i ~= y of w[y] * max(0, margin - x[y] + x[i])^p / n; summed
            over the batch and divided by N when sizeAverage
   p        1 or 2
   weights  a 1-d tensor of n class weights (w[y] scales the terms of a sample of class y)

A class index outside 1..n is an error naming the criterion, the sample and the index. Fields
as Torch7: p, margin, weights, sizeAverage.
]]

require 'torch'

local MultiMarginCriterion, parent = torch.class('nn.MultiMarginCriterion', 'nn.Criterion')

function MultiMarginCriterion:__init(p, weights, margin)
   parent.__init(self)
   if p ~= nil and p ~= 1 and p ~= 2 then
      error('nn.MultiMarginCriterion: only p = 1 and p = 2 are supported, got ' .. tostring(p), 2)
   end
   self.p = p or 1
   self.margin = margin or 1
   self.sizeAverage = true
   if weights ~= nil then
      if not torch.isTensor(weights) or weights:dim() ~= 1 then
         error('nn.MultiMarginCriterion: weights must be a 1-d tensor, got ' .. torch.type(weights), 2)
      end
      self.weights = weights
   end
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- input as N x n and the targets as an N x 1 LongTensor, checked.
local function prepare(self, input, target)
   if not torch.isTensor(input) or (input:dim() ~= 1 and input:dim() ~= 2) then
      error('nn.MultiMarginCriterion: input must be n scores or an N x n batch, got ' .. describe(input), 4)
   end
   local x = input:dim() == 1 and input:view(1, input:nElement()) or input
   local N, n = x:size(1), x:size(2)
   local index = self._target or torch.LongTensor()
   self._target = index
   if type(target) == 'number' and N == 1 then
      index:resize(1, 1):fill(target)
   elseif torch.isTensor(target) and target:nElement() == N then
      index:resize(N, 1):copy(target)
   else
      error(string.format('nn.MultiMarginCriterion: target must hold one class index per sample: %d, got %s', N,
         type(target) == 'number' and tostring(target) or describe(target)), 4)
   end
   if N > 0 and (index:min() < 1 or index:max() > n) then
      for i = 1, N do
         local v = index[i][1]
         if v < 1 or v > n then
            error(string.format('nn.MultiMarginCriterion: target %d (sample %d) is out of range: classes are 1 to %d',
               v, i, n), 4)
         end
      end
   end
   if self.weights and (self.weights:type() ~= x:type() or self.weights:nElement() ~= n) then
      error(string.format('nn.MultiMarginCriterion: weights %s do not fit input %s', describe(self.weights),
         describe(input)), 4)
   end
   for _, name in ipairs({ 'z', 'xy', 'mask', 'wy', 'rowsum' }) do
      if self[name] == nil or self[name]:type() ~= x:type() then
         self[name] = x.new()
      end
   end
   return x, index
end

-- z = max(0, margin - x[y] + x[i]), 0 at i == y; wy = w[y] per sample (N x 1) or nil.
local function hinge(self, x, index)
   local xy = self.xy:gather(x, 2, index)
   local z = self.z:resizeAs(x):copy(x):add(-1, xy):add(self.margin)
   z:scatter(2, index, 0)
   z:cmax(0)
   local wy
   if self.weights then
      wy = self.wy:index(self.weights, 1, index:view(index:nElement())):resize(x:size(1), 1)
   end
   return z, wy
end

function MultiMarginCriterion:updateOutput(input, target)
   local x, index = prepare(self, input, target)
   local N, n = x:size(1), x:size(2)
   if N == 0 then
      self.output = 0
      return 0
   end
   local z, wy = hinge(self, x, index)
   if self.p == 2 then
      z:cmul(z)
   end
   if wy then
      z:cmul(wy)
   end
   local output = z:sum() / n
   if self.sizeAverage then
      output = output / N
   end
   self.output = output
   return output
end

function MultiMarginCriterion:updateGradInput(input, target)
   local x, index = prepare(self, input, target)
   local N, n = x:size(1), x:size(2)
   local z, wy = hinge(self, x, index)
   local g = self.gradInput:resizeAs(x)
   if self.p == 1 then
      g:gt(z, 0)
   else
      g:copy(z):mul(2)
   end
   if wy then
      g:cmul(wy)
   end
   g:div(self.sizeAverage and n * N or n)
   -- the target class gets minus the sum of the others
   local rowsum = self.rowsum:sum(g, 2):mul(-1)
   g:scatter(2, index, rowsum)
   if input:dim() == 1 then
      g:resize(input:size())
   end
   return g
end

function MultiMarginCriterion:clearState()
   nn.utils.clear(self, 'z', 'xy', 'mask', 'wy', 'rowsum', '_target')
   return parent.clearState(self)
end

return MultiMarginCriterion
