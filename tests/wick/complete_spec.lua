-- wick/complete.lua: what TAB offers, given the line and where the word starts.

local complete = require 'wick.complete'
require 'torch'

-- Completes the end of `line`: the word is what follows the last break character.
local function at_end(line, env)
   local text = line:match('[%w_]*$')
   return complete.candidates(line, #line - #text, text, env)
end

local function contains(list, word)
   for _, w in ipairs(list) do
      if w == word then
         return true
      end
   end
   return false
end

describe('wick.complete', function()
   it('offers globals and keywords for a bare word', function()
      local words = at_end('x = pri')
      assert.are.same({ 'print' }, words)
      words = at_end('fun')
      assert.truthy(contains(words, 'function'))
      local env = { alpha = 1, alphabet = 2, beta = 3 }
      assert.are.same({ 'alpha', 'alphabet', 'and' }, at_end('a', env))
   end)

   it('offers the fields of a table after a dot, sorted', function()
      local words = at_end('torch.Fl')
      assert.are.same({ 'FloatStorage', 'FloatTensor' }, words)
      words = at_end('string.')
      assert.truthy(contains(words, 'format'))
      assert.are.same(words, (function() local c = { unpack(words) } table.sort(c) return c end)())
   end)

   it("adds '(' after the only candidate when it is callable", function()
      local words, suffix = at_end('torch.FloatT')
      assert.are.same({ 'FloatTensor' }, words)
      assert.are.equal('(', suffix)
      words, suffix = at_end('math.p')
      assert.are.same({ 'pi', 'pow' }, words)
      assert.is_nil(suffix)
      words, suffix = at_end('math.pi')
      assert.are.same({ 'pi' }, words)
      assert.is_nil(suffix)
   end)

   it("lists a tensor's methods after ':'", function()
      local env = { t = torch.FloatTensor(2, 3) }
      local words = at_end('t:', env)
      for _, method in ipairs({ 'fill', 'narrow', 'size', 'view', 'transpose', 'add', 'type' }) do
         assert.truthy(contains(words, method), method)
      end
      assert.falsy(contains(words, '__typename'))
      local narrow, suffix = at_end('t:nar', env)
      assert.are.same({ 'narrow' }, narrow)
      assert.are.equal('(', suffix)
   end)

   it('follows class chains: methods of the class and of its parents', function()
      local Base = torch.class('wickCompleteSpecBase', {})
      function Base.inherited() end
      local Derived = torch.class('wickCompleteSpecDerived', 'wickCompleteSpecBase', {})
      function Derived.own() end
      local object = Derived.new()
      object.field = 1
      local env = { o = object }
      assert.are.same({ 'inherited', 'new', 'own' }, at_end('o:', env))   -- new: the constructor
      assert.truthy(contains(at_end('o.', env), 'field'))
   end)

   it('offers string methods after a string variable and a colon', function()
      assert.are.same({ 'upper' }, at_end('s:up', { s = 'text' }))
   end)

   it('hides names starting with __ unless asked for', function()
      local env = { t = { __secret = 1, open = 2 } }
      assert.are.same({ 'open' }, at_end('t.', env))
      assert.are.same({ '__secret' }, at_end('t.__', env))
   end)

   it('offers nothing after an expression it would have to run', function()
      local env = { f = function() return { x = 1 } end, t = { { x = 1 } } }
      assert.are.same({}, at_end('f().', env))
      assert.are.same({}, at_end('t[1].', env))
      assert.are.same({}, at_end('1.', env))
      assert.are.same({}, at_end('nothere.', env))
   end)

   it('returns nil inside a string (file names) and nothing in a comment', function()
      assert.is_nil(at_end('dofile("exam'))
      assert.is_nil(at_end("x = 'a' .. 'b"))
      assert.are.same({}, at_end('x = 1 -- torch.Fl'))
      assert.are.same({ 'FloatStorage', 'FloatTensor' }, at_end('x = "a" .. torch.Fl'))
   end)
end)
