--[[ nn.utils — helpers the nn modules share, as Torch7's nn.utils has them.

Nested values: a "tensor or table" is a tensor, or a table whose values are tensors or such
tables (the inputs and outputs of table modules). The recursive helpers walk them:

   nn.utils.recursiveType(x, typename [, tensorCache])   x with every tensor converted (tables and
                              modules in place); storages shared before stay shared after (the
                              cache maps storages and tensors already converted). Integer tensors
                              (Byte/Char/Short/Int/Long: index buffers) are kept as they are when
                              converting to a floating type — see nn.Module's :type.
   nn.utils.recursiveResizeAs(a, b)   a resized like b (made, of b's type, where missing); returns a, b
   nn.utils.recursiveCopy(a, b)       a resized like b and b copied into it; returns a, b
   nn.utils.recursiveFill(a, value)   every tensor of a filled; returns a
   nn.utils.recursiveAdd(a, scale, b) a = a + scale * b, elementwise over matching structure; returns a, b
   nn.utils.recursiveSum(x)           the sum of every element (a number)
   nn.utils.clear(self, names...)     (or clear(self, {names})) empties self[name]: a tensor is
                              set to an empty tensor of its type, a table becomes {}, anything else nil
   nn.utils.addSingletonDimension([out,] t [, dim])   a view of t with a size-1 dimension at dim
                              (default 1)
   nn.utils.contiguousView(out, t, sizes...)   a view of t with the sizes: t viewed directly when
                              contiguous, else copied into the buffer `out` first; returns the view
   nn.utils.isFloatingTensor(t)       whether t is a float/double/half/bfloat16 tensor
   nn.utils.classOf(typename)         torch.FloatTensor for 'torch.FloatTensor' (storages too)
   nn.utils.describe(x)               '2x3 torch.FloatTensor' (or x's type), for error messages
   nn.utils.checkTableOfTensors(name, input [, level])   raises "<name>: ..." unless input is a
                              non-empty table of tensors of one type and element count
   nn.utils.deepCopy(x)               a deep copy keeping shared storages shared (what
                              Module:clone uses; defined in Module.lua)
]]

require 'torch'

nn.utils = nn.utils or {}
local utils = nn.utils

local type, pairs, ipairs = type, pairs, ipairs

local INTEGER_TYPES = {
   ['torch.ByteTensor'] = true, ['torch.CharTensor'] = true, ['torch.ShortTensor'] = true,
   ['torch.IntTensor'] = true, ['torch.LongTensor'] = true,
}

function utils.isFloatingTensor(t)
   return torch.isTensor(t) and not INTEGER_TYPES[torch.typename(t)]
end

local function is_module(x)
   return torch.isTypeOf(x, 'nn.Module') or torch.isTypeOf(x, 'nn.Criterion')
end

-- torch.FloatTensor for 'torch.FloatTensor' (also storages), or an error naming the type.
local function class_of(typename)
   local ctor = type(typename) == 'string' and torch[typename:match('^torch%.(%w+)$') or '']
   if ctor == nil then
      error(string.format("type: unknown tensor type '%s'", tostring(typename)), 4)
   end
   return ctor
end
utils.classOf = class_of

-- The converted tensor for `param`, made once per tensor and once per storage, so two tensors
-- viewing one storage view one converted storage.
local function convert_tensor(param, typename, cache)
   local done = cache[param]
   if done then
      return done
   end
   local result = class_of(typename)()
   local storage = param:storage()
   if storage ~= nil then
      local key = torch.pointer(storage)
      local converted = cache[key]
      if converted == nil then
         local storage_type = typename:gsub('Tensor', 'Storage')
         converted = class_of(storage_type)(storage:size()):copy(storage)
         cache[key] = converted
      end
      if param:dim() > 0 then
         result:set(converted, param:storageOffset(), param:size(), param:stride())
      else
         result:set(converted, param:storageOffset(), torch.LongStorage(), torch.LongStorage())
      end
   end
   cache[param] = result
   return result
end

function utils.recursiveType(param, typename, tensorCache)
   tensorCache = tensorCache or {}
   if type(param) == 'table' and not is_module(param) then
      if torch.typename(param) == nil then
         for k, v in pairs(param) do
            param[k] = utils.recursiveType(v, typename, tensorCache)
         end
      end
   elseif is_module(param) then
      param:type(typename, tensorCache)
   elseif torch.isTensor(param) then
      local from = torch.typename(param)
      if from ~= typename and not (INTEGER_TYPES[from] and not INTEGER_TYPES[typename]) then
         param = convert_tensor(param, typename, tensorCache)
      end
   end
   return param
end

local function structure_error(a, b)
   error(string.format('expecting nested tensors or tables, got %s and %s', torch.type(a), torch.type(b)), 3)
end

function utils.recursiveResizeAs(a, b)
   if type(b) == 'table' then
      a = (type(a) == 'table') and a or { a }
      for k, v in pairs(b) do
         a[k], b[k] = utils.recursiveResizeAs(a[k], v)
      end
      for k in pairs(a) do
         if b[k] == nil then
            a[k] = nil
         end
      end
   elseif torch.isTensor(b) then
      a = torch.isTensor(a) and a or b.new()
      a:resizeAs(b)
   else
      structure_error(a, b)
   end
   return a, b
end

function utils.recursiveCopy(a, b)
   if type(b) == 'table' then
      a = (type(a) == 'table') and a or { a }
      for k, v in pairs(b) do
         a[k], b[k] = utils.recursiveCopy(a[k], v)
      end
      for k in pairs(a) do
         if b[k] == nil then
            a[k] = nil
         end
      end
   elseif torch.isTensor(b) then
      a = torch.isTensor(a) and a or b.new()
      a:resizeAs(b):copy(b)
   else
      structure_error(a, b)
   end
   return a, b
end

function utils.recursiveFill(a, value)
   if type(a) == 'table' then
      for k, v in pairs(a) do
         a[k] = utils.recursiveFill(v, value)
      end
   elseif torch.isTensor(a) then
      a:fill(value)
   else
      error('expecting a tensor or a table of tensors, got ' .. torch.type(a), 2)
   end
   return a
end

function utils.recursiveAdd(a, scale, b)
   if b == nil then
      scale, b = 1, scale
   end
   if type(b) == 'table' then
      a = (type(a) == 'table') and a or { a }
      for k, v in pairs(b) do
         a[k], b[k] = utils.recursiveAdd(a[k], scale, v)
      end
   elseif torch.isTensor(a) and torch.isTensor(b) then
      a:add(scale, b)
   else
      structure_error(a, b)
   end
   return a, b
end

function utils.recursiveSum(x)
   if type(x) == 'table' then
      local total = 0
      for _, v in pairs(x) do
         total = total + utils.recursiveSum(v)
      end
      return total
   elseif torch.isTensor(x) then
      return x:nElement() > 0 and x:sum() or 0
   end
   error('expecting a tensor or a table of tensors, got ' .. torch.type(x), 2)
end

function utils.clear(self, ...)
   local names = { ... }
   if #names > 0 and type(names[1]) == 'table' then
      names = names[1]
   end
   for _, name in ipairs(names) do
      local v = self[name]
      if v ~= nil then
         if torch.isTensor(v) then
            v:set()
         elseif type(v) == 'table' then
            self[name] = {}
         else
            self[name] = nil
         end
      end
   end
   return self
end

function utils.addSingletonDimension(...)
   local out, t, dim
   local first, second = ...
   if torch.isTensor(first) and torch.isTensor(second) then
      out, t, dim = ...
   else
      t, dim = ...
      out = t.new()
   end
   dim = dim or 1
   if dim < 1 or dim > t:dim() + 1 then
      error(string.format('addSingletonDimension: dimension %d out of range for a %d-d tensor', dim, t:dim()), 2)
   end
   local sizes, strides = {}, {}
   for d = 1, t:dim() do
      sizes[#sizes + 1] = t:size(d)
      strides[#strides + 1] = t:stride(d)
   end
   local stride = (dim <= t:dim()) and t:size(dim) * t:stride(dim) or 1
   table.insert(sizes, dim, 1)
   table.insert(strides, dim, stride)
   out:set(t:storage(), t:storageOffset(), torch.LongStorage(sizes), torch.LongStorage(strides))
   return out
end

function utils.contiguousView(out, t, ...)
   out = out or t.new()
   if t:isContiguous() then
      return t:view(...)
   end
   out:resizeAs(t):copy(t)
   return out:view(...)
end

-- '2x3 torch.FloatTensor' (or the Lua type of a non-tensor), for error messages.
function utils.describe(t)
   if torch.isTensor(t) then
      return (t:dim() == 0 and 'empty' or table.concat(t:size():totable(), 'x')) .. ' ' .. t:type()
   end
   return torch.type(t)
end

function utils.checkTableOfTensors(name, input, level)
   level = (level or 2) + 1
   if type(input) ~= 'table' or #input == 0 then
      error(string.format('%s: a non-empty table of tensors expected, got %s', name, torch.type(input)), level)
   end
   local first = input[1]
   for i = 1, #input do
      local x = input[i]
      if not torch.isTensor(x) or x:nElement() ~= first:nElement() or x.dtype ~= first.dtype then
         error(string.format('%s: input %d (%s) does not match input 1 (%s)', name, i, utils.describe(x),
            utils.describe(first)), level)
      end
   end
end

return utils
