--[[ nn.ClassNLLCriterion([weights] [, sizeAverage = true] [, ignoreIndex = -100]) — the negative
log-likelihood of class targets, for inputs of log-probabilities (a network ending in LogSoftMax).

   input    n (one sample: log-probabilities of n classes) or N x n (a batch)
   target   a class index 1..n (a number, or a tensor of one element) for one sample; a tensor
            of N class indexes for a batch (any tensor type: LongTensor, DoubleTensor, ...)
   loss     -sum_i weights[t_i] * input[i][t_i], divided by sum_i weights[t_i] when sizeAverage
            (so unweighted it is the mean over the batch)
   weights  a 1-d tensor of n class weights (default: all 1)
   ignoreIndex   samples whose target is this value count for nothing (loss, gradient, average)

A target outside 1..n is an error naming the criterion, the sample and the index. Fields as
Torch7: weights, sizeAverage, ignoreIndex, target (the one-element buffer for a number target);
total_weight is the total weight of the last forward (a number). The loss and its gradient are C kernels (core/nn_loss.c) that read the targets
as they lie, so a training step converts and allocates nothing.
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local ClassNLLCriterion, parent = torch.class('nn.ClassNLLCriterion', 'nn.Criterion')

-- The C kernels write the loss and the total weight here (shared; read at once after each call).
local RESULT = ffi.new('double[2]')

function ClassNLLCriterion:__init(weights, sizeAverage, ignoreIndex)
   parent.__init(self)
   if sizeAverage ~= nil then
      self.sizeAverage = sizeAverage
   else
      self.sizeAverage = true
   end
   self.ignoreIndex = ignoreIndex or -100
   if weights ~= nil then
      if not torch.isTensor(weights) or weights:dim() ~= 1 then
         error('nn.ClassNLLCriterion: weights must be a 1-d tensor, got ' .. torch.type(weights), 2)
      end
      self.weights = weights
   end
   self.target = torch.LongTensor(1):zero()
end

local function check(rc)
   if rc ~= 0 then
      error(ffi.string(C.wk_last_error()), 3)
   end
end

-- The target as a tensor: a number goes into the one-element buffer.
local function target_tensor(self, target)
   if type(target) == 'number' then
      local buffer = self.target
      if not torch.isTensor(buffer) or buffer:nElement() ~= 1 then
         buffer = torch.LongTensor(1)
         self.target = buffer
      end
      buffer[1] = target
      return buffer
   elseif torch.isTensor(target) then
      return target
   end
   error('nn.ClassNLLCriterion: target must be a class index or a tensor of them, got ' .. torch.type(target), 3)
end

local function check_types(self, input)
   if not torch.isTensor(input) then
      error('nn.ClassNLLCriterion: input must be a tensor of log-probabilities, got ' .. torch.type(input), 3)
   end
   local weights = self.weights
   if weights and weights:type() ~= input:type() then
      error(string.format('nn.ClassNLLCriterion: input is a %s but the weights are a %s (convert the criterion)',
         input:type(), weights:type()), 3)
   end
end

function ClassNLLCriterion:updateOutput(input, target)
   check_types(self, input)
   target = target_tensor(self, target)
   check(C.wk_nn_class_nll_forward(input, target, RESULT, RESULT + 1, self.weights, self.sizeAverage and 1 or 0,
      self.ignoreIndex, 1))
   local output, total = RESULT[0], RESULT[1]
   self.output = output
   self.total_weight = total
   return output
end

function ClassNLLCriterion:updateGradInput(input, target)
   check_types(self, input)
   target = target_tensor(self, target)
   check(C.wk_nn_class_nll_backward(input, target, self.gradInput, self.weights, self.sizeAverage and 1 or 0,
      self.ignoreIndex, 1))
   return self.gradInput
end

return ClassNLLCriterion
