--[[ torch.serialize — Torch7's .t7 files: torch.save, torch.load, torch.serialize,
torch.deserialize, torch.MemoryFile and torch.DiskFile (basics).

   torch.save(filename, obj [, format])      format 'binary' (default) or 'ascii'. Atomic: written
                                             to a temporary file in the same directory, flushed,
                                             fsync'ed, then renamed over filename.
   torch.load(filename [, format] [, options])   options.allowFunctions = true loads Lua functions
                                             (bytecode: trusted files only); refused otherwise.
   torch.serialize(obj [, format]) -> string
   torch.deserialize(str [, format] [, options])
   torch.MemoryFile([mode])  / torch.MemoryFile(charStorage, mode): :storage() the bytes written
   torch.DiskFile(filename [, mode])         mode 'r' or 'w'; ascii until :binary()
      both: :binary(), :ascii(), :writeObject(o), :readObject(), :writeInt/Long/Double(v),
      :readInt/Long/Double(), :writeString(s), :readString(n), :seek(pos), :close()

The encodings are in binary.lua and ascii.lua, the objects in object.lua, the byte streams in
stream.lua. Errors while loading name the file and the byte offset.
]]

local ffi = require 'ffi'
local stream = require 'torch.serialize.stream'
local object = require 'torch.serialize.object'
local Storage = require 'torch.Storage'
local checks = require 'torch.check'

local function check_string(v, n, op)
   if type(v) ~= 'string' then
      checks.argerror(n, op, 'string expected, got ' .. checks.typename_of(v))
   end
end

local CODECS = { binary = require 'torch.serialize.binary', ascii = require 'torch.serialize.ascii' }

local function codec_for(format, fname)
   format = format or 'binary'
   local codec = CODECS[format]
   if codec == nil then
      error(string.format("%s: format '%s' unknown ('binary' or 'ascii')", fname, tostring(format)), 3)
   end
   return codec
end

-- File ----------------------------------------------------------------------------------------------

local File = {}
File.__index = File

local function new_file(codec, sink, src, options)
   return setmetatable({ codec = codec, sink = sink, src = src, options = options or {},
      written = {}, nwritten = 0, kept = {}, read_objects = {} }, File)
end

function File:binary() self.codec = CODECS.binary return self end
function File:ascii() self.codec = CODECS.ascii return self end
function File:isBinary() return self.codec == CODECS.binary end

local function need(self, field, op)
   if self[field] == nil then
      error(string.format('%s: the file is not open for %s', op, field == 'sink' and 'writing' or 'reading'), 3)
   end
end

function File:writeObject(obj)
   need(self, 'sink', 'writeObject')
   object.write(self, obj)
end

function File:readObject()
   need(self, 'src', 'readObject')
   return object.read(self)
end

function File:writeInt(v) need(self, 'sink', 'writeInt') self.codec.write_int(self.sink, v) end
function File:writeLong(v) need(self, 'sink', 'writeLong') self.codec.write_long(self.sink, v) end
function File:writeDouble(v) need(self, 'sink', 'writeDouble') self.codec.write_double(self.sink, v) end
function File:writeString(s) need(self, 'sink', 'writeString') self.codec.write_chars(self.sink, s) end
function File:readInt() need(self, 'src', 'readInt') return self.codec.read_int(self.src) end
function File:readLong() need(self, 'src', 'readLong') return self.codec.read_long(self.src) end
function File:readDouble() need(self, 'src', 'readDouble') return self.codec.read_double(self.src) end
function File:readString(n) need(self, 'src', 'readString') return self.codec.read_chars(self.src, n) end
function File:position() return self.src and self.src.pos + 1 or nil end

-- seek(pos), 1-based: reading goes on from there (over what was written so far, for 'rw' files).
function File:seek(pos)
   if self.sink then
      self.src = stream.source(self.sink:result(), self.filename or '<MemoryFile>')
   end
   need(self, 'src', 'seek')
   if pos < 1 or pos > self.src.len + 1 then
      error(string.format('seek: position %d outside the file of %d bytes', pos, self.src.len), 2)
   end
   self.src.pos = pos - 1
   return self
