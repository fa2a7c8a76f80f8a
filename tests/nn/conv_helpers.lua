--[[ tests/nn/conv_helpers.lua — checks the convolution and pooling specs share (not a spec).

   local H = require 'tests.nn.conv_helpers'
   H.gradients(make, sizes [, with_params])   finite differences in double: gradInput, and (with_params)
                                              every parameter's gradient and accUpdateGradParameters;
                                              make() builds a fresh module; returns nothing, asserts
   H.types(make, sizes)                       :float() and :double() copies give the same output and
                                              gradInput (within float rounding)
   H.clear_state(make, sizes)                 clearState() empties output and gradInput, returns the
                                              module, and the module still works afterwards
   H.fails(f, ...)                            f() raises an error whose message contains every string given
   H.max_diff(a, b)                           the largest |a - b| (as doubles)
]]

require 'nn'

local J = nn.Jacobian
local H = {}

H.PRECISION = 1e-6

function H.max_diff(a, b)
   return (a:double() - b:double()):abs():max()
end

local unpack = rawget(table, "unpack") or unpack

local function input_of(sizes)
   return torch.DoubleTensor(unpack(sizes))
end

function H.gradients(make, sizes, with_params)
   local m = make():double()
   local err = J.testJacobian(m, input_of(sizes))
   assert(err < H.PRECISION, 'gradInput error ' .. err)
   if with_params then
      m = make():double()
      err = J.testAllParameters(m, input_of(sizes))
      assert(err < H.PRECISION, 'parameter gradient error ' .. err)
      local params = m:parameters()
      for i = 1, #params do
         m = make():double()
         err = J.testJacobianUpdateParameters(m, input_of(sizes), m:parameters()[i])
         assert(err < H.PRECISION, 'accUpdateGradParameters error ' .. err .. ' (parameter ' .. i .. ')')
      end
   end
end

function H.types(make, sizes)
   local md = make():double()
   local mf = md:clone():float()
   local x = input_of(sizes):uniform(-1, 1)
   local yd = md:forward(x)
   local yf = mf:forward(x:float())
   assert(torch.type(yf) == 'torch.FloatTensor', 'a float module gives ' .. torch.type(yf))
   assert(H.max_diff(yd, yf) < 1e-4, 'float and double outputs differ by ' .. H.max_diff(yd, yf))
   local gy = yd:clone():uniform(-1, 1)
   md:zeroGradParameters()
   mf:zeroGradParameters()
   local gd = md:backward(x, gy)
   local gf = mf:backward(x:float(), gy:float())
   assert(H.max_diff(gd, gf) < 1e-4, 'float and double gradInputs differ by ' .. H.max_diff(gd, gf))
   if md.gradWeight then
      assert(H.max_diff(md.gradWeight, mf.gradWeight) < 1e-3, 'gradWeight differs')
   end
end

function H.clear_state(make, sizes)
   local m = make():double()
   local x = input_of(sizes):uniform(-1, 1)
   local y = m:forward(x):clone()
   m:backward(x, y:clone():uniform())
   assert(m:clearState() == m, 'clearState returns the module')
   assert(m.output:nElement() == 0, 'output emptied')
   assert(torch.type(m.gradInput) ~= 'torch.DoubleTensor' or m.gradInput:nElement() == 0, 'gradInput emptied')
   assert(H.max_diff(m:forward(x), y) == 0, 'the module works after clearState')
end

function H.fails(f, ...)
   local ok, message = pcall(f)
   assert(not ok, 'expected an error')
   message = tostring(message)
   for _, needle in ipairs({ ... }) do
      assert(message:find(needle, 1, true), string.format('message "%s" lacks "%s"', message, needle))
   end
   return message
end

return H
