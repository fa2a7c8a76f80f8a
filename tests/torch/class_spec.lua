-- torch.class: Torch7's class system. Each test gets a fresh copy of the module (its own class
-- registry) and a fresh global package table `spec_nn`; the copy everyone else requires is put
-- back afterwards, since all spec files share one Lua state.
-- luacheck: globals spec_nn, ignore 212/self

describe('torch.class', function()
   local torch
   local shared_copy

   before_each(function()
      shared_copy = package.loaded['torch.class']
      package.loaded['torch.class'] = nil
      torch = require 'torch.class'
      package.loaded['torch.class'] = shared_copy
      _G.spec_nn = {}
   end)

   after_each(function()
      _G.spec_nn = nil
   end)

   -- A three-level chain: spec_nn.Module <- spec_nn.Linear <- spec_nn.Bilinear.
   local function define_chain()
      local Module = torch.class('spec_nn.Module')
      function Module:__init()
         self.calls = { 'Module' }
         self.output = 0
      end
      function Module:forward(x)
         self.output = self:updateOutput(x)
         return self.output
      end
      function Module:updateOutput(x)
         return x
      end
      function Module:name()
         return 'module'
      end

      local Linear, linear_parent = torch.class('spec_nn.Linear', 'spec_nn.Module')
      function Linear:__init(weight)
         linear_parent.__init(self)
         self.calls[#self.calls + 1] = 'Linear'
         self.weight = weight
      end
      function Linear:updateOutput(x)
         return x * self.weight
      end

      local Bilinear, bilinear_parent = torch.class('spec_nn.Bilinear', 'spec_nn.Linear')
      function Bilinear:__init(weight, bias)
         bilinear_parent.__init(self, weight)
         self.calls[#self.calls + 1] = 'Bilinear'
         self.bias = bias
      end
      function Bilinear:updateOutput(x)
         return bilinear_parent.updateOutput(self, x) + self.bias
      end
      return Module, Linear, Bilinear, linear_parent, bilinear_parent
   end

   describe('class()', function()
      it('makes a callable constructor table that calls __init with the arguments', function()
         local Foo = torch.class('spec_nn.Foo')
         function Foo:__init(a, b)
            self.sum = a + b
         end
         local foo = spec_nn.Foo(2, 3)
         assert.are.equal(5, foo.sum)
         assert.are.equal(Foo, getmetatable(foo))
      end)

      it('constructs objects of classes without __init', function()
         torch.class('spec_nn.Plain')
         local object = spec_nn.Plain()
         assert.are.equal('spec_nn.Plain', torch.typename(object))
      end)

      it('returns the parent metatable as a second value, and only one value without a parent', function()
         local Module = torch.class('spec_nn.Module')
         local results = { torch.class('spec_nn.Child', 'spec_nn.Module') }
         assert.are.equal(2, #results)
         assert.are.equal(torch.getmetatable('spec_nn.Child'), results[1])
         assert.are.equal(Module, results[2])
         assert.are.equal(1, select('#', torch.class('spec_nn.Alone')))
      end)

      it('chains three levels, each __init calling its parent through the returned parent', function()
         define_chain()
         local b = spec_nn.Bilinear(3, 1)
         assert.are.same({ 'Module', 'Linear', 'Bilinear' }, b.calls)
         assert.are.equal(3, b.weight)
         assert.are.equal(7, b:forward(2))          -- Bilinear -> Linear -> Module.forward
         assert.are.equal(7, b.output)
         assert.are.equal('module', b:name())       -- found two levels up
         assert.are.equal(4, spec_nn.Linear(2):forward(2))
         assert.are.equal(5, spec_nn.Module():forward(5))
      end)

      it('lets a class without __init use its parent\'s', function()
         define_chain()
         torch.class('spec_nn.Tied', 'spec_nn.Linear')
         local t = spec_nn.Tied(4)
         assert.are.same({ 'Module', 'Linear' }, t.calls)
         assert.are.equal(4, t.weight)
      end)

      it('makes the metatable of a class the metatable of its parent', function()
         local Module, Linear, Bilinear = define_chain()
         assert.are.equal(Linear, getmetatable(Bilinear))
         assert.are.equal(Module, getmetatable(Linear))
         assert.is_nil(getmetatable(Module))
      end)

      it('puts a dotted name into the package named by its prefix', function()
         _G.spec_nn.sub = {}
         torch.class('spec_nn.sub.Deep')
         assert.are.equal('table', type(spec_nn.sub.Deep))
         assert.are.equal('spec_nn.sub.Deep', torch.typename(spec_nn.sub.Deep()))
         assert.is_nil(rawget(spec_nn, 'Deep'))
      end)

      it('puts a name without a dot into the global table', function()
         torch.class('SpecGlobalClass')
         finally(function() _G.SpecGlobalClass = nil end)
         assert.are.equal('SpecGlobalClass', torch.type(_G.SpecGlobalClass()))
      end)

      it('puts the constructor into a module table given as the last argument', function()
         local module = {}
         torch.class('spec_nn.Module')
         torch.class('spec_nn.InModule', module)
         torch.class('spec_nn.InModuleChild', 'spec_nn.Module', module)
         assert.is_nil(rawget(spec_nn, 'InModule'))
         assert.is_nil(rawget(spec_nn, 'InModuleChild'))
         assert.are.equal('spec_nn.InModule', torch.type(module.InModule()))
         assert.is_true(torch.isTypeOf(module.InModuleChild(), 'spec_nn.Module'))
      end)

      it('does not need the package table when a module table is given', function()
         local module = {}
         torch.class('nowhere.at.all.Thing', module)
         assert.are.equal('nowhere.at.all.Thing', torch.type(module.Thing()))
      end)
   end)

   describe('the constructor table', function()
      it('reads the class methods and writes new ones into the class', function()
         local Module = define_chain()
         assert.are.equal(Module.forward, spec_nn.Module.forward)
         assert.are.equal(Module.forward, spec_nn.Linear.forward)   -- inherited
         function spec_nn.Linear:scaled(x)
            return self.weight * x * 10
         end
         assert.are.equal(rawget(torch.getmetatable('spec_nn.Linear'), 'scaled'), spec_nn.Linear.scaled)
         assert.are.equal(60, spec_nn.Bilinear(3, 0):scaled(2))
         assert.is_nil(rawget(spec_nn.Linear, 'scaled'))
      end)

      it('calls a parent __init as spec_nn.Module.__init(self)', function()
         define_chain()
         local object = {}
         spec_nn.Module.__init(object)
         assert.are.same({ 'Module' }, object.calls)
      end)

      it('has the class metatable as its metatable, and is named after the class', function()
         local Module = define_chain()
         assert.are.equal(Module, getmetatable(spec_nn.Module))
         assert.are.equal('spec_nn.Module', torch.typename(spec_nn.Module))
         assert.are.equal(spec_nn.Module, torch.getconstructortable('spec_nn.Module'))
      end)

      it('is also reachable as the metatable\'s new', function()
         local _, Linear = define_chain()
         local l = Linear.new(5)
         assert.are.equal(5, l.weight)
         assert.are.equal(Linear, getmetatable(l))
      end)
   end)

   describe('typename() and type()', function()
      it('name Torch objects by class', function()
         define_chain()
         local b = spec_nn.Bilinear(1, 1)
         assert.are.equal('spec_nn.Bilinear', torch.typename(b))
         assert.are.equal('spec_nn.Bilinear', torch.type(b))
         assert.are.equal('spec_nn.Bilinear', b.__typename)
      end)

      it('give nil and the Lua type for everything else', function()
         for _, value in ipairs({ {}, 3, 'text', true, print, setmetatable({}, {}) }) do
            assert.is_nil(torch.typename(value))
            assert.are.equal(type(value), torch.type(value))
         end
         assert.is_nil(torch.typename(nil))
         assert.are.equal('nil', torch.type(nil))
      end)

      it('ask the cdata_typename hook about cdata values', function()
         local ffi = require 'ffi'
         local c = ffi.new('int[1]')
         assert.is_nil(torch.typename(c))
         assert.are.equal('cdata', torch.type(c))
         torch.cdata_typename = function(value)
            if ffi.istype('int[1]', value) then
               return 'torch.IntThing'
            end
         end
         assert.are.equal('torch.IntThing', torch.typename(c))
         assert.are.equal('torch.IntThing', torch.type(c))
         assert.are.equal('cdata', torch.type(ffi.new('double[1]')))
      end)
   end)

   describe('getmetatable() and register()', function()
      it('return the class metatable by name, nil for unknown names', function()
         local Module = define_chain()
         assert.are.equal(Module, torch.getmetatable('spec_nn.Module'))
         assert.is_nil(torch.getmetatable('spec_nn.Nothing'))
      end)

      it('reject names that are not strings', function()
         assert.has_error(function() torch.getmetatable(3) end,
            "bad argument #1 to 'getmetatable' (string expected, got number)")
      end)

      it('register a metatable made elsewhere, such as an FFI type\'s method table', function()
         local methods = { size = function() return 3 end }
         assert.are.equal(methods, torch.register('torch.SpecTensor', methods))
         assert.are.equal(methods, torch.getmetatable('torch.SpecTensor'))
         assert.are.equal('torch.SpecTensor', methods.__typename)
         assert.is_nil(torch.factory('torch.SpecTensor'))
         local object = setmetatable({}, methods)
         assert.are.equal('torch.SpecTensor', torch.type(object))
         assert.are.equal(methods, torch.register('torch.SpecTensor', methods))   -- again: fine
      end)

      it('keep an existing __typename and refuse a second metatable for a name', function()
         local methods = { __typename = 'kept' }
         torch.register('torch.SpecOther', methods)
         assert.are.equal('kept', methods.__typename)
         assert.has_error(function() torch.register('torch.SpecOther', {}) end,
            'register: class torch.SpecOther is already registered with another metatable')
      end)

      it('let isTypeOf and typename see cdata registered through the hook', function()
         local ffi = require 'ffi'
         torch.class('spec_nn.Module')
         torch.register('torch.SpecFloat', {})
         torch.cdata_typename = function() return 'torch.SpecFloat' end
         local c = ffi.new('float[1]')
         assert.is_true(torch.isTypeOf(c, 'torch.SpecFloat'))
         assert.is_true(torch.isTypeOf(c, 'torch.*Float'))
         assert.is_false(torch.isTypeOf(c, 'spec_nn.Module'))
      end)
   end)

   describe('isTypeOf()', function()
      it('is true for the class and every ancestor, false for other classes', function()
         define_chain()
         torch.class('spec_nn.Other', 'spec_nn.Module')
         local b = spec_nn.Bilinear(1, 1)
         assert.is_true(torch.isTypeOf(b, 'spec_nn.Bilinear'))
         assert.is_true(torch.isTypeOf(b, 'spec_nn.Linear'))
         assert.is_true(torch.isTypeOf(b, 'spec_nn.Module'))
         assert.is_false(torch.isTypeOf(b, 'spec_nn.Other'))
         assert.is_false(torch.isTypeOf(spec_nn.Linear(1), 'spec_nn.Bilinear'))
      end)

      it('takes constructor tables and class metatables', function()
         local Module, Linear, Bilinear = define_chain()
         local l = spec_nn.Linear(1)
         assert.is_true(torch.isTypeOf(l, spec_nn.Module))
         assert.is_true(torch.isTypeOf(l, spec_nn.Linear))
         assert.is_false(torch.isTypeOf(l, spec_nn.Bilinear))
         assert.is_true(torch.isTypeOf(l, Module))
         assert.is_true(torch.isTypeOf(l, Linear))
         assert.is_false(torch.isTypeOf(l, Bilinear))
      end)

      it('matches patterns, but a plain name only as a whole name', function()
         define_chain()
         local l = spec_nn.Linear(1)
         assert.is_true(torch.isTypeOf(l, 'spec_nn%..*'))
         assert.is_true(torch.isTypeOf(l, '^spec_nn%.Lin'))
         assert.is_false(torch.isTypeOf(l, 'Linear'))        -- matches itself, not the whole name
         assert.is_false(torch.isTypeOf(l, 'spec_nn.Lin'))
      end)

      it('is false for values that are not Torch objects', function()
         define_chain()
         assert.is_false(torch.isTypeOf({}, 'spec_nn.Module'))
         assert.is_false(torch.isTypeOf(3, 'spec_nn.Module'))
         assert.is_false(torch.isTypeOf(nil, 'spec_nn.Module'))
      end)

      it('rejects a type that is neither a string nor a class', function()
         assert.has_error(function() torch.isTypeOf({}, {}) end,
            'type must be provided as [regexp] string, or factory')
         assert.has_error(function() torch.isTypeOf({}, 3) end,
            'type must be provided as [regexp] string, or factory')
      end)
   end)

   describe('operators on objects', function()
      local Vec

      before_each(function()
         Vec = torch.class('spec_nn.Vec')
         function Vec:__init(x)
            self.x = x
         end
         local function value(v)
            return type(v) == 'number' and v or v.x
         end
         function Vec.__add__(a, b) return spec_nn.Vec(value(a) + value(b)) end
         function Vec.__sub__(a, b) return spec_nn.Vec(value(a) - value(b)) end
         function Vec.__mul__(a, b) return spec_nn.Vec(value(a) * value(b)) end
         function Vec.__div__(a, b) return spec_nn.Vec(value(a) / value(b)) end
         function Vec.__mod__(a, b) return spec_nn.Vec(value(a) % value(b)) end
         function Vec.__pow__(a, b) return spec_nn.Vec(value(a) ^ value(b)) end
         function Vec.__unm__(a) return spec_nn.Vec(-a.x) end
         function Vec.__concat__(a, b) return tostring(a) .. '|' .. tostring(b) end
         function Vec.__eq__(a, b) return a.x == b.x end
         function Vec.__lt__(a, b) return a.x < b.x end
         function Vec.__le__(a, b) return a.x <= b.x end
         function Vec:__call__(y) return self.x + y end
         function Vec:__tostring__() return 'Vec(' .. self.x .. ')' end
         function Vec:__len__() return 1 end
      end)

      it('dispatch arithmetic to __add__, __sub__, ... with numbers on either side', function()
         local a, b = spec_nn.Vec(6), spec_nn.Vec(4)
         assert.are.equal(10, (a + b).x)
         assert.are.equal(2, (a - b).x)
         assert.are.equal(24, (a * b).x)
         assert.are.equal(1.5, (a / b).x)
         assert.are.equal(2, (a % b).x)
         assert.are.equal(36, (a ^ 2).x)
         assert.are.equal(-6, (-a).x)
         assert.are.equal(7, (1 + a).x)
         assert.are.equal(4, (10 - a).x)
      end)

      it('dispatch comparisons, concatenation, calls and tostring', function()
         local a, b = spec_nn.Vec(1), spec_nn.Vec(2)
         assert.is_true(a == spec_nn.Vec(1))
         assert.is_false(a == b)
         assert.is_true(a < b)
         assert.is_true(b <= spec_nn.Vec(2))
         assert.is_false(b < a)
         assert.are.equal('Vec(1)|Vec(2)', a .. b)
         assert.are.equal('x|Vec(1)', 'x' .. a)
         assert.are.equal(11, a(10))
         assert.are.equal('Vec(1)', tostring(a))
      end)

      it('keep working for subclasses, and a subclass may override', function()
         local Vec3 = torch.class('spec_nn.Vec3', 'spec_nn.Vec')
         local v = spec_nn.Vec3(2)
         assert.are.equal('Vec(2)', tostring(v))
         assert.are.equal(5, (v + 3).x)
         assert.are.equal(12, v(10))
         function Vec3:__tostring__() return 'Vec3(' .. self.x .. ')' end
         assert.are.equal('Vec3(2)', tostring(v))
         assert.are.equal('Vec(2)', tostring(spec_nn.Vec(2)))
      end)

      it('give the class name as the default tostring and identity as the default ==', function()
         torch.class('spec_nn.Bare')
         local a, b = spec_nn.Bare(), spec_nn.Bare()
         assert.are.equal('spec_nn.Bare', tostring(a))
         assert.is_true(a == a)
         assert.is_false(a == b)
      end)

      it('raise Torch7\'s messages for missing operators', function()
         torch.class('spec_nn.Bare')
         local a = spec_nn.Bare()
         assert.has_error(function() return a + 1 end, 'both spec_nn.Bare and number have no addition operator')
         assert.has_error(function() return 2 * a end, 'both number and spec_nn.Bare have no multiplication operator')
         assert.has_error(function() return a < a end, 'both spec_nn.Bare and spec_nn.Bare have no less-than operator')
         assert.has_error(function() return -a end, 'spec_nn.Bare has no negation operator')
         assert.has_error(function() return a() end, 'spec_nn.Bare has no call operator')
         assert.has_error(function() return a .. 'x' end, 'both spec_nn.Bare and string have no concat operator')
      end)

      it('point operator errors at the line that applied the operator', function()
         torch.class('spec_nn.Bare')
         local a = spec_nn.Bare()
         local ok, message = pcall(function() return a + 1 end)
         assert.is_false(ok)
         assert.truthy(message:find('class_spec.lua:%d+: both'))
      end)

      it('honour a plain Lua metamethod that an ancestor class defines', function()
         local Base = torch.class('spec_nn.PlainBase')
         function Base:__tostring() return 'plain ' .. self.n end
         function Base.__add(a, b) return a.n + b end
         function Base:__init(n) self.n = n end
         torch.class('spec_nn.PlainChild', 'spec_nn.PlainBase')
         assert.are.equal('plain 1', tostring(spec_nn.PlainBase(1)))
         assert.are.equal('plain 2', tostring(spec_nn.PlainChild(2)))
         assert.are.equal(5, spec_nn.PlainChild(2) + 3)
      end)
   end)

   describe('factory()', function()
      it('makes an empty object of the class without calling __init', function()
         define_chain()
         local make = torch.factory('spec_nn.Bilinear')
         local object = make()
         assert.are.equal('spec_nn.Bilinear', torch.type(object))
         assert.is_nil(object.calls)
         assert.is_nil(next(object))
         assert.are.equal('module', object:name())   -- methods work on it
         assert.are.equal(make, rawget(torch.getmetatable('spec_nn.Bilinear'), '__factory'))
      end)

      it('gives nil for unknown names', function()
         assert.is_nil(torch.factory('spec_nn.Unknown'))
      end)
   end)

   describe('setmetatable()', function()
      it('turns a table into an object of a class, even over a protected metatable', function()
         define_chain()
         local object = { weight = 2, bias = 1, calls = {} }
         assert.are.equal(object, torch.setmetatable(object, 'spec_nn.Linear'))
         assert.are.equal(6, object:forward(3))
         torch.setmetatable(object, 'spec_nn.Bilinear')
         assert.are.equal(7, object:forward(3))
         assert.has_error(function() setmetatable(object, nil) end)    -- __metatable protects it
      end)

      it('refuses unknown class names', function()
         assert.has_error(function() torch.setmetatable({}, 'spec_nn.Nope') end, 'unknown typename spec_nn.Nope')
      end)
   end)

   describe('__index__ and __newindex__', function()
      it('let a class answer for missing keys and intercept new ones', function()
         local Bag = torch.class('spec_nn.Bag')
         function Bag:__init()
            rawset(self, 'stored', {})
         end
         function Bag:method()
            return 'method'
         end
         function Bag:__index__(key)
            if type(key) == 'number' then
               return key * 2, true
            end
            return false
         end
         function Bag:__newindex__(key, value)
            if type(key) == 'number' then
               self.stored[key] = value
               return true
            end
            return false
         end
         local bag = spec_nn.Bag()
         assert.are.equal(14, bag[7])
         assert.are.equal('method', bag:method())
         assert.is_nil(bag.missing)
         bag[1] = 'one'
         assert.is_nil(rawget(bag, 1))
         assert.are.equal('one', bag.stored[1])
         bag.name = 'kept'
         assert.are.equal('kept', rawget(bag, 'name'))
      end)

      it('are inherited, and do not disturb defining methods on subclasses', function()
         local Bag = torch.class('spec_nn.Bag2')
         function Bag:__index__(key)
            if key == 'magic' then
               return 42, true
            end
            return false
         end
         local Sub = torch.class('spec_nn.SubBag', 'spec_nn.Bag2')
         assert.are.equal(42, spec_nn.Bag2().magic)
         function Sub:extra() return 'extra' end
         local s = spec_nn.SubBag()
         assert.are.equal(42, s.magic)
         assert.are.equal('extra', s:extra())
         assert.is_nil(rawget(Sub, 'magic'))
      end)
   end)

   describe('version()', function()
      it('is 1 unless the class sets __version', function()
         local Module = define_chain()
         assert.are.equal(1, torch.version(spec_nn.Module()))
         Module.__version = 3
         assert.are.equal(3, torch.version(spec_nn.Module()))
         assert.is_nil(torch.version({}))
      end)
   end)

   describe('newmetatable()', function()
      it('registers a class with the given constructor and factory', function()
         local made = 0
         local mt
         mt = torch.newmetatable('spec_nn.Raw', nil,
            function(n) made = made + 1; return setmetatable({ n = n }, mt) end,
            nil,
            function() return setmetatable({}, mt) end)
         assert.are.equal(mt, torch.getmetatable('spec_nn.Raw'))
         local raw = spec_nn.Raw(4)
         assert.are.equal(4, raw.n)
         assert.are.equal(1, made)
         assert.are.equal('spec_nn.Raw', torch.type(torch.factory('spec_nn.Raw')()))
      end)

      it('makes a constructor table that says so when it has no constructor', function()
         torch.newmetatable('spec_nn.NoNew')
         assert.has_error(function() spec_nn.NoNew() end, 'no constructor available')
      end)

      it('checks its argument types', function()
         assert.has_error(function() torch.newmetatable('spec_nn.Bad', 3) end,
            "bad argument #2 to 'newmetatable' (parent class name or nil expected)")
         assert.has_error(function() torch.newmetatable('spec_nn.Bad', nil, 'no') end,
            "bad argument #3 to 'newmetatable' (constructor function or nil expected)")
         assert.has_error(function() torch.newmetatable('spec_nn.Bad', nil, nil, nil, nil, 'no') end,
            "bad argument #6 to 'newmetatable' (module table or nil expected)")
      end)
   end)

   describe('errors', function()
      it('refuse to give a class a parent twice, even the same parent (as Torch7)', function()
         define_chain()
         assert.has_error(function() torch.class('spec_nn.Linear', 'spec_nn.Module') end,
            'class spec_nn.Linear has been already assigned a parent class')
         torch.class('spec_nn.Other')
         assert.has_error(function() torch.class('spec_nn.Linear', 'spec_nn.Other') end,
            'class spec_nn.Linear has been already assigned a parent class')
      end)

      it('refuse to define a class without a parent twice', function()
         torch.class('spec_nn.Once')
         assert.has_error(function() torch.class('spec_nn.Once') end,
            'spec_nn.Once has been already assigned a factory')
         assert.has_error(function() torch.class('spec_nn.Once', 'spec_nn.Once') end)
      end)

      it('name an unknown parent and register nothing', function()
         assert.has_error(function() torch.class('spec_nn.Orphan', 'spec_nn.Missing') end,
            'bad argument #2 (invalid parent class name spec_nn.Missing)')
         assert.is_nil(torch.getmetatable('spec_nn.Orphan'))
         assert.is_nil(rawget(spec_nn, 'Orphan'))
         torch.class('spec_nn.Missing')
         torch.class('spec_nn.Orphan', 'spec_nn.Missing')   -- now it works
         assert.is_true(torch.isTypeOf(spec_nn.Orphan(), 'spec_nn.Missing'))
      end)

      it('name a package that does not exist', function()
         assert.has_error(function() torch.class('spec_nowhere.Foo') end,
            'while creating metatable spec_nowhere.Foo: bad argument #1 (spec_nowhere is an invalid module name)')
         assert.has_error(function() torch.class('spec_nn.nowhere.Foo') end,
            'while creating metatable spec_nn.nowhere.Foo: bad argument #1 (spec_nn.nowhere is an invalid module name)')
         assert.is_nil(torch.getmetatable('spec_nowhere.Foo'))
      end)

      it('explain the arguments torch.class takes', function()
         local message = '<class name> [<parent class name>] [<module table>] expected'
         assert.has_error(function() torch.class() end, message)
         assert.has_error(function() torch.class(3) end, message)
         assert.has_error(function() torch.class('spec_nn.A', 3) end, message)
         assert.has_error(function() torch.class('spec_nn.A', 'spec_nn.B', 'spec_nn.C') end, message)
      end)

      it('point at the caller\'s line', function()
         torch.class('spec_nn.Once')
         local ok, message = pcall(function() torch.class('spec_nn.Once') end)
         assert.is_false(ok)
         assert.truthy(message:find('class_spec.lua:%d+: spec_nn.Once has been'))
      end)
   end)
end)
