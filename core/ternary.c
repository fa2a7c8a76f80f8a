/*
 * ternary.c — comparisons (a op b, a op s, into uint8 or a's type), where, addcmul, addcdiv and
 * lerp: the elementwise kernels whose operands are not all of one dtype, or are three.
 *
 * Comparing an integer tensor with a real scalar is exact: x < 2.5 is x < 3 for integers, and
 * a scalar beyond the type's range gives a constant answer (uint8 x > -1 is true everywhere),
 * where Torch7 first truncated the scalar to the tensor's type. Float tensors compare with the
 * scalar as converted to their type, as Torch7 did.
 */
#include "elementwise.h"
#include <math.h>

/* ------------------------------------------------------------------------------------------- */
/* Comparisons                                                                                  */

/* out (OUT) = x CMP y, x from operand 1 and y from operand 2, both T. */
#define COMPARE_LOOP(NAME, T, OUT, CMP)                                                             \
    WK_SIMD_CLONES static void NAME(char **data, const int64_t *strides, int64_t n, void *context)  \
    {                                                                                               \
        (void)context;                                                                              \
        OUT *out = (OUT *)data[0];                                                                  \
        const T *a = (const T *)data[1], *b = (const T *)data[2];                                   \
        if (strides[0] == sizeof(OUT) && strides[1] == sizeof(T) && strides[2] == sizeof(T)) {      \
            for (int64_t i = 0; i < n; i++) out[i] = (OUT)(a[i] CMP b[i]);                          \
        } else if (strides[0] == sizeof(OUT) && strides[1] == sizeof(T) && strides[2] == 0) {       \
            const T y = b[0];                                                                       \
            for (int64_t i = 0; i < n; i++) out[i] = (OUT)(a[i] CMP y);                             \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++)                                                         \
                *(OUT *)(data[0] + i * strides[0]) =                                                \
                    (OUT)(*(const T *)(data[1] + i * strides[1]) CMP * (const T *)(data[2] + i * strides[2])); \
        }                                                                                           \
    }

