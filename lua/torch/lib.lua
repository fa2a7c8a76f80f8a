--[[ torch.lib — the one place that finds libwick and its header and loads them.

   local lib = require 'torch.lib'
   lib.C             the FFI namespace of libwick: lib.C.wk_tensor_new(...)
   lib.ffi           LuaJIT's ffi module
   lib.header_path   the wick.h that was read
   lib.header        its text as given to ffi.cdef (preprocessor lines and C++ guards removed)
   lib.library_path  what was passed to ffi.load (a path, or the bare name 'wick')
   lib.version       the C library's version string, from wk_version()

The header, first found of:
   <dir of this file>/wick.h                   an installed copy (LuaRocks installs)
   <dir of this file>/../../core/include/wick.h the source tree

The library, first found of:
   $WICK_LIBRARY                                a full path (the sanitizer build uses it)
   package.searchpath('libwick', package.cpath) e.g. <rocks tree>/lib/lua/5.1/libwick.so
   <dir of this file>/../../build/core/libwick.so the source tree's Release build
   ffi.load('wick')                             the system's loader (LD_LIBRARY_PATH, ldconfig)

The header is cdef'd once per Lua state: the loaded table is kept in the registry, so loading
this file again (busted's insulation empties package.loaded) returns the same table instead of
redefining the C types, which ffi.cdef would refuse.
]]

local ffi = require 'ffi'

local REGISTRY_KEY = 'wick.torch.lib'
local registry = debug.getregistry()
if registry[REGISTRY_KEY] then
   return registry[REGISTRY_KEY]
end

-- The directory this file was loaded from ('lua/torch'), or nil when loaded from a string.
local function this_dir()
   local source = debug.getinfo(1, 'S').source
   if source:sub(1, 1) ~= '@' then
      return nil
   end
   local dir = source:sub(2):match('^(.*)/[^/]*$')
   return dir or '.'
end

local function file_exists(path)
   local f = io.open(path, 'rb')
   if f then
      f:close()
      return true
   end
   return false
end

local function read_file(path)
   local f, err = io.open(path, 'rb')
   if not f then
      error('torch.lib: cannot read ' .. path .. ': ' .. tostring(err), 0)
   end
   local text = f:read('*a')
   f:close()
   return text
end

local dir = this_dir()

local function find_header()
   local tried = {}
   if dir then
      for _, path in ipairs({ dir .. '/wick.h', dir .. '/../../core/include/wick.h' }) do
         if file_exists(path) then
            return path
         end
         tried[#tried + 1] = path
      end
   end
   error('torch.lib: wick.h not found (tried: ' .. table.concat(tried, ', ') .. ')', 0)
end

-- wick.h holds only declarations (see its top), plus an include guard, #include lines and the
-- `extern "C" {` ... `}` guard for C++ inside `#ifdef __cplusplus` blocks. This drops every
-- preprocessor line (with its continuation lines) and whatever sits in a __cplusplus-only
-- branch; the rest is what ffi.cdef reads.
local function header_declarations(text)
   local out = {}
   local conditions = {}   -- one entry per open #if: { cplusplus = bool, active = bool }
   local function active()
      for i = 1, #conditions do
         if not conditions[i].active then
            return false
         end
      end
      return true
   end
   local continued = false
   for line in (text .. '\n'):gmatch('([^\n]*)\n') do
      line = line:gsub('\r$', '')
      local directive = line:match('^%s*#%s*(.*)$')
      if continued then
         continued = line:sub(-1) == '\\'
      elseif directive then
         continued = line:sub(-1) == '\\'
         local word, rest = directive:match('^(%a+)%s*(.*)$')
         local mentions_cplusplus = rest and rest:find('__cplusplus', 1, true) ~= nil
         if word == 'ifdef' or word == 'if' then
            conditions[#conditions + 1] = { cplusplus = mentions_cplusplus, active = not mentions_cplusplus }
         elseif word == 'ifndef' then
            -- #ifndef __cplusplus: the C branch, kept (and its #else dropped).
            conditions[#conditions + 1] = { cplusplus = mentions_cplusplus, active = true }
         elseif word == 'else' or word == 'elif' then
            local top = conditions[#conditions]
            if top and top.cplusplus then
               top.active = not top.active
            end
         elseif word == 'endif' then
            conditions[#conditions] = nil
         end
      elseif active() then
         out[#out + 1] = line
      end
   end
   return table.concat(out, '\n') .. '\n'
end

local function load_library()
   local env = os.getenv('WICK_LIBRARY')
   if env and env ~= '' then
      local ok, lib = pcall(ffi.load, env)
      if not ok then
         error('torch.lib: cannot load WICK_LIBRARY=' .. env .. ': ' .. tostring(lib), 0)
      end
      return lib, env
   end

   local tried = { 'WICK_LIBRARY (not set)' }
   local candidates = {}
   local found = package.searchpath('libwick', package.cpath)
   if found then
      candidates[#candidates + 1] = found
   else
      tried[#tried + 1] = 'libwick in package.cpath'
   end
   if dir then
      local built = dir .. '/../../build/core/libwick.so'
      if file_exists(built) then
         candidates[#candidates + 1] = built
      else
         tried[#tried + 1] = built
      end
   end
   candidates[#candidates + 1] = 'wick'

   local errors = {}
   for _, path in ipairs(candidates) do
      local ok, lib = pcall(ffi.load, path)
      if ok then
         return lib, path
      end
      errors[#errors + 1] = tostring(lib)
   end
   error('torch.lib: libwick not found.\n'
      .. '  Build it from the source tree with scripts/build.sh\n'
      .. '  (or: cmake -S . -B build && cmake --build build -j2),\n'
      .. '  or point WICK_LIBRARY at a built libwick.so.\n'
      .. '  Looked for: ' .. table.concat(tried, '; ') .. '\n'
      .. '  Load errors: ' .. table.concat(errors, '; '), 0)
end

local header_path = find_header()
local header = header_declarations(read_file(header_path))
-- Kept apart from the table below: when the library fails to load, a second attempt must not
-- cdef the header again.
if not registry[REGISTRY_KEY .. '.cdef'] then
   ffi.cdef(header)
   registry[REGISTRY_KEY .. '.cdef'] = header_path
end

-- OpenMP's worker threads spin for a long while after each parallel loop (libgomp's default),
-- taking the cores that OpenBLAS's threads need next: on 2 cores an MLP step ran 6x slower with
-- 2 threads than with 1. Waiting passively fixes that. libgomp reads the setting once, when the
-- library loads, so it is set here, before, unless the user chose a policy.
if not os.getenv('OMP_WAIT_POLICY') and not registry[REGISTRY_KEY .. '.omp'] then
   pcall(ffi.cdef, 'int setenv(const char *name, const char *value, int overwrite);')
   ffi.C.setenv('OMP_WAIT_POLICY', 'passive', 0)
   registry[REGISTRY_KEY .. '.omp'] = true
end

local C, library_path = load_library()

local version_ok, version = pcall(function() return ffi.string(C.wk_version()) end)

local lib = {
   C = C,
   ffi = ffi,
   header_path = header_path,
   header = header,
   library_path = library_path,
   version = version_ok and version or nil,
}
registry[REGISTRY_KEY] = lib
return lib
