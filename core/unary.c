/*
 * unary.c — out = f(a) for the WK_* unary ops, and clamp.
 *
 * Float ops (exp, log, sin, floor, ...) need a float or double tensor; NEG, ABS, SIGN, SQUARE
 * and LOGICAL_NOT work on every native type (integers wrap: -(-128) is -128 in int8).
 * exp and sigmoid on floats use a vectorisable exp (exp_of_f32 below) instead of libm's scalar
 * one; everything else calls libm, through <tgmath.h> so one formula serves float and double.
 *
 * Not here: the 16-bit float formats (convert to float first), and the other back ends.
 * (sqrt, floor and the like stay scalar: with errno semantics on, the default, GCC calls libm
 * for the rare case and cannot vectorise; they are not hot in training.)
 */

#include "elementwise.h"
#include <string.h>
#include <tgmath.h>

/* ------------------------------------------------------------------------------------------- */
/* exp for floats, in a form the compiler vectorises                                            */

static inline float bits_to_float(uint32_t bits)
{
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static inline uint32_t float_to_bits(float f)
{
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    return bits;
}

/* Selects by a mask (x where `take_x` is all ones, y where it is 0). Written as `c ? x : y`, GCC
 * threads the arithmetic that follows into both arms and, as float arithmetic may trap, then
 * refuses to vectorise the branches it made; on bits it stays a blend. */
static inline float select_f32(uint32_t take_x, float x, float y)
{
    return bits_to_float((float_to_bits(x) & take_x) | (float_to_bits(y) & ~take_x));
}

static inline uint32_t mask_of(bool condition) { return 0u - (uint32_t)condition; }

/* e^x = 2^n * e^r with n = round(x / ln 2) and |r| <= ln(2)/2, e^r by its Taylor series to r^7
 * (truncation error below 2^-27 relative), summed small terms first, with the rounding error of r
 * carried along; measured error under 0.93 ulp, with or without FMA. n comes from the bits
 * of x/ln2 + 1.5*2^23, whose low mantissa bits hold it; 2^n is built from its bits in two halves,
 * 2^(n/2) * 2^(n - n/2), so n down to -150 (subnormal results) and up to 128 (overflow to inf)
 * need no branch. No call, no branch: the loop vectorises. tests/core/elementwise_test.c checks
 * it against libm over 2^25 floats (< 1 ulp). */
static inline float exp_of_f32(float x)
{
    const float log2e = 1.44269504088896341f;
    const float ln2_hi = 0.693359375f;                /* 9 significant bits: n * ln2_hi is exact */
    const float ln2_lo = -2.12194440e-4f;             /* ln 2 - ln2_hi */
    const float round_magic = 12582912.0f;            /* 1.5 * 2^23: adding it rounds to an integer */
    uint32_t nan = mask_of(x != x);
    float xc = select_f32(nan | mask_of(x < -104.0f), -104.0f, x);   /* e^-104 rounds to 0 */
    xc = select_f32(mask_of(xc > 89.0f), 89.0f, xc);                 /* e^89 overflows to inf */
    float t = xc * log2e + round_magic;
    float n = t - round_magic;
    float r_hi = xc - n * ln2_hi;                     /* exact */
    float r = r_hi - n * ln2_lo;
    float r_error = (r_hi - r) - n * ln2_lo;          /* what rounding r lost: e^(r + r_error) is wanted */
    float q = 1.0f / 5040;                            /* q = (e^r - 1 - r) / r^2, Taylor to r^7 */
    q = q * r + 1.0f / 720;
    q = q * r + 1.0f / 120;
    q = q * r + 1.0f / 24;
    q = q * r + 1.0f / 6;
    q = q * r + 0.5f;
    float p = 1.0f + (r + ((r * r) * q + r_error));  /* the small terms summed before the 1 */
    int32_t ni = (int32_t)(float_to_bits(t) - 0x4B400000u), half = ni / 2;  /* the bits of 1.5*2^23 */
    float result = p * bits_to_float((uint32_t)(half + 127) << 23) * bits_to_float((uint32_t)(ni - half + 127) << 23);
    return select_f32(nan, x, result);
}

static inline double exp_of_f64(double x) { return exp(x); }


/* ------------------------------------------------------------------------------------------- */
/* Integer helpers (computed in int64_t: every native integer fits, and no comparison of an    */
/* unsigned value with zero is written)                                                         */

static inline int64_t int_abs(int64_t x) { return x < 0 ? (int64_t)(0 - (uint64_t)x) : x; }
static inline int64_t int_sign(int64_t x) { return (x > 0) - (x < 0); }

/* ------------------------------------------------------------------------------------------- */
/* Loop bodies                                                                                  */

/* out = EXPR, where EXPR reads x, operand 1's element. */
#define UNARY_LOOP(NAME, T, EXPR)                                                                   \
    WK_SIMD_CLONES static void NAME(char **data, const int64_t *strides, int64_t n, void *context)  \
    {                                                                                               \
        (void)context;                                                                              \
        if (strides[0] == sizeof(T) && strides[1] == sizeof(T)) {                                   \
            T *out = (T *)data[0];                                                                  \
            const T *a = (const T *)data[1];                                                        \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = a[i];                                                                         \
                out[i] = (EXPR);                                                                    \
            }                                                                                       \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = *(const T *)(data[1] + i * strides[1]);                                       \
                *(T *)(data[0] + i * strides[0]) = (EXPR);                                          \
            }                                                                                       \
        }                                                                                           \
    }

