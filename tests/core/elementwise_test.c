/* elementwise_test.c — the elementwise kernels (unary.c, binary.c, ternary.c) and their driver
 * (elementwise.c): every op against a double reference on contiguous, transposed, broadcast and
 * threaded layouts; integer semantics (division, wrap-around, exact comparisons with reals);
 * the vectorised exp across its whole range; shapes, resizing and the error messages. */
#include "check.h"
#include <stdbool.h>
#include <math.h>
#include <stdlib.h>

/* ------------------------------------------------------------------------------------------- */
/* Helpers: tensors of any native dtype read and written as doubles                             */

static double get(const wk_tensor *t, int64_t offset)
{
    const char *p = (const char *)wk_tensor_data(t) + offset * wk_dtype_get(t->dtype)->size;
    switch (t->dtype) {
    case WK_U8: return *(const uint8_t *)p;
    case WK_I8: return *(const int8_t *)p;
    case WK_I16: return *(const int16_t *)p;
    case WK_I32: return *(const int32_t *)p;
    case WK_I64: return (double)*(const int64_t *)p;
    case WK_F32: return *(const float *)p;
    case WK_F64: return *(const double *)p;
    }
    return NAN;
}

/* Element `flat` (row-major over `sizes`) of t broadcast to that shape. */
static double get_broadcast(const wk_tensor *t, int32_t ndim, const int64_t *sizes, int64_t flat)
{
    int64_t offset = 0;
    for (int32_t d = ndim - 1; d >= 0; d--) {
        int64_t index = flat % sizes[d];
        flat /= sizes[d];
        int32_t own = d - (ndim - t->ndim);
        if (own >= 0 && t->sizes[own] != 1) offset += index * t->strides[own];
    }
    return get(t, offset);
}

static double get_flat(const wk_tensor *t, int64_t flat) { return get_broadcast(t, t->ndim, t->sizes, flat); }

static wk_tensor *tensor(int32_t dtype, int32_t ndim, const int64_t *sizes) { return wk_tensor_new_sized(dtype, ndim, sizes); }

/* A contiguous tensor whose elements are values[i % count]. */
static wk_tensor *filled(int32_t dtype, int32_t ndim, const int64_t *sizes, const double *values, int64_t count)
{
    wk_tensor *t = tensor(dtype, ndim, sizes), *one = tensor(WK_F64, 0, NULL);
    int64_t n = wk_tensor_numel(t);
    wk_tensor *flat = wk_tensor_new_alias(t);
    wk_tensor_view(flat, 1, (int64_t[]){n});
    for (int64_t i = 0; i < n; i++) {
        wk_tensor *element = wk_tensor_new_alias(flat);
        wk_tensor_select(element, 0, i);
        *(double *)wk_tensor_data(one) = values[i % count];
        wk_copy(element, one);
        wk_tensor_free(element);
    }
    wk_tensor_free(flat), wk_tensor_free(one);
    return t;
}

/* Pseudo-random doubles in [lo, hi). */
static wk_tensor *random_tensor(int32_t dtype, int32_t ndim, const int64_t *sizes, double lo, double hi)
{
    static uint64_t state = 88172645463325252ull;
    int64_t n = 1;
    for (int32_t d = 0; d < ndim; d++) n *= sizes[d];
    double *values = malloc((size_t)(n > 0 ? n : 1) * sizeof *values);
    for (int64_t i = 0; i < n; i++) {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        values[i] = lo + (hi - lo) * (double)(state >> 11) / 9007199254740992.0;
        if (dtype != WK_F32 && dtype != WK_F64) values[i] = floor(values[i]);
    }
    wk_tensor *t = filled(dtype, ndim, sizes, values, n > 0 ? n : 1);
    free(values);
    return t;
}

static wk_tensor *transposed(const wk_tensor *t)
{
    wk_tensor *v = wk_tensor_new_alias(t);
    wk_tensor_transpose(v, 0, 1);
    return v;
}

static bool close_to(double got, double want, double tolerance)
{
    if (isnan(want)) return isnan(got);
    if (isinf(want)) return got == want;
    return fabs(got - want) <= tolerance * (1 + fabs(want));
}

/* Every element of out against f(inputs) computed in double. */
typedef double (*ref2)(double, double);
static bool matches2(const wk_tensor *out, const wk_tensor *a, const wk_tensor *b, ref2 f, double tolerance)
{
    int64_t n = wk_tensor_numel(out);
    for (int64_t i = 0; i < n; i++) {
        double x = get_broadcast(a, out->ndim, out->sizes, i), y = get_broadcast(b, out->ndim, out->sizes, i);
        double want = f(x, y), got = get_flat(out, i);
        if (!close_to(got, want, tolerance)) {
            fprintf(stderr, "  element %lld: f(%g, %g) = %.9g, want %.9g\n", (long long)i, x, y, got, want);
            return false;
        }
    }
    return true;
}

static double r_add(double x, double y) { return x + y; }
static double r_sub(double x, double y) { return x - y; }
static double r_mul(double x, double y) { return x * y; }
static double r_div(double x, double y) { return x / y; }
static double r_pow(double x, double y) { return pow(x, y); }
static double r_atan2(double x, double y) { return atan2(x, y); }
static double r_fmod(double x, double y) { return fmod(x, y); }
static double r_remainder(double x, double y) { return x - y * floor(x / y); }
static double r_max(double x, double y) { return x > y ? x : y; }
static double r_min(double x, double y) { return x < y ? x : y; }
static double r_and(double x, double y) { return x != 0 && y != 0; }
static double r_or(double x, double y) { return x != 0 || y != 0; }
static double r_xor(double x, double y) { return (x != 0) != (y != 0); }
static double r_rsub(double x, double y) { return y - x; }
static double r_rdiv(double x, double y) { return y / x; }
static double r_rpow(double x, double y) { return pow(y, x); }

