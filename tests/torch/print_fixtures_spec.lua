-- What real tensors and storages print, against what Torch7 itself printed for the same snippets
-- (../shared/fixtures/torch7-output/ beside the repository; WICK_TORCH7_OUTPUT overrides it).
-- Unlike print_spec.lua, which feeds torch.print hand-written values, this runs each snippet of
-- cases.lua through the tensor library, with print captured, as Torch7 ran them (default tensor
-- type torch.DoubleTensor).
--
-- The snippets of cases.lua covered here: every tensor, storage and size one (TENSOR_CASES).
-- Left to the specs of the code they need, not run here:
--   sequential, nested_containers, conv_modules, criterions   nn modules   (tests/nn/)
--   confusion_matrix                                           optim
--   cmdline_help                                               torch.CmdLine
-- wide_float_matrix needs :div, a math method: it is reported pending until one exists.

require 'torch'

local fixtures = require 'tests.fixtures'

local TENSOR_CASES = {
   float_matrix = true, double_vector = true, integers = true, negative_mixed = true, large_values = true,
   tiny_values = true, mixed_magnitudes = true, wide_matrix = true, wide_float_matrix = true, tensor_3d = true,
   tensor_4d = true, long_tensor = true, byte_tensor = true, char_tensor = true, empty_tensor = true,
   scalar_like = true, nan_inf = true, storage = true, size = true,
}

-- What a case needs beyond this module, and how to tell it is there.
local NEEDS = {
   wide_float_matrix = { what = ':div (tensor math)', present = function() return torch.DoubleTensor.div ~= nil end },
}

describe('printed tensors match what Torch7 printed', function()
   local cases = fixtures.cases()
   local outputs = fixtures.outputs()
   local saved_type

   before_each(function()
      saved_type = torch.getdefaulttensortype()
      torch.setdefaulttensortype('torch.DoubleTensor')
   end)

   after_each(function()
      torch.setdefaulttensortype(saved_type)
   end)

   it('has every case of this module in the fixtures', function()
      local found = 0
      for _, case in ipairs(cases) do
         if TENSOR_CASES[case[1]] then
            found = found + 1
            assert.is_not_nil(outputs[case[1]], case[1])
         end
      end
      local expected = 0
      for _ in pairs(TENSOR_CASES) do
         expected = expected + 1
      end
      assert.are.equal(expected, found)
   end)

   for _, case in ipairs(cases) do
      local name, code = case[1], case[2]
      if TENSOR_CASES[name] then
         local need = NEEDS[name]
         if need and not need.present() then
            pending(name .. ': needs ' .. need.what)
         else
            it(name, function()
               assert.are.equal(outputs[name], fixtures.run_captured(code))
            end)
         end
      end
   end
end)
