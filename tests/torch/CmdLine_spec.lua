-- torch.CmdLine (lua/torch/CmdLine.lua): parsing, help text (against what Torch7 printed), run
-- names and the logging print.

-- luacheck: ignore 122 (io.write, io.stderr and os.exit are replaced to capture output)

pcall(require, 'torch')          -- the class works without the tensor library too
local CmdLine = require 'torch.CmdLine'

-- What Torch7 printed for the cmdline_help case of ../shared/fixtures/torch7-output/cases.lua,
-- used when the fixture directory is not beside the repository (WICK_TORCH7_OUTPUT overrides).
local CMDLINE_HELP = [[
Usage: [options]
Train a model
Options:
  -lr    learning rate [0.1]
  -model mlp | cnn [mlp]
  -cuda  use CUDA [false]
]]

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
   local f = io.open(path, 'rb')
   if not f then
      return nil
   end
   local text = f:read('*a')
   f:close()
   return text
end

-- The text printed under "=== name" in torch7-output.txt, or nil without the fixture.
local function fixture_output(name)
   local text = read_file(fixture_dir() .. '/torch7-output.txt')
   if not text then
      return nil
   end
   local _, last = text:find('=== ' .. name .. '\n', 1, true)
   assert(last, 'no case ' .. name .. ' in torch7-output.txt')
   local next_case = text:find('\n=== ', last, true)
   return text:sub(last + 1, next_case or #text)
end

local function fixture_snippet(name)
   local path = fixture_dir() .. '/cases.lua'
   if not read_file(path) then
      return nil
   end
   for _, case in ipairs(dofile(path)) do
      if case[1] == name then
         return case[2]
      end
   end
   error('no case ' .. name .. ' in cases.lua')
end

-- Runs f with io.write, io.stderr and os.exit captured. Returns stdout text, stderr text, and the
-- exit code (nil when f returned normally).
local function capture(f)
   local out, err = {}, {}
   local saved_write, saved_stderr, saved_exit = io.write, io.stderr, os.exit
   io.write = function(...)
      for i = 1, select('#', ...) do
         out[#out + 1] = tostring((select(i, ...)))
      end
   end
   io.stderr = { write = function(_, ...)
      for i = 1, select('#', ...) do
         err[#err + 1] = tostring((select(i, ...)))
      end
   end }
   os.exit = function(code) error({ exit_code = code or 0 }) end
   local ok, result = pcall(f)
   io.write, io.stderr, os.exit = saved_write, saved_stderr, saved_exit
   local code
   if not ok then
      if type(result) == 'table' and result.exit_code then
         code = result.exit_code
      else
         error(result, 0)
      end
   end
   return table.concat(out), table.concat(err), code
end

local function training_cmd()
   local cmd = CmdLine()
   cmd:text('Train a model')
   cmd:text('Options:')
   cmd:option('-lr', 0.1, 'learning rate')
   cmd:option('-model', 'mlp', 'mlp | cnn')
   cmd:option('-cuda', false, 'use CUDA')
   return cmd
end

describe('torch.CmdLine', function()
   it('is a Torch class', function()
      local class = require 'torch.class'
      assert.are.equal('torch.CmdLine', class.type(CmdLine()))
      if type(rawget(_G, 'torch')) == 'table' and torch.CmdLine then
         assert.are.equal(CmdLine, torch.CmdLine)
      end
   end)

   describe('help', function()
      it('prints what Torch7 printed for the cmdline_help fixture, character for character', function()
         local expected = fixture_output('cmdline_help') or CMDLINE_HELP
         assert.are.equal(CMDLINE_HELP, expected)
         local snippet = fixture_snippet('cmdline_help')
         local out
         if snippet then
            -- The snippet as Torch7 ran it, with torch.CmdLine being this class.
            local env = setmetatable({ torch = { CmdLine = CmdLine } }, { __index = _G })
            local chunk = assert(loadstring(snippet))
            setfenv(chunk, env)
            out = capture(chunk)
         else
            out = capture(function() training_cmd():help() end)
         end
         assert.are.equal(expected, out)
      end)

      it('names the program and the positional arguments', function()
         local cmd = CmdLine()
         cmd:option('-n', 5, 'count')
         cmd:argument('input', 'the input file')
         cmd:argument('output')
         local out = capture(function() cmd:help({ [0] = 'train.lua' }) end)
         assert.are.equal(table.concat({
            'Usage: train.lua [options] <input> <output>',
            '  -n       count [5]',
            '  <input>  the input file',
            '  <output>',
            '',
         }, '\n'), out)
      end)

      it('prints an empty line for text() with no argument', function()
         local cmd = CmdLine()
         cmd:text()
         cmd:text('x')
         assert.are.equal('Usage: [options]\n\nx\n', (capture(function() cmd:help() end)))
      end)
   end)

   describe('parse', function()
      it('returns the defaults when nothing is given', function()
         local opt = training_cmd():parse({})
         assert.are.same({ lr = 0.1, model = 'mlp', cuda = false }, opt)
      end)

      it('treats a nil arg as an empty command line', function()
         assert.are.same({ lr = 0.1, model = 'mlp', cuda = false }, training_cmd():parse(nil))
      end)

      it('converts numbers, keeps strings, and takes booleans as flags with no value', function()
         local opt = training_cmd():parse({ '-cuda', '-lr', '0.01', '-model', 'cnn' })
         assert.are.same({ lr = 0.01, model = 'cnn', cuda = true }, opt)
      end)

      it('accepts a negative number as an option value', function()
         assert.are.equal(-2.5, training_cmd():parse({ '-lr', '-2.5' }).lr)
      end)

      it('flips a boolean option whose default is true', function()
         local cmd = CmdLine()
         cmd:option('-shuffle', true, 'shuffle the data')
         assert.is_false(cmd:parse({ '-shuffle' }).shuffle)
      end)

      it('strips the dashes of --long options', function()
         local cmd = CmdLine()
         cmd:option('--batch-size', 32, 'batch size')
         assert.are.equal(64, cmd:parse({ '--batch-size', '64' })['batch-size'])
      end)

      it('reads positional arguments in order', function()
         local cmd = CmdLine()
         cmd:option('-v', false, 'verbose')
         cmd:argument('src', 'source')
         cmd:argument('n', 'how many', 'number')
         local opt = cmd:parse({ 'a.txt', '-v', '12' })
         assert.are.same({ v = true, src = 'a.txt', n = 12 }, opt)
      end)

      for _, flag in ipairs({ '-h', '-help', '--help' }) do
         it('prints the help and exits with status 0 on ' .. flag, function()
            local cmd = training_cmd()
            local out, err, code = capture(function() cmd:parse({ '-lr', '1', flag }) end)
            assert.are.equal(0, code)
            assert.are.equal('', err)
            assert.are.equal(CMDLINE_HELP, out)
         end)
      end

      it('puts arg[0] in the help it prints for -h', function()
         local out = capture(function() training_cmd():parse({ [0] = 'train.lua', '-h' }) end)
         assert.are.equal('Usage: train.lua [options]\n', out:match('^[^\n]*\n'))
      end)

      local function refuses(args, message)
         local out, err, code = capture(function() training_cmd():parse(args) end)
         assert.are.equal(1, code)
         assert.are.equal(message, err)
         assert.are.equal('\n\n' .. CMDLINE_HELP, out)
      end

      it('refuses an unknown option, printing the problem on stderr, then the help', function()
         refuses({ '-lrate', '1' }, 'invalid argument: -lrate')
      end)

      it('refuses an option with no value', function()
         refuses({ '-lr' }, 'missing argument for option -lr')
      end)

      it('refuses a number option whose value is not a number', function()
         refuses({ '-lr', 'fast' }, 'invalid type for option -lr (should be number)')
      end)

      it('refuses a missing positional argument', function()
         local cmd = CmdLine()
         cmd:argument('src', 'source')
         local _, err, code = capture(function() cmd:parse({}) end)
         assert.are.equal(1, code)
         assert.are.equal('not enough arguments', err)
      end)
   end)

   describe('option', function()
      it('needs a name that starts with a dash', function()
         assert.has_error(function() CmdLine():option('lr', 1, 'x') end)
      end)

      it('refuses the same option twice', function()
         local cmd = CmdLine()
         cmd:option('-a', 1, 'x')
         assert.has_error(function() cmd:option('-a', 2, 'y') end)
      end)
   end)

   describe('string', function()
      local function doc_cmd()
         local cmd = CmdLine()
         cmd:option('-seed', 123, 'initial random seed')
         cmd:option('-booloption', false, 'boolean option')
         cmd:option('-stroption', 'mystring', 'string option')
         return cmd
      end

      it('is the prefix alone when every option has its default', function()
         local cmd = doc_cmd()
         assert.are.equal('experiment', cmd:string('experiment', cmd:parse({}), { dir = true }))
      end)

      it('adds the changed options, sorted, as in the Torch7 documentation', function()
         local cmd = doc_cmd()
         local params = cmd:parse({ '-seed', '456', '-stroption', 'mycustomstring' })
         assert.are.equal('experiment,seed=456,stroption=mycustomstring',
            cmd:string('experiment', params, { dir = true }))
      end)

      it('writes booleans as t and f, and leaves out ignored options', function()
         local cmd = doc_cmd()
         local params = cmd:parse({ '-booloption', '-seed', '1' })
         assert.are.equal('run,booloption=t', cmd:string('run', params, { seed = true }))
      end)

      it('puts positional arguments first and uses the separators given', function()
         local cmd = CmdLine('_', '-')
         cmd:option('-lr', 0.1, 'learning rate')
         cmd:argument('data', 'data set')
         local params = cmd:parse({ 'mnist', '-lr', '0.5' })
         assert.are.equal('exp_data-mnist_lr-0.5', cmd:string('exp', params, {}))
      end)
   end)

   describe('log', function()
      local saved_print
      local path

      before_each(function()
         saved_print = print
         path = os.tmpname()
      end)

      after_each(function()
         _G.print = saved_print
         os.remove(path)
      end)

      -- Calls f with the screen print replaced by a recorder; returns what reached the screen.
      local function screen(f)
         local lines = {}
         _G.print = function(...)
            local words = {}
            for i = 1, select('#', ...) do
               words[i] = tostring((select(i, ...)))
            end
            lines[#lines + 1] = table.concat(words, '\t')
         end
         f()
         return lines
      end

      it('writes a header and the parameters to the file and the screen, then tees print', function()
         local cmd = training_cmd()
         local shown = screen(function()
            cmd:log(path, { lr = 0.1, model = 'mlp' })
            print('epoch', 1, 'loss', 0.5)
         end)
         cmd.logfile:close()
         local text = read_file(path)
         local lines = {}
         for line in text:gmatch('[^\n]*\n') do
            lines[#lines + 1] = line:sub(1, -2)
         end
         assert.truthy(lines[1]:match('^%[program started on .+%]$'))
         assert.are.same({ '[command line arguments]', 'lr\t0.1', 'model\tmlp',
            '[----------------------]', 'epoch\t1\tloss\t0.5' }, { unpack(lines, 2) })
         assert.are.same(lines, shown)
      end)

      it('after silent(), writes to the file only', function()
         local cmd = CmdLine()
         local shown = screen(function()
            cmd:silent()
            cmd:log(path, {})
            print('quiet')
         end)
         cmd.logfile:close()
         assert.are.same({}, shown)
         assert.truthy(read_file(path):find('quiet\n', 1, true))
      end)

      it('after addTime, prefixes the file lines with the date and name, not the screen lines', function()
         local cmd = CmdLine()
         local shown = screen(function()
            cmd:log(path, {})
            cmd:addTime('mnist', '%Y')
            print('hello')
         end)
         cmd.logfile:close()
         assert.are.equal('hello', shown[#shown])
         assert.truthy(read_file(path):find('\n' .. os.date('%Y') .. '%[mnist%]: hello\n'))
      end)

      it('accepts an open file', function()
         local cmd = CmdLine()
         local f = assert(io.open(path, 'w'))
         screen(function()
            cmd:log(f, { a = 1 })
         end)
         f:close()
         assert.truthy(read_file(path):find('a\t1\n', 1, true))
      end)
   end)
end)
