-- nn.Reshape: the input's elements with other sizes.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Reshape', function()
   local x = torch.range(1, 16):view(4, 4)

   it('prints as Torch7', function()
      assert.are.equal('nn.Reshape(2x8)', tostring(nn.Reshape(2, 8)))
      assert.are.equal('nn.Reshape(16)', tostring(nn.Reshape(torch.LongStorage({ 16 }))))
   end)

   it('reshapes row-major, as documented', function()
      assert.are.same({ { 1, 2, 3, 4, 5, 6, 7, 8 }, { 9, 10, 11, 12, 13, 14, 15, 16 } },
         nn.Reshape(2, 8):forward(x):totable())
      assert.are.same({ 8, 2 }, nn.Reshape(8, 2):forward(x):size():totable())
   end)

   it('follows batchMode for a batch of one', function()
      local y = torch.Tensor(1, 4):fill(0)
      assert.are.same({ 1, 4 }, nn.Reshape(4):forward(y):size():totable())
      assert.are.same({ 4 }, nn.Reshape(4, false):forward(y):size():totable())
      assert.are.same({ 4, 4 }, nn.Reshape(4, true):forward(x):size():totable())
      assert.are.same({ 2, 8 }, nn.Reshape(8):forward(x:view(2, 8)):size():totable())
   end)

   it('copies a strided input and views gradients back', function()
      local m = nn.Reshape(2, 8)
      local t = x:t()
      local y = m:forward(t)
      assert.are.same(t:contiguous():view(2, 8):totable(), y:totable())
      assert.are.same({ 4, 4 }, m:backward(t, y:clone()):size():totable())
   end)

   for _, case in ipairs({ { 'one sample', { 3, 4 } }, { 'a batch', { 2, 3, 4 } } }) do
      it('has gradients that match finite differences for ' .. case[1], function()
         local err = checks.jacobian(nn.Reshape(12), torch.DoubleTensor(unpack(case[2])))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Reshape(6), torch.DoubleTensor(4, 2, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.Reshape(6):double(), torch.DoubleTensor(4, 2, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Reshape(6), torch.Tensor(4, 2, 3):uniform()))
   end)

   it('names the module and the sizes when the elements do not fit', function()
      local m = nn.Reshape(5)
      local err = checks.error_of(m.forward, m, torch.Tensor(2, 3))
      assert.is_truthy(err:find('nn.Reshape', 1, true) and err:find('2x3', 1, true))
   end)
end)
