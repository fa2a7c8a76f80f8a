--[[ nn.Contiguous() — a contiguous version of the input (and of gradOutput on the way back).

   output     the input itself (a view of it) when contiguous, else a contiguous copy
   gradInput  likewise for gradOutput
]]

require 'torch'

local Contiguous = torch.class('nn.Contiguous', 'nn.Module')

-- dst becomes src (a view) when src is contiguous, else a copy of src in dst's own memory.
-- `viewing` says whether dst is a view of an earlier input: then it gets new memory, rather than
-- being resized over that input. Returns dst and whether it is now a view.
local function contiguous_into(dst, src, viewing)
   dst = dst:typeAs(src)
   if src:isContiguous() then
      return dst:set(src), true
   end
   if viewing then
      dst:set()
   end
   return dst:resizeAs(src):copy(src), false
end

function Contiguous:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Contiguous: input must be a tensor, got ' .. torch.type(input), 2)
   end
   self.output, self._outputIsView = contiguous_into(self.output, input, self._outputIsView ~= false)
   return self.output
end

function Contiguous:updateGradInput(input, gradOutput) -- luacheck: no unused args
   self.gradInput, self._gradInputIsView = contiguous_into(self.gradInput, gradOutput, self._gradInputIsView ~= false)
   return self.gradInput
end

return Contiguous
