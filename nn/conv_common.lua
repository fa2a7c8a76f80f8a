--[[ nn.conv_common — what the convolution, pooling and resampling modules share (not a module).

   local common = require 'nn.conv_common'
   common.describe(t)                    '2x3x8x8 torch.FloatTensor' (or the Lua type), for messages
   common.check(self, rc)                rc from a C kernel: 0 passes, else raises the C message
                                         prefixed with the module's name ('nn.SpatialConvolution: ...')
   common.check_input(self, input, dims, what)
                                         input must be a tensor with one of `dims` dimensions
                                         ({3, 4}), of the weight's dtype where the module has
                                         one; `what` describes the shape expected, for the message
                                         (text, or a function(self) returning it, called only then).
                                         (Modules without parameters follow their input's type:
                                         they make output and gradInput with common.buffer.)
   common.check_planes(self, input, dim, planes, what)
                                         input:size(dim) (dim counted from the end: 3 for CxHxW)
                                         must be `planes`
   common.buffer(self, name, like)       self[name] as a tensor of like's type (made or replaced
                                         when missing or of another type); returns it
   common.indices(self, name)            self[name] as a LongTensor (Torch7 keeps max-pooling
                                         indices in a LongTensor; older files may hold another type)
   common.size(t, d)                     t:size(d) as a Lua number, read from the struct (no call)
   common.raise(message)                 a Lua error pointing at the first caller outside nn/

The modules call the C kernels of core/nn_conv.c, core/nn_pool.c and core/nn_upsample.c through
the FFI, passing their tensors as they are: the kernels resize outputs and buffers themselves
and copy non-contiguous inputs, so a training step allocates nothing once buffers have grown.
]]

require 'torch'

local ffi = require 'ffi'
local C = require('torch.lib').C

local M = {}

local tonumber, type = tonumber, type

