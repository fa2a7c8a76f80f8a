-- Test functions shared by the optim specs (Torch7's optim tests use the same two).
require 'torch'
local H = {}

-- Rosenbrock's function in n dimensions: minimum 0 at (1, ..., 1).
function H.rosenbrock(x)
   local n = x:size(1)
   local fx, dfdx = 0, torch.DoubleTensor(n):zero()
   for i = 1, n - 1 do
      local a, b = x[i], x[i + 1]
      fx = fx + (1 - a) ^ 2 + 100 * (b - a * a) ^ 2
      dfdx[i] = dfdx[i] - 2 * (1 - a) - 400 * a * (b - a * a)
      dfdx[i + 1] = dfdx[i + 1] + 200 * (b - a * a)
   end
   return fx, dfdx
end

-- f(x) = 0.5 * sum(a_i * (x_i - c_i)^2), a = (1, 2, ..., n), c = (1, -1, 1, ...): minimum 0 at c.
function H.quadratic(x)
   local n = x:size(1)
   local fx, g = 0, x.new(n)
   for i = 1, n do
      local c = (i % 2 == 1) and 1 or -1
      local d = x[i] - c
      fx = fx + 0.5 * i * d * d
      g[i] = i * d
   end
   return fx, g
end

function H.quadratic_min(n)
   local c = torch.DoubleTensor(n)
   for i = 1, n do c[i] = (i % 2 == 1) and 1 or -1 end
   return c
end

-- Runs method n times from x0; returns x, the last f and the list of f values.
function H.run(method, f, x0, config, n, state)
   local x = x0:clone()
   local fs = {}
   for _ = 1, n do
      local _, v = method(f, x, config, state)
      fs[#fs + 1] = v[1]
   end
   return x, f(x), fs
end

function H.maxdiff(a, b)
   return (a - b):abs():max()
end

return H
