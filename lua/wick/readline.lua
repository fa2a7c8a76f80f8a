--[[ wick.readline — GNU readline through the FFI, for the REPL's prompt.

   local readline = require 'wick.readline'
   local rl = readline.open{ name = 'wick', history = '/home/me/.wick_history', history_size = 1000,
                             complete = function(line, start, text) return words, suffix end,
                             interrupted = function() return ctrl_c_was_pressed end }
   local line, why = rl:read('> ')     -- a line, or nil and 'eof' (Ctrl-D) / 'interrupt' (Ctrl-C)
   rl:add_history(line)
   rl:close()

open() returns nil and a message when libreadline cannot be loaded (the REPL then reads with
io.read). It loads libreadline.so.8 (Debian's libreadline8), or $WICK_READLINE when set.

How it reads. Readline's "alternate interface" (rl_callback_handler_install, then one
rl_callback_read_char per key) instead of readline(): the loop is ours, so between keys it can
see Ctrl-C. readline's own signal handling is off (rl_catch_signals = 0); SIGINT is counted by
libwick's C handler (wk_sigint_install, core/signal.c), which the `interrupted` option reads
(wick/interrupt.lua's pending()). The loop waits in poll(), which SIGINT interrupts (EINTR),
with a short timeout besides: the signal may be delivered to another thread (OpenMP and OpenBLAS
start some), leaving poll asleep. Ctrl-C frees the line's state, restores the terminal and
returns nil, 'interrupt'. Without `interrupted`, SIGINT does whatever its disposition says.

Callbacks. C calls Lua twice: the line handler and the completion function. Each is made once
with ffi.cast and kept referenced for the life of the object; neither may raise (an error cannot
cross a C frame), so the completer runs under pcall. Every function that calls into readline
runs with the JIT off for that function (jit.off): a callback entered from a compiled trace
fails with LuaJIT's "bad callback".

Completion. `complete(line, start, text)` gets the whole line, the 0-based byte offset where the
word being completed starts, and that word; it returns a list of candidates, each replacing the
word, and the character to append when there is exactly one ('(' after a function, say), or nil
to let readline complete file names (inside a string). Strings handed to readline are malloc'd
(strdup): readline frees them.

History. Lines are added as entered (not blank ones, not a repeat of the previous one) and
appended to the history file at once, so a second session, or one that crashes, still has them;
the file is cut to history_size lines.
]]

local ffi = require 'ffi'

local M = {}

local function cdef_each(declarations)
   for declaration in declarations:gmatch('[^;]+;') do
      pcall(ffi.cdef, declaration)   -- another module may have declared it already
   end
end

pcall(ffi.cdef, 'struct pollfd { int fd; short events; short revents; };')
cdef_each([[
void *malloc(size_t size);
void free(void *p);
char *strdup(const char *s);
int poll(struct pollfd *fds, unsigned long nfds, int timeout);
]])

local READLINE_CDEF = [[
typedef char **rl_completion_func_t(const char *text, int start, int end);
typedef void rl_vcpfunc_t(char *line);

const char *rl_readline_name;
char *rl_line_buffer;
int rl_point;
int rl_end;
int rl_catch_signals;
int rl_change_environment;
rl_completion_func_t *rl_attempted_completion_function;
int rl_attempted_completion_over;
int rl_completion_append_character;
int rl_completion_suppress_append;
int rl_completion_query_items;
char *rl_completer_word_break_characters;
const char *rl_completer_quote_characters;

void rl_callback_handler_install(const char *prompt, rl_vcpfunc_t *handler);
void rl_callback_read_char(void);
void rl_callback_handler_remove(void);
void rl_callback_sigcleanup(void);
void rl_free_line_state(void);
void rl_cleanup_after_signal(void);
void rl_redisplay(void);
void rl_reset_screen_size(void);
int rl_variable_bind(const char *variable, const char *value);

void add_history(const char *line);
void stifle_history(int max);
int read_history(const char *filename);
int write_history(const char *filename);
int append_history(int count, const char *filename);
int history_truncate_file(const char *filename, int lines);
]]

local POLLIN = 1
local EINTR = 4
local TICK_MS = 100       -- poll's timeout: how late a Ctrl-C delivered to another thread is seen

-- The library: $WICK_READLINE, else Debian's soname, else the development symlink.
local function load_library()
   local errors = {}
   local names = { 'libreadline.so.8', 'readline' }
   local env = os.getenv('WICK_READLINE')
   if env and env ~= '' then
      names = { env }
   end
   for _, name in ipairs(names) do
      local ok, lib = pcall(ffi.load, name)
      if ok then
         return lib
      end
      errors[#errors + 1] = tostring(lib)
   end
   return nil, 'cannot load GNU readline (' .. table.concat(errors, '; ') .. ')'
end

local function file_exists(path)
   local f = io.open(path, 'rb')
   if f then
      f:close()
   end
   return f ~= nil
end

-- A NULL-terminated char ** for readline, malloc'd with malloc'd strings in it (readline frees
-- both): the first entry replaces the word being completed, the others are what it lists.
local function completion_array(words)
   local common = words[1]
   for i = 2, #words do
      local w, n = words[i], 0
      while n < #common and n < #w and common:byte(n + 1) == w:byte(n + 1) do
         n = n + 1
      end
      common = common:sub(1, n)
   end
   local entries = #words == 1 and { common } or { common, unpack(words) }
   local array = ffi.cast('char **', ffi.C.malloc((#entries + 1) * ffi.sizeof('char *')))
   if array == nil then
      return nil
   end
   for i, s in ipairs(entries) do
      array[i - 1] = ffi.C.strdup(s)
   end
   array[#entries] = nil
   return array
end

local Reader = {}
Reader.__index = Reader

function M.open(options)
   options = options or {}
   local lib, err = load_library()
   if not lib then
      return nil, err
   end
   local registry = debug.getregistry()
   if not registry['wick.readline.cdef'] then
      local ok, cdef_err = pcall(ffi.cdef, READLINE_CDEF)
      if not ok then
         return nil, 'readline declarations: ' .. tostring(cdef_err)
      end
      registry['wick.readline.cdef'] = true
   end
   local self = setmetatable({
      lib = lib,
      interrupted = options.interrupted or function() return false end,
      history_path = options.history,
      history_size = options.history_size or 1000,
      complete = options.complete,
      last_history = nil,
      anchors = {},          -- C strings readline keeps pointers to
      pollfd = ffi.new('struct pollfd[1]'),
   }, Reader)

   local function c_string(s)
      local buffer = ffi.new('char[?]', #s + 1, s)
      self.anchors[#self.anchors + 1] = buffer
      return buffer
   end

   -- Readline decodes multibyte characters by the C library's LC_CTYPE, which LuaJIT leaves at
   -- "C": take the user's, so a UTF-8 terminal's é is one character (Python does the same).
   os.setlocale('', 'ctype')
   lib.rl_readline_name = c_string(options.name or 'wick')   -- for $if wick in ~/.inputrc
   -- Our loop sees Ctrl-C when the caller counts it; otherwise readline's handler at least puts
   -- the terminal back before the signal ends the process.
   lib.rl_catch_signals = options.interrupted and 0 or 1
   lib.rl_change_environment = 0        -- leave LINES and COLUMNS out of os.getenv
   lib.rl_completion_query_items = 400  -- list a tensor's methods without asking first
   -- Words end at these; '.' and ':' among them make `torch.Fl` complete the `Fl` after `torch.`.
   lib.rl_completer_word_break_characters = c_string(' \t\n"\'`@$><=;|&{}()[],+-*/%^#~.:')
   lib.rl_completer_quote_characters = c_string('"\'')
   -- TAB after a TAB that completed part of a word lists what is left (readline's default wants
   -- a third). ~/.inputrc, read when the first prompt is shown, still has the last word.
   lib.rl_variable_bind('show-all-if-unmodified', 'on')

   -- The line handler: takes the line (malloc'd by readline) and removes itself, so readline
   -- does not print the next prompt on its own.
   self.line_handler = ffi.cast('rl_vcpfunc_t *', function(line)
      if line == nil then
         self.result, self.done = nil, 'eof'
      else
         self.result, self.done = ffi.string(line), 'line'
         ffi.C.free(line)
      end
      lib.rl_callback_handler_remove()
   end)

   self.completer = ffi.cast('rl_completion_func_t *', function(text, start)
      lib.rl_attempted_completion_over = 1
      if not self.complete then
         return nil
      end
      local ok, words, suffix = pcall(self.complete, ffi.string(lib.rl_line_buffer, lib.rl_end), start,
         ffi.string(text))
      if not ok then
         return nil
      end
      if words == nil then                      -- inside a string: readline's file names
         lib.rl_attempted_completion_over = 0
         return nil
      end
      if #words == 0 then
         return nil
      end
      if #words == 1 and suffix and suffix ~= '' then
         lib.rl_completion_append_character = suffix:byte()
      else
         lib.rl_completion_suppress_append = 1
      end
      return completion_array(words)
   end)
   lib.rl_attempted_completion_function = self.completer

   if self.history_path then
      lib.stifle_history(self.history_size)
      if file_exists(self.history_path) then
         lib.read_history(self.history_path)
      end
   end
   return self
end

-- Reads one line with `prompt`. Returns the line, or nil and 'eof' or 'interrupt'.
function Reader:read(prompt)
   local lib, interrupted = self.lib, self.interrupted
   self.done, self.result = nil, nil
   interrupted()                        -- a Ctrl-C from before the prompt is not for this line
   io.stdout:flush()
   -- The terminal may have been resized while a command ran (readline only hears of SIGWINCH
   -- while it is reading): ask the kernel for the size again, silently. Not before the first
   -- prompt: until then readline has no input stream to ask about.
   if self.started then
      lib.rl_reset_screen_size()
   end
   self.started = true
   lib.rl_callback_handler_install(prompt, self.line_handler)
   local pollfd = self.pollfd
   pollfd[0].fd, pollfd[0].events = 0, POLLIN
   while true do
      pollfd[0].revents = 0
      local ready = ffi.C.poll(pollfd, 1, TICK_MS)
      if interrupted() then
         -- Show the whole line, then leave it: ^C at its end, as a shell does.
         lib.rl_point = lib.rl_end
         lib.rl_redisplay()
         io.stdout:write('^C\n')
         io.stdout:flush()
         lib.rl_free_line_state()
         lib.rl_callback_sigcleanup()
         lib.rl_cleanup_after_signal()
         lib.rl_callback_handler_remove()
         return nil, 'interrupt'
      end
      if ready > 0 then
         if bit.band(pollfd[0].revents, POLLIN) ~= 0 then
            lib.rl_callback_read_char()
            if self.done then
               return self.result, self.done ~= 'line' and self.done or nil
            end
         else                                   -- POLLHUP or POLLERR: the terminal went away
            lib.rl_callback_handler_remove()
            return nil, 'eof'
         end
      elseif ready < 0 and ffi.errno() ~= EINTR then
         lib.rl_callback_handler_remove()
         return nil, 'eof'
      end
   end
end
jit.off(Reader.read)

-- Adds a line to the history and appends it to the history file.
function Reader:add_history(line)
   if not line:find('%S') or line == self.last_history then
      return
   end
   self.last_history = line
   local lib = self.lib
   lib.add_history(line)
   local path = self.history_path
   if path then
      -- append_history needs an existing file; write_history creates it (with the whole list).
      if file_exists(path) then
         lib.append_history(1, path)
         lib.history_truncate_file(path, self.history_size)
      else
         lib.write_history(path)
      end
   end
end
jit.off(Reader.add_history)

function Reader:close()
   self.lib.rl_attempted_completion_function = nil
   -- The callbacks stay allocated: a callback slot freed while C could still call it would crash,
   -- and there are only two.
end

return M
