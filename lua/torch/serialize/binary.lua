--[[ torch.serialize.binary — Torch7's binary encoding: native (little-endian) int32, int64
("long"), double, raw chars; arrays of elements as their raw bytes, written in one block. ]]

local ffi = require 'ffi'

local M = { name = 'binary' }

local i32 = ffi.new('int32_t[1]')
local i64 = ffi.new('int64_t[1]')
local f64 = ffi.new('double[1]')

function M.write_int(sink, v)
   i32[0] = v
   sink:put(ffi.string(i32, 4))
end

function M.write_long(sink, v)
   i64[0] = v
   sink:put(ffi.string(i64, 8))
end

function M.write_double(sink, v)
   f64[0] = v
   sink:put(ffi.string(f64, 8))
end

function M.write_chars(sink, s)
   sink:put(s)
end

-- n elements of the dtype `record` at ptr
function M.write_array(sink, record, ptr, n)
   sink:put_ptr(ptr, n * record.size)
end

function M.read_int(src)
   ffi.copy(i32, src:take(4), 4)
   return i32[0]
end

function M.read_long(src)
   ffi.copy(i64, src:take(8), 8)
   return tonumber(i64[0])
end

function M.read_double(src)
   ffi.copy(f64, src:take(8), 8)
   return f64[0]
end

function M.read_chars(src, n)
   return ffi.string(src:take(n), n)
end

-- The smallest number of bytes n elements can take (for checking declared sizes before allocating).
function M.min_bytes(record, n)
   return n * record.size
end

function M.read_array(src, record, ptr, n)
   local bytes = n * record.size
   ffi.copy(ptr, src:take(bytes), bytes)
end

return M
