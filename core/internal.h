/*
 * internal.h — what the C files of libwick share and the public header does not show:
 * error reporting, the X-macro list of element types, and small shape helpers.
 */
#ifndef WICK_INTERNAL_H
#define WICK_INTERNAL_H
#include "wick.h"
#include <stdarg.h>
#include <stdbool.h>

/* Sets the thread's error message (printf-style) and returns `status`, so a check reads
 * `if (bad) return wk_error(WK_EINVAL, "narrow: ...", ...);`. */
int wk_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same for functions returning a pointer: sets the message and returns NULL. */
void *wk_error_null(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "2x3 torch.FloatTensor", written into a small per-call buffer for messages. */
typedef struct { char text[160]; } wk_shape_text;
wk_shape_text wk_describe(const wk_tensor *t);
#define WK_DESC(t) (wk_describe(t).text)

/* The native element types, for stamping out loops: X(DTYPE_ENUM, c_type, short_name).
 * float16 and bfloat16 are not in it: they are stored as uint16_t and converted through float. */
#define WK_NATIVE_TYPES(X)       \
    X(WK_U8, uint8_t, u8)        \
    X(WK_I8, int8_t, i8)         \
    X(WK_I16, int16_t, i16)      \
    X(WK_I32, int32_t, i32)      \
    X(WK_I64, int64_t, i64)      \
    X(WK_F32, float, f32)        \
    X(WK_F64, double, f64)

static inline int64_t wk_dtype_size(int32_t dtype) { return wk_dtype_get(dtype)->size; }
static inline bool wk_dtype_valid(int32_t dtype) { return dtype >= 0 && dtype < WK_DTYPE_COUNT; }

/* Product of sizes, or -1 on overflow past 2^62 elements. */
int64_t wk_sizes_numel(int32_t ndim, const int64_t *sizes);
/* Contiguous (row-major) strides for sizes. */
void wk_contiguous_strides(int32_t ndim, const int64_t *sizes, int64_t *strides);

/* Allocator (alloc.c): 64-byte aligned, cached, huge pages for large blocks. */
void *wk_alloc(int64_t bytes);         /* NULL + message on failure */
void wk_release(void *p, int64_t bytes);

#endif