static const ref2 binary_refs[WK_BINARY_COUNT] = {
    r_add, r_sub, r_mul, r_div, r_pow, r_atan2, r_fmod, r_remainder, r_max, r_min, r_and, r_or, r_xor,
    r_rsub, r_rdiv, r_rpow};

/* ------------------------------------------------------------------------------------------- */
/* Float ops on every layout                                                                    */

static void test_binary_floats(void)
{
    const int64_t sizes[2] = {37, 53}, row[1] = {53}, column[2] = {37, 1}, flipped[2] = {53, 37};
    for (int32_t dtype = WK_F32; dtype <= WK_F64; dtype++) {
        double tolerance = dtype == WK_F32 ? 2e-6 : 1e-13;
        for (int32_t op = 0; op < WK_BINARY_COUNT; op++) {
            double lo = op == WK_POW || op == WK_RPOW ? 0.1 : -3, hi = 3;
            wk_tensor *a = random_tensor(dtype, 2, sizes, lo, hi), *b = random_tensor(dtype, 2, sizes, lo, hi);
            wk_tensor *at = random_tensor(dtype, 2, flipped, lo, hi), *bt = random_tensor(dtype, 2, flipped, lo, hi);
            wk_tensor *a_t = transposed(at), *b_t = transposed(bt);
            wk_tensor *r = random_tensor(dtype, 1, row, lo, hi), *c = random_tensor(dtype, 2, column, lo, hi);
            wk_tensor *out = wk_tensor_new(dtype);
            bool ok = wk_binary(out, a, b, op) == WK_OK && matches2(out, a, b, binary_refs[op], tolerance);
            ok = ok && wk_binary(out, a_t, b_t, op) == WK_OK && matches2(out, a_t, b_t, binary_refs[op], tolerance);
            ok = ok && wk_binary(out, a, b_t, op) == WK_OK && matches2(out, a, b_t, binary_refs[op], tolerance);
            ok = ok && wk_binary(out, r, c, op) == WK_OK && out->sizes[0] == 37 && out->sizes[1] == 53 &&
                 matches2(out, r, c, binary_refs[op], tolerance);
            ok = ok && wk_binary(out, c, a_t, op) == WK_OK && matches2(out, c, a_t, binary_refs[op], tolerance);

            /* scalar forms: b is a 0-d tensor holding the scalar */
            wk_tensor *s = filled(dtype, 0, NULL, (double[]){1.75}, 1);
            ok = ok && wk_binary_scalar(out, a_t, 1.75, op) == WK_OK && matches2(out, a_t, s, binary_refs[op], tolerance);
            ok = ok && wk_binary_scalar(out, a, 1.75, op) == WK_OK && matches2(out, a, s, binary_refs[op], tolerance);
            if (!ok) fprintf(stderr, "binary op %d on dtype %d\n", op, dtype);
            CHECK(ok);

            /* in place, contiguous and transposed */
            wk_tensor *copy = wk_tensor_new_clone(a);
            CHECK(wk_binary(copy, copy, b, op) == WK_OK && matches2(copy, a, b, binary_refs[op], tolerance));
            wk_tensor *copy_t = wk_tensor_new_clone(at), *view = transposed(copy_t);
            CHECK(wk_binary(view, view, b, op) == WK_OK && matches2(view, a_t, b, binary_refs[op], tolerance));
            wk_tensor_free(copy), wk_tensor_free(copy_t), wk_tensor_free(view), wk_tensor_free(s);
            wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(at), wk_tensor_free(bt), wk_tensor_free(a_t);
            wk_tensor_free(b_t), wk_tensor_free(r), wk_tensor_free(c), wk_tensor_free(out);
        }
    }
}

typedef double (*ref1)(double);
static double u_neg(double x) { return -x; }
static double u_sign(double x) { return x > 0 ? 1 : x < 0 ? -1 : 0; }
static double u_rsqrt(double x) { return 1 / sqrt(x); }
static double u_sigmoid(double x) { return 1 / (1 + exp(-x)); }
static double u_frac(double x) { return x - trunc(x); }
static double u_cinv(double x) { return 1 / x; }
static double u_square(double x) { return x * x; }
static double u_not(double x) { return x == 0; }

static const ref1 unary_refs[WK_UNARY_COUNT] = {
    u_neg, fabs, u_sign, exp, expm1, log, log1p, sqrt, u_rsqrt, u_sigmoid, tanh, sin, cos, tan, asin, acos,
    atan, sinh, cosh, floor, ceil, round, trunc, u_frac, u_cinv, u_square, u_not, erf};

static void test_unary_floats(void)
{
    const int64_t sizes[2] = {41, 29};
    const double specials[8] = {0.5, -0.5, 2.5, -2.5, 0, 1, -1, 0.999};
    for (int32_t dtype = WK_F32; dtype <= WK_F64; dtype++) {
        double tolerance = dtype == WK_F32 ? 3e-6 : 1e-13;
        for (int32_t op = 0; op < WK_UNARY_COUNT; op++) {
            bool positive = op == WK_LOG || op == WK_SQRT || op == WK_RSQRT;
            bool unit = op == WK_ASIN || op == WK_ACOS;
            wk_tensor *m = random_tensor(dtype, 2, sizes, positive ? 0.01 : unit ? -0.99 : -4, unit ? 0.99 : 4);
            wk_tensor *t = transposed(m), *out = wk_tensor_new(dtype), *sp = filled(dtype, 1, (int64_t[]){8}, specials, 8);
            bool ok = true;
            for (int pass = 0; pass < 3 && ok; pass++) {
                const wk_tensor *in = pass == 0 ? m : pass == 1 ? t : sp;
                if (pass == 2 && (positive || unit || op == WK_CINV || op == WK_LOG1P)) continue;
                ok = wk_unary(out, in, op) == WK_OK;
                for (int64_t i = 0; ok && i < wk_tensor_numel(in); i++) {
                    double x = get_flat(in, i), want = unary_refs[op](x), got = get_flat(out, i);
                    if (!close_to(got, want, tolerance)) {
                        fprintf(stderr, "  unary op %d dtype %d: f(%.9g) = %.9g, want %.9g\n", op, dtype, x, got, want);
                        ok = false;
                    }
                }
            }
            CHECK(ok);
            wk_tensor_free(m), wk_tensor_free(t), wk_tensor_free(out), wk_tensor_free(sp);
        }
    }
}