#define COMPARE_LOOPS_INTO(T, NAME, OUT, SUFFIX)                                                    \
    COMPARE_LOOP(lt_##NAME##SUFFIX, T, OUT, <)                                                      \
    COMPARE_LOOP(le_##NAME##SUFFIX, T, OUT, <=)                                                     \
    COMPARE_LOOP(gt_##NAME##SUFFIX, T, OUT, >)                                                      \
    COMPARE_LOOP(ge_##NAME##SUFFIX, T, OUT, >=)                                                     \
    COMPARE_LOOP(eq_##NAME##SUFFIX, T, OUT, ==)                                                     \
    COMPARE_LOOP(ne_##NAME##SUFFIX, T, OUT, !=)
/* lt_f32_mask writes uint8, lt_f32_same writes float. */
#define COMPARE_LOOPS(DTYPE, T, NAME)                                                               \
    COMPARE_LOOPS_INTO(T, NAME, uint8_t, _mask)                                                     \
    COMPARE_LOOPS_INTO(T, NAME, T, _same)
WK_NATIVE_TYPES(COMPARE_LOOPS)

#define COMPARE_ENTRIES(NAME, SUFFIX)                                                               \
    {[WK_LT] = lt_##NAME##SUFFIX, [WK_LE] = le_##NAME##SUFFIX, [WK_GT] = gt_##NAME##SUFFIX,         \
     [WK_GE] = ge_##NAME##SUFFIX, [WK_EQ] = eq_##NAME##SUFFIX, [WK_NE] = ne_##NAME##SUFFIX}
#define COMPARE_ROW(DTYPE, T, NAME) [DTYPE] = {COMPARE_ENTRIES(NAME, _mask), COMPARE_ENTRIES(NAME, _same)},
/* [a's dtype][0: uint8 out, 1: out of a's dtype][op] */
static const wk_loop_fn compare_loops[WK_F64 + 1][2][WK_COMPARE_COUNT] = {WK_NATIVE_TYPES(COMPARE_ROW)};

static const char *const compare_names[WK_COMPARE_COUNT] = {
    [WK_LT] = "lt", [WK_LE] = "le", [WK_GT] = "gt", [WK_GE] = "ge", [WK_EQ] = "eq", [WK_NE] = "ne"};

/* The loop for a comparison into out, after the checks; NULL with the message set. */
static wk_loop_fn compare_loop(const wk_tensor *out, const wk_tensor *a, const wk_tensor *b, int32_t op)
{
    const char *name = compare_names[op];
    if (wk_elementwise_check_cpu(name, out, a, b, NULL) != WK_OK ||
        wk_elementwise_check_same_dtype(name, NULL, a, b, NULL) != WK_OK)
        return NULL;
    if (out->dtype != WK_U8 && out->dtype != a->dtype)
        return wk_error_null(WK_EINVAL, "%s: the result must be a torch.ByteTensor or of the input's type (%s), got %s",
                             name, WK_DESC(a), WK_DESC(out));
    return compare_loops[a->dtype][out->dtype != WK_U8][op];
}

int wk_compare(wk_tensor *out, const wk_tensor *a, const wk_tensor *b, int32_t op)
{
    if (op < 0 || op >= WK_COMPARE_COUNT) return wk_error(WK_EINVAL, "compare: unknown operation %d", op);
    wk_loop_fn loop = compare_loop(out, a, b, op);
    if (!loop) return wk_last_status();
    wk_elementwise e = {.op = compare_names[op], .loop = loop, .count = 2, .inputs = {a, b}};
    return wk_elementwise_run(out, &e);
}

/* For an integer dtype, rewrites `x op s` as a comparison with an integer of the type (stored in
 * element, op possibly changed), returning -1; or returns the constant answer, 0 or 1. */
static int integer_comparison(int32_t dtype, int32_t op, double s, void *element)
{
    static const double lowest[WK_F64 + 1] = {
        [WK_U8] = 0, [WK_I8] = -128, [WK_I16] = -32768, [WK_I32] = -2147483648.0, [WK_I64] = -9223372036854775808.0};
    static const double highest[WK_F64 + 1] = {
        [WK_U8] = 255, [WK_I8] = 127, [WK_I16] = 32767, [WK_I32] = 2147483647.0,
        [WK_I64] = 9223372036854774784.0};           /* the last double below 2^63 */
    if (s != s) return op == WK_NE;                   /* nan equals nothing */
    double v = s;
    switch (op) {
    case WK_LT: case WK_GE: v = ceil(s); break;       /* x < 2.5 is x < 3; x >= 2.5 is x >= 3 */
    case WK_LE: case WK_GT: v = floor(s); break;      /* x <= 2.5 is x <= 2; x > 2.5 is x > 2 */
    case WK_EQ: if (s != floor(s)) return 0; break;
    case WK_NE: if (s != floor(s)) return 1; break;
    }
    if (v < lowest[dtype]) return op == WK_GT || op == WK_GE || op == WK_NE;
    if (v > highest[dtype]) return op == WK_LT || op == WK_LE || op == WK_NE;
    wk_elementwise_integer_scalar(element, dtype, v, compare_names[op]);
    return -1;
}

/* out resized to a's shape (if it differs) and filled with `value`. */
static int fill_like(wk_tensor *out, const wk_tensor *a, double value)
{
    int rc = WK_OK;
    if (!a->storage) {
        rc = wk_tensor_resize_as(out, a);
    } else if (!out->storage || !wk_tensor_is_same_size(out, a)) {
        rc = wk_tensor_resize(out, a->ndim, a->sizes);
    }
    return rc != WK_OK ? rc : wk_fill(out, value);
}

int wk_compare_scalar(wk_tensor *out, const wk_tensor *a, double s, int32_t op)
{
    if (op < 0 || op >= WK_COMPARE_COUNT) return wk_error(WK_EINVAL, "compare: unknown operation %d", op);
    wk_loop_fn loop = compare_loop(out, a, NULL, op);
    if (!loop) return wk_last_status();
    int64_t scalar[1];
    if (wk_dtype_is_float(a->dtype)) {
        wk_elementwise_scalar(scalar, a->dtype, s, compare_names[op]);
    } else {
        int answer = integer_comparison(a->dtype, op, s, scalar);
        if (answer >= 0) return fill_like(out, a, answer);
    }
    wk_elementwise e = {.op = compare_names[op], .loop = loop, .count = 1, .inputs = {a}, .constant = scalar,
                        .constant_at = 2};
    return wk_elementwise_run(out, &e);
}

/* ------------------------------------------------------------------------------------------- */
/* where, addcmul, addcdiv, lerp                                                                */

/* Operands: out, then three inputs. EXPR reads x, y, z (the inputs' elements) and k (one element
 * of T from the context, when the op has a scalar). */
#define TERNARY_LOOP(NAME, T, XT, EXPR)                                                             \
    WK_SIMD_CLONES static void NAME(char **data, const int64_t *strides, int64_t n, void *context)  \
    {                                                                                               \
        const T k = context ? *(const T *)context : (T)0;                                           \
        (void)k;                                                                                    \
        if (strides[0] == sizeof(T) && strides[1] == sizeof(XT) && strides[2] == sizeof(T) &&       \
            strides[3] == sizeof(T)) {                                                              \
            T *out = (T *)data[0];                                                                  \
            const XT *a = (const XT *)data[1];                                                      \
            const T *b = (const T *)data[2], *c = (const T *)data[3];                               \
            for (int64_t i = 0; i < n; i++) {                                                       \
                XT x = a[i];                                                                        \
                T y = b[i], z = c[i];                                                               \
                out[i] = (EXPR);                                                                    \
            }                                                                                       \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) {                                                       \
                XT x = *(const XT *)(data[1] + i * strides[1]);                                     \
                T y = *(const T *)(data[2] + i * strides[2]), z = *(const T *)(data[3] + i * strides[3]); \
                *(T *)(data[0] + i * strides[0]) = (EXPR);                                          \
            }                                                                                       \
        }                                                                                           \
    }

/* Integer quotient in int64_t; z != 0 checked by the caller, z == -1 answered without dividing. */
static inline int64_t int_div(int64_t y, int64_t z) { return z == -1 ? (int64_t)(0 - (uint64_t)y) : y / z; }

#define FLOAT_TERNARY(DTYPE, T, NAME)                                                               \
    TERNARY_LOOP(where_##NAME, T, uint8_t, x ? y : z)                                               \
    TERNARY_LOOP(addcmul_##NAME, T, T, x + k * y * z)                                               \
    TERNARY_LOOP(addcdiv_##NAME, T, T, x + k * y / z)
#define INTEGER_TERNARY(DTYPE, T, NAME)                                                             \
    TERNARY_LOOP(where_##NAME, T, uint8_t, x ? y : z)                                               \
    TERNARY_LOOP(addcmul_##NAME, T, T, (T)((uint64_t)x + (uint64_t)k * (uint64_t)y * (uint64_t)z)) \
    TERNARY_LOOP(addcdiv_##NAME, T, T, (T)((uint64_t)x + (uint64_t)int_div((T)((uint64_t)k * (uint64_t)y), z)))
WK_FLOAT_TYPES(FLOAT_TERNARY)
WK_INTEGER_TYPES(INTEGER_TERNARY)

enum { WHERE, ADDCMUL, ADDCDIV, TERNARY_COUNT };
#define TERNARY_ROW(DTYPE, T, NAME) [DTYPE] = {where_##NAME, addcmul_##NAME, addcdiv_##NAME},
static const wk_loop_fn ternary_loops[WK_F64 + 1][TERNARY_COUNT] = {WK_NATIVE_TYPES(TERNARY_ROW)};

int wk_where(wk_tensor *out, const wk_tensor *condition, const wk_tensor *a, const wk_tensor *b)
{
    if (wk_elementwise_check_cpu("where", out, condition, a, b) != WK_OK ||
        wk_elementwise_check_same_dtype("where", out, a, b, NULL) != WK_OK)
        return wk_last_status();
    if (condition->dtype != WK_U8)
        return wk_error(WK_EINVAL, "where: the condition must be a torch.ByteTensor, got %s", WK_DESC(condition));
    wk_elementwise e = {.op = "where", .loop = ternary_loops[a->dtype][WHERE], .count = 3,
                        .inputs = {condition, a, b}};
    return wk_elementwise_run(out, &e);
}

/* out = a + value * (b op c), op the product or the quotient. */
static int addc(wk_tensor *out, const wk_tensor *a, double value, const wk_tensor *b, const wk_tensor *c,
                int32_t which, const char *name)
{
    if (wk_elementwise_check_cpu(name, out, a, b, c) != WK_OK ||
        wk_elementwise_check_same_dtype(name, out, a, b, c) != WK_OK)
        return wk_last_status();
    int64_t scalar[1];
    if (wk_elementwise_scalar(scalar, a->dtype, value, name) != WK_OK) return wk_last_status();
    if (which == ADDCDIV && !wk_dtype_is_float(a->dtype) && wk_elementwise_has_zero(c))
        return wk_error(WK_EINVAL, "%s: integer division by zero (a zero in %s)", name, WK_DESC(c));
    wk_elementwise e = {.op = name, .loop = ternary_loops[a->dtype][which], .context = scalar, .count = 3,
                        .inputs = {a, b, c}};
    return wk_elementwise_run(out, &e);
}

int wk_addcmul(wk_tensor *out, const wk_tensor *a, double value, const wk_tensor *b, const wk_tensor *c)
{
    return addc(out, a, value, b, c, ADDCMUL, "addcmul");
}

int wk_addcdiv(wk_tensor *out, const wk_tensor *a, double value, const wk_tensor *b, const wk_tensor *c)
{
    return addc(out, a, value, b, c, ADDCDIV, "addcdiv");
}

/* out = a + w*(b - a), written from the nearer end so that w = 0 gives a and w = 1 gives b
 * exactly; w (one element of T) in the context. */
#define LERP(T, x, y, w) (w < (T)0.5 ? x + w * (y - x) : y - (y - x) * (1 - w))
#define LERP_LOOP(DTYPE, T, NAME)                                                                   \
    WK_SIMD_CLONES static void lerp_##NAME(char **data, const int64_t *strides, int64_t n, void *context) \
    {                                                                                               \
        const T w = *(const T *)context;                                                            \
        if (strides[0] == sizeof(T) && strides[1] == sizeof(T) && strides[2] == sizeof(T)) {        \
            T *out = (T *)data[0];                                                                  \
            const T *a = (const T *)data[1], *b = (const T *)data[2];                               \
            for (int64_t i = 0; i < n; i++) out[i] = LERP(T, a[i], b[i], w);                        \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = *(const T *)(data[1] + i * strides[1]), y = *(const T *)(data[2] + i * strides[2]); \
                *(T *)(data[0] + i * strides[0]) = LERP(T, x, y, w);                                \
            }                                                                                       \
        }                                                                                           \
    }
WK_FLOAT_TYPES(LERP_LOOP)

int wk_lerp(wk_tensor *out, const wk_tensor *a, const wk_tensor *b, double weight)
{
    if (wk_elementwise_check("lerp", out, a, b) != WK_OK) return wk_last_status();
    if (!wk_dtype_is_float(a->dtype))
        return wk_error(WK_EUNSUPPORTED, "lerp: needs a float or double tensor, got %s", WK_DESC(a));
    int64_t scalar[1];
    wk_elementwise_scalar(scalar, a->dtype, weight, "lerp");
    wk_elementwise e = {.op = "lerp", .loop = a->dtype == WK_F32 ? lerp_f32 : lerp_f64, .context = scalar,
                        .count = 2, .inputs = {a, b}};
    return wk_elementwise_run(out, &e);
}
