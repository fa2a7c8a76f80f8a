-- The public header core/include/wick.h against the built library: ffi.cdef accepts it as
-- torch.lib prepares it, every function it declares resolves in libwick.so, and the library
-- exports nothing the header does not declare.

local lib = require 'torch.lib'
local ffi = lib.ffi

-- Names of the functions the header declares, in order. Comments and brace blocks (struct and
-- enum bodies) are removed; each remaining `;`-separated declaration that is not a typedef and
-- ends in `name(...)` declares function `name`. A function-pointer parameter such as
-- `void (*release)(void *)` sits inside the outer parentheses, so it is never taken for one.
local function declared_functions(header)
   local text = header:gsub('/%*.-%*/', ' '):gsub('//[^\n]*', ' '):gsub('%b{}', ' ')
   local names = {}
   for declaration in text:gmatch('[^;]+') do
      declaration = declaration:gsub('^%s+', ''):gsub('%s+$', '')
      if not declaration:match('^typedef%f[%W]') then
         local name = declaration:match('([%a_][%w_]*)%s*%b()$')
         if name then
            names[#names + 1] = name
         end
      end
   end
   return names
end

-- Defined dynamic symbols of the library file (nm from binutils), or nil when not available.
local function exported_symbols(path)
   if not path:find('/', 1, true) then
      return nil                                   -- loaded by bare name: no file to read
   end
   local pipe = io.popen("nm -D --defined-only '" .. path:gsub("'", "'\\''") .. "' 2>/dev/null")
   if not pipe then
      return nil
   end
   local symbols = {}
   for line in pipe:lines() do
      local kind, name = line:match('^%x*%s+(%a)%s+([^%s@]+)')
      if kind and name then
         symbols[#symbols + 1] = { kind = kind, name = name }
      end
   end
   pipe:close()
   return #symbols > 0 and symbols or nil
end

describe('the public header wick.h', function()
   local names = declared_functions(lib.header)

   it('has had its preprocessor lines and C++ guard removed before ffi.cdef', function()
      assert.is_nil(lib.header:find('\n%s*#'))
      assert.is_nil(lib.header:find('extern "C"', 1, true))
   end)

   it('defines the tensor struct as the FFI sees it', function()
      local t = ffi.new('wk_tensor')
      assert.are.equal(lib.C.WK_MAX_DIMS, ffi.sizeof(t.sizes) / ffi.sizeof('int64_t'))
      assert.are.equal(lib.C.WK_MAX_DIMS, ffi.sizeof(t.strides) / ffi.sizeof('int64_t'))
   end)

   it('declares functions that the prototype parser finds', function()
      -- A check on the parser itself: names it must see, including one with a function-pointer
      -- parameter.
      local set = {}
      for _, name in ipairs(names) do
         set[name] = true
      end
      for _, expected in ipairs({ 'wk_last_error', 'wk_version', 'wk_storage_new_borrowed',
                                  'wk_tensor_new', 'wk_copy' }) do
         assert.is_true(set[expected], expected .. ' not found by the parser')
      end
      assert.is_nil(set.release)
      assert.is_true(#names >= 40)
   end)

   it('has every declared function resolve in the built library', function()
      local missing = {}
      for _, name in ipairs(names) do
         local ok, value = pcall(function() return lib.C[name] end)
         if not ok or value == nil then
            missing[#missing + 1] = name
         end
      end
      assert.are.same({}, missing, 'declared in wick.h but missing from ' .. lib.library_path)
   end)

   it('is the whole exported API of the library', function()
      local symbols = exported_symbols(lib.library_path)
      if not symbols then
         pending('nm is not available, or the library was loaded by name: not checked')
         return
      end
      local declared = {}
      for _, name in ipairs(names) do
         declared[name] = true
      end
      local extra = {}
      for _, symbol in ipairs(symbols) do
         if not declared[symbol.name] then
            extra[#extra + 1] = symbol.kind .. ' ' .. symbol.name
         end
      end
      assert.are.same({}, extra, 'exported by ' .. lib.library_path .. ' but not declared in wick.h')
   end)
end)
