-- What Torch7 itself printed, for the specs that compare against it: the fixtures in
-- ../shared/fixtures/torch7-output/ beside the repository (WICK_TORCH7_OUTPUT overrides the folder).
--
--    local fixtures = require 'tests.fixtures'
--    fixtures.dir()                 the folder
--    fixtures.cases()               cases.lua: a list of { name, snippet }
--    fixtures.outputs()             torch7-output.txt as { [name] = what that snippet printed }
--    fixtures.run_captured(code [, env_fields])
--                                   runs a snippet with print captured; returns what it printed
--                                   (env_fields: globals the snippet sees instead of _G's)

local M = {}

function M.dir()
   local override = os.getenv('WICK_TORCH7_OUTPUT')
   if override then
      return override
   end
   local source = debug.getinfo(1, 'S').source:gsub('^@', '')
   local tests_dir = source:match('^(.*)/[^/]*$') or '.'
   return tests_dir .. '/../../shared/fixtures/torch7-output'
end

local function read_file(path)
   local f = assert(io.open(path, 'rb'))
   local text = f:read('*a')
   f:close()
   return text
end

function M.cases()
   return dofile(M.dir() .. '/cases.lua')
end

-- torch7-output.txt: "=== NAME" lines, each followed by exactly what the snippet printed.
function M.outputs()
   local outputs, names = {}, {}
   local text = read_file(M.dir() .. '/torch7-output.txt')
   local position = 1
   while true do
      local first, last, name = text:find('=== ([%w_]+)\n', position)
      if not first then
         break
      end
      if #names > 0 then
         outputs[names[#names]] = text:sub(position, first - 1)
      end
      names[#names + 1] = name
      position = last + 1
   end
   if #names > 0 then
      outputs[names[#names]] = text:sub(position)
   end
   return outputs
end

function M.run_captured(code, env_fields)
   local printed = {}
   local env = setmetatable({
      print = function(...)
         local parts = {}
         for i = 1, select('#', ...) do
            parts[i] = tostring((select(i, ...)))
         end
         printed[#printed + 1] = table.concat(parts, '\t') .. '\n'
      end,
   }, { __index = _G })
   for name, value in pairs(env_fields or {}) do
      env[name] = value
   end
   local chunk = assert(loadstring(code))
   setfenv(chunk, env)
   chunk()
   return table.concat(printed)
end

return M
