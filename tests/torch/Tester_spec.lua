-- torch.Tester and torch.TestSuite (lua/torch/Tester.lua, lua/torch/TestSuite.lua): the
-- assertions, what run() prints, and the options. The tensor comparisons run when the tensor
-- library loads; the rest runs without it.

-- luacheck: ignore 122 (io.write is replaced to capture output)

local has_torch = pcall(require, 'torch')
local Tester = require 'torch.Tester'
local TestSuite = require 'torch.TestSuite'
local class = require 'torch.class'

local MESSAGE = 'a really useful informative error message'

-- Runs f with io.write captured; returns the text written and f's pcall results.
local function capture(f)
   local out = {}
   local saved = io.write
   io.write = function(...)
      for i = 1, select('#', ...) do
         out[#out + 1] = tostring((select(i, ...)))
      end
   end
   local results = { pcall(f) }
   io.write = saved
   return table.concat(out), unpack(results)
end

-- A tester whose assertions only return (passed, message), as Torch7's own tests use one.
local function probe()
   local t = Tester()
   t._success = function() return true, MESSAGE end
   t._failure = function(_, message) return false, message end
   return t
end

local function passes(ok, message)
   assert.is_true(ok, message)
end

local function fails(ok, message)
   assert.is_false(ok)
   assert.truthy(tostring(message):find(MESSAGE, 1, true), 'message does not name the case: ' .. tostring(message))
end

-- The lines of a text.
local function lines(text)
   local list = {}
   for line in text:gmatch('([^\n]*)\n') do
      list[#list + 1] = line
   end
   return list
end

describe('torch.Tester', function()
   it('and torch.TestSuite are Torch classes', function()
      assert.are.equal('torch.Tester', class.type(Tester()))
      assert.are.equal('torch.TestSuite', class.type(TestSuite()))
      if has_torch then
         assert.are.equal(Tester, torch.Tester)
         assert.are.equal(TestSuite, torch.TestSuite)
      end
   end)

   describe('run', function()
      it('prints a status line per test and a summary, and returns the tester when all pass', function()
         local tester = Tester()
         local tests = TestSuite()
         function tests.first() tester:assert(true) end
         function tests.second() tester:eq(1, 1); tester:assertlt(1, 2) end
         tester:add(tests)
         local out, ok, result = capture(function() return tester:run() end)
         assert.is_true(ok, result)
         assert.are.equal(tester, result)
         assert.are.same({
            'Running 2 tests',
            '1/2 first ............................................................... [PASS]',
            '2/2 second .............................................................. [PASS]',
            'Completed 3 asserts in 2 tests with 0 failures and 0 errors',
         }, lines(out))
      end)

      it('writes singular words for one', function()
         local tester = Tester()
         tester:add(function() tester:assert(true) end, 'only')
         local out = capture(function() tester:run() end)
         assert.truthy(out:find('Running 1 test\n', 1, true))
         assert.truthy(out:find('Completed 1 assert in 1 test with 0 failures and 0 errors\n', 1, true))
      end)

      it('reports a failed assertion with the message, the violation and the test line, then raises', function()
         local tester = Tester()
         local tests = TestSuite()
         function tests.bad()
            tester:assertgt(1, 2, 'one is not greater than two')
         end
         tester:add(tests)
         local out, ok, err = capture(function() tester:run() end)
         assert.is_false(ok)
         assert.truthy(tostring(err):find('An error was found while running tests!', 1, true))
         local l = lines(out)
         assert.are.equal('1/1 bad ................................................................. [FAIL]', l[2])
         assert.are.equal('Completed 1 assert in 1 test with 1 failure and 0 errors', l[3])
         assert.are.equal(string.rep('-', 80), l[4])
         assert.are.equal('bad', l[5])
         assert.are.equal('one is not greater than two', l[6])
         assert.are.equal('GT(>) violation: val=1, condition=2', l[7])
         assert.are.equal('stack traceback:', l[8])
         assert.truthy(l[9]:find('Tester_spec.lua:%d+:'), l[9])
         assert.is_nil(out:find('Tester.lua:', 1, true), 'the traceback shows Tester.lua frames')
         assert.are.equal(string.rep('-', 80), l[#l])
      end)

      it('reports a test that raises as an error, with the message', function()
         local tester = Tester()
         tester:add(function() error('boom') end, 'explodes')
         local out, ok = capture(function() tester:run() end)
         assert.is_false(ok)
         assert.truthy(out:find('1/1 explodes %.+ %[ERROR%]\n'))
         assert.truthy(out:find('with 0 failures and 1 error\n', 1, true))
         assert.truthy(out:find('explodes\nFunction call failed\n[^\n]*boom\nstack traceback:\n', 1))
      end)

      it('goes on after a failure, so every test runs', function()
         local tester = Tester()
         local count = 0
         local tests = TestSuite()
         function tests.a() count = count + 1; tester:assert(false) end
         function tests.b() count = count + 1 end
         tester:add(tests)
         capture(function() tester:run() end)
         assert.are.equal(2, count)
      end)

      it('runs the tests in the order they were defined', function()
         local tester = Tester()
         local order = {}
         local tests = TestSuite()
         for _, name in ipairs({ 'zeta', 'alpha', 'mid' }) do
            tests[name] = function() order[#order + 1] = name end
         end
         tester:add(tests)
         capture(function() tester:run() end)
         assert.are.same({ 'zeta', 'alpha', 'mid' }, order)
      end)

      it('runs only the tests named (or matched) when given names', function()
         local tester = Tester()
         local ran = {}
         local tests = TestSuite()
         function tests.test1() ran[#ran + 1] = 'test1' end
         function tests.test2() ran[#ran + 1] = 'test2' end
         function tests.other() ran[#ran + 1] = 'other' end
         tester:add(tests)
         capture(function() tester:run('other') end)
         capture(function() tester:run({ 'test2', 'test1' }) end)
         assert.are.same({ 'other', 'test1', 'test2' }, ran)
      end)

      it('marks disabled tests SKIP without running them', function()
         local tester = Tester()
         local ran = false
         local tests = TestSuite()
         function tests.brokenTest() ran = true end
         local out = capture(function() tester:add(tests):disable('brokenTest'):run() end)
         assert.is_false(ran)
         assert.are.same({
            'Running 1 test',
            '1/1 brokenTest .......................................................... [SKIP]',
            'Completed 0 asserts in 1 test with 0 failures and 0 errors and 1 disabled',
         }, lines(out))
      end)

      it('stops at the first failing test with setEarlyAbort(true)', function()
         for _, early in ipairs({ false, true }) do
            local tester = Tester()
            local count = 0
            local tests = TestSuite()
            function tests.t1() count = count + 1; tester:assert(false) end
            function tests.t2() count = count + 1; tester:assert(false) end
            tester:setEarlyAbort(early):add(tests)
            local _, ok = capture(function() tester:run() end)
            assert.is_false(ok)
            assert.are.equal(early and 1 or 2, count)
         end
      end)

      it('lets errors out of run() with setRethrowErrors(true)', function()
         local tester = Tester():setRethrowErrors(true)
         tester:add(function() error('a throw') end)
         local _, ok, err = capture(function() tester:run() end)
         assert.is_false(ok)
         assert.truthy(tostring(err):find('a throw', 1, true))
      end)

      it('prints no details with setSummaryOnly(true)', function()
         local tester = Tester():setSummaryOnly(true)
         tester:add(function() tester:assert(false, 'hidden detail') end, 'quiet')
         local out, ok = capture(function() tester:run() end)
         assert.is_false(ok)
         assert.truthy(out:find('[FAIL]', 1, true))
         assert.is_nil(out:find('hidden detail', 1, true))
      end)

      it('calls _setUp and _tearDown around each test with its name', function()
         local tester = Tester()
         local calls = {}
         local tests = TestSuite()
         function tests._setUp(name) calls[#calls + 1] = 'up ' .. name end
         function tests._tearDown(name) calls[#calls + 1] = 'down ' .. name end
         function tests.one() calls[#calls + 1] = 'one' end
         function tests.two() calls[#calls + 1] = 'two' end
         tester:add(tests)
         for name in pairs(tester.tests) do
            assert.are_not.equal('_setUp', name)
            assert.are_not.equal('_tearDown', name)
         end
         capture(function() tester:run() end)
         assert.are.same({ 'up one', 'one', 'down one', 'up two', 'two', 'down two' }, calls)
      end)

      it('counts assertions in countasserts', function()
         local tester = Tester()
         tester:add(function()
            for _ = 1, 4 do tester:eq({ 1 }, { 1 }) end
            tester:eq({ 1 }, { 2 })
         end, 'counted')
         capture(function() tester:run() end)
         assert.are.equal(5, tester.countasserts)
      end)

      it('warns about plain tables of tests', function()
         local tester = Tester()
         tester:add({ a = function() end })
         local out = capture(function() tester:run() end)
         assert.truthy(out:find('use TestSuite rather than plain lua table', 1, true))
      end)
   end)

   describe('add', function()
      it('refuses nested tables of tests', function()
         assert.has_error(function() Tester():add({ { function() end } }) end,
            'Nested sets of tests are not allowed')
      end)

      it('refuses a second test of the same name', function()
         local tester = Tester()
         tester:add(function() end, 'x')
         assert.has_error(function() tester:add(function() end, 'x') end, 'Test x is already defined.')
      end)

      it('allows one set-up and one tear-down function', function()
         local tester = Tester()
         for _, name in ipairs({ '_setUp', '_tearDown' }) do
            tester:add(function() end, name)
            local ok, err = pcall(tester.add, tester, function() end, name)
            assert.is_false(ok)
            assert.truthy(err:find('Only one', 1, true))
         end
      end)

      it('returns the tester', function()
         local tester = Tester()
         assert.are.equal(tester, tester:add(function() end, 'f'))
      end)
   end)

   describe('TestSuite', function()
      it('refuses to define a test twice', function()
         local tests = TestSuite()
         function tests.myTest() end
         local ok, err = pcall(function()
            function tests.myTest() end
         end)
         assert.is_false(ok)
         assert.truthy(err:find('Test myTest is already defined.', 1, true))
      end)

      it('reads back its tests like a table', function()
         local tests = TestSuite()
         local f = function() end
         tests.f = f
         assert.are.equal(f, tests.f)
         assert.is_nil(tests.missing)
      end)
   end)

   describe('assertions', function()
      local t
      before_each(function()
         t = probe()
      end)

      it('assert', function()
         passes(t:assert(true, MESSAGE))
         fails(t:assert(false, MESSAGE))
      end)

      it('assert warns about a non-boolean condition', function()
         local out = capture(function() t:assert({}, MESSAGE) end)
         assert.truthy(out:find('should only be used for boolean', 1, true))
      end)

      it('assert refuses extra arguments', function()
         assert.has_error(function() t:assert(true, 'message', 'extra') end)
      end)

      it('assertTrue and assertFalse', function()
         passes(t:assertTrue(true, MESSAGE))
         fails(t:assertTrue(1, MESSAGE))
         passes(t:assertFalse(false, MESSAGE))
         fails(t:assertFalse(nil, MESSAGE))
      end)

      it('assertlt, assertgt, assertle, assertge', function()
         passes(t:assertlt(1, 2, MESSAGE)); fails(t:assertlt(2, 1, MESSAGE)); fails(t:assertlt(1, 1, MESSAGE))
         passes(t:assertgt(2, 1, MESSAGE)); fails(t:assertgt(1, 2, MESSAGE)); fails(t:assertgt(1, 1, MESSAGE))
         passes(t:assertle(1, 2, MESSAGE)); fails(t:assertle(2, 1, MESSAGE)); passes(t:assertle(1, 1, MESSAGE))
         passes(t:assertge(2, 1, MESSAGE)); fails(t:assertge(1, 2, MESSAGE)); passes(t:assertge(1, 1, MESSAGE))
      end)

      it('asserteq and assertne', function()
         passes(t:asserteq(1, 1, MESSAGE))
         fails(t:asserteq(1, 2, MESSAGE))
         passes(t:assertne(1, 2, MESSAGE))
         fails(t:assertne(1, 1, MESSAGE))
      end)

      it('assertne warns when comparing objects', function()
         local out = capture(function() t:assertne({}, {}) end)
         assert.truthy(out:find('assertne should only be used to compare basic', 1, true))
      end)

      it('assertalmosteq, with tolerance and message in either order', function()
         passes(t:assertalmosteq(1, 1, MESSAGE))
         passes(t:assertalmosteq(1, 1 + 1e-17, MESSAGE))
         passes(t:assertalmosteq(1, 2, 2, MESSAGE))
         passes(t:assertalmosteq(1, 2, MESSAGE, 2))
         fails(t:assertalmosteq(1, 2, MESSAGE))
         fails(t:assertalmosteq(1, 3, 1, MESSAGE))
      end)

      it('eq and ne compare deeply', function()
         local function eq_ne(equal, ...)
            if equal then
               passes(t:eq(...)); fails(t:ne(...))
            else
               fails(t:eq(...)); passes(t:ne(...))
            end
         end
         eq_ne(true, 'hi', 'hi', MESSAGE)
         eq_ne(false, 'one', 1, MESSAGE)
         eq_ne(true, { 1, { 2, { x = 3 } } }, { 1, { 2, { x = 3 } } }, MESSAGE)
         eq_ne(false, { 1, { 2, { x = 3 } } }, { 1, { 2, { x = 4 } } }, MESSAGE)
         eq_ne(false, { { { 1 } } }, { { 1 } }, MESSAGE)
         eq_ne(false, { 1, 2, 3 }, { 1, 2 }, MESSAGE)
         eq_ne(false, { a = 1 }, { b = 1 }, MESSAGE)
         eq_ne(true, { 1.0 }, { 1.05 }, 0.1, MESSAGE)
         eq_ne(true, { 1.0 }, { 1.05 }, MESSAGE, 0.1)
         eq_ne(false, { 1.0 }, { 1.05 }, MESSAGE)
         eq_ne(true, { false }, { false }, MESSAGE)
         eq_ne(false, { true }, { false }, MESSAGE)
         eq_ne(true, 0 / 0, 0 / 0, MESSAGE)
         assert.are.equal(t.eq, t.assertGeneralEq)
         assert.are.equal(t.ne, t.assertGeneralNe)
         assert.are.equal(t.assertEq, t.assertGeneralEq)
         assert.are.equal(t.assertNe, t.assertGeneralNe)
      end)

      it('eq says where tables differ', function()
         local _, message = t:eq({ a = { 1, 2 } }, { a = { 1, 3 } })
         assert.truthy(message:find('at [a][2]: 2 vs 3', 1, true), message)
      end)

      it('eq handles tables that contain themselves', function()
         local a, b = {}, {}
         a.self, b.self = a, b
         passes(t:eq(a, b))
      end)

      it('assertTableEq and assertTableNe', function()
         passes(t:assertTableEq({ 1, 2, 3 }, { 1, 2, 3 }, MESSAGE))
         fails(t:assertTableEq({ 1, 2, 3 }, { 3, 2, 1 }, MESSAGE))
         passes(t:assertTableNe({ 1, 2, 3 }, { 1, 2, 3, 4 }, MESSAGE))
         fails(t:assertTableNe({ 1, { 2 } }, { 1, { 2 } }, MESSAGE))
         assert.has_error(function() t:assertTableEq(1, {}) end, 'First argument should be a Table')
      end)

      local function good() end
      local function bad() error('muahaha!') end

      it('assertError and assertNoError', function()
         passes(t:assertError(bad, MESSAGE))
         fails(t:assertError(good, MESSAGE))
         passes(t:assertNoError(good, MESSAGE))
         local ok, message = t:assertNoError(bad, MESSAGE)
         fails(ok, message)
         assert.truthy(message:find('ERROR violation: err=', 1, true))
         assert.truthy(message:find('muahaha!', 1, true))
      end)

      it('assertErrorMsg, assertErrorPattern, assertErrorObj', function()
         local function exact() error('exact message', 0) end
         passes(t:assertErrorMsg(exact, 'exact message', MESSAGE))
         fails(t:assertErrorMsg(exact, 'exact', MESSAGE))
         fails(t:assertErrorMsg(good, 'exact message', MESSAGE))
         passes(t:assertErrorPattern(bad, 'haha', MESSAGE))
         fails(t:assertErrorPattern(bad, 'hehe', MESSAGE))
         local function object() error({ code = 7 }) end
         passes(t:assertErrorObj(object, function(e) return e.code == 7 end, MESSAGE))
         fails(t:assertErrorObj(object, function(e) return e.code == 8 end, MESSAGE))
         fails(t:assertErrorObj(good, function() return true end, MESSAGE))
      end)

      it('record failures for the report unless _failure is replaced', function()
         local tester = Tester()
         assert.is_false(tester:assert(false, 'recorded'))
         assert.is_true(tester:assert(true))
         assert.are.equal(1, #tester.failures)
         assert.truthy(tester.failures[1].message:find('recorded', 1, true))
         assert.are.equal(2, tester.countasserts)
      end)
   end)

   describe('tensor assertions', function()
      if not has_torch then
         pending('need the tensor library (libwick) to load')
         return
      end

      local t
      before_each(function()
         t = probe()
      end)

      local function tensor_eq_ne(equal, also_eq, ...)
         if equal then
            passes(t:assertTensorEq(...)); fails(t:assertTensorNe(...))
            if also_eq then passes(t:eq(...)); fails(t:ne(...)) end
         else
            fails(t:assertTensorEq(...)); passes(t:assertTensorNe(...))
            if also_eq then fails(t:eq(...)); passes(t:ne(...)) end
         end
      end

      it('compare elements within the tolerance', function()
         local a = torch.Tensor({ { 1, 2 }, { 3, 4 } })
         tensor_eq_ne(true, true, a, a:clone(), MESSAGE)
         tensor_eq_ne(false, true, a, torch.Tensor({ { 1, 2 }, { 3, 4.001 } }), MESSAGE)
         tensor_eq_ne(true, true, a, torch.Tensor({ { 1, 2 }, { 3, 4.001 } }), 0.01, MESSAGE)
         tensor_eq_ne(true, true, a, torch.Tensor({ { 1, 2 }, { 3, 4.001 } }), MESSAGE, 0.01)
         tensor_eq_ne(true, true, torch.Tensor(), torch.Tensor(), MESSAGE)
      end)

      it('read strided views element by element', function()
         local a = torch.Tensor({ { 1, 2 }, { 3, 4 } })
         tensor_eq_ne(true, true, a:t(), torch.Tensor({ { 1, 3 }, { 2, 4 } }), MESSAGE)
      end)

      it('fail for different types', function()
         tensor_eq_ne(false, true, torch.FloatTensor({ 1 }), torch.DoubleTensor({ 1 }), 1e-6, MESSAGE)
         tensor_eq_ne(false, true, torch.FloatTensor(), torch.LongTensor(), MESSAGE)
         tensor_eq_ne(true, true, torch.LongTensor({ 3, -4 }), torch.LongTensor({ 3, -4 }), MESSAGE)
      end)

      it('fail for different element counts', function()
         tensor_eq_ne(false, true, torch.Tensor({ 1, 1 }), torch.Tensor({ 1, 1, 1 }), MESSAGE)
         tensor_eq_ne(false, true, torch.Tensor(), torch.Tensor({ 1 }), MESSAGE)
      end)

      it('compare same-count tensors of different shapes in order, with a warning', function()
         local out = capture(function()
            tensor_eq_ne(true, false, torch.Tensor({ { 1, 2 } }), torch.Tensor({ 1, 2 }), MESSAGE)
         end)
         assert.truthy(out:find('but different dimensions', 1, true))
         -- eq is strict about shapes, and so is assertTensorEq when told to be
         fails(t:eq(torch.Tensor({ { 1, 2 } }), torch.Tensor({ 1, 2 }), MESSAGE))
         t._assertTensorEqIgnoresDims = false
         tensor_eq_ne(false, true, torch.Tensor({ { 1, 2 } }), torch.Tensor({ 1, 2 }), MESSAGE)
      end)

      it('report the largest difference', function()
         local _, message = t:assertTensorEq(torch.Tensor({ 1, 2, 3 }), torch.Tensor({ 1, 2, 4 }), 0, 'x')
         assert.truthy(message:find('TensorEQ(==) violation: max diff=1, tolerance=0', 1, true), message)
      end)

      it('take NaN as equal to NaN only', function()
         tensor_eq_ne(true, true, torch.Tensor({ 0 / 0, 1 }), torch.Tensor({ 0 / 0, 1 }), MESSAGE)
         tensor_eq_ne(false, true, torch.Tensor({ 0 / 0, 1 }), torch.Tensor({ 0, 1 }), MESSAGE)
      end)

      it('refuse arguments that are not tensors', function()
         local one = torch.Tensor({ 1 })
         assert.has_error(function() t:assertTensorEq(one, 2) end, 'Second argument should be a Tensor')
         assert.has_error(function() t:assertTensorEq({}, one) end, 'First argument should be a Tensor')
      end)

      it('eq compares tensors and storages inside tables', function()
         local one = torch.Tensor({ 1 })
         passes(t:eq({ 2, one }, { 2, one:clone() }, MESSAGE))
         fails(t:eq({ one }, { torch.Tensor({ 1 + 1e-10 }) }, MESSAGE))
         passes(t:eq({ one }, { torch.Tensor({ 1 + 1e-10 }) }, 1e-9, MESSAGE))
         fails(t:eq(one, 1, MESSAGE))
         passes(t:eq(torch.DoubleStorage({ 1 }), torch.DoubleStorage({ 1 }), MESSAGE))
         fails(t:eq(torch.FloatStorage({ 1 }), torch.LongStorage({ 1 }), MESSAGE))
         fails(t:eq(torch.DoubleStorage({ 1 }), torch.DoubleStorage({ 1, 2 }), MESSAGE))
      end)
   end)
end)
