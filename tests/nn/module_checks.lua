--[[ Checks the specs of the simple layers and transfer functions share (not a spec itself):

   local checks = require 'tests.nn.module_checks'

   checks.jacobian(module, input [, minval, maxval])   largest gradInput error against finite
                                 differences (nn.Jacobian; the module and input in double)
   checks.parameters(module, input [, minval, maxval]) the same for every parameter, through
                                 accGradParameters and accUpdateGradParameters
   checks.float_matches_double(module, input [, gradOutput])   largest difference between the
                                 double module and a float copy (output, gradInput, gradients)
   checks.io(module, input)      nn.Jacobian.testIO: a copy of the module computes the same
   checks.clear_state(module, input [, gradOutput])   clearState returns the module, empties
                                 output and gradInput, and the module then computes the same
   checks.in_place_matches(make, input [, wrap])      make(true) and make(false) give the same
                                 output and gradInput, and inside a network (Linear, the module,
                                 Linear, unless wrap) the same parameter gradients
   checks.error_of(f, ...)       the message of the error f(...) raises (fails if none)
   checks.max_diff(a, b)         largest absolute difference of two tensors (or tables of them)

Every check returns numbers or strings for the spec to assert on, so failures show in the spec.
]]

require 'nn'

local M = {}

M.PRECISION = 1e-6

local J = nn.Jacobian

local function leaves(x, out)
   out = out or {}
   if torch.isTensor(x) then
      out[#out + 1] = x
   elseif type(x) == 'table' then
      for i = 1, #x do
         leaves(x[i], out)
      end
   end
   return out
end

function M.max_diff(a, b)
   local la, lb = leaves(a), leaves(b)
   if #la ~= #lb then
      return math.huge
   end
   local worst = 0
   for i = 1, #la do
      if la[i]:nElement() ~= lb[i]:nElement() then
         return math.huge
      end
      if la[i]:nElement() > 0 then
         local d = (la[i]:double():contiguous():view(-1) - lb[i]:double():contiguous():view(-1)):abs():max()
         if d ~= d then
            return math.huge
         end
         worst = math.max(worst, d)
      end
   end
   return worst
end

local function clone(x)
   if torch.isTensor(x) then
      return x:clone()
   elseif type(x) == 'table' then
      local c = {}
      for k, v in pairs(x) do
         c[k] = clone(v)
      end
      return c
   end
   return x
end
M.clone = clone

local function convert(x, typename)
   if torch.isTensor(x) then
      if nn.utils.isFloatingTensor(x) then
         return x:type(typename)
      end
      return x:clone()
   elseif type(x) == 'table' then
      local c = {}
      for k, v in pairs(x) do
         c[k] = convert(v, typename)
      end
      return c
   end
   return x
end

-- A gradOutput for module's current output: uniform in [-1, 1], of the same structure.
local function gradient_for(output)
   if torch.isTensor(output) then
      return output.new():resizeAs(output):uniform(-1, 1)
   end
   local g = {}
   for k, v in pairs(output) do
      g[k] = gradient_for(v)
   end
   return g
end
M.gradient_for = gradient_for

function M.jacobian(module, input, minval, maxval)
   return J.testJacobian(module, input, minval, maxval)
end

function M.parameters(module, input, minval, maxval)
   return J.testAllParameters(module, input, minval, maxval)
end

function M.float_matches_double(module, input, gradOutput)
   local double = module:double()
   local output = clone(double:forward(input))
   gradOutput = gradOutput or gradient_for(output)
   double:zeroGradParameters()
   local gradInput = clone(double:backward(input, gradOutput))
   local _, grads = double:parameters()
   grads = clone(grads or {})
   local float = double:clone():float()
   float:zeroGradParameters()
   local finput, fgrad = convert(input, 'torch.FloatTensor'), convert(gradOutput, 'torch.FloatTensor')
   local worst = M.max_diff(float:forward(finput), output)
   worst = math.max(worst, M.max_diff(float:backward(finput, fgrad), gradInput))
   local _, fgrads = float:parameters()
   worst = math.max(worst, M.max_diff(fgrads or {}, grads))
   for _, t in ipairs(leaves(float.output)) do
      if t:type() ~= 'torch.FloatTensor' then
         return math.huge
      end
   end
   return worst
end

function M.io(module, input)
   local ferr, berr = J.testIO(module, input)
   return math.max(ferr, berr)
end

function M.clear_state(module, input, gradOutput)
   local output = clone(module:forward(input))
   gradOutput = gradOutput or gradient_for(output)
   local gradInput = clone(module:backward(input, gradOutput))
   if module:clearState() ~= module then
      return 'clearState did not return the module'
   end
   for _, name in ipairs({ 'output', 'gradInput' }) do
      for _, t in ipairs(leaves(module[name])) do
         if t:nElement() ~= 0 then
            return name .. ' was not emptied'
         end
      end
   end
   local again = M.max_diff(module:forward(input), output)
   again = math.max(again, M.max_diff(module:backward(input, gradOutput), gradInput))
   if again > 1e-12 then
      return 'after clearState the results differ by ' .. again
   end
   return 'ok'
end

-- The in-place and plain versions on copies of one input: the largest difference.
function M.in_place_matches(make, input, wrap)
   local plain, inplace = make(false), make(true)
   local x1, x2 = input:clone(), input:clone()
   local y = plain:forward(x1):clone()
   local go = y.new():resizeAs(y):uniform(-1, 1)
   local gi = plain:backward(x1, go:clone()):clone()
   local worst = M.max_diff(inplace:forward(x2), y)
   worst = math.max(worst, M.max_diff(inplace:backward(x2, go:clone()), gi))
   if wrap == false then
      return worst
   end
   -- inside a network: the parameters' gradients must not see the overwritten buffers
   local n = input:size(input:dim())
   local function net(inplace_flag)
      torch.manualSeed(11)
      return nn.Sequential():add(nn.Linear(n, n)):add(make(inplace_flag)):add(nn.Linear(n, 3)):double()
   end
   local a, b = net(false), net(true)
   local ya = a:forward(input):clone()
   local g = ya.new():resizeAs(ya):uniform(-1, 1)
   a:zeroGradParameters()
   b:zeroGradParameters()
   local gia = a:backward(input, g):clone()
   worst = math.max(worst, M.max_diff(b:forward(input), ya))
   worst = math.max(worst, M.max_diff(b:backward(input, g), gia))
   local _, ga = a:parameters()
   local _, gb = b:parameters()
   return math.max(worst, M.max_diff(ga, gb))
end

function M.error_of(f, ...)
   local ok, err = pcall(f, ...)
   if ok then
      return '(no error was raised)'
   end
   return tostring(err)
end

return M
