--[[ nn.Transpose({dim1, dim2} [, {dim3, dim4}, ...]) — swaps dim1 with dim2, then dim3 with dim4...

   input    a tensor with those dimensions; output a contiguous copy of the transposed input
   gradInput  gradOutput transposed back (a contiguous copy)

   transpose:setNumInputDims(n)  dimensions count within a sample of n dimensions: an input with
                                 more has them shifted by its leading (batch) dimensions

Fields as Torch7: permutations, numInputDims.
]]

require 'torch'

local Transpose, parent = torch.class('nn.Transpose', 'nn.Module')

function Transpose:__init(...)
   parent.__init(self)
   self.permutations = { ... }
   for i, perm in ipairs(self.permutations) do
      if type(perm) ~= 'table' or type(perm[1]) ~= 'number' or type(perm[2]) ~= 'number' then
         error('nn.Transpose({dim1, dim2}, ...): pairs of dimensions expected, argument ' .. i .. ' is not', 2)
      end
   end
   self.numInputDims = nil
end

function Transpose:setNumInputDims(numInputDims)
   self.numInputDims = numInputDims
   return self
end

local function transposed(self, t, input, reverse)
   local offset = self.numInputDims and input:dim() - self.numInputDims or 0
   local n = #self.permutations
   for i = 1, n do
      local perm = self.permutations[reverse and n + 1 - i or i]
      local a, b = perm[1] + offset, perm[2] + offset
      if a < 1 or b < 1 or a > t:dim() or b > t:dim() then
         error(string.format('nn.Transpose: cannot swap dimensions %d and %d of a %dD tensor (%s)', a, b, t:dim(),
            table.concat(t:size():totable(), 'x')), 3)
      end
      t = t:transpose(a, b)
   end
   return t
end

function Transpose:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Transpose: input must be a tensor, got ' .. torch.type(input), 2)
   end
   local t = transposed(self, input, input, false)
   return self.output:resizeAs(t):copy(t)
end

function Transpose:updateGradInput(input, gradOutput)
   local t = transposed(self, gradOutput, input, true)
   return self.gradInput:resizeAs(t):copy(t)
end

return Transpose
