--[=[ torch.CmdLine — Torch7's command-line option parser, with run naming and a logging print.

   local cmd = torch.CmdLine()
   cmd:text('Train a model')
   cmd:text('Options:')
   cmd:option('-lr', 0.1, 'learning rate')        -- a number option: -lr 0.01
   cmd:option('-model', 'mlp', 'mlp | cnn')       -- a string option: -model cnn
   cmd:option('-cuda', false, 'use CUDA')         -- a boolean option is a flag: -cuda (no value)
   cmd:argument('data', 'the data directory')     -- a positional argument, required
   local opt = cmd:parse(arg)                     -- {lr = 0.1, model = 'mlp', cuda = false, data = ...}

Methods (as Torch7's CmdLine):
   torch.CmdLine([argseparator [, keyseparator]])   separators for :string(), default ',' and '='
   cmd:text([s])                  a line of help text ('' when s is nil)
   cmd:option(name, default, help [, type])
                                  name starts with '-' ('--name' works too); the type is the
                                  default's type unless given: 'number', 'string' or 'boolean'.
                                  A boolean option takes no value: giving it flips the default.
   cmd:argument(name, help [, type])
                                  a positional argument; every declared one must be given
   cmd:default()                  the table of defaults (option names without their dashes)
   cmd:parse(arg)                 the options table. -h, -help or --help prints the help and
                                  exits with status 0. A bad command line prints the problem on
                                  stderr, then the help, and exits with status 1.
   cmd:help([arg])                prints the help; 'Usage: <arg[0]> [options] <argument>...'
   cmd:string(prefix, params [, ignore])
                                  prefix .. ',' .. 'key=value' for each option that differs from
                                  its default (sorted; booleans as t/f; the keys of `ignore` left
                                  out), positional arguments first: a name for a run directory.
   cmd:log(file, params)          from now on the global print also writes to `file` (a name or an
                                  open file); writes a header and the params into it
   cmd:silent()                   the print that :log installs writes to the log file only
   cmd:addTime([name [, format]]) prefixes each log file line with os.date(format) .. '[name]: '
                                  (format '%F %T' by default); the screen output is unchanged

The help text matches Torch7 character for character: options are padded to the longest name, and
each ends with its default in brackets:

   Usage: [options]
   Train a model
   Options:
     -lr    learning rate [0.1]
     -model mlp | cnn [mlp]
     -cuda  use CUDA [false]

Where Wick differs from Torch7, on purpose:
 - cmd:argument(name, help, 'number') converts the value with tonumber (Torch7 compared the type of
   the string to 'number' and so always refused it).
 - Log file lines separate print's arguments with tabs, as print does on the screen, and the
   parameters in the log header are sorted by name.
 - The help printed after a parse error names the program (arg[0]), as the -h help does.

Wiring: this file returns the constructor table. If a global `torch` table exists when it is
loaded, the class is also set there as torch.CmdLine; otherwise init.lua does
`torch.CmdLine = require 'torch.CmdLine'`. Output goes through io.write and io.stderr, looked up
at each call, so a caller can redirect it; exits go through os.exit, looked up the same way.
]=]

local registry = debug.getregistry()
if registry['wick.torch.CmdLine'] then
   return registry['wick.torch.CmdLine']
end

local class = require 'torch.class'

local home = rawget(_G, 'torch')
if type(home) ~= 'table' then
   home = {}
end
local CmdLine = class.class('torch.CmdLine', home)

-- '--lr' -> 'lr': the key of an option in the params table.
local function strip(key)
   return (key:match('^%-*(.*)$'))
end

local function pad(s, width)
   return s .. string.rep(' ', width - #s)
end

function CmdLine:__init(argseparator, keyseparator)
   self.argseparator = argseparator or ','
   self.keyseparator = keyseparator or '='
   self.options = {}      -- '-lr' -> {key=, default=, help=, type=}
   self.arguments = {}    -- in order: {key=, help=, type=}
   self.helplines = {}    -- strings (text lines) and option/argument records, in order given
end

-- Prints the problem, then the help, and exits with status 1 (Torch7's CmdLine:error). Stdout is
-- flushed around the message so the three parts reach a terminal in order.
function CmdLine:error(message)
   io.write('\n')
   io.stdout:flush()
   io.stderr:write(message)
   io.write('\n')
   self:help(self.parsing)
   os.exit(1)
end

function CmdLine:text(s)
   self.helplines[#self.helplines + 1] = s or ''
end

function CmdLine:option(key, default, help, kind)
   if type(key) ~= 'string' or key:sub(1, 1) ~= '-' then
      error('option should start with - (got ' .. tostring(key) .. ')', 2)
   end
   if self.options[key] then
      error('duplicate option ' .. key, 2)
   end
   kind = kind or type(default)
   local record = { key = key, default = default, help = help, type = kind }
   self.options[key] = record
   self.helplines[#self.helplines + 1] = record
end

function CmdLine:argument(key, help, kind)
   if type(key) ~= 'string' then
      error('argument name should be a string (got ' .. type(key) .. ')', 2)
   end
   for _, argument in ipairs(self.arguments) do
      if argument.key == key then
         error('duplicate argument ' .. key, 2)
      end
   end
   local record = { key = key, help = help, type = kind, is_argument = true }
   self.arguments[#self.arguments + 1] = record
   self.helplines[#self.helplines + 1] = record
end

function CmdLine:default()
   local params = {}
   for key, option in pairs(self.options) do
      params[strip(key)] = option.default
   end
   return params
end

-- Reads the option at arg[i] into params; returns how many entries of arg it used.
function CmdLine:__readOption__(params, arg, i)
   local key = arg[i]
   local option = self.options[key]
   if option.type == 'boolean' then
      params[strip(key)] = not option.default
      return 1
   end
   local value = arg[i + 1]
   if value == nil then
      self:error('missing argument for option ' .. key)
   end
   if option.type == 'number' then
      value = tonumber(value)
      if value == nil then
         self:error('invalid type for option ' .. key .. ' (should be number)')
      end
   elseif option.type ~= 'string' and option.type ~= 'nil' then
      self:error('unknown required option type ' .. tostring(option.type))
   end
   params[strip(key)] = value
   return 2
end

-- Reads the n-th positional argument from arg[i].
function CmdLine:__readArgument__(params, arg, i, n)
   local argument = self.arguments[n]
   local value = arg[i]
   if argument == nil then
      self:error('invalid argument: ' .. tostring(value))
   end
   if argument.type == 'number' then
      value = tonumber(value)
      if value == nil then
         self:error('invalid type for argument ' .. argument.key .. ' (should be number)')
      end
   end
   params[strip(argument.key)] = value
   return 1
end

function CmdLine:parse(arg)
   arg = arg or {}
   self.parsing = arg          -- for the help that an error prints (it names arg[0])
   local params = self:default()
   local count = 0
   local i = 1
   while i <= #arg do
      local word = arg[i]
      if word == '-h' or word == '-help' or word == '--help' then
         self:help(arg)
         os.exit(0)
         return params     -- reached only where os.exit was replaced (tests)
      end
      if self.options[word] then
         i = i + self:__readOption__(params, arg, i)
      else
         count = count + 1
         i = i + self:__readArgument__(params, arg, i, count)
      end
   end
   if count ~= #self.arguments then
      self:error('not enough arguments')
   end
   self.parsing = nil
   return params
end

function CmdLine:help(arg)
   local out = { 'Usage: ' }
   if type(arg) == 'table' and arg[0] ~= nil then
      out[#out + 1] = tostring(arg[0]) .. ' '
   end
   out[#out + 1] = '[options]'
   for _, argument in ipairs(self.arguments) do
      out[#out + 1] = ' <' .. strip(argument.key) .. '>'
   end
   out[#out + 1] = '\n'

   -- Names line up: options as written ('-lr'), arguments as '<name>'.
   local width = 0
   for _, line in ipairs(self.helplines) do
      if type(line) == 'table' then
         local shown = line.is_argument and ('<' .. strip(line.key) .. '>') or line.key
         width = math.max(width, #shown)
      end
   end
   for _, line in ipairs(self.helplines) do
      if type(line) == 'table' then
         out[#out + 1] = '  '
         if line.is_argument then
            out[#out + 1] = pad('<' .. strip(line.key) .. '>', width)
            if line.help then
               out[#out + 1] = ' ' .. line.help
            end
         else
            out[#out + 1] = pad(line.key, width)
            if line.help then
               out[#out + 1] = ' ' .. line.help
            end
            out[#out + 1] = ' [' .. tostring(line.default) .. ']'
         end
      else
         out[#out + 1] = line
      end
      out[#out + 1] = '\n'
   end
   io.write(table.concat(out))
end

function CmdLine:string(prefix, params, ignore)
   prefix = prefix or ''
   ignore = ignore or {}
   local arguments, options = {}, {}
   for key, value in pairs(params) do
      if not ignore[key] then
         local option = self.options['-' .. key] or self.options['--' .. key]
         if option then
            if value ~= option.default then
               if type(value) == 'boolean' then
                  value = value and 't' or 'f'
               end
               options[#options + 1] = key .. self.keyseparator .. tostring(value)
            end
         else
            for n, argument in ipairs(self.arguments) do
               if strip(argument.key) == key then
                  arguments[n] = key .. self.keyseparator .. tostring(value)
               end
            end
         end
      end
   end
   table.sort(options)
   local parts = {}
   for n = 1, #self.arguments do
      if arguments[n] then
         parts[#parts + 1] = arguments[n]
      end
   end
   for _, option in ipairs(options) do
      parts[#parts + 1] = option
   end
   if #parts == 0 then
      return prefix
   end
   return prefix .. self.argseparator .. table.concat(parts, self.argseparator)
end

function CmdLine:silent()
   self.silentio = true
end

function CmdLine:addTime(name, format)
   format = format or '%F %T'
   name = name or ''
   if name ~= '' then
      self.dateformat = format .. '[' .. name .. ']: '
   else
      self.dateformat = format .. ': '
   end
end

local function sorted_keys(t)
   local keys = {}
   for key in pairs(t) do
      keys[#keys + 1] = key
   end
   table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
   return keys
end

function CmdLine:log(file, params)
   local f = file
   if io.type(file) ~= 'file' then
      local err
      f, err = io.open(file, 'w')
      if not f then
         error('CmdLine:log: cannot open ' .. tostring(file) .. ': ' .. tostring(err), 2)
      end
   end
   self.logfile = f
   local screen_print = print
   local cmd = self
   -- Replaces the global print, as Torch7 does: every print from here on is teed to the file.
   _G.print = function(...)
      if not cmd.silentio then
         screen_print(...)
      end
      local n = select('#', ...)
      local words = {}
      for k = 1, n do
         words[k] = tostring((select(k, ...)))
      end
      local line = table.concat(words, '\t')
      if cmd.dateformat then
         line = os.date(cmd.dateformat) .. line
      end
      f:write(line, '\n')
      f:flush()
   end
   print('[program started on ' .. os.date() .. ']')
   print('[command line arguments]')
   if params then
      for _, key in ipairs(sorted_keys(params)) do
         print(key, params[key])
      end
   end
   print('[----------------------]')
end

local constructor = home.CmdLine
registry['wick.torch.CmdLine'] = constructor
return constructor
