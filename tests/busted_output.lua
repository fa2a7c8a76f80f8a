--[[ A busted output handler: busted's own utfTerminal output (dots, the status line, failures
and errors in full), then one last line

   N passed, N failed

that scripts/test.sh adds up. Failed counts failures and errors: an error inside an `it`, in a
`describe` or a hook, and a spec file that does not load. Pending tests count as neither.

   luajit /usr/bin/busted -o tests/busted_output.lua      (.busted sets it as the default)
]]
return function(options)
   local busted = require 'busted'
   local handler = require('busted.outputHandlers.utfTerminal')(options)

   -- Subscribed after utfTerminal's own suite-end handler, so this line comes last.
   busted.subscribe({ 'suite', 'end' }, function()
      local failed = handler.failuresCount + handler.errorsCount
      io.write(('%d passed, %d failed\n'):format(handler.successesCount, failed))
      io.flush()
      return nil, true
   end)

   return handler
end
