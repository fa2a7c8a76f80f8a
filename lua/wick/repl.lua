--[[ wick.repl — the read-eval-print loop of `wick` and `th`.

   require('wick.repl').run{ banner = 'Wick 0.1' }

   > 1 + 1                 an expression prints its value (no `=` or `return` needed)
   2
   > t = torch.FloatTensor(2, 2):fill(1)      a statement prints nothing, nor does a line
   > t:sum();                                 ending in ';' (it is compiled as a statement)
   > t                     tensors print in Torch7's format, tables as coloured trees,
    1  1                   nn modules as their tree (wick/pretty.lua)
    1  1
   [torch.FloatTensor of size 2x2]

   > for i = 1, 2 do       an incomplete chunk continues on the next line with `>> `
   >>   print(i)
   >> end
   > error('x')            an error prints its message and traceback; the session goes on
   > ?torch.cat            documentation (wick/help.lua); `?` alone: how to use the REPL
   > $ ls                  a shell command

In a terminal, lines are read with GNU readline (wick/readline.lua): editing, history kept in
~/.wick_history across sessions, TAB completion (wick/complete.lua). Ctrl-C stops a running
command, keeping the session's variables (wick/interrupt.lua explains how, and what it costs);
at the prompt it clears the line, or the unfinished statement. Ctrl-D leaves.

Elsewhere (stdin a pipe or a file), lines come from io.read, prompts are still printed, and
there is no colour and no Ctrl-C handling: `wick -i < commands.lua` reads like a transcript.

Options of run(), all optional:
   banner           printed first
   prompt, prompt2  '> ' and '>> '
   read_line        function(prompt) -> line, or nil at the end: replaces the line reader
   readline         false: never use GNU readline (default: when stdin and stdout are terminals)
   history          the history file (default $WICK_HISTORY, else ~/.wick_history; '' for none)
   history_size     lines kept (default $WICK_HISTORY_SIZE, else 1000)
   color            colour results (default: wick.pretty.use_color(), i.e. a terminal without
                    NO_COLOR)
]]

local ffi = require 'ffi'
local pretty = require 'wick.pretty'
local help = require 'wick.help'
local interrupt = require 'wick.interrupt'

local repl = {}

local function default_read_line(prompt)
   io.write(prompt)
   io.flush()
   return io.read('*l')
end

local function isatty(fd)
   pcall(ffi.cdef, 'int isatty(int fd);')
   local ok, result = pcall(function() return ffi.C.isatty(fd) end)
   return ok and result == 1
end

-- A chunk that failed only because input ended too early ("'end' expected near '<eof>'",
-- "unfinished long string near '<eof>'") waits for more lines. A short string cannot go on
-- past the end of its line, so "unfinished string near '<eof>'" is an error at once.
local function is_incomplete(message)
   return message:find("<eof>'?$") ~= nil and not message:find('unfinished string', 1, true)
end
repl.is_incomplete = is_incomplete

-- Compiles the input: as an expression list first, so `1 + 1` prints 2, else as statements.
-- Returns the chunk, or nil and the compile error of the statement form.
-- The expressions go through select(1, ...), which returns them all: a plain `return f()` is
-- a tail call, and LuaJIT then loses the frame that error() positions come from
-- ("stdin:1: bad" would print as "bad"). The newline before `)` keeps a trailing comment from
-- swallowing it. A line ending in ';' is no expression list, so it runs as a statement and
-- prints nothing.
function repl.compile(source)
   local chunk = load('return select(1, ' .. source .. '\n)', '=stdin')
   if chunk then
      return chunk
   end
   return load(source, '=stdin')
end

