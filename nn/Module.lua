--[[ nn.Module — the root of every nn layer: Torch7's module protocol.

A module computes `output = f(input)` and, given dLoss/dOutput (gradOutput), the gradient with
respect to its input (gradInput) and accumulates the gradients of its parameters. Subclasses
define the three methods; everything else is built on them:

   module:updateOutput(input)                          computes and returns self.output
   module:updateGradInput(input, gradOutput)           computes and returns self.gradInput
   module:accGradParameters(input, gradOutput [, scale])   gradWeight += scale * dLoss/dWeight ...

   module:forward(input)                  updateOutput
   module:backward(input, gradOutput [, scale])   updateGradInput then accGradParameters; gradInput
   module(input [, gradOutput])           forward (and backward); returns output [, gradInput]
   module:zeroGradParameters()            every gradient tensor set to 0
   module:updateParameters(lr)            every parameter -= lr * its gradient
   module:accUpdateGradParameters(input, gradOutput, lr)   parameters -= lr * gradient, with no
                                          gradient buffer (accGradParameters run into the weights)
   module:backwardUpdate(input, gradOutput, lr)            updateGradInput + accUpdateGradParameters
   module:parameters()                    {weight, bias}, {gradWeight, gradBias} (what exists), or nothing
   module:getParameters()                 flatParameters, flatGradParameters: every parameter (and
                                          every gradient) of the network moved into one contiguous
                                          tensor; the modules' tensors become views into it. Tensors
                                          sharing a storage before share it after. Call it once,
                                          after building (and sharing) the network.
   module:training(), module:evaluate()   self.train = true / false (Dropout, BatchNorm... read it)
   module:type(typename [, tensorCache])  converts every tensor field (and nested table, module);
                                          storages shared before stay shared; returns self.
                                          module:type() is the current type name.
   module:float(), module:double()        type('torch.FloatTensor'), type('torch.DoubleTensor')
   module:clearState()                    output, gradInput (and buffers a module names) emptied, to
                                          save memory before saving a model; returns self
   module:clone(...)                      a deep copy (storages shared within the module stay shared
                                          within the copy); clone('weight', 'bias') shares those with
                                          the original instead
   module:share(other, names...)          self[name] becomes a view of other[name]; returns self
   module:reset([stdv])                   new random parameters (layers define it)
   module:apply(fn)                       fn(m) for self and every submodule, depth first
   module:listModules()                   {self, submodules...} depth first
   module:findModules(typename)           the modules of that class, and the container of each
   module:replace(fn)                     each submodule m replaced by fn(m), then self by fn(self)

Fields: output, gradInput (tensors or tables), train (boolean), _type (type name); layers with
parameters have weight, gradWeight, bias, gradBias.

Where Wick differs from Torch7: :type() keeps integer tensors (index buffers such as
ByteTensor masks and LongTensor indices) when converting to a floating type, rather than
converting them too; :clone() copies in memory (Torch7 went through serialization) with the same
result; read/write hooks for serialization are not here yet.
]]

require 'torch'

