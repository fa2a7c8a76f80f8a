--[[ wick.complete — what TAB offers at the REPL's prompt. Plain Lua, no readline in it.

   local complete = require 'wick.complete'
   local words, suffix = complete.candidates(line, start, text [, env])

line is the whole input line, start the 0-based offset where the word being completed begins
(readline's `start`), text that word; env the table of globals (default _G). Returns the
sorted words that may replace text, and, when there is exactly one, the character to add after
it ('(' for something callable, else nil). Returns nil when the word is inside a string literal:
the caller completes file names there.

What is looked up, from the text before the word:
   pri|                globals (and those behind _G's own __index) and Lua's keywords
   torch.Fl|           the fields of torch, a table
   nn.Linear.|         fields of a class: its methods, its parents' methods
   t:na|               methods of t: for a tensor (FFI cdata) those of its class, found through
                       torch.typename and torch.getmetatable (its per-type table, then the
                       methods every tensor type shares); for a table object, its fields and
                       the functions up its metatables' __index chain; for a string, string.*
The chain before the word may only be names joined by dots (`a.b.c.`, `a.b:`); anything else
(`f().`, `t[1].`) offers nothing, since finding its value would mean running code. Reading a
field runs no Lua function for tables (__index is followed through tables only), and real
indexing for tensors and strings, which is how they find their methods.
Names starting with '__' (metamethods, class internals) are offered only once the text starts
with '__'; after ':' only callable values are.
]]

local M = {}

local KEYWORDS = {
   'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in',
   'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while',
}

-- What position `upto` (1-based, inclusive) of line is in: 'string' (a literal), 'comment' or
-- nil (code).
local function context(line, upto)
   local quote
   local i = 1
   while i <= upto do
      local c = line:sub(i, i)
      if quote then
         if c == '\\' then
            i = i + 1
         elseif c == quote then
            quote = nil
         end
      elseif c == '"' or c == "'" then
         quote = c
      elseif c == '-' and line:sub(i + 1, i + 1) == '-' then
         return 'comment'
      end
      i = i + 1
   end
   return quote and 'string' or nil
end

-- v[name] without raising; nil when it fails. A table's __index is followed only through tables
-- (an __index function could be anything: the globals' -g monitor, for one); for a table whose
-- __index is a function, the metatable itself is looked in, as for classes with __index__
-- hooks. Other values (tensors, strings) are indexed for real: that is how they find methods.
local function field(v, name, depth)
   depth = depth or 0
   if type(v) == 'table' then
      local value = rawget(v, name)
      if value ~= nil or depth > 20 then
         return value
      end
      local mt = debug.getmetatable(v)
      if type(mt) ~= 'table' then
         return nil
      end
      local index = rawget(mt, '__index')
      if type(index) == 'table' then
         return field(index, name, depth + 1)
      elseif type(index) == 'function' then
         return field(mt, name, depth + 1)
      end
      return nil
   end
   local kind = type(v)
   if kind ~= 'cdata' and kind ~= 'string' and kind ~= 'userdata' then
      return nil
   end
   local ok, value = pcall(function() return v[name] end)
   if ok then
      return value
   end
   return nil
end

local function torch_class(v)
   local torch = package.loaded.torch
   if type(torch) ~= 'table' or type(torch.typename) ~= 'function' or type(torch.getmetatable) ~= 'function' then
      return nil
   end
   local ok, name = pcall(torch.typename, v)
   if not ok or type(name) ~= 'string' then
      return nil
   end
   local ok2, class = pcall(torch.getmetatable, name)
   return ok2 and type(class) == 'table' and class or nil
end

-- Adds the string keys of t, then of what t's metatable sends missing keys to (its __index
-- when that is a table; the metatable itself when __index is a function, as for classes with
-- __index__ hooks, whose methods live in the metatable).
local function collect(t, names, seen)
   if type(t) ~= 'table' or seen[t] then
      return
   end
   seen[t] = true
   for k in pairs(t) do
      if type(k) == 'string' then
         names[k] = true
      end
   end
   local mt = debug.getmetatable(t)
   if type(mt) == 'table' then
      local index = rawget(mt, '__index')
      if type(index) == 'table' then
         collect(index, names, seen)
      elseif type(index) == 'function' then
         collect(mt, names, seen)
      end
   end
end

local function names_of(v)
   local names, seen = {}, {}
   local kind = type(v)
   if kind == 'table' then
      collect(v, names, seen)
   elseif kind == 'cdata' then
      collect(torch_class(v), names, seen)
   else                                        -- strings (string.*), userdata
      local mt = debug.getmetatable(v)
      if type(mt) == 'table' and type(rawget(mt, '__index')) == 'table' then
         collect(mt.__index, names, seen)
      end
   end
   return names
end

local function callable(v)
   if type(v) == 'function' then
      return true
   end
   local mt = type(v) == 'table' and debug.getmetatable(v)
   return type(mt) == 'table' and rawget(mt, '__call') ~= nil
end

function M.candidates(line, start, text, env)
   env = env or _G
   local where = context(line, start)
   if where == 'string' then
      return nil
   elseif where == 'comment' then
      return {}
   end
   local before = line:sub(1, start)
   local separator = before:sub(-1)
   local names, base
   if separator == '.' or separator == ':' then
      local chain = before:sub(1, -2):match('[%w_.]*$')
      base = env
      for name in (chain .. '.'):gmatch('([^.]*)%.') do
         if not name:match('^[%a_][%w_]*$') then
            return {}
         end
         base = field(base, name)
         if base == nil then
            return {}
         end
      end
      names = names_of(base)
   else
      base = env
      names = names_of(env)
      for _, keyword in ipairs(KEYWORDS) do
         names[keyword] = true
      end
   end

   local hidden = text:sub(1, 2) ~= '__'
   local words = {}
   for name in pairs(names) do
      if name:sub(1, #text) == text and name:match('^[%a_][%w_]*$')
            and not (hidden and name:sub(1, 2) == '__') then
         if separator ~= ':' or callable(field(base, name)) then
            words[#words + 1] = name
         end
      end
   end
   table.sort(words)
   local suffix
   if #words == 1 and callable(field(base, words[1])) then
      suffix = '('
   end
   return words, suffix
end

return M
