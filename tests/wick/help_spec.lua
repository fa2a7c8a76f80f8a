-- wick/help.lua: the documentation `?name` and help() show.

local help = require 'wick.help'
require 'torch'

local function write_file(path, text)
   local f = assert(io.open(path, 'wb'))
   f:write(text)
   f:close()
end

describe('wick.help', function()
   it('documents the main torch functions, found by name or by value', function()
      for _, name in ipairs({ 'torch.cat', 'torch.mm', 'torch.zeros', 'torch.ones', 'torch.rand', 'torch.randn',
         'torch.range', 'torch.eye', 'torch.sum', 'torch.max' }) do
         local text = help.text(name)
         assert.truthy(text, name)
         assert.truthy(text:find(name, 1, true), name)
      end
      local by_value, title = help.text(torch.cat)
      assert.are.equal(help.text('torch.cat'), by_value)
      assert.are.equal('torch.cat', title)
      assert.truthy(help.text(torch.mm):find('matrix product', 1, true))
   end)

   it('documents the tensor constructors, for every type and for tensors themselves', function()
      local text = help.text(torch.FloatTensor)
      assert.truthy(text:find('torch.FloatTensor(d1 [, d2 [, ...]])', 1, true))
      assert.are.equal(text, help.text(torch.LongTensor))
      assert.are.equal(text, help.text('torch.Tensor'))
      assert.are.equal(text, help.text(torch.FloatTensor(2)))
   end)

   it('documents methods reached through a tensor', function()
      local t = torch.FloatTensor(3)
      assert.truthy(help.text(t.narrow):find('x:narrow(dim, index, size)', 1, true))
   end)

   it('says when there is no documentation', function()
      local text, message = help.text(print, 'print')
      assert.is_nil(text)
      assert.are.equal('no documentation for print', message)
      text, message = help.text('no.such.name')
      assert.is_nil(text)
      assert.are.equal('no documentation for no.such.name', message)
   end)

   it('takes new entries with add()', function()
      local module = { f = function() end }
      rawset(_G, 'wickHelpSpecModule', module)
      help.add('wickHelpSpecModule.f', 'wickHelpSpecModule.f()\n\nDoes nothing.')
      assert.are.equal('wickHelpSpecModule.f()\n\nDoes nothing.', help.text(module.f))
      rawset(_G, 'wickHelpSpecModule', nil)
   end)

   it('reads the comment above a Lua function, and the block at the top of a class file', function()
      local dir = os.tmpname()
      os.remove(dir)
      os.execute('mkdir -p ' .. dir .. '/wickhelpspec')
      write_file(dir .. '/wickhelpspec/util.lua', table.concat({
         'local M = {}',
         '',
         '-- Adds one to x.',
         '-- Returns a number.',
         'function M.inc(x) return x + 1 end',
         '',
         'function M.bare() end',
         'return M',
      }, '\n'))
      write_file(dir .. '/wickhelpspec/Thing.lua', '--[[ wickhelpspec.Thing(n) — a thing.\n\n   n   its size\n]]\n'
         .. "local Thing = torch.class('wickhelpspec.Thing', {})\nreturn Thing\n")
      local saved_path = package.path
      package.path = dir .. '/?.lua;' .. package.path
      local util = dofile(dir .. '/wickhelpspec/util.lua')
      local ok, err = pcall(function()
         local text = help.text(util.inc)
         assert.are.equal('Adds one to x.\nReturns a number.\n\n(function M.inc(x) return x + 1 end)', text)
         assert.is_nil(help.text(util.bare))

         local Thing = torch.class('wickhelpspec.Thing', {})
         local thing = Thing.new()
         assert.are.equal('wickhelpspec.Thing(n) — a thing.\n\n   n   its size', help.text(thing))
      end)
      package.path = saved_path
      os.execute('rm -rf ' .. dir)
      assert(ok, err)
   end)

   it('prints the REPL usage for help()', function()
      assert.truthy(help.REPL:find('?torch.cat', 1, true))
   end)
end)
