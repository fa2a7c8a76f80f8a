--[[ torch.utils — the small helpers Torch7 scripts call that have no better home:

   torch.include(package, file)   runs `file` from the directory of an installed Lua package, as
                                  Torch7's packages do to load their parts (torch.include('nn', 'Foo.lua'))
   torch.packageLuaPath(package)  that directory
   torch.tic()                    starts (restarts) a wall-clock stopwatch and returns its start
   torch.toc([start])             seconds since the last tic(), or since `start` from an earlier tic()

Sets them on the global `torch` table when required (lua/torch/init.lua does).
]]
local Timer = require 'torch.Timer'

local torch = rawget(_G, 'torch')
local M = torch or {}

function M.packageLuaPath(name)
   if type(name) ~= 'string' then
      error("bad argument #1 to 'packageLuaPath' (string expected, got " .. type(name) .. ')', 2)
   end
   local path = package.searchpath(name, package.path)
   if not path then
      error("packageLuaPath: package '" .. name .. "' is not on package.path", 2)
   end
   return (path:gsub('[/\\][^/\\]*$', ''))
end

function M.include(name, file)
   if type(file) ~= 'string' then
      error("bad argument #2 to 'include' (string expected, got " .. type(file) .. ')', 2)
   end
   return dofile(M.packageLuaPath(name) .. '/' .. file)
end

-- One stopwatch for tic/toc; times are its real (wall-clock) seconds since the module loaded.
local clock = Timer()
local last_tic = 0

function M.tic()
   last_tic = clock:time().real
   return last_tic
end

function M.toc(start)
   return clock:time().real - (start or last_tic)
end

return M
