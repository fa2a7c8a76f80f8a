/*
 * binary.c — out = a op b over tensors, a op s and s op a with a scalar, and a + alpha*b.
 *
 * One loop body per (op, type), stamped from WK_FLOAT_TYPES and WK_INTEGER_TYPES; a scalar is
 * an operand of stride 0 (elementwise.h), so `a - s` and `s - a` run the body of `a - b`.
 *
 * Integer semantics (Torch7 used C's, crashes included; here every input has a defined answer):
 *   - +, -, * wrap around (computed in uint64_t, so signed overflow is no undefined behaviour);
 *   - / truncates toward zero as C does; a zero divisor is an error, checked before anything is
 *     written (C would raise SIGFPE); INT_MIN / -1 wraps to INT_MIN;
 *   - fmod has the dividend's sign (C's %), remainder the divisor's (Python's %), both exact;
 *   - pow is exact repeated multiplication, wrapping; a negative exponent is an error;
 *   - a scalar is first converted to the tensor's type (truncated, then wrapped), as Torch7
 *     passed scalars: IntTensor:mul(0.5) multiplies by 0.
 * Float semantics are IEEE's: x/0 is inf or nan, fmod(x, 0) and remainder(x, 0) are nan;
 * remainder(x, y) = fmod(x, y) moved into y's sign, which equals x - y*floor(x/y) without its
 * rounding error. max/min propagate nan.
 */
#include "elementwise.h"
#include <tgmath.h>

/* ------------------------------------------------------------------------------------------- */
/* Element formulas that need more than an expression                                           */

#define FLOAT_HELPERS(DTYPE, T, NAME)                                                               \
    static inline T remainder_of_##NAME(T x, T y)                                                      \
    {                                                                                               \
        T r = fmod(x, y);                                                                           \
        return (r != 0 && (r < 0) != (y < 0)) ? r + y : r;                                          \
    }
WK_FLOAT_TYPES(FLOAT_HELPERS)

/* Integer division family in int64_t (every native integer type fits); y != 0 is checked by the
 * caller. y == -1 is answered without dividing: INT64_MIN / -1 traps like a division by zero. */
static inline int64_t int_div(int64_t x, int64_t y) { return y == -1 ? (int64_t)(0 - (uint64_t)x) : x / y; }
static inline int64_t int_fmod(int64_t x, int64_t y) { return y == -1 ? 0 : x % y; }
static inline int64_t int_remainder(int64_t x, int64_t y)
{
    int64_t r = int_fmod(x, y);
    return (r != 0 && (r < 0) != (y < 0)) ? r + y : r;
}
/* x^y for y >= 0 by squaring, wrapping modulo 2^64 (the caller truncates to its type). */
static inline int64_t int_pow(int64_t x, int64_t y)
{
    uint64_t result = 1, base = (uint64_t)x;
    for (uint64_t e = (uint64_t)y; e; e >>= 1) {
        if (e & 1) result *= base;
        base *= base;
    }
    return (int64_t)result;
}

/* ------------------------------------------------------------------------------------------- */
/* Loop bodies                                                                                  */

/* out = EXPR, where EXPR reads x (operand 1's element) and y (operand 2's). The two
 * contiguous-with-a-scalar cases get their own loops so that the compiler vectorises them. */
#define BINARY_LOOP(NAME, T, EXPR)                                                                  \
    WK_SIMD_CLONES static void NAME(char **data, const int64_t *strides, int64_t n, void *context)  \
    {                                                                                               \
        (void)context;                                                                              \
        T *out = (T *)data[0];                                                                      \
        const T *a = (const T *)data[1], *b = (const T *)data[2];                                   \
        const int64_t size = sizeof(T);                                                             \
        if (strides[0] == size && strides[1] == size && strides[2] == size) {                       \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = a[i], y = b[i];                                                               \
                out[i] = (EXPR);                                                                    \
            }                                                                                       \
        } else if (strides[0] == size && strides[1] == size && strides[2] == 0) {                   \
            const T y = b[0];                                                                       \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = a[i];                                                                         \
                out[i] = (EXPR);                                                                    \
            }                                                                                       \
        } else if (strides[0] == size && strides[1] == 0 && strides[2] == size) {                   \
            const T x = a[0];                                                                       \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T y = b[i];                                                                         \
                out[i] = (EXPR);                                                                    \
            }                                                                                       \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = *(const T *)(data[1] + i * strides[1]), y = *(const T *)(data[2] + i * strides[2]); \
                *(T *)(data[0] + i * strides[0]) = (EXPR);                                          \
            }                                                                                       \
        }                                                                                           \
    }

