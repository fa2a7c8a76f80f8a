--[[ nn.Normalize(p [, eps = 1e-10]) — each sample divided by its L_p norm: y = x / ||x||_p.

   p        > 0; math.huge for the max norm
   input    1-d (one sample) or 2-d (a batch of rows); output the same shape
   The norm is (sum |x|^p + eps)^(1/p) (max |x| + eps for p = math.huge), so a zero sample gives
   zeros, not nan.
   gradInput = gradOutput / n - x |x|^(p-2) (gradOutput . x) / (n sum |x|^p), with n the norm
            (for p < 2, |x| + eps stands for |x| in the |x|^(p-2) factor)

Prints as `nn.Normalize(2)` (`nn.Normalize(1.500000)` for a fractional p).
Fields as Torch7: p, eps, and the buffers norm, normp, buffer, cross, _output, _gradInput.
]]

require 'torch'

local Normalize, parent = torch.class('nn.Normalize', 'nn.Module')

function Normalize:__init(p, eps)
   parent.__init(self)
   if type(p) ~= 'number' or p <= 0 then
      error('nn.Normalize(p [, eps]): a positive p expected, got ' .. tostring(p), 2)
   end
   self.p = p
   self.eps = eps or 1e-10
end

-- input as rows (a 1-d input is one row), checked.
local function as_rows(self, input, what) -- luacheck: no unused args
   if not torch.isTensor(input) or input:dim() < 1 or input:dim() > 2 then
      error(string.format('nn.Normalize: %s must be 1D or 2D, got %s', what,
         torch.isTensor(input) and table.concat(input:size():totable(), 'x') .. ' ' .. input:type()
         or torch.type(input)), 3)
   end
   if input:dim() == 1 then
      return input:view(1, input:size(1))
   end
   return input
end

function Normalize:updateOutput(input)
   local x = as_rows(self, input, 'input')
   self._output = self._output or x.new()
   self.norm = self.norm or x.new()
   self.buffer = self.buffer or x.new()
   if self.p == math.huge then
      self._indices = self._indices or torch.LongTensor()
      self.buffer:abs(x)
      torch.max(self.norm, self._indices, self.buffer, 2)
      self.norm:add(self.eps)
   else
      self.normp = self.normp or x.new()
      if self.p % 2 ~= 0 then
         self.buffer:abs(x):pow(self.p)
      else
         self.buffer:pow(x, self.p)
      end
      self.normp:sum(self.buffer, 2):add(self.eps)
      self.norm:pow(self.normp, 1 / self.p)
   end
   self._output:cdiv(x, self.norm)                    -- norm is n x 1: broadcast along the rows
   self.output:view(self._output, input:size())
   return self.output
end

function Normalize:updateGradInput(input, gradOutput)
   local x = as_rows(self, input, 'input')
   local g = as_rows(self, gradOutput, 'gradOutput')
   if g:nElement() ~= x:nElement() then
      error(string.format('nn.Normalize: gradOutput has %d elements, the input %d', g:nElement(), x:nElement()), 2)
   end
   g = g:contiguous():view(x:size())
   self._gradInput = self._gradInput or x.new()
   self.cross = self.cross or x.new()
   self.buffer2 = self.buffer2 or x.new()
   -- cross = sum_j g_j x_j, per row
   self.cross:sum(self.buffer2:cmul(x, g), 2)
   if self.p == math.huge then
      -- d max|x| / dx is sign(x) at the argmax, 0 elsewhere
      self.buffer:resizeAs(x):zero()
      self._sign = self._sign or x.new()
      self._sign:gather(x, 2, self._indices):sign()
      self.buffer:scatter(2, self._indices, self._sign)
      self.buffer:cmul(self.cross)
      self._gradInput:cmul(g, self.norm)
      self._gradInput:add(-1, self.buffer)
      self.cross:cmul(self.norm, self.norm)
   else
      -- buffer = x |x|^(p-2)
      if self.p % 2 ~= 0 then
         if self.p < 2 then
            self.buffer:abs(x):add(self.eps):pow(self.p - 2):cmul(x)
         else
            self.buffer:abs(x):pow(self.p - 2):cmul(x)
         end
      elseif self.p == 2 then
         self.buffer:resizeAs(x):copy(x)
      else
         self.buffer:pow(x, self.p - 2):cmul(x)
      end
      self.buffer:cmul(self.cross)
      self._gradInput:cmul(g, self.normp)
      self._gradInput:add(-1, self.buffer)
      self.cross:cmul(self.normp, self.norm)
   end
   self._gradInput:cdiv(self.cross)
   self.gradInput:view(self._gradInput, input:size())
   return self.gradInput
end

function Normalize:__tostring__()
   if self.p % 1 == 0 then
      return string.format('%s(%d)', torch.type(self), self.p)
   end
   return string.format('%s(%f)', torch.type(self), self.p)
end

function Normalize:type(typename, tensorCache)
   self._indices = nil
   parent.type(self, typename, tensorCache)
   return self
end

function Normalize:clearState()
   nn.utils.clear(self, { '_output', '_indices', '_gradInput', '_sign', 'buffer', 'buffer2', 'norm', 'normp',
      'cross' })
   return parent.clearState(self)
end

return Normalize
