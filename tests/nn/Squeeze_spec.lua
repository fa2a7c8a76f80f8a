-- nn.Squeeze: drops size-1 dimensions.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Squeeze', function()
   it('drops every size-1 dimension, or the one given', function()
      local x = torch.Tensor(1, 3, 1, 2)
      assert.are.same({ 3, 2 }, nn.Squeeze():forward(x):size():totable())
      assert.are.same({ 1, 3, 2 }, nn.Squeeze(3):forward(x):size():totable())
      assert.are.equal('nn.Squeeze', tostring(nn.Squeeze()))
   end)

   it('keeps a batch of one with numInputDims', function()
      assert.are.same({ 1, 3 }, nn.Squeeze(nil, 2):forward(torch.Tensor(1, 3, 1)):size():totable())
      assert.are.same({ 5, 3 }, nn.Squeeze(2, 2):forward(torch.Tensor(5, 3, 1)):size():totable())
   end)

   it('views gradOutput with the input sizes', function()
      local m = nn.Squeeze()
      local x = torch.Tensor(2, 1, 3)
      m:forward(x)
      assert.are.same({ 2, 1, 3 }, m:backward(x, torch.Tensor(2, 3)):size():totable())
   end)

   for _, sizes in ipairs({ { 1, 4 }, { 3, 1, 2 } }) do
      it('has gradients that match finite differences for ' .. table.concat(sizes, 'x'), function()
         local err = checks.jacobian(nn.Squeeze(), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Squeeze(), torch.DoubleTensor(4, 1, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.Squeeze():double(), torch.DoubleTensor(4, 1, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Squeeze(), torch.Tensor(4, 1, 3):uniform()))
   end)

   it('names the module for bad input', function()
      local m = nn.Squeeze(4)
      assert.is_truthy(checks.error_of(m.forward, m, torch.Tensor(2, 1)):find('nn.Squeeze', 1, true))
      local s = nn.Squeeze()
      s:forward(torch.Tensor(2, 1))
      assert.is_truthy(checks.error_of(s.backward, s, torch.Tensor(2, 1), torch.Tensor(3)):find('nn.Squeeze', 1, true))
   end)
end)
