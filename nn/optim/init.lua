--[[ optim — Torch7's optimisation package: functional optimisers and training helpers.

Every method has Torch7's form

   x, fx = optim.method(feval, x, config, state)

feval(x) returns f(x) and df/dx (a tensor the method may modify); x is updated in place and
returned with a table of the f values evaluated. state defaults to config and keeps what the
method carries between calls (counters, moment estimates), with Torch7's field names.

Methods: sgd, adam, adamax, adagrad, adadelta, rmsprop, nag, asgd, lbfgs (with optional
optim.lswolfe line search), cg. Helpers: optim.ConfusionMatrix, optim.Logger.
]]

require 'torch'

optim = optim or {}

require 'nn.optim.sgd'
require 'nn.optim.adam'
require 'nn.optim.adamax'
require 'nn.optim.adagrad'
require 'nn.optim.adadelta'
require 'nn.optim.rmsprop'
require 'nn.optim.nag'
require 'nn.optim.asgd'
-- require 'nn.optim.lswolfe'
-- require 'nn.optim.lbfgs'
-- require 'nn.optim.cg'
require 'nn.optim.ConfusionMatrix'
require 'nn.optim.Logger'

return optim
