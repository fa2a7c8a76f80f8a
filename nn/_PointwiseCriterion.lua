--[[ nn._PointwiseCriterion — the plumbing of the criterions whose loss is a sum over elements of
(input, target) pairs (a hidden base class, not a criterion to use): nn.AbsCriterion,
nn.MSECriterion, nn.SmoothL1Criterion, nn.DistKLDivCriterion, nn.SoftMarginCriterion and
nn.MultiLabelSoftMarginCriterion.

It does what they all did alike: sizeAverage (default true), the check that input and target are
tensors of one type and element count (target then viewed with input's shape), the buffers,
the empty input (loss 0), the division by the number of elements, and clearState. A subclass
gives:

   Foo._buffers = { 'buffer', ... }        its scratch tensors (made by _check, of input's type;
                                           emptied by clearState)
   Foo:_loss(input, target)                the unaveraged loss over a non-empty input (a number)
   Foo:updateGradInput(input, target)      target = self:_check(input, target), then the gradient,
                                           scaled by self:_norm(n, scale) (scale / n when averaging)
   Foo:_validate(input)                    [OPTIONAL] a message when input does not fit the
                                           criterion's own settings (weights), else nil

Messages name the subclass (torch.type(self)).
]]

require 'torch'

local PointwiseCriterion, parent = torch.class('nn._PointwiseCriterion', 'nn.Criterion')

PointwiseCriterion._buffers = {}

function PointwiseCriterion:__init(sizeAverage)
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
PointwiseCriterion._describe = describe

-- target, viewed with input's shape; errors name the caller of updateOutput/updateGradInput.
function PointwiseCriterion:_check(input, target)
   if not torch.isTensor(input) or not torch.isTensor(target) or input:nElement() ~= target:nElement()
         or input:type() ~= target:type() then
      error(string.format('%s: input and target must be tensors of one type and the same number of elements, '
         .. 'got %s and %s', torch.type(self), describe(input), describe(target)), 3)
   end
   local problem = self._validate and self:_validate(input)
   if problem then
      error(problem, 3)
   end
   for _, name in ipairs(self._buffers) do
      self[name] = self[name] or input.new()
   end
   if target:isSameSizeAs(input) then
      return target
   end
   return target:contiguous():view(input:size())
end

-- scale / n when averaging over n > 0 elements, else scale.
function PointwiseCriterion:_norm(n, scale)
   return (self.sizeAverage and n > 0) and scale / n or scale
end

function PointwiseCriterion:updateOutput(input, target)
   target = self:_check(input, target)
   local n = input:nElement()
   if n == 0 then
      self.output = 0
      return 0
   end
   local output = self:_loss(input, target)
   if self.sizeAverage then
      output = output / n
   end
   self.output = output
   return output
end

function PointwiseCriterion:clearState()
   nn.utils.clear(self, self._buffers)
   return parent.clearState(self)
end

return PointwiseCriterion
