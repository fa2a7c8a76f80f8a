--[=[ torch.Tester — Torch7's unit-test runner and its assertions.

   local tester = torch.Tester()
   local tests = torch.TestSuite()
   function tests.sum() tester:eq(torch.Tensor{1, 2}:sum(), 3) end
   function tests.grad() tester:assertTensorEq(numeric, analytic, 1e-6, 'gradient') end
   tester:add(tests)
   tester:run()        -- raises 'An error was found while running tests!' if any test failed

What run() prints (through io.write, so a caller can redirect or silence it):

   Running 3 tests
   1/3 grad ................................................................ [PASS]
   2/3 sum ................................................................. [FAIL]
   3/3 broken .............................................................. [SKIP]
   Completed 2 asserts in 3 tests with 1 failure and 0 errors and 1 disabled
   --------------------------------------------------------------------------------
   sum
   TensorEQ(==) violation: max diff=1, tolerance=0
   stack traceback:
           spec.lua:3: in function <spec.lua:3>

   --------------------------------------------------------------------------------

Status words: PASS, FAIL (an assertion failed), ERROR (the test raised a Lua error), SKIP
(disabled). Each line is 80 columns. "failures" counts failed assertions, "errors" tests that
raised. On a terminal the line of the running test shows [WAIT] until it finishes. After a failure
or an error run() raises, as Torch7 does, so a script run with `wick` exits with status 1.

Tester methods (Torch7's API):
   add(f [, name])         a test function, or a table / TestSuite of them (then no name). The
                           names _setUp and _tearDown give functions called before / after each
                           test with the test's name (at most one of each). Returns the tester.
   run([names])            runs all tests, or those whose name matches (string.match) the given
                           name or one of the list of names. Returns the tester when all passed.
   disable(names)          those tests are reported as SKIP and not run. Returns the tester.
   setEarlyAbort(bool)     stop at the first test that fails or errs
   setRethrowErrors(bool)  a Lua error in a test propagates out of run() instead of being counted
   setSummaryOnly(bool)    print the status lines and the summary, not each failure's details

Assertions: each returns true when it passes, false when it fails (recording the failure for the
report; it does not stop the test). `tolerance` and `message` are optional and may come in either
order (a number is the tolerance, a string the message).
   assert(condition [, message])          condition must be true; warns if it is not a boolean
   assertTrue(c [, message]), assertFalse(c [, message])     Wick additions
   assertlt/assertgt/assertle/assertge(a, b [, message])    a < b, a > b, a <= b, a >= b
   asserteq(a, b [, message]), assertne(a, b [, message])  Lua's == and ~= (warn on tables)
   assertalmosteq(a, b [, tolerance] [, message])          |a - b| <= tolerance (default 1e-16)
   assertGeneralEq(got, expected [, tolerance] [, message])   also eq(), and assertEq() (Wick):
                           deep comparison: tables recursively (same keys), tensors and storages
                           by type, size and elements, numbers within tolerance (default 0),
                           anything else with ==
   assertGeneralNe(got, unexpected [, tolerance] [, message]) also ne(), assertNe() (Wick)
   assertTensorEq(a, b [, tolerance] [, message])  same type, same number of elements, and
                           max |a - b| <= tolerance (default 1e-16). Tensors with the same number
                           of elements but different shapes are compared element by element in
                           order, with a warning (set tester._assertTensorEqIgnoresDims = false to
                           make that a failure), as Torch7 does.
   assertTensorNe(a, b [, tolerance] [, message])  the negation
   assertTableEq(a, b [, tolerance] [, message]), assertTableNe(...)   deep, as assertGeneralEq
   assertError(f [, message])              f() raises
   assertNoError(f [, message])            f() does not raise
   assertErrorMsg(f, errmsg [, message])   f() raises exactly errmsg
   assertErrorPattern(f, pattern [, message])   f() raises an error that string.find(pattern) finds
   assertErrorObj(f, errcomp [, message])  f() raises err with errcomp(err) true

Where Wick differs from Torch7, on purpose: NaN equals NaN in element comparisons (tensors,
storages, numbers inside eq/ne), so a test can expect a NaN; tests run in the order they were
added (a TestSuite's in definition order, a plain table's sorted by name) where Torch7 used
pairs() order.

Wiring: this file returns the constructor table. If a global `torch` table exists when it is
loaded, the class is also set there as torch.Tester; otherwise init.lua does
`torch.Tester = require 'torch.Tester'` (and `torch.TestSuite = require 'torch.TestSuite'`).
]=]

local registry = debug.getregistry()
if registry['wick.torch.Tester'] then
   return registry['wick.torch.Tester']
end

local ffi = require 'ffi'
local class = require 'torch.class'
local TestSuite = require 'torch.TestSuite'

ffi.cdef [[
int wick_tester_isatty(int fd) __asm__("isatty");
]]

local home = rawget(_G, 'torch')
if type(home) ~= 'table' then
   home = {}
end
local Tester = class.class('torch.Tester', home)

local LINE_WIDTH = 80
local SEPARATOR = string.rep('-', LINE_WIDTH)

local function plural(n, word)
   return n .. ' ' .. word .. (n == 1 and '' or 's')
end

-- Tracebacks -------------------------------------------------------------------------------------
-- A traceback taken inside an assertion or the error handler starts with frames of this file and
-- ends with run()'s xpcall. The report keeps only the frames in between: the test's own.

local THIS_FILE = debug.getinfo(1, 'S').short_src:match('([^/]*)$')

local function is_own_frame(line)
   local file = line:match('^%s*([^:]+):%d+:')
   return file ~= nil and file:match('([^/]*)$') == THIS_FILE
end

local function user_traceback(level)
   local trace = debug.traceback('', level + 1)
   local kept = {}
   local started = false
   for line in trace:gmatch('[^\n]+') do
      if line ~= 'stack traceback:' then
         if is_own_frame(line) or line:find("in function 'xpcall'", 1, true) then
            if started then
               break
            end
         else
            started = true
            kept[#kept + 1] = line
         end
      end
   end
   return 'stack traceback:\n' .. table.concat(kept, '\n')
end

-- Tensors and storages ---------------------------------------------------------------------------
-- The only code that reads tensor elements. It uses Torch7's public API (nElement, dim, size,
-- contiguous, storage, storageOffset and storage indexing), which any Tensor class here provides.

local function typename(v)
   local kind = type(v)
   if kind == 'cdata' or kind == 'userdata' or kind == 'table' then
      return class.typename(v)
   end
   return nil
end

local function is_tensor(v)
   local name = typename(v)
   return name ~= nil and name:sub(-6) == 'Tensor'
end

local function is_storage(v)
   local name = typename(v)
   return name ~= nil and name:sub(-7) == 'Storage'
end

-- Elements in row-major order (as Lua numbers) and the list of sizes.
local function tensor_contents(t)
   if typename(t):find('Cuda', 1, true) then
      t = t:double()
   end
   local sizes = {}
   for d = 1, t:dim() do
      sizes[d] = tonumber(t:size(d))
   end
   local values = {}
   local n = tonumber(t:nElement())
   if n > 0 then
      local c = t:contiguous()
      local storage, offset = c:storage(), tonumber(c:storageOffset())
      for i = 1, n do
         values[i] = tonumber(storage[offset + i - 1])
      end
   end
   return values, sizes
end

local function storage_contents(s)
   local values = {}
   for i = 1, tonumber(s:size()) do
      values[i] = tonumber(s[i])
   end
   return values
end

local function shape_string(sizes)
   if #sizes == 0 then
      return 'empty'
   end
   return table.concat(sizes, 'x')
end

-- |a - b| for elements, with NaN equal to NaN (and to nothing else).
local function difference(a, b)
   if a == b then
      return 0
   end
   local a_nan, b_nan = a ~= a, b ~= b
   if a_nan and b_nan then
      return 0
   elseif a_nan or b_nan then
      return math.huge
   end
   return math.abs(a - b)
end

local function max_difference(xs, ys)
   local worst = 0
   for i = 1, #xs do
      local d = difference(xs[i], ys[i])
      if d > worst or d ~= d then
         worst = d
      end
   end
   return worst
end

-- Compares two tensors. Returns equal, description. `flat_ok` allows equal element counts with
-- different shapes (then `warn` is called).
local function compare_tensors(a, b, tolerance, flat_ok, warn)
   local type_a, type_b = typename(a), typename(b)
   if type_a ~= type_b then
      return false, string.format('tensor types differ: %s vs %s', type_a, type_b)
   end
   local xs, sizes_a = tensor_contents(a)
   local ys, sizes_b = tensor_contents(b)
   local shape_a, shape_b = shape_string(sizes_a), shape_string(sizes_b)
   if shape_a ~= shape_b then
      if #xs ~= #ys or not flat_ok then
         return false, string.format('sizes differ: %s vs %s', shape_a, shape_b)
      end
      if warn then
         warn(string.format('tensors have the same number of elements but different dimensions '
            .. '(%s vs %s); comparing their elements in order', shape_a, shape_b))
      end
   end
   local worst = max_difference(xs, ys)
   return worst <= tolerance, string.format('max diff=%s, tolerance=%s', tostring(worst), tostring(tolerance))
end

local function compare_storages(a, b, tolerance)
   local type_a, type_b = typename(a), typename(b)
   if type_a ~= type_b then
      return false, string.format('storage types differ: %s vs %s', type_a, type_b)
   end
   local xs, ys = storage_contents(a), storage_contents(b)
   if #xs ~= #ys then
      return false, string.format('storage sizes differ: %d vs %d', #xs, #ys)
   end
   local worst = max_difference(xs, ys)
   return worst <= tolerance, string.format('max diff=%s, tolerance=%s', tostring(worst), tostring(tolerance))
end

-- Deep comparison for eq/ne and the table assertions. Returns equal, a description of the first
-- difference, prefixed with where it is ("at [2][weight]: ...").
local function at(path, text)
   if path == '' then
      return text
   end
   return 'at ' .. path .. ': ' .. text
end

local function compare_general(a, b, tolerance, path, seen)
   if is_tensor(a) and is_tensor(b) then
      local equal, why = compare_tensors(a, b, tolerance, false)
      return equal, at(path, why)
   end
   if is_storage(a) and is_storage(b) then
      local equal, why = compare_storages(a, b, tolerance)
      return equal, at(path, why)
   end
   local kind_a, kind_b = type(a), type(b)
   if kind_a ~= kind_b or is_tensor(a) ~= is_tensor(b) or is_storage(a) ~= is_storage(b) then
      return false, at(path, string.format('%s vs %s', typename(a) or kind_a, typename(b) or kind_b))
   end
   if kind_a == 'number' then
      local d = difference(a, b)
      return d <= tolerance, at(path, string.format('%s vs %s, tolerance=%s', tostring(a),
         tostring(b), tostring(tolerance)))
   end
   if kind_a ~= 'table' or rawequal(a, b) then
      return a == b, at(path, string.format('%s vs %s', tostring(a), tostring(b)))
   end
   -- Tables: each pair is compared once (cycles end there).
   seen[a] = seen[a] or {}
   if seen[a][b] then
      return true, ''
   end
   seen[a][b] = true
   for key, value in pairs(a) do
      local sub = path .. '[' .. tostring(key) .. ']'
      local other = b[key]
      if other == nil then
         return false, at(sub, 'missing from the second table')
      end
      local equal, why = compare_general(value, other, tolerance, sub, seen)
      if not equal then
         return false, why
      end
   end
   for key in pairs(b) do
      if a[key] == nil then
         return false, at(path .. '[' .. tostring(key) .. ']', 'missing from the first table')
      end
   end
   return true, at(path, 'the tables are equal')
end

local function general_equal(a, b, tolerance)
   return compare_general(a, b, tolerance, '', {})
end

-- Optional (tolerance, message) in either order.
local function tolerance_and_message(x, y, default)
   if type(x) == 'string' then
      return (y == nil) and default or y, x
   elseif x == nil then
      return default, y
   end
   return x, y
end

local function with_message(message, violation)
   if message == nil or message == '' then
      return violation
   end
   return tostring(message) .. '\n' .. violation
end

-- The tester --------------------------------------------------------------------------------------

function Tester:__init()
   self.tests = {}              -- name -> function
   self.testnames = {}          -- names in the order they were added
   self.disabledTests = {}      -- name -> true
   self.countasserts = 0
   self.earlyAbort = false
   self.rethrowErrors = false
   self.summaryOnly = false
   self._assertTensorEqIgnoresDims = true
   self.failures = {}           -- {test =, message =, trace =}, filled during run()
end

function Tester:setEarlyAbort(earlyAbort)
   self.earlyAbort = earlyAbort and true or false
   return self
end

function Tester:setRethrowErrors(rethrowErrors)
   self.rethrowErrors = rethrowErrors and true or false
   return self
end

function Tester:setSummaryOnly(summaryOnly)
   self.summaryOnly = summaryOnly and true or false
   return self
end

local function unnamed(f)
   local info = debug.getinfo(f, 'S')
   return info.short_src .. ':' .. tostring(info.linedefined)
end

function Tester:add(f, name)
   if type(f) == 'function' then
      if name == '_setUp' or name == '_tearDown' then
         local field = name == '_setUp' and 'setUpFn' or 'tearDownFn'
         if self[field] ~= nil then
            error('Only one ' .. (name == '_setUp' and 'set-up' or 'tear-down') ..
               ' function allowed', 2)
         end
         self[field] = f
         return self
      end
      if name == nil then
         name = unnamed(f)
         local base, n = name, 1
         while self.tests[name] do
            n = n + 1
            name = base .. '#' .. n
         end
      elseif type(name) ~= 'string' then
         error('Tester:add: test names must be strings (got ' .. type(name) .. ')', 2)
      end
      if self.tests[name] ~= nil then
         error('Test ' .. name .. ' is already defined.', 2)
      end
      self.tests[name] = f
      self.testnames[#self.testnames + 1] = name
      return self
   end

   if type(f) ~= 'table' then
      error('Tester:add expects a function or a table of functions (got ' .. type(f) .. ')', 2)
   end
   if name ~= nil then
      error('Tester:add: a table of tests takes no name', 2)
   end
   local names, tests
   if class.type(f) == 'torch.TestSuite' then
      names, tests = TestSuite.__testlist(f)
   else
      self.addedPlainTable = true
      names, tests = {}, f
      for key in pairs(f) do
         names[#names + 1] = key
      end
      table.sort(names, function(a, b) return tostring(a) < tostring(b) end)
   end
   for _, key in ipairs(names) do
      local value = tests[key]
      if type(value) == 'table' then
         error('Nested sets of tests are not allowed', 2)
      elseif type(value) ~= 'function' then
         error('Tester:add: test ' .. tostring(key) .. ' is a ' .. type(value) .. ', not a function', 2)
      end
   end
   for _, key in ipairs(names) do
      self:add(tests[key], key)
   end
   return self
end

local function name_list(names)
   if type(names) == 'string' then
      return { names }
   elseif type(names) == 'table' then
      return names
   end
   error('expected a test name or a list of test names (got ' .. type(names) .. ')', 3)
end

function Tester:disable(names)
   for _, name in ipairs(name_list(names)) do
      if self.tests[name] == nil then
         error('disable: no test named ' .. tostring(name), 2)
      end
      self.disabledTests[name] = true
   end
   return self
end

-- Recording results. Tests of this class replace _success / _failure to look at what an
-- assertion returns without recording it, as Torch7's own tests do.

function Tester:_success() -- luacheck: ignore 212 (a method: replaced per tester)
   return true
end

function Tester:_failure(message)
   self.failures[#self.failures + 1] = {
      test = self.curtestname or '?',
      message = message,
      trace = user_traceback(2),
   }
   return false
end

function Tester:_assert_sub(condition, message)
   self.countasserts = self.countasserts + 1
   if condition then
      return self:_success()
   end
   return self:_failure(message)
end

local function warn(text)
   io.write('Warning: ' .. text .. '\n')
end

-- Assertions -------------------------------------------------------------------------------------

function Tester:assert(condition, message, ...)
   if select('#', ...) > 0 then
      error('Unexpected arguments passed to assert: it takes (condition [, message])', 2)
   end
   if type(condition) ~= 'boolean' then
      warn('assert should only be used for boolean conditions. To check for non-nil variables, '
         .. 'do this explicitly: assert(var ~= nil).')
   end
   return self:_assert_sub(condition,
      with_message(message, 'BOOL violation: condition=' .. tostring(condition)))
end

function Tester:assertTrue(condition, message)
   return self:_assert_sub(condition == true,
      with_message(message, 'TRUE violation: condition=' .. tostring(condition)))
end

function Tester:assertFalse(condition, message)
   return self:_assert_sub(condition == false,
      with_message(message, 'FALSE violation: condition=' .. tostring(condition)))
end

local function comparison(label, holds)
   return function(self, a, b, message)
      return self:_assert_sub(holds(a, b), with_message(message,
         string.format('%s violation: val=%s, condition=%s', label, tostring(a), tostring(b))))
   end
end

Tester.assertlt = comparison('LT(<)', function(a, b) return a < b end)
Tester.assertgt = comparison('GT(>)', function(a, b) return a > b end)
Tester.assertle = comparison('LE(<=)', function(a, b) return a <= b end)
Tester.assertge = comparison('GE(>=)', function(a, b) return a >= b end)

local function is_basic(v)
   local kind = type(v)
   return kind == 'number' or kind == 'string' or kind == 'boolean' or kind == 'nil'
end

function Tester:asserteq(a, b, message)
   if not is_basic(a) and not is_basic(b) then
      warn('asserteq should only be used to compare basic lua objects (numbers, booleans, etc). '
         .. 'Consider using assertGeneralEq instead.')
   end
   return self:_assert_sub(a == b, with_message(message,
      string.format('EQ(==) violation: val=%s, condition=%s', tostring(a), tostring(b))))
end

function Tester:assertne(a, b, message)
   if not is_basic(a) and not is_basic(b) then
      warn('assertne should only be used to compare basic lua objects (numbers, booleans, etc). '
         .. 'Consider using assertGeneralNe instead.')
   end
   return self:_assert_sub(a ~= b, with_message(message,
      string.format('NE(~=) violation: val=%s, condition=%s', tostring(a), tostring(b))))
end

function Tester:assertalmosteq(a, b, x, y)
   local tolerance, message = tolerance_and_message(x, y, 1e-16)
   local d = difference(a, b)
   return self:_assert_sub(d <= tolerance, with_message(message,
      string.format('ALMOST_EQ(==) violation: val=%s, condition=%s, tolerance=%s',
         tostring(a), tostring(b), tostring(tolerance))))
end

function Tester:assertGeneralEq(got, expected, x, y)
   local tolerance, message = tolerance_and_message(x, y, 0)
   local equal, why = general_equal(got, expected, tolerance)
   return self:_assert_sub(equal, with_message(message, 'GeneralEQ(==) violation: ' .. why))
end

function Tester:assertGeneralNe(got, unexpected, x, y)
   local tolerance, message = tolerance_and_message(x, y, 0)
   local equal, why = general_equal(got, unexpected, tolerance)
   return self:_assert_sub(not equal, with_message(message, 'GeneralNE(~=) violation: ' .. why))
end

Tester.eq = Tester.assertGeneralEq
Tester.ne = Tester.assertGeneralNe
Tester.assertEq = Tester.assertGeneralEq
Tester.assertNe = Tester.assertGeneralNe

local function check_tensor_args(a, b)
   if not is_tensor(a) then
      error('First argument should be a Tensor', 3)
   end
   if not is_tensor(b) then
      error('Second argument should be a Tensor', 3)
   end
end

function Tester:assertTensorEq(a, b, x, y)
   check_tensor_args(a, b)
   local tolerance, message = tolerance_and_message(x, y, 1e-16)
   local equal, why = compare_tensors(a, b, tolerance, self._assertTensorEqIgnoresDims, warn)
   return self:_assert_sub(equal, with_message(message, 'TensorEQ(==) violation: ' .. why))
end

function Tester:assertTensorNe(a, b, x, y)
   check_tensor_args(a, b)
   local tolerance, message = tolerance_and_message(x, y, 1e-16)
   local equal, why = compare_tensors(a, b, tolerance, self._assertTensorEqIgnoresDims, warn)
   return self:_assert_sub(not equal, with_message(message, 'TensorNE(~=) violation: ' .. why))
end

local function check_table_args(a, b)
   if type(a) ~= 'table' then
      error('First argument should be a Table', 3)
   end
   if type(b) ~= 'table' then
      error('Second argument should be a Table', 3)
   end
end

function Tester:assertTableEq(a, b, x, y)
   check_table_args(a, b)
   local tolerance, message = tolerance_and_message(x, y, 0)
   local equal, why = general_equal(a, b, tolerance)
   return self:_assert_sub(equal, with_message(message, 'TableEQ(==) violation: ' .. why))
end

function Tester:assertTableNe(a, b, x, y)
   check_table_args(a, b)
   local tolerance, message = tolerance_and_message(x, y, 0)
   local equal, why = general_equal(a, b, tolerance)
   return self:_assert_sub(not equal, with_message(message, 'TableNE(~=) violation: ' .. why))
end

function Tester:assertError(f, message)
   local ok = pcall(f)
   return self:_assert_sub(not ok, with_message(message, 'ERROR violation: no error was raised'))
end

function Tester:assertNoError(f, message)
   local ok, err = pcall(f)
   return self:_assert_sub(ok, with_message(message, 'ERROR violation: err=' .. tostring(err)))
end

function Tester:assertErrorMsg(f, errmsg, message)
   local ok, err = pcall(f)
   local violation
   if ok then
      violation = 'ErrorMsg violation: no error was raised, expected: ' .. tostring(errmsg)
   else
      violation = string.format('ErrorMsg violation: err=%s, expected=%s', tostring(err), tostring(errmsg))
   end
   return self:_assert_sub(not ok and err == errmsg, with_message(message, violation))
end

function Tester:assertErrorPattern(f, pattern, message)
   local ok, err = pcall(f)
   local violation
   if ok then
      violation = 'ErrorPattern violation: no error was raised, expected pattern: ' .. tostring(pattern)
   else
      violation = string.format('ErrorPattern violation: err=%s, pattern=%s', tostring(err), tostring(pattern))
   end
   return self:_assert_sub(not ok and string.find(tostring(err), pattern) ~= nil,
      with_message(message, violation))
end

function Tester:assertErrorObj(f, errcomp, message)
   local ok, err = pcall(f)
   local violation
   if ok then
      violation = 'ErrorObj violation: no error was raised'
   else
      violation = 'ErrorObj violation: err=' .. tostring(err)
   end
   return self:_assert_sub(not ok and errcomp(err) and true or false, with_message(message, violation))
end

-- Running ----------------------------------------------------------------------------------------

local function status_line(prefix, status)
   local tail = ' [' .. status .. ']'
   local dots = LINE_WIDTH - #prefix - #tail
   return prefix .. string.rep('.', math.max(dots, 1)) .. tail
end

-- The names to run: all, or those matching a name or one of a list of names.
function Tester:_selected(names)
   if names == nil then
      return self.testnames
   end
   local patterns = name_list(names)
   local selected = {}
   for _, name in ipairs(self.testnames) do
      for _, pattern in ipairs(patterns) do
         if name == pattern or string.match(name, pattern) then
            selected[#selected + 1] = name
            break
         end
      end
   end
   if #selected == 0 then
      error('run: no test matches ' .. table.concat(patterns, ', '), 3)
   end
   return selected
end

-- An error caught in a test: its message and the test's part of the traceback.
local function catch(err)
   return { message = err, trace = user_traceback(2) }
end

-- Runs one test with its set-up and tear-down. Returns the caught error or nil.
function Tester:_runOne(name)
   local caught
   local function call(f, ...)
      if caught == nil then
         local ok, e = xpcall(f, catch, ...)
         if not ok then
            caught = e
         end
      end
   end
   if self.setUpFn then
      call(self.setUpFn, name)
   end
   call(self.tests[name])
   if self.tearDownFn then
      local pending = caught
      caught = nil
      call(self.tearDownFn, name)
      caught = pending or caught
   end
   if caught and self.rethrowErrors then
      error(caught.message, 0)
   end
   return caught
end

function Tester:run(names)
   local selected = self:_selected(names)
   local tty = io.output() == io.stdout and ffi.C.wick_tester_isatty(1) == 1
   self.failures = {}
   self.countasserts = 0
   local errors = {}
   local disabled = 0

   if self.addedPlainTable then
      warn('Should use TestSuite rather than plain lua table')
   end
   io.write('Running ' .. plural(#selected, 'test') .. '\n')
   for i, name in ipairs(selected) do
      local prefix = string.format('%d/%d %s ', i, #selected, name)
      if self.disabledTests[name] then
         disabled = disabled + 1
         io.write(status_line(prefix, 'SKIP') .. '\n')
      else
         if tty then
            io.write(status_line(prefix, 'WAIT') .. '\r')
            io.flush()
         end
         local failures_before = #self.failures
         self.curtestname = name
         local caught = self:_runOne(name)
         self.curtestname = nil
         local status = 'PASS'
         if caught then
            status = 'ERROR'
            errors[#errors + 1] = { test = name, message = caught.message, trace = caught.trace }
         elseif #self.failures > failures_before then
            status = 'FAIL'
         end
         io.write(status_line(prefix, status) .. '\n')
         if status ~= 'PASS' and self.earlyAbort then
            break
         end
      end
   end

   local summary = string.format('Completed %s in %s with %s and %s',
      plural(self.countasserts, 'assert'), plural(#selected, 'test'),
      plural(#self.failures, 'failure'), plural(#errors, 'error'))
   if disabled > 0 then
      summary = summary .. ' and ' .. disabled .. ' disabled'
   end
   io.write(summary .. '\n')

   if #self.failures == 0 and #errors == 0 then
      return self
   end
   if not self.summaryOnly then
      local report = { SEPARATOR .. '\n' }
      for _, failure in ipairs(self.failures) do
         report[#report + 1] = string.format('%s\n%s\n%s\n\n%s\n', failure.test,
            tostring(failure.message), failure.trace, SEPARATOR)
      end
      for _, e in ipairs(errors) do
         report[#report + 1] = string.format('%s\nFunction call failed\n%s\n%s\n\n%s\n', e.test,
            tostring(e.message), e.trace, SEPARATOR)
      end
      io.write(table.concat(report))
   end
   error('An error was found while running tests!', 2)
end

local constructor = home.Tester
registry['wick.torch.Tester'] = constructor
return constructor
