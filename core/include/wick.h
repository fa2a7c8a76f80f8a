/*
 * wick.h — the public C API of libwick, Wick's tensor library.
 *
 * A tensor is a strided view over a reference-counted storage:
 *
 *     element(i0, i1, ...) = data(storage)[offset + i0*strides[0] + i1*strides[1] + ...]
 *
 * sizes, strides and offset count elements, not bytes. Views (narrow, select, transpose, view,
 * expand, unfold, ...) change only those numbers and share the storage; nothing is copied.
 *
 * Conventions (the same for every function below):
 *   - Fallible functions return int: 0 on success, a negative wk_status on failure, and leave a
 *     message naming the operation, the shapes and the types in a thread-local buffer that
 *     wk_last_error() returns. Functions returning a pointer return NULL on failure, likewise.
 *     Nothing here aborts or exits on bad input.
 *   - Dimensions and indexes are 0-based. (The Lua side converts from Torch7's 1-based ones.)
 *   - Argument order: destination first, then inputs, then parameters.
 *   - Pointers returned by *_new functions carry one reference; release it with *_free.
 *
 * This file is read as is by LuaJIT's ffi.cdef (after dropping the lines that start with '#'),
 * so it holds only typedefs, enums, structs and prototypes: no macros, no inline bodies.
 *
 * Example:
 *
 *     int64_t sizes[2] = {2, 3};
 *     wk_tensor *t = wk_tensor_new_sized(WK_F32, 2, sizes);
 *     if (!t || wk_fill(t, 1.0) != 0) fprintf(stderr, "%s\n", wk_last_error());
 *     wk_tensor *col = wk_tensor_new_alias(t);
 *     wk_tensor_select(col, 1, 2);          // col is t[{{}, 3}] in Lua: a 1-d view of size 2
 *     wk_tensor_free(col);
 *     wk_tensor_free(t);
 */
#ifndef WICK_H
#define WICK_H
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Constants
 */
enum { WK_MAX_DIMS = 16 };             /* the most dimensions a tensor can have */

/* Element types. New values are appended before WK_DTYPE_COUNT, never inserted. */
enum {
    WK_U8 = 0,                         /* uint8_t   torch.ByteTensor   */
    WK_I8 = 1,                         /* int8_t    torch.CharTensor   */
    WK_I16 = 2,                        /* int16_t   torch.ShortTensor  */
    WK_I32 = 3,                        /* int32_t   torch.IntTensor    */
    WK_I64 = 4,                        /* int64_t   torch.LongTensor   */
    WK_F32 = 5,                        /* float     torch.FloatTensor  */
    WK_F64 = 6,                        /* double    torch.DoubleTensor */
    WK_F16 = 7,                        /* IEEE half torch.HalfTensor (storage and conversion only) */
    WK_BF16 = 8,                       /* bfloat16  (storage and conversion only) */
    WK_DTYPE_COUNT = 9
};

enum { WK_CPU = 0, WK_CUDA = 1, WK_DEVICE_COUNT = 2 };

typedef enum {
    WK_OK = 0,
    WK_EINVAL = -1,                    /* a bad argument: wrong type, negative size, bad dim */
    WK_ESHAPE = -2,                    /* shapes that do not fit together */
    WK_ERANGE = -3,                    /* an index out of range */
    WK_ENOMEM = -4,                    /* out of memory */
    WK_EIO = -5,                       /* a file could not be read or written */
    WK_EFORMAT = -6,                   /* corrupted or hostile input data */
    WK_EDEVICE = -7,                   /* the device is absent or failed */
    WK_EUNSUPPORTED = -8               /* the operation does not exist for this dtype/device */
} wk_status;

/* ---------------------------------------------------------------------------------------------
 * Errors
 */
const char *wk_last_error(void);       /* the message of the last failure on this thread */
int wk_last_status(void);              /* its wk_status */
void wk_clear_error(void);
const char *wk_version(void);

