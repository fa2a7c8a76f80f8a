--[[ nn.Jacobian — finite-difference checks of a module's gradients, as Torch7's nn.Jacobian.

Every check compares what the module computes (updateGradInput, accGradParameters,
accUpdateGradParameters) with central differences of its forward pass,
(f(x + h) - f(x - h)) / 2h, and returns the largest absolute difference between the two
Jacobian matrices. Use double modules and inputs (module:double()): in float the differences
themselves are off by ~1e-3. A typical spec:

   local module = nn.Linear(5, 3):double()
   local input = torch.DoubleTensor(4, 5)
   assert(nn.Jacobian.testJacobian(module, input) < 1e-6)                       -- gradInput
   assert(nn.Jacobian.testJacobianParameters(module, input, module.weight, module.gradWeight) < 1e-6)
   assert(nn.Jacobian.testJacobianUpdateParameters(module, input, module.weight) < 1e-6)
   assert(nn.Jacobian.testAllParameters(module, input) < 1e-6)                  -- all of the above
   local errf, errb = nn.Jacobian.testIO(module, input)                         -- copy round trip: 0, 0
   assert(nn.Jacobian.testCriterion(nn.MSECriterion():double(), input, target) < 1e-6)

The functions (defaults: minval -2, maxval 2, perturbation 1e-6):

   testJacobian(module, input [, minval, maxval, perturbation])
         fills input with uniform values in [minval, maxval], then checks gradInput
   testJacobianParameters(module, input, param, dparam [, minval, maxval, perturbation])
         fills input and param likewise, then checks dparam (the gradient buffer of param, filled
         by zeroGradParameters + accGradParameters)
   testJacobianUpdateParameters(module, input, param [, minval, maxval, perturbation])
         the same through accUpdateGradParameters (param -= gradient, with no buffer)
   testAllParameters(module, input [, minval, maxval, perturbation])
         the two checks above for every pair of module:parameters(); the largest error
   testIO(module, input [, minval, maxval]) -> errForward, errBackward
         runs forward/backward, then runs a copy of the module on the same input and gradient and
         returns the largest differences in output and gradInput. The copy goes through
         serialization (torch.MemoryFile writeObject/readObject) where torch has it, else through
         module:clone() (a deep copy) — until serialization exists that is what is checked.
         Also checks that clearState() returns the module.
   testCriterion(criterion, input, target [, perturbation])
         checks criterion:backward(input, target) against differences of criterion:forward; the
         input is used as given (criterions have domains: probabilities, log-probabilities...)

   forward(module, input [, param, perturbation])   the Jacobian by differences:
         (elements of param, default input) x (elements of output), a DoubleTensor
   backward(module, input [, param, dparam])        the same from updateGradInput (or dparam)
   forwardUpdate(module, input, param [, perturbation]), backwardUpdate(module, input, param)
         param - Jacobian, by differences and through accUpdateGradParameters

Inputs and outputs may be tensors or (nested) tables of tensors, for table modules: the
elements of every floating-point tensor of the input are perturbed in turn (integer tensors,
such as indices, are left alone), every tensor of the output is read, and gradInput is read at
the same keys as the input (a missing or empty gradient counts as zeros). Input tensors must be
contiguous.
]]

require 'torch'

local Jacobian = {}
nn.Jacobian = Jacobian

local type, pairs, ipairs = type, pairs, ipairs
local abs, max = math.abs, math.max

-- Leaves -----------------------------------------------------------------------------------------

