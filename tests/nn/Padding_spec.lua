-- nn.Padding: adds entries of a value along one dimension.

require 'nn'
local checks = require 'tests.nn.module_checks'

describe('nn.Padding', function()
   it('pads on the right, as documented (example 1)', function()
      local x = torch.Tensor({ 0.2, 0.4, -1 })
      assert.are.same({ 0.2, 0.4, -1, -1, -1 }, nn.Padding(1, 2, 1, -1):forward(x):totable())
      assert.are.equal('nn.Padding', tostring(nn.Padding(1, 2)))
   end)

   it('pads on the left of a batch, as documented (example 2)', function()
      local x = torch.Tensor({ { 1, 2, 3 }, { 4, 5, 6 } })
      assert.are.same({ { -1, -1, 1, 2, 3 }, { -1, -1, 4, 5, 6 } }, nn.Padding(1, -2, 1, -1):forward(x):totable())
   end)

   it('pads at an offset, as documented (example 3)', function()
      local x = torch.Tensor({ { 1, 2, 3 }, { 4, 5, 6 } })
      assert.are.same({ { 1, -1, -1, 2, 3 }, { 4, -1, -1, 5, 6 } },
         nn.Padding(1, -2, 1, -1, 2):forward(x):totable())
      assert.are.same({ { 1, 2, 0, 3 }, { 4, 5, 0, 6 } }, nn.Padding(2, 1, 2, 0, 2):forward(x):totable())
   end)

   it('drops the padding from gradOutput', function()
      local m = nn.Padding(1, -1, 1, 0, 2)
      local x = torch.Tensor({ 1, 2, 3 })
      m:forward(x)
      assert.are.same({ 10, 30, 40 }, m:backward(x, torch.Tensor({ 10, 20, 30, 40 })):totable())
   end)

   for _, case in ipairs({ { 1, 2, nil, 0, 1, { 4 } }, { 2, -3, nil, 1, 2, { 3, 4 } }, { 1, 2, 1, 0, 3, { 3, 4 } } }) do
      it('has gradients that match finite differences (pad ' .. case[2] .. ', index ' .. case[5] .. ')', function()
         local err = checks.jacobian(nn.Padding(case[1], case[2], case[3], case[4], case[5]),
            torch.DoubleTensor(unpack(case[6])))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.Padding(2, 2), torch.DoubleTensor(4, 3):uniform()) < 1e-6)
      assert.are.equal(0, checks.io(nn.Padding(2, 2):double(), torch.DoubleTensor(4, 3):uniform()))
      assert.are.equal('ok', checks.clear_state(nn.Padding(2, 2), torch.Tensor(4, 3):uniform()))
   end)

   it('names the module and the sizes for a dimension out of range', function()
      local m = nn.Padding(3, 1)
      local err = checks.error_of(m.forward, m, torch.Tensor(2, 3))
      assert.is_truthy(err:find('nn.Padding', 1, true) and err:find('2x3', 1, true))
   end)
end)
