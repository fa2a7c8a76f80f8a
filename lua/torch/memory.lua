--[[ torch.memory — tells LuaJIT's collector about memory it cannot see.

Storages live in C memory (malloc'd by libwick's caching allocator), which LuaJIT's collector
does not count: a loop making temporary tensors would grow without bound while the collector,
seeing only small cdata, never runs. The C side counts the bytes it hands out; after every call
that may allocate, the Lua side calls M.after_alloc(), which runs a full collection when the C
side says enough has been allocated since the last one (Torch7 fed its collector the same way).

   M.after_alloc()   the one place that asks wk_memory_should_collect and collects
   M.in_use()        bytes held by live storages
   M.cached()        bytes kept by the allocator for reuse
   M.empty_cache()   returns cached blocks to the system
]]

local lib = require 'torch.lib'
local C = lib.C

local registry = debug.getregistry()
if registry['wick.torch.memory'] then
   return registry['wick.torch.memory']
end

local M = {}

function M.after_alloc()
   if C.wk_memory_should_collect() ~= 0 then
      collectgarbage()
      C.wk_memory_collected()
   end
end

function M.in_use()
   return tonumber(C.wk_memory_in_use())
end

function M.cached()
   return tonumber(C.wk_memory_cached())
end

function M.empty_cache()
   C.wk_memory_empty_cache()
end

registry['wick.torch.memory'] = M
return M
