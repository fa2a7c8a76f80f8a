-- torch.print: Torch7's printed formats. The ground truth is what Torch7 itself printed, in
-- ../shared/fixtures/torch7-output/ beside the repository (WICK_TORCH7_OUTPUT overrides the
-- folder). The tensor library is not used: each case's values are written out here by hand.

local P = require 'torch.print'

local function fixture_dir()
   local override = os.getenv('WICK_TORCH7_OUTPUT')
   if override then
      return override
   end
   local source = debug.getinfo(1, 'S').source:gsub('^@', '')
   local spec_dir = source:match('^(.*)/[^/]*$') or '.'
   return spec_dir .. '/../../../shared/fixtures/torch7-output'
end

local function read_file(path)
   local f = assert(io.open(path, 'rb'))
   local text = f:read('*a')
   f:close()
   return text
end

-- torch7-output.txt: "=== NAME" lines, each followed by what the snippet printed.
local function read_outputs(path)
   local outputs, current = {}, nil
   for line in read_file(path):gmatch('([^\n]*)\n') do
      local name = line:match('^=== (.+)$')
      if name then
         current = name
         outputs[current] = {}
      else
         table.insert(outputs[current], line .. '\n')
      end
   end
   for name, lines in pairs(outputs) do
      outputs[name] = table.concat(lines)
   end
   return outputs
end

