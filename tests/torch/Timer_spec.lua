-- torch.Timer (lua/torch/Timer.lua): real, user and sys time of a period, with stop/resume/reset.

pcall(require, 'torch')          -- the class works without the tensor library too
local Timer = require 'torch.Timer'
local ffi = require 'ffi'

pcall(ffi.cdef, [[
int wick_timer_spec_usleep(unsigned int microseconds) __asm__("usleep");
]])

local function sleep(seconds)
   ffi.C.wick_timer_spec_usleep(seconds * 1e6)
end

-- Burns CPU time in this process for about `seconds`. The clock is read between long runs of
-- arithmetic: reading it is a system call here, and would turn the time into sys time.
local function spin(seconds)
   local finish = os.clock() + seconds
   local x = 0
   while os.clock() < finish do
      for _ = 1, 200000 do
         x = x + math.sin(x)
      end
   end
   return x
end

describe('torch.Timer', function()
   it('is a Torch class', function()
      local class = require 'torch.class'
      assert.are.equal('torch.Timer', class.type(Timer()))
      if type(rawget(_G, 'torch')) == 'table' and torch.Timer then
         assert.are.equal(Timer, torch.Timer)
      end
   end)

   it('reports real, user and sys seconds since it was made', function()
      local timer = Timer()
      local t = timer:time()
      assert.are.equal('number', type(t.real))
      assert.are.equal('number', type(t.user))
      assert.are.equal('number', type(t.sys))
      assert.is_true(t.real >= 0 and t.real < 0.5)
      assert.is_true(t.user >= 0 and t.sys >= 0)
   end)

   it('counts wall-clock time while sleeping, but little CPU time', function()
      local timer = Timer()
      sleep(0.05)
      local t = timer:time()
      assert.is_true(t.real >= 0.05, 'real ' .. t.real)
      assert.is_true(t.real < 1, 'real ' .. t.real)
      assert.is_true(t.user + t.sys < 0.04, 'cpu ' .. (t.user + t.sys))
   end)

   it('counts CPU time as user time', function()
      local timer = Timer()
      spin(0.1)
      local t = timer:time()
      assert.is_true(t.user >= 0.05, 'user ' .. t.user)
      assert.is_true(t.real >= t.user * 0.5, 'real ' .. t.real)
   end)

   it('does not count while stopped, and goes on from the same total after resume', function()
      local timer = Timer()
      sleep(0.02)
      assert.are.equal(timer, timer:stop())
      local stopped = timer:time()
      sleep(0.2)
      assert.are.same(stopped, timer:time())
      assert.are.equal(timer, timer:resume())
      sleep(0.02)
      local t = timer:time().real
      assert.is_true(t >= stopped.real + 0.02, 'real ' .. t)
      assert.is_true(t < stopped.real + 0.15, 'real ' .. t .. ' counted the stopped time')
   end)

   it('starts again from zero after reset', function()
      local timer = Timer()
      sleep(0.03)
      assert.are.equal(timer, timer:reset())
      assert.is_true(timer:time().real < 0.02)
   end)

   it('stays stopped at zero after reset when it was stopped', function()
      local timer = Timer()
      sleep(0.01)
      timer:stop()
      timer:reset()
      sleep(0.02)
      assert.are.same({ real = 0, user = 0, sys = 0 }, timer:time())
      timer:resume()
      sleep(0.01)
      assert.is_true(timer:time().real > 0)
   end)

   it('ignores stop when stopped and resume when running', function()
      local timer = Timer()
      timer:resume()
      sleep(0.01)
      timer:stop()
      local first = timer:time()
      timer:stop()
      assert.are.same(first, timer:time())
   end)

   it('never goes backwards', function()
      local timer = Timer()
      local last = 0
      for _ = 1, 1000 do
         local real = timer:time().real
         assert.is_true(real >= last)
         last = real
      end
   end)
end)