-- Errors name the user's line: the first frame outside nn/ (modules run inside containers and
-- Module:forward, all in nn/) and outside the torch module (constructors run from torch.class).
local INSIDE = debug.getinfo(1, 'S').source:match('^(@.*/)') or '@nn/'
local function inside(source)
   return source:sub(1, #INSIDE) == INSIDE or source:find('lua/torch/', 1, true) ~= nil
end
local function raise(message)
   local level = 2
   while true do
      local info = debug.getinfo(level, 'S')
      if info == nil then
         level = 0
         break
      end
      if info.what ~= 'C' and not inside(info.source) then
         break
      end
      level = level + 1
   end
   error(message, level)
end
M.raise = raise

function M.describe(t)
   if torch.isTensor(t) then
      if t:dim() == 0 then
         return 'empty ' .. t:type()
      end
      return table.concat(t:size():totable(), 'x') .. ' ' .. t:type()
   end
   return torch.type(t)
end
local describe = M.describe

function M.check(self, rc)
   if rc ~= 0 then
      -- the C message starts with the kernel's name ('SpatialConvolution: '): name the module instead
      local message = ffi.string(C.wk_last_error()):gsub('^%a+: ', '', 1)
      raise(torch.type(self) .. ': ' .. message)
   end
end

function M.size(t, d)
   return tonumber(t.sizes[d - 1])
end

-- what: the shape expected, as text or as a function(self) making it (called only for a message).
local function expected(self, what)
   return type(what) == 'function' and what(self) or what
end

function M.check_input(self, input, dims, what)
   local ok = torch.isTensor(input)
   if ok then
      ok = false
      for i = 1, #dims do
         ok = ok or input.ndim == dims[i]
      end
   end
   if not ok then
      raise(string.format('%s: expected %s, got %s', torch.type(self), expected(self, what), describe(input)))
   end
   local weight = self.weight
   if weight and input.dtype ~= weight.dtype then
      raise(string.format('%s: input is a %s but the module is %s (convert one of them with :type())',
         torch.type(self), input:type(), weight:type()))
   end
end

function M.check_planes(self, input, dim, planes, what)
   local n = input.ndim
   if tonumber(input.sizes[n - dim]) ~= planes then
      raise(string.format('%s: expected %s, got %s (%d planes instead of %d)', torch.type(self),
         expected(self, what), describe(input), tonumber(input.sizes[n - dim]), planes))
   end
end

function M.buffer(self, name, like)
   local b = self[name]
   if not torch.isTensor(b) or b.dtype ~= like.dtype then
      b = like.new()
      self[name] = b
   end
   return b
end

function M.indices(self, name)
   local b = self[name]
   if not torch.isTensor(b) or b:type() ~= 'torch.LongTensor' then
      b = torch.LongTensor()
      self[name] = b
   end
   return b
end

-- A positive integer argument of a constructor, else a Lua error naming the module and argument.
function M.positive(module_name, arg_name, v, allow_zero)
   if type(v) ~= 'number' or v ~= math.floor(v) or v < (allow_zero and 0 or 1) then
      raise(string.format('%s: %s must be a %s integer, got %s', module_name, arg_name,
         allow_zero and 'non-negative' or 'positive', tostring(v)))
   end
   return v
end

-- The 2-d convolution family (SpatialConvolution, SpatialConvolutionMM, SpatialDilatedConvolution):
-- one kernel, any weight shape with nOutputPlane x (nInputPlane*kH*kW) elements.

local CONV2D_DIMS = { 3, 4 }
local function conv2d_expected(self)
   return string.format('a 3-d (%d x H x W) or 4-d (N x %d x H x W) input', self.nInputPlane, self.nInputPlane)
end

local function conv2d_input(self, input)
   M.check_input(self, input, CONV2D_DIMS, conv2d_expected)
   M.check_planes(self, input, 3, self.nInputPlane, conv2d_expected)
end

function M.conv2d_update_output(self, input)
   conv2d_input(self, input)
   local finput = M.buffer(self, 'finput', input)
   local fgradInput = M.buffer(self, 'fgradInput', input)
   M.check(self, C.wk_nn_conv2d_update_output(input, self.output, self.weight, self.bias, finput, fgradInput,
      self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, self.dilationW or 1, self.dilationH or 1))
   return self.output
end

function M.conv2d_update_grad_input(self, input, gradOutput)
   if not self.gradInput then
      return nil
   end
   conv2d_input(self, input)
   local finput = M.buffer(self, 'finput', input)
   local fgradInput = M.buffer(self, 'fgradInput', input)
   M.check(self, C.wk_nn_conv2d_update_grad_input(input, gradOutput, self.gradInput, self.weight, finput,
      fgradInput, self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, self.dilationW or 1,
      self.dilationH or 1))
   return self.gradInput
end

function M.conv2d_acc_grad_parameters(self, input, gradOutput, scale)
   conv2d_input(self, input)
   local finput = M.buffer(self, 'finput', input)
   local fgradInput = M.buffer(self, 'fgradInput', input)
   M.check(self, C.wk_nn_conv2d_acc_grad_parameters(input, gradOutput, self.gradWeight, self.gradBias, finput,
      fgradInput, self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, self.dilationW or 1,
      self.dilationH or 1, scale or 1))
end

-- Torch7's form of the convolutions' name: 'nn.SpatialConvolution(3 -> 16, 5x5, 2,2, 1,1)'.
function M.conv2d_tostring(self)
   local s = string.format('%s(%d -> %d, %dx%d', torch.type(self), self.nInputPlane, self.nOutputPlane, self.kW,
      self.kH)
   if self.dW ~= 1 or self.dH ~= 1 or self.padW ~= 0 or self.padH ~= 0 then
      s = s .. string.format(', %d,%d', self.dW, self.dH)
   end
   if (self.padW or self.padH) and (self.padW ~= 0 or self.padH ~= 0) then
      s = s .. ', ' .. self.padW .. ',' .. self.padH
   end
   return s
end

return M