local function range(first, last, f)
   local t = {}
   for i = first, last do
      t[#t + 1] = f and f(i) or i
   end
   return t
end

local nan, inf = 0 / 0, 1 / 0

-- The values behind each fixture snippet, row-major: {values, sizes, typename} for a tensor,
-- {values, typename, storage = true} for a storage.
local cases = {
   float_matrix = { { 1, 2.5, -3, 4 }, { 2, 2 }, 'torch.FloatTensor' },
   double_vector = { { 0.1, 0.25, 3 }, { 3 }, 'torch.DoubleTensor' },
   integers = { { 1, 20, 300 }, { 3 }, 'torch.DoubleTensor' },
   negative_mixed = { { -1.5, 2, 3, -4.125 }, { 2, 2 }, 'torch.DoubleTensor' },
   large_values = { { 1e6, 2e6, 3.5e6 }, { 3 }, 'torch.DoubleTensor' },
   tiny_values = { { 1e-6, 5e-7 }, { 2 }, 'torch.DoubleTensor' },
   mixed_magnitudes = { { 1e-3, 1, 1e3 }, { 3 }, 'torch.DoubleTensor' },
   wide_matrix = { range(1, 40), { 2, 20 }, 'torch.DoubleTensor' },
   wide_float_matrix = { range(1, 60, function(i) return i / 7 end), { 3, 20 }, 'torch.DoubleTensor' },
   tensor_3d = { range(1, 12), { 2, 3, 2 }, 'torch.DoubleTensor' },
   tensor_4d = { range(1, 16), { 2, 2, 2, 2 }, 'torch.DoubleTensor' },
   long_tensor = { { 1, -2, 300, 4 }, { 2, 2 }, 'torch.LongTensor' },
   byte_tensor = { { 255, 0, 17 }, { 3 }, 'torch.ByteTensor' },
   char_tensor = { { -5, 5 }, { 2 }, 'torch.CharTensor' },
   empty_tensor = { {}, {}, 'torch.DoubleTensor' },
   scalar_like = { { 42 }, { 1 }, 'torch.DoubleTensor' },
   nan_inf = { { nan, inf, -inf, 1 }, { 4 }, 'torch.DoubleTensor' },
   storage = { { 3, 4 }, 'torch.LongStorage', storage = true },
   size = { { 3, 4, 5 }, 'torch.LongStorage', storage = true },
}

local function render(case)
   if case.storage then
      return P.format_storage(case[1], case[2])
   end
   return P.format_tensor(case[1], case[2], case[3])
end

describe('torch.print', function()
   local dir = fixture_dir()
   local outputs = read_outputs(dir .. '/torch7-output.txt')
   local snippets = dofile(dir .. '/cases.lua')

   describe('prints what Torch7 printed', function()
      it('has a case here for every tensor, storage and size snippet of the fixtures', function()
         local seen = 0
         for _, entry in ipairs(snippets) do
            local name, code = entry[1], entry[2]
            if code:match('^print%(torch%.') then
               assert.is_not_nil(cases[name], 'no values written out for fixture case ' .. name)
               seen = seen + 1
            end
         end
         local listed = 0
         for _ in pairs(cases) do
            listed = listed + 1
         end
         assert.are.equal(listed, seen)
      end)

      local names = {}
      for name in pairs(cases) do
         names[#names + 1] = name
      end
      table.sort(names)
      for _, name in ipairs(names) do
         it('for ' .. name, function()
            local printed = outputs[name]
            assert.is_not_nil(printed, 'no output for ' .. name .. ' in torch7-output.txt')
            -- print() adds one newline after the __tostring text, which itself ends in one.
            assert.are.equal('\n\n', printed:sub(-2))
            assert.are.equal(printed:sub(1, -2), render(cases[name]))
         end)
      end
   end)

   describe('number_format', function()
      it('uses %Nd for whole numbers, N one more than the digits of the largest', function()
         assert.are.same({ '%4d', nil, 4 }, { P.number_format({ 1, 20, -300 }, 3) })
         assert.are.same({ '%2d', nil, 2 }, { P.number_format({ 0, 0 }, 2) })
      end)

      it('switches whole numbers past 9 digits to %11.4e', function()
         assert.are.same({ '%11.4e', nil, 11 }, { P.number_format({ 1e10, 1 }, 2) })
         assert.are.same({ '%10d', nil, 10 }, { P.number_format({ 999999999 }, 1) })
      end)

      it('uses %N.4f with N = digits + 6 for fractions of similar size', function()
         assert.are.same({ '%7.4f', nil, 7 }, { P.number_format({ 0.5, 0.25 }, 2) })
         assert.are.same({ '%11.4f', nil, 11 }, { P.number_format({ 12345.5, 10000 }, 2) })
      end)

      it('scales fractions beyond 5 digits or below 0.1 by a common power of ten', function()
         local fmt, scale, width = P.number_format({ 123456.5 }, 1)
         assert.are.same({ '%7.4f', 7 }, { fmt, width })
         assert.are.equal(10 ^ 5, scale)
         assert.are.equal(10 ^ -3, select(2, P.number_format({ 0.004 }, 1)))
      end)

      it('uses %12.4e when an exponent has three digits', function()
         assert.are.same({ '%12.4e', nil, 12 }, { P.number_format({ 1e200, 1.5 }, 2) })
         assert.are.same({ '%11.4e', nil, 11 }, { P.number_format({ 1e20, 1.5 }, 2) })
      end)

      it('falls back to %f with a NaN width when a value is NaN', function()
         local fmt, scale, width = P.number_format({ 1, nan }, 2)
         assert.are.equal('%f', fmt)
         assert.is_nil(scale)
         assert.is_true(width ~= width)
      end)

      it('gives an empty format for no values', function()
         assert.are.same({ '', nil, 0 }, { P.number_format({}, 0) })
      end)
   end)

   describe('beyond the fixtures', function()
      local D = 'torch.DoubleTensor'

      it('prints only the size line when a dimension is 0', function()
         assert.are.equal('[torch.FloatTensor of size 0]\n', P.format_tensor({}, { 0 }, 'torch.FloatTensor'))
         assert.are.equal('[torch.FloatTensor of size 3x0]\n', P.format_tensor({}, { 3, 0 }, 'torch.FloatTensor'))
         assert.are.equal('[torch.FloatTensor of size 2x0x4]\n', P.format_tensor({}, { 2, 0, 4 }, 'torch.FloatTensor'))
         assert.are.equal('[torch.FloatStorage of size 0]\n', P.format_storage({}, 'torch.FloatStorage'))
      end)

      it('heads the slices of a 5-d tensor with the first index varying fastest', function()
         assert.are.equal(
            '(1,1,1,.,.) = \n  1  2\n\n' ..
            '(2,1,1,.,.) = \n  5  6\n\n' ..
            '(1,2,1,.,.) = \n  3  4\n\n' ..
            '(2,2,1,.,.) = \n  7  8\n' ..
            '[torch.DoubleTensor of size 2x2x1x1x2]\n',
            P.format_tensor(range(1, 8), { 2, 2, 1, 1, 2 }, D))
      end)

      it('uses %12.4e for huge and tiny magnitudes', function()
         assert.are.equal(' 1.0000e+200\n  1.5000e+00\n[torch.DoubleTensor of size 2]\n',
            P.format_tensor({ 1e200, 1.5 }, { 2 }, D))
         assert.are.equal(' 1.0000e-150\n  5.0000e-01\n[torch.DoubleTensor of size 2]\n',
            P.format_tensor({ 1e-150, 0.5 }, { 2 }, D))
         assert.are.equal('-1.0000e-120   2.0000e+00\n[torch.DoubleTensor of size 1x2]\n',
            P.format_tensor({ -1e-120, 2 }, { 1, 2 }, D))
      end)

      it('prints negative zero as C does in each mode', function()
         local negative_zero = 0 * -1
         assert.are.equal('-0.0000\n 1.5000\n[torch.DoubleTensor of size 2]\n',
            P.format_tensor({ negative_zero, 1.5 }, { 2 }, D))
         assert.are.equal(' 0\n 1\n[torch.DoubleTensor of size 2]\n',
            P.format_tensor({ negative_zero, 1 }, { 2 }, D))
      end)

      it('prints zeros as one-digit integers', function()
         assert.are.equal(' 0\n 0\n 0\n[torch.FloatTensor of size 3]\n',
            P.format_tensor({ 0, 0, 0 }, { 3 }, 'torch.FloatTensor'))
      end)

      it('puts the scale line above a matrix and indents its rows one more space', function()
         assert.are.equal('1e-06 *\n  1.0000  2.0000\n  3.0000  4.0000\n[torch.DoubleTensor of size 2x2]\n',
            P.format_tensor({ 1e-6, 2e-6, 3e-6, 4e-6 }, { 2, 2 }, D))
         assert.are.equal('100000 *\n 1.2346\n 2.0000\n[torch.DoubleTensor of size 2]\n',
            P.format_tensor({ 123456.25, 200000 }, { 2 }, D))
      end)

      it('repeats the scale in each column block of a slice, as Torch7 did', function()
         local values = range(1, 24, function(i) return i * 1e-6 end)
         assert.are.equal(
            '(1,.,.) = \n' ..
            ' Columns 1 to 9\n' ..
            ' 1e-05 *\n' ..
            '   0.1000  0.2000  0.3000  0.4000  0.5000  0.6000  0.7000  0.8000  0.9000\n' ..
            '   1.3000  1.4000  1.5000  1.6000  1.7000  1.8000  1.9000  2.0000  2.1000\n' ..
            '\n' ..
            'Columns 10 to 12\n' ..
            ' 1e-05 *\n' ..
            '   1.0000  1.1000  1.2000\n' ..
            '   2.2000  2.3000  2.4000\n' ..
            '[torch.DoubleTensor of size 1x2x12]\n',
            P.format_tensor(values, { 1, 2, 12 }, D))
      end)

      it('fits six %11.4e columns in a block', function()
         local values = { 1e-3, 1, 1e3, 1e-3, 1, 1e3, 1e-3, 1 }
         assert.are.equal(
            'Columns 1 to 6\n' ..
            ' 1.0000e-03  1.0000e+00  1.0000e+03  1.0000e-03  1.0000e+00  1.0000e+03\n' ..
            '\n' ..
            'Columns 7 to 8\n' ..
            ' 1.0000e-03  1.0000e+00\n' ..
            '[torch.DoubleTensor of size 1x8]\n',
            P.format_tensor(values, { 1, 8 }, D))
      end)

      it('prints every value with %f once one is NaN, never splitting columns', function()
         assert.are.equal('nan 1.000000\n2.500000 3.000000\n[torch.DoubleTensor of size 2x2]\n',
            P.format_tensor({ nan, 1, 2.5, 3 }, { 2, 2 }, D))
         local wide = range(1, 30)
         wide[1] = nan
         local text = P.format_tensor(wide, { 1, 30 }, D)
         assert.is_nil(text:find('Columns', 1, true))
         assert.are.equal('nan\n2.000000\n[torch.DoubleStorage of size 2]\n',
            P.format_storage({ nan, 2 }, 'torch.DoubleStorage'))
      end)

      it('treats infinities as whole numbers', function()
         assert.are.equal('        inf\n       -inf\n 3.0000e+00\n[torch.DoubleTensor of size 3]\n',
            P.format_tensor({ inf, -inf, 3 }, { 3 }, D))
         assert.are.equal('         inf\n  5.0000e-01\n[torch.DoubleTensor of size 2]\n',
            P.format_tensor({ inf, 0.5 }, { 2 }, D))
      end)

      it('prints a 0-dimensional scalar as its value and the empty shape ()', function()
         assert.are.equal(' 42\n[torch.DoubleTensor of size ()]\n', P.format_tensor({ 42 }, {}, D))
         assert.are.equal(' 3.5000\n[torch.FloatTensor of size ()]\n',
            P.format_tensor({ 3.5 }, {}, 'torch.FloatTensor'))
      end)

      it('prints a scaled storage like a vector', function()
         assert.are.equal('1e-06 *\n 1.0000\n 2.0000\n[torch.FloatStorage of size 2]\n',
            P.format_storage({ 1e-6, 2e-6 }, 'torch.FloatStorage'))
      end)

      it('formats sizes as AxBxC', function()
         assert.are.equal('2x3', P.format_size({ 2, 3 }))
         assert.are.equal('7', P.format_size({ 7 }))
         assert.are.equal('', P.format_size({}))
      end)
   end)
end)
