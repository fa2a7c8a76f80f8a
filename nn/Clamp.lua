--[[ nn.Clamp(min_value, max_value) — y = clamp(x, min_value, max_value), elementwise.

   input    any shape, float or double; output the same shape
   gradInput = gradOutput where min_value < x < max_value, else 0

A nn.HardTanh with the given bounds (as Torch7); fields min_val, max_val, inplace (false).
]]

require 'torch'

local Clamp, parent = torch.class('nn.Clamp', 'nn.HardTanh')

function Clamp:__init(min_value, max_value)
   if type(min_value) ~= 'number' or type(max_value) ~= 'number' then
      error('nn.Clamp(min_value, max_value): numbers expected', 2)
   end
   parent.__init(self, min_value, max_value)
end

return Clamp
