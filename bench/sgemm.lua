--[[ bench/sgemm.lua — torch.mm on float32 square matrices against its ceilings, in one run.

   bin/wick bench/sgemm.lua [threads]        (default: 2)

Times torch.mm(res, a, b) (the result given, as PyTorch's out=, so no allocation is timed) for
N = 128, 512, 1024, 2048, with reps alternating with cblas_sgemm called directly (through the FFI,
same process, same matrices), so both see the same machine: that ratio is the reliable one on a
shared, drifting machine. Then mm with transposed operands and a column-major result at N = 1024,
alternating with the plain mm (BLAS reads them in place, so they should be as fast). Then, in
the same run, the reference programs: the C ceiling (sgemm_cblas from /work/shared/bench/pytorch,
built with its build.sh in a temporary directory) and PyTorch's torch.mm (bench_sgemm_torch.py),
with ratios against Wick's figures (sequential runs: noisier).

Timing as the reference programs do: 3 warm-up calls, then reps of at least 20 ms (several calls
when one is shorter), at least 7 reps and 1 s; the median rep counts.

Prints `RESULT name=value unit` lines: wick_mm_n<N>_t<T> and cblas_direct_n<N>_t<T> (GFLOP/s),
ratio_wick_cblas_direct_n<N>; wick_mm_<case>_n1024_t<T> and ratio_<case>_plain_n1024 for the
cases at (a:t()), bt (b:t()), atbt, outt (a column-major result); cblas_sgemm_n<N>_t<T>,
torch_mm_n<N>_t<T>_ob<T>, ratio_wick_cblas_n<N>, ratio_wick_torch_n<N>. OPENBLAS_CORETYPE is left
as the environment sets it.
]]

-- Runs under bin/wick, or plain luajit from the repository root.
if not pcall(require, 'torch') then
   package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path
   require 'torch'
end
local ffi = require 'ffi'

local common = require 'bench.common'
local now = common.now

local threads = tonumber(arg and arg[1]) or 2
torch.setnumthreads(threads)
local SIZES = { 128, 512, 1024, 2048 }
local REFERENCE = '/work/shared/bench/pytorch'

local function random_matrix(n)
   local t = torch.FloatTensor(n, n)
   local p = t:data()
   for i = 0, n * n - 1 do
      p[i] = math.random() - 0.5
   end
   return t
end

-- Median seconds per call of f and of g, timed in alternating reps (f g, g f, f g, ...: neither
-- always runs first).
local function time_reps(f, inner)
   local t0 = now()
   for _ = 1, inner do
      f()
   end
   return (now() - t0) / inner
end

local function time_pair(f, g)
   for _ = 1, 3 do
      f()
      g()
   end
   local t0 = now()
   f()
   local one = now() - t0
   local inner = one < 0.02 and math.floor(0.02 / math.max(one, 1e-7)) + 1 or 1
   local times_f, times_g = {}, {}
   local start = now()
   while #times_f < 7 or now() - start < 2.0 do
      if #times_f % 2 == 0 then
         times_f[#times_f + 1] = time_reps(f, inner)
         times_g[#times_g + 1] = time_reps(g, inner)
      else
         times_g[#times_g + 1] = time_reps(g, inner)
         times_f[#times_f + 1] = time_reps(f, inner)
      end
   end
   table.sort(times_f)
   table.sort(times_g)
   return times_f[math.floor(#times_f / 2) + 1], times_g[math.floor(#times_g / 2) + 1]
end

local function gflops(n, seconds)
   return 2 * n * n * n / seconds * 1e-9
end

local results = {}
local function report(name, value, unit, note)
   results[name] = value
   print(string.format('RESULT %s=%.2f %s%s', name, value, unit, note and ('  (' .. note .. ')') or ''))
   io.stdout:flush()
end

-- The external references: runs `command`, echoes its output, keeps its RESULT lines.
local function run_reference(command)
   local pipe = io.popen(command .. ' 2>&1')
   local text = pipe:read('*a')
   pipe:close()
   for line in text:gmatch('[^\n]+') do
      print('# ' .. line)
      local name, value = line:match('^RESULT ([%w_]+)=([%d.]+)')
      if name then
         results[name] = tonumber(value)
      end
   end
end

print(string.format('# wick torch.mm float32, %d threads; OPENBLAS_CORETYPE=%s', threads,
   os.getenv('OPENBLAS_CORETYPE') or '(unset)'))

-- The C ceiling first, then Wick, then PyTorch: all in one run.
local dir = os.tmpname()
os.remove(dir)
-- build.sh stops at its first failure (fma_peak.c needs AVX-512 under -march=native), after
-- sgemm_cblas is built: what counts is whether that binary exists.
os.execute(string.format('mkdir -p %s && cp %s/* %s/ && sh %s/build.sh > %s/build.log 2>&1', dir, REFERENCE, dir,
   dir, dir))
local probe = io.open(dir .. '/sgemm_cblas', 'rb')
if probe then
   probe:close()
   run_reference(string.format('OPENBLAS_NUM_THREADS=%d %s/sgemm_cblas', threads, dir))
else
   print('# could not build ' .. REFERENCE .. '/sgemm_cblas.c; build.sh said:')
   run_reference('cat ' .. dir .. '/build.log')
end

-- cblas_sgemm itself, for the alternating reps (CBLAS's enums: RowMajor 101, NoTrans 111).
ffi.cdef [[
void cblas_sgemm(int order, int transa, int transb, int m, int n, int k, float alpha, const float *a, int lda,
                 const float *b, int ldb, float beta, float *c, int ldc);
]]
local openblas = ffi.load('openblas')

for _, n in ipairs(SIZES) do
   local a, b, res = random_matrix(n), random_matrix(n), torch.FloatTensor(n, n)
   local pa, pb, pc = a:data(), b:data(), torch.FloatTensor(n, n):data()
   local ours, direct = time_pair(function() torch.mm(res, a, b) end,
      function() openblas.cblas_sgemm(101, 111, 111, n, n, n, 1, pa, n, pb, n, 0, pc, n) end)
   report(string.format('wick_mm_n%d_t%d', n, threads), gflops(n, ours), 'GFLOP/s')
   report(string.format('cblas_direct_n%d_t%d', n, threads), gflops(n, direct), 'GFLOP/s')
   report(string.format('ratio_wick_cblas_direct_n%d', n), direct / ours, 'x', 'same process, alternating; target >= 0.95')
end

-- Transposed operands at 1024: the same speed when BLAS reads them in place.
do
   local n = 1024
   local a, b, res = random_matrix(n), random_matrix(n), torch.FloatTensor(n, n)
   local cases = {
      { 'at', a:t(), b, res }, { 'bt', a, b:t(), res }, { 'atbt', a:t(), b:t(), res },
      { 'outt', a, b, torch.FloatTensor(n, n):t() },   -- a column-major result
   }
   for _, case in ipairs(cases) do
      local x, y, out = case[2], case[3], case[4]
      local seconds, plain = time_pair(function() torch.mm(out, x, y) end, function() torch.mm(res, a, b) end)
      report(string.format('wick_mm_%s_n%d_t%d', case[1], n, threads), gflops(n, seconds), 'GFLOP/s')
      report(string.format('ratio_%s_plain_n%d', case[1], n), plain / seconds, 'x')
   end
end

run_reference(string.format('cd %s && OPENBLAS_NUM_THREADS=%d /usr/bin/python3 bench_sgemm_torch.py %d', REFERENCE,
   threads, threads))
os.execute('rm -rf ' .. dir)

for _, n in ipairs(SIZES) do
   local ours = results[string.format('wick_mm_n%d_t%d', n, threads)]
   local cblas = results[string.format('cblas_sgemm_n%d_t%d', n, threads)]
   local pytorch = results[string.format('torch_mm_n%d_t%d_ob%d', n, threads, threads)]
   if cblas then
      report(string.format('ratio_wick_cblas_n%d', n), ours / cblas, 'x', 'separate runs')
   end
   if pytorch then
      report(string.format('ratio_wick_torch_n%d', n), ours / pytorch, 'x')
   end
end
