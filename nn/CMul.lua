--[[ nn.CMul(size) — multiplies the input elementwise by a learnt tensor: y = w .* x.

   size     numbers or a torch.LongStorage: the weight's shape. A dimension of size 1 is
            broadcast along the input's (nn.CMul(5, 1) scales each row of a 5 x n input).
   input    as many elements as the weight (any shape: read in row-major order), or the
            weight's dimensions with sizes equal or broadcast from 1, or a batch of either
            (one more leading dimension)
   output   the input's shape
   weight   size, gradWeight likewise; reset([stdv]): uniform in [-stdv, stdv], stdv
            1/sqrt(#weight) by default (a given stdv is scaled by sqrt(3), as Torch7)
   gradInput = w .* gradOutput;  gradWeight += scale * (x .* gradOutput) summed over the
            broadcast dimensions and the batch

Fields as Torch7: size, weight, gradWeight.
]]

require 'torch'

local CMul, parent = torch.class('nn.CMul', 'nn.Module')

function CMul:__init(...)
   parent.__init(self)
   local args = { ... }
   self.size = torch.LongStorage()
   if #args == 1 and torch.typename(args[1]) == 'torch.LongStorage' then
      self.size:resize(#args[1]):copy(args[1])
   else
      self.size:resize(#args)
      for i = 1, #args do
         if type(args[i]) ~= 'number' or args[i] < 1 then
            error('nn.CMul(sizes): positive sizes expected, got ' .. tostring(args[i]), 2)
         end
         self.size[i] = args[i]
      end
   end
   if #self.size == 0 then
      error('nn.CMul(sizes): sizes expected', 2)
   end
   self.weight = torch.Tensor(self.size)
   self.gradWeight = torch.Tensor(self.size):zero()
   self:reset()
end

function CMul:reset(stdv)
   if stdv then
      stdv = stdv * math.sqrt(3)
   else
      stdv = 1 / math.sqrt(self.weight:nElement())
   end
   self.weight:uniform(-stdv, stdv)
   return self
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- How the weight meets this input: 'same' (as many elements), 'broadcast' (its dimensions, sizes
-- equal or 1 in the weight), 'batch' (a leading batch dimension, the rest as many elements as
-- the weight). Returns the kind and the view of the weight to multiply by (kept in self._weight).
local function arrangement(self, input)
   if not torch.isTensor(input) then
      error('nn.CMul: input must be a tensor, got ' .. describe(input), 3)
   end
   local weight = self.weight
   self._weight = self._weight or weight.new()
   if input:nElement() == weight:nElement() then
      return 'same', self._weight:view(weight, input:size())
   end
   if input:dim() == weight:dim() then
      local fits = true
      for d = 1, input:dim() do
         fits = fits and (weight:size(d) == input:size(d) or weight:size(d) == 1)
      end
      if fits then
         return 'broadcast', self._weight:set(weight)
      end
   end
   if input:dim() > 1 and input:nElement() == input:size(1) * weight:nElement() then
      local sizes = input:size():totable()
      sizes[1] = 1
      return 'batch', self._weight:view(weight, torch.LongStorage(sizes))
   end
   error(string.format('nn.CMul: input %s does not fit the weight %s (as many elements, the same dimensions '
      .. 'with sizes 1 broadcast, or a batch of those)', describe(input), describe(weight)), 3)
end

function CMul:updateOutput(input)
   local _, w = arrangement(self, input)
   return self.output:cmul(input, w)
end

function CMul:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return
   end
   local _, w = arrangement(self, input)
   return self.gradInput:cmul(gradOutput, w)
end

function CMul:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   local kind = arrangement(self, input)
   self._product = self._product or input.new()
   local product = self._product:cmul(input, gradOutput)
   if kind == 'same' then
      self.gradWeight:add(scale, product:view(self.gradWeight:size()))
      return
   end
   if kind == 'batch' then                           -- the sum over the batch
      self._batchSum = self._batchSum or input.new()
      product = self._batchSum:sum(product, 1)
   else                                              -- the sums over the broadcast dimensions
      self._sums = self._sums or {}
      for d = 1, self.gradWeight:dim() do
         if self.gradWeight:size(d) == 1 and product:size(d) ~= 1 then
            self._sums[d] = self._sums[d] or input.new()
            product = self._sums[d]:sum(product, d)
         end
      end
   end
   self.gradWeight:add(scale, product:contiguous():view(self.gradWeight:size()))
end

function CMul:clearState()
   nn.utils.clear(self, '_weight', '_product', '_batchSum', '_sums')
   return parent.clearState(self)
end

function CMul:type(typename, tensorCache)
   if typename then
      self:clearState()
   end
   return parent.type(self, typename, tensorCache)
end

return CMul
