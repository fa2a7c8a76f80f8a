/*
 * elementwise.h — the driver under every elementwise kernel (unary.c, binary.c, elementwise.c).
 *
 * A kernel supplies a loop body (iter.h's wk_loop_fn: operand 0 is the output, then the inputs)
 * and the driver does the rest, the same way for every op:
 *
 *   1. the fast path: every tensor contiguous and of one shape (out resized to it if needed) —
 *      the body runs on the whole buffer at once, no iterator set up (what keeps a call on a
 *      1-element tensor cheap), split across threads when large;
 *   2. otherwise the result's shape: the inputs broadcast by NumPy's rules, or, where that fails
 *      or would grow an in-place output, Torch7's rule (inputs of the same element count are
 *      read in row-major order as if they had the first input's shape);
 *   3. out resized only when its shape differs, then wk_iter over the operands; a layout where
 *      some operand runs fastest along another dimension than the output (a transposed input)
 *      is walked in square tiles, so every cache line fetched is used whole.
 *
 * A scalar operand (`constant`, one element of the loop's type) can be inserted at any operand
 * position with stride 0, so `a + s` and `s - a` reuse the tensor-tensor loop bodies; bodies
 * check for stride 0 and hoist the load, so the compiler still vectorises them.
 */
#ifndef WICK_ELEMENTWISE_H
#define WICK_ELEMENTWISE_H
#include "iter.h"

enum { WK_EW_MAX_INPUTS = 3 };

/* The two families of native types, X(DTYPE_ENUM, c_type, short_name) as WK_NATIVE_TYPES, for
 * kernels whose element formula differs between them (integer arithmetic wraps through uint64_t,
 * integer division is guarded). elementwise.c checks that together they are WK_NATIVE_TYPES. */
#define WK_FLOAT_TYPES(X) \
    X(WK_F32, float, f32) \
    X(WK_F64, double, f64)
#define WK_INTEGER_TYPES(X)  \
    X(WK_U8, uint8_t, u8)    \
    X(WK_I8, int8_t, i8)     \
    X(WK_I16, int16_t, i16)  \
    X(WK_I32, int32_t, i32)  \
    X(WK_I64, int64_t, i64)

typedef struct wk_elementwise {
    const char *op;                               /* the operation's name, for messages */
    wk_loop_fn loop;
    void *context;                                /* handed to loop */
    int32_t count;                                /* tensor inputs, 1 .. WK_EW_MAX_INPUTS */
    const wk_tensor *inputs[WK_EW_MAX_INPUTS];
    const void *constant;                         /* a scalar read as an operand of stride 0, or NULL */
    int32_t constant_at;                          /* its operand index, 1 .. count + 1 (0 is out) */
} wk_elementwise;

/* Resizes `out` to the result's shape and runs e->loop over every element (see above). */
int wk_elementwise_run(wk_tensor *out, const wk_elementwise *e);

/* Checks shared by the kernels' entries; each returns WK_OK or sets the message. */
int wk_elementwise_check_cpu(const char *op, const wk_tensor *out, const wk_tensor *a, const wk_tensor *b,
                             const wk_tensor *c);
int wk_elementwise_check_same_dtype(const char *op, const wk_tensor *out, const wk_tensor *a, const wk_tensor *b,
                                    const wk_tensor *c);

/* Both checks at once, the passing case inline (a handful of compares: it is on the path of every
 * call on a tiny tensor); a failure goes to the functions above for its message. */
static inline int wk_elementwise_check(const char *op, const wk_tensor *out, const wk_tensor *a, const wk_tensor *b)
{
    int32_t dtype = a->dtype;
    if (dtype >= WK_U8 && dtype <= WK_F64 && out->dtype == dtype && out->device == WK_CPU && a->device == WK_CPU &&
        (!b || (b->dtype == dtype && b->device == WK_CPU)))
        return WK_OK;
    if (wk_elementwise_check_cpu(op, out, a, b, NULL) != WK_OK) return wk_last_status();
    return wk_elementwise_check_same_dtype(op, out, a, b, NULL);
}

/* Element scans for integer kernels that must refuse some inputs before writing anything (a
 * zero divisor would raise SIGFPE; a negative integer exponent has no integer result). */
bool wk_elementwise_has_zero(const wk_tensor *t);
bool wk_elementwise_has_negative(const wk_tensor *t);

/* A double scalar as the integer dtype's value: truncated toward zero, then wrapped to the type
 * as C's conversions do (so -1 is 255 in uint8, as Torch7 passed scalars). Fails on NaN, +-inf
 * and values past int64's range. `out` points at one element of `dtype`. */
int wk_elementwise_integer_scalar(void *out, int32_t dtype, double value, const char *op);

/* The scalar as one element of `dtype` (floats converted, integers as above). */
int wk_elementwise_scalar(void *out, int32_t dtype, double value, const char *op);

/* Loop bodies are compiled twice, for x86-64-v3 (AVX2, FMA) and the baseline, and the loader
 * picks one per CPU (GCC's target_clones; the baseline only elsewhere). */
#if defined(__x86_64__) && defined(__GNUC__)
#define WK_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define WK_SIMD_CLONES
#endif

static inline bool wk_dtype_is_float(int32_t dtype) { return dtype == WK_F32 || dtype == WK_F64; }
static inline bool wk_dtype_is_native(int32_t dtype) { return dtype >= WK_U8 && dtype <= WK_F64; }

#endif
