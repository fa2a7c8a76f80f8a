--[[ wick.help — documentation at the prompt: `?torch.cat`, `help(torch.mm)`, `help(nn.Linear)`.

   local help = require 'wick.help'
   help(x)                     prints the documentation of x (a value, or a name such as
                               'torch.cat'); help() prints how to use the REPL
   help.text(x [, label]) -> text, or nil and "no documentation for <label>"
   help.add(names, text)       documents the value(s) a name (or list of names) leads to, e.g.
                               help.add({'mylib.f', 'mylib.g'}, 'mylib.f(x)\n\nWhat it does.')

Where text comes from, first found:
 1. this registry: entries below for the tensor constructors and the main torch functions, and
    whatever help.add() registered. An entry is found by name, and by value: the function a
    registered name leads to when help is asked (so help(torch.cat) finds 'torch.cat');
 2. a torch class (a constructor such as nn.Linear, or one of its objects): the comment block
    at the top of the file that defines it (found as the module of the same name: 'nn.Linear'
    is nn/Linear.lua), which Wick's nn files start with;
 3. a Lua function: the comment lines right above the line where it is defined;
 4. otherwise "no documentation for X".
The entries are written for Wick from Torch7's documented behaviour; Wick's own files state what
differs.
]]

local M = {}

local entries = {}           -- name -> text
local order = {}             -- names in the order they were added

