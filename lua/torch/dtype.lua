--[[ torch.dtype — the element types as the Lua side sees them.

One record per wk dtype, built from the C library's own table (wk_dtype_get), so the list of
types is written once, in C. Each record:

   id            the wk dtype (C.WK_F32 ...), also the index into M.list (0-based)
   name          'float32'                     (wk_dtype_info.name)
   short         'Float'                       (wk_dtype_info.torch_name)
   tensor_name   'torch.FloatTensor'
   storage_name  'torch.FloatStorage'
   method        'float'                       the conversion method: t:float()
   size          bytes per element
   is_float, is_signed
   ctype         'float', 'int64_t', 'uint16_t' (the raw bits of half and bfloat16)
   ptr           ffi.typeof('float *'): the typed pointer element access goes through

Element reads and writes: M.read(p, i, dtype) and M.write(p, i, dtype, value) with p a typed
pointer. int64 reads come back as Lua numbers (exact to 2^53); half and bfloat16 go through
float. M.PTR[dtype] is the pointer ctype, M.SPECIAL[dtype] is true for half and bfloat16.
]]

local lib = require 'torch.lib'
local ffi = require 'ffi'
local C = lib.C

local registry = debug.getregistry()
if registry['wick.torch.dtype'] then
   return registry['wick.torch.dtype']
end

local M = {
   list = {},              -- [id] = record, ids 0 .. COUNT-1
   by_tensor_name = {},    -- ['torch.FloatTensor'] = record
   by_storage_name = {},   -- ['torch.FloatStorage'] = record
   PTR = {},               -- [id] = pointer ctype
   SPECIAL = {},           -- [id] = true where elements convert through float (half, bfloat16)
   COUNT = tonumber(C.WK_DTYPE_COUNT),
   F16 = tonumber(C.WK_F16),
   BF16 = tonumber(C.WK_BF16),
   I64 = tonumber(C.WK_I64),
   F32 = tonumber(C.WK_F32),
   F64 = tonumber(C.WK_F64),
}

local INTEGER_CTYPES = {
   [true] = { [1] = 'int8_t', [2] = 'int16_t', [4] = 'int32_t', [8] = 'int64_t' },
   [false] = { [1] = 'uint8_t', [2] = 'uint16_t', [4] = 'uint32_t', [8] = 'uint64_t' },
}
local FLOAT_CTYPES = { [2] = 'uint16_t', [4] = 'float', [8] = 'double' }

for id = 0, M.COUNT - 1 do
   local info = C.wk_dtype_get(id)
   assert(info ~= nil, 'torch.dtype: wk_dtype_get returned NULL for a dtype below WK_DTYPE_COUNT')
   local short = ffi.string(info.torch_name)
   local size = tonumber(info.size)
   local is_float = info.is_float ~= 0
   local is_signed = info.is_signed ~= 0
   local ctype = is_float and FLOAT_CTYPES[size] or INTEGER_CTYPES[is_signed][size]
   local record = {
      id = id,
      name = ffi.string(info.name),
      short = short,
      tensor_name = 'torch.' .. short .. 'Tensor',
      storage_name = 'torch.' .. short .. 'Storage',
      method = short:lower(),
      size = size,
      is_float = is_float,
      is_signed = is_signed,
      ctype = ctype,
      ptr = ffi.typeof(ctype .. ' *'),
   }
   M.list[id] = record
   M.by_tensor_name[record.tensor_name] = record
   M.by_storage_name[record.storage_name] = record
   M.PTR[id] = record.ptr
   M.SPECIAL[id] = (id == M.F16 or id == M.BF16) or nil
end

local SPECIAL, F16, F32, F64 = M.SPECIAL, M.F16, M.F32, M.F64
local tonumber = tonumber
local band = require('bit').band
local U32 = ffi.typeof('uint32_t *')
local NAN = 0 / 0

-- LuaJIT 2.1.0-beta3 keeps a NaN's payload bits when it turns a float or double element into a
-- Lua number, and some payloads read back as tagged values (nil, or a bogus object that can
-- crash the process). Uninitialised memory and files hold such NaNs, so float and double reads
-- look at the bits first and hand back the canonical NaN.
local function is_nan_bits(hi, lo)
   return band(hi, 0x7ff00000) == 0x7ff00000 and (band(hi, 0x000fffff) ~= 0 or lo ~= 0)
end

-- Element i (0-based) of typed pointer p, as a Lua number.
function M.read(p, i, dtype)
   if dtype == F64 then
      local words = ffi.cast(U32, p)
      if is_nan_bits(words[2 * i + 1], words[2 * i]) then return NAN end
   elseif dtype == F32 then
      local bits = ffi.cast(U32, p)[i]
      if band(bits, 0x7f800000) == 0x7f800000 and band(bits, 0x007fffff) ~= 0 then return NAN end
   elseif SPECIAL[dtype] then
      if dtype == F16 then
         return tonumber(C.wk_half_to_float(p[i]))
      end
      return tonumber(C.wk_bf16_to_float(p[i]))
   end
   return tonumber(p[i])
end

-- Stores value (a number) as element i of typed pointer p. Integer types truncate as C casts do.
function M.write(p, i, dtype, value)
   if SPECIAL[dtype] then
      if dtype == F16 then
         p[i] = C.wk_float_to_half(value)
      else
         p[i] = C.wk_float_to_bf16(value)
      end
   else
      p[i] = value
   end
end

registry['wick.torch.dtype'] = M
return M
