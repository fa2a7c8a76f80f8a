--[=[ gnuplot — Torch7's gnuplot package: plots drawn by the `gnuplot` program (Debian: gnuplot-nox).

   require 'gnuplot'
   gnuplot.pngfigure('loss.png')
   gnuplot.plot({'train', epochs, train_loss, '-'}, {'test', epochs, test_loss, '+'})
   gnuplot.xlabel('epoch'); gnuplot.ylabel('loss'); gnuplot.grid(true)
   gnuplot.plotflush()            -- loss.png is complete when this returns

Each figure is one gnuplot process, fed commands through a pipe. Data goes inline as gnuplot
datablocks ($wick_1, $wick_2, ...), so every later setting (title, labels, grid, axis) redraws
the figure with `replot`, and a file figure's file is rewritten whole each time.

Data: Wick tensors (1-d, 2-d) or plain Lua arrays ({1, 2, 3} or {{x, y}, {x, y}, ...}).

Figures
   gnuplot.figure([n])            select figure n, creating it (a new id when n is nil); returns n.
                                  A window figure (wxt, qt or x11 terminal) needs a display
                                  ($DISPLAY or $WAYLAND_DISPLAY) and a gnuplot built with one of
                                  those terminals. Without them the figure is drawn to nothing:
                                  plotting works and prints nothing, and gnuplot.figprint saves it.
   gnuplot.pngfigure(file [, n])  a figure drawn into a PNG file (pngcairo, else png), 640x480
   gnuplot.svgfigure(file [, n])  ... an SVG file (svg)
   gnuplot.epsfigure(file [, n])  ... an EPS file (postscript eps enhanced color)
   gnuplot.pdffigure(file [, n])  ... a PDF file (pdfcairo, else pdf)
   gnuplot.figprint(file)         saves the current figure; the type from the suffix: .png
                                  (1024x768), .eps, .pdf, .svg
   gnuplot.plotflush([n])         redraws the figure and waits until gnuplot has written it
   gnuplot.close([n]), gnuplot.closeall()   end the gnuplot processes (windows stay open)

Plots
   gnuplot.plot(y)  plot(x, y)  plot(legend, x, y, format)  plot({legend, x, y, format}, {...})
                  format: '-' lines, '+' points, '.' dots, '+-' lines and points, '~' smooth
                  (cubic splines), '~ 0.5' smoothing splines with that weight, '|' boxes, 'v'
                  vectors (x and y two columns each: x, dx and y, dy), anything else is used as
                  gnuplot's `with ...` text. '' (the default) is the data style: lines and points.
                  A 2-d y plots one curve per column; a single 2-d argument is x = its first
                  column and y = the rest. With a custom format ('with filledcurves') the columns
                  all go to that one plot clause instead, which takes what it needs (x y1 y2).
   gnuplot.bar(y) / bar(x, y)     boxes
   gnuplot.hist(x [, bins [, min [, max]]])   histogram of all values of x (100 bins); returns
                  gnuplot.histc's table
   gnuplot.histc(x [, bins [, min [, max]]])  {raw = counts, bins =, binwidth =, min =, max =,
                  [i] = {val = bin centre, nb = count}}, without plotting
   gnuplot.imagesc(z [, palette])  a matrix as an image, row 1 at the top; palette 'gray'
                  (default), 'color', or any gnuplot `set palette` text
   gnuplot.splot(z) / splot({legend, x, y, z}, ...)   surfaces (matrices); z alone is drawn
                  over its row and column numbers
   gnuplot.scatter3(x, y, z) / scatter3({legend, x, y, z}, ...)   points in 3-d (vectors)

Decoration (each redraws the current figure)
   gnuplot.title(s), xlabel(s), ylabel(s), zlabel(s), grid(bool), movelegend(h, v)
   gnuplot.axis('auto' | 'image' | 'equal' | 'fill' | {xmin, xmax, ymin, ymax}) ('' keeps a bound)
   gnuplot.raw(command)           sent as is; a plot/splot/replot command draws the figure

Setup
   gnuplot.setgnuplotexe(path)    the program to run (default: `gnuplot` on PATH)
   gnuplot.setterm(term)          the window terminal to use (must be one gnuplot has)

Unless ~/.gnuplot exists, each figure starts with a small style: lines and points as the data
style, and eight line colours (the Okabe-Ito palette, readable with colour blindness).
`require 'gnuplot'` returns the module and sets the global `gnuplot`, as the Torch7 package does.
A gnuplot that exits on its own (gnuplot.raw('quit')) leaves a broken pipe: close the figure.
]=]

