--[[ nn.SpatialDropout([p = 0.5] [, stochasticInference]) — drops whole feature maps while training.

   input    nFeature x H x W, or N x nFeature x H x W (a batch); output the same shape
   p        the probability of dropping a feature map, 0 <= p < 1
   stochasticInference   true: drop maps in evaluation mode too

One Bernoulli draw per feature map (per sample) zeroes the whole map, which regularizes where
neighbouring pixels are strongly correlated (Tompson et al. 2015). As in Torch7, kept maps are
not scaled while training; in evaluation the output is the input scaled by 1 - p (Torch7's
first Dropout convention, not nn.Dropout's default). The mask (`noise`, nFeature x 1 x 1 or
N x nFeature x 1 x 1) broadcasts over the maps in forward and backward.
]]

require 'torch'

local SpatialDropout, parent = torch.class('nn.SpatialDropout', 'nn.Module')

function SpatialDropout:__init(p, stochasticInference)
   parent.__init(self)
   self.p = p or 0.5
   self.train = true
   self.stochastic_inference = stochasticInference or false
   if type(self.p) ~= 'number' or self.p >= 1 or self.p < 0 then
      error(string.format('nn.SpatialDropout: illegal percentage %s, must be 0 <= p < 1', tostring(self.p)), 2)
   end
   self.noise = torch.Tensor()
end

local function describe(t)
   return torch.isTensor(t) and (table.concat(t:size():totable(), 'x') .. ' ' .. t:type()) or torch.type(t)
end

local function dropping(self)
   return self.p > 0 and (self.train or self.stochastic_inference)
end

function SpatialDropout:updateOutput(input)
   if not torch.isTensor(input) or (input:dim() ~= 3 and input:dim() ~= 4) then
      error('nn.SpatialDropout: input must be 3-d (nFeature x H x W) or 4-d (N x nFeature x H x W), got '
         .. describe(input), 3)
   end
   self.output:resizeAs(input):copy(input)
   if dropping(self) then
      if input:dim() == 3 then
         self.noise:resize(input:size(1), 1, 1)
      else
         self.noise:resize(input:size(1), input:size(2), 1, 1)
      end
      self.noise:bernoulli(1 - self.p)
      self.output:cmul(self.noise)
   elseif self.p > 0 then
      self.output:mul(1 - self.p)
   end
   return self.output
end

function SpatialDropout:updateGradInput(input, gradOutput)
   if not torch.isTensor(gradOutput) or not gradOutput:isSameSizeAs(input) then
      error(string.format('nn.SpatialDropout: gradOutput %s does not match input %s', describe(gradOutput),
         describe(input)), 3)
   end
   self.gradInput:resizeAs(gradOutput):copy(gradOutput)
   if dropping(self) then
      if self.noise:dim() ~= input:dim() or self.noise:size(1) ~= input:size(1) then
         error('nn.SpatialDropout: backward needs the mask of a forward pass on this input (call forward first)', 3)
      end
      self.gradInput:cmul(self.noise)
   elseif self.p > 0 then
      self.gradInput:mul(1 - self.p)
   end
   return self.gradInput
end

function SpatialDropout:setp(p)
   if type(p) ~= 'number' or p >= 1 or p < 0 then
      error(string.format('nn.SpatialDropout: illegal percentage %s, must be 0 <= p < 1', tostring(p)), 2)
   end
   self.p = p
end

function SpatialDropout:__tostring__()
   return string.format('%s(%f)', torch.type(self), self.p)
end

function SpatialDropout:clearState()
   if self.noise then
      self.noise:set()
   end
   return parent.clearState(self)
end

return SpatialDropout