/* The vectorised exp of floats (through wk_unary, so the loop the CPU really runs): every 61st
 * float from -110 to 110, about 2^25 of them, within 1 ulp of the correctly rounded result, and
 * the edges exact. */
static void test_exp_f32(void)
{
    enum { CHUNK = 1 << 20 };
    wk_tensor *in = tensor(WK_F32, 1, (int64_t[]){CHUNK}), *out = tensor(WK_F32, 1, (int64_t[]){CHUNK});
    float *x = wk_tensor_data(in), *y = wk_tensor_data(out);
    double worst = 0;
    float worst_at = 0;
    int64_t count = 0, wrong_edges = 0;
    for (int side = 0; side < 2; side++) {
        float from = side ? 0.0f : -0.0f, to = side ? 110.0f : -110.0f;
        uint32_t bits;
        memcpy(&bits, &from, 4);
        for (bool done = false; !done;) {
            int64_t n = 0;
            for (; n < CHUNK; n++, bits += 61) {
                memcpy(&x[n], &bits, 4);
                if (side ? x[n] > to : x[n] < to) {
                    done = true;
                    break;
                }
            }
            CHECK(wk_unary(out, in, WK_EXP) == WK_OK);
            for (int64_t i = 0; i < n; i++) {
                double want = exp((double)x[i]);
                float rounded = (float)want;
                if (rounded == 0 || isinf(rounded)) {
                    wrong_edges += y[i] != rounded && fabs(y[i] - want) > ldexp(1, -150);
                    continue;
                }
                double error = fabs(y[i] - want) / (nextafterf(rounded, INFINITY) - rounded);
                if (error > worst) worst = error, worst_at = x[i];
            }
            count += n;
        }
    }
    if (worst >= 1 || wrong_edges) fprintf(stderr, "  exp: %.3f ulp at %.9g, %lld wrong at the edges\n", worst, worst_at, (long long)wrong_edges);
    CHECK(worst < 1 && wrong_edges == 0 && count > 30000000);
    x[0] = NAN, x[1] = INFINITY, x[2] = -INFINITY, x[3] = 0, x[4] = 88.72f, x[5] = 88.73f;
    CHECK(wk_unary(out, in, WK_EXP) == WK_OK);
    CHECK(isnan(y[0]) && y[1] == INFINITY && y[2] == 0 && y[3] == 1 && y[4] == expf(88.72f) && isinf(y[5]));
    wk_tensor_free(in), wk_tensor_free(out);
}

/* ------------------------------------------------------------------------------------------- */
/* Integer semantics                                                                            */

