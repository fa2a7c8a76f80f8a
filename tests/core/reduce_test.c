/* reduce_test.c — reductions (reduce.c) and order statistics (sort.c): values against hand-computed
 * ones and against a naive reference over every layout the kernels special-case (contiguous
 * lines, columns, strided, more than 256 columns), thread-count independence, accuracy,
 * NaN, empty tensors, aliasing, and the error messages. */
#include "check.h"
#include "internal.h"
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

static wk_tensor *make(int32_t dtype, int32_t ndim, const int64_t *sizes, const double *values)
{
    wk_tensor *t = wk_tensor_new_sized(dtype, ndim, sizes);
    int64_t n = wk_tensor_numel(t);
    wk_tensor *d = wk_tensor_new_sized(WK_F64, ndim, sizes);
    for (int64_t i = 0; i < n; i++) ((double *)wk_tensor_data(d))[i] = values ? values[i] : 0;
    wk_copy(t, d);
    wk_tensor_free(d);
    return t;
}

/* Element i (row-major) of any tensor, as double. */
static double at(const wk_tensor *t, int64_t i)
{
    int64_t offset = 0;
    for (int32_t d = t->ndim - 1; d >= 0; d--) {
        offset += (i % t->sizes[d]) * t->strides[d];
        i /= t->sizes[d];
    }
    const char *p = (const char *)wk_tensor_data(t) + offset * wk_dtype_size(t->dtype);
    switch (t->dtype) {
    case WK_U8: return *(const uint8_t *)p;
    case WK_I8: return *(const int8_t *)p;
    case WK_I16: return *(const int16_t *)p;
    case WK_I32: return *(const int32_t *)p;
    case WK_I64: return (double)*(const int64_t *)p;
    case WK_F32: return *(const float *)p;
    default: return *(const double *)p;
    }
}

/* v converted to dtype as C converts integers: wrapping */
static double as_dtype(double v, int32_t dtype)
{
    switch (dtype) {
    case WK_U8: return (uint8_t)(int64_t)v;
    case WK_I8: return (int8_t)(int64_t)v;
    case WK_I16: return (int16_t)(int64_t)v;
    case WK_I32: return (int32_t)(int64_t)v;
    default: return v;
    }
}

static bool close_to(double a, double b, double tolerance)
{
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    if (isinf(a) || isinf(b)) return a == b;
    return fabs(a - b) <= tolerance * (1 + fabs(b));
}

