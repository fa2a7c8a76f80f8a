-- torch.math: Torch7's tensor math, one file per family of operations. Each file adds its
-- methods to the tensor classes and its functions to the `torch` table when required.
-- lua/torch/init.lua requires this file after the tensor classes exist.
require 'torch.math.linalg'
require 'torch.math.operators'
require 'torch.math.reduce'
require 'torch.math.random'
require 'torch.math.index'
require 'torch.math.build'
require 'torch.math.elementwise'
