--[[ nn.Container — the base of modules that hold other modules (Sequential, Concat, ConcatTable,
Parallel, ParallelTable): keeps them in self.modules and passes the protocol's bookkeeping on.

   container:add(module)        appends; returns self
   container:get(index)         the index-th module
   container:size()             how many modules
   container:parameters()       every submodule's parameters and gradients, in order
   container:zeroGradParameters(), updateParameters(lr), training(), evaluate(), reset(stdv),
   share(other, names...), clearState(), type(...)   on every submodule too
   container:applyToModules(fn) fn(m) for each direct submodule

Errors inside a submodule come out prefixed with where they happened, as in Torch7:
"In 2 module of nn.Sequential:\n<message and traceback>" (containers call submodules through
rethrowErrors).
]]

require 'torch'

local Container, parent = torch.class('nn.Container', 'nn.Module')

local ipairs, pairs, type, xpcall = ipairs, pairs, type, xpcall

function Container:__init(...)
   parent.__init(self, ...)
   self.modules = {}
end

function Container:add(module)
   self.modules[#self.modules + 1] = module
   return self
end

function Container:get(index)
   return self.modules[index]
end

function Container:size()
   return #self.modules
end

-- The message handler: keeps the traceback of where the error happened (the innermost container
-- adds it; outer ones see it already there).
local function with_traceback(err)
   err = tostring(err)
   if not err:find('stack traceback:', 1, true) then
      err = debug.traceback(err, 2)
   end
   return err
end

-- module[name](module, ...), with an error prefixed by the module's place in this container.
function Container:rethrowErrors(module, index, name, ...)
   local ok, result = xpcall(module[name], with_traceback, module, ...)
   if not ok then
      error('In ' .. index .. ' module of ' .. torch.type(self) .. ':\n' .. result, 0)
   end
   return result
end

function Container:applyToModules(fn)
   for _, module in ipairs(self.modules) do
      fn(module)
   end
end

function Container:zeroGradParameters()
   for _, module in ipairs(self.modules) do
      module:zeroGradParameters()
   end
end

function Container:updateParameters(learningRate)
   for _, module in ipairs(self.modules) do
      module:updateParameters(learningRate)
   end
end

function Container:training()
   parent.training(self)
   for _, module in ipairs(self.modules) do
      module:training()
   end
end

function Container:evaluate()
   parent.evaluate(self)
   for _, module in ipairs(self.modules) do
      module:evaluate()
   end
end

function Container:share(mlp, ...)
   for i = 1, #self.modules do
      self.modules[i]:share(mlp.modules[i], ...)
   end
   return self
end

function Container:reset(stdv)
   for _, module in ipairs(self.modules) do
      module:reset(stdv)
   end
end

function Container:parameters()
   local params, grads = {}, {}
   for i = 1, #self.modules do
      local p, g = self.modules[i]:parameters()
      if p then
         for j = 1, #p do
            params[#params + 1] = p[j]
            grads[#grads + 1] = g[j]
         end
      end
   end
   return params, grads
end

-- output and gradInput are often a submodule's own tensors (Sequential's are its last and first
-- module's): give the container fresh empty ones instead of emptying those in place.
function Container:clearState()
   for _, name in ipairs({ 'output', 'gradInput' }) do
      local v = self[name]
      if torch.isTensor(v) then
         self[name] = v.new()
      elseif type(v) == 'table' then
         self[name] = {}
      else
         self[name] = nil
      end
   end
   for _, module in pairs(self.modules) do
      module:clearState()
   end
   return self
end

return Container
