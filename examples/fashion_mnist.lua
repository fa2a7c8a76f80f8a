--[[ Fashion-MNIST classification with nn + optim, written as a Torch7 script.

   bin/wick examples/fashion_mnist.lua [-model mlp|cnn] [-epochs 5] [-batchSize 128] [-lr 0.05]
        [-momentum 0.9] [-seed 1] [-threads N] [-maxBatches N] [-plot fashion_mnist.png] [-save dir] [-quiet]

Models: mlp 784-512-256-10 with ReLU; cnn conv5x5x32 - ReLU - maxpool2 - conv5x5x64 - ReLU -
maxpool2 - 1024 - 256 - 10. Both end in LogSoftMax and train with ClassNLLCriterion and SGD with
momentum over one flat parameter vector (getParameters). Data: Debian's dataset-fashion-mnist
(wick.data.mnist), normalised to zero mean / unit variance with the training set's statistics.
After each epoch: test accuracy, the confusion matrix and training throughput (samples/s, the
training loop only). At the end: a training-curve PNG (gnuplot) and a line
`RESULT model=mlp test_accuracy=0.xxxx samples_per_s=N`.
]]

require 'torch'
require 'nn'
require 'optim'
require 'xlua'
local mnist = require 'wick.data.mnist'

local cmd = torch.CmdLine()
cmd:text('Train an MLP or a CNN on Fashion-MNIST')
cmd:text('Options:')
cmd:option('-model', 'mlp', 'mlp | cnn')
cmd:option('-epochs', 5, 'number of epochs')
cmd:option('-batchSize', 128, 'mini-batch size')
cmd:option('-lr', 0.05, 'learning rate')
cmd:option('-momentum', 0.9, 'momentum')
cmd:option('-seed', 1, 'random seed')
cmd:option('-threads', 0, 'number of threads (0: leave the default)')
cmd:option('-maxBatches', 0, 'stop each epoch after N batches (0: full epochs)')
cmd:option('-plot', 'fashion_mnist.png', 'PNG file for the training curve ("" for none)')
cmd:option('-save', '', 'directory for a checkpoint of the trained model ("" for none)')
cmd:option('-quiet', false, 'no progress bar')
local opt = cmd:parse(arg or {})

torch.setdefaulttensortype('torch.FloatTensor')
torch.manualSeed(opt.seed)
if opt.threads > 0 then
   torch.setnumthreads(opt.threads)
end

-- Data ---------------------------------------------------------------------------------------------
local train, test = mnist.load()
mnist.normalize(train, test)
print(string.format('Fashion-MNIST: %d training, %d test images (mean %.3f, std %.3f)',
   train.size, test.size, train.mean, train.std))

-- Model --------------------------------------------------------------------------------------------
local model = nn.Sequential()
if opt.model == 'mlp' then
   model:add(nn.Linear(784, 512)):add(nn.ReLU())
   model:add(nn.Linear(512, 256)):add(nn.ReLU())
   model:add(nn.Linear(256, 10))
elseif opt.model == 'cnn' then
   model:add(nn.View(-1, 1, 28, 28))
   model:add(nn.SpatialConvolution(1, 32, 5, 5)):add(nn.ReLU())      -- 32x24x24
   model:add(nn.SpatialMaxPooling(2, 2, 2, 2))                        -- 32x12x12
   model:add(nn.SpatialConvolution(32, 64, 5, 5)):add(nn.ReLU())     -- 64x8x8
   model:add(nn.SpatialMaxPooling(2, 2, 2, 2))                        -- 64x4x4
   model:add(nn.View(-1, 64 * 4 * 4))
   model:add(nn.Linear(1024, 256)):add(nn.ReLU())
   model:add(nn.Linear(256, 10))
else
   cmd:error('unknown -model ' .. tostring(opt.model) .. ' (mlp or cnn)')