#define FLOAT_LOOPS(DTYPE, T, NAME)                                                                 \
    BINARY_LOOP(add_##NAME, T, x + y)                                                               \
    BINARY_LOOP(sub_##NAME, T, x - y)                                                               \
    BINARY_LOOP(mul_##NAME, T, x * y)                                                               \
    BINARY_LOOP(div_##NAME, T, x / y)                                                               \
    BINARY_LOOP(pow_##NAME, T, pow(x, y))                                                           \
    BINARY_LOOP(atan2_##NAME, T, atan2(x, y))                                                       \
    BINARY_LOOP(fmod_##NAME, T, fmod(x, y))                                                         \
    BINARY_LOOP(remainder_##NAME, T, remainder_of_##NAME(x, y))                                      \
    BINARY_LOOP(max2_##NAME, T, (x > y || x != x) ? x : y)                                          \
    BINARY_LOOP(min2_##NAME, T, (x < y || x != x) ? x : y)                                          \
    BINARY_LOOP(and_##NAME, T, (T)((x != 0) & (y != 0)))                                            \
    BINARY_LOOP(or_##NAME, T, (T)((x != 0) | (y != 0)))                                             \
    BINARY_LOOP(xor_##NAME, T, (T)((x != 0) ^ (y != 0)))
WK_FLOAT_TYPES(FLOAT_LOOPS)

#define INTEGER_LOOPS(DTYPE, T, NAME)                                                               \
    BINARY_LOOP(add_##NAME, T, (T)((uint64_t)x + (uint64_t)y))                                      \
    BINARY_LOOP(sub_##NAME, T, (T)((uint64_t)x - (uint64_t)y))                                      \
    BINARY_LOOP(mul_##NAME, T, (T)((uint64_t)x * (uint64_t)y))                                      \
    BINARY_LOOP(div_##NAME, T, (T)int_div(x, y))                                                    \
    BINARY_LOOP(pow_##NAME, T, (T)int_pow(x, y))                                                    \
    BINARY_LOOP(fmod_##NAME, T, (T)int_fmod(x, y))                                                  \
    BINARY_LOOP(remainder_##NAME, T, (T)int_remainder(x, y))                                        \
    BINARY_LOOP(max2_##NAME, T, x > y ? x : y)                                                      \
    BINARY_LOOP(min2_##NAME, T, x < y ? x : y)                                                      \
    BINARY_LOOP(and_##NAME, T, (T)((x != 0) & (y != 0)))                                            \
    BINARY_LOOP(or_##NAME, T, (T)((x != 0) | (y != 0)))                                             \
    BINARY_LOOP(xor_##NAME, T, (T)((x != 0) ^ (y != 0)))
WK_INTEGER_TYPES(INTEGER_LOOPS)

/* [dtype][op]; NULL where the op does not exist for the type (atan2 of integers). The WK_R*
 * ops have no entry: they run their base op with the operands swapped. */
#define SHARED_ENTRIES(NAME)                                                                        \
    [WK_ADD] = add_##NAME, [WK_SUB] = sub_##NAME, [WK_MUL] = mul_##NAME, [WK_DIV] = div_##NAME,     \
    [WK_POW] = pow_##NAME, [WK_FMOD] = fmod_##NAME, [WK_REMAINDER] = remainder_##NAME,              \
    [WK_MAX2] = max2_##NAME, [WK_MIN2] = min2_##NAME, [WK_LOGICAL_AND] = and_##NAME,                \
    [WK_LOGICAL_OR] = or_##NAME, [WK_LOGICAL_XOR] = xor_##NAME
#define FLOAT_ROW(DTYPE, T, NAME) [DTYPE] = {SHARED_ENTRIES(NAME), [WK_ATAN2] = atan2_##NAME},
#define INTEGER_ROW(DTYPE, T, NAME) [DTYPE] = {SHARED_ENTRIES(NAME)},
static const wk_loop_fn binary_loops[WK_F64 + 1][WK_BINARY_COUNT] = {
    WK_FLOAT_TYPES(FLOAT_ROW) WK_INTEGER_TYPES(INTEGER_ROW)};

/* out = a + alpha*b, alpha (one element of T) in the context. */
#define SCALED_LOOP(DTYPE, T, NAME, EXPR)                                                           \
    WK_SIMD_CLONES static void add_scaled_##NAME(char **data, const int64_t *strides, int64_t n,   \
                                                 void *context)                                     \
    {                                                                                               \
        const T alpha = *(const T *)context;                                                        \
        T *out = (T *)data[0];                                                                      \
        const T *a = (const T *)data[1], *b = (const T *)data[2];                                   \
        const int64_t size = sizeof(T);                                                             \
        if (strides[0] == size && strides[1] == size && strides[2] == size) {                       \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = a[i], y = b[i];                                                               \
                out[i] = (EXPR);                                                                    \
            }                                                                                       \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = *(const T *)(data[1] + i * strides[1]), y = *(const T *)(data[2] + i * strides[2]); \
                *(T *)(data[0] + i * strides[0]) = (EXPR);                                          \
            }                                                                                       \
        }                                                                                           \
    }
#define FLOAT_SCALED(DTYPE, T, NAME) SCALED_LOOP(DTYPE, T, NAME, x + alpha * y)
#define INTEGER_SCALED(DTYPE, T, NAME) SCALED_LOOP(DTYPE, T, NAME, (T)((uint64_t)x + (uint64_t)alpha * (uint64_t)y))
WK_FLOAT_TYPES(FLOAT_SCALED)
WK_INTEGER_TYPES(INTEGER_SCALED)

/* ------------------------------------------------------------------------------------------- */
/* Entries                                                                                      */

static const char *const binary_names[WK_BINARY_COUNT] = {
    [WK_ADD] = "add", [WK_SUB] = "sub", [WK_MUL] = "mul", [WK_DIV] = "div", [WK_POW] = "pow",
    [WK_ATAN2] = "atan2", [WK_FMOD] = "fmod", [WK_REMAINDER] = "remainder", [WK_MAX2] = "cmax",
    [WK_MIN2] = "cmin", [WK_LOGICAL_AND] = "logicalAnd", [WK_LOGICAL_OR] = "logicalOr",
    [WK_LOGICAL_XOR] = "logicalXor", [WK_RSUB] = "rsub", [WK_RDIV] = "rdiv", [WK_RPOW] = "rpow"};

/* The op a WK_R* op runs with its operands swapped; other ops are their own base. */
static int32_t base_op(int32_t op)
{
    switch (op) {
    case WK_RSUB: return WK_SUB;
    case WK_RDIV: return WK_DIV;
    case WK_RPOW: return WK_POW;
    }
    return op;
}

static bool divides(int32_t op) { return op == WK_DIV || op == WK_FMOD || op == WK_REMAINDER; }

/* The loop for (op, dtype) after the common checks, or NULL with the message set. */
static wk_loop_fn binary_loop(const wk_tensor *out, const wk_tensor *a, const wk_tensor *b, int32_t op,
                              const char *name)
{
    if (wk_elementwise_check(name, out, a, b) != WK_OK) return NULL;
    wk_loop_fn loop = binary_loops[a->dtype][base_op(op)];
    if (!loop) return wk_error_null(WK_EUNSUPPORTED, "%s: needs a float or double tensor, got %s", name, WK_DESC(a));
    return loop;
}

int wk_binary(wk_tensor *out, const wk_tensor *a, const wk_tensor *b, int32_t op)
{
    if (op < 0 || op >= WK_BINARY_COUNT) return wk_error(WK_EINVAL, "binary: unknown operation %d", op);
    const char *name = binary_names[op];
    wk_loop_fn loop = binary_loop(out, a, b, op, name);
    if (!loop) return wk_last_status();
    if (base_op(op) != op) {                          /* s op a: b op a */
        const wk_tensor *swap = a;
        a = b, b = swap;
        op = base_op(op);
    }
    if (!wk_dtype_is_float(a->dtype)) {
        if (divides(op) && wk_elementwise_has_zero(b))
            return wk_error(WK_EINVAL, "%s: integer division by zero (a zero in %s)", name, WK_DESC(b));
        if (op == WK_POW && wk_elementwise_has_negative(b))
            return wk_error(WK_EINVAL, "%s: negative exponent in %s (integer powers need exponents >= 0)", name,
                            WK_DESC(b));
    }
    wk_elementwise e = {.op = name, .loop = loop, .count = 2, .inputs = {a, b}};
    return wk_elementwise_run(out, &e);
}

int wk_binary_scalar(wk_tensor *out, const wk_tensor *a, double s, int32_t op)
{
    if (op < 0 || op >= WK_BINARY_COUNT) return wk_error(WK_EINVAL, "binary: unknown operation %d", op);
    const char *name = binary_names[op];
    wk_loop_fn loop = binary_loop(out, a, NULL, op, name);
    if (!loop) return wk_last_status();
    bool reversed = base_op(op) != op;
    op = base_op(op);
    int64_t scalar[1];                                /* one element of a's dtype */
    if (wk_elementwise_scalar(scalar, a->dtype, s, name) != WK_OK) return wk_last_status();

    if (wk_dtype_is_float(a->dtype)) {
        if (op == WK_POW && !reversed && s == 2) {    /* x*x: exact, and several times faster */
            wk_elementwise e = {.op = name, .loop = binary_loops[a->dtype][WK_MUL], .count = 2, .inputs = {a, a}};
            return wk_elementwise_run(out, &e);
        }
    } else if (!reversed) {
        /* Zero in every integer type is all zero bytes: check the divisor as converted. */
        bool zero = true;
        for (int64_t i = 0; i < wk_dtype_size(a->dtype); i++) zero = zero && ((const char *)scalar)[i] == 0;
        if (divides(op) && zero) return wk_error(WK_EINVAL, "%s: integer division by zero (%g as %s)", name, s, WK_DESC(a));
        if (op == WK_POW && s < 0)
            return wk_error(WK_EINVAL, "%s: negative exponent %g for %s (integer powers need exponents >= 0)",
                            name, s, WK_DESC(a));
    } else {
        if (divides(op) && wk_elementwise_has_zero(a))
            return wk_error(WK_EINVAL, "%s: integer division by zero (a zero in %s)", name, WK_DESC(a));
        if (op == WK_POW && wk_elementwise_has_negative(a))
            return wk_error(WK_EINVAL, "%s: negative exponent in %s (integer powers need exponents >= 0)", name,
                            WK_DESC(a));
    }
    wk_elementwise e = {.op = name, .loop = loop, .count = 1, .inputs = {a}, .constant = scalar,
                        .constant_at = reversed ? 1 : 2};
    return wk_elementwise_run(out, &e);
}

int wk_add_scaled(wk_tensor *out, const wk_tensor *a, double alpha, const wk_tensor *b)
{
#define SCALED_ENTRY(DTYPE, T, NAME) [DTYPE] = add_scaled_##NAME,
    static const wk_loop_fn loops[WK_F64 + 1] = {WK_FLOAT_TYPES(SCALED_ENTRY) WK_INTEGER_TYPES(SCALED_ENTRY)};
#undef SCALED_ENTRY
    if (wk_elementwise_check("add", out, a, b) != WK_OK) return wk_last_status();
    if (alpha == 1) return wk_binary(out, a, b, WK_ADD);
    if (alpha == -1) return wk_binary(out, a, b, WK_SUB);
    int64_t scalar[1];
    if (wk_elementwise_scalar(scalar, a->dtype, alpha, "add") != WK_OK) return wk_last_status();
    wk_elementwise e = {.op = "add", .loop = loops[a->dtype], .context = scalar, .count = 2, .inputs = {a, b}};
    return wk_elementwise_run(out, &e);
}
