-- nn.Unsqueeze: inserts a size-1 dimension.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Unsqueeze', function()
   it('inserts at each of the documented positions, and prints as Torch7', function()
      local x = torch.Tensor(2, 4, 3)
      assert.are.same({ 1, 2, 4, 3 }, nn.Unsqueeze(1):forward(x):size():totable())
      assert.are.same({ 2, 4, 3, 1 }, nn.Unsqueeze(4):forward(x):size():totable())
      assert.are.same({ 2, 1, 4, 3 }, nn.Unsqueeze(2):forward(x):size():totable())
      assert.are.same({ 3, 1, 5, 7 }, nn.Unsqueeze(2):forward(torch.Tensor(3, 5, 7)):size():totable())
      assert.are.equal('nn.Unsqueeze(dim 2)', tostring(nn.Unsqueeze(2)))
   end)

   it('counts the position past the batch with numInputDims', function()
      local input = torch.Tensor(5, 2, 4, 3)
      assert.are.same({ 5, 2, 4, 3, 1 }, nn.Unsqueeze(4, 3):forward(input):size():totable())
      assert.are.same({ 5, 2, 1, 4, 3 }, nn.Unsqueeze(2):setNumInputDims(3):forward(input):size():totable())
   end)

   for _, sizes in ipairs({ { 4 }, { 3, 2 } }) do
      it('has gradients that match finite differences for ' .. table.concat(sizes, 'x'), function()
         local err = checks.jacobian(nn.Unsqueeze(2), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Unsqueeze(1), torch.DoubleTensor(4, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.Unsqueeze(1):double(), torch.DoubleTensor(4, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Unsqueeze(1), torch.Tensor(4, 3):uniform()))
   end)

   it('names the module and the sizes for a position past the end', function()
      local m = nn.Unsqueeze(4)
      local err = checks.error_of(m.forward, m, torch.Tensor(2, 3))
      assert.is_truthy(err:find('nn.Unsqueeze', 1, true) and err:find('2x3', 1, true))
      assert.is_truthy(checks.error_of(nn.Unsqueeze):find('nn.Unsqueeze', 1, true))
   end)
end)
