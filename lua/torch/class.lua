--[[ torch.class — Torch7's class system, in plain Lua (no FFI).

A class is a metatable registered under a name such as 'nn.Linear'. Objects are plain tables whose
metatable is the class metatable, and a class metatable's own metatable is its parent's, so a
method missing from a class is looked up in its parent, then its grandparent, and so on:

   local Foo, parent = torch.class('nn.Foo', 'nn.Module')
   function Foo:__init(n)
      parent.__init(self)            -- the parent's initializer, on this object
      self.n = n
   end
   function Foo:__tostring__() return 'nn.Foo(' .. self.n .. ')' end

   local foo = nn.Foo(3)             -- nn.Foo is the constructor table; it calls Foo.__init
   torch.type(foo)                   -- 'nn.Foo'
   torch.isTypeOf(foo, 'nn.Module')  -- true
   print(foo)                        -- nn.Foo(3)

The functions (init.lua installs them into the global `torch` table):
   M.class(name [, parentName] [, module])  -> metatable [, parent metatable]
   M.newmetatable(name, parentName, constructor, destructor, factory, module) -> metatable
   M.getmetatable(name)          the class metatable registered under name, or nil
   M.register(name, metatable)   registers a table made elsewhere (the FFI Tensor/Storage method
                                 tables) under name; sets its __typename if it has none
   M.typename(obj)               the class name of obj, or nil if obj is not a Torch object
   M.type(obj)                   M.typename(obj) or Lua's type(obj)
   M.isTypeOf(obj, spec)         whether obj's class or an ancestor matches spec (a name, a
                                 string.find pattern, a constructor table or a class metatable)
   M.factory(name)               function() -> a new empty object, __init not called; or nil
   M.setmetatable(tbl, name)     gives tbl the class metatable (even over a protected one)
   M.getconstructortable(name)   the constructor table (nn.Linear for 'nn.Linear'), or nil
   M.version(obj)                the __version field of obj's class (1 unless set)
   M.cdata_typename              hook, nil until the Tensor code sets it: function(cdata) returning
                                 the class name of an FFI object (or nil). typename/type/isTypeOf/
                                 version call it for cdata values.

What a class metatable holds, as in Torch7's luaT:
   __typename     the class name              __version      1 (serialization writes it)
   __index        the metatable itself (a function instead once the class defines __index__)
   __metatable    the metatable itself: getmetatable(obj) returns it, setmetatable(obj) refuses
   __factory      the factory                 __constructor  the constructor table
   new            the constructor function
   __tostring __call __add __sub __mul __div __mod __pow __unm __concat __len __eq __lt __le:
                  dispatchers. Torch7 classes define __tostring__, __call__, __add__ ... (two
                  trailing underscores); the dispatcher finds the nearest one up the class chain
                  and calls it. With none: __tostring gives the class name, __eq compares
                  identity, the others raise "... has no ... operator".

The constructor table (nn.Foo) is callable, reads methods from the class (nn.Foo.forward) and
writes into it (function nn.Foo:extra() end defines a method); getmetatable(nn.Foo) is the class
metatable. It goes into the table named by the prefix of the name ('nn' for 'nn.Foo', 'a.b' for
'a.b.C', the global table for 'Foo'), which must already exist, or into the module table given.

Objects whose class defines __index__ or __newindex__ get Torch7's hooks: __index__(self, key)
returns value, true when it handles the key (false otherwise); __newindex__(self, key, value)
returns true when it handled the assignment, else the value is stored in the object. Whether a
class has them is checked each time one of its objects is made (constructor, factory,
setmetatable), so define them before making objects.

The registry lives in this module: every class must be made through the same loaded copy.

Where Wick differs from Torch7, on purpose:
 - A dispatcher also honours a plain metamethod (function Foo:__tostring() ... end) that an
   ancestor class defines, so a subclass inherits it; in Torch7 only the __name__ forms are.
 - isTypeOf(obj, Foo) with Foo the metatable torch.class returned means class Foo. (Torch7 read
   getmetatable(Foo).__typename, which is Foo's parent.)
 - A failing torch.class call changes nothing (Torch7 could leave a half-made class behind).
 - Error messages for operators name Lua types ('number') where Torch7 printed '(null)'.
Like Torch7 on LuaJIT, #obj never reaches __len__ for table objects: Lua 5.1 ignores __len on
tables.
]]