static void test_integer_arithmetic(void)
{
    const int64_t four[1] = {4};
    /* division truncates toward zero; fmod has the dividend's sign, remainder the divisor's */
    wk_tensor *x = filled(WK_I32, 1, four, (double[]){7, -7, 7, -7}, 4);
    wk_tensor *y = filled(WK_I32, 1, four, (double[]){2, 2, -2, -2}, 4);
    wk_tensor *out = wk_tensor_new(WK_I32);
    CHECK(wk_binary(out, x, y, WK_DIV) == WK_OK && get(out, 0) == 3 && get(out, 1) == -3 && get(out, 2) == -3 &&
          get(out, 3) == 3);
    CHECK(wk_binary(out, x, y, WK_FMOD) == WK_OK && get(out, 0) == 1 && get(out, 1) == -1 && get(out, 2) == 1 &&
          get(out, 3) == -1);
    CHECK(wk_binary(out, x, y, WK_REMAINDER) == WK_OK && get(out, 0) == 1 && get(out, 1) == 1 &&
          get(out, 2) == -1 && get(out, 3) == -1);
    CHECK(wk_binary_scalar(out, x, 3, WK_RDIV) == WK_OK && get(out, 0) == 0 && get(out, 1) == 0);
    CHECK(wk_binary_scalar(out, x, 2.9, WK_DIV) == WK_OK && get(out, 0) == 3);   /* 2.9 is 2 as an int */

    /* division by zero is an error, not SIGFPE, and writes nothing */
    wk_tensor *zero = filled(WK_I32, 1, four, (double[]){1, 0, 1, 1}, 4);
    wk_tensor *copy = wk_tensor_new_clone(x);
    CHECK_FAILS(wk_binary(copy, copy, zero, WK_DIV), WK_EINVAL, "div: integer division by zero (a zero in 4 torch.IntTensor)");
    CHECK(get(copy, 0) == 7);
    CHECK_FAILS(wk_binary(out, x, zero, WK_FMOD), WK_EINVAL, "fmod: integer division by zero");
    CHECK_FAILS(wk_binary(out, x, zero, WK_REMAINDER), WK_EINVAL, "remainder: integer division by zero");
    CHECK_FAILS(wk_binary_scalar(out, x, 0, WK_DIV), WK_EINVAL, "div: integer division by zero");
    CHECK_FAILS(wk_binary_scalar(out, x, 0.5, WK_FMOD), WK_EINVAL, "fmod: integer division by zero");
    CHECK_FAILS(wk_binary_scalar(out, zero, 3, WK_RDIV), WK_EINVAL, "rdiv: integer division by zero");
    wk_tensor *bytes = filled(WK_U8, 1, four, (double[]){1, 2, 3, 4}, 4), *byte_out = wk_tensor_new(WK_U8);
    CHECK_FAILS(wk_binary_scalar(byte_out, bytes, 256, WK_DIV), WK_EINVAL, "integer division by zero (256 as");

    /* INT_MIN / -1 and INT_MIN % -1 would trap: they wrap and give 0 */
    int64_t min64 = INT64_MIN;
    wk_tensor *big = tensor(WK_I64, 1, (int64_t[]){1}), *minus1 = filled(WK_I64, 1, (int64_t[]){1}, (double[]){-1}, 1);
    wk_fill_i64(big, min64);
    wk_tensor *out64 = wk_tensor_new(WK_I64);
    CHECK(wk_binary(out64, big, minus1, WK_DIV) == WK_OK && *(int64_t *)wk_tensor_data(out64) == INT64_MIN);
    CHECK(wk_binary(out64, big, minus1, WK_FMOD) == WK_OK && *(int64_t *)wk_tensor_data(out64) == 0);
    CHECK(wk_binary(out64, big, minus1, WK_REMAINDER) == WK_OK && *(int64_t *)wk_tensor_data(out64) == 0);
    CHECK(wk_unary(out64, big, WK_ABS) == WK_OK && *(int64_t *)wk_tensor_data(out64) == INT64_MIN);
    CHECK(wk_binary(out64, big, big, WK_ADD) == WK_OK && *(int64_t *)wk_tensor_data(out64) == 0);
    CHECK(wk_binary_scalar(out64, big, -1, WK_MUL) == WK_OK && *(int64_t *)wk_tensor_data(out64) == INT64_MIN);

    /* wrap-around in the small types; uint8 takes -1 as 255 */
    wk_tensor *chars = filled(WK_I8, 1, four, (double[]){127, -128, 100, -100}, 4), *char_out = wk_tensor_new(WK_I8);
    CHECK(wk_binary_scalar(char_out, chars, 1, WK_ADD) == WK_OK && get(char_out, 0) == -128 && get(char_out, 1) == -127);
    CHECK(wk_unary(char_out, chars, WK_NEG) == WK_OK && get(char_out, 1) == -128 && get(char_out, 3) == 100);
    CHECK(wk_unary(char_out, chars, WK_SQUARE) == WK_OK && get(char_out, 2) == (int8_t)(uint8_t)(10000 & 255));
    CHECK(wk_binary_scalar(byte_out, bytes, -1, WK_ADD) == WK_OK && get(byte_out, 0) == 0 && get(byte_out, 3) == 3);
    CHECK(wk_unary(byte_out, bytes, WK_NEG) == WK_OK && get(byte_out, 0) == 255);
    CHECK(wk_unary(byte_out, bytes, WK_SIGN) == WK_OK && get(byte_out, 0) == 1);
    CHECK(wk_unary(char_out, chars, WK_SIGN) == WK_OK && get(char_out, 1) == -1 && get(char_out, 0) == 1);
    CHECK(wk_binary_scalar(out, x, 1e30, WK_ADD) == WK_EINVAL);
    CHECK(wk_binary_scalar(out, x, NAN, WK_ADD) == WK_EINVAL);

    /* pow: exact, wrapping; negative exponents refused */
    CHECK(wk_binary_scalar(out, x, 3, WK_POW) == WK_OK && get(out, 0) == 343 && get(out, 1) == -343);
    CHECK(wk_binary(out, y, y, WK_POW) == WK_EINVAL);                           /* -2 as an exponent */
    CHECK_FAILS(wk_binary_scalar(out, x, -1, WK_POW), WK_EINVAL, "pow: negative exponent -1 for 4 torch.IntTensor");
    CHECK(wk_binary_scalar(out, y, 3, WK_RPOW) == WK_EINVAL);
    wk_tensor *exps = filled(WK_I32, 1, four, (double[]){0, 1, 10, 31}, 4);
    CHECK(wk_binary_scalar(out, exps, 2, WK_RPOW) == WK_OK && get(out, 0) == 1 && get(out, 2) == 1024 &&
          get(out, 3) == INT32_MIN);
    CHECK_FAILS(wk_binary(out, x, y, WK_ATAN2), WK_EUNSUPPORTED, "atan2: needs a float or double tensor, got 4 torch.IntTensor");
    CHECK_FAILS(wk_unary(out, x, WK_EXP), WK_EUNSUPPORTED, "exp: needs a float or double tensor, got 4 torch.IntTensor");
    CHECK(wk_unary(out, x, WK_LOGICAL_NOT) == WK_OK && get(out, 0) == 0);

    /* every integer type, every op, against double arithmetic on small values */
    for (int32_t dtype = WK_U8; dtype <= WK_I64; dtype++) {
        wk_tensor *a = random_tensor(dtype, 2, (int64_t[]){13, 11}, dtype == WK_U8 ? 0 : -9, 10);
        wk_tensor *b = random_tensor(dtype, 2, (int64_t[]){13, 11}, 1, 7), *o = wk_tensor_new(dtype);
        const int32_t ops[] = {WK_ADD, WK_SUB, WK_MUL, WK_DIV, WK_FMOD, WK_REMAINDER, WK_MAX2, WK_MIN2, WK_POW};
        for (size_t k = 0; k < sizeof ops / sizeof *ops; k++) {
            int32_t op = ops[k];
            if (dtype == WK_U8 && op == WK_SUB) continue;
            if (op == WK_POW && dtype != WK_I64) continue;
            ref2 f = op == WK_DIV ? NULL : binary_refs[op];
            bool ok = wk_binary(o, a, b, op) == WK_OK;
            for (int64_t i = 0; ok && i < 143; i++) {
                double p = get_flat(a, i), q = get_flat(b, i);
                double want = f ? f(p, q) : trunc(p / q);
                if (get_flat(o, i) != want) {
                    fprintf(stderr, "  integer op %d dtype %d: f(%g, %g) = %g, want %g\n", op, dtype, p, q, get_flat(o, i), want);
                    ok = false;
                }
            }
            CHECK(ok);
        }
        wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(o);
    }
    wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(out), wk_tensor_free(zero), wk_tensor_free(copy);
    wk_tensor_free(bytes), wk_tensor_free(byte_out), wk_tensor_free(big), wk_tensor_free(minus1);
    wk_tensor_free(out64), wk_tensor_free(chars), wk_tensor_free(char_out), wk_tensor_free(exps);
}

