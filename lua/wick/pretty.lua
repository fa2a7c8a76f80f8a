--[[ wick.pretty — how the REPL shows values.

   local pretty = require 'wick.pretty'
   pretty.format(value [, options]) -> string   (no trailing newline, except a tensor's own)
   pretty.results(n, values [, options]) -> the text the REPL prints for a command's results
   pretty.use_color([file]) -> whether to colour output to file (default io.stdout)

Options (all optional): color (default false), top (true for a value the REPL prints on its
own: strings print raw, tensors in full), indent (2), max_depth (4: deeper tables show as
`{...}`), max_items (50 entries per table, then "... (N more)"), max_lines (400 lines in all,
then "... (output truncated)").

What each value looks like:
   1  3.25  1e+20  nan       numbers: integers exactly, others with as many digits as they need
   "a\nb"                    strings inside tables, escaped on one line; raw at the top
   torch.FloatTensor         tensors at the top: their __tostring (Torch7's format); inside a
                             table: `torch.FloatTensor - size: 2x3`
   nn.Linear(3 -> 4)         an object whose class defines __tostring: that text (nn modules
                             print their tree), later lines indented to the nesting
   { 1, 2, 3 }               a short sequence of plain values: on one line
   {                         any other table: one `key : value` per line, sorted (numbers,
     a : 1                   then strings, then the rest), nested tables indented; an object
     b : {                   without its own __tostring starts with its class name
       c : true
     }
   }
   <cycle: table: 0x...>     a table met again inside itself
   function: 0x... [stdin:3] functions with where they were defined

Colours (ANSI) only when asked for; use_color() says yes for a terminal unless NO_COLOR is set
to something or TERM is 'dumb'.
]]

local ffi = require 'ffi'

local M = {}

local format, concat, rep = string.format, table.concat, string.rep
local floor, huge = math.floor, math.huge

local COLORS = {
   number = '\27[36m',       -- cyan
   string = '\27[32m',       -- green
   keyword = '\27[35m',      -- magenta: true, false, nil
   func = '\27[34m',         -- blue
   object = '\27[33m',       -- yellow: tensors, storages, class names, other cdata
   dim = '\27[90m',          -- grey: punctuation of the tree, markers
}
local RESET = '\27[0m'

local DEFAULTS = { indent = 2, max_depth = 4, max_items = 50, max_lines = 400 }

pcall(ffi.cdef, 'int isatty(int fd);')

function M.use_color(file)
   file = file or io.stdout
   local no_color = os.getenv('NO_COLOR')
   if no_color and no_color ~= '' then
      return false
   end
   if os.getenv('TERM') == 'dumb' then
      return false
   end
   local fd = (file == io.stdout and 1) or (file == io.stderr and 2) or nil
   if not fd then
      return false
   end
   local ok, result = pcall(function() return ffi.C.isatty(fd) end)
   return ok and result == 1
end

-- Numbers: integers in full (up to 2^53), others with the fewest digits (14 to 17) that read
-- back as the same number.
function M.number(x)
   if x ~= x then
      return 'nan'
   elseif x == huge then
      return 'inf'
   elseif x == -huge then
      return '-inf'
   elseif x == floor(x) and x > -2^53 and x < 2^53 then
      return format('%d', x)
   end
   for digits = 14, 16 do
      local s = format('%.' .. digits .. 'g', x)
      if tonumber(s) == x then
         return s
      end
   end
   return format('%.17g', x)
end

local ESCAPES = { ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t', ['\\'] = '\\\\', ['"'] = '\\"', ['\0'] = '\\0' }

function M.quote(s)
   return '"' .. s:gsub('[%c"\\]', function(c)
      return ESCAPES[c] or format('\\%03d', c:byte())
   end) .. '"'
end

local function is_identifier(s)
   return type(s) == 'string' and s:match('^[%a_][%w_]*$') ~= nil
end

-- torch's names for tensors and storages, when torch is loaded.
local function torch_typename(v)
   local torch = rawget(_G, 'torch') or package.loaded.torch
   if type(torch) == 'table' and type(torch.typename) == 'function' then
      local ok, name = pcall(torch.typename, v)
      if ok then
         return name
      end
   end
   return nil
end

local function call_tostring(v)
   local ok, s = pcall(tostring, v)
   if ok and type(s) == 'string' then
      return s
   end
   return '<' .. type(v) .. ': __tostring failed: ' .. tostring(s) .. '>'
end

-- For a table with a metatable that has __tostring: its text, unless that text is only the
-- class name (torch.class's default for a class without __tostring__), in which case the table
-- is shown as a tree headed by the name. Returns text, class name.
local function object_text(t)
   local mt = getmetatable(t)
   if type(mt) ~= 'table' then
      return nil
   end
   local name = torch_typename(t)
   if mt.__tostring == nil then
      return nil, name
   end
   local s = call_tostring(t)
   if name and s == name then
      return nil, name
   end
   return s, name
end

local function function_text(f)
   local info = debug.getinfo(f, 'S')
   local where = ''
   if info and info.what ~= 'C' then
      where = format(' [%s:%d]', info.short_src, info.linedefined)
   end
   return tostring(f) .. where
end

-- '2x3' for a tensor, '10' for a storage.
local function size_text(v)
   local ok, text = pcall(function()
      if v.dim then
         local parts = {}
         for d = 1, v:dim() do
            parts[d] = format('%d', v:size(d))
         end
         return #parts > 0 and concat(parts, 'x') or 'empty'
      end
      return format('%d', v:size())
   end)
   return ok and text or '?'
end

-- Key order: numbers ascending, then strings, then everything else by type and text.
local TYPE_RANK = { number = 1, string = 2 }
local function key_less(a, b)
   local ta, tb = type(a), type(b)
   local ra, rb = TYPE_RANK[ta] or 3, TYPE_RANK[tb] or 3
   if ra ~= rb then
      return ra < rb
   end
   if ta == tb and (ta == 'number' or ta == 'string') then
      return a < b
   end
   if ta ~= tb then
      return ta < tb
   end
   return tostring(a) < tostring(b)
end

-- The printer: one per format() call, writing lines into self.out.
local Printer = {}
Printer.__index = Printer

function Printer:paint(kind, s)
   if self.color and COLORS[kind] then
      return COLORS[kind] .. s .. RESET
   end
   return s
end

-- A value that fits on one line, or nil for a table to expand.
function Printer:scalar(v, top)
   local kind = type(v)
   if kind == 'number' then
      return self:paint('number', M.number(v))
   elseif kind == 'string' then
      return top and v or self:paint('string', M.quote(v))
   elseif kind == 'boolean' or kind == 'nil' then
      return self:paint('keyword', tostring(v))
   elseif kind == 'function' then
      return self:paint('func', function_text(v))
   elseif kind == 'cdata' then
      local name = torch_typename(v)
      if name and (name:match('Tensor$') or name:match('Storage$')) then
         if top then
            return call_tostring(v)
         end
         return self:paint('object', name .. ' - size: ' .. size_text(v))
      end
      return self:paint('object', call_tostring(v))
   elseif kind == 'table' then
      local text = object_text(v)
      if text then
         return text
      end
      return nil
   end
   return self:paint('object', call_tostring(v))   -- userdata, thread
end

function Printer:key(k)
   if is_identifier(k) then
      return k
   elseif type(k) == 'number' then
      return self:paint('number', M.number(k))
   elseif type(k) == 'string' then
      return self:paint('string', M.quote(k))
   end
   return '[' .. (self:scalar(k) or call_tostring(k)) .. ']'
end

-- Whether t is a short sequence of plain values, printable as `{ 1, 2, 3 }`.
function Printer:inline(t, keys)
   if #keys == 0 or #keys > 16 or getmetatable(t) ~= nil then
      return nil
   end
   local parts, width = {}, 4
   for i, k in ipairs(keys) do
      local v = t[k]
      local kind = type(v)
      if k ~= i or not (kind == 'number' or kind == 'string' or kind == 'boolean') then
         return nil
      end
      local s = self:scalar(v)
      width = width + #s + 2
      if width > 80 or (kind == 'string' and #v > 30) then
         return nil
      end
      parts[i] = s
   end
   return '{ ' .. concat(parts, self:paint('dim', ', ')) .. ' }'
end

function Printer:emit(line)
   local out = self.out
   if self.truncated then
      return false
   end
   if #out >= self.max_lines then
      out[#out + 1] = self:paint('dim', '... (output truncated)')
      self.truncated = true
      return false
   end
   out[#out + 1] = line
   return true
end

-- Appends `text` to the current last line, its later lines indented by `indent`.
function Printer:append(text, indent)
   local first = true
   for line in (text .. '\n'):gmatch('([^\n]*)\n') do
      if first then
         self.out[#self.out] = self.out[#self.out] .. line
         first = false
      elseif not self:emit(indent .. line) then
         return
      end
   end
end

-- Writes value v after the text already on the last line; depth counts enclosing tables.
function Printer:value(v, depth, ancestors)
   local s = self:scalar(v, false)
   local pad = rep(' ', self.indent * depth)
   if s then
      self:append(s, pad)
      return
   end
   if ancestors[v] then
      self:append(self:paint('dim', '<cycle: ' .. call_tostring(v) .. '>'), pad)
      return
   end
   local _, class = object_text(v)
   local head = class and (self:paint('object', class) .. ' ') or ''
   local keys = {}
   for k in pairs(v) do
      keys[#keys + 1] = k
   end
   if #keys == 0 then
      self:append(head .. '{}', pad)
      return
   end
   if depth >= self.max_depth then
      self:append(head .. self:paint('dim', format('{... %d entr%s}', #keys, #keys == 1 and 'y' or 'ies')), pad)
      return
   end
   table.sort(keys, key_less)
   local inline = self:inline(v, keys)
   if inline then
      self:append(head .. inline, pad)
      return
   end
   self:append(head .. '{', pad)
   ancestors[v] = true
   local inner = rep(' ', self.indent * (depth + 1))
   local colon = self:paint('dim', ' : ')
   for i, k in ipairs(keys) do
      if i > self.max_items then
         self:emit(inner .. self:paint('dim', format('... (%d more)', #keys - self.max_items)))
         break
      end
      if not self:emit(inner .. self:key(k) .. colon) then
         break
      end
      self:value(v[k], depth + 1, ancestors)
   end
   ancestors[v] = nil
   self:emit(pad .. '}')
end

function M.format(v, options)
   options = options or {}
   local self = setmetatable({
      out = { '' },
      color = options.color or false,
      indent = options.indent or DEFAULTS.indent,
      max_depth = options.max_depth or DEFAULTS.max_depth,
      max_items = options.max_items or DEFAULTS.max_items,
      max_lines = options.max_lines or DEFAULTS.max_lines,
   }, Printer)
   if options.top then
      local s = self:scalar(v, true)
      if s then
         return s
      end
   end
   self:value(v, 0, {})
   return concat(self.out, '\n')
end

-- The text for a command's results values[1..n]: each formatted on its own (top = true),
-- separated by tabs when all fit on one line, else by newlines.
function M.results(n, values, options)
   local parts, multiline = {}, false
   local top = setmetatable({ top = true }, { __index = options })
   for i = 1, n do
      local s = M.format(values[i], top)
      parts[i] = s
      multiline = multiline or s:find('\n', 1, true) ~= nil
   end
   return concat(parts, multiline and '\n' or '\t')
end

return M
