-- nn.Identity: passes input and gradient through.

require 'nn'

describe('nn.Identity', function()
   it('returns its input and gradOutput themselves', function()
      local m = nn.Identity()
      local x = torch.Tensor(3):uniform()
      assert.are.equal(x, m:forward(x))
      local g = torch.Tensor(3):uniform()
      assert.are.equal(g, m:backward(x, g))
   end)

   it('passes tables through', function()
      local m = nn.Identity()
      local x = { torch.Tensor(2), { torch.Tensor(1) } }
      assert.are.equal(x, m:forward(x))
   end)

   it('has a gradient that matches finite differences', function()
      local m = nn.Identity()
      assert.is_true(nn.Jacobian.testJacobian(m, torch.DoubleTensor(3, 2)) < 1e-6)
      assert.is_true(nn.Jacobian.testJacobian(m, { torch.DoubleTensor(2), torch.DoubleTensor(3) }) < 1e-6)
   end)

   it('clearState drops the references without emptying the caller tensors', function()
      local m = nn.Identity()
      local x = torch.Tensor(3):uniform()
      m:forward(x)
      m:backward(x, x)
      assert.are.equal(m, m:clearState())
      assert.are.equal(3, x:nElement())
      assert.are.equal(0, m.output:nElement())
   end)

   it('has no parameters and converts types', function()
      assert.is_nil(nn.Identity():parameters())
      assert.are.equal('torch.FloatTensor', nn.Identity():float().output:type())
   end)

   it('prints its name', function()
      assert.are.equal('nn.Identity', tostring(nn.Identity()))
   end)
end)