-- luacheck: globals gnuplot

local registry = debug.getregistry()
if registry['wick.gnuplot'] then
   gnuplot = registry['wick.gnuplot']
   return gnuplot
end

local ffi = require 'ffi'
local data = require 'gnuplot.data'

ffi.cdef [[
int wick_gnuplot_usleep(unsigned int microseconds) __asm__("usleep");
]]

local M = {}

local state = {
   exe = nil,           -- the gnuplot program, found on first use
   terminals = nil,     -- set of the terminals it has
   window_term = nil,   -- chosen window terminal, or false when there is none
   figures = {},        -- id -> figure
   current = nil,       -- id of the current figure
}

-- Quoting -----------------------------------------------------------------------------------------

-- For the shell: 'it''s' -> 'it'\''s'.
local function shell_quote(s)
   return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- gnuplot single-quoted strings have no escapes; a quote is doubled.
local function gp_quote(s)
   return "'" .. tostring(s):gsub("'", "''") .. "'"
end

-- Labels go in double quotes, as Torch7 sent them, so gnuplot's escapes (\n) keep working.
local function gp_label(s)
   return '"' .. tostring(s):gsub('"', '\\"') .. '"'
end

-- The program and its terminals ------------------------------------------------------------------

local function file_exists(path)
   local f = io.open(path, 'rb')
   if f then
      f:close()
      return true
   end
   return false
end

local function find_on_path(name)
   for dir in (os.getenv('PATH') or ''):gmatch('[^:]+') do
      local path = dir .. '/' .. name
      if file_exists(path) then
         return path
      end
   end
   return nil
end

local function exe()
   if state.exe == nil then
      state.exe = find_on_path('gnuplot')
      if state.exe == nil then
         error('gnuplot: cannot find the gnuplot program on PATH; install it (Debian: '
            .. 'apt-get install gnuplot-nox) or call gnuplot.setgnuplotexe(path)', 3)
      end
   end
   return state.exe
end

local function terminals()
   if state.terminals == nil then
      local pipe = io.popen(shell_quote(exe()) .. " -e 'print GPVAL_TERMINALS' 2>&1", 'r')
      local text = pipe and pipe:read('*a') or ''
      if pipe then
         pipe:close()
      end
      state.terminals = {}
      for name in text:gmatch('%S+') do
         state.terminals[name] = true
      end
   end
   return state.terminals
end

local function has_terminal(name)
   return terminals()[name] == true
end

local function has_display()
   local display, wayland = os.getenv('DISPLAY'), os.getenv('WAYLAND_DISPLAY')
   return (display ~= nil and display ~= '') or (wayland ~= nil and wayland ~= '')
end

-- The terminal for window figures, or false when windows cannot be shown here.
local function window_terminal()
   if state.window_term == nil then
      state.window_term = false
      if has_display() then
         for _, name in ipairs({ 'wxt', 'qt', 'x11' }) do
            if has_terminal(name) then
               state.window_term = name
               break
            end
         end
      end
   end
   return state.window_term
end

function M.setgnuplotexe(path)
   if not file_exists(path) then
      error('gnuplot.setgnuplotexe: ' .. tostring(path) .. ' does not exist', 2)
   end
   state.exe = path
   state.terminals = nil
   state.window_term = nil
end

function M.setterm(term)
   if not has_terminal(term) then
      error('gnuplot does not seem to have this term: ' .. tostring(term), 2)
   end
   state.window_term = term
end

local STYLE = {
   'set style data linespoints',
   'set style function lines',
   'set samples 300',
   "set linetype 1 linecolor rgb '#0072B2' linewidth 2 pointtype 7 pointsize 1",
   "set linetype 2 linecolor rgb '#D55E00' linewidth 2 pointtype 5 pointsize 1",
   "set linetype 3 linecolor rgb '#009E73' linewidth 2 pointtype 9 pointsize 1",
   "set linetype 4 linecolor rgb '#E69F00' linewidth 2 pointtype 11 pointsize 1",
   "set linetype 5 linecolor rgb '#CC79A7' linewidth 2 pointtype 13 pointsize 1",
   "set linetype 6 linecolor rgb '#56B4E9' linewidth 2 pointtype 7 pointsize 1",
   "set linetype 7 linecolor rgb '#F0E442' linewidth 2 pointtype 5 pointsize 1",
   "set linetype 8 linecolor rgb '#000000' linewidth 2 pointtype 9 pointsize 1",
   'set linetype cycle 8',
}