static uint64_t rng = 88172645463325252ull;
static double uniform(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

/* ------------------------------------------------------------------------------------------- */

static void test_whole_tensor_every_dtype(void)
{
    const double v[6] = {3, 1, 4, 1, 5, 9};
    for (int32_t dtype = WK_U8; dtype <= WK_F64; dtype++) {
        wk_tensor *t = make(dtype, 2, (int64_t[]){2, 3}, v);
        double r;
        CHECK(wk_reduce_all(&r, t, WK_RSUM, 0) == WK_OK && r == 23);
        CHECK(wk_reduce_all(&r, t, WK_RPROD, 0) == WK_OK && r == 540);
        CHECK(wk_reduce_all(&r, t, WK_RMEAN, 0) == WK_OK && close_to(r, 23.0 / 6, 1e-12));
        CHECK(wk_reduce_all(&r, t, WK_RMAX, 0) == WK_OK && r == 9);
        CHECK(wk_reduce_all(&r, t, WK_RMIN, 0) == WK_OK && r == 1);
        CHECK(wk_reduce_all(&r, t, WK_RALL, 0) == WK_OK && r == 1);
        CHECK(wk_reduce_all(&r, t, WK_RANY, 0) == WK_OK && r == 1);
        wk_tensor_free(t);
    }
    /* int64 sums stay exact past 2^53 */
    wk_tensor *big = make(WK_I64, 1, (int64_t[]){3}, NULL);
    int64_t *p = wk_tensor_data(big);
    p[0] = (INT64_C(1) << 60) + 1, p[1] = 1, p[2] = -(INT64_C(1) << 60);
    wk_tensor *out = wk_tensor_new(WK_I64);
    CHECK(wk_reduce_dim(out, NULL, big, 0, WK_RSUM, 0, 0) == WK_OK && *(int64_t *)wk_tensor_data(out) == 2);
    wk_tensor_free(big), wk_tensor_free(out);
    /* int8 sums do not wrap at 8 bits */
    double many[300];
    for (int i = 0; i < 300; i++) many[i] = 100;
    wk_tensor *bytes = make(WK_I8, 1, (int64_t[]){300}, many);
    double r;
    CHECK(wk_reduce_all(&r, bytes, WK_RSUM, 0) == WK_OK && r == 30000);
    wk_tensor_free(bytes);
}

static void test_float_ops(void)
{
    const double v[4] = {3, -4, 0, 12};
    for (int32_t dtype = WK_F32; dtype <= WK_F64; dtype++) {
        wk_tensor *t = make(dtype, 1, (int64_t[]){4}, v);
        double r;
        CHECK(wk_reduce_all(&r, t, WK_RNORM, 2) == WK_OK && close_to(r, 13, 1e-12));
        CHECK(wk_reduce_all(&r, t, WK_RNORM, 1) == WK_OK && r == 19);
        CHECK(wk_reduce_all(&r, t, WK_RNORM, 0) == WK_OK && r == 3);
        CHECK(wk_reduce_all(&r, t, WK_RNORM, INFINITY) == WK_OK && r == 12);
        CHECK(wk_reduce_all(&r, t, WK_RNORM, -INFINITY) == WK_OK && r == 0);
        CHECK(wk_reduce_all(&r, t, WK_RNORM, 3) == WK_OK && close_to(r, cbrt(27 + 64 + 1728), 1e-12));
        /* mean 11/4; squared deviations sum to 138.75 */
        CHECK(wk_reduce_all(&r, t, WK_RVAR, 0) == WK_OK && close_to(r, 138.75 / 3, 1e-12));
        CHECK(wk_reduce_all(&r, t, WK_RVAR, 1) == WK_OK && close_to(r, 138.75 / 4, 1e-12));
        CHECK(wk_reduce_all(&r, t, WK_RSTD, 0) == WK_OK && close_to(r, sqrt(138.75 / 3), 1e-12));
        CHECK(wk_reduce_all(&r, t, WK_RLOGSUMEXP, 0) == WK_OK &&
              close_to(r, log(exp(3) + exp(-4) + 1 + exp(12)), 1e-12));
        CHECK(wk_reduce_all(&r, t, WK_RALL, 0) == WK_OK && r == 0);
        wk_tensor_free(t);
    }
    /* logsumexp is stable: exp(1000) overflows, the result does not */
    wk_tensor *huge = make(WK_F64, 1, (int64_t[]){2}, (double[]){1000, 1000});
    double r;
    CHECK(wk_reduce_all(&r, huge, WK_RLOGSUMEXP, 0) == WK_OK && close_to(r, 1000 + log(2), 1e-14));
    wk_tensor *minf = make(WK_F64, 1, (int64_t[]){2}, (double[]){-INFINITY, -INFINITY});
    CHECK(wk_reduce_all(&r, minf, WK_RLOGSUMEXP, 0) == WK_OK && r == -INFINITY);
    wk_tensor_free(huge), wk_tensor_free(minf);
}

static void test_nan_and_empty(void)
{
    wk_tensor *t = make(WK_F32, 1, (int64_t[]){5}, (double[]){1, NAN, 7, NAN, -2});
    double r;
    CHECK(wk_reduce_all(&r, t, WK_RMAX, 0) == WK_OK && isnan(r));
    CHECK(wk_reduce_all(&r, t, WK_RMIN, 0) == WK_OK && isnan(r));
    CHECK(wk_reduce_all(&r, t, WK_RSUM, 0) == WK_OK && isnan(r));
    wk_tensor *values = wk_tensor_new(WK_F32), *indices = wk_tensor_new(WK_I64);
    CHECK(wk_reduce_dim(values, indices, t, 0, WK_RMAX, 0, 1) == WK_OK);
    CHECK(isnan(at(values, 0)) && at(indices, 0) == 2);   /* the first NaN, 1-based */
    /* a strided line takes the other path */
    wk_tensor *strided = wk_tensor_new_alias(t);
    wk_tensor_set(strided, t->storage, 0, 1, (int64_t[]){3}, (int64_t[]){2});   /* 1, 7, -2 */
    CHECK(wk_reduce_dim(values, indices, strided, 0, WK_RMIN, 0, 0) == WK_OK && at(values, 0) == -2 &&
          at(indices, 0) == 2);
    wk_tensor_set(strided, t->storage, 1, 1, (int64_t[]){2}, (int64_t[]){2});   /* NaN, NaN */
    CHECK(wk_reduce_dim(values, indices, strided, 0, WK_RMAX, 0, 0) == WK_OK && isnan(at(values, 0)) &&
          at(indices, 0) == 0);

    /* long lines are searched piece by piece: the first of equal maxima, the first NaN */
    int64_t n = 1000;
    wk_tensor *line = make(WK_F32, 1, &n, NULL);
    float *lp = wk_tensor_data(line);
    lp[100] = 5, lp[600] = 5;
    CHECK(wk_reduce_dim(values, indices, line, 0, WK_RMAX, 0, 0) == WK_OK && at(values, 0) == 5 &&
          at(indices, 0) == 100);
    lp[700] = NAN, lp[900] = NAN;
    CHECK(wk_reduce_dim(values, indices, line, 0, WK_RMAX, 0, 0) == WK_OK && isnan(at(values, 0)) &&
          at(indices, 0) == 700);
    lp[300] = -1, lp[999] = -1;
    CHECK(wk_reduce_dim(values, indices, line, 0, WK_RMIN, 0, 0) == WK_OK && isnan(at(values, 0)));
    lp[700] = 0, lp[900] = 0;
    CHECK(wk_reduce_dim(values, indices, line, 0, WK_RMIN, 0, 0) == WK_OK && at(values, 0) == -1 &&
          at(indices, 0) == 300);
    wk_tensor_free(line);

    wk_tensor *empty = wk_tensor_new(WK_F32);
    CHECK(wk_reduce_all(&r, empty, WK_RSUM, 0) == WK_OK && r == 0);
    CHECK(wk_reduce_all(&r, empty, WK_RPROD, 0) == WK_OK && r == 1);
    CHECK_FAILS(wk_reduce_all(&r, empty, WK_RMAX, 0), WK_EINVAL, "max: ");
    wk_tensor *zero_rows = make(WK_F32, 2, (int64_t[]){0, 3}, NULL);
    wk_tensor *out = wk_tensor_new(WK_F32);
    CHECK(wk_reduce_dim(out, NULL, zero_rows, 0, WK_RSUM, 0, 0) == WK_OK && out->ndim == 2 && out->sizes[0] == 1 &&
          out->sizes[1] == 3 && at(out, 2) == 0);
    CHECK(wk_reduce_dim(out, NULL, zero_rows, 0, WK_RPROD, 0, 0) == WK_OK && at(out, 1) == 1);
    CHECK_FAILS(wk_reduce_dim(out, indices, zero_rows, 0, WK_RMAX, 0, 0), WK_EINVAL, "dimension 1 of 0x3");
    CHECK(wk_reduce_dim(out, NULL, zero_rows, 1, WK_RSUM, 0, 0) == WK_OK && out->sizes[0] == 0 && out->sizes[1] == 1);
    wk_tensor_free(t), wk_tensor_free(values), wk_tensor_free(indices), wk_tensor_free(strided);
    wk_tensor_free(empty), wk_tensor_free(zero_rows), wk_tensor_free(out);
}

static void test_accuracy_and_threads(void)
{
    int64_t n = 3000001;
    wk_tensor *t = make(WK_F32, 1, &n, NULL);
    float *p = wk_tensor_data(t);
    double exact = 0;
    for (int64_t i = 0; i < n; i++) {
        p[i] = (float)(uniform() * 2 - 0.5);
        exact += p[i];
    }
    int32_t saved = wk_get_num_threads();
    double results[4];
    for (int threads = 1; threads <= 4; threads++) {
        wk_set_num_threads(threads);
        CHECK(wk_reduce_all(&results[threads - 1], t, WK_RSUM, 0) == WK_OK);
    }
    wk_set_num_threads(saved);
    if (!close_to(results[0], exact, 1e-9)) fprintf(stderr, "sum %.17g, exact %.17g\n", results[0], exact);
    CHECK(close_to(results[0], exact, 1e-9));          /* float lanes folded into double */
    CHECK(results[0] == results[1] && results[1] == results[2] && results[2] == results[3]);

    /* the same on a transposed view (the iterator's strided path) */
    wk_tensor *m = wk_tensor_new_alias(t);
    wk_tensor_set(m, t->storage, 0, 2, (int64_t[]){1000, 3000}, (int64_t[]){1, 1000});
    double a, b;
    wk_set_num_threads(1);
    CHECK(wk_reduce_all(&a, m, WK_RSUM, 0) == WK_OK);
    wk_set_num_threads(2);
    CHECK(wk_reduce_all(&b, m, WK_RSUM, 0) == WK_OK);
    wk_set_num_threads(saved);
    CHECK(a == b);
    wk_tensor_free(t), wk_tensor_free(m);
}

/* ------------------------------------------------------------------------------------------- */
/* Along a dim, against a reference                                                             */

static double reference(int32_t op, double p, const double *x, int64_t n, int64_t *index)
{
    double s = 0, best = x[0];
    *index = 0;
    switch (op) {
    case WK_RSUM: case WK_RMEAN:
        for (int64_t i = 0; i < n; i++) s += x[i];
        return op == WK_RSUM ? s : s / n;
    case WK_RPROD:
        s = 1;
        for (int64_t i = 0; i < n; i++) s *= x[i];
        return s;
    case WK_RMAX: case WK_RMIN:
        for (int64_t i = 1; i < n; i++)
            if (op == WK_RMAX ? x[i] > best : x[i] < best) best = x[i], *index = i;
        return best;
    case WK_RNORM:
        for (int64_t i = 0; i < n; i++) s += pow(fabs(x[i]), p);
        return pow(s, 1 / p);
    case WK_RVAR: case WK_RSTD: {
        double mean = 0;
        for (int64_t i = 0; i < n; i++) mean += x[i] / n;
        for (int64_t i = 0; i < n; i++) s += (x[i] - mean) * (x[i] - mean);
        s /= (p != 0 ? n : n - 1);
        return op == WK_RVAR ? s : sqrt(s);
    }
    case WK_RLOGSUMEXP:
        for (int64_t i = 0; i < n; i++) s += exp(x[i]);
        return log(s);
    case WK_RALL:
        for (int64_t i = 0; i < n; i++) if (x[i] == 0) return 0;
        return 1;
    default:
        for (int64_t i = 0; i < n; i++) if (x[i] != 0) return 1;
        return 0;
    }
}

/* Reduces every dim of a 3-d tensor (contiguous, and permuted) with every op, for each dtype. */
static void check_against_reference(int32_t dtype, const int64_t *sizes, const int32_t *perm)
{
    bool is_float = dtype >= WK_F32;
    int64_t n = sizes[0] * sizes[1] * sizes[2];
    double *v = malloc((size_t)n * sizeof *v);
    for (int64_t i = 0; i < n; i++)
        v[i] = is_float ? uniform() * 4 - 1 : floor(uniform() * 5) - (dtype == WK_U8 ? 0 : 2);
    wk_tensor *base = make(dtype, 3, sizes, v);
    wk_tensor *t = wk_tensor_new_alias(base);
    wk_tensor_permute(t, perm);
    wk_tensor *out = wk_tensor_new(dtype), *indices = wk_tensor_new(WK_I64);
    double line[1024];
    for (int32_t op = 0; op < WK_REDUCE_COUNT; op++) {
        bool float_only = op == WK_RNORM || op == WK_RVAR || op == WK_RSTD || op == WK_RLOGSUMEXP;
        if (float_only && !is_float) continue;
        if (op == WK_RPROD && is_float) continue;     /* products of 100 uniforms underflow: tested apart */
        for (int32_t dim = 0; dim < 3; dim++) {
            double p = op == WK_RNORM ? 3 : op == WK_RVAR || op == WK_RSTD ? dim % 2 : 0;
            int rc = wk_reduce_dim(out, op == WK_RMAX || op == WK_RMIN ? indices : NULL, t, dim, op, p, 1);
            CHECK(rc == WK_OK);
            int64_t len = t->sizes[dim], outer = wk_tensor_numel(out);
            bool ok = out->sizes[dim] == 1;
            for (int64_t o = 0; o < outer && ok; o++) {
                int64_t idx[3] = {o / (out->sizes[1] * out->sizes[2]), o / out->sizes[2] % out->sizes[1],
                                  o % out->sizes[2]};
                for (int64_t i = 0; i < len; i++) {
                    int64_t j[3] = {idx[0], idx[1], idx[2]};
                    j[dim] = i;
                    line[i] = at(t, (j[0] * t->sizes[1] + j[1]) * t->sizes[2] + j[2]);
                }
                int64_t want_index;
                double want = reference(op, p, line, len, &want_index);
                if (!is_float && op == WK_RPROD) {      /* integers multiply modulo 2^64 */
                    uint64_t product = 1;
                    for (int64_t i = 0; i < len; i++) product *= (uint64_t)(int64_t)line[i];
                    want = (double)(int64_t)product;
                }
                if (!is_float && op == WK_RMEAN) want = trunc(want * (1 + 1e-15));
                want = as_dtype(want, dtype);
                double tolerance = dtype == WK_F32 ? 1e-5 : 1e-12;
                if (!close_to(at(out, o), want, is_float ? tolerance : 0)) ok = false;
                if ((op == WK_RMAX || op == WK_RMIN) && at(indices, o) != want_index + 1) ok = false;
                if (!ok)
                    fprintf(stderr, "op %d dtype %d dim %d output %lld: %g, expected %g\n", op, dtype, dim,
                            (long long)o, at(out, o), want);
            }
            CHECK(ok);
        }
    }
    free(v);
    wk_tensor_free(base), wk_tensor_free(t), wk_tensor_free(out), wk_tensor_free(indices);
}

static void test_dims_against_reference(void)
{
    const int64_t shapes[3][3] = {{3, 4, 5}, {7, 1, 300}, {300, 2, 3}};
    const int32_t perms[3][3] = {{0, 1, 2}, {2, 0, 1}, {1, 2, 0}};
    for (int32_t dtype = WK_U8; dtype <= WK_F64; dtype++)
        for (int s = 0; s < 3; s++)
            for (int q = 0; q < 3; q++) check_against_reference(dtype, shapes[s], perms[q]);
}

static void test_dim_forms(void)
{
    /* 2x3 [[1 2 3] [4 5 6]] */
    const double v[6] = {1, 2, 3, 4, 5, 6};
    wk_tensor *t = make(WK_F64, 2, (int64_t[]){2, 3}, v);
    wk_tensor *out = wk_tensor_new(WK_F64), *indices = wk_tensor_new(WK_I64);
    CHECK(wk_reduce_dim(out, NULL, t, 0, WK_RSUM, 0, 1) == WK_OK && out->ndim == 2 && out->sizes[0] == 1 &&
          at(out, 0) == 5 && at(out, 2) == 9);
    CHECK(wk_reduce_dim(out, NULL, t, 1, WK_RPROD, 0, 1) == WK_OK && out->sizes[1] == 1 && at(out, 1) == 120);
    CHECK(wk_reduce_dim(out, indices, t, 1, WK_RMIN, 0, 1) == WK_OK && at(indices, 1) == 1 && at(out, 1) == 4);
    /* ties: the first index, as Torch7 */
    wk_tensor *ties = make(WK_I32, 1, (int64_t[]){5}, (double[]){2, 7, 7, 1, 7});
    wk_tensor *iout = wk_tensor_new(WK_I32);
    CHECK(wk_reduce_dim(iout, indices, ties, 0, WK_RMAX, 0, 0) == WK_OK && at(iout, 0) == 7 && at(indices, 0) == 1);
    /* integer mean truncates toward zero in the integer type */
    CHECK(wk_reduce_dim(iout, NULL, ties, 0, WK_RMEAN, 0, 0) == WK_OK && at(iout, 0) == 4);
    /* in place: out is the input */
    wk_tensor *same = wk_tensor_new_clone(t);
    CHECK(wk_reduce_dim(same, NULL, same, 1, WK_RSUM, 0, 0) == WK_OK && same->sizes[0] == 2 && same->sizes[1] == 1 &&
          at(same, 0) == 6 && at(same, 1) == 15);
    /* a non-contiguous out of the right shape keeps its strides */
    wk_tensor *wide = make(WK_F64, 2, (int64_t[]){2, 2}, NULL);
    wk_tensor *column = wk_tensor_new_alias(wide);
    wk_tensor_narrow(column, 1, 1, 1);
    CHECK(wk_reduce_dim(column, NULL, t, 1, WK_RMAX, 0, 0) == WK_OK && column->strides[0] == 2 &&
          ((double *)wk_tensor_data(wide))[1] == 3 && ((double *)wk_tensor_data(wide))[3] == 6);
    /* a scalar reduces along dim 0 to itself */
    wk_tensor *scalar = make(WK_F32, 0, NULL, (double[]){2.5});
    wk_tensor *fout = wk_tensor_new(WK_F32);
    CHECK(wk_reduce_dim(fout, NULL, scalar, 0, WK_RSUM, 0, 0) == WK_OK && fout->ndim == 0 && at(fout, 0) == 2.5);
    /* float products through double */
    wk_tensor *f = make(WK_F32, 2, (int64_t[]){2, 2}, (double[]){1.5, 2, -3, 4});
    CHECK(wk_reduce_dim(fout, NULL, f, 0, WK_RPROD, 0, 0) == WK_OK && at(fout, 0) == -4.5 && at(fout, 1) == 8);
    CHECK(wk_reduce_dim(fout, NULL, f, 1, WK_RPROD, 0, 0) == WK_OK && at(fout, 0) == 3 && at(fout, 1) == -12);

    /* one long line goes the whole-tensor way, over the threads */
    int64_t long_n = 200001;
    wk_tensor *longs = make(WK_I32, 2, (int64_t[]){1, long_n}, NULL);
    int64_t exact = 0;
    for (int64_t i = 0; i < long_n; i++) exact += ((int32_t *)wk_tensor_data(longs))[i] = (int32_t)(i % 1000) - 400;
    CHECK(wk_reduce_dim(iout, NULL, longs, 1, WK_RSUM, 0, 0) == WK_OK && at(iout, 0) == (double)exact);
    CHECK(wk_reduce_dim(iout, NULL, longs, 1, WK_RMEAN, 0, 0) == WK_OK && at(iout, 0) == (double)(exact / long_n));
    wk_tensor *longf = make(WK_F64, 1, &long_n, NULL);
    for (int64_t i = 0; i < long_n; i++) ((double *)wk_tensor_data(longf))[i] = (double)(i % 7) - 3;
    double whole;
    CHECK(wk_reduce_all(&whole, longf, WK_RSTD, 0) == WK_OK);
    CHECK(wk_reduce_dim(out, NULL, longf, 0, WK_RSTD, 0, 0) == WK_OK && out->ndim == 1 && at(out, 0) == whole);
    wk_tensor_free(longs), wk_tensor_free(longf);

    CHECK_FAILS(wk_reduce_dim(out, NULL, t, 2, WK_RSUM, 0, 0), WK_ERANGE, "sum: dimension 3 out of range for 2x3");
    CHECK_FAILS(wk_reduce_dim(iout, NULL, t, 0, WK_RSUM, 0, 0), WK_EINVAL, "not of the input's type");
    CHECK_FAILS(wk_reduce_dim(out, iout, t, 0, WK_RMAX, 0, 0), WK_EINVAL, "torch.LongTensor");
    CHECK_FAILS(wk_reduce_all(&(double){0}, ties, WK_RNORM, 2), WK_EUNSUPPORTED,
                "norm: needs a float or double tensor");
    CHECK_FAILS(wk_reduce_all(&(double){0}, ties, 99, 2), WK_EINVAL, "unknown reduction 99");
    wk_tensor *half = wk_tensor_new_sized(WK_F16, 1, (int64_t[]){2});
    CHECK_FAILS(wk_reduce_all(&(double){0}, half, WK_RSUM, 0), WK_EUNSUPPORTED,
                "sum: not implemented for 2 torch.HalfTensor");
    wk_tensor_free(t), wk_tensor_free(out), wk_tensor_free(indices), wk_tensor_free(ties), wk_tensor_free(iout);
    wk_tensor_free(same), wk_tensor_free(wide), wk_tensor_free(column), wk_tensor_free(scalar), wk_tensor_free(fout);
    wk_tensor_free(f), wk_tensor_free(half);
}

/* ------------------------------------------------------------------------------------------- */

static void test_cumulative(void)
{
    /* Torch7's documented example: A = {{1,4,7},{2,5,8},{3,6,9}} */
    wk_tensor *a = make(WK_I64, 2, (int64_t[]){3, 3}, (double[]){1, 4, 7, 2, 5, 8, 3, 6, 9});
    wk_tensor *out = wk_tensor_new(WK_I64);
    CHECK(wk_cumprod(out, a, 0) == WK_OK && at(out, 3) == 2 && at(out, 4) == 20 && at(out, 8) == 504);
    CHECK(wk_cumprod(out, a, 1) == WK_OK && at(out, 2) == 28 && at(out, 5) == 80 && at(out, 8) == 162);
    CHECK(wk_cumsum(out, a, 1) == WK_OK && at(out, 2) == 12 && at(out, 8) == 18);
    /* in place, transposed, many columns */
    int64_t sizes[2] = {4, 600};
    double *v = malloc(2400 * sizeof *v);
    for (int i = 0; i < 2400; i++) v[i] = i % 7;
    wk_tensor *f = make(WK_F32, 2, sizes, v);
    wk_tensor *ft = wk_tensor_new_alias(f);
    wk_tensor_transpose(ft, 0, 1);                     /* 600x4, strides 1, 600 */
    CHECK(wk_cumsum(ft, ft, 1) == WK_OK);
    bool ok = true;
    for (int col = 0; col < 600; col++) {
        double s = 0;
        for (int row = 0; row < 4; row++) {
            s += v[row * 600 + col];
            ok = ok && at(f, row * 600 + col) == s;
        }
    }
    CHECK(ok);
    wk_tensor *fout = wk_tensor_new(WK_F32);
    CHECK(wk_cumsum(fout, f, 0) == WK_OK && at(fout, 600 + 5) == at(f, 5) + at(f, 605));
    CHECK_FAILS(wk_cumsum(out, a, 2), WK_ERANGE, "cumsum: dimension 3 out of range");
    free(v);
    wk_tensor_free(a), wk_tensor_free(out), wk_tensor_free(f), wk_tensor_free(ft), wk_tensor_free(fout);
}

static void test_dist_renorm_histc(void)
{
    wk_tensor *a = make(WK_F64, 2, (int64_t[]){2, 2}, (double[]){1, 2, 3, 4});
    wk_tensor *b = make(WK_F64, 1, (int64_t[]){2}, (double[]){1, 1});
    double r;
    CHECK(wk_dist(&r, a, b, 2) == WK_OK && close_to(r, sqrt(0 + 1 + 4 + 9), 1e-14));   /* broadcast */
    CHECK(wk_dist(&r, a, b, 1) == WK_OK && r == 6);
    CHECK(wk_dist(&r, a, b, INFINITY) == WK_OK && r == 3);
    wk_tensor *flat = make(WK_F64, 1, (int64_t[]){4}, (double[]){1, 2, 3, 5});
    CHECK(wk_dist(&r, a, flat, 2) == WK_OK && r == 1);   /* same count, other shape: row-major pairs */
    wk_tensor *three = make(WK_F64, 1, (int64_t[]){3}, NULL);
    CHECK_FAILS(wk_dist(&r, a, three, 2), WK_ESHAPE, "dist: sizes do not broadcast");

    /* rows of norm 5 and sqrt(2); maxnorm 2: the first is scaled to 2 / (5 + 1e-7) */
    wk_tensor *m = make(WK_F32, 2, (int64_t[]){2, 2}, (double[]){3, 4, 1, 1});
    wk_tensor *out = wk_tensor_new(WK_F32);
    CHECK(wk_renorm(out, m, 2, 0, 2) == WK_OK);
    CHECK(close_to(at(out, 0), 3 * 2 / (5 + 1e-7), 1e-6) && close_to(at(out, 1), 4 * 2 / (5 + 1e-7), 1e-6));
    CHECK(at(out, 2) == 1 && at(out, 3) == 1);
    CHECK(wk_renorm(m, m, 1, 1, 3) == WK_OK);         /* columns: norms 4 and 5 */
    CHECK(close_to(at(m, 0), 3 * 3 / 4.0, 1e-6) && close_to(at(m, 3), 1 * 3 / 5.0, 1e-6));
    CHECK_FAILS(wk_renorm(out, m, 0, 0, 1), WK_EINVAL, "renorm: the norm's order must be positive");

    wk_tensor *h = make(WK_F64, 1, (int64_t[]){7}, (double[]){1, 2, 1, 4, 9, NAN, 2.5});
    wk_tensor *hist = wk_tensor_new(WK_F64);
    CHECK(wk_histc(hist, h, 4, 0, 4) == WK_OK && hist->sizes[0] == 4);
    CHECK(at(hist, 0) == 0 && at(hist, 1) == 2 && at(hist, 2) == 2 && at(hist, 3) == 1);   /* 4 in the last bin */
    CHECK(wk_histc(hist, h, 8, 0, 0) == WK_OK);        /* the data's range [1, 9] */
    CHECK(at(hist, 0) == 2 && at(hist, 1) == 2 && at(hist, 2) == 0 && at(hist, 3) == 1 && at(hist, 7) == 1);
    CHECK_FAILS(wk_histc(hist, h, 0, 0, 1), WK_EINVAL, "histc: the number of bins must be positive");
    wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(flat), wk_tensor_free(three), wk_tensor_free(m);
    wk_tensor_free(out), wk_tensor_free(h), wk_tensor_free(hist);
}

/* ------------------------------------------------------------------------------------------- */

static void test_sort(void)
{
    wk_tensor *a = make(WK_F32, 1, (int64_t[]){7}, (double[]){3, NAN, -1, 3, -0.0, 0, NAN});
    wk_tensor *values = wk_tensor_new(WK_F32), *indices = wk_tensor_new(WK_I64);
    CHECK(wk_sort(values, indices, a, 0, 0, 1) == WK_OK);
    /* -1, -0, 0, 3, 3, NaN, NaN: stable, NaNs last */
    const double want_index[7] = {3, 5, 6, 1, 4, 2, 7};
    bool ok = at(values, 0) == -1 && at(values, 3) == 3 && isnan(at(values, 5)) && isnan(at(values, 6));
    for (int i = 0; i < 7; i++) ok = ok && at(indices, i) == want_index[i];
    CHECK(ok);
    CHECK(wk_sort(values, indices, a, 0, 1, 1) == WK_OK);
    /* NaN, NaN, 3, 3, -0, 0, -1: ties keep their order */
    const double want_desc[7] = {2, 7, 1, 4, 5, 6, 3};
    ok = isnan(at(values, 0));
    for (int i = 0; i < 7; i++) ok = ok && at(indices, i) == want_desc[i];
    CHECK(ok);

    /* every dtype, along each dim of a 2-d tensor: short lines (merge sort), long ones (radix) */
    enum { ROWS = 3, COLS_ = 700 };
    static double v[ROWS * COLS_];
    for (int32_t dtype = WK_U8; dtype <= WK_F64; dtype++) {
        int64_t sizes[2] = {ROWS, COLS_};
        for (int i = 0; i < ROWS * COLS_; i++) {
            v[i] = floor(uniform() * 50) - (dtype == WK_U8 ? 0 : 25);
            if (dtype >= WK_F32 && i % 97 == 5) v[i] = i % 2 ? NAN : -0.0;
        }
        wk_tensor *t = make(dtype, 2, sizes, v);
        wk_tensor *sv = wk_tensor_new(dtype);
        for (int32_t dim = 0; dim < 2; dim++) {
            CHECK(wk_sort(sv, indices, t, dim, dim, 0) == WK_OK);
            bool sorted = true;
            int64_t rows = dim == 1 ? ROWS : COLS_, len = sizes[dim];
            for (int64_t r = 0; r < rows; r++)
                for (int64_t i = 0; i < len; i++) {
                    int64_t pos = dim == 1 ? r * COLS_ + i : i * COLS_ + r;
                    int64_t at_index = (int64_t)at(indices, pos);
                    int64_t src = dim == 1 ? r * COLS_ + at_index : at_index * COLS_ + r;
                    double here = at(sv, pos);
                    sorted = sorted && (here == as_dtype(v[src], dtype) || (isnan(here) && isnan(v[src])));
                    if (i > 0) {
                        int64_t prev = dim == 1 ? pos - 1 : pos - COLS_;
                        double before = at(sv, prev);
                        /* NaN is the largest; descending along dim 1, ascending along dim 0 */
                        double hi = dim == 1 ? before : here, lo = dim == 1 ? here : before;
                        bool tie = (isnan(hi) && isnan(lo)) || hi == lo;
                        sorted = sorted && (tie || isnan(hi) || hi > lo);
                        if (tie) sorted = sorted && at(indices, pos) > at(indices, prev);   /* stable */
                    }
                }
            if (!sorted) fprintf(stderr, "sort: dtype %d dim %d out of order\n", dtype, dim);
            CHECK(sorted);
        }
        wk_tensor_free(t), wk_tensor_free(sv);
    }
    CHECK_FAILS(wk_sort(values, indices, a, 1, 0, 1), WK_ERANGE,
                "sort: dimension 2 out of range for 7 torch.FloatTensor");
    wk_tensor_free(a), wk_tensor_free(values), wk_tensor_free(indices);
}

static void test_selection(void)
{
    double v[100];
    for (int i = 0; i < 100; i++) v[i] = (i * 37) % 100;   /* a permutation of 0..99 */
    v[50] = 10;                                              /* 10 twice now, 50 missing */
    wk_tensor *a = make(WK_F64, 1, (int64_t[]){100}, v);
    wk_tensor *values = wk_tensor_new(WK_F64), *indices = wk_tensor_new(WK_I64);
    CHECK(wk_topk(values, indices, a, 3, 0, 1, 1, 1) == WK_OK && values->sizes[0] == 3);
    CHECK(at(values, 0) == 99 && at(values, 1) == 98 && at(values, 2) == 97);
    CHECK(v[(int)at(indices, 0) - 1] == 99);
    CHECK(wk_topk(values, indices, a, 12, 0, 0, 0, 0) == WK_OK && at(values, 0) == 0 && at(values, 10) == 10 &&
          at(values, 11) == 10 && at(indices, 10) < at(indices, 11));
    CHECK(wk_topk(values, indices, a, 0, 0, 1, 1, 0) == WK_OK && values->sizes[0] == 0);
    CHECK(wk_kthvalue(values, indices, a, 12, 0, 1) == WK_OK && at(values, 0) == 10 && values->sizes[0] == 1);
    CHECK(wk_kthvalue(values, indices, a, 100, 0, 1) == WK_OK && at(values, 0) == 99);
    CHECK(wk_kthvalue(values, indices, a, 51, 0, 0) == WK_OK && at(values, 0) == 49);
    CHECK(wk_mode(values, indices, a, 0, 0) == WK_OK && at(values, 0) == 10 && at(indices, 0) == 50);
    CHECK_FAILS(wk_kthvalue(values, indices, a, 0, 0, 1), WK_ERANGE, "kthvalue: k = 0 is out of range");
    CHECK_FAILS(wk_topk(values, indices, a, 101, 0, 1, 1, 1), WK_ERANGE, "topk: k = 101 is out of range");

    /* many equal keys (quickselect must not degrade) and sorted input */
    int64_t n = 20000;
    wk_tensor *flat = make(WK_I32, 1, &n, NULL);
    for (int64_t i = 0; i < n; i++) ((int32_t *)wk_tensor_data(flat))[i] = (int32_t)(i % 3);
    wk_tensor *iv = wk_tensor_new(WK_I32);
    CHECK(wk_kthvalue(iv, indices, flat, 10000, 0, 0) == WK_OK && at(iv, 0) == 1 && at(indices, 0) == 3 * 3332 + 1);
    CHECK(wk_mode(iv, indices, flat, 0, 0) == WK_OK && at(iv, 0) == 0 && at(indices, 0) == 19998);
    for (int64_t i = 0; i < n; i++) ((int32_t *)wk_tensor_data(flat))[i] = (int32_t)i;
    CHECK(wk_kthvalue(iv, indices, flat, 777, 0, 1) == WK_OK && at(iv, 0) == 776 && at(indices, 0) == 777);
    CHECK(wk_topk(iv, indices, flat, 5, 0, 1, 1, 1) == WK_OK && at(iv, 4) == n - 5);

    /* in place: values is the input */
    wk_tensor *same = wk_tensor_new_clone(a);
    CHECK(wk_sort(same, indices, same, 0, 0, 0) == WK_OK && at(same, 0) == 0 && at(same, 99) == 99);
    wk_tensor_free(a), wk_tensor_free(values), wk_tensor_free(indices), wk_tensor_free(flat), wk_tensor_free(iv);
    wk_tensor_free(same);
}

int main(void)
{
    test_whole_tensor_every_dtype();
    test_float_ops();
    test_nan_and_empty();
    test_accuracy_and_threads();
    test_dims_against_reference();
    test_dim_forms();
    test_cumulative();
    test_dist_renorm_histc();
    test_sort();
    test_selection();
    return check_summary("reduce_test");
}