-- luacheck: ignore 212 (the defaults below keep the protocol's argument names, unused)

local Module = torch.class('nn.Module')

local type, pairs, ipairs, select = type, pairs, ipairs, select
local utils = nn.utils

function Module:__init()
   self.gradInput = torch.Tensor()
   self.output = torch.Tensor()
   self._type = self.output:type()
   self.train = true
end

function Module:parameters()
   if self.weight and self.bias then
      return { self.weight, self.bias }, { self.gradWeight, self.gradBias }
   elseif self.weight then
      return { self.weight }, { self.gradWeight }
   elseif self.bias then
      return { self.bias }, { self.gradBias }
   end
end

-- The protocol ---------------------------------------------------------------------------------------

function Module:updateOutput(input)
   return self.output
end

function Module:forward(input)
   return self:updateOutput(input)
end

function Module:backward(input, gradOutput, scale)
   scale = scale or 1
   self.gradInput = self:updateGradInput(input, gradOutput)
   self:accGradParameters(input, gradOutput, scale)
   return self.gradInput
end

function Module:backwardUpdate(input, gradOutput, lr)
   self:updateGradInput(input, gradOutput)
   self:accUpdateGradParameters(input, gradOutput, lr)
   return self.gradInput
end

function Module:updateGradInput(input, gradOutput)
   return self.gradInput
end

function Module:accGradParameters(input, gradOutput, scale)
end

-- Runs accGradParameters with the weights standing in for the gradient buffers, so the update
-- weight -= lr * gradient happens with no buffer.
function Module:accUpdateGradParameters(input, gradOutput, lr)
   local gradWeight, gradBias = self.gradWeight, self.gradBias
   self.gradWeight, self.gradBias = self.weight, self.bias
   self:accGradParameters(input, gradOutput, -lr)
   self.gradWeight, self.gradBias = gradWeight, gradBias
end

-- What share() installs: with shared weights the in-place trick above would apply the update
-- once per sharer into one storage, so go through the gradient buffers instead.
function Module:sharedAccUpdateGradParameters(input, gradOutput, lr)
   if self:parameters() then
      self:zeroGradParameters()
      self:accGradParameters(input, gradOutput, 1)
      self:updateParameters(lr)
   end
end

function Module:zeroGradParameters()
   local _, gradParams = self:parameters()
   if gradParams then
      for i = 1, #gradParams do
         gradParams[i]:zero()
      end
   end
end

function Module:updateParameters(learningRate)
   local params, gradParams = self:parameters()
   if params then
      for i = 1, #params do
         params[i]:add(-learningRate, gradParams[i])
      end
   end
end

function Module:training()
   self.train = true
end

function Module:evaluate()
   self.train = false
end

function Module:reset()
end

function Module:__call__(input, gradOutput)
   self:forward(input)
   if gradOutput then
      self:backward(input, gradOutput)
      return self.output, self.gradInput
   end
   return self.output
end

function Module:__tostring__()
   return torch.type(self)
end

-- Sharing and copying ---------------------------------------------------------------------------------

function Module:share(mlp, ...)
   for i = 1, select('#', ...) do
      local name = select(i, ...)
      if self[name] ~= nil then
         self[name]:set(mlp[name])
         self.accUpdateGradParameters = self.sharedAccUpdateGradParameters
         mlp.accUpdateGradParameters = mlp.sharedAccUpdateGradParameters
      end
   end
   return self
end

-- A deep copy of x. Tables are copied once each (cycles and repeated references kept), objects
-- keep their class; tensors get new storages, one per original storage, with the same views into
-- them, so sharing inside x is sharing inside the copy. Functions, and tables with a metatable
-- that is not a torch class (constructor tables, modules of code), are kept by reference.
-- memo maps originals (tables; tensors and storages by C address) to copies; keep holds the
-- originals met by address, so no address is freed and reused while the copy is made.
local function deep_copy(x, memo, keep)
   local kind = type(x)
   if kind == 'table' then
      local done = memo[x]
      if done ~= nil then
         return done
      end
      local classname = torch.typename(x)
      if getmetatable(x) ~= nil and (classname == nil or torch.getmetatable(classname) == x
            or torch.getconstructortable(classname) == x) then
         return x
      end
      local copy = {}
      memo[x] = copy
      for k, v in pairs(x) do
         copy[deep_copy(k, memo, keep)] = deep_copy(v, memo, keep)
      end
      if classname ~= nil then
         torch.setmetatable(copy, classname)
      end
      return copy
   elseif kind == 'cdata' then
      if torch.isTensor(x) then
         local key = torch.pointer(x)
         local done = memo[key]
         if done ~= nil then
            return done
         end
         local copy = x.new()
         memo[key] = copy
         keep[#keep + 1] = x
         local storage = x:storage()
         if storage ~= nil then
            local scopy = deep_copy(storage, memo, keep)
            if x:dim() > 0 then
               copy:set(scopy, x:storageOffset(), x:size(), x:stride())
            end
         end
         return copy
      elseif torch.isStorage(x) then
         local key = torch.pointer(x)
         local done = memo[key]
         if done ~= nil then
            return done
         end
         local copy = utils.classOf(torch.typename(x))(x:size())
         if x:size() > 0 then
            copy:copy(x)
         end
         memo[key] = copy
         keep[#keep + 1] = x
         return copy
      end
   end
   return x
end
nn.utils.deepCopy = function(x) return deep_copy(x, {}, {}) end

function Module:clone(...)
   local copy = deep_copy(self, {}, {})
   if select('#', ...) > 0 then
      copy:share(self, ...)
   end
   return copy
end

-- Types -------------------------------------------------------------------------------------------------

function Module:type(typename, tensorCache)
   if not typename then
      return self._type
   end
   tensorCache = tensorCache or {}
   for key, param in pairs(self) do
      self[key] = utils.recursiveType(param, typename, tensorCache)
   end
   self._type = typename
   return self
end

function Module:float(...)
   return self:type('torch.FloatTensor', ...)
end

function Module:double(...)
   return self:type('torch.DoubleTensor', ...)
end

function Module:cuda(...)
   return self:type('torch.CudaTensor', ...)
end

function Module:clearState()
   return utils.clear(self, 'output', 'gradInput')
end

-- Walking the network ---------------------------------------------------------------------------------

function Module:apply(callback)
   callback(self)
   if self.modules then
      for _, module in ipairs(self.modules) do
         module:apply(callback)
      end
   end
end

function Module:listModules()
   local modules = { self }
   if self.modules then
      for i = 1, #self.modules do
         local sub = self.modules[i]:listModules()
         for j = 1, #sub do
            modules[#modules + 1] = sub[j]
         end
      end
   end
   return modules
end

function Module:findModules(typename, container)
   container = container or self
   local nodes, containers = {}, {}
   if torch.type(self) == typename then
      nodes[1] = self
      containers[1] = container
   end
   if self.modules then
      for _, child in ipairs(self.modules) do
         local child_nodes, child_containers = child:findModules(typename, self)
         for i = 1, #child_nodes do
            nodes[#nodes + 1] = child_nodes[i]
            containers[#containers + 1] = child_containers[i]
         end
      end
   end
   return nodes, containers
end

function Module:replace(callback)
   local out = callback(self)
   if self.modules then
      for i, module in ipairs(self.modules) do
         self.modules[i] = module:replace(callback)
      end
   end
   return out
end

-- Flattening parameters ---------------------------------------------------------------------------------

-- Whether t's elements fill one contiguous span of its storage (in some order, no gaps).
local function is_compact(t)
   local dims = t:dim()
   local order = {}
   for d = 1, dims do
      order[d] = d
   end
   table.sort(order, function(a, b) return t:stride(a) < t:stride(b) end)
   local expected = 1
   for _, d in ipairs(order) do
      if t:size(d) > 1 then
         if t:stride(d) ~= expected then
            return false
         end
         expected = expected * t:size(d)
      end
   end
   return true
end

--[[ Module.flatten(tensors) -> flat: moves the tensors' contents into one new contiguous tensor
and makes each tensor a view of it (same sizes and strides as before). Tensors viewing the same
storage view the same part of the flat tensor afterwards, so sharing survives. Storage elements
that no tensor views are dropped (the tensors must then be compact, as in Torch7). ]]
function Module.flatten(tensors)
   if not tensors or #tensors == 0 then
      return torch.Tensor()
   end
   local first = tensors[1]
   local typename = first:type()
   local new = first.new

   -- 1. The distinct storages, each given a place in the flat buffer.
   local bases, storages, total = {}, {}, 0
   local meta = {}
   for i, t in ipairs(tensors) do
      if t:type() ~= typename then
         error(string.format('getParameters: parameters of different types (%s and %s)', typename, t:type()), 3)
      end
      local storage = t:storage()
      if storage ~= nil and t:nElement() > 0 then
         local key = torch.pointer(storage)
         if bases[key] == nil then
            bases[key] = total
            storages[#storages + 1] = { storage, total }
            total = total + storage:size()
         end
         meta[i] = { offset = t:storageOffset() + bases[key], size = t:size(), stride = t:stride() }
      end
   end
   local flat = new(total)
   if total == 0 then
      return flat
   end

   -- 2. Copy each storage in, and mark which elements some tensor views.
   for _, entry in ipairs(storages) do
      local storage, base = entry[1], entry[2]
      flat:narrow(1, base + 1, storage:size()):copy(new():set(storage, 1, torch.LongStorage({ storage:size() })))
   end
   local used = torch.ByteTensor(total):zero()
   local view = torch.ByteTensor()
   local compact = true
   for i = 1, #tensors do
      local m = meta[i]
      if m then
         view:set(used:storage(), m.offset, m.size, m.stride):fill(1)
         compact = compact and is_compact(view)
      end
   end

   -- 3. Drop the holes, if any: each offset moves to the count of used elements up to it.
   local count = used:sum()
   if count ~= total then
      if not compact then
         error('getParameters: cannot gather parameters that are not compact (they leave gaps and overlap)', 3)
      end
      local positions = used:long():cumsum(1)
      flat = new(count):copy(flat:maskedSelect(used))
      for i = 1, #tensors do
         if meta[i] then
            meta[i].offset = positions[meta[i].offset]
         end
      end
   end

   -- 4. Point every tensor into the flat buffer.
   local storage = flat:storage()
   for i, t in ipairs(tensors) do
      local m = meta[i]
      if m then
         t:set(storage, m.offset, m.size, m.stride)
      end
   end
   return flat
end

function Module:getParameters()
   local parameters, gradParameters = self:parameters()
   local flatParameters = Module.flatten(parameters)
   local flatGradParameters = Module.flatten(gradParameters)
   if flatParameters:nElement() ~= flatGradParameters:nElement() then
      error(string.format('getParameters: %d parameters but %d gradients: share gradients along with the '
         .. 'parameters they belong to', flatParameters:nElement(), flatGradParameters:nElement()), 2)
   end
   if parameters then
      for i = 1, #parameters do
         if parameters[i]:storageOffset() ~= gradParameters[i]:storageOffset() then
            error('getParameters: misaligned parameter at ' .. i .. ' (its gradient is shared differently)', 2)
         end
      end
   end
   return flatParameters, flatGradParameters
end

return Module
