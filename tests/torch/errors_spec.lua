-- Bad input to tensors and storages: each gives a Lua error that names the operation and the
-- sizes and types involved, at the caller's line; none crashes the process.

require 'torch'

-- The message of the error f raises (asserting that it raises one).
local function message_of(f)
   local ok, err = pcall(f)
   assert.is_false(ok, 'expected an error')
   assert.are.equal('string', type(err))
   return err
end

local function assert_message(f, ...)
   local err = message_of(f)
   for _, fragment in ipairs({ ... }) do
      assert.truthy(err:find(fragment, 1, true), string.format('%q not in %q', fragment, err))
   end
end

describe('bad input', function()
   local m = torch.FloatTensor(2, 3)
   local v = torch.FloatTensor(3)

   describe('indexes out of range', function()
      it('t[10] on a vector of 3', function()
         assert_message(function() return v[10] end, 'index 10 out of range', 'size 3', '3 torch.FloatTensor')
         assert_message(function() v[10] = 1 end, 'index 10 out of range')
         assert_message(function() return v[0] end, 'index 0 out of range')
         assert_message(function() return v[-4] end, 'index -4 out of range')
      end)

      it('rows and tables of indexes', function()
         assert_message(function() return m[3] end, 'index 3 out of range', '2x3 torch.FloatTensor')
         assert_message(function() return m[{ 1, 7 }] end, 'index 7 out of range for dimension 2')
         assert_message(function() return m[{ { 1, 5 } }] end, 'range {1, 5} out of range', 'dimension 1 of size 2')
         assert_message(function() return m[{ 1, 2, 3 }] end, '3 indexes for a 2-d tensor')
         assert_message(function() return m[{ 'a' }] end, 'entry 1 of the index is a string')
      end)

      it('narrow beyond the end, select beyond, sub beyond', function()
         assert_message(function() return m:narrow(1, 2, 5) end, 'narrow', 'out of range', '2x3 torch.FloatTensor')
         assert_message(function() return m:narrow(3, 1, 1) end, 'narrow: dimension 3 out of range for a 2-d tensor')
         assert_message(function() return m:select(1, 3) end, 'select: index 3 out of range', '2x3 torch.FloatTensor')
         assert_message(function() return v:select(1, 4) end, 'select: index 4 out of range')
         assert_message(function() return m:sub(1, 3) end, 'sub: range 1 to 3 out of range')
      end)

      it('shrinking a storage that a tensor views', function()
         local t = torch.FloatTensor(10)
         assert_message(function() t:storage():resize(2) end,
            'resize: cannot shrink a torch.FloatStorage of size 10 to 2')
         assert.are.equal(4, torch.FloatTensor(2):storage():resize(4):size())  -- growing is fine
      end)

      it('on storages', function()
         local s = torch.FloatStorage(3)
         assert_message(function() return s[4] end, 'index 4 out of range for a torch.FloatStorage of size 3')
         assert_message(function() s[0] = 1 end, 'index 0 out of range')
      end)
   end)

   describe('shapes that do not fit', function()
      it('copy of different element counts', function()
         assert_message(function() torch.FloatTensor(2, 3):copy(torch.FloatTensor(4)) end,
            'copy', '4 torch.FloatTensor', '2x3 torch.FloatTensor')
         assert_message(function() torch.FloatStorage(3):copy(torch.FloatStorage(4)) end, 'copy: size mismatch')
      end)

      it('an impossible view, and a view with the wrong element count', function()
         assert_message(function() return m:t():view(6) end, 'view', 'no view', '3x2 torch.FloatTensor')
         assert_message(function() return m:view(4) end, 'view', '6 elements', 'size 4')
         assert_message(function() return m:reshape(4) end, 'reshape', 'size 4')
      end)

      it('expand, permute, unfold, transpose, t', function()
         assert_message(function() return m:expand(4, 3) end, 'expand', '2x3 torch.FloatTensor', '4x3')
         assert_message(function() return m:permute(1, 1) end, 'permute')
         assert_message(function() return m:unfold(2, 5, 1) end, 'unfold', '2x3 torch.FloatTensor')
         assert_message(function() return m:transpose(1, 3) end, 'transpose: dimension 3 out of range')
         assert_message(function() return torch.FloatTensor(2, 2, 2):t() end, 't: a 2-d tensor expected')
      end)

      it('map over different element counts', function()
         assert_message(function() m:map(v, function() end) end, 'map: the tensors have 6 and 3 elements')
      end)
   end)

   describe('sizes', function()
      it('negative sizes', function()
         assert_message(function() return torch.FloatTensor(-3) end, 'torch.FloatTensor(-3)', 'negative size')
         assert_message(function() return torch.FloatTensor(2, -3) end, 'negative size -3')
         assert_message(function() return torch.FloatStorage(-1) end, 'negative size')
         assert_message(function() return m:clone():resize(-1) end, 'resize: negative size')
      end)

      it('absurd sizes are out-of-memory errors, not crashes', function()
         assert_message(function() return torch.FloatTensor(1e12) end, 'torch.FloatTensor(1000000000000)',
            'out of memory')
         assert_message(function() return torch.FloatStorage(1e15) end, 'out of memory')
         assert_message(function() return torch.FloatTensor(2 ^ 40, 2 ^ 40) end, 'out of memory')
         assert_message(function() return torch.FloatTensor(3):resize(1e12) end, 'out of memory')
      end)

      it('too many dimensions', function()
         assert_message(function() return torch.FloatTensor(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1) end,
            '17 dimensions')
      end)
   end)

   describe('wrong argument types', function()
      it('are reported as Lua does, counting self as argument 1', function()
         assert_message(function() return m:narrow('a', 1, 1) end,
            "bad argument #2 to 'narrow' (number expected, got string)")
         assert_message(function() m:copy('x') end, "bad argument #2 to 'copy' (tensor expected, got string)")
         assert_message(function() m:fill('x') end, "bad argument #2 to 'fill' (number expected, got string)")
         assert_message(function() m:fill(nil) end, "bad argument #2 to 'fill'")
         assert_message(function() m:resize('x') end, "bad argument #2 to 'resize'")
         assert_message(function() m:apply(3) end, "bad argument #2 to 'apply' (function expected, got number)")
         assert_message(function() return m:narrow(1.5, 1, 1) end, "bad argument #2 to 'narrow' (integer expected")
         assert_message(function() m:copy(torch.FloatStorage(6)) end, 'got torch.FloatStorage')
      end)

      it('tables that are not numbers or not rectangular', function()
         assert_message(function() return torch.FloatTensor({ 1, 'a' }) end, 'torch.FloatTensor', 'a string')
         assert_message(function() return torch.FloatTensor({ { 1, 2 }, { 3 } }) end, 'not rectangular')
         assert_message(function() return torch.FloatTensor({ 1, { 2 } }) end, 'a table where a number')
      end)

      it('unknown type names and storages of another type', function()
         assert_message(function() return m:type('torch.Nope') end, "type: unknown tensor type 'torch.Nope'")
         assert_message(function() torch.setdefaulttensortype('torch.Foo') end, 'torch.Foo')
         assert_message(function() return torch.FloatTensor(torch.DoubleStorage(3)) end,
            'cannot view a torch.DoubleStorage as a torch.FloatTensor')
         assert_message(function() return torch.FloatTensor(torch.FloatStorage(3), 2, 3) end,
            'reaches element 4 of a storage of size 3')
      end)

      it('storing something else than a number', function()
         assert_message(function() v[1] = 'x' end, 'cannot store a string')
         assert_message(function() m[1] = 'x' end, 'cannot assign a string')
         assert_message(function() m.foo = 1 end, "cannot set field 'foo'")
      end)
   end)

   describe('a freed tensor used again', function()
      it('raises, naming the type', function()
         local t = torch.FloatTensor(3):fill(1)
         t:free()
         assert_message(function() return t:nElement() end, 'nElement: the torch.FloatTensor was freed')
         assert_message(function() return t[1] end, 'the torch.FloatTensor was freed')
         assert_message(function() t[1] = 1 end, 'the torch.FloatTensor was freed')
         assert_message(function() return t[{ 1 }] end, 'the torch.FloatTensor was freed')
         assert_message(function() torch.FloatTensor(3):copy(t) end,
            "bad argument #2 to 'copy' (the torch.FloatTensor was freed)")
         assert_message(function() return torch.FloatTensor(t) end, 'was freed')
         assert_message(function() torch.FloatTensor(3)[{ {} }] = t end, 'was freed')
      end)
   end)

   describe('the position of the error', function()
      it('is the caller of the tensor method, not a torch file', function()
         local err = message_of(function()
            local r = m:narrow(1, 2, 5)
            return r
         end)
         assert.truthy(err:match('errors_spec%.lua:%d+: narrow'), err)
         err = message_of(function()
            local x = v[10]
            return x
         end)
         assert.truthy(err:match('errors_spec%.lua:%d+: index'), err)
      end)
   end)
end)
