-- What nn modules print, against what Torch7 itself printed for the same snippets
-- (../shared/fixtures/torch7-output/ beside the repository; WICK_TORCH7_OUTPUT overrides it).
--
-- The nn cases of cases.lua: sequential, nested_containers, conv_modules, criterions. A case runs
-- when every nn class its snippet names exists; otherwise it is reported pending with the
-- classes it still needs (none is skipped silently). The container cases (sequential,
-- nested_containers) also run at once with stand-ins for the missing leaf modules — objects
-- that print what Torch7 printed for those modules — so the containers' own printing is checked
-- before the leaves exist.

require 'nn'

local fixtures = require 'tests.fixtures'

local NN_CASES = { 'sequential', 'nested_containers', 'conv_modules', 'criterions' }

-- Leaf modules' Torch7 text, for the stand-ins.
local STAND_IN_TEXT = {
   ReLU = function() return 'nn.ReLU' end,
   Tanh = function() return 'nn.Tanh' end,
   Dropout = function(p) return string.format('nn.Dropout(%f)', p or 0.5) end,
}

-- The nn classes a snippet names that do not exist yet, sorted.
local function missing_classes(code)
   local missing, seen = {}, {}
   for name in code:gmatch('nn%.(%w+)%(') do
      if not seen[name] and rawget(nn, name) == nil then
         seen[name] = true
         missing[#missing + 1] = name
      end
   end
   table.sort(missing)
   return missing
end

-- A class for the stand-ins, kept out of the nn table.
local spec_classes = {}
local StandIn = torch.class('wick_spec.PrintStandIn', 'nn.Module', spec_classes)
function StandIn:__init(text)
   nn.Module.__init(self)
   self.text = text
end
function StandIn:__tostring__()
   return self.text
end

describe('printed nn modules match what Torch7 printed', function()
   local cases = fixtures.cases()
   local outputs = fixtures.outputs()
   local code_of = {}
   for _, case in ipairs(cases) do
      code_of[case[1]] = case[2]
   end
   local saved_type

   before_each(function()
      saved_type = torch.getdefaulttensortype()
      torch.setdefaulttensortype('torch.DoubleTensor')
   end)

   after_each(function()
      torch.setdefaulttensortype(saved_type)
   end)

   it('has every nn case in the fixtures', function()
      for _, name in ipairs(NN_CASES) do
         assert.is_not_nil(code_of[name], name)
         assert.is_not_nil(outputs[name], name)
      end
   end)

   for _, name in ipairs(NN_CASES) do
      local code = code_of[name]
      if code then
         local missing = missing_classes(code)
         if #missing == 0 then
            it(name, function()
               assert.are.equal(outputs[name], fixtures.run_captured(code))
            end)
         else
            pending(name .. ': needs nn.' .. table.concat(missing, ', nn.') .. ' (not loaded by require \'nn\' yet)')
            local stand_ins, complete = {}, true
            for _, class in ipairs(missing) do
               local text = STAND_IN_TEXT[class]
               if text then
                  stand_ins[class] = function(...) return spec_classes.PrintStandIn(text(...)) end
               else
                  complete = false
               end
            end
            if complete then
               it(name .. ', with stand-ins for nn.' .. table.concat(missing, ', nn.'), function()
                  local env = { nn = setmetatable(stand_ins, { __index = nn }) }
                  assert.are.equal(outputs[name], fixtures.run_captured(code, env))
               end)
            end
         end
      end
   end
end)
