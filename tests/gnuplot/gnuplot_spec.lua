-- gnuplot (lua/gnuplot/): plots rendered by the gnuplot program into PNG and SVG files, checked
-- by their headers; the argument grammar; histograms. Needs the `gnuplot` program (Debian:
-- gnuplot-nox); without it the rendering specs are pending. Tensors are tried when the tensor
-- library loads.

local has_torch = pcall(require, 'torch')
local gnuplot = require 'gnuplot'
local data = require 'gnuplot.data'

local function on_path(name)
   for dir in (os.getenv('PATH') or ''):gmatch('[^:]+') do
      local f = io.open(dir .. '/' .. name, 'rb')
      if f then
         f:close()
         return true
      end
   end
   return false
end

local has_gnuplot = on_path('gnuplot')

local function read_file(path)
   local f = io.open(path, 'rb')
   if not f then
      return nil
   end
   local text = f:read('*a')
   f:close()
   return text
end

-- A temporary file name with the given suffix (removed by the caller).
local function temp_name(suffix)
   local base = os.tmpname()
   os.remove(base)
   return base .. suffix
end

local PNG_SIGNATURE = '\137PNG\r\n\26\n'

-- Width and height from a PNG's IHDR chunk (the first chunk, right after the signature).
local function png_size(bytes)
   assert.are.equal(PNG_SIGNATURE, bytes:sub(1, 8))
   assert.are.equal('IHDR', bytes:sub(13, 16))
   local function u32(at)
      local a, b, c, d = bytes:byte(at, at + 3)
      return ((a * 256 + b) * 256 + c) * 256 + d
   end
   return u32(17), u32(21)
end

local function series(n, f)
   local xs, ys = {}, {}
   for i = 1, n do
      xs[i] = i
      ys[i] = f(i)
   end
   return xs, ys
end

