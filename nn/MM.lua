--[[ nn.MM([transA = false] [, transB = false]) — the product of two matrices, or of two batches
of matrices: output = op(A) op(B), op transposing when its flag is set.

   input      {A, B}: m x n and n x p matrices (with the flags, as transposed), or batches
              b x m x n and b x n x p (transposes swap the last two dimensions)
   output     m x p, or b x m x p
   gradInput  {dA, dB}: dop(A) = gradOutput op(B)^T, dop(B) = op(A)^T gradOutput, transposed
              back where a flag is set

Fields as Torch7: transA, transB, gradInput (a table of two tensors).
]]

require 'torch'

local MM, parent = torch.class('nn.MM', 'nn.Module')

function MM:__init(transA, transB)
   parent.__init(self)
   self.transA = transA or false
   self.transB = transB or false
   self.gradInput = { torch.Tensor(), torch.Tensor() }
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

-- op(t): t, or t with its last two dimensions swapped.
local function op(t, transposed)
   if transposed then
      return t:transpose(t:dim() - 1, t:dim())
   end
   return t
end

-- The operands op(A), op(B), checked.
local function operands(self, input)
   if type(input) ~= 'table' or #input ~= 2 or not torch.isTensor(input[1]) or not torch.isTensor(input[2]) then
      error('nn.MM: input must be a table of two tensors {A, B}, got ' .. torch.type(input), 3)
   end
   local a, b = input[1], input[2]
   local nd = a:dim()
   local ok = (nd == 2 or nd == 3) and b:dim() == nd and a:type() == b:type()
   local ta, tb
   if ok then
      ta, tb = op(a, self.transA), op(b, self.transB)
      ok = ta:size(nd) == tb:size(nd - 1) and (nd == 2 or a:size(1) == b:size(1))
   end
   if not ok then
      error(string.format('nn.MM: matrices (or batches of them, of one type) that multiply expected, got %s%s and %s%s',
         describe(a), self.transA and ' (transposed)' or '', describe(b), self.transB and ' (transposed)' or ''), 3)
   end
   return ta, tb
end

function MM:updateOutput(input)
   local a, b = operands(self, input)
   self.output = self.output:typeAs(a)
   if a:dim() == 2 then
      return self.output:mm(a, b)
   end
   return self.output:bmm(a, b)
end

function MM:updateGradInput(input, gradOutput)
   local a, b = operands(self, input)
   local nd = a:dim()
   if #self.gradInput == 0 then
      self.gradInput[1], self.gradInput[2] = a.new(), a.new()
   end
   local ga, gb = self.gradInput[1]:typeAs(a), self.gradInput[2]:typeAs(a)
   self.gradInput[1], self.gradInput[2] = ga, gb
   local g = gradOutput
   local product = nd == 2 and ga.mm or ga.bmm
   -- dop(A) = G op(B)^T; dA is its transpose when transA (then dA = op(B) G^T)
   if self.transA then
      product(ga, b, op(g, true))
   else
      product(ga, g, op(b, true))
   end
   -- dop(B) = op(A)^T G; dB = G^T op(A) when transB
   if self.transB then
      product(gb, op(g, true), a)
   else
      product(gb, op(a, true), g)
   end
   return self.gradInput
end

return MM
