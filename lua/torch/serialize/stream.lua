--[[ torch.serialize.stream — where serialized bytes go and come from.

   stream.memory_sink()          collects bytes; :result() gives them as one string
   stream.file_sink(fp)          writes to a C FILE * (big blocks go straight through fwrite)
   stream.source(bytes, name)    reads from a Lua string; every read checks the bytes remaining

Sinks: :put(str), :put_ptr(ptr, nbytes). Source: :take(n) -> pointer to n bytes (advances),
:peek() -> next byte or nil, :remaining(), :fail(message) raises "<name>: message (at byte offset N)".
]]

local ffi = require 'ffi'

pcall(ffi.cdef, [[
typedef struct FILE FILE;
FILE *fopen(const char *path, const char *mode);
size_t fwrite(const void *ptr, size_t size, size_t n, FILE *fp);
int fflush(FILE *fp);
int fclose(FILE *fp);
int fileno(FILE *fp);
int fsync(int fd);
int rename(const char *from, const char *to);
int remove(const char *path);
char *strerror(int errnum);
]])

local M = {}

local MemorySink = {}
MemorySink.__index = MemorySink

function M.memory_sink()
   return setmetatable({ chunks = {}, n = 0 }, MemorySink)
end

function MemorySink:put(str)
   local n = self.n + 1
   self.chunks[n] = str
   self.n = n
end

function MemorySink:put_ptr(ptr, nbytes)
   if nbytes > 0 then
      self:put(ffi.string(ptr, nbytes))
   end
end

function MemorySink:result()
   local s = table.concat(self.chunks, '', 1, self.n)
   self.chunks, self.n = { s }, 1
   return s
end

local FileSink = {}
FileSink.__index = FileSink

-- Small pieces are gathered and written in blocks; pointers to data go to fwrite directly.
function M.file_sink(fp, name)
   return setmetatable({ fp = fp, name = name, chunks = {}, n = 0, bytes = 0 }, FileSink)
end

function FileSink:flush_chunks()
   if self.n > 0 then
      local s = table.concat(self.chunks, '', 1, self.n)
      self.chunks, self.n, self.bytes = {}, 0, 0
      self:put_ptr(s, #s)
   end
end

function FileSink:put(str)
   local n = self.n + 1
   self.chunks[n] = str
   self.n = n
   self.bytes = self.bytes + #str
   if self.bytes >= 65536 then
      self:flush_chunks()
   end
end

function FileSink:put_ptr(ptr, nbytes)
   if nbytes <= 0 then
      return
   end
   if type(ptr) ~= 'string' then
      self:flush_chunks()
   end
   if ffi.C.fwrite(ptr, 1, nbytes, self.fp) ~= nbytes then
      error(string.format('%s: write failed: %s', self.name, ffi.string(ffi.C.strerror(ffi.errno()))), 0)
   end
end

local Source = {}
Source.__index = Source

function M.source(bytes, name)
   return setmetatable({ bytes = bytes, ptr = ffi.cast('const uint8_t *', bytes), pos = 0, len = #bytes,
      name = name or '<memory>' }, Source)
end

function Source:fail(message)
   error(string.format('%s: %s (at byte offset %d)', self.name, message, self.pos), 0)
end

function Source:remaining()
   return self.len - self.pos
end

function Source:take(n)
   if n < 0 or n > self.len - self.pos then
      self:fail(string.format('file truncated: %d bytes needed, %d left', n, self.len - self.pos))
   end
   local p = self.ptr + self.pos
   self.pos = self.pos + n
   return p
end

function Source:peek()
   if self.pos >= self.len then
      return nil
   end
   return self.ptr[self.pos]
end

return M
