--[[ nn.PReLU([nOutputPlane = 0]) — y = max(0, x) + a * min(0, x), with learnt slopes a.

   nOutputPlane 0 (the default): one slope shared by every element (weight has 1 element);
                n > 0: one slope per feature plane, read along
                   dimension 1 of a 1-d input (n), 2 of a 2-d one (batch x n),
                   1 of a 3-d one (n x h x w), 2 of a 4-d one (batch x n x h x w)
   input    any shape (for n > 0, one of those); output the same shape
   weight   nOutputPlane (or 1) slopes, initialised to 0.25; gradWeight likewise
   gradInput = gradOutput where x > 0, else a * gradOutput
   gradWeight += scale * sum of gradOutput * x over the elements where x <= 0 (of each plane)

Fields as Torch7: nOutputPlane, weight, gradWeight. No weight decay should be applied to it.
]]

require 'torch'

local PReLU, parent = torch.class('nn.PReLU', 'nn.Module')

function PReLU:__init(nOutputPlane)
   parent.__init(self)
   self.nOutputPlane = nOutputPlane or 0
   if type(self.nOutputPlane) ~= 'number' or self.nOutputPlane < 0 then
      error('nn.PReLU([nOutputPlane]): a non-negative number expected, got ' .. tostring(nOutputPlane), 2)
   end
   self.weight = torch.Tensor(math.max(self.nOutputPlane, 1)):fill(0.25)
   self.gradWeight = torch.Tensor(math.max(self.nOutputPlane, 1)):zero()
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

-- The weight viewed so that it broadcasts against the input: one slope per plane. Also checks
-- the input's planes. Returns a view kept in self._slopes.
local PLANE_DIM = { 1, 2, 1, 2 }
local function slopes(self, weight, input)
   if self.nOutputPlane == 0 then
      return nil
   end
   local nd = input:dim()
   local planes = PLANE_DIM[nd]
   if planes == nil or input:size(planes) ~= self.nOutputPlane then
      error(string.format('%s: input must be 1D to 4D with %d feature planes (dimension %s), got %s',
         torch.type(self), self.nOutputPlane, planes and tostring(planes) or '1 or 2', describe(input)), 3)
   end
   local shape = {}
   for d = 1, nd do
      shape[d] = d == planes and self.nOutputPlane or 1
   end
   self._slopes = self._slopes or weight.new()
   return self._slopes:view(weight, torch.LongStorage(shape))
end

function PReLU:updateOutput(input)
   check_tensor(self, input, 'input')
   local a = slopes(self, self.weight, input)
   self._negative = self._negative or input.new()
   local negative = self._negative:clamp(input, -math.huge, 0)
   self.output:clamp(input, 0, math.huge)
   if a then
      self.output:addcmul(1, negative, a)
   else
      self.output:add(self.weight[1], negative)
   end
   return self.output
end

function PReLU:updateGradInput(input, gradOutput)
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   local a = slopes(self, self.weight, input)
   -- gradOutput * (1 + (x <= 0) * (a - 1))
   self._slopeMinusOne = self._slopeMinusOne or self.weight.new()
   self._slopeMinusOne:add(a or self.weight, -1)
   self.gradInput:le(input, 0):cmul(self._slopeMinusOne):add(1):cmul(gradOutput)
   return self.gradInput
end

function PReLU:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   check_tensor(self, input, 'input')
   check_tensor(self, gradOutput, 'gradOutput')
   self._negative = self._negative or input.new()
   local product = self._negative:clamp(input, -math.huge, 0):cmul(gradOutput)
   if self.nOutputPlane == 0 then
      self.gradWeight[1] = self.gradWeight[1] + scale * product:sum()
      return
   end
   -- the sum over everything but the planes: (batch x) planes x rest
   local nd, n = input:dim(), self.nOutputPlane
   local batch = (nd == 2 or nd == 4) and input:size(1) or 1
   self._planeSums = self._planeSums or input.new()
   local sums = self._planeSums:sum(product:view(batch, n, product:nElement() / (batch * n)), 3)
   self._batchSums = self._batchSums or input.new()
   self.gradWeight:add(scale, self._batchSums:sum(sums, 1):view(n))
end

function PReLU:clearState()
   nn.utils.clear(self, '_slopes', '_negative', '_slopeMinusOne', '_planeSums', '_batchSums')
   return parent.clearState(self)
end

return PReLU
