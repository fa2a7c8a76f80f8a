--[[ torch.math.linalg — matrix products (BLAS) and linear algebra (LAPACK), as Torch7 has them.

Products, with Torch7's argument orders (res = beta*M + alpha*(product)):

   torch.mm([res,] mat1, mat2)         res:mm(mat1, mat2)         matrix @ matrix
   torch.mv([res,] mat, vec)           res:mv(mat, vec)           matrix @ vector
   torch.bmm([res,] b1, b2)            res:bmm(b1, b2)            batches: b x n x m @ b x m x p
   torch.ger([res,] v1, v2)            res:ger(v1, v2)            outer product
   torch.dot(t1, t2)                   t1:dot(t2)                 a number; same element count
   torch.addmm([res,] [beta,] M, [alpha,] mat1, mat2)             and addmv, addr, baddbmm, addbmm
   res:addmm([M,] [alpha,] mat1, mat2)          M defaults to res itself, beta to 1
   res:addmm(beta, [M,] alpha, mat1, mat2)      both numbers given

Linear algebra (float and double), results first as in Torch7; a result argument is filled and
returned, a missing one is made. Matrices that LAPACK writes come back column-major (strides
1, m), as Torch7 documents:

   X, LU = torch.gesv([resb, resa,] B, A)          solves A X = B
   X = torch.gels([resb,] B, A)                    least squares / least norm; X has max(m, n) rows
   torch.inverse([res,] A)
   torch.potrf([res,] A [, 'U' | 'L'])             Cholesky factor, upper by default
   torch.potri([res,] chol [, 'U' | 'L'])          inverse from the factor
   torch.potrs([res,] B, chol [, 'U' | 'L'])       solve from the factor
   Q, R = torch.qr([q, r,] A)                      reduced: Q is m x k, R is k x n, k = min(m, n)
   U, S, V = torch.svd([u, s, v,] A [, 'S' | 'A']) A = U diag(S) V^T; 'S' (default): reduced
   e, V = torch.eig([e, v,] A [, 'N' | 'V'])       e is n x 2 (real, imaginary); V only with 'V'
   e, V = torch.symeig([e, v,] A [, 'N' | 'V'] [, 'U' | 'L'])    ascending eigenvalues
   torch.det(A), torch.logdet(A)                   numbers; logdet is NaN when det < 0 (as PyTorch)

Every one is also a method with the same arguments, self first (B:gesv(A), A:inverse(), ...).
Differences from Torch7: gels returns only X (Torch7 also returned A's QR factors); 'A' and 'V'
options are case-sensitive, as in Torch7.
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local checks = require 'torch.check'
local Tensor = require 'torch.Tensor'
local C = lib.C

local torch = debug.getregistry()['wick.torch'] or rawget(_G, 'torch')
local methods = Tensor.methods
local is, wrap = Tensor.is, Tensor.wrap
local type, select = type, select

local M = {}

-- Errors -------------------------------------------------------------------------------------------

-- Errors name the user's line: the first frame outside this file, however deep the helpers
-- (and whatever tail calls removed). Walking the stack costs nothing until an error happens.
local THIS_FILE = debug.getinfo(1, 'S').source
local function raise(message)
   local level = 2
   while true do
      local info = debug.getinfo(level, 'S')
      if info == nil or info.source ~= THIS_FILE then
         break
      end
      level = level + 1
   end
   error(message, level)
end

-- rc from a C call: the C message, its op name replaced by the one the user called (C's
-- "addmm:" reads "mm:" for torch.mm).
local function check(rc, op, c_op)
   if rc ~= 0 then
      local message = ffi.string(C.wk_last_error())
      if c_op and c_op ~= op and message:sub(1, #c_op + 1) == c_op .. ':' then
         message = op .. message:sub(#c_op + 1)
      end
      raise(message)
   end
end

local function argerror(n, op, text)
   raise(string.format("bad argument #%d to '%s' (%s)", n, op, text))
end

local function tensor_arg(v, n, op)
   if not is(v) then
      argerror(n, op, 'tensor expected, got ' .. checks.typename_of(v))
   end
   if v.dtype < 0 then
      argerror(n, op, 'the ' .. Tensor.typename(v) .. ' was freed')
   end
   return v
end

local function usage(op, form)
   raise(string.format('%s: expected arguments %s', op, form))
end

local function new_like(t)
   return wrap(C.wk_tensor_new(t.dtype))
end

-- Products ------------------------------------------------------------------------------------------

local C_OP = { mm = 'addmm', mv = 'addmv', ger = 'addr', bmm = 'baddbmm' }
local FORMS = {
   addmm = '([result,] [beta,] M, [alpha,] mat1, mat2)',
   addmv = '([result,] [beta,] vec, [alpha,] mat, vec2)',
   addr = '([result,] [beta,] M, [alpha,] vec1, vec2)',
   baddbmm = '([result,] [beta,] M, [alpha,] batch1, batch2)',
   addbmm = '([result,] [beta,] M, [alpha,] batch1, batch2)',
}

-- The C function for each op, called with (out, beta, m, alpha, x, y).
local KERNEL = {
   addmm = function(out, beta, m, alpha, x, y) return C.wk_addmm(out, beta, m, alpha, x, y) end,
   addmv = function(out, beta, m, alpha, x, y) return C.wk_addmv(out, beta, m, alpha, x, y) end,
   addr = function(out, beta, m, alpha, x, y) return C.wk_addr(out, beta, m, alpha, x, y) end,
   baddbmm = function(out, beta, m, alpha, x, y) return C.wk_baddbmm(out, beta, m, alpha, x, y) end,
   addbmm = function(out, beta, m, alpha, x, y) return C.wk_addbmm(out, beta, m, alpha, x, y) end,
}

-- torch.mm([res,] x, y) and its kin: the plain product, nothing added.
local function define_plain(op, c_op, kernel)
   -- first: the argument number of x
   local function product(res, x, y, first)
      tensor_arg(x, first, op)
      tensor_arg(y, first + 1, op)
      check(kernel(res, 0, nil, 1, x, y), op, c_op)
      return res
   end
   torch[op] = function(a, b, c)
      if c == nil then
         tensor_arg(a, 1, op)
         return product(new_like(a), a, b, 1)
      end
      return product(tensor_arg(a, 1, op), b, c, 2)
   end
   methods[op] = function(res, x, y)
      return product(res, x, y, 2)
   end
end

-- torch.addmm([res,] [beta,] M, [alpha,] x, y): sorted out by how many arguments are numbers.
local function define_add(op, kernel)
   local form = FORMS[op]
   local function run(res, beta, m, alpha, x, y, first)
      if type(beta) ~= 'number' then usage(op, form) end
      if type(alpha) ~= 'number' then usage(op, form) end
      tensor_arg(m, first, op)
      tensor_arg(x, first + 1, op)
      tensor_arg(y, first + 2, op)
      if res == nil then
         res = new_like(m)
      end
      check(kernel(res, beta, m, alpha, x, y), op)
      return res
   end
   torch[op] = function(...)
      local n = select('#', ...)
      local a1, a2, a3, a4, a5, a6 = ...
      if n == 3 then
         return run(nil, 1, a1, 1, a2, a3, 1)
      elseif n == 4 then
         if type(a1) == 'number' then return run(nil, a1, a2, 1, a3, a4, 2) end
         if type(a2) == 'number' then return run(nil, 1, a1, a2, a3, a4, 1) end
         return run(tensor_arg(a1, 1, op), 1, a2, 1, a3, a4, 2)
      elseif n == 5 then
         if type(a1) == 'number' then return run(nil, a1, a2, a3, a4, a5, 2) end
         if type(a2) == 'number' then return run(tensor_arg(a1, 1, op), a2, a3, 1, a4, a5, 3) end
         return run(tensor_arg(a1, 1, op), 1, a2, a3, a4, a5, 2)
      elseif n == 6 then
         return run(tensor_arg(a1, 1, op), a2, a3, a4, a5, a6, 3)
      end
      usage(op, form)
   end
   -- res:addmm([M,] [alpha,] x, y) or res:addmm(beta, [M,] alpha, x, y); M defaults to res.
   methods[op] = function(res, ...)
      local n = select('#', ...)
      local a1, a2, a3, a4, a5 = ...
      if n == 2 then
         return run(res, 1, res, 1, a1, a2, 2)
      elseif n == 3 then
         if type(a1) == 'number' then return run(res, 1, res, a1, a2, a3, 2) end
         return run(res, 1, a1, 1, a2, a3, 2)
      elseif n == 4 then
         if type(a1) == 'number' then return run(res, a1, res, a2, a3, a4, 2) end
         return run(res, 1, a1, a2, a3, a4, 2)
      elseif n == 5 then
         return run(res, a1, a2, a3, a4, a5, 3)
      end
      usage(op, '([M,] [alpha,] mat1, mat2) or (beta, [M,] alpha, mat1, mat2) after the result')
   end
end

for _, op in ipairs({ 'addmm', 'addmv', 'addr', 'baddbmm', 'addbmm' }) do
   define_add(op, KERNEL[op])
end
for _, op in ipairs({ 'mm', 'mv', 'ger', 'bmm' }) do
   define_plain(op, C_OP[op], KERNEL[C_OP[op]])
end

local RESULT = ffi.new('double[1]')

function torch.dot(a, b)
   tensor_arg(a, 1, 'dot')
   tensor_arg(b, 2, 'dot')
   check(C.wk_dot(RESULT, a, b), 'dot')
   return RESULT[0]
end
methods.dot = torch.dot

-- Linear algebra ----------------------------------------------------------------------------------

-- The optional character arguments: `v` if one of the two values, the default if nil.
local function option(v, n, op, default, yes, no)
   if v == nil then
      return default == yes
   end
   if v ~= yes and v ~= no then
      argerror(n, op, string.format("'%s' or '%s' expected, got %s", yes, no,
         type(v) == 'string' and "'" .. v .. "'" or checks.typename_of(v)))
   end
   return v == yes
end

-- Splits (results..., inputs..., options...) for a function taking `inputs` tensors and up to
-- `results` result tensors: returns the number of leading result tensors given (0 or `results`).
local function leading_results(op, form, results, inputs, ...)
   local tensors = 0
   for i = 1, select('#', ...) do
      local v = select(i, ...)
      if not is(v) then
         break
      end
      tensor_arg(v, i, op)   -- refuses a freed one
      tensors = tensors + 1
   end
   if tensors == inputs then
      return 0
   elseif tensors == inputs + results then
      return results
   end
   usage(op, form)
end

local function result_or_new(r, like)
   if r == nil then
      return new_like(like)
   end
   return r
end

function torch.gesv(...)
   local op, form = 'gesv', '([resb, resa,] B, A)'
   local given = leading_results(op, form, 2, 2, ...)
   local x, lu, b, a
   if given == 0 then
      b, a = ...
   else
      x, lu, b, a = ...
   end
   x, lu = result_or_new(x, a), result_or_new(lu, a)
   check(C.wk_gesv(x, lu, b, a), op)
   return x, lu
end

function torch.gels(...)
   local op, form = 'gels', '([resb,] B, A)'
   local n = select('#', ...)
   local x, b, a
   if n == 2 then
      b, a = ...
   elseif n == 3 or n == 4 then   -- Torch7's (resb, resa, B, A) is taken too; resa is unused
      x = ...
      b, a = select(n - 1, ...)
   else
      usage(op, form)
   end
   tensor_arg(b, n - 1, op)
   tensor_arg(a, n, op)
   x = result_or_new(x and tensor_arg(x, 1, op), a)
   check(C.wk_gels(x, b, a), op)
   return x
end

function torch.inverse(r, a)
   if a == nil then
      r, a = nil, r
   end
   tensor_arg(a, r and 2 or 1, 'inverse')
   r = result_or_new(r and tensor_arg(r, 1, 'inverse'), a)
   check(C.wk_inverse(r, a), 'inverse')
   return r
end

-- (res, A, uplo) shapes: potrf(A [, uplo]), potrf(res, A [, uplo]).
local function one_in_one_out(op, kernel)
   return function(r, a, uplo)
      if not is(a) then
         r, a, uplo = nil, r, a
      end
      tensor_arg(a, r and 2 or 1, op)
      local upper = option(uplo, r and 3 or 2, op, 'U', 'U', 'L')
      r = result_or_new(r and tensor_arg(r, 1, op), a)
      check(kernel(r, a, upper and 1 or 0), op)
      return r
   end
end
torch.potrf = one_in_one_out('potrf', function(r, a, upper) return C.wk_potrf(r, a, upper) end)
torch.potri = one_in_one_out('potri', function(r, a, upper) return C.wk_potri(r, a, upper) end)

function torch.potrs(r, b, chol, uplo)
   if not is(chol) then
      r, b, chol, uplo = nil, r, b, chol
   end
   local first = r and 2 or 1
   tensor_arg(b, first, 'potrs')
   tensor_arg(chol, first + 1, 'potrs')
   local upper = option(uplo, first + 2, 'potrs', 'U', 'U', 'L')
   r = result_or_new(r and tensor_arg(r, 1, 'potrs'), chol)
   check(C.wk_potrs(r, b, chol, upper and 1 or 0), 'potrs')
   return r
end

function torch.qr(...)
   local op, form = 'qr', '([q, r,] A)'
   local q, r, a
   if leading_results(op, form, 2, 1, ...) == 0 then
      a = ...
   else
      q, r, a = ...
   end
   q, r = result_or_new(q, a), result_or_new(r, a)
   check(C.wk_qr(q, r, a), op)
   return q, r
end

function torch.svd(...)
   local op, form = 'svd', "([resu, ress, resv,] A [, 'S' | 'A'])"
   local u, s, v, a, job
   if leading_results(op, form, 3, 1, ...) == 0 then
      a, job = ...
   else
      u, s, v, a, job = ...
   end
   local some = option(job, u and 5 or 2, op, 'S', 'S', 'A')
   u, s, v = result_or_new(u, a), result_or_new(s, a), result_or_new(v, a)
   check(C.wk_svd(u, s, v, a, some and 1 or 0), op)
   return u, s, v
end

function torch.eig(...)
   local op, form = 'eig', "([rese, resv,] A [, 'N' | 'V'])"
   local e, v, a, job
   if leading_results(op, form, 2, 1, ...) == 0 then
      a, job = ...
   else
      e, v, a, job = ...
   end
   local vectors = option(job, e and 4 or 2, op, 'N', 'V', 'N')
   e, v = result_or_new(e, a), result_or_new(v, a)
   check(C.wk_eig(e, v, a, vectors and 1 or 0), op)
   return e, v
end

function torch.symeig(...)
   local op, form = 'symeig', "([rese, resv,] A [, 'N' | 'V'] [, 'U' | 'L'])"
   local e, v, a, job, uplo
   if leading_results(op, form, 2, 1, ...) == 0 then
      a, job, uplo = ...
   else
      e, v, a, job, uplo = ...
   end
   local first = e and 4 or 2
   local vectors = option(job, first, op, 'N', 'V', 'N')
   local upper = option(uplo, first + 1, op, 'U', 'U', 'L')
   e, v = result_or_new(e, a), result_or_new(v, a)
   check(C.wk_symeig(e, v, a, vectors and 1 or 0, upper and 1 or 0), op)
   return e, v
end

function torch.det(a)
   tensor_arg(a, 1, 'det')
   check(C.wk_det(RESULT, a), 'det')
   return RESULT[0]
end

function torch.logdet(a)
   tensor_arg(a, 1, 'logdet')
   check(C.wk_logdet(RESULT, a), 'logdet')
   return RESULT[0]
end

for _, name in ipairs({ 'gesv', 'gels', 'inverse', 'potrf', 'potri', 'potrs', 'qr', 'svd', 'eig', 'symeig',
   'det', 'logdet' }) do
   methods[name] = torch[name]
end

return M
