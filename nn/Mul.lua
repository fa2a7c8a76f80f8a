--[[ nn.Mul() — multiplies the input by one learnt scalar: y = w x.

   input      any shape; output the same
   weight     1 element, gradWeight likewise; reset([stdv]): uniform in [-stdv, stdv] (stdv 1 by
              default; a given stdv is scaled by sqrt(3), as Torch7)
   gradInput = w * gradOutput;  gradWeight += scale * (x . gradOutput)
]]

require 'torch'

local Mul, parent = torch.class('nn.Mul', 'nn.Module')

function Mul:__init()
   parent.__init(self)
   self.weight = torch.Tensor(1)
   self.gradWeight = torch.Tensor(1):zero()
   self:reset()
end

function Mul:reset(stdv)
   if stdv then
      stdv = stdv * math.sqrt(3)
   else
      stdv = 1 / math.sqrt(self.weight:size(1))
   end
   self.weight:uniform(-stdv, stdv)
   return self
end

local function check_tensor(t, what)
   if not torch.isTensor(t) then
      error(string.format('nn.Mul: %s must be a tensor, got %s', what, torch.type(t)), 3)
   end
end

function Mul:updateOutput(input)
   check_tensor(input, 'input')
   return self.output:mul(input, self.weight[1])
end

function Mul:updateGradInput(input, gradOutput) -- luacheck: no unused args
   check_tensor(gradOutput, 'gradOutput')
   return self.gradInput:mul(gradOutput, self.weight[1])
end

function Mul:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   if input:nElement() ~= gradOutput:nElement() then
      error(string.format('nn.Mul: gradOutput has %d elements, the input %d', gradOutput:nElement(),
         input:nElement()), 2)
   end
   self.gradWeight[1] = self.gradWeight[1] + scale * input:contiguous():view(-1):dot(gradOutput:contiguous():view(-1))
end

return Mul
