--[[ torch.print — the text Torch7 prints for tensors and storages, character for character.

Pure formatting over plain Lua data: the caller reads the numbers out of its tensor or storage,
so this file knows nothing about how tensors are stored.

   M.format_tensor(values, sizes, typename) -> string
       values: flat Lua array of Lua numbers, row-major, #values = product of sizes; a
               FloatTensor's floats widened to double (Torch7 copied any tensor into a
               DoubleTensor before choosing the format)
       sizes:  Lua array of dimension sizes; {} with no values is Torch7's empty tensor
       The tensor's __tostring, e.g. for torch.FloatTensor({{1, 2.5}, {-3, 4}}):
          " 1.0000  2.5000\n-3.0000  4.0000\n[torch.FloatTensor of size 2x2]\n"
   M.format_storage(values, typename [, n]) -> string
       e.g. " 3\n 4\n[torch.LongStorage of size 2]\n"; n defaults to #values
   M.format_size(sizes) -> '2x3'
   M.number_format(values, n) -> format, scale, width
       the format string shared by all n values, the common factor they are divided by
       (nil for none) and the width of one printed value

Like Torch7's, these strings end in a newline, and print() adds another: printing a tensor leaves
a blank line after the "[... of size ...]" line.

How Torch7 lays numbers out (one format for the whole tensor, from all its values):
 - Integer mode when every value is a whole number (infinities count as whole): '%Nd' with N one
   more than the digits of the largest magnitude, or '%11.4e' past 9 digits.
 - Otherwise, with exponents e = floor(log10(|v|)) + 1 of the smallest and largest magnitudes
   (e = 1 for a magnitude of 0): '%11.4e' ('%12.4e' if either exponent has 3 digits) when they
   differ by more than 4; else '%7.4f' with every value divided by a common scale 10^(emax-1),
   printed first as "1e-06 *", when emax > 5 or emax < 0; else '%N.4f' with N = emax + 6
   (7 when emax is 0).
 - A NaN makes both extreme magnitudes NaN (TH's min and max propagate it), so the width is NaN
   and Torch7 built the format '%nan.4f'. LuaJIT's string.format rejects that ("invalid option
   '%n'"), so Torch7 replaced any format starting '%nan' by '%f': every value then prints as
   '%f' ("nan", "inf", "1.000000"), and a matrix is never split into column blocks.
 - Vectors print one value per line. Matrices print rows of values separated by one space, in
   blocks of floor((80 - indent) / (width + 1)) columns headed "Columns 1 to 10" when they do not
   all fit. Tensors of 3 or more dimensions print each matrix slice under "(i,j,.,.) = ",
   indented by one space, the first index varying fastest, with a blank line between slices.

Wick's additions (not Torch7 concepts):
 - A size containing 0 prints only "[torch.FloatTensor of size 3x0]", as Torch7 did for its
   one- and two-dimensional tensors without elements.
 - A zero-dimensional scalar (sizes = {}, one value) prints its value like a one-element vector,
   then "[torch.FloatTensor of size ()]": "()" is the empty shape, and the line stays distinct
   from Torch7's empty tensor ("with no dimension") and from a vector of size 1.
]]

local M = {}

local floor, abs, log10 = math.floor, math.abs, math.log10
local format = string.format
local concat = table.concat

-- The exponent Torch7 derives from a magnitude: the number of digits before the decimal point
-- for magnitudes >= 1, and 1 for a magnitude of 0.
local function exponent(magnitude)
   if magnitude == 0 then
      return 1
   end
   return floor(log10(magnitude)) + 1
end

function M.number_format(values, n)
   if n == 0 then
      return '', nil, 0
   end
   local integers = true
   local min_abs, max_abs = math.huge, 0
   local has_nan = false
   for i = 1, n do
      local v = values[i]
      if v ~= math.ceil(v) then
         integers = false
      end
      local a = abs(v)
      if a ~= a then
         has_nan = true
      else
         if a < min_abs then min_abs = a end
         if a > max_abs then max_abs = a end
      end
   end
   if has_nan then
      min_abs, max_abs = 0 / 0, 0 / 0
   end
   local exp_min, exp_max = exponent(min_abs), exponent(max_abs)

   if integers then
      if exp_max > 9 then
         return '%11.4e', nil, 11
      end
      return '%' .. (exp_max + 1) .. 'd', nil, exp_max + 1
   end
   if exp_max - exp_min > 4 then
      local width = (abs(exp_max) > 99 or abs(exp_min) > 99) and 12 or 11
      return '%' .. width .. '.4e', nil, width
   end
   if exp_max > 5 or exp_max < 0 then
      return '%7.4f', 10 ^ (exp_max - 1), 7
   end
   local width = exp_max == 0 and 7 or exp_max + 6
   if width ~= width then
      -- Torch7's '%nan.4f', replaced by '%f' (see the top of this file). The width stays NaN.
      return '%f', nil, width
   end
   return '%' .. width .. '.4f', nil, width