local M = {}

local metatables = {}   -- class name -> class metatable
local names = {}        -- class metatable -> class name

-- Looks up a global the way Torch7 did (lua_getglobal): in the table of globals.
local globals = _G

local function arg_error(n, fname, message, level)
   error(string.format("bad argument #%d to '%s' (%s)", n, fname, message), level + 1)
end

local function check_name(name, fname)
   if type(name) ~= 'string' then
      arg_error(1, fname, 'string expected, got ' .. type(name), 3)
   end
end

-- The class metatable of a Torch object, or nil.
local function class_of(obj)
   local kind = type(obj)
   if kind == 'table' or kind == 'userdata' then
      local mt = getmetatable(obj)
      if mt ~= nil and names[mt] then
         return mt
      end
   elseif kind == 'cdata' then
      local hook = M.cdata_typename
      local name = hook and hook(obj)
      return name and metatables[name]
   end
   return nil
end

function M.typename(obj)
   if type(obj) == 'cdata' then
      local hook = M.cdata_typename
      return hook and hook(obj) or nil
   end
   local mt = class_of(obj)
   return mt and names[mt]
end

function M.type(obj)
   return M.typename(obj) or type(obj)
end

function M.getmetatable(name)
   check_name(name, 'getmetatable')
   return metatables[name]
end

function M.factory(name)
   check_name(name, 'factory')
   local mt = metatables[name]
   return mt and rawget(mt, '__factory')
end

function M.getconstructortable(name)
   check_name(name, 'getconstructortable')
   local mt = metatables[name]
   return mt and rawget(mt, '__constructor')
end

function M.version(obj)
   local mt = class_of(obj)
   return mt and rawget(mt, '__version')
end

function M.register(name, mt)
   check_name(name, 'register')
   if type(mt) ~= 'table' then
      arg_error(2, 'register', 'table expected, got ' .. type(mt), 2)
   end
   local old = metatables[name]
   if old ~= nil and old ~= mt then
      error(string.format('register: class %s is already registered with another metatable', name), 2)
   end
   metatables[name] = mt
   names[mt] = name
   if rawget(mt, '__typename') == nil then
      rawset(mt, '__typename', name)
   end
   return mt
end

-- isTypeOf: Torch7 matches each class name up the chain against spec as a string.find pattern,
-- but when the match is spec itself (a plain name, no pattern magic used) it must be the whole
-- class name: 'nn.Module' matches nn.Module only, 'Module' matches nothing, 'nn%..*' any nn class.
local function name_matches(name, spec)
   local found = name:match(spec)
   return found ~= nil and (found ~= spec or found == name)
end

function M.isTypeOf(obj, spec)
   if type(spec) ~= 'string' then
      local name = type(spec) == 'table' and (names[spec] or names[getmetatable(spec)])
      if type(name) ~= 'string' then
         error('type must be provided as [regexp] string, or factory', 2)
      end
      spec = name
   end
   local name = M.typename(obj)
   local mt = name and metatables[name]
   while name ~= nil do
      if name_matches(name, spec) then
         return true
      end
      mt = mt and getmetatable(mt)
      name = type(mt) == 'table' and names[mt] or nil
   end
   return false
end

-- Operator dispatch ------------------------------------------------------------------------------

local dispatchers = {}   -- set of the dispatch functions below

-- The nearest handler for an operator, starting at class metatable mt and going up the chain: at
-- each level first Torch7's __op__, then a plain __op that is not one of our dispatchers.
local function find_handler(mt, torch_key, lua_key)
   while type(mt) == 'table' do
      local handler = rawget(mt, torch_key)
      if handler ~= nil then
         return handler
      end
      handler = rawget(mt, lua_key)
      if handler ~= nil and not dispatchers[handler] then
         return handler
      end
      mt = getmetatable(mt)
   end
   return nil
end

local function unary_dispatcher(op, on_missing)
   local torch_key, lua_key = '__' .. op .. '__', '__' .. op
   local function dispatch(self, ...)
      local handler = find_handler(getmetatable(self), torch_key, lua_key)
      if handler == nil then
         return on_missing(self, ...)
      end
      return handler(self, ...)
   end
   dispatchers[dispatch] = true
   return dispatch
end