/* ------------------------------------------------------------------------------------------- */
/* Comparisons, where, addcmul, addcdiv, lerp, clamp                                            */

static void test_compare(void)
{
    const int64_t five[1] = {5};
    wk_tensor *f = filled(WK_F32, 1, five, (double[]){1, 2, 3, NAN, -1}, 5);
    wk_tensor *g = filled(WK_F32, 1, five, (double[]){2, 2, 2, 2, 2}, 5);
    wk_tensor *mask = wk_tensor_new(WK_U8), *same = wk_tensor_new(WK_F32);
    CHECK(wk_compare(mask, f, g, WK_LT) == WK_OK && mask->dtype == WK_U8 && get(mask, 0) == 1 && get(mask, 1) == 0 &&
          get(mask, 3) == 0 && get(mask, 4) == 1);
    CHECK(wk_compare(same, f, g, WK_GE) == WK_OK && get(same, 1) == 1 && get(same, 3) == 0 && get(same, 0) == 0);
    CHECK(wk_compare_scalar(mask, f, 2, WK_NE) == WK_OK && get(mask, 1) == 0 && get(mask, 3) == 1);
    CHECK(wk_compare_scalar(mask, f, 2, WK_EQ) == WK_OK && get(mask, 1) == 1 && get(mask, 3) == 0);
    wk_tensor *wrong = wk_tensor_new(WK_I32);
    CHECK_FAILS(wk_compare(wrong, f, g, WK_LT), WK_EINVAL,
                "lt: the result must be a torch.ByteTensor or of the input's type (5 torch.FloatTensor), got empty torch.IntTensor");

    /* integers against reals: exact, and constant answers past the type's range */
    wk_tensor *i = filled(WK_I32, 1, five, (double[]){1, 2, 3, 4, 5}, 5);
    const struct { int32_t op; double s; double want[5]; } cases[] = {
        {WK_LT, 2.5, {1, 1, 0, 0, 0}}, {WK_LE, 2.5, {1, 1, 0, 0, 0}}, {WK_GT, 2.5, {0, 0, 1, 1, 1}},
        {WK_GE, 2.5, {0, 0, 1, 1, 1}}, {WK_EQ, 2.5, {0, 0, 0, 0, 0}}, {WK_NE, 2.5, {1, 1, 1, 1, 1}},
        {WK_EQ, 3, {0, 0, 1, 0, 0}}, {WK_GT, -1e300, {1, 1, 1, 1, 1}}, {WK_LT, 1e300, {1, 1, 1, 1, 1}},
        {WK_LT, NAN, {0, 0, 0, 0, 0}}, {WK_NE, NAN, {1, 1, 1, 1, 1}}, {WK_GE, INFINITY, {0, 0, 0, 0, 0}}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        bool ok = wk_compare_scalar(mask, i, cases[k].s, cases[k].op) == WK_OK && mask->sizes[0] == 5;
        for (int e = 0; ok && e < 5; e++) ok = get(mask, e) == cases[k].want[e];
        if (!ok) fprintf(stderr, "  compare case %zu\n", k);
        CHECK(ok);
    }
    wk_tensor *bytes = filled(WK_U8, 1, five, (double[]){0, 1, 200, 255, 7}, 5);
    CHECK(wk_compare_scalar(mask, bytes, -1, WK_GT) == WK_OK && get(mask, 0) == 1 && get(mask, 3) == 1);
    CHECK(wk_compare_scalar(mask, bytes, 255.5, WK_LT) == WK_OK && get(mask, 3) == 1);
    CHECK(wk_compare_scalar(mask, bytes, 199.5, WK_GT) == WK_OK && get(mask, 2) == 1 && get(mask, 4) == 0);

    /* a transposed comparison into a uint8 mask */
    wk_tensor *m = random_tensor(WK_F64, 2, (int64_t[]){70, 90}, -1, 1), *t = transposed(m);
    CHECK(wk_compare_scalar(mask, t, 0, WK_GT) == WK_OK && mask->sizes[0] == 90);
    bool ok = true;
    for (int64_t e = 0; e < 6300; e++) ok = ok && get_flat(mask, e) == (get_flat(t, e) > 0);
    CHECK(ok);
    wk_tensor_free(f), wk_tensor_free(g), wk_tensor_free(mask), wk_tensor_free(same), wk_tensor_free(wrong);
    wk_tensor_free(i), wk_tensor_free(bytes), wk_tensor_free(m), wk_tensor_free(t);
}

