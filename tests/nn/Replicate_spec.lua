-- nn.Replicate: the input repeated along a new dimension, without a copy.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Replicate', function()
   it('repeats along a new first dimension, sharing the input memory, as documented', function()
      local x = torch.linspace(1, 5, 5)
      local m = nn.Replicate(3)
      local o = m:forward(x)
      assert.are.same({ 3, 5 }, o:size():totable())
      assert.are.equal(0, o:stride(1))
      x:fill(13)
      assert.are.same({ 13, 13, 13, 13, 13 }, o[3]:totable())
      assert.are.equal('nn.Replicate', tostring(m))
   end)

   it('repeats along dim, shifted past the batch with ndim', function()
      assert.are.same({ 2, 4, 3 }, nn.Replicate(4, 2):forward(torch.Tensor(2, 3)):size():totable())
      assert.are.same({ 2, 3, 4 }, nn.Replicate(4, 2, 1):forward(torch.Tensor(2, 3)):size():totable())
      assert.are.same({ 3, 4 }, nn.Replicate(4, 2, 1):forward(torch.Tensor(3)):size():totable())
   end)

   it('sums gradOutput over the copies', function()
      local m = nn.Replicate(3, 2)
      local x = torch.Tensor(2, 2):uniform()
      m:forward(x)
      local gi = m:backward(x, torch.Tensor(2, 3, 2):fill(1))
      assert.are.same({ { 3, 3 }, { 3, 3 } }, gi:totable())
   end)

   for _, case in ipairs({ { 3, 1, nil, { 4 } }, { 2, 2, nil, { 3, 4 } }, { 2, 1, 1, { 3, 4 } } }) do
      it('has gradients that match finite differences for dim ' .. case[2], function()
         local err = checks.jacobian(nn.Replicate(case[1], case[2], case[3]), torch.DoubleTensor(unpack(case[4])))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Replicate(3), torch.DoubleTensor(4, 3):uniform()) < 1e-6)
      -- (nn.Jacobian.testIO views the stride-0 output with view(-1), which cannot work: compared here
      -- by hand)
      local m, x = nn.Replicate(3):double(), torch.DoubleTensor(4, 3):uniform()
      local y = m:forward(x):clone()
      m:clearState()
      assert.are.equal(0, checks.max_diff(m:clone():forward(x), y))
      assert.are.equal('ok', checks.clear_state(nn.Replicate(3), torch.Tensor(4, 3):uniform()))
   end)

   it('names the module and the sizes for a dimension out of range', function()
      local m = nn.Replicate(2, 4)
      local err = checks.error_of(m.forward, m, torch.Tensor(2))
      assert.is_truthy(err:find('nn.Replicate', 1, true) and err:find('dimension 4', 1, true))
      assert.is_truthy(checks.error_of(nn.Replicate, 0):find('nn.Replicate', 1, true))
   end)
end)
