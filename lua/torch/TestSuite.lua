--[[ torch.TestSuite — a table of tests that refuses to define the same test twice.

   local tests = torch.TestSuite()
   function tests.addition() tester:eq(1 + 1, 2) end
   function tests.addition() end        -- error: Test addition is already defined.
   tester:add(tests)

Reading and writing tests.name works as on a plain table. The tests are kept out of the object
itself (so that a second assignment reaches __newindex__ and can be refused), which also lets the
suite remember the order they were defined in: torch.Tester runs them in that order.
TestSuite.__testlist(suite) returns that order (a list of names) and the name -> function table.

Wiring: this file returns the constructor table. If a global `torch` table exists when it is
loaded, the class is also set there as torch.TestSuite; otherwise init.lua does
`torch.TestSuite = require 'torch.TestSuite'`.
]]

local registry = debug.getregistry()
if registry['wick.torch.TestSuite'] then
   return registry['wick.torch.TestSuite']
end

local class = require 'torch.class'

local home = rawget(_G, 'torch')
if type(home) ~= 'table' then
   home = {}
end
local TestSuite = class.class('torch.TestSuite', home)

-- suite -> { names = {...in definition order}, tests = {name -> function} }
local contents = setmetatable({}, { __mode = 'k' })

local function contents_of(suite)
   local c = contents[suite]
   if c == nil then
      c = { names = {}, tests = {} }
      contents[suite] = c
   end
   return c
end

function TestSuite:__init()
   contents_of(self)
end

function TestSuite:__index__(key)
   local c = contents[self]
   if c ~= nil then
      local value = c.tests[key]
      if value ~= nil then
         return value, true
      end
   end
   return nil, false
end

function TestSuite:__newindex__(key, value)
   local c = contents_of(self)
   if c.tests[key] ~= nil then
      -- Level 3: the user's assignment (2 is the class system's __newindex dispatcher).
      error('Test ' .. tostring(key) .. ' is already defined.', 3)
   end
   if value ~= nil then
      c.tests[key] = value
      c.names[#c.names + 1] = key
   end
   return true
end

function TestSuite.__testlist(suite)
   local c = contents_of(suite)
   local names = {}
   for i, name in ipairs(c.names) do
      names[i] = name
   end
   return names, c.tests
end

local constructor = home.TestSuite
registry['wick.torch.TestSuite'] = constructor
return constructor
