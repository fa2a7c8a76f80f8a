-- wick/pretty.lua: how the REPL shows values, with colours off and on.

local ffi = require 'ffi'
local pretty = require 'wick.pretty'
require 'torch'

pcall(ffi.cdef, 'int setenv(const char *name, const char *value, int overwrite);')
pcall(ffi.cdef, 'int unsetenv(const char *name);')

local ESC = '\27%['

describe('wick.pretty', function()
   describe('without colours', function()
      it('writes numbers exactly and briefly', function()
         assert.are.equal('42', pretty.format(42))
         assert.are.equal('-7', pretty.format(-7))
         assert.are.equal('0.5', pretty.format(0.5))
         assert.are.equal('0.3333333333333333', pretty.format(1 / 3))
         assert.are.equal('1e+300', pretty.format(1e300))
         assert.are.equal('9007199254740991', pretty.format(2 ^ 53 - 1))
         assert.are.equal('nan', pretty.format(0 / 0))
         assert.are.equal('-inf', pretty.format(-math.huge))
      end)

      it('prints a string raw at the top and quoted inside a table', function()
         assert.are.equal('two\nlines', pretty.format('two\nlines', { top = true }))
         assert.are.equal('"two\\nlines"', pretty.format('two\nlines'))
         assert.are.equal('{\n  s : "a\\"b"\n}', pretty.format({ s = 'a"b' }))
      end)

      it('puts a short list of plain values on one line', function()
         assert.are.equal('{ 1, 2, 3 }', pretty.format({ 1, 2, 3 }))
         assert.are.equal('{ "a", true }', pretty.format({ 'a', true }))
         assert.are.equal('{}', pretty.format({}))
      end)

      it('prints other tables as an indented tree with sorted keys', function()
         local text = pretty.format({ b = 2, a = { x = 1, [1] = 'one' }, [2] = 'two', ['not id'] = 3 })
         assert.are.equal(table.concat({
            '{',
            '  2 : "two"',
            '  a : {',
            '    1 : "one"',
            '    x : 1',
            '  }',
            '  b : 2',
            '  "not id" : 3',
            '}',
         }, '\n'), text)
      end)

      it('marks a table that contains itself instead of looping', function()
         local t = { name = 'loop' }
         t.me = t
         local text = pretty.format(t)
         assert.truthy(text:match('me : <cycle: table: 0x%x+>'))
         assert.truthy(text:find('name : "loop"', 1, true))
      end)

      it('repeats a table seen twice that is not a cycle', function()
         local shared = { 1, 2 }
         assert.are.equal('{\n  a : { 1, 2 }\n  b : { 1, 2 }\n}', pretty.format({ a = shared, b = shared }))
      end)

      it('truncates long tables, deep tables and long output', function()
         local long = {}
         for i = 1, 120 do
            long['k' .. string.format('%03d', i)] = i
         end
         local text = pretty.format(long, { max_items = 10 })
         assert.truthy(text:find('k010 : 10', 1, true))
         assert.falsy(text:find('k011', 1, true))
         assert.truthy(text:find('... (110 more)', 1, true))

         local deep = { a = { b = { c = { d = { e = 1 } } } } }
         assert.are.equal('{\n  a : {\n    b : {... 1 entry}\n  }\n}', pretty.format(deep, { max_depth = 2 }))

         text = pretty.format(long, { max_lines = 20 })
         local lines = select(2, text:gsub('\n', '\n')) + 1
         assert.are.equal(21, lines)
         assert.truthy(text:find('... (output truncated)', 1, true))
      end)

      it('shows functions with where they were defined', function()
         local function f() end
         assert.truthy(pretty.format(f):match('^function: 0x%x+ %[.*pretty_spec%.lua:%d+%]$'))
         assert.truthy(pretty.format(print):match('^function: builtin#%d+$'))
      end)

      it('prints a tensor in Torch7 format at the top, and its size inside a table', function()
         local t = torch.FloatTensor(2, 3):fill(1)
         assert.are.equal(tostring(t), pretty.format(t, { top = true }))
         assert.are.equal('{\n  x : torch.FloatTensor - size: 2x3\n}', pretty.format({ x = t }))
         assert.are.equal('{\n  s : torch.DoubleStorage - size: 4\n}', pretty.format({ s = torch.DoubleStorage(4) }))
      end)

      it('uses an object its own __tostring, indenting its later lines', function()
         local object = setmetatable({}, { __tostring = function() return 'Thing {\n  part\n}' end })
         assert.are.equal('Thing {\n  part\n}', pretty.format(object, { top = true }))
         assert.are.equal('{\n  x : Thing {\n    part\n  }\n}', pretty.format({ x = object }))
      end)

      it('shows a torch class object without __tostring as a tree headed by its class', function()
         local Plain = torch.class('wickPrettySpecPlain', {})
         function Plain:__init() self.size = 3 end
         local object = Plain.new()
         assert.are.equal('wickPrettySpecPlain {\n  size : 3\n}', pretty.format(object, { top = true }))
      end)

      it('joins several results with tabs, or newlines when one spans lines', function()
         assert.are.equal('1\ta\tnil', pretty.results(3, { 1, 'a', nil }))
         assert.are.equal('1\n{\n  a : 1\n}', pretty.results(2, { 1, { a = 1 } }))
      end)

      it('has no escape codes at all', function()
         local text = pretty.format({ 1, 'x', true, n = 1, s = 's', f = print, t = torch.FloatTensor(1) })
         assert.falsy(text:find(ESC))
      end)
   end)

   describe('with colours', function()
      it('colours numbers, strings, keywords, functions and objects', function()
         local text = pretty.format({ n = 1, s = 'x', b = true, f = print, t = torch.FloatTensor(2) }, { color = true })
         assert.truthy(text:find('\27[36m1\27[0m', 1, true))
         assert.truthy(text:find('\27[32m"x"\27[0m', 1, true))
         assert.truthy(text:find('\27[35mtrue\27[0m', 1, true))
         assert.truthy(text:find('\27[34mfunction: builtin#', 1, true))
         assert.truthy(text:find('\27[33mtorch.FloatTensor - size: 2\27[0m', 1, true))
      end)

      it('leaves the text the same once the codes are removed', function()
         local value = { 1, 2, name = 'n', nested = { ok = false } }
         local colored = pretty.format(value, { color = true })
         assert.are.equal(pretty.format(value), (colored:gsub('\27%[%d+m', '')))
      end)

      it('never colours a top-level string or a tensor printed in full', function()
         assert.are.equal('plain', pretty.format('plain', { top = true, color = true }))
         local t = torch.FloatTensor(2):fill(1)
         assert.are.equal(tostring(t), pretty.format(t, { top = true, color = true }))
      end)
   end)

   describe('use_color', function()
      local saved = os.getenv('NO_COLOR')
      after_each(function()
         if saved then
            ffi.C.setenv('NO_COLOR', saved, 1)
         else
            ffi.C.unsetenv('NO_COLOR')
         end
      end)

      it('says no when NO_COLOR is set, and for anything that is not stdout or stderr', function()
         ffi.C.setenv('NO_COLOR', '1', 1)
         assert.is_false(pretty.use_color(io.stdout))
         assert.is_false(pretty.use_color(io.stderr))
         ffi.C.unsetenv('NO_COLOR')
         local f = io.tmpfile()
         assert.is_false(pretty.use_color(f))
         f:close()
      end)

      it('follows isatty for stdout when NO_COLOR is unset or empty', function()
         ffi.C.setenv('NO_COLOR', '', 1)
         pcall(ffi.cdef, 'int isatty(int fd);')
         local tty = ffi.C.isatty(1) == 1 and os.getenv('TERM') ~= 'dumb'
         assert.are.equal(tty, pretty.use_color(io.stdout))
      end)
   end)
end)
