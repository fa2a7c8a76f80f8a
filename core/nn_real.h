/*
 * nn_real.h — how the nn kernels of nn_loss.c, nn_norm.c and nn_recurrent.c are written once
 * for float and double.
 *
 * Each kernel body is one ordinary function, `static NN_INLINE`, taking `bool f64` and reading
 * and writing elements through nn_load / nn_store below. A dispatcher calls it with the constant
 * true or false (`if (f64) body(true, ...); else body(false, ...);`); after inlining the compiler
 * folds every `f64 ? :` and compiles (and vectorises) a float and a double copy. Arithmetic is in
 * double for both, so float kernels accumulate accurately; a reader steps through one real
 * function in a debugger.
 *
 * Two rules keep the copies vectorised:
 *   - the dispatch sits inside any OpenMP loop, never outside it: OpenMP outlines a loop body
 *     before inlining, so a flag passed into the body would stay a variable there;
 *   - the dispatchers of the hot loops are compiled twice, for AVX2 and the baseline
 *     (WK_SIMD_CLONES, elementwise.h): the float copies of the recurrent cells mix float and
 *     double vectors, which only AVX2 converts between without falling back to scalar code.
 *
 * Not here: the element types beyond float and double (the nn kernels refuse them).
 */
#ifndef WICK_NN_REAL_H
#define WICK_NN_REAL_H
#include "elementwise.h"   /* WK_SIMD_CLONES, WK_GRAIN (iter.h), internal.h */
#include <math.h>

#define NN_INLINE inline __attribute__((always_inline))

static inline double nn_load(const void *p, int64_t i, bool f64)
{
    return f64 ? ((const double *)p)[i] : (double)((const float *)p)[i];
}

static inline void nn_store(void *p, int64_t i, double v, bool f64)
{
    if (f64)
        ((double *)p)[i] = v;
    else
        ((float *)p)[i] = (float)v;
}

/* ---------------------------------------------------------------------------------------------
 * exp, sigmoid and tanh. Doubles call libm. Floats use nn_exp_nonpositive_f32, written so the
 * compiler vectorises the loops around it (a libm call per element would stop that); every use
 * below needs e^x only for x <= 0 (softmax subtracts the row's maximum; sigmoid and tanh are
 * written with e^-|x|), which keeps it short: no overflow to handle.
 */

/* Bits as a float and back (memcpy compiles to nothing). */
static inline float nn_float_of_bits(uint32_t u)
{
    float f;
    __builtin_memcpy(&f, &u, sizeof f);
    return f;
}

static inline uint32_t nn_bits_of_float(float f)
{
    uint32_t u;
    __builtin_memcpy(&u, &f, sizeof u);
    return u;
}

static inline uint64_t nn_bits_of_double(double d)
{
    uint64_t u;
    __builtin_memcpy(&u, &d, sizeof u);
    return u;
}

static inline double nn_double_of_bits(uint64_t u)
{
    double d;
    __builtin_memcpy(&d, &u, sizeof d);
    return d;
}

/* condition ? a : b as a mask on the bits: GCC keeps a floating `?:` followed by arithmetic as a
 * branch, and a branch stops a loop from vectorising; this stays a blend. */
static inline float nn_choose_f32(bool condition, float a, float b)
{
    uint32_t mask = 0u - (uint32_t)condition;
    return nn_float_of_bits((nn_bits_of_float(a) & mask) | (nn_bits_of_float(b) & ~mask));
}

static inline double nn_choose(bool condition, double a, double b)
{
    uint64_t mask = 0u - (uint64_t)condition;
    return nn_double_of_bits((nn_bits_of_double(a) & mask) | (nn_bits_of_double(b) & ~mask));
}