/* ---------------------------------------------------------------------------------------------
 * Element types: facts in one table
 */
typedef struct wk_dtype_info {
    const char *name;                  /* "float32" */
    const char *torch_name;            /* "Float": torch.FloatTensor, torch.FloatStorage */
    int32_t size;                      /* bytes per element */
    int32_t is_float;                  /* 1 for f16, bf16, f32, f64 */
    int32_t is_signed;
} wk_dtype_info;

const wk_dtype_info *wk_dtype_get(int32_t dtype);   /* NULL for an unknown dtype */

/* IEEE half and bfloat16 conversions, round to nearest even. */
float wk_half_to_float(uint16_t h);
uint16_t wk_float_to_half(float f);
float wk_bf16_to_float(uint16_t h);
uint16_t wk_float_to_bf16(float f);

/* ---------------------------------------------------------------------------------------------
 * Storage: a reference-counted, 64-byte aligned buffer of `size` elements of one dtype.
 * Opaque: read it through these functions.
 */
typedef struct wk_storage wk_storage;

wk_storage *wk_storage_new(int32_t dtype, int64_t size);      /* contents uninitialised */
/* A storage over memory it does not own, e.g. an mmap'd file. `release(context)` runs when the
 * last reference goes (release may be NULL). */
wk_storage *wk_storage_new_borrowed(int32_t dtype, void *data, int64_t size,
                                    void (*release)(void *context), void *context);
void wk_storage_retain(wk_storage *s);
void wk_storage_free(wk_storage *s);   /* drops one reference */
int wk_storage_resize(wk_storage *s, int64_t size);           /* keeps the common prefix */
void *wk_storage_data(const wk_storage *s);
int64_t wk_storage_size(const wk_storage *s);
int32_t wk_storage_dtype(const wk_storage *s);
int32_t wk_storage_refcount(const wk_storage *s);

/* ---------------------------------------------------------------------------------------------
 * Tensor: a plain struct, so LuaJIT reads shape and strides without a call.
 *
 * A tensor with ndim == 0 and no storage is Torch7's empty tensor (no dimension, no element).
 * A tensor with ndim == 0 and a storage is a scalar (one element).
 */
typedef struct wk_tensor {
    int64_t sizes[WK_MAX_DIMS];        /* sizes[0..ndim-1]; may be 0 (an empty tensor) */
    int64_t strides[WK_MAX_DIMS];      /* in elements; 0 for an expanded dimension */
    int64_t offset;                    /* in elements, from the start of the storage */
    wk_storage *storage;               /* NULL for the empty tensor */
    int32_t ndim;
    int32_t dtype;                     /* WK_U8 ... */
    int32_t device;                    /* WK_CPU or WK_CUDA */
    int32_t refcount;
} wk_tensor;

/* Constructors. */
wk_tensor *wk_tensor_new(int32_t dtype);                       /* empty: no storage, no dims */
wk_tensor *wk_tensor_new_sized(int32_t dtype, int32_t ndim, const int64_t *sizes);  /* contiguous, uninitialised */
/* A view of `s` (retained). `strides` NULL means contiguous. Checked against the storage size. */
wk_tensor *wk_tensor_new_view(wk_storage *s, int64_t offset, int32_t ndim, const int64_t *sizes,
                              const int64_t *strides);
wk_tensor *wk_tensor_new_alias(const wk_tensor *t);            /* the same view, a new header */
wk_tensor *wk_tensor_new_contiguous(const wk_tensor *t);       /* an alias if contiguous, else a copy */
wk_tensor *wk_tensor_new_clone(const wk_tensor *t);            /* always a contiguous copy */
void wk_tensor_retain(wk_tensor *t);
void wk_tensor_free(wk_tensor *t);     /* drops one reference */

