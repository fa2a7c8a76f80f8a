-- Specs for nn/optim/Logger.lua: the log file's format and the plot.
require 'optim'

local function read(path)
   local f = assert(io.open(path, 'r'))
   local s = f:read('*a')
   f:close()
   return s
end

describe('optim.Logger', function()
   local dir
   setup(function()
      dir = os.tmpname()
      os.remove(dir)
   end)
   teardown(function() os.execute("rm -rf '" .. dir .. "'") end)

   it('writes the names, then one row of %11.4e values per add, as Torch7 does', function()
      local logger = optim.Logger(dir .. '/a/train.log')
      logger:setNames{'loss', 'accuracy'}
      logger:add{0.5, 0.25}
      logger:add{1234.5, 1}
      assert.are.equal('loss\taccuracy\t\n 5.0000e-01\t 2.5000e-01\t\n 1.2345e+03\t 1.0000e+00\t\n',
         read(dir .. '/a/train.log'))
      assert.are.same({0.5, 1234.5}, logger.symbols[1])
   end)

   it('takes named values without setNames, and refuses unknown names', function()
      local logger = optim.Logger(dir .. '/b.log')
      logger:add{['train error'] = 0.5}
      logger:add{['train error'] = 0.25}
      assert.are.equal('train error\t\n 5.0000e-01\t\n 2.5000e-01\t\n', read(dir .. '/b.log'))
      assert.has_error(function() logger:add{nope = 1} end)
   end)

   it('plots the numeric series to <file>.png', function()
      local logger = optim.Logger(dir .. '/c.log')
      logger:setNames{'loss'}
      logger:style{'-'}
      for i = 1, 5 do logger:add{1 / i} end
      logger:plot()
      local f = io.open(dir .. '/c.log.png', 'rb')
      assert.is_truthy(f)
      if f then f:close() end
   end)
end)
