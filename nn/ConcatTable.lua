--[[ nn.ConcatTable — every module applied to the same input: output = {m_1(input), ..., m_n(input)}.

   nn.ConcatTable():add(m1):add(m2)
   input     anything the modules take (a tensor or a table)
   output    a table with one entry per module
   gradInput the sum of the modules' gradInputs (a tensor, or a table of the input's shape)
]]

require 'torch'

local ConcatTable, parent = torch.class('nn.ConcatTable', 'nn.Container')

function ConcatTable:__init()
   parent.__init(self)
   self.modules = {}
   self.output = {}
end

function ConcatTable:updateOutput(input)
   local output = self.output
   for i = 1, #self.modules do
      output[i] = self:rethrowErrors(self.modules[i], i, 'updateOutput', input)
   end
   for i = #self.modules + 1, #output do
      output[i] = nil
   end
   return output
end

-- Walks t2 (a nested table of tensors) and applies f(t1, k, v) at each tensor, making t1's
-- tables as needed; entries of t1 past t2's length are dropped.
local function retable(t1, t2, f)
   for k, v in ipairs(t2) do
      if type(v) == 'table' then
         t1[k] = retable(t1[k] or {}, v, f)
      else
         f(t1, k, v)
      end
   end
   for i = #t2 + 1, #t1 do
      t1[i] = nil
   end
   return t1
end

local function copy_into(t, k, v)
   local dst = t[k]
   if not torch.isTensor(dst) or dst.dtype ~= v.dtype then
      dst = v.new()
      t[k] = dst
   end
   dst:resizeAs(v):copy(v)
end

local function add_into(t, k, v)
   if t[k] then
      t[k]:add(v)
   else
      t[k] = v:clone()
   end
end

-- The gradient with respect to the input: the sum over the branches of what `method` returns.
local function backward(self, method, input, gradOutput, scale)
   local wasTable = type(self.gradInput) == 'table'
   if type(input) == 'table' then
      for i, module in ipairs(self.modules) do
         local current = self:rethrowErrors(module, i, method, input, gradOutput[i], scale)
         if type(current) ~= 'table' then
            error('nn.ConcatTable: module ' .. i .. ' gave a gradInput that is not a table, for a table input', 3)
         end
         if #input ~= #current then
            error(string.format('nn.ConcatTable: module %d gave a gradInput of %d entries for an input of %d', i,
               #current, #input), 3)
         end
         if i == 1 then
            self.gradInput = wasTable and self.gradInput or {}
            retable(self.gradInput, current, copy_into)
         else
            retable(self.gradInput, current, add_into)
         end
      end
   else
      if wasTable or not torch.isTensor(self.gradInput) then
         self.gradInput = input.new()
      end
      for i, module in ipairs(self.modules) do
         local current = self:rethrowErrors(module, i, method, input, gradOutput[i], scale)
         if i == 1 then
            self.gradInput:resizeAs(current):copy(current)
         else
            self.gradInput:add(current)
         end
      end
   end
   return self.gradInput
end

function ConcatTable:updateGradInput(input, gradOutput)
   return backward(self, 'updateGradInput', input, gradOutput)
end

function ConcatTable:backward(input, gradOutput, scale)
   return backward(self, 'backward', input, gradOutput, scale or 1)
end

function ConcatTable:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   for i, module in ipairs(self.modules) do
      self:rethrowErrors(module, i, 'accGradParameters', input, gradOutput[i], scale)
   end
end

function ConcatTable:accUpdateGradParameters(input, gradOutput, lr)
   for i, module in ipairs(self.modules) do
      self:rethrowErrors(module, i, 'accUpdateGradParameters', input, gradOutput[i], lr)
   end
end

function ConcatTable:__tostring__()
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

return ConcatTable
