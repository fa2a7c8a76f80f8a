--[[ nn.DistKLDivCriterion([sizeAverage = true]) — the Kullback-Leibler divergence of the input
distribution from the target distribution, for inputs of log-probabilities.

   input    log-probabilities, any shape
   target   probabilities, the same number of elements
   loss     sum over t_i > 0 of t_i (log t_i - x_i), divided by the number of elements when
            sizeAverage (Torch7's convention: over the elements, not the batch)
   gradInput  -t_i where t_i > 0, else 0 (/ n)
]]

require 'torch'

local DistKLDivCriterion, parent = torch.class('nn.DistKLDivCriterion', 'nn.Criterion')

-- log(max(t, TINY)) stays finite where t is 0 (that term is then multiplied by 0); TINY is a
-- normal float, so float tensors keep it too.
local TINY = 1e-30

function DistKLDivCriterion:__init(sizeAverage)
   parent.__init(self)
   if sizeAverage ~= nil then
      self.sizeAverage = sizeAverage
   else
      self.sizeAverage = true
   end
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function check(self, input, target)
   if not torch.isTensor(input) or not torch.isTensor(target) or input:nElement() ~= target:nElement()
         or input:type() ~= target:type() then
      error(string.format('nn.DistKLDivCriterion: input and target must be tensors of one type and the same number '
         .. 'of elements, got %s and %s', describe(input), describe(target)), 3)
   end
   self.buffer = self.buffer or input.new()
   self.mask = self.mask or input.new()
   if target:isSameSizeAs(input) then
      return target
   end
   return target:contiguous():view(input:size())
end

function DistKLDivCriterion:updateOutput(input, target)
   target = check(self, input, target)
   local n = input:nElement()
   if n == 0 then
      self.output = 0
      return 0
   end
   local positive = self.mask:gt(target, 0)
   local terms = self.buffer:resizeAs(target):copy(target):cmax(TINY):log():add(-1, input):cmul(target)
   local output = terms:dot(positive)
   if self.sizeAverage then
      output = output / n
   end
   self.output = output
   return output
end

function DistKLDivCriterion:updateGradInput(input, target)
   target = check(self, input, target)
   local n = input:nElement()
   local positive = self.mask:gt(target, 0)
   local norm = (self.sizeAverage and n > 0) and -1 / n or -1
   self.gradInput:resizeAs(input):copy(target):cmul(positive):mul(norm)
   return self.gradInput
end

function DistKLDivCriterion:clearState()
   nn.utils.clear(self, 'buffer', 'mask')
   return parent.clearState(self)
end

return DistKLDivCriterion