/* e^x for x <= 0 (larger x is taken as 0), float: x = n ln2 + r with n = round(x / ln2) and
 * |r| <= ln2/2, e^r by its Taylor polynomial to r^7 (truncation under 1e-8 relative), times 2^n
 * made from exponent bits. ln2 is split so n * LN2_HI is exact. x below -87 gives e^-87 (~1.6e-38,
 * the smallest normal floats' neighbourhood) instead of a smaller number; every result here is
 * then added to or divided by something of order 1, where that difference does not show.
 * Against libm's expf over [-87, 0]: within 2 ulp. */
static inline float nn_exp_nonpositive_f32(float x)
{
    const float LOG2E = 1.44269504088896341f, LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    const float ROUND = 12582912.0f;                 /* 1.5 * 2^23: x + ROUND - ROUND rounds x */
    x = nn_choose_f32(x > 0.0f, 0.0f, x);
    x = nn_choose_f32(x < -87.0f, -87.0f, x);
    float n = (x * LOG2E + ROUND) - ROUND;           /* an integer in [-126, 0] */
    float r = (x - n * LN2_HI) - n * LN2_LO;
    float p = 1.0f / 5040.0f;
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    float scale = nn_float_of_bits((uint32_t)((int32_t)n + 127) << 23);   /* 2^n */
    return p * scale;
}

/* e^x for x <= 0, in the kernel's arithmetic (double) whatever the element type. */
static inline double nn_exp_nonpositive(double x, bool f64)
{
    return f64 ? exp(x) : (double)nn_exp_nonpositive_f32((float)x);
}

/* 1 / (1 + e^-x), from e = e^-|x|: 1 / (1 + e) for x >= 0, e / (1 + e) below. */
static inline double nn_sigmoid_real(double x, bool f64)
{
    double e = nn_exp_nonpositive(-fabs(x), f64);
    double s = 1.0 / (1.0 + e);
    return nn_choose(x >= 0, s, e * s);
}

/* tanh: libm for doubles; for floats sign(x) (1 - e) / (1 + e) with e = e^-2|x| (absolute error
 * under 1e-7; relative error grows near 0, where tanh(x) is x to float precision anyway). */
static inline double nn_tanh_real(double x, bool f64)
{
    if (f64) return tanh(x);
    double e = nn_exp_nonpositive(-2.0 * fabs(x), false);
    double t = (1.0 - e) / (1.0 + e);
    return nn_choose(x >= 0, t, -t);
}

/* The checks every nn kernel entry makes: a CPU tensor of float or double (`name` for the
 * message), or NULL where `optional`. */
static inline int nn_check_real(const char *op, const char *name, const wk_tensor *t, bool optional)
{
    if (!t) {
        if (optional) return WK_OK;
        return wk_error(WK_EINVAL, "%s: %s is missing", op, name);
    }
    if (t->device != WK_CPU)
        return wk_error(WK_EUNSUPPORTED, "%s: %s is not on the CPU: %s", op, name, WK_DESC(t));
    if (t->dtype != WK_F32 && t->dtype != WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: %s must be a float or double tensor, got %s", op, name, WK_DESC(t));
    return WK_OK;
}

/* `t` (when given) has the dtype of `like`. */
static inline int nn_check_same_dtype(const char *op, const char *name, const wk_tensor *t, const wk_tensor *like)
{
    if (t && t->dtype != like->dtype)
        return wk_error(WK_EINVAL, "%s: %s is %s, expected the input's type (%s)", op, name, WK_DESC(t),
                        WK_DESC(like));
    return WK_OK;
}

/* `t` (when given) is contiguous with `n` elements. */
static inline int nn_check_vector(const char *op, const char *name, const wk_tensor *t, int64_t n)
{
    if (!t) return WK_OK;
    if (wk_tensor_numel(t) != n || !wk_tensor_is_contiguous(t))
        return wk_error(WK_ESHAPE, "%s: %s must be a contiguous tensor of %lld elements, got %s", op, name,
                        (long long)n, WK_DESC(t));
    return WK_OK;
}

#endif