-- The keys of a table in a fixed order: 1..n, then the others sorted by their text.
local function ordered_keys(t)
   local keys = {}
   local n = #t
   for i = 1, n do
      keys[i] = i
   end
   local others = {}
   for k in pairs(t) do
      if not (type(k) == 'number' and k >= 1 and k <= n and k % 1 == 0) then
         others[#others + 1] = k
      end
   end
   table.sort(others, function(a, b) return tostring(a) < tostring(b) end)
   for _, k in ipairs(others) do
      keys[#keys + 1] = k
   end
   return keys
end

-- The tensors of x (a tensor or nested tables), each with its path of keys.
local function leaves(x, list, path)
   list = list or {}
   path = path or {}
   if torch.isTensor(x) then
      local copy = {}
      for i = 1, #path do
         copy[i] = path[i]
      end
      list[#list + 1] = { tensor = x, path = copy }
   elseif type(x) == 'table' then
      for _, k in ipairs(ordered_keys(x)) do
         path[#path + 1] = k
         leaves(x[k], list, path)
         path[#path] = nil
      end
   end
   return list
end

local function at(x, path)
   for i = 1, #path do
      if type(x) ~= 'table' then
         return nil
      end
      x = x[path[i]]
   end
   return x
end

local function is_float(t)
   return nn.utils.isFloatingTensor(t)
end

-- The perturbable elements of x: a list of 1-d views (one per floating tensor) and their paths.
local function flat_views(x, what)
   local views, paths, total = {}, {}, 0
   for _, leaf in ipairs(leaves(x)) do
      local t = leaf.tensor
      if is_float(t) and t:nElement() > 0 then
         if not t:isContiguous() then
            error('nn.Jacobian: the ' .. what .. ' must be contiguous (at ' .. table.concat(leaf.path, '.') .. ')', 3)
         end
         views[#views + 1] = t:view(t:nElement())
         paths[#paths + 1] = leaf.path
         total = total + t:nElement()
      end
   end
   return views, paths, total
end

-- Element i (1-based, across the views): the view and the index inside it.
local function locate(views, i)
   for _, v in ipairs(views) do
      local n = v:nElement()
      if i <= n then
         return v, i
      end
      i = i - n
   end
   error('nn.Jacobian: element out of range', 2)
end

local function count(x)
   local n = 0
   for _, leaf in ipairs(leaves(x)) do
      n = n + leaf.tensor:nElement()
   end
   return n
end

-- Copies every tensor of x, in order, into the double vector dst.
local function read_into(dst, x)
   local offset = 1
   for _, leaf in ipairs(leaves(x)) do
      local n = leaf.tensor:nElement()
      if n > 0 then
         dst:narrow(1, offset, n):copy(leaf.tensor)
         offset = offset + n
      end
   end
end

-- Copies the tensors of grad found at the given paths (zeros where none) into dst.
local function read_at(dst, grad, paths, views)
   local offset = 1
   for k, path in ipairs(paths) do
      local n = views[k]:nElement()
      local g = at(grad, path)
      local part = dst:narrow(1, offset, n)
      if torch.isTensor(g) and g:nElement() == n then
         part:copy(g)
      elseif torch.isTensor(g) and g:nElement() ~= 0 then
         error(string.format('nn.Jacobian: the gradient at %s has %d elements, the input %d',
            table.concat(path, '.'), g:nElement(), n), 3)
      else
         part:zero()
      end
      offset = offset + n
   end
end

local function fill_uniform(x, minval, maxval)
   for _, leaf in ipairs(leaves(x)) do
      if is_float(leaf.tensor) and leaf.tensor:nElement() > 0 then
         leaf.tensor:uniform(minval, maxval)
      end
   end
end

-- The Jacobians -------------------------------------------------------------------------------------

function Jacobian.backward(module, input, param, dparam)
   local doparam = param ~= nil
   param = param or input
   local views, paths, nparam = flat_views(param, 'parameter')
   module:forward(input)
   local dout = nn.utils.recursiveResizeAs(nil, module.output)
   nn.utils.recursiveFill(dout, 0)
   local dviews = leaves(dout)
   local nout = count(module.output)
   local jacobian = torch.DoubleTensor(nparam, nout):zero()
   local column = torch.DoubleTensor(nparam)
   local j = 0
   for _, leaf in ipairs(dviews) do
      local flat = leaf.tensor:view(leaf.tensor:nElement())
      for i = 1, flat:nElement() do
         j = j + 1
         flat[i] = 1
         module:zeroGradParameters()
         local din = module:updateGradInput(input, dout)
         module:accGradParameters(input, dout)
         if doparam then
            read_at(column, dparam, paths, views)
         else
            read_at(column, din, paths, views)
         end
         jacobian:select(2, j):copy(column)
         flat[i] = 0
      end
   end
   return jacobian
end

function Jacobian.forward(module, input, param, perturbation)
   param = param or input
   perturbation = perturbation or 1e-6
   local views, _, nparam = flat_views(param, 'parameter')
   local nout = count(module:forward(input))
   local jacobian = torch.DoubleTensor(nparam, nout)
   local outa, outb = torch.DoubleTensor(nout), torch.DoubleTensor(nout)
   for i = 1, nparam do
      local v, k = locate(views, i)
      local orig = v[k]
      v[k] = orig - perturbation
      read_into(outa, module:forward(input))
      v[k] = orig + perturbation
      read_into(outb, module:forward(input))
      v[k] = orig
      outb:add(-1, outa):div(2 * perturbation)
      jacobian:select(1, i):copy(outb)
   end
   module:forward(input)
   return jacobian
end

function Jacobian.backwardUpdate(module, input, param)
   local views, paths, nparam = flat_views(param, 'parameter')
   module:forward(input)
   local dout = nn.utils.recursiveResizeAs(nil, module.output)
   nn.utils.recursiveFill(dout, 0)
   local nout = count(module.output)
   local jacobian = torch.DoubleTensor(nparam, nout):zero()
   local column = torch.DoubleTensor(nparam)
   local params = module:parameters()
   local originals = {}
   for i = 1, #params do
      originals[i] = params[i]:clone()
   end
   local j = 0
   for _, leaf in ipairs(leaves(dout)) do
      local flat = leaf.tensor:view(leaf.tensor:nElement())
      for i = 1, flat:nElement() do
         j = j + 1
         for p = 1, #params do
            params[p]:copy(originals[p])
         end
         flat[i] = 1
         module:updateGradInput(input, dout)
         module:accUpdateGradParameters(input, dout, 1)
         read_at(column, param, paths, views)
         jacobian:select(2, j):copy(column)
         flat[i] = 0
      end
   end
   for p = 1, #params do
      params[p]:copy(originals[p])
   end
   return jacobian
end

function Jacobian.forwardUpdate(module, input, param, perturbation)
   perturbation = perturbation or 1e-6
   local views, _, nparam = flat_views(param, 'parameter')
   local nout = count(module:forward(input))
   local jacobian = torch.DoubleTensor(nparam, nout)
   local outa, outb = torch.DoubleTensor(nout), torch.DoubleTensor(nout)
   for i = 1, nparam do
      local v, k = locate(views, i)
      local orig = v[k]
      v[k] = orig - perturbation
      read_into(outa, module:forward(input))
      v[k] = orig + perturbation
      read_into(outb, module:forward(input))
      v[k] = orig
      outb:add(-1, outa):div(2 * perturbation)
      -- param - d(output)/d(param): what one accUpdateGradParameters step with lr 1 leaves
      jacobian:select(1, i):copy(outb):mul(-1):add(orig)
   end
   module:forward(input)
   return jacobian
end

local function max_abs_difference(a, b)
   if a:nElement() == 0 then
      return 0
   end
   return (a - b):abs():max()
end

-- The checks ----------------------------------------------------------------------------------------

function Jacobian.testJacobian(module, input, minval, maxval, perturbation)
   minval = minval or -2
   maxval = maxval or 2
   fill_uniform(input, minval, maxval)
   local fprop = Jacobian.forward(module, input, input, perturbation)
   local bprop = Jacobian.backward(module, input)
   return max_abs_difference(fprop, bprop)
end

function Jacobian.testJacobianParameters(module, input, param, dparam, minval, maxval, perturbation)
   minval = minval or -2
   maxval = maxval or 2
   fill_uniform(input, minval, maxval)
   fill_uniform(param, minval, maxval)
   local bprop = Jacobian.backward(module, input, param, dparam)
   local fprop = Jacobian.forward(module, input, param, perturbation)
   return max_abs_difference(fprop, bprop)
end

function Jacobian.testJacobianUpdateParameters(module, input, param, minval, maxval, perturbation)
   minval = minval or -2
   maxval = maxval or 2
   fill_uniform(input, minval, maxval)
   fill_uniform(param, minval, maxval)
   local bprop = Jacobian.backwardUpdate(module, input, param)
   local fprop = Jacobian.forwardUpdate(module, input, param, perturbation)
   return max_abs_difference(fprop, bprop)
end

function Jacobian.testAllParameters(module, input, minval, maxval, perturbation)
   local params, grads = module:parameters()
   local worst = 0
   if params then
      for i = 1, #params do
         worst = max(worst, Jacobian.testJacobianParameters(module, input, params[i], grads[i], minval, maxval,
            perturbation))
         worst = max(worst, Jacobian.testJacobianUpdateParameters(module, input, params[i], minval, maxval,
            perturbation))
      end
   end
   return worst
end

-- The copy of a module that testIO runs: through serialization when torch has it.
local function round_trip(module)
   if torch.MemoryFile then
      local file = torch.MemoryFile('rw'):binary()
      file:writeObject(module)
      file:seek(1)
      local copy = file:readObject()
      file:close()
      return copy
   end
   return module:clone()
end

local function max_abs_leaves(a, b)
   local la, lb = leaves(a), leaves(b)
   if #la ~= #lb then
      return math.huge
   end
   local worst = 0
   for i = 1, #la do
      local x, y = la[i].tensor, lb[i].tensor
      if x:nElement() ~= y:nElement() then
         return math.huge
      end
      if x:nElement() > 0 then
         worst = max(worst, (x:double():view(x:nElement()) - y:double():view(y:nElement())):abs():max())
      end
   end
   return worst
end

local function clone_all(x)
   return (nn.utils.recursiveCopy(nil, x))
end

function Jacobian.testIO(module, input, minval, maxval)
   minval = minval or -2
   maxval = maxval or 2
   local input_copy = clone_all(input)
   module:forward(input)
   local gradOutput = clone_all(module.output)
   fill_uniform(gradOutput, minval, maxval)
   local gradOutput_copy = clone_all(gradOutput)
   module:zeroGradParameters()
   module:updateGradInput(input, gradOutput)
   module:accGradParameters(input, gradOutput)
   local fo = clone_all(module.output)
   local bo = clone_all(module.gradInput)
   if module:clearState() ~= module then
      error('nn.Jacobian.testIO: clearState did not return the module', 2)
   end
   local m = round_trip(module)
   m:forward(input_copy)
   m:zeroGradParameters()
   m:updateGradInput(input_copy, gradOutput_copy)
   m:accGradParameters(input_copy, gradOutput_copy)
   return max_abs_leaves(fo, m.output), max_abs_leaves(bo, m.gradInput)
end

local function loss_value(v)
   if torch.isTensor(v) then
      return v:sum()
   end
   return v
end

function Jacobian.testCriterion(criterion, input, target, perturbation)
   perturbation = perturbation or 1e-6
   local views, paths, n = flat_views(input, 'input')
   criterion:forward(input, target)
   local analytic = torch.DoubleTensor(n)
   read_at(analytic, criterion:backward(input, target), paths, views)
   local worst = 0
   for i = 1, n do
      local v, k = locate(views, i)
      local orig = v[k]
      v[k] = orig - perturbation
      local fa = loss_value(criterion:forward(input, target))
      v[k] = orig + perturbation
      local fb = loss_value(criterion:forward(input, target))
      v[k] = orig
      worst = max(worst, abs((fb - fa) / (2 * perturbation) - analytic[i]))
   end
   criterion:forward(input, target)
   return worst
end

return Jacobian