function M.add(names, text)
   if type(names) == 'string' then
      names = { names }
   end
   assert(type(names) == 'table' and type(text) == 'string', 'help.add(names, text)')
   for _, name in ipairs(names) do
      if entries[name] == nil then
         order[#order + 1] = name
      end
      entries[name] = text
   end
end

-- The value a dotted name leads to from the globals, reading fields only; nil if none.
local function resolve(name)
   local value = _G
   for part in (name .. '.'):gmatch('([^.]*)%.') do
      if not part:match('^[%a_][%w_]*$') then
         return nil
      end
      local t = type(value)
      if t ~= 'table' and t ~= 'cdata' then
         return nil
      end
      local ok, v = pcall(function() return value[part] end)
      if not ok or v == nil then
         return nil
      end
      value = v
   end
   return value
end

-- The registered name whose value is v (functions and tables only; numbers or strings could
-- match by accident).
local function name_of(v)
   local kind = type(v)
   if kind ~= 'function' and kind ~= 'table' then
      return nil
   end
   for _, name in ipairs(order) do
      if rawequal(resolve(name), v) then
         return name
      end
   end
   return nil
end

local function read_lines(path)
   local f = io.open(path, 'rb')
   if not f then
      return nil
   end
   local lines = {}
   for line in f:lines() do
      lines[#lines + 1] = line
   end
   f:close()
   return lines
end

-- The comment block that opens a file: a --[[ ... ]] block, or the leading -- lines.
local function file_comment(path)
   local lines = read_lines(path)
   if not lines or #lines == 0 then
      return nil
   end
   local first = 1
   if lines[1]:match('^#') then
      first = 2
   end
   local head = lines[first] or ''
   local opening = head:match('^%-%-%[(=*)%[')
   if opening then
      local close = ']' .. opening .. ']'
      local out = { (head:gsub('^%-%-%[=*%[%s*', '')) }
      if out[1]:find(close, 1, true) then
         return (out[1]:gsub('%s*' .. close:gsub('%]', '%%]') .. '.*$', ''))
      end
      for i = first + 1, #lines do
         local line = lines[i]
         local stop = line:find(close, 1, true)
         if stop then
            local rest = line:sub(1, stop - 1)
            if rest:find('%S') then
               out[#out + 1] = rest
            end
            return table.concat(out, '\n')
         end
         out[#out + 1] = line
      end
      return table.concat(out, '\n')
   end
   local out = {}
   for i = first, #lines do
      local text = lines[i]:match('^%-%-%s?(.*)$')
      if not text then
         break
      end
      out[#out + 1] = text
   end
   return #out > 0 and table.concat(out, '\n') or nil
end

-- The comment lines right above line `n` of a file (n = where a function is defined).
local function comment_above(path, n)
   local lines = read_lines(path)
   if not lines or not lines[n] then
      return nil
   end
   local out = {}
   local i = n - 1
   while i >= 1 do
      local text = lines[i]:match('^%s*%-%-%s?(.*)$')
      if not text or lines[i]:match('^%s*%-%-%[') then
         break
      end
      table.insert(out, 1, text)
      i = i - 1
   end
   if #out == 0 then
      return nil
   end
   return table.concat(out, '\n') .. '\n\n(' .. lines[n]:gsub('^%s+', '') .. ')'
end

local function torch_typename(v)
   local torch = package.loaded.torch
   if type(torch) ~= 'table' or type(torch.typename) ~= 'function' then
      return nil
   end
   local ok, name = pcall(torch.typename, v)
   return ok and name or nil
end

-- The text for x (a value, or a name). label names x in "no documentation for ..." (default:
-- the name given, the registered name, or tostring(x)).
function M.text(x, label)
   local value = x
   if type(x) == 'string' then
      label = label or x
      if entries[x] then
         return entries[x], x
      end
      value = resolve(x)
   end
   local name = name_of(value)
   if name then
      return entries[name], name
   end

   local class = torch_typename(value)
   if class then
      if class:match('Tensor$') then
         return entries['torch.Tensor'], class
      end
      local path = package.searchpath(class, package.path)
      local text = path and file_comment(path)
      if text then
         return text, class
      end
   end
   if type(value) == 'function' then
      local info = debug.getinfo(value, 'S')
      if info.what ~= 'C' and info.source:sub(1, 1) == '@' then
         local text = comment_above(info.source:sub(2), info.linedefined)
         if text then
            return text, label
         end
      end
   end
   if label == nil then
      label = value == nil and 'nil' or tostring(value)
   end
   return nil, 'no documentation for ' .. label
end

M.REPL = [[
Wick's REPL: Lua (LuaJIT) with torch loaded.
  1 + 1              an expression prints its value (no `=` or `return` needed)
  x = f();           a statement prints nothing; so does a line ending in ';'
  for i = 1, 3 do    an unfinished statement continues on a `>>` line
  ?torch.cat         documentation of a function or class (also: help(torch.cat))
  $ ls -l            runs a shell command
  TAB                completes globals, fields (torch.Fl<TAB>), methods (t:<TAB>), and file
                     names inside a string
  Up, Down, Ctrl-R   history (kept in ~/.wick_history)
  Ctrl-C             stops the running command (the session and its variables stay), or
                     clears the line at the prompt
  Ctrl-D             leaves
]]

function M.show(x, label)
   local text, title
   if x == nil and label == nil then
      text = M.REPL
   else
      text, title = M.text(x, label)
   end
   if text then
      io.write(text, text:sub(-1) == '\n' and '' or '\n')
   else
      io.write(title, '\n')
   end
   io.flush()
end

setmetatable(M, { __call = function(_, ...) return M.show(...) end })

-- The entries ------------------------------------------------------------------------------------

local TYPES = { 'Byte', 'Char', 'Short', 'Int', 'Long', 'Float', 'Double', 'Half', 'BFloat16' }
local tensor_names = { 'torch.Tensor' }
for _, short in ipairs(TYPES) do
   tensor_names[#tensor_names + 1] = 'torch.' .. short .. 'Tensor'
end

M.add(tensor_names, [=[
torch.Tensor(...), torch.FloatTensor(...), torch.DoubleTensor(...), torch.LongTensor(...), ...

Makes a tensor. torch.Tensor is the default type (torch.setdefaulttensortype), the others name
their element type (Byte, Char, Short, Int, Long, Float, Double, Half, BFloat16).

  torch.FloatTensor()                      an empty tensor (no dimension)
  torch.FloatTensor(d1 [, d2 [, ...]])     sizes d1 x d2 x ...; the contents are not set
  torch.FloatTensor(sizes [, strides])     sizes (and strides) as a LongStorage or a table
  torch.FloatTensor({{1, 2}, {3, 4}})      from a (nested) Lua table of numbers, copied
  torch.FloatTensor(t)                     a new tensor viewing what tensor t views (no copy)
  torch.FloatTensor(storage [, offset [, sizes [, strides]]])   a view of a storage

  > x = torch.FloatTensor(2, 3):fill(1)
  > x:size()                               -- 2 3
]=])

M.add({ 'torch.cat', 'torch.Tensor.cat' }, [=[
torch.cat([result,] x1, x2 [, dim])
torch.cat([result,] {x1, x2, ...} [, dim])

Concatenates tensors along dimension dim, by default the last one. The tensors must have the
same sizes in every other dimension; empty tensors are skipped. With result given, the answer is
written there (resized as needed) and returned.

  > torch.cat(torch.ones(2, 2), torch.zeros(2, 1))      -- 2x3
  > torch.cat({torch.ones(3), torch.zeros(2)}, 1)       -- 5 elements
]=])

M.add({ 'torch.mm', 'torch.Tensor.mm' }, [=[
torch.mm([result,] a, b)

The matrix product of a (n x m) and b (m x p): an n x p matrix. Use torch.bmm for batches,
torch.mv for a matrix times a vector, torch.addmm to add the product to a matrix.

  > torch.mm(torch.ones(2, 3), torch.ones(3, 4))        -- 2x4, every element 3
]=])

M.add({ 'torch.mv', 'torch.Tensor.mv' }, [=[
torch.mv([result,] m, v)

The product of matrix m (n x m) and vector v (m): a vector of size n.
]=])

M.add({ 'torch.bmm', 'torch.Tensor.bmm' }, [=[
torch.bmm([result,] a, b)

Batched matrix product: a is b x n x m, b is b x m x p; the result is b x n x p, one product per
batch element.
]=])

M.add({ 'torch.addmm', 'torch.Tensor.addmm' }, [=[
torch.addmm([result,] [beta,] M, [alpha,] a, b)

beta * M + alpha * (a x b), with a (n x m), b (m x p) and M (n x p); beta and alpha default to 1.
As a method, M:addmm(a, b) adds the product to M in place.
]=])

M.add({ 'torch.dot', 'torch.Tensor.dot' }, [=[
torch.dot(x, y)

The dot product of two tensors with the same number of elements, as a Lua number.
]=])

M.add('torch.zeros', [=[
torch.zeros([result,] d1 [, d2 [, ...]])

A tensor of the default type, of sizes d1 x d2 x ..., filled with 0.
]=])

M.add('torch.ones', [=[
torch.ones([result,] d1 [, d2 [, ...]])

A tensor of the default type, of sizes d1 x d2 x ..., filled with 1.
]=])

M.add('torch.rand', [=[
torch.rand([result,] [generator,] d1 [, d2 [, ...]])

A tensor of sizes d1 x d2 x ... of numbers drawn uniformly from [0, 1). torch.manualSeed(n)
makes the draws repeatable.
]=])

M.add('torch.randn', [=[
torch.randn([result,] [generator,] d1 [, d2 [, ...]])

A tensor of sizes d1 x d2 x ... drawn from the normal distribution with mean 0 and standard
deviation 1.
]=])

M.add('torch.randperm', [=[
torch.randperm([result,] n)

A random permutation of the integers 1 to n.
]=])

M.add('torch.eye', [=[
torch.eye([result,] n [, m])

The n x m identity matrix (m defaults to n): ones on the diagonal, zeros elsewhere.
]=])

M.add('torch.range', [=[
torch.range([result,] x, y [, step])

The values x, x + step, x + 2 step, ... up to y, y included when reached (step defaults to 1):
floor((y - x) / step) + 1 elements. (torch.arange stops before y, as PyTorch's does.)

  > torch.range(1, 4)                                   -- 1 2 3 4
]=])

M.add('torch.linspace', [=[
torch.linspace([result,] x1, x2 [, n])

n points (default 100) evenly spaced from x1 to x2, both included.
]=])

M.add('torch.logspace', [=[
torch.logspace([result,] x1, x2 [, n])

n points (default 100) spaced evenly on a log scale from 10^x1 to 10^x2.
]=])

M.add('torch.manualSeed', [=[
torch.manualSeed([generator,] seed)

Seeds the random number generator (Mersenne Twister, as Torch7's), so what torch.rand, randn,
randperm and the like draw next is repeatable.
]=])

M.add('torch.seed', [=[
torch.seed([generator])

Seeds the random number generator from the clock and returns the seed used.
]=])

M.add('torch.setdefaulttensortype', [=[
torch.setdefaulttensortype(name)

Makes `name` ('torch.FloatTensor', 'torch.DoubleTensor', ...) the type that torch.Tensor,
torch.zeros, torch.rand and other constructors make. The default is 'torch.DoubleTensor'.
]=])

M.add('torch.getdefaulttensortype', [=[
torch.getdefaulttensortype()

The name of the default tensor type, e.g. 'torch.DoubleTensor'.
]=])

M.add({ 'torch.sum', 'torch.Tensor.sum' }, [=[
torch.sum([result,] x [, dim])

Without dim: the sum of all elements, a number. With dim: the sums along that dimension, in a
tensor whose size in dim is 1.
]=])

M.add({ 'torch.mean', 'torch.Tensor.mean' }, [=[
torch.mean([result,] x [, dim])

Without dim: the mean of all elements, a number. With dim: the means along that dimension (size
1 there).
]=])

M.add({ 'torch.max', 'torch.Tensor.max' }, [=[
torch.max(x)                     the largest element, a number
torch.max([values, indices,] x, dim)   the largest along dim, and where (a LongTensor)
torch.max([result,] x, y)        the elementwise larger of x and y

  > torch.max(torch.Tensor({{1, 5}, {7, 2}}), 2)        -- values 5 7, indices 2 1
]=])

M.add({ 'torch.min', 'torch.Tensor.min' }, [=[
torch.min(x)                     the smallest element, a number
torch.min([values, indices,] x, dim)   the smallest along dim, and where (a LongTensor)
torch.min([result,] x, y)        the elementwise smaller of x and y
]=])

M.add({ 'torch.add', 'torch.Tensor.add' }, [=[
torch.add([result,] x, value)    x + value for a number
torch.add([result,] x, [value,] y)   x + value * y for a tensor y

As a method, x:add(value) and x:add([value,] y) change x in place. The + operator makes a new
tensor.
]=])

M.add({ 'torch.mul', 'torch.Tensor.mul' }, [=[
torch.mul([result,] x, value)

x times the number value. x:mul(value) scales x in place. For the elementwise product of two
tensors see torch.cmul; for matrix products torch.mm.
]=])

M.add({ 'torch.cmul', 'torch.Tensor.cmul' }, [=[
torch.cmul([result,] x, y)

The elementwise product of x and y. x:cmul(y) multiplies x by y in place.
]=])

M.add({ 'torch.cdiv', 'torch.Tensor.cdiv' }, [=[
torch.cdiv([result,] x, y)

The elementwise quotient x / y. x:cdiv(y) divides x by y in place.
]=])

M.add({ 'torch.view', 'torch.Tensor.view' }, [=[
x:view(d1 [, d2 [, ...]])
x:view(sizes)

The same elements seen with other sizes (with as many elements in all), without copying; x must
be contiguous. One size may be -1: it is worked out from the others. torch.reshape copies
instead.
]=])

M.add({ 'torch.reshape', 'torch.Tensor.reshape' }, [=[
torch.reshape([result,] x, d1 [, d2 [, ...]])

A new tensor with x's elements, in order, laid out with sizes d1 x d2 x ... (a copy, unlike
x:view).
]=])

M.add({ 'torch.narrow', 'torch.Tensor.narrow' }, [=[
x:narrow(dim, index, size)

A view of `size` slices of x along dimension dim, starting at slice index (1-based). Writing to
the view writes to x.

  > x = torch.range(1, 5):narrow(1, 2, 3)              -- 2 3 4
]=])

M.add({ 'torch.select', 'torch.Tensor.select' }, [=[
x:select(dim, index)

A view of slice `index` of x along dimension dim, with that dimension removed: on a matrix,
x:select(1, i) is row i, x:select(2, j) column j.
]=])

M.add({ 'torch.sub', 'torch.Tensor.sub' }, [=[
x:sub(from1, to1 [, from2, to2 [, ...]])

A view of the elements from..to (inclusive, 1-based; negative counts from the end) in each
dimension given.
]=])

M.add({ 'torch.transpose', 'torch.Tensor.transpose' }, [=[
x:transpose(dim1, dim2)

A view of x with dimensions dim1 and dim2 swapped (no copy). x:t() does it for a matrix.
]=])

M.add({ 'torch.t', 'torch.Tensor.t' }, [=[
x:t()

The transpose of a matrix, as a view (no copy).
]=])

M.add({ 'torch.squeeze', 'torch.Tensor.squeeze' }, [=[
x:squeeze([dim])

A view without the dimensions of size 1 (or without dimension dim, if it has size 1).
]=])

M.add({ 'torch.Tensor.fill', 'torch.fill' }, [=[
x:fill(value)

Sets every element of x to value; returns x.
]=])

M.add({ 'torch.Tensor.zero', 'torch.zero' }, [=[
x:zero()

Sets every element of x to 0; returns x.
]=])

M.add({ 'torch.Tensor.clone', 'torch.clone' }, [=[
x:clone()

A copy of x: same type and sizes, its own (contiguous) memory.
]=])

M.add({ 'torch.Tensor.contiguous', 'torch.contiguous' }, [=[
x:contiguous()

x itself when its elements lie in memory in row-major order without gaps, else a contiguous copy.
]=])

M.add({ 'torch.Tensor.resize', 'torch.resize' }, [=[
x:resize(d1 [, d2 [, ...]])
x:resize(sizes)

Gives x the sizes d1 x d2 x ..., growing its storage if needed; the contents are not kept in any
meaningful order. Returns x.
]=])

M.add({ 'torch.Tensor.size', 'torch.size' }, [=[
x:size([dim])

Without dim: the sizes of x, a LongStorage. With dim: the size of that dimension, a number.
#x is x:size() too.
]=])

M.add({ 'torch.Tensor.dim', 'torch.dim', 'torch.Tensor.nDimension' }, [=[
x:dim()

The number of dimensions of x (0 for an empty tensor).
]=])

M.add({ 'torch.Tensor.nElement', 'torch.numel', 'torch.Tensor.numel' }, [=[
x:nElement()

The number of elements of x: the product of its sizes.
]=])

M.add({ 'torch.Tensor.copy', 'torch.copy' }, [=[
x:copy(y)

Copies the elements of y into x, converting the type if needed; x and y must have as many
elements. Returns x.
]=])

M.add('torch.isTensor', [=[
torch.isTensor(x)

Whether x is a tensor (of any type).
]=])

M.add('torch.typename', [=[
torch.typename(x)

The class name of a torch object ('torch.FloatTensor', 'nn.Linear'), or nil for anything else.
torch.type(x) gives Lua's type() for those instead of nil.
]=])

M.add('torch.type', [=[
torch.type(x)

The class name of a torch object ('torch.FloatTensor', 'nn.Linear'), else Lua's type(x).
]=])

M.add('torch.class', [=[
torch.class(name [, parentName] [, module])

Makes a class: returns its metatable (and the parent's). name may be dotted ('nn.MyLayer'): the
constructor goes into that table. Define methods on the metatable; __init runs on construction.

  > local MyLayer, parent = torch.class('nn.MyLayer', 'nn.Module')
  > function MyLayer:__init(n) parent.__init(self); self.n = n end
]=])

return M
