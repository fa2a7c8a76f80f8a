-- The REPL in a real terminal: each test starts bin/wick in a detached tmux session (a private
-- tmux server on its own socket, a temporary HOME so ~/.wick_history is the test's own), types
-- into it with send-keys and reads the screen with capture-pane, polling until what it waits
-- for shows up (or a timeout fails the test). Pending when tmux or libreadline is missing.

local ffi = require 'ffi'

pcall(ffi.cdef, 'int usleep(unsigned int usec);')

local function shell_quote(s)
   return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

local function command_output(command)
   local pipe = io.popen(command .. ' 2>/dev/null')
   local text = pipe:read('*a')
   pipe:close()
   return text
end

local root = io.popen('pwd'):read('*l')
local have_tmux = command_output('command -v tmux') ~= ''
local have_readline = pcall(ffi.load, 'libreadline.so.8')

local sessions = 0
local scratch_dirs = {}

-- What the tested process must inherit from this run (the sanitizer run preloads ASan into
-- LuaJIT and names its library); tmux itself runs without them.
local PASSED_ENV = { 'WICK_LIBRARY', 'LD_PRELOAD', 'ASAN_OPTIONS', 'UBSAN_OPTIONS' }

local Terminal = {}
Terminal.__index = Terminal

-- Starts `program` (default bin/wick) in a 120x40 terminal. options.home reuses a HOME (for
-- history across sessions); options.env adds variables.
local function start(options)
   options = options or {}
   sessions = sessions + 1
   local self = setmetatable({
      socket = ('wick-repl-spec-%d-%d'):format(tonumber(command_output('echo $$'):match('%d+')) or 0, sessions),
   }, Terminal)
   self.home = options.home
   if not self.home then
      self.home = command_output('mktemp -d'):match('[^\n]+')
      scratch_dirs[#scratch_dirs + 1] = self.home
   end
   local env = { 'HOME=' .. shell_quote(self.home), 'TERM=xterm' }
   for _, name in ipairs(PASSED_ENV) do
      local value = os.getenv(name)
      if value then
         env[#env + 1] = name .. '=' .. shell_quote(value)
      end
   end
   for name, value in pairs(options.env or {}) do
      env[#env + 1] = name .. '=' .. shell_quote(value)
   end
   local program = options.program or (root .. '/bin/wick')
   local inner = 'env -u NO_COLOR ' .. table.concat(env, ' ') .. ' ' .. shell_quote(program)
   local command = ('env -u LD_PRELOAD -u ASAN_OPTIONS TERM=xterm tmux -f /dev/null -L %s new-session -d -s main'
      .. ' -x 120 -y 40 %s'):format(self.socket, shell_quote(inner))
   assert(os.execute(command) == 0, 'tmux failed to start: ' .. command)
   return self
end

function Terminal:tmux(args)
   return 'env -u LD_PRELOAD tmux -L ' .. self.socket .. ' ' .. args
end

-- Types text literally (no key names), then the keys named after it ('Enter', 'Tab', 'C-c').
function Terminal:type(text, ...)
   if text ~= '' then
      os.execute(self:tmux('send-keys -t main -l ' .. shell_quote(text)))
   end
   self:keys(...)
end

function Terminal:keys(...)
   local keys = { ... }
   if #keys > 0 then
      os.execute(self:tmux('send-keys -t main ' .. table.concat(keys, ' ')))
   end
end

-- The screen and its scrollback, as text without the blank lines below the cursor; tmux drops
-- the spaces that end a line, so the prompt line reads '>'. with_escapes keeps colour codes.
function Terminal:screen(with_escapes)
   local text = command_output(self:tmux('capture-pane -p -J -S -500 -t main' .. (with_escapes and ' -e' or '')))
   return (text:gsub('%s+$', ''))
end

function Terminal:alive()
   return os.execute(self:tmux('has-session -t main') .. ' 2>/dev/null') == 0
end

-- Waits until the screen matches `pattern` (a Lua pattern), `count` times if given; returns the
-- screen. Fails the test after `timeout` seconds (default 10: the sanitizer build is slow).
function Terminal:wait_for(pattern, timeout, count, plain)
   local deadline = os.time() + (timeout or 10)
   local screen
   repeat
      screen = self:screen()
      local found = 0
      local from = 1
      while true do
         local s, e = screen:find(pattern, from, plain)
         if not s then
            break
         end
         found = found + 1
         from = e + 1
      end
      if found >= (count or 1) then
         return screen
      end
      ffi.C.usleep(50000)
   until os.time() > deadline
   error(('timed out waiting for %q; the screen:\n%s'):format(pattern, screen), 2)
end

-- Waits until the program has exited (its tmux session is gone).
function Terminal:wait_exit(timeout)
   local deadline = os.time() + (timeout or 10)
   while self:alive() do
      if os.time() > deadline then
         error('the REPL did not exit; the screen:\n' .. self:screen(), 2)
      end
      ffi.C.usleep(50000)
   end
end

function Terminal:stop()
   os.execute(self:tmux('kill-server') .. ' 2>/dev/null')
end

local PROMPT = '\n>$'        -- the screen ends with an empty prompt
local MORE = '\n>>$'         -- ... with an empty continuation prompt

local function count(text, pattern)
   local n = 0
   for _ in text:gmatch(pattern) do
      n = n + 1
   end
   return n
end

local describe_repl = (have_tmux and have_readline) and describe or function(name)
   pending(name .. ' (needs tmux and libreadline.so.8)')
end

describe_repl('the REPL in a terminal', function()
   local term

   after_each(function()
      if term then
         term:stop()
         term = nil
      end
   end)

   teardown(function()
      for _, dir in ipairs(scratch_dirs) do
         os.execute('rm -rf ' .. shell_quote(dir))
      end
   end)

   it('prints an expression without = or return, and a tensor in Torch7 format', function()
      term = start()
      term:wait_for(PROMPT)
      term:type('20 + 22', 'Enter')
      term:wait_for('\n42\n')
      term:type('torch.FloatTensor(2, 2):fill(3)', 'Enter')
      term:wait_for('[torch.FloatTensor of size 2x2]', nil, nil, true)
      local screen = term:screen()
      assert.truthy(screen:find(' 3  3\n 3  3\n', 1, true))
   end)

   it('completes torch.Fl<TAB> to the common prefix, lists both, and completes FloatT<TAB>', function()
      term = start()
      term:wait_for(PROMPT)
      term:type('torch.Fl', 'Tab')
      term:wait_for('\n> torch.Float$')
      term:keys('Tab')
      local screen = term:wait_for('FloatTensor')
      assert.truthy(screen:find('FloatStorage', 1, true))
      term:type('T', 'Tab')
      term:wait_for('> torch.FloatTensor%($')
      term:type('2):size(1)', 'Enter')
      term:wait_for('\n2\n')
   end)

   it("lists a tensor's methods after t:<TAB><TAB>", function()
      term = start()
      term:wait_for(PROMPT)
      term:type('t = torch.FloatTensor(2, 3)', 'Enter')
      term:wait_for(PROMPT)
      term:type('t:', 'Tab', 'Tab')
      local screen = term:wait_for('narrow')
      for _, method in ipairs({ 'fill', 'size', 'transpose', 'view', 'add' }) do
         assert.truthy(screen:find('%f[%w]' .. method .. '%f[%W]'), method)
      end
      term:type('nar', 'Tab')
      term:wait_for('> t:narrow%($')
   end)

   it('continues an unfinished statement on >> lines', function()
      term = start()
      term:wait_for(PROMPT)
      term:type('for i = 1, 3 do', 'Enter')
      term:wait_for(MORE)
      term:type('  total = (total or 0) + i * 10', 'Enter')
      term:wait_for(MORE)
      term:type('end', 'Enter')
      term:wait_for(PROMPT)
      term:type('total', 'Enter')
      term:wait_for('\n60\n')
   end)

   it('prints an error with its traceback and keeps the session', function()
      term = start()
      term:wait_for(PROMPT)
      term:type('kept = "yes"', 'Enter')
      term:type('local function inner() error("boom") end inner()', 'Enter')
      local screen = term:wait_for('stack traceback:', nil, nil, true)
      assert.truthy(screen:find('stdin:1: boom', 1, true))
      assert.truthy(screen:find("in function 'inner'", 1, true))
      term:type('kept', 'Enter')
      term:wait_for('\nyes\n')
   end)

   it('stops a long loop on Ctrl-C and keeps the variables', function()
      term = start()
      term:wait_for(PROMPT)
      term:type('x = 42', 'Enter')
      term:wait_for(PROMPT)
      -- A loop the JIT compiles into one trace; it says when it has started.
      term:type('io.write("spinning\\n") io.flush() for i = 1, 1e12 do end', 'Enter')
      term:wait_for('\nspinning$')
      ffi.C.usleep(100000)
      term:keys('C-c')
      term:wait_for('interrupted (Ctrl-C)', nil, nil, true)
      term:type('function spin() local s = 0 while true do s = s + math.sin(s) end end', 'Enter')
      term:type('print("spinning again") spin()', 'Enter')   -- a loop calling functions
      term:wait_for('\nspinning again$')
      ffi.C.usleep(100000)
      term:keys('C-c')
      term:wait_for('interrupted %(Ctrl%-C%)', nil, 2)
      term:type('x + 1', 'Enter')
      term:wait_for('\n43\n')
   end)

   it('clears the line on Ctrl-C at the prompt, and an unfinished statement too', function()
      term = start()
      term:wait_for(PROMPT)
      term:type('this is not lua', 'C-c')
      term:wait_for('> this is not lua^C\n>$')
      term:type('if true then', 'Enter')
      term:wait_for(MORE)
      term:keys('C-c')
      term:wait_for('\n>> ^C\n>$')
      term:type('"after"', 'Enter')
      local screen = term:wait_for('\nafter\n')
      assert.falsy(screen:find("'=' expected", 1, true))
      assert.falsy(screen:find("'end' expected", 1, true))
   end)

   it('leaves on Ctrl-D', function()
      term = start()
      term:wait_for(PROMPT)
      term:keys('C-d')
      term:wait_exit()
   end)

   it('recalls a line of the previous session with the up arrow', function()
      term = start()
      term:wait_for(PROMPT)
      term:type('marker_from_first_session = 12345', 'Enter')
      term:wait_for(PROMPT)
      term:keys('C-d')
      term:wait_exit()
      local home = term.home
      term:stop()

      term = start({ home = home })
      term:wait_for(PROMPT)
      term:keys('Up')
      term:wait_for('> marker_from_first_session = 12345$')
      term:keys('Enter')
      term:type('marker_from_first_session', 'Enter')
      term:wait_for('\n12345\n')
   end)

   it('shows documentation with ?name', function()
      term = start()
      term:wait_for(PROMPT)
      term:type('?torch.cat', 'Enter')
      term:wait_for('Concatenates tensors along dimension', nil, nil, true)
      term:type('?no_such_thing', 'Enter')
      term:wait_for('no documentation for no_such_thing', nil, nil, true)
   end)

   it('colours tables in a terminal, and not with NO_COLOR set', function()
      term = start()
      term:wait_for(PROMPT)
      term:type('{ answer = 42, name = "wick" }', 'Enter')
      term:wait_for('answer : 42')
      local screen = term:screen(true)
      assert.truthy(screen:find('\27%[36m42'))           -- numbers in cyan
      assert.truthy(screen:find('\27%[32m"wick"'))       -- strings in green
      term:stop()

      term = start({ env = { NO_COLOR = '1' } })
      term:wait_for(PROMPT)
      term:type('{ answer = 42, name = "wick" }', 'Enter')
      term:wait_for('answer : 42')
      screen = term:screen(true)
      assert.falsy(screen:find('\27%[3%dm'))
      assert.are.equal(1, count(screen, 'name : "wick"'))
   end)

   it('runs as th with a th> prompt', function()
      term = start({ program = root .. '/bin/th' })
      term:wait_for('\nth>$')
      term:type('1 + 1', 'Enter')
      term:wait_for('\n2\nth>$')
   end)
end)
