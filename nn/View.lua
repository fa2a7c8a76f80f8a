--[[ nn.View(sizes) — a view of the input with other sizes (no copy).

   sizes    numbers or a torch.LongStorage; one of them may be -1 (inferred from the others)
   input    a contiguous tensor whose elements (per sample) fit the sizes
   output   input:view(sizes), or input:view(batch, sizes) for a batch (below)
   gradInput = gradOutput viewed with the input's sizes

   view:setNumInputDims(n)  the number of dimensions of one sample: inputs with more are
                            batches, their leading dimensions gathered into one batch dimension
                            (what makes View(-1) work on batches); returns self
   view:resetSize(sizes)    new sizes; returns self

Without setNumInputDims, an input whose element count is a multiple k > 1 of the sizes' product
is a batch of k (unless a size is -1). Prints as `nn.View(-1, 16)`.
Fields as Torch7: size (a LongStorage), numElements, numInputDims.
]]

require 'torch'

local View, parent = torch.class('nn.View', 'nn.Module')

function View:__init(...)
   parent.__init(self)
   self:resetSize(...)
   self.numInputDims = nil
end

function View:resetSize(...)
   local first = ...
   if select('#', ...) == 1 and torch.typename(first) == 'torch.LongStorage' then
      self.size = first
   else
      for i = 1, select('#', ...) do
         if type((select(i, ...))) ~= 'number' then
            error('nn.View(sizes): numbers or a torch.LongStorage expected, got ' .. torch.type((select(i, ...))), 3)
         end
      end
      self.size = torch.LongStorage({ ... })
   end
   self.numElements = 1
   local inferred = false
   for i = 1, #self.size do
      local size = self.size[i]
      if size >= 0 then
         self.numElements = self.numElements * size
      elseif size == -1 and not inferred then
         inferred = true
      else
         error('nn.View: sizes must be positive, or -1 for one of them, got ' ..
            table.concat(self.size:totable(), ', '), 3)
      end
   end
   return self
end

function View:setNumInputDims(numInputDims)
   self.numInputDims = numInputDims
   return self
end

local function sizes_text(t)
   return table.concat(t:size():totable(), 'x')
end

-- The batch size of input for this view, or nil when the input is one sample (Torch7's rule).
local function batch_size(self, input)
   local nd = input:dim()
   local sample_dims = self.numInputDims or nd
   local elements = 1
   for d = nd, nd - sample_dims + 1, -1 do
      elements = elements * input:size(d)
   end
   if self.numElements == 0 or elements % self.numElements ~= 0 then
      error(string.format('nn.View: input view (%s) and desired view (%s) do not match', sizes_text(input),
         table.concat(self.size:totable(), 'x')), 3)
   end
   local batch = elements / self.numElements
   for i = 1, #self.size do
      if self.size[i] == -1 then
         batch = 1
         break
      end
   end
   for d = nd - sample_dims, 1, -1 do
      batch = batch * input:size(d)
   end
   if batch == 1 and (not self.numInputDims or nd <= self.numInputDims) then
      return nil
   end
   return batch
end

-- Whether `sizes` (a table or nil) is `batch` (0 for none) followed by the elements of `size`.
local function same_sizes(sizes, batch, size)
   if sizes == nil then
      return false
   end
   local first = 1
   if batch > 0 then
      if sizes[1] ~= batch then
         return false
      end
      first = 2
   end
   local n = #size
   if #sizes ~= n + first - 1 then
      return false
   end
   for i = 1, n do
      if sizes[i + first - 1] ~= size[i] then
         return false
      end
   end
   return true
end

function View:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.View: input must be a tensor, got ' .. torch.type(input), 2)
   end
   self.output = self.output or input.new()
   local batch = batch_size(self, input) or 0
   -- the sizes to view as, remade only when the batch size or the sizes change (no table per step)
   local sizes = self._viewSizes
   if not same_sizes(sizes, batch, self.size) then
      sizes = self.size:totable()
      if batch > 0 then
         table.insert(sizes, 1, batch)
      end
      self._viewSizes = sizes
   end
   local ok, err = pcall(self.output.view, self.output, input, sizes)
   if not ok then
      error(string.format('nn.View: cannot view %s as %s (%s)', sizes_text(input), table.concat(sizes, 'x'),
         tostring(err):gsub('^.-view: ', '')), 2)
   end
   return self.output
end

function View:updateGradInput(input, gradOutput)
   self.gradInput = self.gradInput or gradOutput.new()
   if not gradOutput:isContiguous() then
      self._gradOutput = self._gradOutput or gradOutput.new()
      gradOutput = self._gradOutput:resizeAs(gradOutput):copy(gradOutput)
   end
   return self.gradInput:viewAs(gradOutput, input)
end

function View:__tostring__()
   return torch.type(self) .. '(' .. table.concat(self.size:totable(), ', ') .. ')'
end

function View:clearState()
   nn.utils.clear(self, '_gradOutput')
   return parent.clearState(self)
end

return View