#define FLOAT_LOOPS(DTYPE, T, NAME)                                                                 \
    UNARY_LOOP(neg_##NAME, T, -x)                                                                   \
    UNARY_LOOP(abs_##NAME, T, fabs(x))                                                              \
    UNARY_LOOP(sign_##NAME, T, x > 0 ? (T)1 : x < 0 ? (T)-1 : x == 0 ? (T)0 : x)                    \
    UNARY_LOOP(exp_##NAME, T, exp_of_##NAME(x))                                                      \
    UNARY_LOOP(expm1_##NAME, T, expm1(x))                                                           \
    UNARY_LOOP(log_##NAME, T, log(x))                                                               \
    UNARY_LOOP(log1p_##NAME, T, log1p(x))                                                           \
    UNARY_LOOP(sqrt_##NAME, T, sqrt(x))                                                             \
    UNARY_LOOP(rsqrt_##NAME, T, 1 / sqrt(x))                                                        \
    UNARY_LOOP(sigmoid_##NAME, T, 1 / (1 + exp_of_##NAME(-x)))                                       \
    UNARY_LOOP(tanh_##NAME, T, tanh(x))                                                             \
    UNARY_LOOP(sin_##NAME, T, sin(x))                                                               \
    UNARY_LOOP(cos_##NAME, T, cos(x))                                                               \
    UNARY_LOOP(tan_##NAME, T, tan(x))                                                               \
    UNARY_LOOP(asin_##NAME, T, asin(x))                                                             \
    UNARY_LOOP(acos_##NAME, T, acos(x))                                                             \
    UNARY_LOOP(atan_##NAME, T, atan(x))                                                             \
    UNARY_LOOP(sinh_##NAME, T, sinh(x))                                                             \
    UNARY_LOOP(cosh_##NAME, T, cosh(x))                                                             \
    UNARY_LOOP(floor_##NAME, T, floor(x))                                                           \
    UNARY_LOOP(ceil_##NAME, T, ceil(x))                                                             \
    UNARY_LOOP(round_##NAME, T, round(x))                                                           \
    UNARY_LOOP(trunc_##NAME, T, trunc(x))                                                           \
    UNARY_LOOP(frac_##NAME, T, x - trunc(x))                                                        \
    UNARY_LOOP(cinv_##NAME, T, 1 / x)                                                               \
    UNARY_LOOP(square_##NAME, T, x * x)                                                             \
    UNARY_LOOP(not_##NAME, T, (T)(x == 0))                                                          \
    UNARY_LOOP(erf_##NAME, T, erf(x))
WK_FLOAT_TYPES(FLOAT_LOOPS)

#define INTEGER_LOOPS(DTYPE, T, NAME)                                                               \
    UNARY_LOOP(neg_##NAME, T, (T)(0 - (uint64_t)x))                                                 \
    UNARY_LOOP(abs_##NAME, T, (T)int_abs(x))                                                        \
    UNARY_LOOP(sign_##NAME, T, (T)int_sign(x))                                                      \
    UNARY_LOOP(square_##NAME, T, (T)((uint64_t)x * (uint64_t)x))                                    \
    UNARY_LOOP(not_##NAME, T, (T)(x == 0))
WK_INTEGER_TYPES(INTEGER_LOOPS)

/* [dtype][op]; NULL where the op needs a float type. */
#define INTEGER_ENTRIES(NAME)                                                                       \
    [WK_NEG] = neg_##NAME, [WK_ABS] = abs_##NAME, [WK_SIGN] = sign_##NAME, [WK_SQUARE] = square_##NAME, \
    [WK_LOGICAL_NOT] = not_##NAME
#define FLOAT_ROW(DTYPE, T, NAME)                                                                   \
    [DTYPE] = {INTEGER_ENTRIES(NAME), [WK_EXP] = exp_##NAME, [WK_EXPM1] = expm1_##NAME,            \
               [WK_LOG] = log_##NAME, [WK_LOG1P] = log1p_##NAME, [WK_SQRT] = sqrt_##NAME,           \
               [WK_RSQRT] = rsqrt_##NAME, [WK_SIGMOID] = sigmoid_##NAME, [WK_TANH] = tanh_##NAME,   \
               [WK_SIN] = sin_##NAME, [WK_COS] = cos_##NAME, [WK_TAN] = tan_##NAME,                 \
               [WK_ASIN] = asin_##NAME, [WK_ACOS] = acos_##NAME, [WK_ATAN] = atan_##NAME,           \
               [WK_SINH] = sinh_##NAME, [WK_COSH] = cosh_##NAME, [WK_FLOOR] = floor_##NAME,         \
               [WK_CEIL] = ceil_##NAME, [WK_ROUND] = round_##NAME, [WK_TRUNC] = trunc_##NAME,       \
               [WK_FRAC] = frac_##NAME, [WK_CINV] = cinv_##NAME, [WK_ERF] = erf_##NAME},
#define INTEGER_ROW(DTYPE, T, NAME) [DTYPE] = {INTEGER_ENTRIES(NAME)},
static const wk_loop_fn unary_loops[WK_F64 + 1][WK_UNARY_COUNT] = {
    WK_FLOAT_TYPES(FLOAT_ROW) WK_INTEGER_TYPES(INTEGER_ROW)};

static const char *const unary_names[WK_UNARY_COUNT] = {
    [WK_NEG] = "neg", [WK_ABS] = "abs", [WK_SIGN] = "sign", [WK_EXP] = "exp", [WK_EXPM1] = "expm1",
    [WK_LOG] = "log", [WK_LOG1P] = "log1p", [WK_SQRT] = "sqrt", [WK_RSQRT] = "rsqrt",
    [WK_SIGMOID] = "sigmoid", [WK_TANH] = "tanh", [WK_SIN] = "sin", [WK_COS] = "cos", [WK_TAN] = "tan",
    [WK_ASIN] = "asin", [WK_ACOS] = "acos", [WK_ATAN] = "atan", [WK_SINH] = "sinh", [WK_COSH] = "cosh",
    [WK_FLOOR] = "floor", [WK_CEIL] = "ceil", [WK_ROUND] = "round", [WK_TRUNC] = "trunc",
    [WK_FRAC] = "frac", [WK_CINV] = "cinv", [WK_SQUARE] = "square", [WK_LOGICAL_NOT] = "logicalNot",
    [WK_ERF] = "erf"};

int wk_unary(wk_tensor *out, const wk_tensor *a, int32_t op)
{
    if (op < 0 || op >= WK_UNARY_COUNT) return wk_error(WK_EINVAL, "unary: unknown operation %d", op);
    const char *name = unary_names[op];
    if (wk_elementwise_check(name, out, a, NULL) != WK_OK) return wk_last_status();
    wk_loop_fn loop = unary_loops[a->dtype][op];
    if (!loop) return wk_error(WK_EUNSUPPORTED, "%s: needs a float or double tensor, got %s", name, WK_DESC(a));
    wk_elementwise e = {.op = name, .loop = loop, .count = 1, .inputs = {a}};
    return wk_elementwise_run(out, &e);
}

/* ------------------------------------------------------------------------------------------- */
/* clamp                                                                                        */

/* out = x < lo ? lo : x > hi ? hi : x (Torch7's order: lo wins over hi when lo > hi); the two
 * bounds, as elements of T, in the context. nan passes through. */
#define CLAMP_LOOP(DTYPE, T, NAME)                                                                  \
    WK_SIMD_CLONES static void clamp_##NAME(char **data, const int64_t *strides, int64_t n, void *context) \
    {                                                                                               \
        const T lo = ((const T *)context)[0], hi = ((const T *)context)[1];                         \
        if (strides[0] == sizeof(T) && strides[1] == sizeof(T)) {                                   \
            T *out = (T *)data[0];                                                                  \
            const T *a = (const T *)data[1];                                                        \
            for (int64_t i = 0; i < n; i++) out[i] = a[i] < lo ? lo : a[i] > hi ? hi : a[i];        \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = *(const T *)(data[1] + i * strides[1]);                                       \
                *(T *)(data[0] + i * strides[0]) = x < lo ? lo : x > hi ? hi : x;                   \
            }                                                                                       \
        }                                                                                           \
    }
WK_NATIVE_TYPES(CLAMP_LOOP)

/* An integer bound: rounded inward (ceil for the lower, floor for the upper) and saturated to
 * the type's range; nan or an infinite bound means none. */
static void integer_bound(void *element, int32_t dtype, double value, bool lower)
{
    static const double lowest[WK_F64 + 1] = {
        [WK_U8] = 0, [WK_I8] = -128, [WK_I16] = -32768, [WK_I32] = -2147483648.0, [WK_I64] = -9223372036854775808.0};
    static const double highest[WK_F64 + 1] = {
        [WK_U8] = 255, [WK_I8] = 127, [WK_I16] = 32767, [WK_I32] = 2147483647.0,
        [WK_I64] = 9223372036854774784.0};           /* the last double below 2^63 */
    if (value != value) value = lower ? -INFINITY : INFINITY;
    value = lower ? ceil(value) : floor(value);
    if (value < lowest[dtype]) value = lowest[dtype];
    if (value > highest[dtype]) value = highest[dtype];
    wk_elementwise_integer_scalar(element, dtype, value, "clamp");
}

int wk_clamp(wk_tensor *out, const wk_tensor *a, double min, double max)
{
#define CLAMP_ENTRY(DTYPE, T, NAME) [DTYPE] = clamp_##NAME,
    static const wk_loop_fn loops[WK_F64 + 1] = {WK_NATIVE_TYPES(CLAMP_ENTRY)};
#undef CLAMP_ENTRY
    if (wk_elementwise_check("clamp", out, a, NULL) != WK_OK) return wk_last_status();
    int64_t bounds[2][1];                             /* two elements of a's dtype, 8-byte aligned */
    char *lo = (char *)bounds, *hi = lo + wk_dtype_size(a->dtype);
    if (wk_dtype_is_float(a->dtype)) {
        wk_elementwise_scalar(lo, a->dtype, min != min ? -INFINITY : min, "clamp");
        wk_elementwise_scalar(hi, a->dtype, max != max ? INFINITY : max, "clamp");
    } else {
        integer_bound(lo, a->dtype, min, true);
        integer_bound(hi, a->dtype, max, false);
    }
    wk_elementwise e = {.op = "clamp", .loop = loops[a->dtype], .context = bounds, .count = 1, .inputs = {a}};
    return wk_elementwise_run(out, &e);
}