-- The error handler: the message and the traceback from where the error was raised, without
-- the REPL's own frames (everything from the xpcall that ran the input on). An interrupt is
-- raised by wick/interrupt.lua's hook: its frames (error, the hook) are skipped too.
local function traceback(message)
   local level = 2
   if type(message) ~= 'string' then
      local mt = getmetatable(message)
      if mt and mt.__tostring then
         message = tostring(message)
      else
         message = '(error object is a ' .. type(message) .. ' value)'
      end
   elseif message:sub(-#interrupt.MESSAGE) == interrupt.MESSAGE then
      level = 4
   end
   local trace = debug.traceback(message, level)
   local cut = trace:find("\n%s*%[C%]: in function 'xpcall'")
   return cut and trace:sub(1, cut - 1) or trace
end

local function report_error(message, color)
   io.stdout:flush()
   if color then
      local first, rest = message:match('^([^\n]*)(.*)$')
      message = '\27[31m' .. first .. '\27[0m' .. rest
   end
   io.stderr:write(message, '\n')
   io.stderr:flush()
end

local function pack(...)
   return { n = select('#', ...), ... }
end

-- Runs one compiled chunk (interruptible by Ctrl-C when interrupts are installed); prints its
-- results or its error. Returns true when it succeeded.
function repl.execute(chunk, options)
   options = options or {}
   local results = pack(interrupt.call(chunk, traceback))
   if not results[1] then
      local message = tostring(results[2])
      if options.terminal and message:find(interrupt.MESSAGE, 1, true) then
         message = '\n' .. message     -- below the ^C the terminal echoed
      end
      report_error(message, options.error_color)
      return false
   end
   if results.n > 1 then
      local printed = pack(interrupt.call(pretty.results, traceback, results.n - 1, { unpack(results, 2, results.n) },
         { color = options.color }))
      if printed[1] then
         io.write(printed[2], '\n')
         io.flush()
      else
         report_error('error printing the result: ' .. tostring(printed[2]), options.error_color)
      end
   end
   return true
end

-- `?name` shows the documentation of what the expression gives; `?t:narrow` reads as t.narrow.
local function show_help(expression)
   expression = expression:gsub('^%s+', ''):gsub('%s+$', '')
   if expression == '' then
      help.show()
      return
   end
   local lookup = expression:gsub('^([%w_.]+):([%a_][%w_]*)$', '%1.%2')
   local chunk = load('return ' .. lookup, '=stdin')
   if not chunk then
      help.show(lookup, expression)
      return
   end
   local ok, value = interrupt.call(chunk, traceback)
   if not ok or value == nil then
      help.show(lookup, expression)        -- a name documented but not loaded (yet)
   else
      help.show(value, expression)
   end
end

local function run_shell(command)
   io.stdout:flush()
   os.execute(command)
end

-- The line reader for a terminal: GNU readline with history and completion, or nil and why not.
local function open_readline(options, interrupts)
   local history = options.history
   if history == nil then
      history = os.getenv('WICK_HISTORY')
      if history == nil then
         local home = os.getenv('HOME')
         history = home and home ~= '' and (home .. '/.wick_history') or ''
      end
   end
   local size = options.history_size or tonumber(os.getenv('WICK_HISTORY_SIZE') or '') or 1000
   local complete = require 'wick.complete'
   return require('wick.readline').open({
      name = 'wick',
      history = history ~= '' and history or nil,
      history_size = size,
      complete = function(line, start, text) return complete.candidates(line, start, text, _G) end,
      interrupted = interrupts and interrupt.pending or nil,
   })
end

function repl.run(options)
   options = options or {}
   local prompt, prompt2 = options.prompt or '> ', options.prompt2 or '>> '
   local terminal = isatty(0) and isatty(1)
   local install_ok, install_err = true, nil
   if terminal then
      install_ok, install_err = interrupt.install()
   end
   local reader, why_not
   if not options.read_line and terminal and options.readline ~= false then
      reader, why_not = open_readline(options, install_ok)
   end
   local read_line = options.read_line or default_read_line
   local add_history = function() end
   if reader then
      read_line = function(p) return reader:read(p) end
      add_history = function(line) reader:add_history(line) end
   end

   local color = options.color
   if color == nil then
      color = pretty.use_color(io.stdout)
   end
   local exec_options = { color = color, error_color = color and pretty.use_color(io.stderr), terminal = terminal }

   if rawget(_G, 'help') == nil then
      rawset(_G, 'help', help)
   end

   if options.banner then
      print(options.banner)
   end
   if why_not then
      io.stderr:write('(no line editing: ', why_not, ')\n')
   end
   if not install_ok then
      io.stderr:write('(Ctrl-C will end the session: ', tostring(install_err), ')\n')
   end

   while true do
      local line, why = read_line(prompt)
      if line == nil and why == 'interrupt' then
         line = ''
      elseif line == nil then
         io.write('\n')
         io.flush()
         break
      end
      add_history(line)
      if line:match('^%s*%?') then
         show_help(line:match('^%s*%?(.*)$'))
      elseif line:match('^%s*%$') then
         run_shell(line:match('^%s*%$(.*)$'))
      else
         if line:sub(1, 1) == '=' then          -- Lua 5.1's `=expr`
            line = 'return ' .. line:sub(2)
         end
         local source = line
         local chunk, err = repl.compile(source)
         local cancelled = false
         while not chunk and is_incomplete(err) do
            local more, more_why = read_line(prompt2)
            if more == nil then
               cancelled = more_why == 'interrupt'
               break
            end
            add_history(more)
            source = source .. '\n' .. more
            chunk, err = repl.compile(source)
         end
         if chunk then
            repl.execute(chunk, exec_options)
         elseif source:find('%S') and not cancelled then
            report_error(err, exec_options.error_color)
         end
      end
   end

   if reader then
      reader:close()
   end
   interrupt.uninstall()
end
jit.off(repl.run)

return repl