describe('gnuplot', function()
   it('sets the global gnuplot, as Torch7 scripts expect', function()
      assert.are.equal(gnuplot, rawget(_G, 'gnuplot'))
   end)

   describe('data', function()
      it('reads Lua arrays as vectors and matrices', function()
         local values, sizes = data.read({ 1, 2, 3 })
         assert.are.same({ 1, 2, 3 }, values)
         assert.are.same({ 3 }, sizes)
         values, sizes = data.read({ { 1, 2 }, { 3, 4 }, { 5, 6 } })
         assert.are.same({ 1, 2, 3, 4, 5, 6 }, values)
         assert.are.same({ 3, 2 }, sizes)
         assert.are.same({ { 1, 3, 5 }, { 2, 4, 6 } }, (data.columns({ { 1, 2 }, { 3, 4 }, { 5, 6 } })))
      end)

      it('does not take a series table for a matrix', function()
         assert.is_true(data.is_array({ { 1, 2 }, { 3, 4 } }))
         assert.is_false(data.is_array({ { 1, 2, 3 }, '|' }))
         assert.is_false(data.is_array({ 'legend', { 1, 2 } }))
         assert.is_false(data.is_array({}))
      end)

      it('refuses ragged rows and things that are not data', function()
         assert.has_error(function() data.read({ { 1, 2 }, { 3 } }) end)
         assert.has_error(function() data.read('abc') end)
      end)

      it("splits plot arguments by Torch7's grammar: [legend,] x [, y] [, format]", function()
         local s = data.series({ 'train', { 1, 2, 3 }, { 4, 5, 6 }, '-' })
         assert.are.same({ legend = 'train', format = '-', columns = { { 1, 2, 3 }, { 4, 5, 6 } } }, s)
         s = data.series({ { 7, 8 } })
         assert.are.same({ legend = '', format = '', columns = { { 1, 2 }, { 7, 8 } } }, s)
         s = data.series({ 'y', { 7, 8 }, '+' })
         assert.are.same({ legend = 'y', format = '+', columns = { { 1, 2 }, { 7, 8 } } }, s)
         s = data.series({ { { 1, 10, 100 }, { 2, 20, 200 } } })
         assert.are.same({ { 1, 2 }, { 10, 20 }, { 100, 200 } }, s.columns)
         assert.has_error(function() data.series({ 'a', 'b' }) end)
         assert.has_error(function() data.series({ { 1, 2 }, { 1, 2, 3 } }) end)
      end)

      it('reads tensors, strided views included', function()
         if not has_torch then
            pending('needs the tensor library')
            return
         end
         local t = torch.Tensor({ { 1, 2, 3 }, { 4, 5, 6 } })
         local values, sizes = data.read(t:t())
         assert.are.same({ 1, 4, 2, 5, 3, 6 }, values)
         assert.are.same({ 3, 2 }, sizes)
         assert.is_true(data.is_data(torch.FloatTensor({ 1 })))
         assert.are.same({ 1, 2 }, data.vector(torch.LongTensor({ { 1, 2 } })))
      end)
   end)

   describe('histc', function()
      it('counts values into equal bins between the smallest and the largest', function()
         local h = gnuplot.histc({ 0, 1, 1, 2, 3, 4, 4, 4 }, 4)
         assert.are.equal(4, h.bins)
         assert.are.equal(1, h.binwidth)
         assert.are.same({ 1, 2, 1, 4 }, { h[1].nb, h[2].nb, h[3].nb, h[4].nb })
         assert.are.same({ 0.5, 1.5, 2.5, 3.5 }, { h[1].val, h[2].val, h[3].val, h[4].val })
      end)

      it('leaves out values outside the range given', function()
         local h = gnuplot.histc({ -5, 0.5, 1.5, 9 }, 2, 0, 2)
         assert.are.same({ 1, 1 }, { h[1].nb, h[2].nb })
      end)
   end)

   describe('rendering', function()
      if not has_gnuplot then
         pending('needs the gnuplot program (apt-get install gnuplot-nox)')
         return
      end

      local files = {}
      local function output(suffix)
         local name = temp_name(suffix)
         files[#files + 1] = name
         return name
      end

      after_each(function()
         gnuplot.closeall()
         for _, name in ipairs(files) do
            os.remove(name)
         end
         files = {}
      end)

      it('draws two series into a PNG file that is complete when plotflush returns', function()
         local file = output('.png')
         local x, train = series(50, function(i) return math.exp(-i / 15) end)
         local _, test = series(50, function(i) return math.exp(-i / 20) + 0.05 * math.sin(i) end)
         local id = gnuplot.pngfigure(file)
         assert.are.equal('number', type(id))
         gnuplot.plot({ 'train', x, train, '-' }, { 'test', x, test, '+' })
         gnuplot.xlabel('epoch')
         gnuplot.ylabel('loss')
         gnuplot.title("it's a \"title\"")
         gnuplot.grid(true)
         gnuplot.plotflush()
         local bytes = read_file(file)
         assert.truthy(bytes, 'no file written')
         assert.is_true(#bytes > 1000, #bytes .. ' bytes')
         local width, height = png_size(bytes)
         assert.are.equal(640, width)
         assert.are.equal(480, height)
      end)

      it('draws into an SVG file', function()
         local file = output('.svg')
         local x, y = series(20, function(i) return i * i end)
         gnuplot.svgfigure(file)
         gnuplot.plot({ 'squares', x, y, '~' }, { 'dots', x, y, '.' })
         gnuplot.plotflush()
         local text = read_file(file)
         assert.truthy(text, 'no file written')
         assert.truthy(text:find('<svg', 1, true))
         assert.truthy(text:find('squares', 1, true))
         assert.truthy(text:find('</svg>', 1, true))
      end)

      it('draws a single vector against its indexes, and every plot form Torch7 has', function()
         local file = output('.png')
         gnuplot.pngfigure(file)
         local x, y = series(30, math.sin)
         gnuplot.plot(y)
         gnuplot.plot(x, y)
         gnuplot.plot('legend', x, y, '+-')
         gnuplot.plot({ { 'a', x, y }, { 'b', y, '|' } })
         gnuplot.plot({ 'matrix', { { 1, 1, 2 }, { 2, 4, 3 }, { 3, 9, 4 } } })
         gnuplot.plot({ 'smooth', x, y, '~ 1e-3' })
         gnuplot.bar({ 3, 1, 4, 1, 5 })
         gnuplot.bar(x, y)
         gnuplot.axis({ 0, 40, '', '' })
         gnuplot.axis('auto')
         gnuplot.movelegend('left', 'top')
         gnuplot.plotflush()
         assert.are.equal(640, (png_size(read_file(file))))
      end)

      it('saves the current figure with figprint, at 1024x768 for PNG', function()
         local file = output('.png')
         gnuplot.figure()
         gnuplot.plot({ 1, 4, 9, 16 })
         gnuplot.figprint(file)
         local width, height = png_size(read_file(file))
         assert.are.equal(1024, width)
         assert.are.equal(768, height)
      end)

      it('draws histograms and images', function()
         local hist_file, image_file = output('.png'), output('.png')
         gnuplot.pngfigure(hist_file)
         local values = {}
         for i = 1, 1000 do
            values[i] = math.sin(i) + math.cos(i * 0.7)
         end
         local h = gnuplot.hist(values, 20)
         assert.are.equal(20, h.bins)
         gnuplot.plotflush()
         assert.are.equal(640, (png_size(read_file(hist_file))))

         gnuplot.pngfigure(image_file)
         local m = {}
         for r = 1, 10 do
            m[r] = {}
            for c = 1, 15 do
               m[r][c] = r * c
            end
         end
         gnuplot.imagesc(m, 'color')
         gnuplot.plotflush()
         assert.are.equal(640, (png_size(read_file(image_file))))
      end)

      it('plots tensors', function()
         if not has_torch then
            pending('needs the tensor library')
            return
         end
         local file = output('.png')
         local x = torch.range(1, 10)
         local y = torch.Tensor(10)
         for i = 1, 10 do
            y[i] = i * i
         end
         gnuplot.pngfigure(file)
         gnuplot.plot({ 'squares', x, y, '-' }, { 'matrix', torch.Tensor({ { 1, 2, 3 }, { 2, 3, 4 } }) })
         gnuplot.imagesc(torch.Tensor({ { 1, 2 }, { 3, 4 } }))
         local h = gnuplot.hist(y, 5)
         assert.are.equal('torch.DoubleTensor', torch.type(h.raw))
         gnuplot.plotflush()
         assert.are.equal(640, (png_size(read_file(file))))
      end)

      it('reports argument errors as Lua errors', function()
         assert.has_error(function() gnuplot.plot() end)
         assert.has_error(function() gnuplot.plot({ 'a', 'b' }) end)
         assert.has_error(function() gnuplot.movelegend('up', 'top') end)
         assert.has_error(function() gnuplot.axis('sideways') end)
         assert.has_error(function() gnuplot.imagesc({ 1, 2, 3 }) end)
      end)
   end)
end)
