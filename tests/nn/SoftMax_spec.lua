-- nn.SoftMax: exp(x_i - max) / sum_j exp(x_j - max), over the last dimension (1-d, 2-d) or the
-- feature planes (3-d, 4-d).

require 'nn'
local checks = require 'tests.nn.module_checks'

-- softmax of a vector, in plain Lua
local function reference(values)
   local max, sum, out = -math.huge, 0, {}
   for _, v in ipairs(values) do max = math.max(max, v) end
   for i, v in ipairs(values) do out[i] = math.exp(v - max); sum = sum + out[i] end
   for i = 1, #out do out[i] = out[i] / sum end
   return out
end

describe('nn.SoftMax', function()
   describe('small cases by hand', function()
      it('normalises a vector', function()
         local y = nn.SoftMax():double():forward(torch.DoubleTensor({ 1, 2, 3 }))
         local r = reference({ 1, 2, 3 })
         for i = 1, 3 do assert.is_true(math.abs(y[i] - r[i]) < 1e-15) end
         assert.are.equal('nn.SoftMax', tostring(nn.SoftMax()))
      end)

      it('normalises each row of a matrix', function()
         local y = nn.SoftMax():double():forward(torch.DoubleTensor({ { 1, 2 }, { 0, 0 } }))
         assert.is_true(math.abs(y[2][1] - 0.5) < 1e-15 and math.abs(y[1][2] - reference({ 1, 2 })[2]) < 1e-15)
      end)

      it('normalises over the planes of an image and of a batch of images', function()
         local x = torch.DoubleTensor(2, 3, 4, 5):uniform(-3, 3)
         local y = nn.SoftMax():double():forward(x)
         assert.is_true((y:sum(2) - 1):abs():max() < 1e-14)
         local y3 = nn.SoftMax():double():forward(x[2])
         assert.is_true((y3:sum(1) - 1):abs():max() < 1e-14)
         assert.is_true(checks.max_diff(y3, y[2]) < 1e-15)
      end)

      it('is stable for large inputs', function()
         local y = nn.SoftMax():float():forward(torch.FloatTensor({ 1000, 1000, -1000 }))
         assert.are.same({ 0.5, 0.5, 0 }, y:totable())
      end)
   end)

   for _, sizes in ipairs({ { 6 }, { 4, 5 }, { 3, 2, 2 }, { 2, 3, 2, 2 } }) do
      it('has gradients that match finite differences for a ' .. table.concat(sizes, 'x') .. ' input', function()
         local err = checks.jacobian(nn.SoftMax(), torch.DoubleTensor(unpack(sizes)))
         assert.is_true(err < checks.PRECISION, 'error ' .. err)
      end)
   end

   it('gives the same results in float and double, survives a copy and clearState', function()
      assert.is_true(checks.float_matches_double(nn.SoftMax(), torch.DoubleTensor(64, 300):uniform(-5, 5)) < 1e-6)
      assert.is_true(checks.float_matches_double(nn.SoftMax(), torch.DoubleTensor(2, 7, 20, 20):uniform(-5, 5)) < 1e-6)
      assert.are.equal(0, checks.io(nn.SoftMax():double(), torch.DoubleTensor(3, 4):uniform(-1, 1)))
      assert.are.equal('ok', checks.clear_state(nn.SoftMax(), torch.Tensor(3, 4):uniform(-1, 1)))
   end)

   it('takes strided inputs', function()
      local x = torch.DoubleTensor(5, 3):uniform(-1, 1)
      local m = nn.SoftMax():double()
      assert.are.equal(0, checks.max_diff(m:forward(x:t()), nn.SoftMax():double():forward(x:t():contiguous())))
   end)

   it('names the module and the sizes for bad input', function()
      local m = nn.SoftMax()
      local err = checks.error_of(m.forward, m, torch.Tensor(1, 2, 3, 4, 5))
      assert.is_truthy(err:find('nn.SoftMax', 1, true) and err:find('1x2x3x4x5', 1, true))
      m:forward(torch.Tensor(2, 3))
      err = checks.error_of(m.backward, m, torch.Tensor(2, 3), torch.Tensor(7))
      assert.is_truthy(err:find('nn.SoftMax', 1, true) and err:find('gradOutput', 1, true))
   end)
end)
