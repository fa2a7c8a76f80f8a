--[[ nn.SoftPlus([beta = 1] [, threshold = 20]) — y = log(1 + exp(beta * x)) / beta, a smooth ReLU.

   input    any shape, float or double; output the same shape
   Where beta * x > threshold the output is x itself (the two agree there to within e^-threshold,
   and exp would overflow).
   gradInput = gradOutput * (1 - exp(-beta * y)), and gradOutput where beta * y > threshold
            (read from the output: forward comes first)

Fields as Torch7: beta, threshold.
]]

require 'torch'

local SoftPlus, parent = torch.class('nn.SoftPlus', 'nn.Module')

function SoftPlus:__init(beta, threshold)
   parent.__init(self)
   self.beta = beta or 1
   self.threshold = threshold or 20
   if type(self.beta) ~= 'number' or type(self.threshold) ~= 'number' then
      error('nn.SoftPlus([beta [, threshold]]): numbers expected', 2)
   end
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- A tensor of the module's type, else an error naming the module.
local function check_tensor(self, t, what)
   if not torch.isTensor(t) then
      error(string.format('%s: %s must be a tensor, got %s', torch.type(self), what, describe(t)), 3)
   end
   if t.dtype ~= self.output.dtype then
      error(string.format('%s: %s is a %s but the module is %s (convert one of them)', torch.type(self), what,
         t:type(), self.output:type()), 3)
   end
end

function SoftPlus:updateOutput(input)
   check_tensor(self, input, 'input')
   self._scaled = self._scaled or input.new()
   self._linear = self._linear or torch.ByteTensor()
   local scaled = self._scaled:mul(input, self.beta)
   self._linear:gt(scaled, self.threshold)
   self.output:exp(scaled):log1p():div(self.beta)
   return torch.where(self.output, self._linear, input, self.output)
end

function SoftPlus:updateGradInput(input, gradOutput)
   check_tensor(self, gradOutput, 'gradOutput')
   self._scaled = self._scaled or input.new()
   self._linear = self._linear or torch.ByteTensor()
   local scaled = self._scaled:mul(self.output, self.beta)
   self._linear:gt(scaled, self.threshold)
   self.gradInput:mul(scaled, -1):exp():mul(-1):add(1):cmul(gradOutput)
   return torch.where(self.gradInput, self._linear, gradOutput, self.gradInput)
end

function SoftPlus:clearState()
   nn.utils.clear(self, '_scaled', '_linear')
   return parent.clearState(self)
end

return SoftPlus
