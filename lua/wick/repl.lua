--[[ wick.repl — the read-eval-print loop of `wick` (a basic one: lines come from io.read).

   require('wick.repl').run{ banner = 'Wick 0.1' }

   > 1 + 1                 an expression prints its values (no `=` or `return` needed)
   2
   > for i = 1, 2 do       an incomplete chunk continues on the next line with `>> `
   >>   print(i)
   >> end
   > error('x')            an error prints its message and traceback; the session goes on

Ctrl-D (end of input) leaves. Options of run(): banner (printed first), prompt ('> '),
prompt2 ('>> '), read_line (function(prompt) -> line or nil; the default writes the prompt to
stdout and reads a line from stdin). A readline front end replaces read_line.
]]

local repl = {}

local function default_read_line(prompt)
   io.write(prompt)
   io.flush()
   return io.read('*l')
end

-- A chunk that failed only because input ended too early ("'end' expected near '<eof>'",
-- "unfinished long string near '<eof>'") waits for more lines. A short string cannot go on
-- past the end of its line, so "unfinished string near '<eof>'" is an error at once.
local function is_incomplete(message)
   return message:find("<eof>'?$") ~= nil and not message:find('unfinished string', 1, true)
end

-- Compiles the input: as an expression list first, so `1 + 1` prints 2, else as statements.
-- Returns the chunk, or nil and the compile error of the statement form.
-- The expressions go through select(1, ...), which returns them all: a plain `return f()` is
-- a tail call, and LuaJIT then loses the frame that error() positions come from
-- ("stdin:1: bad" would print as "bad"). The newline before `)` keeps a trailing comment from
-- swallowing it.
function repl.compile(source)
   local chunk = load('return select(1, ' .. source .. '\n)', '=stdin')
   if chunk then
      return chunk
   end
   return load(source, '=stdin')
end

local function traceback(message)
   if type(message) ~= 'string' then
      local mt = getmetatable(message)
      if mt and mt.__tostring then
         message = tostring(message)
      else
         message = '(error object is a ' .. type(message) .. ' value)'
      end
   end
   local trace = debug.traceback(message, 2)
   -- Drop the REPL's own frames, from the xpcall that ran the input on.
   local cut = trace:find("\n%s*%[C%]: in function 'xpcall'")
   return cut and trace:sub(1, cut - 1) or trace
end

local function pack(...)
   return { n = select('#', ...), ... }
end

-- Runs one compiled chunk; prints its results or its error. Returns true when it succeeded.
function repl.execute(chunk)
   local results = pack(xpcall(chunk, traceback))
   if not results[1] then
      io.stdout:flush()
      io.stderr:write(tostring(results[2]), '\n')
      io.stderr:flush()
      return false
   end
   if results.n > 1 then
      local ok, err = pcall(print, unpack(results, 2, results.n))
      if not ok then
         io.stderr:write('error printing the result: ', tostring(err), '\n')
      end
   end
   return true
end

function repl.run(options)
   options = options or {}
   local read_line = options.read_line or default_read_line
   local prompt, prompt2 = options.prompt or '> ', options.prompt2 or '>> '
   if options.banner then
      print(options.banner)
   end
   while true do
      local line = read_line(prompt)
      if line == nil then
         io.write('\n')
         io.flush()
         return
      end
      if line:sub(1, 1) == '=' then          -- Lua 5.1's `=expr`
         line = 'return ' .. line:sub(2)
      end
      local source = line
      local chunk, err = repl.compile(source)
      while not chunk and is_incomplete(err) do
         local more = read_line(prompt2)
         if more == nil then
            break
         end
         source = source .. '\n' .. more
         chunk, err = repl.compile(source)
      end
      if chunk then
         repl.execute(chunk)
      elseif source:find('%S') then
         io.stderr:write(err, '\n')
         io.stderr:flush()
      end
   end
end

return repl
