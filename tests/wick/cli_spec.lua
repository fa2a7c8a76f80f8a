-- bin/wick, end to end: each test runs the launcher as a separate process from another
-- directory, and looks at its stdout, stderr and exit status. The library it loads is the one
-- this run of busted uses (WICK_LIBRARY is inherited).

local function shell_quote(s)
   return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

local function read_all(path)
   local f = assert(io.open(path, 'rb'))
   local text = f:read('*a')
   f:close()
   return text
end

local function write_file(path, text)
   local f = assert(io.open(path, 'wb'))
   f:write(text)
   f:close()
end

local root = io.popen('pwd'):read('*l')
local wick = root .. '/bin/wick'
local scratch = {}   -- temporary files, removed at the end

local function temp_file(text)
   local path = os.tmpname()
   scratch[#scratch + 1] = path
   if text then
      write_file(path, text)
   end
   return path
end

-- Runs `program args...` in /tmp with `stdin` (a string, default empty) as its input.
-- Returns stdout, stderr, exit status.
local function run(program, args, stdin)
   local input, output, errors = temp_file(stdin or ''), temp_file(), temp_file()
   local words = { shell_quote(program) }
   for _, a in ipairs(args or {}) do
      words[#words + 1] = shell_quote(a)
   end
   local command = ('cd /tmp && %s <%s >%s 2>%s; echo $?'):format(
      table.concat(words, ' '), shell_quote(input), shell_quote(output), shell_quote(errors))
   local pipe = io.popen(command)
   local status = tonumber(pipe:read('*a'):match('%d+'))
   pipe:close()
   return read_all(output), read_all(errors), status
end

describe('the wick launcher', function()
   teardown(function()
      for _, path in ipairs(scratch) do
         os.remove(path)
      end
   end)

   it('runs -e code from any directory, with torch loaded', function()
      local out, err, status = run(wick, { '-e', 'print(1 + 1)', '-e', 'print(type(torch))' })
      assert.are.equal('', err)
      assert.are.equal(0, status)
      assert.are.equal('2\ntable\n', out)
   end)

   it('prints its usage with -h and its version with --version', function()
      local out, _, status = run(wick, { '-h' })
      assert.are.equal(0, status)
      assert.truthy(out:find('usage: wick', 1, true))
      out, _, status = run(wick, { '--version' })
      assert.are.equal(0, status)
      assert.truthy(out:match('^Wick %S+\n$'))
   end)

   it('sets arg and ... for a script as the lua interpreter does', function()
      local script = temp_file('print(arg[-2], arg[-1], arg[0] == SCRIPT, arg[1], arg[2], select("#", ...), ...)\n')
      local out, err, status = run(wick, { '-e', 'SCRIPT = ' .. ('%q'):format(script), script, 'a', 'b c' })
      assert.are.equal('', err)
      assert.are.equal(0, status)
      assert.are.equal('-e\tSCRIPT = ' .. ('%q'):format(script) .. '\ttrue\ta\tb c\t2\ta\tb c\n', out)
   end)

   it('runs a script that starts with a #! line, keeping its line numbers', function()
      local script = temp_file('#!/usr/bin/env wick\nprint("ran")\nerror("line three")\n')
      local out, err, status = run(wick, { script })
      assert.are.equal('ran\n', out)
      assert.are.equal(1, status)
      assert.truthy(err:find(':3: line three', 1, true))
   end)

   it('reports an error as `wick: message` with a traceback, and exits with 1', function()
      local script = temp_file('local function inner() error("boom") end\ninner()\n')
      local _, err, status = run(wick, { script })
      assert.are.equal(1, status)
      assert.truthy(err:match('^wick: [^\n]*:1: boom\nstack traceback:\n'))
      assert.truthy(err:find("in function 'inner'", 1, true))
   end)

   it('passes os.exit codes through', function()
      local _, _, status = run(wick, { '-e', 'os.exit(7)' })
      assert.are.equal(7, status)
      _, _, status = run(wick, { '-e', 'os.exit(3, true)' })
      assert.are.equal(3, status)
      _, _, status = run(wick, { '-e', 'os.exit(true)' })
      assert.are.equal(0, status)
   end)

   it('rejects an unknown option', function()
      local _, err, status = run(wick, { '--frobnicate' })
      assert.are.equal(1, status)
      assert.truthy(err:find("unrecognized option '--frobnicate'", 1, true))
   end)

   it('runs stdin as a script when it is not a terminal, and with -', function()
      local out, _, status = run(wick, {}, 'print("piped", arg[0])\n')
      assert.are.equal(0, status)
      assert.are.equal('piped\t-\n', out)
      out, _, status = run(wick, { '-', 'x' }, 'print(...)\n')
      assert.are.equal(0, status)
      assert.are.equal('x\n', out)
   end)

   it('requires a module with -l and sets its global', function()
      local out, _, status = run(wick, { '-l', 'wick.repl',
                                         '-e', 'print(type(repl), type(package.loaded["wick.repl"]))' })
      assert.are.equal(0, status)
      assert.are.equal('nil\ttable\n', out)   -- `wick.repl` is no identifier: no global
      out, _, status = run(wick, { '-l', 'bit', '-e', 'print(type(bit.band))' })
      assert.are.equal(0, status)
      assert.are.equal('function\n', out)
   end)

   it('enters the REPL with -i: expressions print, chunks continue, errors do not end it', function()
      local input = table.concat({
         '1 + 1',
         'x = 20',
         'for i = 1, 2 do',
         '  x = x + i',
         'end',
         'x',
         'error("oops")',
         '"still here"',
      }, '\n') .. '\n'
      local out, err, status = run(wick, { '-i' }, input)
      assert.are.equal(0, status)
      assert.truthy(out:find('> 2\n', 1, true))
      assert.truthy(out:find('>> >> ', 1, true))
      assert.truthy(out:find('23\n', 1, true))
      assert.truthy(out:find('still here\n', 1, true))
      assert.truthy(err:find('stdin:1: oops', 1, true))
   end)

   it("takes th's flags: --interactive, -g/--globals, -gg/--gglobals, -a and -x", function()
      local out, _, status = run(root .. '/bin/th', { '--interactive' }, '6 * 7\n')
      assert.are.equal(0, status)
      assert.truthy(out:find('th> 42\n', 1, true))

      local err
      out, err, status = run(wick, { '-g', '-e', 'created = 1', '-e', 'print(undefined_thing)' })
      assert.are.equal(0, status)
      assert.are.equal('nil\n', out)
      assert.truthy(err:find("warning: creating global 'created' ((command line):1)", 1, true))
      assert.truthy(err:find("warning: reading undefined global 'undefined_thing' ((command line):1)", 1, true))

      _, err, status = run(wick, { '-gg', '-e', 'created = 1' })
      assert.are.equal(1, status)
      assert.truthy(err:find("(command line):1: creating global 'created'", 1, true))

      out, err, status = run(wick, { '--gglobals', '-l', 'bit', '-e', 'print(bit.band(3, 1))' })
      assert.are.equal(0, status)                       -- -l loads without complaints
      assert.are.equal('', err)
      assert.are.equal('1\n', out)

      out, err, status = run(root .. '/bin/th', { '-a' }, '1 + 1\n')
      assert.are.equal(0, status)
      assert.truthy(err:find('-a', 1, true))
      assert.truthy(out:find('th> 2\n', 1, true))

      out, err, status = run(root .. '/bin/th', { '-x', '-e', 'print("ok")' })
      assert.are.equal(0, status)
      assert.are.equal('ok\n', out)
      assert.truthy(err:find('-x', 1, true))

      out = run(root .. '/bin/th', { '-h' })
      for _, flag in ipairs({ '--interactive', '--globals', '--gglobals', '--async', '--gfx' }) do
         assert.truthy(out:find(flag, 1, true), flag)
      end
   end)

   it('works through a symlink, and as th', function()
      local dir = temp_file()
      os.remove(dir)
      assert.is_true(os.execute('mkdir ' .. shell_quote(dir)) ~= nil)
      local link = dir .. '/mywick'
      os.execute('ln -s ' .. shell_quote(wick) .. ' ' .. shell_quote(link))
      local out, _, status = run(link, { '-e', 'print(type(torch))' })
      os.remove(link)
      os.remove(dir)
      assert.are.equal(0, status)
      assert.are.equal('table\n', out)
      out, _, status = run(root .. '/bin/th', { '-e', 'print(arg[0])' })
      assert.are.equal(0, status)
      assert.are.equal(root .. '/bin/th\n', out)
   end)
end)
