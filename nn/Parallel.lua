--[[ nn.Parallel(inputDimension, outputDimension) — module i applied to slice i of the input.

   input     a tensor; slice i is input:select(inputDimension, i) (one module per slice)
   output    the modules' outputs concatenated along outputDimension
   gradInput slice i of it is module i's gradInput

   nn.Parallel(1, 1):add(nn.Linear(10, 3)):add(nn.Linear(10, 2))   input 2 x 10 -> output 5
]]

require 'torch'

local Parallel, parent = torch.class('nn.Parallel', 'nn.Container')

function Parallel:__init(inputDimension, outputDimension)
   parent.__init(self)
   self.modules = {}
   self.inputDimension = inputDimension
   self.outputDimension = outputDimension
end

local function check_slices(self, input)
   local n = input:size(self.inputDimension)
   if n ~= #self.modules then
      error(string.format('nn.Parallel: input has %d slices along dimension %d but there are %d modules', n,
         self.inputDimension, #self.modules), 3)
   end
   return n
end

function Parallel:updateOutput(input)
   local n = check_slices(self, input)
   local odim = self.outputDimension
   self.totalOutputSize = self.totalOutputSize or torch.LongStorage()
   local total = self.totalOutputSize
   for i = 1, n do
      local current = self:rethrowErrors(self.modules[i], i, 'updateOutput', input:select(self.inputDimension, i))
      if i == 1 then
         total:resize(current:dim()):copy(current:size())
      else
         total[odim] = total[odim] + current:size(odim)
      end
   end
   self.output:resize(total)
   local offset = 1
   for i = 1, n do
      local current = self.modules[i].output
      local size = current:size(odim)
      self.output:narrow(odim, offset, size):copy(current)
      offset = offset + size
   end
   return self.output
end

function Parallel:updateGradInput(input, gradOutput)
   local n = check_slices(self, input)
   local odim = self.outputDimension
   self.gradInput:resizeAs(input)
   local offset = 1
   for i = 1, n do
      local module = self.modules[i]
      local size = module.output:size(odim)
      local current = self:rethrowErrors(module, i, 'updateGradInput', input:select(self.inputDimension, i),
         gradOutput:narrow(odim, offset, size))
      self.gradInput:select(self.inputDimension, i):copy(current)
      offset = offset + size
   end
   return self.gradInput
end

local function each_slice(self, method, input, gradOutput, arg)
   local n = check_slices(self, input)
   local odim = self.outputDimension
   local offset = 1
   for i = 1, n do
      local module = self.modules[i]
      local size = module.output:size(odim)
      self:rethrowErrors(module, i, method, input:select(self.inputDimension, i),
         gradOutput:narrow(odim, offset, size), arg)
      offset = offset + size
   end
end

function Parallel:accGradParameters(input, gradOutput, scale)
   each_slice(self, 'accGradParameters', input, gradOutput, scale or 1)
end

function Parallel:accUpdateGradParameters(input, gradOutput, lr)
   each_slice(self, 'accUpdateGradParameters', input, gradOutput, lr)
end

function Parallel:__tostring__()
   local tab = '  '
   local line = '\n'
   local next = '  |`-> '
   local ext = '  |    '
   local extlast = '       '
   local last = '   ... -> '
   local str = torch.type(self)
   str = str .. ' {' .. line .. tab .. 'input'
   for i = 1, #self.modules do
      local cont = (i == #self.modules) and extlast or ext
      str = str .. line .. tab .. next .. '(' .. i .. '): ' .. tostring(self.modules[i]):gsub(line, line .. tab .. cont)
   end
   str = str .. line .. tab .. last .. 'output'
   str = str .. line .. '}'
   return str
end

return Parallel
