--[[ nn.ReLU([inplace = false]) — y = max(0, x), elementwise: nn.Threshold(0, 0, inplace).

   input    any shape, float or double; output the same shape
   gradInput = gradOutput where input > 0, else 0
   inplace  true: the input is overwritten with the result and the output is a view of it
            (no extra memory); the backward likewise overwrites gradOutput.

Prints as `nn.ReLU`. Fields as Torch7: threshold (0), val (0), inplace.
]]

require 'torch'

local ReLU, parent = torch.class('nn.ReLU', 'nn.Threshold')

function ReLU:__init(inplace)
   parent.__init(self, 0, 0, inplace)
end

return ReLU
