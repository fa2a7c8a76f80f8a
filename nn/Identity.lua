--[[ nn.Identity — output = input, gradInput = gradOutput (the same objects, not copies).

Any input: a tensor or a table. Useful as a branch of ConcatTable / Parallel that passes its
input through.
]]

require 'torch'

local Identity = torch.class('nn.Identity', 'nn.Module')

function Identity:updateOutput(input)
   self.output = input
   return self.output
end

function Identity:updateGradInput(_, gradOutput)
   self.gradInput = gradOutput
   return self.gradInput
end

-- output and gradInput are the caller's objects: drop the references, never empty them.
function Identity:clearState()
   for _, name in ipairs({ 'output', 'gradInput' }) do
      local v = self[name]
      if torch.isTensor(v) then
         self[name] = v.new()
      elseif type(v) == 'table' then
         self[name] = {}
      else
         self[name] = nil
      end
   end
   return self
end

return Identity
