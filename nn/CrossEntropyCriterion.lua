--[[ nn.CrossEntropyCriterion([weights] [, sizeAverage = true] [, ignoreIndex = -100]) — LogSoftMax
and ClassNLLCriterion in one: the cross-entropy of class targets, for inputs of raw scores.

   input    n (one sample: scores of n classes) or N x n (a batch)
   target   as nn.ClassNLLCriterion: a class index 1..n (number or one-element tensor), or a
            tensor of N class indexes
   loss     sum_i weights[t_i] * (-input[i][t_i] + log(sum_j exp(input[i][j]))), divided by
            sum_i weights[t_i] when sizeAverage
   weights  a 1-d tensor of n class weights

Fields: nll (the nn.ClassNLLCriterion holding weights and ignoreIndex, as Torch7), sizeAverage
(read at each call), probs (the softmax of the last forward, kept for backward). One fused C
kernel per pass (core/nn_loss.c): the softmax of each row and the loss in forward (one exp per
element), and gradInput = weights[t] * (probs - onehot(t)) (/ total weight) in backward (no exp);
no allocation once the buffers have their size. Unlike Torch7, the input is not squeezed: a 1 x n input is a batch
of one.
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local CrossEntropyCriterion, parent = torch.class('nn.CrossEntropyCriterion', 'nn.Criterion')

local RESULT = ffi.new('double[2]')

function CrossEntropyCriterion:__init(weights, sizeAverage, ignoreIndex)
   parent.__init(self)
   self.nll = nn.ClassNLLCriterion(weights, sizeAverage, ignoreIndex)
   self.sizeAverage = self.nll.sizeAverage
   self.probs = torch.Tensor()
end

local function check(rc)
   if rc ~= 0 then
      error(ffi.string(C.wk_last_error()), 3)
   end
end

local function target_tensor(self, target)
   if type(target) == 'number' then
      local nll = self.nll
      local buffer = nll.target
      if not torch.isTensor(buffer) or buffer:nElement() ~= 1 then
         buffer = torch.LongTensor(1)
         nll.target = buffer
      end
      buffer[1] = target
      return buffer
   elseif torch.isTensor(target) then
      return target
   end
   error('nn.CrossEntropyCriterion: target must be a class index or a tensor of them, got ' .. torch.type(target), 3)
end

local function check_types(self, input)
   if not torch.isTensor(input) then
      error('nn.CrossEntropyCriterion: input must be a tensor of scores, got ' .. torch.type(input), 3)
   end
   local weights = self.nll.weights
   if weights and weights:type() ~= input:type() then
      error(string.format('nn.CrossEntropyCriterion: input is a %s but the weights are a %s (convert the criterion)',
         input:type(), weights:type()), 3)
   end
   if self.probs:type() ~= input:type() then
      self.probs = input.new()
   end
end

function CrossEntropyCriterion:updateOutput(input, target)
   check_types(self, input)
   target = target_tensor(self, target)
   local nll = self.nll
   nll.sizeAverage = self.sizeAverage
   check(C.wk_nn_cross_entropy_forward(input, target, self.probs, RESULT, RESULT + 1, nll.weights,
      self.sizeAverage and 1 or 0, nll.ignoreIndex, 1))
   local output = RESULT[0]
   nll.output = output
   nll.total_weight = RESULT[1]
   self.output = output
   return output
end

function CrossEntropyCriterion:updateGradInput(input, target)
   check_types(self, input)
   target = target_tensor(self, target)
   local probs = self.probs
   if probs:nElement() ~= input:nElement() then
      error('nn.CrossEntropyCriterion: backward needs a forward pass on this input first', 2)
   end
   local nll = self.nll
   check(C.wk_nn_cross_entropy_backward(probs, target, self.gradInput, nll.weights, self.sizeAverage and 1 or 0,
      nll.ignoreIndex, 1))
   return self.gradInput
end

function CrossEntropyCriterion:clearState()
   nn.utils.clear(self, 'probs')
   self.nll:clearState()
   return parent.clearState(self)
end

return CrossEntropyCriterion