end

-- Memory and disk files: read ones hold all the bytes; written ones collect them until close.
function File:storage()
   local bytes = self.sink and self.sink:result() or self.src.bytes
   return torch.CharStorage():string(bytes)
end

function File:close()
   if self.sink and self.filename then
      local fh, err = io.open(self.filename, 'wb')
      if fh == nil then
         error('close: ' .. tostring(err), 2)
      end
      fh:write(self.sink:result())
      fh:close()
   end
   self.closed = true
end

local function read_whole(filename, fname)
   check_string(filename, 1, fname)
   local fh, err = io.open(filename, 'rb')
   if fh == nil then
      error(string.format('%s: cannot open %s', fname, tostring(err)), 3)
   end
   local bytes = fh:read('*a')
   fh:close()
   return bytes
end

local M = {}

function M.MemoryFile(a, mode)
   if type(a) == 'string' and mode == nil then
      a, mode = nil, a
   end
   mode = mode or 'rw'
   local f = new_file(CODECS.ascii, stream.memory_sink(), nil)
   if a ~= nil then
      f.src = stream.source(a:string(), '<MemoryFile>')
      f.sink = mode:find('w') and f.sink or nil
   elseif mode:find('r') and not mode:find('w') then
      f.src = stream.source('', '<MemoryFile>')
      f.sink = nil
   end
   return f
end

function M.DiskFile(filename, mode)
   mode = mode or 'r'
   if mode:find('w') then
      local f = new_file(CODECS.ascii, stream.memory_sink(), nil)
      f.filename = filename
      return f
   end
   return new_file(CODECS.ascii, nil, stream.source(read_whole(filename, 'DiskFile'), filename))
end

-- save / load ------------------------------------------------------------------------------------

local function fail_errno(what, name)
   return string.format('torch.save: %s %s: %s', what, name, ffi.string(ffi.C.strerror(ffi.errno())))
end

function M.save(filename, obj, format)
   check_string(filename, 1, 'save')
   local codec = codec_for(format, 'torch.save')
   local tmp = string.format('%s.tmp%d%d', filename, os.time(), math.random(1, 1e9))
   local fp = ffi.C.fopen(tmp, 'wb')
   if fp == nil then
      error(fail_errno('cannot create', tmp), 2)
   end
   local ok, err = pcall(function()
      local sink = stream.file_sink(fp, tmp)
      object.write(new_file(codec, sink, nil), obj)
      sink:flush_chunks()
      if ffi.C.fflush(fp) ~= 0 or ffi.C.fsync(ffi.C.fileno(fp)) ~= 0 then
         error(fail_errno('cannot flush', tmp), 0)
      end
   end)
   local closed = ffi.C.fclose(fp) == 0
   if ok and not closed then
      ok, err = false, fail_errno('cannot close', tmp)
   end
   if ok and ffi.C.rename(tmp, filename) ~= 0 then
      ok, err = false, fail_errno('cannot rename to ' .. filename .. ':', tmp)
   end
   if not ok then
      ffi.C.remove(tmp)
      error('torch.save: ' .. filename .. ': ' .. tostring(err), 2)
   end
end

local function load_from(bytes, name, format, options)
   if type(format) == 'table' then
      format, options = nil, format
   end
   local codec = codec_for(format, 'torch.load')
   local f = new_file(codec, nil, stream.source(bytes, name), options)
   return object.read(f)
end

function M.load(filename, format, options)
   return load_from(read_whole(filename, 'torch.load'), filename, format, options)
end

function M.serialize(obj, format)
   local sink = stream.memory_sink()
   object.write(new_file(codec_for(format, 'torch.serialize'), sink, nil), obj)
   return sink:result()
end

function M.deserialize(str, format, options)
   check_string(str, 1, 'deserialize')
   return load_from(str, '<string>', format, options)
end

for name, fn in pairs(M) do
   torch[name] = fn
end
torch.File = File

return M
