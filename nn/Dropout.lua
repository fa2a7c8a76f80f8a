--[[ nn.Dropout([p = 0.5] [, v1] [, inplace] [, stochasticInference]) — zeroes each input element
with probability p while training.

   input    any shape; output the same shape
   p        the probability of dropping an element, 0 <= p < 1
   v1       true: Torch7's first version (no scaling while training, outputs scaled by 1 - p in
            evaluation); default false (v2): inverted dropout, kept elements are scaled by
            1 / (1 - p) while training and evaluation passes the input through unchanged
   inplace  true: the output is the input itself (and gradInput the gradOutput)
   stochasticInference   true: drop elements in evaluation mode too (Monte Carlo dropout)

   dropout:setp(p)      changes p

The mask of a forward pass (`noise`, of the input's shape and type: 0 or 1/(1-p)) is kept for
backward, which multiplies gradOutput by it. In evaluation (without stochasticInference) backward
passes gradOutput through (v2) or scales it by 1 - p (v1); Torch7 raised an error there.
Fields as Torch7: p, train, v2, inplace, noise, stochastic_inference.
]]

require 'torch'

local Dropout, parent = torch.class('nn.Dropout', 'nn.Module')

function Dropout:__init(p, v1, inplace, stochasticInference)
   parent.__init(self)
   self.p = p or 0.5
   self.train = true
   self.inplace = inplace
   self.stochastic_inference = stochasticInference or false
   -- version 2 scales the output during training instead of evaluation
   self.v2 = not v1
   if type(self.p) ~= 'number' or self.p >= 1 or self.p < 0 then
      error(string.format('nn.Dropout: illegal percentage %s, must be 0 <= p < 1', tostring(self.p)), 2)
   end
   self.noise = torch.Tensor()
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check_tensor(name, t, what)
   if not torch.isTensor(t) then
      error(string.format('nn.%s: %s must be a tensor, got %s', name, what, describe(t)), 4)
   end
end

-- Whether this pass drops elements.
local function dropping(self)
   return self.p > 0 and (self.train or self.stochastic_inference)
end

function Dropout:updateOutput(input)
   check_tensor('Dropout', input, 'input')
   if self.inplace then
      self.output:set(input)
   else
      self.output:resizeAs(input):copy(input)
   end
   if dropping(self) then
      local noise = self.noise
      noise:resizeAs(input):bernoulli(1 - self.p)
      if self.v2 then
         noise:div(1 - self.p)
      end
      self.output:cmul(noise)
   elseif not self.v2 and self.p > 0 then
      self.output:mul(1 - self.p)
   end
   return self.output
end

function Dropout:updateGradInput(input, gradOutput)
   check_tensor('Dropout', gradOutput, 'gradOutput')
   if gradOutput:nElement() ~= input:nElement() then
      error(string.format('nn.Dropout: gradOutput %s does not match input %s', describe(gradOutput), describe(input)), 3)
   end
   if self.inplace then
      self.gradInput:set(gradOutput)
   else
      self.gradInput:resizeAs(gradOutput):copy(gradOutput)
   end
   if dropping(self) then
      if self.noise:nElement() ~= gradOutput:nElement() then
         error('nn.Dropout: backward needs the mask of a forward pass on this input (call forward first)', 3)
      end
      self.gradInput:cmul(self.noise)
   elseif not self.v2 and self.p > 0 then
      self.gradInput:mul(1 - self.p)
   end
   return self.gradInput
end

function Dropout:setp(p)
   if type(p) ~= 'number' or p >= 1 or p < 0 then
      error(string.format('nn.Dropout: illegal percentage %s, must be 0 <= p < 1', tostring(p)), 2)
   end
   self.p = p
end

function Dropout:__tostring__()
   return string.format('%s(%f)', torch.type(self), self.p)
end

function Dropout:clearState()
   if self.noise then
      self.noise:set()
   end
   return parent.clearState(self)
end

return Dropout
