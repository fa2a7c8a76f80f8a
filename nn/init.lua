--[[ nn — Torch7's neural network package: modules, containers and criterions over Wick's tensors.

`require 'nn'` loads torch, makes the global `nn` table and loads every module file below; each
file defines one class with torch.class('nn.Name', parent) (nn.Module and nn.Criterion are the
roots). nn.utils holds the helpers the modules share; nn.Jacobian the finite-difference checker.

Adding a module: create nn/Foo.lua and add one `require('nn.Foo')` line in its group below (a
parent class must come before the classes that extend it).
]]

require 'torch'

nn = rawget(_G, 'nn') or {}

-- Foundations
require('nn.utils')
require('nn.Module')
require('nn.Container')
require('nn.Criterion')
require('nn.Jacobian')

-- Containers
require('nn.Sequential')
require('nn.Concat')
require('nn.ConcatTable')
require('nn.Parallel')
require('nn.ParallelTable')

-- Simple layers
require('nn.Identity')
require('nn.Linear')
require('nn.Bilinear')
require('nn.LookupTable')
require('nn.Add')
require('nn.Mul')
require('nn.CMul')
require('nn.MM')
require('nn.Euclidean')
require('nn.Cosine')
require('nn.Reshape')
require('nn.View')
require('nn.Transpose')
require('nn.Narrow')
require('nn.Select')
require('nn.Replicate')
require('nn.Squeeze')
require('nn.Unsqueeze')
require('nn.Padding')
require('nn.Copy')
require('nn.Contiguous')
require('nn.Sum')
require('nn.Mean')
require('nn._Extremum')
require('nn.Max')
require('nn.Min')
require('nn.Normalize')

-- Table layers
require('nn.JoinTable')
require('nn.SplitTable')
require('nn.SelectTable')
require('nn.NarrowTable')
require('nn.FlattenTable')
require('nn.CAddTable')
require('nn.CSubTable')
require('nn.CMulTable')
require('nn.CDivTable')

-- Transfer functions
require('nn.Threshold')
require('nn.ReLU')
require('nn.ReLU6')
require('nn.LeakyReLU')
require('nn.PReLU')
require('nn.RReLU')
require('nn.ELU')
require('nn.Tanh')
require('nn.HardTanh')
require('nn.Clamp')
require('nn.Sigmoid')
require('nn.HardShrink')
require('nn.SoftShrink')
require('nn._SoftMax')
require('nn.SoftMax')
require('nn.LogSoftMax')
require('nn.SoftMin')
require('nn.SoftPlus')
require('nn.SoftSign')
require('nn.GatedLinearUnit')
require('nn.Exp')
require('nn.Log')
require('nn.Abs')
require('nn.Square')
require('nn.Sqrt')
require('nn.Power')

-- Convolution and pooling
require('nn.SpatialConvolution')
require('nn.SpatialConvolutionMM')
require('nn.SpatialDilatedConvolution')
require('nn.SpatialFullConvolution')
require('nn.SpatialMaxPooling')
require('nn.SpatialMaxUnpooling')
require('nn.SpatialAveragePooling')
require('nn.SpatialAdaptiveMaxPooling')
require('nn.SpatialAdaptiveAveragePooling')
require('nn.SpatialUpSamplingNearest')
require('nn.SpatialUpSamplingBilinear')
require('nn._SpatialPadding')
require('nn.SpatialZeroPadding')
require('nn.SpatialReflectionPadding')
require('nn.SpatialReplicationPadding')
require('nn.TemporalConvolution')
require('nn.TemporalMaxPooling')
require('nn.VolumetricConvolution')
require('nn.VolumetricMaxPooling')

-- Normalization and regularization
require('nn.Dropout')
require('nn.SpatialDropout')
require('nn.BatchNormalization')
require('nn.SpatialBatchNormalization')
require('nn.LayerNormalization')

-- Criterions
require('nn._PointwiseCriterion')
require('nn.MSECriterion')
require('nn.AbsCriterion')
require('nn.SmoothL1Criterion')
require('nn.ClassNLLCriterion')
require('nn.CrossEntropyCriterion')
require('nn.BCECriterion')
require('nn.DistKLDivCriterion')
require('nn.MarginCriterion')
require('nn.SoftMarginCriterion')
require('nn.MultiMarginCriterion')
require('nn.MultiLabelMarginCriterion')
require('nn.MultiLabelSoftMarginCriterion')
require('nn.HingeEmbeddingCriterion')
require('nn.L1HingeEmbeddingCriterion')
require('nn.CosineEmbeddingCriterion')
require('nn.MarginRankingCriterion')
require('nn.ParallelCriterion')
require('nn.MultiCriterion')

-- Recurrent
require('nn.LSTM')
require('nn.GRU')

return nn
