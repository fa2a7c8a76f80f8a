-- luacheck configuration (Debian: apt-get install lua-check; run `luacheck .` at the root).
std = 'luajit'
globals = { 'torch', 'nn', 'optim' }
max_line_length = 120
exclude_files = { 'build/**', 'build-*/**' }

-- bin/wick's Lua side sets the interpreter's `arg` table, as lua does.
files['lua/wick/cli.lua'] = { globals = { 'arg' } }

-- busted specs: describe, it, assert.*, spy, mock, pending ...
files['tests/**/*_spec.lua'] = { std = '+busted' }
files['.busted'] = { std = 'luajit' }
