--[[ nn.BCECriterion([weights] [, sizeAverage = true]) — the binary cross-entropy between
probabilities and binary targets (a network ending in Sigmoid).

   input    probabilities in [0, 1], any shape
   target   the same number of elements, values in [0, 1]
   loss     -sum_i w_i (t_i log(x_i + eps) + (1 - t_i) log(1 - x_i + eps)), divided by the number
            of elements when sizeAverage; eps = 1e-12 (Torch7's) keeps log finite at 0 and 1
   weights  a tensor broadcast against the input (as Torch7: a vector of the last dimension's
            size weighs the columns of an N x n batch)
   gradInput  w (x - t) / ((x + eps)(1 - x + eps)) (/ n)
]]

require 'torch'

local BCECriterion, parent = torch.class('nn.BCECriterion', 'nn.Criterion')

local EPS = 1e-12

function BCECriterion:__init(weights, sizeAverage)
   parent.__init(self)
   if sizeAverage ~= nil then
      self.sizeAverage = sizeAverage
   else
      self.sizeAverage = true
   end
   if weights ~= nil then
      if not torch.isTensor(weights) or weights:dim() ~= 1 then
         error('nn.BCECriterion: weights must be a 1-d tensor, got ' .. torch.type(weights), 2)
      end
      self.weights = weights
   end
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check(self, input, target)
   if not torch.isTensor(input) or not torch.isTensor(target) or input:nElement() ~= target:nElement()
         or input:type() ~= target:type() then
      error(string.format('nn.BCECriterion: input and target must be tensors of one type and the same number of '
         .. 'elements, got %s and %s', describe(input), describe(target)), 3)
   end
   local weights = self.weights
   if weights and (weights:type() ~= input:type()
         or (weights:nElement() ~= input:nElement() and weights:nElement() ~= input:size(input:dim()))) then
      error(string.format('nn.BCECriterion: weights %s do not fit input %s', describe(weights), describe(input)), 3)
   end
   self.buffer = self.buffer or input.new()
end

-- The weights as they multiply a tensor shaped like input.
local function weights_for(self, input)
   local weights = self.weights
   if weights and weights:nElement() == input:nElement() and input:dim() > 1 then
      return weights:view(input:size())
   end
   return weights
end

function BCECriterion:updateOutput(input, target)
   check(self, input, target)
   local n = input:nElement()
   if n == 0 then
      self.output = 0
      return 0
   end
   local weights = weights_for(self, input)
   local buffer = self.buffer
   local t = target:nElement() == n and not target:isSameSizeAs(input) and target:view(input:size()) or target
   -- sum t log(x + eps)
   buffer:resizeAs(input):copy(input):add(EPS):log()
   if weights then
      buffer:cmul(weights)
   end
   local output = buffer:dot(t)
   -- + sum (1 - t) log(1 - x + eps)
   buffer:copy(input):mul(-1):add(1 + EPS):log()
   if weights then
      buffer:cmul(weights)
   end
   output = output + buffer:sum() - buffer:dot(t)
   output = -output
   if self.sizeAverage then
      output = output / n
   end
   self.output = output
   return output
end

function BCECriterion:updateGradInput(input, target)
   check(self, input, target)
   local n = input:nElement()
   local weights = weights_for(self, input)
   local buffer, gradInput = self.buffer, self.gradInput
   local t = target:nElement() == n and not target:isSameSizeAs(input) and target:view(input:size()) or target
   -- (x - t) / ((x + eps)(1 - x + eps))
   buffer:resizeAs(input):copy(input):mul(-1):add(1 + EPS)
   gradInput:resizeAs(input):copy(input):add(EPS):cmul(buffer)
   buffer:copy(input):add(-1, t)
   gradInput:cdiv(buffer, gradInput)
   if weights then
      gradInput:cmul(weights)
   end
   if self.sizeAverage and n > 0 then
      gradInput:div(n)
   end
   return gradInput
end

function BCECriterion:clearState()
   nn.utils.clear(self, 'buffer')
   return parent.clearState(self)
end

return BCECriterion