-- Figures ----------------------------------------------------------------------------------------
-- A figure: { id, pipe, setup = {commands that select its terminal}, file = name or nil,
-- has_plot = whether a plot command was sent }.

local function send(figure, text)
   figure.pipe:write(text, '\n')
end

local function select_terminal(figure)
   for _, command in ipairs(figure.setup) do
      send(figure, command)
   end
end

local function open_figure(id)
   local pipe = io.popen(shell_quote(exe()) .. ' -persist > /dev/null', 'w')
   if pipe == nil then
      error('gnuplot: cannot start ' .. exe(), 3)
   end
   local figure = { id = id, pipe = pipe, has_plot = false }
   local home = os.getenv('HOME')
   if not (home and file_exists(home .. '/.gnuplot')) then
      send(figure, table.concat(STYLE, '\n'))
   end
   state.figures[id] = figure
   return figure
end

local function next_id()
   local id = 1
   while state.figures[id] do
      id = id + 1
   end
   return id
end

-- The figure n (made if needed) as a window figure, or drawn to nothing without a display.
local function window_figure(id)
   local figure = state.figures[id] or open_figure(id)
   local term = window_terminal()
   if term then
      figure.setup = { 'set terminal ' .. term .. ' ' .. id }
   else
      figure.setup = { 'set terminal dumb', "set output '/dev/null'" }
   end
   figure.file = nil
   select_terminal(figure)
   return figure
end

function M.figure(n)
   local id = n or next_id()
   local figure = window_figure(id)
   if window_terminal() then
      send(figure, 'raise')
   end
   figure.pipe:flush()
   state.current = id
   return id
end

local function current_figure()
   if state.current == nil or state.figures[state.current] == nil then
      M.figure()
   end
   return state.figures[state.current]
end

local function file_figure(terminal, file, n)
   if type(file) ~= 'string' then
      error('gnuplot: expected a file name, got ' .. type(file), 3)
   end
   local id = n or next_id()
   local figure = state.figures[id] or open_figure(id)
   figure.file = file
   figure.setup = { 'set terminal ' .. terminal }
   select_terminal(figure)
   state.current = id
   return id
end

function M.pngfigure(file, n)
   return file_figure(has_terminal('pngcairo') and 'pngcairo' or 'png', file, n)
end

function M.svgfigure(file, n)
   return file_figure('svg', file, n)
end

function M.epsfigure(file, n)
   return file_figure('postscript eps enhanced color', file, n)
end

function M.pdffigure(file, n)
   if has_terminal('pdfcairo') then
      return file_figure('pdfcairo enhanced color', file, n)
   elseif has_terminal('pdf') then
      return file_figure('pdf enhanced color', file, n)
   end
   error('gnuplot: this gnuplot has no pdf terminal', 2)
end

-- Drawing: a file figure's output is open only while it draws, so the file is whole afterwards.
local function draw(figure, command)
   if figure.file then
      send(figure, 'set output ' .. gp_quote(figure.file))
      send(figure, command)
      send(figure, 'unset output')
   else
      send(figure, command)
   end
   figure.has_plot = true
   figure.pipe:flush()
end

local function redraw(figure)
   if figure.has_plot then
      draw(figure, 'replot')
   else
      figure.pipe:flush()
   end
end

-- Waits until gnuplot has read everything sent so far: it writes a marker file we poll for.
local function sync(figure)
   local marker = os.tmpname()
   send(figure, 'set print ' .. gp_quote(marker))
   send(figure, "print 'wick-sync'")
   send(figure, 'unset print')
   figure.pipe:flush()
   for _ = 1, 15000 do                  -- 2 ms at a time: up to 30 s
      local f = io.open(marker, 'rb')
      local text = f and f:read('*a') or ''
      if f then
         f:close()
      end
      if text:find('wick-sync', 1, true) then
         break
      end
      ffi.C.wick_gnuplot_usleep(2000)
   end
   os.remove(marker)
end

function M.plotflush(n)
   local figure = state.figures[n or state.current]
   if figure == nil then
      return
   end
   redraw(figure)
   sync(figure)
end

