--[[ nn.SpatialFullConvolution(nInputPlane, nOutputPlane, kW, kH [, dW = 1, dH = 1, padW = 0, padH = 0,
adjW = 0, adjH = 0]) — the transpose of a convolution ("deconvolution", fractionally strided
convolution): each input pixel adds weight-scaled kernels to the output, dW, dH apart.

   input    nInputPlane x H x W or N x nInputPlane x H x W; or a table {input, sizeTensor}: the
            output then takes sizeTensor's last two sizes (adjW, adjH are worked out from them)
   output   nOutputPlane x oH x oW (batched likewise), where
            oW = (W - 1) dW - 2 padW + kW + adjW, oH = (H - 1) dH - 2 padH + kH + adjH
   weight   nInputPlane x nOutputPlane x kH x kW, gradWeight likewise
   bias     nOutputPlane, gradBias likewise (absent after :noBias())

   output[n][o][y*dH - padH + ky][x*dW - padW + kx] += weight[i][o][ky][kx] * input[n][i][y][x]
   (for every i, y, x, ky, kx; then + bias[o] everywhere)

adjW < dW and adjH < dH. It is exactly the input gradient of a SpatialConvolution with the same
weight and arguments, and its input gradient is that convolution's forward pass: the same kernel
(core/nn_conv.c) runs with the two passes swapped. finput and fgradInput are scratch.
]]

require 'torch'

local common = require 'nn.conv_common'
local C = require('torch.lib').C

local SpatialFullConvolution, parent = torch.class('nn.SpatialFullConvolution', 'nn.Module')

local sqrt = math.sqrt
local positive = common.positive
local DIMS = { 3, 4 }
local function expected(self)
   return string.format('a 3-d (%d x H x W) or 4-d (N x %d x H x W) input', self.nInputPlane, self.nInputPlane)
end

function SpatialFullConvolution:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, adjW, adjH)
   parent.__init(self)
   local name = torch.type(self)
   self.nInputPlane = positive(name, 'nInputPlane', nInputPlane)
   self.nOutputPlane = positive(name, 'nOutputPlane', nOutputPlane)
   self.kW = positive(name, 'kW', kW)
   self.kH = positive(name, 'kH', kH)
   self.dW = positive(name, 'dW', dW or 1)
   self.dH = positive(name, 'dH', dH or 1)
   self.padW = positive(name, 'padW', padW or 0, true)
   self.padH = positive(name, 'padH', padH or 0, true)
   self.adjW = positive(name, 'adjW', adjW or 0, true)
   self.adjH = positive(name, 'adjH', adjH or 0, true)
   if self.adjW > self.dW - 1 or self.adjH > self.dH - 1 then
      common.raise(string.format('%s: adjW and adjH (%d, %d) must be smaller than dW and dH (%d, %d)', name,
         self.adjW, self.adjH, self.dW, self.dH))
   end
   self.weight = torch.Tensor(nInputPlane, nOutputPlane, kH, kW)
   self.gradWeight = torch.Tensor(nInputPlane, nOutputPlane, kH, kW)
   self.bias = torch.Tensor(nOutputPlane)
   self.gradBias = torch.Tensor(nOutputPlane)
   self:reset()
end

function SpatialFullConvolution:noBias()
   self.bias = nil
   self.gradBias = nil
   return self
end

function SpatialFullConvolution:reset(stdv)
   if stdv then
      stdv = stdv * sqrt(3)
   else
      stdv = 1 / sqrt(self.kW * self.kH * self.nInputPlane)
   end
   self.weight:uniform(-stdv, stdv)
   if self.bias then
      self.bias:uniform(-stdv, stdv)
   end
   return self
end

-- The convolution input and the adjustments: from the module, or from {input, sizeTensor}.
local function arguments(self, input)
   self.adjW = self.adjW or 0
   self.adjH = self.adjH or 0
   local adjW, adjH = self.adjW, self.adjH
   if type(input) == 'table' then
      local x, target = input[1], input[2]
      common.check_input(self, x, DIMS, expected)
      if not torch.isTensor(target) or target:dim() < 2 then
         common.raise(torch.type(self) .. ': the second input must be a tensor whose last two sizes are the '
            .. 'output\'s, got ' .. common.describe(target))
      end
      local n = x.ndim
      adjH = target:size(target:dim() - 1) - ((tonumber(x.sizes[n - 2]) - 1) * self.dH - 2 * self.padH + self.kH)
      adjW = target:size(target:dim()) - ((tonumber(x.sizes[n - 1]) - 1) * self.dW - 2 * self.padW + self.kW)
      input = x
   else
      common.check_input(self, input, DIMS, expected)
   end
   common.check_planes(self, input, 3, self.nInputPlane, expected)
   return input, adjW, adjH
end

function SpatialFullConvolution:updateOutput(input)
   local x, adjW, adjH = arguments(self, input)
   local finput = common.buffer(self, 'finput', x)
   local fgradInput = common.buffer(self, 'fgradInput', x)
   common.check(self, C.wk_nn_full_conv2d_update_output(x, self.output, self.weight, self.bias, finput, fgradInput,
      self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, adjW, adjH))
   return self.output
end

function SpatialFullConvolution:updateGradInput(input, gradOutput)
   if not self.gradInput then
      return nil
   end
   local x, adjW, adjH = arguments(self, input)
   local finput = common.buffer(self, 'finput', x)
   local fgradInput = common.buffer(self, 'fgradInput', x)
   local gradInput = self.gradInput
   if type(input) == 'table' then
      -- {gradient of input, zeros for sizeTensor}, as Torch7
      if type(gradInput) ~= 'table' then
         gradInput = { x.new(), x.new() }
         self.gradInput = gradInput
      end
      gradInput[1] = common.buffer(gradInput, 1, x)
      gradInput[2] = common.buffer(gradInput, 2, x)
      gradInput[2]:resizeAs(input[2]):zero()
      gradInput = gradInput[1]
   elseif not torch.isTensor(gradInput) then
      gradInput = x.new()
      self.gradInput = gradInput
   end
   common.check(self, C.wk_nn_full_conv2d_update_grad_input(x, gradOutput, gradInput, self.weight, finput,
      fgradInput, self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, adjW, adjH))
   return self.gradInput
end

function SpatialFullConvolution:accGradParameters(input, gradOutput, scale)
   local x, adjW, adjH = arguments(self, input)
   local finput = common.buffer(self, 'finput', x)
   local fgradInput = common.buffer(self, 'fgradInput', x)
   common.check(self, C.wk_nn_full_conv2d_acc_grad_parameters(x, gradOutput, self.gradWeight, self.gradBias,
      finput, fgradInput, self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, adjW, adjH, scale or 1))
end

function SpatialFullConvolution:type(typename, tensorCache)
   if self.finput then self.finput:set() end
   if self.fgradInput then self.fgradInput:set() end
   return parent.type(self, typename, tensorCache)
end

function SpatialFullConvolution:clearState()
   nn.utils.clear(self, 'finput', 'fgradInput', '_input', '_gradOutput')
   return parent.clearState(self)
end

function SpatialFullConvolution:__tostring__()
   local s = common.conv2d_tostring(self)
   if (self.adjW or self.adjH) and (self.adjW ~= 0 or self.adjH ~= 0) then
      s = s .. ', ' .. self.adjW .. ',' .. self.adjH
   end
   return s .. (self.bias and ')' or ') without bias')
end

return SpatialFullConvolution
