--[[ nn.CosineEmbeddingCriterion([margin = 0]) — for pairs {x1, x2} labelled similar (1) or
dissimilar (-1), on their cosine similarity.

   input    {x1, x2}: two vectors of n elements, or two N x n batches of them
   target   for vectors: 1 or -1 (a number or a one-element tensor); for batches: a tensor of N
            labels
   loss     per pair: 1 - cos(x1, x2) if y == 1; max(0, cos(x1, x2) - margin) if y == -1; summed
            over the batch, divided by N when sizeAverage
   margin   between -1 and 1; 0 to 0.5 is suggested

cos = x1.x2 / sqrt((|x1|^2 + eps)(|x2|^2 + eps)) with eps = 1e-12 (Torch7's), so zero vectors
give 0 instead of NaN. gradInput is {dx1, dx2}, the inputs' shapes.
]]

require 'torch'

local CosineEmbeddingCriterion, parent = torch.class('nn.CosineEmbeddingCriterion', 'nn.Criterion')

local EPS = 1e-12

function CosineEmbeddingCriterion:__init(margin)
   parent.__init(self)
   self.margin = margin or 0
   self.sizeAverage = true
   self.gradInput = { torch.Tensor(), torch.Tensor() }
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- The inputs as N x n matrices and the labels as an N x 1 tensor of their type.
local function prepare(self, input, y)
   local x1, x2 = type(input) == 'table' and input[1], type(input) == 'table' and input[2]
   if not torch.isTensor(x1) or not torch.isTensor(x2) or not x1:isSameSizeAs(x2) or x1:type() ~= x2:type()
         or (x1:dim() ~= 1 and x1:dim() ~= 2) then
      error('nn.CosineEmbeddingCriterion: input must be a table of two vectors or two N x n batches of one size '
         .. 'and type, got ' .. (type(input) == 'table' and (describe(x1) .. ' and ' .. describe(x2))
            or describe(input)), 4)
   end
   if x1:dim() == 1 then
      x1 = x1:view(1, x1:nElement())
      x2 = x2:view(1, x2:nElement())
   end
   local N = x1:size(1)
   self._y = self._y or x1.new()
   if type(y) == 'number' and N == 1 then
      self._y:resize(1, 1):fill(y)
   elseif torch.isTensor(y) and y:nElement() == N then
      self._y:resize(N, 1):copy(y)
   else
      error(string.format('nn.CosineEmbeddingCriterion: target must hold one label (1 or -1) per pair: %d, got %s',
         N, type(y) == 'number' and tostring(y) or describe(y)), 4)
   end
   for _, name in ipairs({ 'buffer', 'w1', 'w22', 'w32', 'denom', 'cos', 'coef' }) do
      self[name] = self[name] or x1.new()
   end
   return x1, x2, self._y
end

-- cos and its parts, per pair (N x 1 each): w1 = x1.x2, w22 = |x1|^2 + eps, w32 = |x2|^2 + eps
local function cosine(self, x1, x2)
   local buffer = self.buffer
   buffer:resizeAs(x1):cmul(x1, x2)
   self.w1:sum(buffer, 2)
   buffer:cmul(x1, x1)
   self.w22:sum(buffer, 2):add(EPS)
   buffer:cmul(x2, x2)
   self.w32:sum(buffer, 2):add(EPS)
   self.denom:resizeAs(self.w22):cmul(self.w22, self.w32):sqrt()
   self.cos:resizeAs(self.w1):cdiv(self.w1, self.denom)
   return self.cos
end

function CosineEmbeddingCriterion:updateOutput(input, y)
   local x1, x2
   x1, x2, y = prepare(self, input, y)
   local N = x1:size(1)
   local cos = cosine(self, x1, x2)
   local output = 0
   for i = 1, N do
      local c, label = cos[i][1], y[i][1]
      if label == 1 then
         output = output + 1 - c
      elseif label == -1 then
         output = output + math.max(0, c - self.margin)
      else
         error(string.format('nn.CosineEmbeddingCriterion: target %s (pair %d) must be 1 or -1', tostring(label), i), 2)
      end
   end
   if self.sizeAverage then
      output = output / N
   end
   self.output = output
   return output
end

function CosineEmbeddingCriterion:updateGradInput(input, y)
   local x1, x2
   x1, x2, y = prepare(self, input, y)
   local N = x1:size(1)
   local cos = cosine(self, x1, x2)
   -- coef = dLoss/dcos per pair: -1 (similar), 1 (dissimilar and cos > margin), else 0
   local coef = self.coef:resizeAs(cos)
   for i = 1, N do
      local label = y[i][1]
      coef[i][1] = (label == 1 and -1) or ((label == -1 and cos[i][1] > self.margin) and 1) or 0
   end
   if self.sizeAverage then
      coef:div(N)
   end
   for k = 1, 2 do
      if not torch.isTensor(self.gradInput[k]) or self.gradInput[k]:type() ~= x1:type() then
         self.gradInput[k] = x1.new()
      end
   end
   -- dcos/dx1 = x2 / denom - cos * x1 / w22, and symmetrically for x2
   local g1, g2, buffer = self.gradInput[1], self.gradInput[2], self.buffer
   local scale = self.w1:resizeAs(coef):cdiv(coef, self.denom)          -- coef / denom
   g1:resizeAs(x1):copy(x2):cmul(scale)
   g2:resizeAs(x2):copy(x1):cmul(scale)
   scale:cmul(coef, cos)                                                  -- coef * cos
   buffer:resizeAs(scale):cdiv(scale, self.w22)
   g1:addcmul(-1, x1, buffer)
   buffer:cdiv(scale, self.w32)
   g2:addcmul(-1, x2, buffer)
   if input[1]:dim() == 1 then
      g1:resize(input[1]:size())
      g2:resize(input[2]:size())
   end
   return self.gradInput
end

function CosineEmbeddingCriterion:clearState()
   nn.utils.clear(self, 'buffer', 'w1', 'w22', 'w32', 'denom', 'cos', 'coef', '_y')
   self.gradInput = { torch.Tensor(), torch.Tensor() }
   return self
end

return CosineEmbeddingCriterion
