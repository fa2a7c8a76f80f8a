--[[ nn.Sequential — modules applied one after another: output = m_n(...m_2(m_1(input))).

   nn.Sequential():add(m1):add(m2)...
   seq:add(module)               appends; returns self
   seq:insert(module [, index])  inserts at index (default: at the end)
   seq:remove([index])           removes and returns the module at index (default: the last)

Input and output are whatever the first module takes and the last one gives (tensors or tables).
No buffers of its own: output is the last module's output, gradInput the first module's gradInput.
]]

require 'torch'

local Sequential = torch.class('nn.Sequential', 'nn.Container')

function Sequential:__len()
   return #self.modules
end

function Sequential:add(module)
   if #self.modules == 0 then
      self.gradInput = module.gradInput
   end
   self.modules[#self.modules + 1] = module
   self.output = module.output
   return self
end

function Sequential:insert(module, index)
   index = index or (#self.modules + 1)
   if index > #self.modules + 1 or index < 1 then
      error(string.format('nn.Sequential:insert: index %d out of range (1 to %d)', index, #self.modules + 1), 2)
   end
   table.insert(self.modules, index, module)
   self.output = self.modules[#self.modules].output
   self.gradInput = self.modules[1].gradInput
   return self
end

function Sequential:remove(index)
   index = index or #self.modules
   if index > #self.modules or index < 1 then
      error(string.format('nn.Sequential:remove: index %d out of range (1 to %d)', index, #self.modules), 2)
   end
   local removed = table.remove(self.modules, index)
   if #self.modules > 0 then
      self.output = self.modules[#self.modules].output
      self.gradInput = self.modules[1].gradInput
   else
      self.output = torch.Tensor()
      self.gradInput = torch.Tensor()
   end
   return removed
end

function Sequential:updateOutput(input)
   local current = input
   local modules = self.modules
   for i = 1, #modules do
      current = self:rethrowErrors(modules[i], i, 'updateOutput', current)
   end
   self.output = current
   return current
end

function Sequential:updateGradInput(input, gradOutput)
   local modules = self.modules
   local n = #modules
   local current = gradOutput
   for i = n, 2, -1 do
      current = self:rethrowErrors(modules[i], i, 'updateGradInput', modules[i - 1].output, current)
   end
   if n > 0 then
      current = self:rethrowErrors(modules[1], 1, 'updateGradInput', input, current)
   end
   self.gradInput = current
   return current
end

function Sequential:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   local modules = self.modules
   local n = #modules
   local current = gradOutput
   for i = n, 2, -1 do
      self:rethrowErrors(modules[i], i, 'accGradParameters', modules[i - 1].output, current, scale)
      current = modules[i].gradInput
   end
   if n > 0 then
      self:rethrowErrors(modules[1], 1, 'accGradParameters', input, current, scale)
   end
end

function Sequential:backward(input, gradOutput, scale)
   scale = scale or 1
   local modules = self.modules
   local n = #modules
   local current = gradOutput
   for i = n, 2, -1 do
      current = self:rethrowErrors(modules[i], i, 'backward', modules[i - 1].output, current, scale)
      modules[i].gradInput = current
   end
   if n > 0 then
      current = self:rethrowErrors(modules[1], 1, 'backward', input, current, scale)
   end
   self.gradInput = current
   return current
end

function Sequential:accUpdateGradParameters(input, gradOutput, lr)
   local modules = self.modules
   local n = #modules
   local current = gradOutput
   for i = n, 2, -1 do
      self:rethrowErrors(modules[i], i, 'accUpdateGradParameters', modules[i - 1].output, current, lr)
      current = modules[i].gradInput
   end
   if n > 0 then
      self:rethrowErrors(modules[1], 1, 'accUpdateGradParameters', input, current, lr)
   end
end

function Sequential:__tostring__()
   local tab = '  '
   local line = '\n'
   local next = ' -> '
   local str = 'nn.Sequential'
   str = str .. ' {' .. line .. tab .. '[input'
   for i = 1, #self.modules do
      str = str .. next .. '(' .. i .. ')'
   end
   str = str .. next .. 'output]'
   for i = 1, #self.modules do
      str = str .. line .. tab .. '(' .. i .. '): ' .. tostring(self.modules[i]):gsub(line, line .. tab)
   end
   str = str .. line .. '}'
   return str
end

return Sequential
