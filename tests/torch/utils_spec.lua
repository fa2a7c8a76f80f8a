require 'torch'

describe('torch.utils', function()
   it('finds the directory of an installed package', function()
      local dir = torch.packageLuaPath('torch')
      assert.truthy(dir:match('lua/torch$'))
   end)

   it('includes a file from a package directory', function()
      local dir = torch.packageLuaPath('torch')
      local name = 'include_probe_' .. tostring(os.time()) .. '.lua'
      local f = assert(io.open(dir .. '/' .. name, 'w'))
      f:write('return 40 + 2\n')
      f:close()
      local ok, value = pcall(torch.include, 'torch', name)
      os.remove(dir .. '/' .. name)
      assert.is_true(ok)
      assert.are.equal(42, value)
   end)

   it('names a package that is not on the path', function()
      assert.has_error(function() torch.include('no_such_package_x', 'a.lua') end,
         "packageLuaPath: package 'no_such_package_x' is not on package.path")
   end)

   it('measures seconds between tic and toc', function()
      local start = torch.tic()
      local until_time = os.clock() + 0.02
      while os.clock() < until_time do end
      local elapsed = torch.toc()
      assert.is_true(elapsed >= 0.015 and elapsed < 5)
      assert.is_true(torch.toc(start) >= elapsed)
   end)
end)
