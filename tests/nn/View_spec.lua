-- nn.View: a view of the input with other sizes.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.View', function()
   describe('construction', function()
      it('takes numbers or a LongStorage, and prints as Torch7', function()
         assert.are.equal('nn.View(-1, 16)', tostring(nn.View(-1, 16)))
         assert.are.equal('nn.View(8, 2)', tostring(nn.View(torch.LongStorage({ 8, 2 }))))
         assert.are.equal(16, nn.View(-1, 16).numElements)
      end)

      it('refuses two -1 sizes and other negatives', function()
         assert.is_truthy(checks.error_of(nn.View, -1, -1):find('nn.View', 1, true))
         assert.is_truthy(checks.error_of(nn.View, 2, -3):find('nn.View', 1, true))
      end)
   end)

   describe('views', function()
      local x = torch.range(1, 16):view(4, 4)

      it('reshapes without copying', function()
         local y = nn.View(2, 8):forward(x)
         assert.are.same({ 2, 8 }, y:size():totable())
         assert.are.equal(torch.pointer(x:storage()), torch.pointer(y:storage()))
         assert.are.same({ 16 }, nn.View(16):forward(x):size():totable())
         assert.are.same({ 8, 2 }, nn.View(torch.LongStorage({ 8, 2 })):forward(x):size():totable())
      end)

      it('treats an input with a multiple of the elements as a batch', function()
         assert.are.same({ 2, 2, 4 }, nn.View(2, 4):forward(torch.Tensor(2, 8)):size():totable())
      end)

      it('infers -1, and with setNumInputDims keeps batches apart', function()
         local m = nn.View(-1):setNumInputDims(2)
         assert.are.same({ 6 }, m:forward(torch.Tensor(2, 3)):size():totable())
         assert.are.same({ 5, 6 }, m:forward(torch.Tensor(5, 2, 3)):size():totable())
         assert.are.same({ 4, 4 }, nn.View(-1, 4):forward(x):size():totable())
      end)

      it('resetSize changes the sizes', function()
         local m = nn.View(16)
         assert.are.equal(m, m:resetSize(2, 8))
         assert.are.same({ 2, 8 }, m:forward(x):size():totable())
      end)

      it('gives gradInput with the input sizes', function()
         local m = nn.View(-1):setNumInputDims(2)
         local input = torch.Tensor(5, 2, 3):uniform()
         m:forward(input)
         local gi = m:backward(input, torch.Tensor(5, 6):uniform())
         assert.are.same({ 5, 2, 3 }, gi:size():totable())
         local t = torch.Tensor(6, 5):uniform():t()                   -- a strided gradOutput
         assert.are.same(t:contiguous():view(5, 2, 3):totable(), m:backward(input, t):totable())
      end)
   end)

   for _, case in ipairs({ { 'one sample', { 4, 3 } }, { 'a batch', { 2, 4, 3 } } }) do
      it('has gradients that match finite differences for ' .. case[1], function()
         local err = checks.jacobian(nn.View(-1, 6):setNumInputDims(2), torch.DoubleTensor(unpack(case[2])))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.View(6), torch.DoubleTensor(4, 2, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.View(6), torch.DoubleTensor(4, 2, 3):uniform()))
      local input = torch.Tensor(4, 6):uniform()
      assert.are.equal('ok', checks.clear_state(nn.View(2, 3), input))
      assert.are.equal(24, input:nElement())                            -- the input is left alone
   end)

   it('names the module and both views when they do not match', function()
      local m = nn.View(5)
      local err = checks.error_of(m.forward, m, torch.Tensor(2, 3))
      assert.is_truthy(err:find('nn.View', 1, true) and err:find('2x3', 1, true) and err:find('(5)', 1, true))
   end)
end)