function M.figprint(file)
   local figure = current_figure()
   if not figure.has_plot then
      error('gnuplot.figprint: the current figure has no plot yet', 2)
   end
   local suffix = (file:match('%.([^./]+)$') or ''):lower()
   local terminal
   if suffix == 'png' then
      terminal = (has_terminal('pngcairo') and 'pngcairo' or 'png') .. ' size 1024,768'
   elseif suffix == 'eps' then
      terminal = 'postscript eps enhanced color'
   elseif suffix == 'svg' then
      terminal = 'svg'
   elseif suffix == 'pdf' and (has_terminal('pdfcairo') or has_terminal('pdf')) then
      terminal = (has_terminal('pdfcairo') and 'pdfcairo' or 'pdf') .. ' enhanced color'
   else
      error('gnuplot.figprint: only .png, .eps, .svg and .pdf files (got ' .. file .. ')', 2)
   end
   send(figure, 'set terminal ' .. terminal)
   send(figure, 'set output ' .. gp_quote(file))
   send(figure, 'replot')
   send(figure, 'unset output')
   select_terminal(figure)
   sync(figure)
end

function M.close(n)
   local id = n or state.current
   local figure = id and state.figures[id]
   if figure == nil then
      return
   end
   send(figure, 'quit')
   figure.pipe:close()          -- waits for gnuplot to exit
   state.figures[id] = nil
   if state.current == id then
      state.current = nil
   end
end

