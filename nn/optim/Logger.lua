--[[ optim.Logger — logs named values to a text file, one row per add, and plots them (Torch7's).

   local logger = optim.Logger('train.log')     -- no file name: rows are only kept in memory
   logger:setNames{'loss', 'accuracy'}
   logger:add{0.52, 0.81}                        -- or, without setNames: logger:add{loss = 0.52}
   logger:style{'-', '-'}                        -- gnuplot styles: '-' lines, '+' points, ...
   logger:plot()                                 -- writes <file>.png with gnuplot

File format as Torch7's: the names separated by tabs on the first row, then each row's values
written '%11.4e' (numbers) or as is (strings), each followed by a tab. Fields: name, file,
names, symbols (name -> list of values), styles, showPlot (false in Wick: PNG only).
]]

require 'torch'

local Logger = torch.class('optim.Logger')

function Logger:__init(filename, timestamp)
   if filename then
      self.name = filename
      if timestamp then
         self.name = self.name .. '-' .. os.date('%Y_%m_%d_%X')
      end
      local dir = self.name:match('^(.*)/[^/]*$')
      if dir then os.execute("mkdir -p '" .. dir .. "'") end
      self.file = io.open(self.name, 'w')
      if not self.file then
         error("optim.Logger: cannot open '" .. self.name .. "' for writing", 2)
      end
   else
      self.name = 'unnamed'
   end
   self.symbols = {}
   self.styles = {}
   self.names = {}
   self.idx = nil
   self.showPlot = false
   self.figure = nil
end

function Logger:setNames(names)
   self.names = names
   self.idx = {}
   self.symbols = {}
   for i, name in ipairs(names) do
      self.idx[name] = i
      self.symbols[i] = {}
      if self.file then self.file:write(name .. '\t') end
   end
   if self.file then
      self.file:write('\n')
      self.file:flush()
   end
   return self
end

local function cell(v)
   if type(v) == 'number' then
      return string.format('%11.4e', v)
   end
   return tostring(v)
end

function Logger:add(symbols)
   if not self.idx then
      local names = {}
      for k in pairs(symbols) do names[#names + 1] = k end
      table.sort(names, function(a, b) return tostring(a) < tostring(b) end)
      self:setNames(names)
   end
   local row = {}
   for k, v in pairs(symbols) do
      local i = type(k) == 'number' and self.names[k] and k or self.idx[k]
      if not i then
         error("optim.Logger: unknown name '" .. tostring(k) .. "' (names: " .. table.concat(self.names, ', ') .. ')', 2)
      end
      row[i] = v
      table.insert(self.symbols[i], v)
   end
   if self.file then
      for i = 1, #self.names do
         if row[i] ~= nil then self.file:write(cell(row[i]) .. '\t') end
      end
      self.file:write('\n')
      self.file:flush()
   end
   return self
end

function Logger:style(styles)
   for k, v in pairs(styles) do
      local i = type(k) == 'number' and k or (self.idx and self.idx[k])
      if i then self.styles[i] = v end
   end
   return self
end

function Logger:display(show)
   self.showPlot = show and true or false
   return self
end

-- Plots every numeric series (or those named) against its row number into <file>.png.
function Logger:plot(...)
   local names = {...}
   if #names == 0 then names = self.names end
   require 'gnuplot'
   local lines = {}
   for _, name in ipairs(names) do
      local i = self.idx and self.idx[name]
      local vals = i and self.symbols[i]
      if vals and #vals > 0 and type(vals[1]) == 'number' then
         local y = torch.DoubleTensor(vals)
         lines[#lines + 1] = {tostring(name), torch.range(1, #vals):double(), y, self.styles[i] or '-'}
      end
   end
   if #lines == 0 then return self end
   gnuplot.pngfigure(self.name .. '.png')
   gnuplot.plot(lines)
   gnuplot.plotflush()
   return self
end

return optim.Logger
