--[[ nn.ParallelTable — module i applied to entry i of a table: output = {m_1(x_1), ..., m_n(x_n)}.

   input     a table with (at least) one entry per module
   output    a table, one entry per module
   gradInput a table: entry i is module i's gradInput
]]

require 'torch'

local ParallelTable, parent = torch.class('nn.ParallelTable', 'nn.Container')

function ParallelTable:__init()
   parent.__init(self)
   self.modules = {}
   self.output = {}
   self.gradInput = {}
end

local function check_input(self, input)
   if type(input) ~= 'table' or #input < #self.modules then
      error(string.format('nn.ParallelTable: a table of %d entries expected (one per module), got %s',
         #self.modules, type(input) == 'table' and ('a table of ' .. #input) or torch.type(input)), 3)
   end
end

function ParallelTable:updateOutput(input)
   check_input(self, input)
   for i = 1, #self.modules do
      self.output[i] = self:rethrowErrors(self.modules[i], i, 'updateOutput', input[i])
   end
   for i = #self.modules + 1, #self.output do
      self.output[i] = nil
   end
   return self.output
end

function ParallelTable:updateGradInput(input, gradOutput)
   check_input(self, input)
   for i, module in ipairs(self.modules) do
      self.gradInput[i] = self:rethrowErrors(module, i, 'updateGradInput', input[i], gradOutput[i])
   end
   for i = #self.modules + 1, #self.gradInput do
      self.gradInput[i] = nil
   end
   return self.gradInput
end

function ParallelTable:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   for i, module in ipairs(self.modules) do
      self:rethrowErrors(module, i, 'accGradParameters', input[i], gradOutput[i], scale)
   end
end

function ParallelTable:accUpdateGradParameters(input, gradOutput, lr)
   for i, module in ipairs(self.modules) do
      self:rethrowErrors(module, i, 'accUpdateGradParameters', input[i], gradOutput[i], lr)
   end
end

-- Torch7 prints every branch with the '|' continuation, the last one too.
function ParallelTable:__tostring__()
   local tab = '  '
   local line = '\n'
   local next = '  |`-> '
   local ext = '  |    '
   local last = '   ... -> '
   local str = torch.type(self)
   str = str .. ' {' .. line .. tab .. 'input'
   for i = 1, #self.modules do
      str = str .. line .. tab .. next .. '(' .. i .. '): ' .. tostring(self.modules[i]):gsub(line, line .. tab .. ext)
   end
   str = str .. line .. tab .. last .. 'output'
   str = str .. line .. '}'
   return str
end

return ParallelTable
