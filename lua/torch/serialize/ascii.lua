--[[ torch.serialize.ascii — Torch7's ascii encoding: each number as text followed by a newline,
arrays of numbers separated by spaces and ended by one newline (nothing at all for none), chars
raw followed by a newline (none for an empty run). Doubles as %.17g, floats and half as %.9g,
integers in decimal; Byte and Char elements as raw bytes. ]]

local ffi = require 'ffi'
local dtypes = require 'torch.dtype'

local M = { name = 'ascii' }

local function fmt_number(record, v)
   if v ~= v then
      return 'nan'
   elseif v == math.huge then
      return 'inf'
   elseif v == -math.huge then
      return '-inf'
   end
   if record == nil or record.ctype == 'double' then
      return string.format('%.17g', v)
   elseif record.is_float then
      return string.format('%.9g', v)
   end
   return string.format('%d', v)
end

function M.write_int(sink, v)
   sink:put(string.format('%d\n', v))
end

M.write_long = M.write_int

function M.write_double(sink, v)
   sink:put(fmt_number(nil, v) .. '\n')
end

function M.write_chars(sink, s)
   if #s > 0 then
      sink:put(s .. '\n')
   end
end

function M.write_array(sink, record, ptr, n)
   if n == 0 then
      return
   end
   if record.size == 1 and not record.is_float then
      sink:put_ptr(ptr, n)
      sink:put('\n')
      return
   end
   local parts = {}
   local p = ffi.cast(record.ptr, ptr)
   for i = 0, n - 1 do
      if record.ctype == 'int64_t' then
         parts[i + 1] = tostring(p[i]):gsub('LL$', '')
      else
         parts[i + 1] = fmt_number(record, dtypes.read(p, i, record.id))
      end
   end
   sink:put(table.concat(parts, ' ') .. '\n')
end

local SPACE = { [32] = true, [9] = true, [10] = true, [13] = true }
local SPECIAL = { inf = math.huge, ['-inf'] = -math.huge, nan = 0 / 0, ['-nan'] = 0 / 0 }

local function token(src)
   while true do
      local c = src:peek()
      if c == nil then
         src:fail('file truncated: a number expected')
      elseif not SPACE[c] then
         break
      end
      src:take(1)
   end
   local start = src.pos
   while true do
      local c = src:peek()
      if c == nil or SPACE[c] then
         break
      end
      src:take(1)
   end
   return ffi.string(src.ptr + start, src.pos - start), start
end

local function end_line(src)
   if src:peek() == 10 then
      src:take(1)
   end
end

local function read_number(src, integer)
   local text, start = token(src)
   local v = tonumber(text) or SPECIAL[text:lower()]
   if v == nil or (integer and v ~= math.floor(v)) then
      src.pos = start
      src:fail(string.format("'%s' is not %s", text:sub(1, 40), integer and 'an integer' or 'a number'))
   end
   return v, text
end

function M.read_int(src)
   local v = read_number(src, true)
   end_line(src)
   return v
end

M.read_long = M.read_int

function M.read_double(src)
   local v = read_number(src, false)
   end_line(src)
   return v
end

function M.read_chars(src, n)
   local s = ffi.string(src:take(n), n)
   if n > 0 then
      end_line(src)
   end
   return s
end

function M.min_bytes(record, n)
   return n
end

function M.read_array(src, record, ptr, n)
   if n == 0 then
      return
   end
   if record.size == 1 and not record.is_float then
      ffi.copy(ptr, src:take(n), n)
      end_line(src)
      return
   end
   local p = ffi.cast(record.ptr, ptr)
   local integer = not record.is_float
   for i = 0, n - 1 do
      local v, text = read_number(src, integer)
      if record.ctype == 'int64_t' and math.abs(v) >= 2 ^ 53 then
         -- beyond doubles' exact integers: parse the digits in int64
         local neg = text:sub(1, 1) == '-'
         local acc = ffi.new('int64_t', 0)
         for k = (neg or text:sub(1, 1) == '+') and 2 or 1, #text do
            acc = acc * 10 + (text:byte(k) - 48)
         end
         p[i] = neg and -acc or acc
      else
         dtypes.write(p, i, record.id, v)
      end
   end
   end_line(src)
end

return M
