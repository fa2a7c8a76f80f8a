--[[ nn.Replicate(nFeature [, dim = 1] [, ndim]) — the input repeated nFeature times along a new
dimension dim, with no copy (that dimension has stride 0).

   ndim     the number of dimensions of one sample: an input with more is a batch, and the new
            dimension goes at dim + 1
   output   a view of the input with nFeature inserted at dim (changing the input changes it)
   gradInput  gradOutput summed over that dimension

Fields as Torch7: nfeatures, dim, ndim.
]]

require 'torch'

local Replicate, parent = torch.class('nn.Replicate', 'nn.Module')

function Replicate:__init(nf, dim, ndim)
   parent.__init(self)
   self.nfeatures = nf
   self.dim = dim or 1
   self.ndim = ndim
   if type(nf) ~= 'number' or nf < 1 then
      error('nn.Replicate(nFeature [, dim [, ndim]]): a positive count expected, got ' .. tostring(nf), 2)
   end
   if type(self.dim) ~= 'number' or self.dim < 1 then
      error('nn.Replicate: can only replicate along a positive dimension, got ' .. tostring(dim), 2)
   end
end

-- The dimension the copies go along, for this input.
local function replicated_dim(self, input)
   local dim = (self.dim or 1) + ((self.ndim and input:dim() > self.ndim) and 1 or 0)
   if dim > input:dim() + 1 then
      error(string.format('nn.Replicate: not enough input dimensions to replicate along dimension %d (input %s)',
         dim, table.concat(input:size():totable(), 'x')), 3)
   end
   return dim
end

function Replicate:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Replicate: input must be a tensor, got ' .. torch.type(input), 2)
   end
   local dim = replicated_dim(self, input)
   local sizes, strides = {}, {}
   for d = 1, input:dim() do
      sizes[#sizes + 1] = input:size(d)
      strides[#strides + 1] = input:stride(d)
   end
   table.insert(sizes, dim, self.nfeatures)
   table.insert(strides, dim, 0)
   self.output = self.output:typeAs(input)
   self.output:set(input:storage(), input:storageOffset(), torch.LongStorage(sizes), torch.LongStorage(strides))
   return self.output
end

function Replicate:updateGradInput(input, gradOutput)
   local dim = replicated_dim(self, input)
   self.gradInput = self.gradInput:typeAs(input)
   self.gradInput:resizeAs(input)
   self._gradView = self._gradView or self.gradInput.new()
   nn.utils.addSingletonDimension(self._gradView, self.gradInput, dim)
   self._gradView:sum(gradOutput, dim)
   return self.gradInput
end

function Replicate:clearState()
   nn.utils.clear(self, '_gradView')
   return parent.clearState(self)
end

return Replicate