function M.closeall()
   local ids = {}
   for id in pairs(state.figures) do
      ids[#ids + 1] = id
   end
   for _, id in ipairs(ids) do
      M.close(id)
   end
   state.current = nil
end

-- Data as datablocks ------------------------------------------------------------------------------

local function number_text(v)
   if v ~= v or v == math.huge or v == -math.huge then
      return 'NaN'                   -- gnuplot skips the point
   end
   return string.format('%.10g', v)
end

-- $name << EOD, one line per row of the columns, EOD.
local function datablock(name, columns)
   local lines = { name .. ' << EOD' }
   local count = #columns
   local row = {}
   for r = 1, #columns[1] do
      for c = 1, count do
         row[c] = number_text(columns[c][r])
      end
      lines[#lines + 1] = table.concat(row, ' ', 1, count)
   end
   lines[#lines + 1] = 'EOD'
   return table.concat(lines, '\n')
end

-- Torch7's format strings -> gnuplot plot options; may add a weight column for '~ COEF'.
local function plot_style(series)
   local f = series.format
   if f ~= '~' and (f:find('~', 1, true) or f:find('acsplines', 1, true)) then
      local coef = tonumber((f:gsub('~', ''):gsub('acsplines', '')))
      if coef == nil then
         error("gnuplot.plot: format strings accepted: '.', '-', '+', '+-', '~', '~ COEF', '|', 'v'", 0)
      end
      local weights = {}
      for r = 1, #series.columns[1] do
         weights[r] = coef
      end
      series.columns = { series.columns[1], series.columns[2], weights }
      return 'using 1:2:3 smooth acsplines'
   end
   if f == '' then
      return ''
   elseif f == '+' or f == 'points' then
      return 'with points'
   elseif f == '.' or f == 'dots' then
      return 'with dots'
   elseif f == '-' or f == 'lines' then
      return 'with lines'
   elseif f == '+-' or f == 'linespoints' then
      return 'with linespoints'
   elseif f == '|' or f == 'boxes' then
      return 'with boxes'
   elseif f == '~' or f == 'csplines' then
      return 'smooth csplines'
   elseif f == 'v' or f == 'V' or f == 'vectors' then
      return 'with vectors'
   end
   return f:match('^%s*with%s') and f or ('with ' .. f)
end

-- plot(...)'s arguments -> a list of series specs: one spec given flat, or several tables.
local function series_specs(...)
   local args = { ... }
   if select('#', ...) == 0 then
      error('gnuplot: no inputs, expecting at least a vector', 3)
   end
   local first = args[1]
   if type(first) == 'table' and not data.is_data(first) then
      if type(first[1]) == 'table' and not data.is_data(first[1]) then
         return first                -- plot({{...}, {...}})
      end
      return args                    -- plot({...}, {...})
   end
   return { args }                   -- plot(x), plot(x, y, '-'), plot('legend', x, y, '-')
end

-- The formats that draw one y column; with more y columns each becomes its own curve. Other
-- formats (a custom 'with filledcurves', vectors) get every column and take what they need.
local ONE_Y = { [''] = true, ['+'] = true, ['.'] = true, ['-'] = true, ['+-'] = true, ['|'] = true,
   ['~'] = true, points = true, dots = true, lines = true, linespoints = true, boxes = true,
   csplines = true }

local function plot_series(list)
   local figure = current_figure()
   local parts = {}
   for i, series in ipairs(list) do
      local style = plot_style(series)
      local name = '$wick_' .. i
      send(figure, datablock(name, series.columns))
      local count = #series.columns
      if count > 2 and ONE_Y[series.format] then
         for k = 2, count do
            local title = series.legend
            if k > 2 and title ~= '' then
               title = title .. ' ' .. (k - 1)
            end
            parts[#parts + 1] = string.format('%s using 1:%d %s title %s', name, k, style, gp_quote(title))
         end
      else
         parts[#parts + 1] = string.format('%s %s title %s', name, style, gp_quote(series.legend))
      end
   end
   draw(figure, 'plot ' .. table.concat(parts, ', '))
end

function M.plot(...)
   local list = {}
   for i, spec in ipairs(series_specs(...)) do
      if type(spec) ~= 'table' then
         error('gnuplot.plot: series ' .. i .. ' is a ' .. type(spec) .. ', expected a table', 2)
      end
      list[i] = data.series(spec)
   end
   plot_series(list)
end

function M.bar(...)
   local args = { ... }
   args[#args + 1] = '|'
   M.plot(args)
end

-- Histograms -------------------------------------------------------------------------------------

function M.histc(x, bins, min, max)
   local values = data.read(x)
   bins = bins or 100
   if #values == 0 then
      error('gnuplot.histc: no values', 2)
   end
   if min == nil or max == nil then
      local lo, hi = math.huge, -math.huge
      for _, v in ipairs(values) do
         if v < lo then lo = v end
         if v > hi then hi = v end
      end
      min, max = min or lo, max or hi
   end
   if max <= min then
      max = min + 1                  -- all values equal: one unit wide
   end
   local width = (max - min) / bins
   local counts = {}
   for b = 1, bins do
      counts[b] = 0
   end
   for _, v in ipairs(values) do
      if v >= min and v <= max then
         local b = math.min(math.floor((v - min) / width) + 1, bins)
         counts[b] = counts[b] + 1
      end
   end
   local h = { bins = bins, binwidth = width, min = min, max = max }
   for b = 1, bins do
      h[b] = { val = min + (b - 0.5) * width, nb = counts[b] }
   end
   local torch = rawget(_G, 'torch')
   if type(torch) == 'table' and torch.Tensor then
      h.raw = torch.Tensor(counts)
   else
      h.raw = counts
   end
   return h
end

function M.hist(x, bins, min, max)
   local h = M.histc(x, bins, min, max)
   local centres, counts = {}, {}
   for b = 1, h.bins do
      centres[b] = h[b].val
      counts[b] = h[b].nb
   end
   plot_series({ { legend = '', format = '|', columns = { centres, counts } } })
   return h
end

-- Matrices and 3-d -------------------------------------------------------------------------------

function M.imagesc(z, palette)
   if z == nil then
      error('gnuplot.imagesc: no inputs, expecting at least a matrix', 2)
   end
   local values, sizes = data.read(z)
   if #sizes ~= 2 then
      error('gnuplot.imagesc: expected a matrix, got ' .. #sizes .. ' dimensions', 2)
   end
   local rows, cols = sizes[1], sizes[2]
   local lines = { '$wick_image << EOD' }
   local row = {}
   for r = 1, rows do
      for c = 1, cols do
         row[c] = number_text(values[(r - 1) * cols + c])
      end
      lines[#lines + 1] = table.concat(row, ' ', 1, cols)
   end
   lines[#lines + 1] = 'EOD'
   local figure = current_figure()
   send(figure, table.concat(lines, '\n'))
   send(figure, 'set palette ' .. (palette or 'gray'))
   -- Ranges given in the command do not stay set for the figure's later plots; the y range
   -- runs downwards so row 1 is at the top, as in a picture.
   draw(figure, string.format('plot [-0.5:%g] [%g:-0.5] $wick_image matrix with image notitle',
      cols - 0.5, rows - 0.5))
end

-- {legend, x, y, z} / {legend, z} / {z} with matrices -> grid columns for splot.
local function surface(spec)
   local legend = ''
   local i = 1
   if type(spec[1]) == 'string' then
      legend, i = spec[1], 2
   end
   local x, y, z = spec[i], spec[i + 1], spec[i + 2]
   if z == nil then
      z, x, y = x, nil, nil
   end
   local zs, sizes = data.read(z)
   if #sizes ~= 2 then
      error('gnuplot.splot: z must be a matrix', 0)
   end
   local rows, cols = sizes[1], sizes[2]
   local xs, ys
   if x ~= nil then
      xs, ys = data.read(x), data.read(y)
      if #xs ~= #zs or #ys ~= #zs then
         error('gnuplot.splot: x, y and z must have the same size', 0)
      end
   end
   local lines = {}
   for r = 1, rows do
      for c = 1, cols do
         local k = (r - 1) * cols + c
         lines[#lines + 1] = string.format('%s %s %s', xs and number_text(xs[k]) or r,
            ys and number_text(ys[k]) or c, number_text(zs[k]))
      end
      lines[#lines + 1] = ''          -- a blank line ends a grid row
   end
   return legend, lines
end

function M.splot(...)
   local specs = series_specs(...)
   local figure = current_figure()
   local parts = {}
   for i, spec in ipairs(specs) do
      local legend, lines = surface(spec)
      local name = '$wick_' .. i
      send(figure, name .. ' << EOD\n' .. table.concat(lines, '\n') .. '\nEOD')
      parts[i] = string.format('%s title %s with lines', name, gp_quote(legend))
   end
   draw(figure, 'splot ' .. table.concat(parts, ', '))
end

function M.scatter3(...)
   local specs = series_specs(...)
   local figure = current_figure()
   local parts = {}
   for i, spec in ipairs(specs) do
      local legend, k = '', 1
      if type(spec[1]) == 'string' then
         legend, k = spec[1], 2
      end
      local xs, ys, zs = data.vector(spec[k]), data.vector(spec[k + 1]), data.vector(spec[k + 2])
      if #xs ~= #ys or #xs ~= #zs then
         error('gnuplot.scatter3: x, y and z must be the same size', 2)
      end
      local name = '$wick_' .. i
      send(figure, datablock(name, { xs, ys, zs }))
      parts[i] = string.format('%s title %s with points', name, gp_quote(legend))
   end
   draw(figure, 'splot ' .. table.concat(parts, ', '))
end

-- Decoration -------------------------------------------------------------------------------------

local function set_and_redraw(...)
   local figure = current_figure()
   for i = 1, select('#', ...) do
      send(figure, (select(i, ...)))
   end
   redraw(figure)
end

function M.title(s) set_and_redraw('set title ' .. gp_label(s)) end
function M.xlabel(s) set_and_redraw('set xlabel ' .. gp_label(s)) end
function M.ylabel(s) set_and_redraw('set ylabel ' .. gp_label(s)) end
function M.zlabel(s) set_and_redraw('set zlabel ' .. gp_label(s)) end

function M.grid(toggle)
   set_and_redraw(toggle and 'set grid' or 'unset grid')
end

function M.movelegend(hloc, vloc)
   if hloc ~= 'left' and hloc ~= 'right' and hloc ~= 'center' then
      error('gnuplot.movelegend: horizontal location must be left, right or center', 2)
   end
   if vloc ~= 'bottom' and vloc ~= 'top' and vloc ~= 'middle' then
      error('gnuplot.movelegend: vertical location must be bottom, top or middle', 2)
   end
   set_and_redraw('set key ' .. hloc .. ' ' .. vloc)
end

function M.axis(axis)
   if axis == 'auto' then
      set_and_redraw('set size noratio', 'set autoscale')
   elseif axis == 'image' or axis == 'equal' then
      set_and_redraw('set size ratio -1')
   elseif axis == 'fill' then
      set_and_redraw('set size noratio')
   elseif type(axis) == 'table' and #axis == 4 then
      local b = {}
      for i = 1, 4 do
         b[i] = axis[i] == '' and '' or tostring(axis[i])
      end
      set_and_redraw('set xrange [' .. b[1] .. ':' .. b[2] .. ']',
         'set yrange [' .. b[3] .. ':' .. b[4] .. ']')
   else
      error("gnuplot.axis: expected 'auto', 'image', 'equal', 'fill' or {xmin, xmax, ymin, ymax}", 2)
   end
end

function M.raw(command)
   local figure = current_figure()
   if command:match('^%s*s?plot%s') or command:match('^%s*replot') then
      draw(figure, command)
   else
      send(figure, command)
      figure.pipe:flush()
   end
end

registry['wick.gnuplot'] = M
gnuplot = M
return M