/* Queries. */
int64_t wk_tensor_numel(const wk_tensor *t);
int wk_tensor_is_contiguous(const wk_tensor *t);
int wk_tensor_is_same_size(const wk_tensor *a, const wk_tensor *b);
int wk_tensor_is_set_to(const wk_tensor *a, const wk_tensor *b);  /* same storage, offset, sizes, strides */
void *wk_tensor_data(const wk_tensor *t);                       /* address of the first element, or NULL */

/* Changes of the view, in place on `t`. */
int wk_tensor_set(wk_tensor *t, wk_storage *s, int64_t offset, int32_t ndim, const int64_t *sizes,
                  const int64_t *strides);                      /* s may be NULL: the empty tensor */
int wk_tensor_set_to(wk_tensor *t, const wk_tensor *src);       /* t becomes a view equal to src */
int wk_tensor_resize(wk_tensor *t, int32_t ndim, const int64_t *sizes);  /* contiguous; reuses the storage when big enough */
int wk_tensor_resize_as(wk_tensor *t, const wk_tensor *like);
int wk_tensor_narrow(wk_tensor *t, int32_t dim, int64_t start, int64_t length);
int wk_tensor_select(wk_tensor *t, int32_t dim, int64_t index);  /* removes dim */
int wk_tensor_transpose(wk_tensor *t, int32_t dim0, int32_t dim1);
int wk_tensor_permute(wk_tensor *t, const int32_t *dims);       /* dims: a permutation of 0..ndim-1 */
int wk_tensor_view(wk_tensor *t, int32_t ndim, const int64_t *sizes);  /* one size may be -1; fails if no view exists */
int wk_tensor_expand(wk_tensor *t, int32_t ndim, const int64_t *sizes);  /* size-1 dims get stride 0; -1 keeps a size */
int wk_tensor_unfold(wk_tensor *t, int32_t dim, int64_t size, int64_t step);
int wk_tensor_squeeze(wk_tensor *t);                            /* drops every size-1 dim */
int wk_tensor_squeeze_dim(wk_tensor *t, int32_t dim);           /* drops dim if its size is 1 */
int wk_tensor_unsqueeze(wk_tensor *t, int32_t dim);             /* inserts a size-1 dim before `dim` (0..ndim) */

/* Describes t as "2x3 torch.FloatTensor" style text into buf (for messages); returns buf. */
const char *wk_tensor_describe(const wk_tensor *t, char *buf, int32_t buflen);

/* ---------------------------------------------------------------------------------------------
 * Data movement, any dtypes and any strides.
 */
int wk_copy(wk_tensor *dst, const wk_tensor *src);   /* same number of elements (as Torch7), or src broadcastable to dst */
int wk_fill(wk_tensor *dst, double value);
int wk_fill_i64(wk_tensor *dst, int64_t value);       /* exact for int64 values beyond 2^53 */
int wk_zero(wk_tensor *dst);

/* ---------------------------------------------------------------------------------------------
 * Threads: one setting for Wick's own parallel loops (OpenMP) and OpenBLAS's, so the two never
 * run on more threads than asked for together. Small tensors always stay on one thread.
 */
void wk_set_num_threads(int32_t n);    /* n < 1 means 1 */
int32_t wk_get_num_threads(void);

/* ---------------------------------------------------------------------------------------------
 * Memory: large allocations come from a caching allocator (freed blocks kept for reuse, huge
 * pages asked for). Lua's collector cannot see C memory, so the Lua side asks after allocating
 * whether enough has been allocated since its last full collection to run one.
 */
int wk_memory_should_collect(void);    /* 1 when a full Lua GC is due */
void wk_memory_collected(void);        /* the Lua side ran one: reset the count */
int64_t wk_memory_in_use(void);        /* bytes held by live storages */
int64_t wk_memory_cached(void);        /* bytes kept by the allocator for reuse */
void wk_memory_empty_cache(void);      /* returns cached blocks to the system */
void wk_memory_set_limit(int64_t bytes);  /* allocations past this total fail with WK_ENOMEM (0: none) */

#ifdef __cplusplus
}
#endif
#endif