static void test_ternary(void)
{
    const int64_t three[1] = {3}, column[2] = {3, 1}, row[2] = {1, 3};
    wk_tensor *a = filled(WK_F64, 1, three, (double[]){1, 2, 3}, 3), *b = filled(WK_F64, 1, three, (double[]){4, 5, 6}, 3);
    wk_tensor *c = filled(WK_F64, 1, three, (double[]){2, 4, 8}, 3), *out = wk_tensor_new(WK_F64);
    CHECK(wk_addcmul(out, a, 0.5, b, c) == WK_OK && get(out, 0) == 5 && get(out, 2) == 27);
    CHECK(wk_addcdiv(out, a, 2, b, c) == WK_OK && get(out, 0) == 5 && get(out, 1) == 4.5 && get(out, 2) == 4.5);
    CHECK(wk_lerp(out, a, b, 0.25) == WK_OK && get(out, 0) == 1.75 && get(out, 2) == 3.75);
    CHECK(wk_lerp(out, a, b, 1) == WK_OK && get(out, 0) == 4 && get(out, 2) == 6);
    CHECK(wk_add_scaled(out, a, -3, b) == WK_OK && get(out, 0) == -11 && get(out, 2) == -15);

    /* where: broadcast condition, column and row */
    wk_tensor *cond = filled(WK_U8, 2, column, (double[]){1, 0, 1}, 3), *r = filled(WK_F64, 2, row, (double[]){10, 20, 30}, 3);
    CHECK(wk_where(out, cond, a, r) == WK_OK && out->ndim == 2 && out->sizes[0] == 3 && out->sizes[1] == 3);
    CHECK(get(out, 0) == 1 && get(out, 3) == 10 && get(out, 4) == 20 && get(out, 8) == 3);
    CHECK_FAILS(wk_where(out, a, a, b), WK_EINVAL, "where: the condition must be a torch.ByteTensor, got 3 torch.DoubleTensor");

    /* integers: addcdiv divides after scaling (Torch7's order) and refuses zero divisors */
    wk_tensor *ia = filled(WK_I32, 1, three, (double[]){1, 1, 1}, 3), *ib = filled(WK_I32, 1, three, (double[]){7, -7, 9}, 3);
    wk_tensor *ic = filled(WK_I32, 1, three, (double[]){2, 2, 0}, 3), *iout = wk_tensor_new(WK_I32);
    CHECK_FAILS(wk_addcdiv(iout, ia, 3, ib, ic), WK_EINVAL, "addcdiv: integer division by zero");
    wk_fill(ic, 4);
    CHECK(wk_addcdiv(iout, ia, 3, ib, ic) == WK_OK && get(iout, 0) == 6 && get(iout, 1) == -4 && get(iout, 2) == 7);
    CHECK(wk_addcmul(iout, ia, -1, ib, ic) == WK_OK && get(iout, 0) == -27);
    CHECK_FAILS(wk_lerp(iout, ia, ib, 0.5), WK_EUNSUPPORTED, "lerp: needs a float or double tensor");

    /* clamp: Torch7's order, infinite bounds, integer bounds rounded inward */
    wk_tensor *v = filled(WK_F32, 1, (int64_t[]){4}, (double[]){-5, 0.5, 5, NAN}, 4), *vo = wk_tensor_new(WK_F32);
    CHECK(wk_clamp(vo, v, 0, 1) == WK_OK && get(vo, 0) == 0 && get(vo, 1) == 0.5 && get(vo, 2) == 1 && isnan(get(vo, 3)));
    CHECK(wk_clamp(vo, v, -INFINITY, 2) == WK_OK && get(vo, 0) == -5 && get(vo, 2) == 2);
    CHECK(wk_clamp(vo, v, 3, 1) == WK_OK && get(vo, 0) == 3 && get(vo, 2) == 1);
    CHECK(wk_clamp(iout, ib, -6.5, 8.5) == WK_OK && get(iout, 0) == 7 && get(iout, 1) == -6 && get(iout, 2) == 8);
    wk_tensor *bytes = filled(WK_U8, 1, three, (double[]){0, 100, 255}, 3), *bo = wk_tensor_new(WK_U8);
    CHECK(wk_clamp(bo, bytes, -10, 300) == WK_OK && get(bo, 0) == 0 && get(bo, 2) == 255);
    CHECK(wk_clamp(bo, bytes, 50, INFINITY) == WK_OK && get(bo, 0) == 50 && get(bo, 2) == 255);

    wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(c), wk_tensor_free(out), wk_tensor_free(cond);
    wk_tensor_free(r), wk_tensor_free(ia), wk_tensor_free(ib), wk_tensor_free(ic), wk_tensor_free(iout);
    wk_tensor_free(v), wk_tensor_free(vo), wk_tensor_free(bytes), wk_tensor_free(bo);
}

/* ------------------------------------------------------------------------------------------- */
/* Shapes, resizing, threads and errors                                                         */

