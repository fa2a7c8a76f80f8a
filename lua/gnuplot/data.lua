--[[ gnuplot.data — numbers out of what the plotting functions accept, and the plot argument grammar.

Data is a Wick tensor (1-d or 2-d; any dimension count for hist) or a plain Lua array: a list of
numbers (1-d) or a list of equal-length lists of numbers (2-d, one inner list per row).

   M.is_data(v)           a tensor or a plain numeric array
   M.read(v)              values (a flat list, row-major) and sizes ({n} or {rows, columns})
   M.vector(v)            the values of 1-d data (a 2-d n x 1 or 1 x n is accepted too)
   M.columns(v)           2-d data as a list of columns (each a list of numbers)
   M.series(spec)         one series of gnuplot.plot: {[legend,] x [, y] [, format]} ->
                          { legend =, format =, columns = {x, y1, ...} }

Tensors are read through Torch7's public API (nElement, dim, size, contiguous, storage,
storageOffset, storage indexing), so this file works with any tensor class here.
]]

local class = require 'torch.class'

local M = {}

function M.is_tensor(v)
   local kind = type(v)
   if kind ~= 'cdata' and kind ~= 'userdata' and kind ~= 'table' then
      return false
   end
   local name = class.typename(v)
   return name ~= nil and name:sub(-6) == 'Tensor'
end

local function is_number_list(v)
   return type(v) == 'table' and type(v[1]) == 'number'
end

-- A plain Lua array of numbers, or of arrays of numbers (every element: {x, y} specs such as
-- {{1, 2, 3}, '|'} are not matrices). Empty tables are not data.
function M.is_array(v)
   if type(v) ~= 'table' or M.is_tensor(v) or getmetatable(v) ~= nil then
      return false
   end
   if is_number_list(v) then
      return true
   end
   if #v == 0 then
      return false
   end
   for i = 1, #v do
      if not is_number_list(v[i]) or getmetatable(v[i]) ~= nil then
         return false
      end
   end
   return true
end

function M.is_data(v)
   return M.is_tensor(v) or M.is_array(v)
end

local function read_tensor(t)
   local name = class.typename(t)
   if name:find('Cuda', 1, true) then
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

local function read_array(a)
   if is_number_list(a) then
      local values = {}
      for i = 1, #a do
         values[i] = tonumber(a[i])
      end
      return values, { #a }
   end
   local rows, columns = #a, #a[1]
   local values = {}
   for r = 1, rows do
      local row = a[r]
      if type(row) ~= 'table' or #row ~= columns then
         error(string.format('gnuplot: row %d of the data has %s values, row 1 has %d', r,
            type(row) == 'table' and tostring(#row) or 'no', columns), 0)
      end
      for c = 1, columns do
         values[#values + 1] = tonumber(row[c])
      end
   end
   return values, { rows, columns }
end

function M.read(v)
   if M.is_tensor(v) then
      return read_tensor(v)
   elseif M.is_array(v) then
      return read_array(v)
   end
   error('gnuplot: expected a tensor or a Lua array of numbers, got ' .. (class.typename(v) or type(v)), 0)
end

function M.vector(v)
   local values, sizes = M.read(v)
   if #sizes == 2 and sizes[1] ~= 1 and sizes[2] ~= 1 then
      error(string.format('gnuplot: expected a vector, got a %dx%d matrix', sizes[1], sizes[2]), 0)
   elseif #sizes > 2 then
      error('gnuplot: expected a vector, got ' .. #sizes .. ' dimensions', 0)
   end
   return values
end

function M.columns(v)
   local values, sizes = M.read(v)
   if #sizes == 1 then
      return { values }, sizes[1]
   elseif #sizes ~= 2 then
      error('gnuplot: expected 1-d or 2-d data, got ' .. #sizes .. ' dimensions', 0)
   end
   local rows, count = sizes[1], sizes[2]
   local columns = {}
   for c = 1, count do
      local column = {}
      for r = 1, rows do
         column[r] = values[(r - 1) * count + c]
      end
      columns[c] = column
   end
   return columns, rows
end

local function range(n)
   local xs = {}
   for i = 1, n do
      xs[i] = i
   end
   return xs
end

local GRAMMAR = 'gnuplot.plot: expecting [string,] tensor [,tensor] [,string]'

-- Splits a series table into legend, x, y, format by Torch7's grammar.
local function parse(t)
   local n = #t
   if n == 0 then
      error('gnuplot.plot: empty argument list', 0)
   end
   local legend, x, y, format
   local i = 1
   if type(t[i]) == 'string' then
      legend = t[i]
      i = i + 1
   end
   if M.is_data(t[i]) then
      x = t[i]
      i = i + 1
   else
      error(GRAMMAR, 0)
   end
   if M.is_data(t[i]) then
      y = t[i]
      i = i + 1
   end
   if type(t[i]) == 'string' then
      format = t[i]
      i = i + 1
   end
   if i <= n then
      error(GRAMMAR, 0)
   end
   return legend or '', x, y, format or ''
end

function M.series(t)
   local legend, x, y, format = parse(t)
   local columns
   if y == nil then
      local cols, rows = M.columns(x)
      if #cols == 1 then
         columns = { range(rows), cols[1] }     -- y against 1..n
      else
         columns = cols                         -- first column x, the others y
      end
   else
      local xs = M.columns(x)
      local ys = M.columns(y)
      if #xs[1] ~= #ys[1] then
         error(string.format('gnuplot.plot: x and y have different lengths (%d and %d)', #xs[1], #ys[1]), 0)
      end
      if format == 'v' or format == 'V' or format == 'vectors' then
         -- vector fields: x = (x, xdelta), y = (y, ydelta) -> x y xdelta ydelta
         if #xs ~= 2 or #ys ~= 2 then
            error('gnuplot.plot: vectors need x and y with two columns each', 0)
         end
         columns = { xs[1], ys[1], xs[2], ys[2] }
      else
         if #xs ~= 1 then
            error('gnuplot.plot: x must be a vector', 0)
         end
         columns = { xs[1] }
         for _, column in ipairs(ys) do
            columns[#columns + 1] = column
         end
      end
   end
   return { legend = legend, format = format, columns = columns }
end

return M
