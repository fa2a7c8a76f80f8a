-- examples/demo.lua — a first look at Wick's tensors.  Run it with:  bin/wick examples/demo.lua
-- (`torch` is already loaded by wick; plain LuaJIT scripts start with `require 'torch'`.)

local a = torch.FloatTensor(2, 3):fill(1)
print('a 2x3 FloatTensor of ones:')
print(a)

-- narrow, select and t() make views: they share a's storage, nothing is copied.
local row = a:select(1, 2)          -- the second row: a 1-d view of size 3
row:fill(2)
local column = a:narrow(2, 3, 1)    -- the last column: a 2x1 view
column:fill(5)
print('after filling row 2 with 2, then column 3 with 5 (through views):')
print(a)

local transposed = a:t()            -- 3x2, the same storage read with swapped strides
print('a:t():')
print(transposed)

-- copy moves data between tensors of the same number of elements.
local b = torch.FloatTensor(3, 2)
b:copy(transposed)
b:fill(0)                           -- b owns its data: a is unchanged
print('a after filling a copy of its transpose with zeros:')
print(a)
