--[[ nn.Copy([inputType] [, outputType] [, forceCopy] [, dontCast]) — copies the input into a
tensor of outputType (type names such as 'torch.FloatTensor'; both default to torch.Tensor's
type), and the gradient back into one of inputType.

   forceCopy  when the two types are the same, the input itself is passed through (output views
              it, gradInput views gradOutput) unless forceCopy is true
   dontCast   true: module:type(...) leaves this module alone (it keeps converting between the
              same two types)

Fields as Torch7: output, gradInput (of the two types), dontCast.
]]

require 'torch'

local Copy, parent = torch.class('nn.Copy', 'nn.Module')

function Copy:__init(intype, outtype, forceCopy, dontCast)
   intype = intype or torch.Tensor.__typename
   outtype = outtype or torch.Tensor.__typename
   self.dontCast = dontCast
   parent.__init(self)
   for _, name in ipairs({ intype, outtype }) do
      if type(name) ~= 'string' or not torch.getmetatable(name) then
         error("nn.Copy(inputType, outputType): tensor type names expected (such as 'torch.FloatTensor'), got "
            .. tostring(name), 2)
      end
   end
   self.gradInput = torch.getmetatable(intype).new()
   self.output = torch.getmetatable(outtype).new()
   self.passThrough = (not forceCopy) and intype == outtype
end

function Copy:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Copy: input must be a tensor, got ' .. torch.type(input), 2)
   end
   if self.passThrough then
      self.output = self.output:typeAs(input)
      return self.output:set(input)
   end
   return self.output:resize(input:size()):copy(input)
end

function Copy:updateGradInput(input, gradOutput) -- luacheck: no unused args
   if self.passThrough then
      self.gradInput = self.gradInput:typeAs(gradOutput)
      return self.gradInput:set(gradOutput)
   end
   return self.gradInput:resize(gradOutput:size()):copy(gradOutput)
end

function Copy:type(typename, tensorCache)
   if typename and self.dontCast then
      return self
   end
   return parent.type(self, typename, tensorCache)
end

return Copy