static void test_shapes(void)
{
    const double ones[1] = {1};
    wk_tensor *m = filled(WK_F32, 2, (int64_t[]){2, 2}, ones, 1), *v = filled(WK_F32, 1, (int64_t[]){4}, ones, 1);
    wk_tensor *out = wk_tensor_new(WK_F32);

    /* Torch7's rule: same element count, no broadcast: the first input's shape */
    CHECK(wk_binary(out, m, v, WK_ADD) == WK_OK && out->ndim == 2 && get(out, 3) == 2);
    CHECK(wk_binary(m, m, v, WK_ADD) == WK_OK && m->ndim == 2 && get(m, 3) == 2);
    /* in place, a broadcast that would grow the output falls back to the same rule: 4x1 + 4 */
    wk_tensor *col = filled(WK_F32, 2, (int64_t[]){4, 1}, (double[]){1, 2, 3, 4}, 4);
    wk_tensor *vec = filled(WK_F32, 1, (int64_t[]){4}, (double[]){10, 20, 30, 40}, 4);
    CHECK(wk_binary(col, col, vec, WK_ADD) == WK_OK && col->ndim == 2 && col->sizes[0] == 4 && col->sizes[1] == 1 &&
          get(col, 1) == 22);
    /* out of place it broadcasts: 4x4 */
    CHECK(wk_binary(out, col, vec, WK_ADD) == WK_OK && out->ndim == 2 && out->sizes[1] == 4 && get(out, 1) == 31);
    wk_tensor *three = filled(WK_F32, 1, (int64_t[]){3}, ones, 1), *row = filled(WK_F32, 2, (int64_t[]){1, 3}, ones, 1);
    CHECK_FAILS(wk_binary(out, m, three, WK_MUL), WK_ESHAPE, "mul: sizes do not match: 2x2 torch.FloatTensor and 3 torch.FloatTensor");
    CHECK_FAILS(wk_binary(row, row, col, WK_ADD), WK_ESHAPE, "add: sizes do not match: the result would be larger than 1x3");
    wk_tensor *dbl = wk_tensor_new(WK_F64);
    CHECK_FAILS(wk_binary(dbl, m, m, WK_ADD), WK_EINVAL, "add: types differ: 2x2 torch.FloatTensor and empty torch.DoubleTensor");
    wk_tensor *half = tensor(WK_F16, 1, (int64_t[]){4});
    CHECK_FAILS(wk_unary(half, half, WK_NEG), WK_EUNSUPPORTED, "neg: 4 torch.HalfTensor is a storage format");
    CHECK_FAILS(wk_unary(out, m, 99), WK_EINVAL, "unary: unknown operation 99");
    CHECK_FAILS(wk_binary(out, m, m, -1), WK_EINVAL, "binary: unknown operation -1");

    /* empty tensors, zero-size dims, 0-d scalars */
    wk_tensor *e1 = wk_tensor_new(WK_F32), *e2 = wk_tensor_new(WK_F32);
    CHECK(wk_binary(out, e1, e2, WK_ADD) == WK_OK && out->ndim == 0 && !out->storage);
    CHECK(wk_unary(e1, e1, WK_EXP) == WK_OK && wk_binary_scalar(e1, e1, 2, WK_MUL) == WK_OK && !e1->storage);
    CHECK(wk_binary(out, e1, m, WK_ADD) == WK_ESHAPE);
    wk_tensor *z = tensor(WK_F32, 2, (int64_t[]){0, 3});
    CHECK(wk_binary(out, z, row, WK_ADD) == WK_OK && out->ndim == 2 && out->sizes[0] == 0 && out->sizes[1] == 3);
    wk_tensor *s = filled(WK_F32, 0, NULL, (double[]){3}, 1), *s_out = wk_tensor_new(WK_F32);
    CHECK(wk_binary(s_out, s, s, WK_MUL) == WK_OK && s_out->ndim == 0 && s_out->storage && get(s_out, 0) == 9);
    CHECK(wk_binary(out, s, v, WK_ADD) == WK_OK && out->ndim == 1 && get(out, 0) == 4);

    /* out keeps its storage when its shape is right, and a strided out is written through */
    wk_tensor *o = wk_tensor_new(WK_F32);
    wk_binary(o, m, m, WK_ADD);
    void *storage = o->storage, *data = wk_tensor_data(o);
    CHECK(wk_binary(o, m, m, WK_MUL) == WK_OK && o->storage == storage && wk_tensor_data(o) == data);
    wk_tensor *big = tensor(WK_F32, 2, (int64_t[]){4, 4}), *window = wk_tensor_new_alias(big);
    wk_fill(big, -1);
    wk_tensor_narrow(window, 1, 1, 2), wk_tensor_narrow(window, 0, 1, 2);
    CHECK(wk_binary_scalar(window, m, 5, WK_ADD) == WK_OK && window->strides[0] == 4 && get(big, 5) == 7 &&
          get(big, 4) == -1 && get(big, 11) == -1 && get(big, 10) == 7);

    wk_tensor_free(m), wk_tensor_free(v), wk_tensor_free(out), wk_tensor_free(col), wk_tensor_free(vec);
    wk_tensor_free(three), wk_tensor_free(row), wk_tensor_free(dbl), wk_tensor_free(half), wk_tensor_free(e1);
    wk_tensor_free(e2), wk_tensor_free(z), wk_tensor_free(s), wk_tensor_free(s_out), wk_tensor_free(o);
    wk_tensor_free(big), wk_tensor_free(window);
}

