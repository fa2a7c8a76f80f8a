--[[ nn.Concat(dimension) — every module applied to the same input, outputs joined along dimension.

   nn.Concat(2):add(nn.Linear(5, 3)):add(nn.Linear(5, 4))    input N x 5 -> output N x 7
   input     a tensor (what the modules take)
   output    the modules' outputs concatenated along `dimension` (they must agree elsewhere)
   gradInput the sum of the modules' gradInputs, each given its slice of gradOutput
]]

require 'torch'

local Concat, parent = torch.class('nn.Concat', 'nn.Container')

function Concat:__init(dimension)
   parent.__init(self)
   self.outputSize = torch.LongStorage()
   self.dimension = dimension
end

function Concat:updateOutput(input)
   local dim = self.dimension
   local size = self.outputSize
   for i = 1, #self.modules do
      local current = self:rethrowErrors(self.modules[i], i, 'updateOutput', input)
      if i == 1 then
         size:resize(current:dim()):copy(current:size())
      else
         if current:dim() ~= size:size() then
            error(string.format('nn.Concat: module %d gave a %d-d output, module 1 a %d-d one', i, current:dim(),
               size:size()), 2)
         end
         size[dim] = size[dim] + current:size(dim)
      end
   end
   self.output:resize(size)
   local offset = 1
   for i = 1, #self.modules do
      local current = self.modules[i].output
      local n = current:size(dim)
      self.output:narrow(dim, offset, n):copy(current)
      offset = offset + n
   end
   return self.output
end

local function backward(self, method, input, gradOutput, scale)
   local dim = self.dimension
   self.gradInput:resizeAs(input)
   local offset = 1
   for i, module in ipairs(self.modules) do
      local n = module.output:size(dim)
      local current = self:rethrowErrors(module, i, method, input, gradOutput:narrow(dim, offset, n), scale)
      if current then  -- a module may give no gradInput (e.g. one that does not need it)
         if i == 1 then
            self.gradInput:copy(current)
         else
            self.gradInput:add(current)
         end
      end
      offset = offset + n
   end
   return self.gradInput
end

function Concat:updateGradInput(input, gradOutput)
   return backward(self, 'updateGradInput', input, gradOutput)
end

function Concat:backward(input, gradOutput, scale)
   return backward(self, 'backward', input, gradOutput, scale or 1)
end

local function each_slice(self, method, input, gradOutput, arg)
   local dim = self.dimension
   local offset = 1
   for i, module in ipairs(self.modules) do
      local n = module.output:size(dim)
      self:rethrowErrors(module, i, method, input, gradOutput:narrow(dim, offset, n), arg)
      offset = offset + n
   end
end

function Concat:accGradParameters(input, gradOutput, scale)
   each_slice(self, 'accGradParameters', input, gradOutput, scale or 1)
end

function Concat:accUpdateGradParameters(input, gradOutput, lr)
   each_slice(self, 'accUpdateGradParameters', input, gradOutput, lr)
end

function Concat:__tostring__()
   local tab = '  '
   local line = '\n'
   local next = '  |`-> '
   local lastNext = '   `-> '
   local ext = '  |    '
   local extlast = '       '
   local last = '   ... -> '
   local str = torch.type(self)
   str = str .. ' {' .. line .. tab .. 'input'
   for i = 1, #self.modules do
      local text = tostring(self.modules[i])
      if i == #self.modules then
         str = str .. line .. tab .. lastNext .. '(' .. i .. '): ' .. text:gsub(line, line .. tab .. extlast)
      else
         str = str .. line .. tab .. next .. '(' .. i .. '): ' .. text:gsub(line, line .. tab .. ext)
      end
   end
   str = str .. line .. tab .. last .. 'output'
   str = str .. line .. '}'
   return str
end

return Concat