end

function M.format_size(sizes)
   return concat(sizes, 'x')
end

-- One value per line, after the scale line if any.
local function add_column(out, values, first, n, fmt, scale)
   if scale then
      out[#out + 1] = format('%g *\n', scale)
      for i = first, first + n - 1 do
         out[#out + 1] = format(fmt, values[i] / scale) .. '\n'
      end
   else
      for i = first, first + n - 1 do
         out[#out + 1] = format(fmt, values[i]) .. '\n'
      end
   end
end

-- The rows x cols matrix whose first value is values[first]. Torch7 writes the indent once at the
-- start, then after each "Columns" header, after the scale line (with one more space) and before
-- every row but a block's first; so a second block's header is not indented, and with a scale
-- every row starts with one extra space.
local function add_matrix(out, values, first, rows, cols, fmt, scale, width, indent)
   local per_line = floor((80 - #indent) / (width + 1))   -- NaN when width is: one block
   local row_indent = scale and indent .. ' ' or indent
   out[#out + 1] = indent
   local first_col = 1
   while first_col <= cols do
      local last_col = cols
      if first_col + per_line - 1 <= cols then
         last_col = first_col + per_line - 1
      end
      if per_line < cols then
         if first_col ~= 1 then
            out[#out + 1] = '\n'
         end
         out[#out + 1] = format('Columns %d to %d\n%s', first_col, last_col, indent)
      end
      if scale then
         out[#out + 1] = format('%g *\n %s', scale, indent)
      end
      for r = 1, rows do
         local base = first + (r - 1) * cols - 1
         for c = first_col, last_col do
            local v = values[base + c]
            out[#out + 1] = format(fmt, scale and v / scale or v)
            out[#out + 1] = c == last_col and '\n' or ' '
         end
         if r ~= rows then
            out[#out + 1] = row_indent
         end
      end
      first_col = last_col + 1
   end
end

-- Tensors of 3+ dimensions: each trailing matrix under its "(i,j,.,.) = " header. The leading
-- indices count like an odometer turned from the left: the first index varies fastest.
local function add_slices(out, values, sizes, fmt, scale, width)
   local ndim = #sizes
   local lead = ndim - 2
   local rows, cols = sizes[ndim - 1], sizes[ndim]
   local strides = {}   -- strides[i]: values between consecutive indices of dimension i
   local stride = rows * cols
   for i = lead, 1, -1 do
      strides[i] = stride
      stride = stride * sizes[i]
   end
   local index = {}
   for i = 1, lead do
      index[i] = 1
   end
   local first_slice = true
   while true do
      if not first_slice then
         out[#out + 1] = '\n'
      end
      first_slice = false
      local offset = 1
      for i = 1, lead do
         offset = offset + (index[i] - 1) * strides[i]
      end
      out[#out + 1] = '(' .. concat(index, ',') .. ',.,.) = \n'
      add_matrix(out, values, offset, rows, cols, fmt, scale, width, ' ')

      local d = 1
      while d <= lead do
         index[d] = index[d] + 1
         if index[d] <= sizes[d] then
            break
         end
         index[d] = 1
         d = d + 1
      end
      if d > lead then
         return
      end
   end
end

function M.format_tensor(values, sizes, typename)
   local ndim = #sizes
   if ndim == 0 then
      if values[1] == nil then
         return '[' .. typename .. ' with no dimension]\n'
      end
      local fmt, scale = M.number_format(values, 1)
      local out = {}
      add_column(out, values, 1, 1, fmt, scale)
      out[#out + 1] = '[' .. typename .. ' of size ()]\n'
      return concat(out)
   end

   local count = 1
   for i = 1, ndim do
      count = count * sizes[i]
   end
   local trailer = '[' .. typename .. ' of size ' .. M.format_size(sizes) .. ']\n'
   if count == 0 then
      return trailer
   end

   local fmt, scale, width = M.number_format(values, count)
   local out = {}
   if ndim == 1 then
      add_column(out, values, 1, count, fmt, scale)
   elseif ndim == 2 then
      add_matrix(out, values, 1, sizes[1], sizes[2], fmt, scale, width, '')
   else
      add_slices(out, values, sizes, fmt, scale, width)
   end
   out[#out + 1] = trailer
   return concat(out)
end

function M.format_storage(values, typename, n)
   n = n or #values
   local fmt, scale = M.number_format(values, n)
   local out = {}
   add_column(out, values, 1, n, fmt, scale)
   out[#out + 1] = format('[%s of size %d]\n', typename, n)
   return concat(out)
end

return M