/* Sizes past the threading grain, contiguous (the fast path) and transposed (tiles), 3-d too. */
static void test_threads_and_tiles(void)
{
    wk_set_num_threads(2);
    const int64_t sizes[2] = {523, 389}, flipped[2] = {389, 523};
    wk_tensor *a = random_tensor(WK_F32, 2, sizes, -2, 2), *bt = random_tensor(WK_F32, 2, flipped, -2, 2);
    wk_tensor *b = transposed(bt), *out = wk_tensor_new(WK_F32);
    CHECK(wk_binary(out, a, a, WK_MUL) == WK_OK && matches2(out, a, a, r_mul, 1e-7));
    CHECK(wk_binary(out, a, b, WK_SUB) == WK_OK && matches2(out, a, b, r_sub, 1e-7));
    CHECK(wk_binary(out, b, b, WK_ADD) == WK_OK && matches2(out, b, b, r_add, 1e-7));
    wk_tensor *ot = tensor(WK_F32, 2, flipped), *o = transposed(ot);   /* a transposed output */
    CHECK(wk_binary(o, a, a, WK_ADD) == WK_OK && matches2(o, a, a, r_add, 1e-7));
    CHECK(wk_unary(out, b, WK_EXP) == WK_OK);
    bool ok = true;
    for (int64_t i = 0; i < 523 * 389 && ok; i++) ok = close_to(get_flat(out, i), exp(get_flat(b, i)), 2e-7);
    CHECK(ok);

    /* 3-d: a permuted input, (5, 300, 200) read from a (200, 5, 300) buffer */
    wk_tensor *raw = random_tensor(WK_F64, 3, (int64_t[]){200, 5, 300}, -1, 1), *p = wk_tensor_new_alias(raw);
    wk_tensor_permute(p, (int32_t[]){1, 2, 0});
    wk_tensor *q = random_tensor(WK_F64, 3, (int64_t[]){5, 300, 200}, -1, 1), *o3 = wk_tensor_new(WK_F64);
    CHECK(wk_binary(o3, p, q, WK_MAX2) == WK_OK && o3->sizes[0] == 5 && matches2(o3, p, q, r_max, 0));
    wk_set_num_threads(1);
    CHECK(wk_binary(o3, q, p, WK_ATAN2) == WK_OK && matches2(o3, q, p, r_atan2, 1e-15));
    wk_set_num_threads(2);

    /* Past 32 MB the output is written with streaming stores: an output starting off its
     * 16-byte alignment, and an in-place one (which does not stream). */
    {
        int64_t n = 3000001;
        wk_tensor *x = random_tensor(WK_F32, 1, (int64_t[]){n}, -1, 1), *y = random_tensor(WK_F32, 1, (int64_t[]){n}, -1, 1);
        wk_tensor *big = tensor(WK_F32, 1, (int64_t[]){n + 1}), *o = wk_tensor_new_alias(big);
        wk_tensor_narrow(o, 0, 1, n);
        wk_fill(big, 7);
        CHECK(wk_binary(o, x, y, WK_SUB) == WK_OK && matches2(o, x, y, r_sub, 1e-7) && get(big, 0) == 7);
        wk_tensor *copy = wk_tensor_new_clone(x);
        CHECK(wk_binary(copy, copy, y, WK_MUL) == WK_OK && matches2(copy, x, y, r_mul, 1e-7));
        CHECK(wk_unary(o, y, WK_EXP) == WK_OK && get(big, 0) == 7);
        ok = true;
        for (int64_t i = 0; i < n && ok; i += 7) ok = close_to(get_flat(o, i), exp(get_flat(y, i)), 2e-7);
        CHECK(ok);
        wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(big), wk_tensor_free(o), wk_tensor_free(copy);
    }

    /* A transposed input past 32 MB: the tiles' output rows go out by streaming stores. */
    {
        wk_tensor *xs = tensor(WK_F32, 2, (int64_t[]){1500, 2003}), *x = transposed(xs);
        wk_tensor *y = tensor(WK_F32, 2, (int64_t[]){2003, 1500}), *o = wk_tensor_new(WK_F32);
        float *xp = wk_tensor_data(xs), *yp = wk_tensor_data(y);
        for (int64_t i = 0; i < 1500 * 2003; i++) xp[i] = (float)(i % 1000), yp[i] = (float)(i % 7);
        CHECK(wk_binary(o, x, y, WK_ADD) == WK_OK && o->sizes[0] == 2003 && o->sizes[1] == 1500);
        const float *op = wk_tensor_data(o);
        ok = true;
        for (int64_t r = 0; r < 2003 && ok; r += 13)
            for (int64_t c = 0; c < 1500 && ok; c += 7) ok = op[r * 1500 + c] == xp[c * 2003 + r] + yp[r * 1500 + c];
        CHECK(ok);
        wk_tensor_free(xs), wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(o);
    }

    /* Every element size through the transposing tiles, inputs and output column-major, sizes
     * that leave partial blocks: (45, 37) viewed from (37, 45) buffers. */
    for (int32_t dtype = WK_U8; dtype <= WK_F64; dtype++) {
        wk_tensor *xs = random_tensor(dtype, 2, (int64_t[]){37, 45}, 0, 50), *x = transposed(xs);
        wk_tensor *y = random_tensor(dtype, 2, (int64_t[]){45, 37}, 0, 50);
        wk_tensor *os = tensor(dtype, 2, (int64_t[]){37, 45}), *ov = transposed(os), *mask = tensor(WK_U8, 2, (int64_t[]){37, 45});
        wk_tensor *mv = transposed(mask);
        bool ok = wk_binary(ov, x, y, WK_ADD) == WK_OK && matches2(ov, x, y, r_add, 1e-6);
        ok = ok && wk_binary(ov, y, x, WK_MAX2) == WK_OK && matches2(ov, y, x, r_max, 0);
        ok = ok && wk_compare(mv, x, y, WK_LT) == WK_OK;
        for (int64_t i = 0; ok && i < 45 * 37; i++) ok = get_flat(mv, i) == (get_flat(x, i) < get_flat(y, i));
        if (!ok) fprintf(stderr, "  transposed tiles, dtype %d\n", dtype);
        CHECK(ok);
        wk_tensor_free(xs), wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(os), wk_tensor_free(ov);
        wk_tensor_free(mask), wk_tensor_free(mv);
    }
    wk_tensor_free(a), wk_tensor_free(bt), wk_tensor_free(b), wk_tensor_free(out), wk_tensor_free(ot);
    wk_tensor_free(o), wk_tensor_free(raw), wk_tensor_free(p), wk_tensor_free(q), wk_tensor_free(o3);
}

int main(void)
{
    test_binary_floats();
    test_unary_floats();
    test_exp_f32();
    test_integer_arithmetic();
    test_compare();
    test_ternary();
    test_shapes();
    test_threads_and_tiles();
    return check_summary("elementwise_test");
}