-- A binary operator uses the first operand's class when it has one, else the second's.
local function binary_dispatcher(op, on_missing)
   local torch_key, lua_key = '__' .. op .. '__', '__' .. op
   local function dispatch(a, b)
      local mt = getmetatable(a)
      if mt == nil or not names[mt] then
         mt = getmetatable(b)
      end
      local handler = find_handler(mt, torch_key, lua_key)
      if handler == nil then
         return on_missing(a, b)
      end
      return handler(a, b)
   end
   dispatchers[dispatch] = true
   return dispatch
end

-- The dispatchers tail-call these, so level 2 is the code that applied the operator.
local function no_binary(word)
   return function(a, b)
      error(string.format('both %s and %s have no %s operator', M.type(a), M.type(b), word), 2)
   end
end

local function no_unary(word)
   return function(self)
      error(string.format('%s has no %s operator', M.type(self), word), 2)
   end
end

local operators = {
   __tostring = unary_dispatcher('tostring', function(self) return M.type(self) end),
   __call = unary_dispatcher('call', no_unary('call')),
   __unm = unary_dispatcher('unm', no_unary('negation')),
   __len = unary_dispatcher('len', no_unary('length')),
   __add = binary_dispatcher('add', no_binary('addition')),
   __sub = binary_dispatcher('sub', no_binary('substraction')),
   __mul = binary_dispatcher('mul', no_binary('multiplication')),
   __div = binary_dispatcher('div', no_binary('division')),
   __mod = binary_dispatcher('mod', no_binary('modulo')),
   __pow = binary_dispatcher('pow', no_binary('power')),
   __concat = binary_dispatcher('concat', no_binary('concat')),
   __eq = binary_dispatcher('eq', rawequal),
   __lt = binary_dispatcher('lt', no_binary('less-than')),
   __le = binary_dispatcher('le', no_binary('less-equal')),
}

-- __index__ / __newindex__ hooks ----------------------------------------------------------------
-- Plain method lookup goes through __index = the metatable itself, a chain of tables that the
-- JIT follows quickly. Only a class that defines __index__ or __newindex__ (rare for Lua classes)
-- gets the slower function versions below, switched on when one of its objects is made. A class
-- metatable looking up an inherited method passes through its parent's __index too; the hooks are
-- for objects, so they are skipped for class metatables.

local function index_with_hook(self, key)
   local mt = getmetatable(self)
   if not names[self] then
      local hook = mt.__index__
      if hook ~= nil then
         local value, handled = hook(self, key)
         if handled then
            return value
         end
      end
   end
   return mt[key]
end

local function newindex_with_hook(self, key, value)
   if not names[self] then
      local hook = getmetatable(self).__newindex__
      if hook ~= nil and hook(self, key, value) then
         return
      end
   end
   rawset(self, key, value)
end

local function install_hooks(mt)
   if rawget(mt, '__index') == mt and mt.__index__ ~= nil then
      rawset(mt, '__index', index_with_hook)
   end
   if rawget(mt, '__newindex') == nil and mt.__newindex__ ~= nil then
      rawset(mt, '__newindex', newindex_with_hook)
   end
end

local function new_object(mt)
   install_hooks(mt)
   return setmetatable({}, mt)
end

function M.setmetatable(tbl, name)
   check_name(name, 'setmetatable')
   if type(tbl) ~= 'table' then
      error(string.format("bad argument #1 to 'setmetatable' (table expected, got %s)", type(tbl)), 2)
   end
   local mt = metatables[name]
   if mt == nil then
      error('unknown typename ' .. name, 2)
   end
   install_hooks(mt)
   -- debug.setmetatable, as luaT's lua_setmetatable, also replaces a protected metatable.
   debug.setmetatable(tbl, mt)
   return tbl
end

-- Class creation ---------------------------------------------------------------------------------

-- The table that receives the constructor table of class `name` when no module is given.
local function home_table(name, level)
   local prefix = name:match('^(.*)%.[^.]*$')
   if prefix == nil then
      return globals
   end
   local home = globals
   local walked = nil
   for part in prefix:gmatch('[^.]+') do
      walked = walked and walked .. '.' .. part or part
      home = home[part]
      if type(home) ~= 'table' then
         error(string.format('while creating metatable %s: bad argument #1 (%s is an invalid module name)',
            name, walked), level + 1)
      end
   end
   return home
end

