--[[ nn.Add(inputSize [, scalar = false]) — adds a learnt bias: y = x + b.

   inputSize  the number of elements of one sample (the bias has that many), or with scalar =
              true ignored: one bias added to every element
   input      one sample (as many elements as the bias, any shape), or a batch: its first
              dimension the batch, the rest one sample each
   output     the input's shape; gradInput = gradOutput
   bias       inputSize (or 1), gradBias likewise; reset([stdv]): uniform in [-stdv, stdv], stdv
              1/sqrt(inputSize) by default (a given stdv is scaled by sqrt(3), as Torch7)

Fields as Torch7: bias, gradBias, scalar, _ones.
]]

require 'torch'

local Add, parent = torch.class('nn.Add', 'nn.Module')

function Add:__init(inputSize, scalar)
   parent.__init(self)
   local size = scalar and 1 or inputSize
   if type(size) ~= 'number' or size < 1 then
      error('nn.Add(inputSize [, scalar]): a positive size expected, got ' .. tostring(inputSize), 2)
   end
   self.scalar = scalar
   self.bias = torch.Tensor(size)
   self.gradBias = torch.Tensor(size):zero()
   self._ones = torch.Tensor({ 1 })
   self:reset()
end

function Add:reset(stdv)
   if stdv then
      stdv = stdv * math.sqrt(3)
   else
      stdv = 1 / math.sqrt(self.bias:size(1))
   end
   self.bias:uniform(-stdv, stdv)
   return self
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- nil for one sample, else the batch size; checks that the samples fit the bias.
local function batch_of(self, input)
   if not torch.isTensor(input) then
      error('nn.Add: input must be a tensor, got ' .. describe(input), 3)
   end
   local n = self.bias:nElement()
   if self.scalar or input:nElement() == n then
      return nil
   end
   if input:dim() >= 2 and input:nElement() == input:size(1) * n then
      return input:size(1)
   end
   error(string.format('nn.Add: input must have %d elements per sample, got %s', n, describe(input)), 3)
end

function Add:updateOutput(input)
   local batch = batch_of(self, input)
   self.output:resizeAs(input):copy(input)
   if self.scalar then
      self.output:add(self.bias[1])
   elseif batch == nil then
      self.output:add(self.bias:view(input:size()))
   else
      self.output:view(batch, -1):add(self.bias:view(1, -1))
   end
   return self.output
end

function Add:updateGradInput(input, gradOutput) -- luacheck: no unused args
   if self.gradInput then
      self.gradInput:resizeAs(gradOutput):copy(gradOutput)
      return self.gradInput
   end
end

function Add:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   local batch = batch_of(self, input)
   if self.gradBias:nElement() == 1 and (self.scalar or batch == nil and input:nElement() ~= 1) then
      self.gradBias[1] = self.gradBias[1] + scale * gradOutput:sum()
   elseif batch == nil then
      self.gradBias:add(scale, gradOutput:contiguous():view(self.gradBias:size()))
   else
      self._ones = self._ones:typeAs(gradOutput)
      if self._ones:nElement() ~= batch then
         self._ones:resize(batch):fill(1)
      end
      local g = gradOutput:contiguous():view(batch, -1)
      self.gradBias:addmv(scale, g:t(), self._ones)
   end
end

return Add