end
model:add(nn.LogSoftMax())
local criterion = nn.ClassNLLCriterion()
print(model)

local params, gradParams = model:getParameters()
print(string.format('%d parameters', params:nElement()))
local config = { learningRate = opt.lr, momentum = opt.momentum }
local confusion = optim.ConfusionMatrix(mnist.classes)

-- Training -----------------------------------------------------------------------------------------
local inputs, targets         -- the current batch, read by feval
local function feval()
   gradParams:zero()
   local output = model:forward(inputs)
   local loss = criterion:forward(output, targets)
   model:backward(inputs, criterion:backward(output, targets))
   return loss, gradParams
end

local function evaluate()
   model:evaluate()
   confusion:zero()
   for x, y in mnist.batches(test, 1000, {shuffle = false}) do
      confusion:batchAdd(model:forward(x), y)
   end
   confusion:updateValids()
   return confusion.totalValid
end

local losses, accuracies, rates = {}, {}, {}
local timer = torch.Timer()
for epoch = 1, opt.epochs do
   model:training()
   local nbatches = math.ceil(train.size / opt.batchSize)
   if opt.maxBatches > 0 then nbatches = math.min(nbatches, opt.maxBatches) end
   local total_loss, seen, b = 0, 0, 0
   timer:reset()
   for x, y, n in mnist.batches(train, opt.batchSize, {maxBatches = opt.maxBatches}) do
      inputs, targets = x, y
      local _, fs = optim.sgd(feval, params, config)
      total_loss = total_loss + fs[1] * n
      seen = seen + n
      b = b + 1
      if not opt.quiet then xlua.progress(b, nbatches) end
   end
   local elapsed = timer:time().real
   local rate = seen / elapsed
   local acc = evaluate()
   losses[epoch] = total_loss / seen
   accuracies[epoch] = acc
   rates[epoch] = rate
   print(confusion)
   print(string.format('epoch %d: train loss %.4f, test accuracy %.2f%%, %.0f samples/s (%.1f s)',
      epoch, losses[epoch], 100 * acc, rate, elapsed))
end

-- Median throughput over epochs 2.. (the first one includes warm-up), as the PyTorch script does.
local function median(t, from)
   local s = {}
   for i = from, #t do s[#s + 1] = t[i] end
   if #s == 0 then return 0 end
   table.sort(s)
   local m = math.floor((#s + 1) / 2)
   return #s % 2 == 1 and s[m] or 0.5 * (s[m] + s[m + 1])
end
local samples_per_s = median(rates, #rates > 1 and 2 or 1)

-- Training curve -----------------------------------------------------------------------------------
if opt.plot ~= '' and #losses > 0 then
   local ok, err = pcall(function()
      require 'gnuplot'
      local e = torch.range(1, #losses)
      gnuplot.pngfigure(opt.plot)
      gnuplot.plot({'train loss', e, torch.DoubleTensor(losses), '-'},
                   {'test error', e, torch.DoubleTensor(accuracies):mul(-1):add(1), '-'})
      gnuplot.xlabel('epoch')
      gnuplot.ylabel('loss / error')
      gnuplot.title('Fashion-MNIST ' .. opt.model)
      gnuplot.plotflush()
   end)
   if ok then
      print('training curve: ' .. opt.plot)
   else
      print('no training curve: ' .. tostring(err))
   end
end

-- Checkpoint ---------------------------------------------------------------------------------------
if opt.save ~= '' then
   if torch.save then
      os.execute("mkdir -p '" .. opt.save .. "'")
      torch.save(opt.save .. '/' .. opt.model .. '.t7', model:clearState())
      print('saved ' .. opt.save .. '/' .. opt.model .. '.t7')
   else
      print('-save: torch.save is not available yet; no checkpoint written')
   end
end

print(string.format('RESULT model=%s test_accuracy=%.4f samples_per_s=%.0f',
   opt.model, accuracies[#accuracies] or 0, samples_per_s))