local function new_class_metatable(name)
   local mt = {}
   for key, dispatch in pairs(operators) do
      mt[key] = dispatch
   end
   mt.__index = mt
   mt.__typename = name
   mt.__version = 1
   mt.__metatable = mt
   metatables[name] = mt
   names[mt] = name
   return mt
end

local function new_constructor_table(mt)
   local meta = {
      __index = mt,
      __newindex = function(_, key, value) rawset(mt, key, value) end,
      __metatable = mt,
   }
   meta.__call = function(_, ...)
      local new = meta.__new
      if new == nil then
         error('no constructor available', 2)
      end
      return new(...)
   end
   local ctor = setmetatable({}, meta)
   rawset(mt, '__constructor', ctor)
   return ctor, meta
end

-- Torch7's luaT_newmetatable. `level` is where errors point, counted from this function.
local function define(name, parent_name, constructor, destructor, factory, module, level)
   if module == nil then
      module = home_table(name, level + 1)
   end

   -- Every check comes before the first change, so a failing call leaves nothing behind.
   local mt = metatables[name]
   local parent
   if parent_name ~= nil then
      if mt ~= nil and getmetatable(mt) ~= nil then
         error(string.format('class %s has been already assigned a parent class', name), level + 1)
      end
      parent = metatables[parent_name]
      if parent == nil then
         error(string.format('bad argument #2 (invalid parent class name %s)', parent_name), level + 1)
      end
   end
   if mt ~= nil then
      if destructor ~= nil and rawget(mt, '__gc') ~= nil then
         error(name .. ' has been already assigned a destructor', level + 1)
      end
      if factory ~= nil and rawget(mt, '__factory') ~= nil then
         error(name .. ' has been already assigned a factory', level + 1)
      end
      local ctor = rawget(mt, '__constructor')
      if constructor ~= nil and ctor ~= nil and debug.getmetatable(ctor).__new ~= nil then
         error(name .. ' has been already assigned a constructor', level + 1)
      end
   end

   mt = mt or new_class_metatable(name)
   if parent ~= nil then
      setmetatable(mt, parent)
   end
   if destructor ~= nil then
      rawset(mt, '__gc', destructor)
   end
   if factory ~= nil then
      rawset(mt, '__factory', factory)
   end
   local ctor = rawget(mt, '__constructor')
   local ctor_meta
   if ctor == nil then
      ctor, ctor_meta = new_constructor_table(mt)
   else
      ctor_meta = debug.getmetatable(ctor)
   end
   if constructor ~= nil then
      ctor_meta.__new = constructor
      rawset(mt, 'new', constructor)
   end
   module[name:match('[^.]*$')] = ctor
   return mt
end

function M.newmetatable(name, parent_name, constructor, destructor, factory, module)
   check_name(name, 'newmetatable')
   local expected = {
      [2] = { parent_name, 'string', 'parent class name or nil expected' },
      [3] = { constructor, 'function', 'constructor function or nil expected' },
      [4] = { destructor, 'function', 'destructor function or nil expected' },
      [5] = { factory, 'function', 'factory function or nil expected' },
      [6] = { module, 'table', 'module table or nil expected' },
   }
   for n = 2, 6 do
      local value, kind, message = unpack(expected[n])
      if value ~= nil and type(value) ~= kind then
         arg_error(n, 'newmetatable', message, 2)
      end
   end
   return define(name, parent_name, constructor, destructor, factory, module, 2)
end

-- torch.class(name), (name, parentName), (name, module) or (name, parentName, module).
function M.class(...)
   local count = select('#', ...)
   local name, second, third = ...
   local parent_name, module
   if type(name) ~= 'string' then
      count = -1
   end
   if count == 3 and type(second) == 'string' and type(third) == 'table' then
      parent_name, module = second, third
   elseif count == 2 and type(second) == 'string' then
      parent_name = second
   elseif count == 2 and type(second) == 'table' then
      module = second
   elseif count ~= 1 then
      error('<class name> [<parent class name>] [<module table>] expected', 2)
   end

   local mt
   local function constructor(...)
      local self = new_object(mt)
      if self.__init then
         self:__init(...)
      end
      return self
   end
   local function factory()
      return new_object(mt)
   end
   mt = define(name, parent_name, constructor, nil, factory, module, 2)
   if parent_name ~= nil then
      return mt, metatables[parent_name]
   end
   return mt
end

return M
