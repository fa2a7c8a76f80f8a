/* blas_test.c — matrix products against a naive reference: every layout BLAS may take in place
 * (transposed, narrowed, column-major outputs) and the ones it may not, aliasing of out with its
 * inputs, beta == 0 ignoring NaN, integer dtypes, empty sizes, and the error messages. */
#include "check.h"
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- element access as double, for any native dtype and strides ---- */

static double get_at(const wk_tensor *t, int64_t offset)
{
    const char *p = (const char *)wk_storage_data(t->storage);
    switch (t->dtype) {
    case WK_U8: return ((const uint8_t *)p)[offset];
    case WK_I8: return ((const int8_t *)p)[offset];
    case WK_I16: return ((const int16_t *)p)[offset];
    case WK_I32: return ((const int32_t *)p)[offset];
    case WK_I64: return (double)((const int64_t *)p)[offset];
    case WK_F32: return ((const float *)p)[offset];
    default: return ((const double *)p)[offset];
    }
}

static void set_at(wk_tensor *t, int64_t offset, double v)
{
    char *p = (char *)wk_storage_data(t->storage);
    switch (t->dtype) {
    case WK_U8: ((uint8_t *)p)[offset] = (uint8_t)(int)v; break;   /* wraps, as small_value may be negative */
    case WK_I8: ((int8_t *)p)[offset] = (int8_t)(int)v; break;
    case WK_I16: ((int16_t *)p)[offset] = (int16_t)v; break;
    case WK_I32: ((int32_t *)p)[offset] = (int32_t)v; break;
    case WK_I64: ((int64_t *)p)[offset] = (int64_t)v; break;
    case WK_F32: ((float *)p)[offset] = (float)v; break;
    default: ((double *)p)[offset] = v; break;
    }
}

static double get2(const wk_tensor *t, int64_t i, int64_t j)
{
    return get_at(t, t->offset + i * t->strides[0] + j * t->strides[1]);
}
static double get1(const wk_tensor *t, int64_t i) { return get_at(t, t->offset + i * t->strides[0]); }
static double get3(const wk_tensor *t, int64_t b, int64_t i, int64_t j)
{
    return get_at(t, t->offset + b * t->strides[0] + i * t->strides[1] + j * t->strides[2]);
}

/* Small integers, exact in every dtype and in float sums. */
static double small_value(void) { return (double)(rand() % 7) - 3; }

/* A rows x cols matrix in one of several layouts, filled with small integers:
 *   0 contiguous, 1 transposed (column-major), 2 narrowed out of a wider matrix,
 *   3 neither dim of unit stride (every other column of a wider matrix) */
static wk_tensor *matrix(int32_t dtype, int64_t rows, int64_t cols, int layout)
{
    wk_tensor *t;
    if (layout == 1) {
        t = wk_tensor_new_sized(dtype, 2, (int64_t[]){cols, rows});
        wk_tensor_transpose(t, 0, 1);
    } else if (layout == 2) {
        t = wk_tensor_new_sized(dtype, 2, (int64_t[]){rows + 1, cols + 3});
        wk_tensor_narrow(t, 1, 2, cols);
        wk_tensor_narrow(t, 0, 1, rows);
    } else if (layout == 3) {
        t = wk_tensor_new_sized(dtype, 2, (int64_t[]){rows, 2 * cols});
        t->sizes[1] = cols, t->strides[1] = 2;
    } else {
        t = wk_tensor_new_sized(dtype, 2, (int64_t[]){rows, cols});
    }
    wk_fill(t, 0);
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++) set_at(t, t->offset + i * t->strides[0] + j * t->strides[1], small_value());
    return t;
}

static int64_t rand_size(int64_t max) { return 1 + rand() % max; }

/* ---- addmm ---- */

static void check_addmm_case(int32_t dtype, int la, int lb, int lo, int addend, double beta, double alpha)
{
    int64_t n = rand_size(9), k = rand_size(9), p = rand_size(9);
    wk_tensor *a = matrix(dtype, n, k, la), *b = matrix(dtype, k, p, lb);
    wk_tensor *out = matrix(dtype, n, p, lo);
    wk_tensor *m = NULL;
    if (addend == 1) m = out;                                   /* in place: out = beta*out + ... */
    if (addend == 2) m = matrix(dtype, n, p, 0);
    if (addend == 3) m = matrix(dtype, 1, p, 0);                /* a row, broadcast */
    double *expected = malloc((size_t)(n * p) * sizeof *expected);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < p; j++) {
            double sum = 0;
            for (int64_t l = 0; l < k; l++) sum += get2(a, i, l) * get2(b, l, j);
            double base = m ? get2(m, m->sizes[0] == 1 ? 0 : i, j) : 0;
            expected[i * p + j] = (m && beta != 0 ? beta * base : 0) + alpha * sum;
        }
    int64_t strides_before[2] = {out->strides[0], out->strides[1]};
    CHECK(wk_addmm(out, beta, m, alpha, a, b) == WK_OK);
    bool ok = out->sizes[0] == n && out->sizes[1] == p;
    /* An out of the right size keeps its layout (the result was written through its strides). */
    ok = ok && out->strides[0] == strides_before[0] && out->strides[1] == strides_before[1];
    for (int64_t i = 0; ok && i < n; i++)
        for (int64_t j = 0; ok && j < p; j++) {
            double want = expected[i * p + j];
            if (dtype == WK_U8) want = (double)(uint8_t)(int64_t)want;
            if (dtype == WK_I8) want = (double)(int8_t)(int64_t)want;
            ok = get2(out, i, j) == want;
        }
    if (!ok)
        fprintf(stderr, "addmm dtype %d layouts %d %d %d addend %d beta %g alpha %g (%lldx%lldx%lld)\n", dtype, la, lb,
                lo, addend, beta, alpha, (long long)n, (long long)k, (long long)p);
    CHECK(ok);
    free(expected);
    wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(out);
    if (addend >= 2) wk_tensor_free(m);
}

static void test_addmm_layouts(void)
{
    const int32_t dtypes[] = {WK_F32, WK_F64, WK_I32, WK_I64, WK_U8, WK_I8};
    for (size_t d = 0; d < sizeof dtypes / sizeof *dtypes; d++)
        for (int la = 0; la < 4; la++)
            for (int lb = 0; lb < 4; lb++)
                for (int lo = 0; lo < 4; lo++)
                    for (int addend = 0; addend < 4; addend++) {
                        check_addmm_case(dtypes[d], la, lb, lo, addend, 0, 1);
                        check_addmm_case(dtypes[d], la, lb, lo, addend, 2, -1);
                    }
}

/* With beta = 0, BLAS ignores what m holds: NaN and all. */
static void test_beta_zero_ignores_nan(void)
{
    wk_tensor *a = matrix(WK_F32, 3, 4, 0), *b = matrix(WK_F32, 4, 2, 0);
    wk_tensor *out = wk_tensor_new_sized(WK_F32, 2, (int64_t[]){3, 2});
    wk_fill(out, NAN);
    CHECK(wk_addmm(out, 0, out, 1, a, b) == WK_OK);
    bool finite = true;
    for (int i = 0; i < 6; i++) finite = finite && isfinite(((float *)wk_tensor_data(out))[i]);
    CHECK(finite);
    wk_fill(out, NAN);
    CHECK(wk_addmm(out, 0, NULL, 1, a, b) == WK_OK);
    CHECK(isfinite(((float *)wk_tensor_data(out))[0]));
    wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(out);
}

/* out is one of the operands: the product still reads the old values. */
static void test_aliasing(void)
{
    wk_tensor *a = matrix(WK_F64, 3, 3, 0), *b = matrix(WK_F64, 3, 3, 0), *expected = wk_tensor_new(WK_F64);
    CHECK(wk_addmm(expected, 0, NULL, 1, a, b) == WK_OK);
    CHECK(wk_addmm(a, 0, NULL, 1, a, b) == WK_OK);            /* a = a @ b */
    bool same = true;
    for (int i = 0; i < 9; i++) same = same && ((double *)wk_tensor_data(a))[i] == ((double *)wk_tensor_data(expected))[i];
    CHECK(same);

    /* out = a, the product changes shape: 2x3 @ 3x4 into a */
    wk_tensor *c = matrix(WK_F32, 2, 3, 0), *d = matrix(WK_F32, 3, 4, 1), *e = wk_tensor_new(WK_F32);
    CHECK(wk_addmm(e, 0, NULL, 1, c, d) == WK_OK);
    CHECK(wk_addmm(c, 0, NULL, 1, c, d) == WK_OK);
    CHECK(c->sizes[0] == 2 && c->sizes[1] == 4);
    same = true;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 4; j++) same = same && get2(c, i, j) == get2(e, i, j);
    CHECK(same);

    /* m a transposed view of out's own storage */
    wk_tensor *sq = matrix(WK_F64, 3, 3, 0), *mt = wk_tensor_new_alias(sq), *want = wk_tensor_new(WK_F64);
    wk_tensor_transpose(mt, 0, 1);
    CHECK(wk_addmm(want, 1, mt, 1, b, b) == WK_OK);
    CHECK(wk_addmm(sq, 1, mt, 1, b, b) == WK_OK);
    same = true;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) same = same && get2(sq, i, j) == get2(want, i, j);
    CHECK(same);
    wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(expected), wk_tensor_free(c), wk_tensor_free(d);
    wk_tensor_free(e), wk_tensor_free(sq), wk_tensor_free(mt), wk_tensor_free(want);
}

static void test_degenerate_sizes(void)
{
    /* k = 0: the product is empty, so out = beta*m */
    wk_tensor *a = wk_tensor_new_sized(WK_F32, 2, (int64_t[]){2, 0}), *b = wk_tensor_new_sized(WK_F32, 2, (int64_t[]){0, 3});
    wk_tensor *m = matrix(WK_F32, 2, 3, 0), *out = wk_tensor_new(WK_F32);
    CHECK(wk_addmm(out, 3, m, 1, a, b) == WK_OK);
    CHECK(out->sizes[0] == 2 && out->sizes[1] == 3 && get2(out, 1, 2) == 3 * get2(m, 1, 2));
    CHECK(wk_addmm(out, 0, NULL, 1, a, b) == WK_OK);
    CHECK(get2(out, 0, 0) == 0 && get2(out, 1, 2) == 0);
    /* n = 0 */
    wk_tensor *e = wk_tensor_new_sized(WK_F64, 2, (int64_t[]){0, 4}), *f = matrix(WK_F64, 4, 2, 0), *g = wk_tensor_new(WK_F64);
    CHECK(wk_addmm(g, 0, NULL, 1, e, f) == WK_OK);
    CHECK(g->ndim == 2 && g->sizes[0] == 0 && g->sizes[1] == 2);
    /* 1 x k times k x 1, with odd strides on the size-1 dims */
    wk_tensor *row = matrix(WK_F32, 1, 5, 3), *col = matrix(WK_F32, 5, 1, 3), *h = wk_tensor_new(WK_F32);
    CHECK(wk_addmm(h, 0, NULL, 1, row, col) == WK_OK);
    double sum = 0;
    for (int l = 0; l < 5; l++) sum += get2(row, 0, l) * get2(col, l, 0);
    CHECK(get2(h, 0, 0) == sum);
    wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(m), wk_tensor_free(out), wk_tensor_free(e);
    wk_tensor_free(f), wk_tensor_free(g), wk_tensor_free(row), wk_tensor_free(col), wk_tensor_free(h);
}

/* Large enough for OpenBLAS's threads and the integer kernel's OpenMP loop and column blocks. */
static void test_large(void)
{
    int64_t n = 300, k = 70, p = 600;
    const int32_t dtypes[] = {WK_F64, WK_I32};
    for (int d = 0; d < 2; d++) {
        wk_tensor *a = matrix(dtypes[d], n, k, 1), *b = matrix(dtypes[d], k, p, 0), *out = wk_tensor_new(dtypes[d]);
        CHECK(wk_addmm(out, 0, NULL, 1, a, b) == WK_OK);
        bool ok = true;
        for (int64_t i = 0; i < n; i += 37)
            for (int64_t j = 0; j < p; j += 11) {
                double sum = 0;
                for (int64_t l = 0; l < k; l++) sum += get2(a, i, l) * get2(b, l, j);
                ok = ok && get2(out, i, j) == sum;
            }
        CHECK(ok);
        wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(out);
    }
}

/* ---- addmv, addr ---- */

static void test_addmv(void)
{
    const int32_t dtypes[] = {WK_F32, WK_F64, WK_I16, WK_I64};
    for (int d = 0; d < 4; d++)
        for (int layout = 0; layout < 4; layout++)
            for (int vec_kind = 0; vec_kind < 3; vec_kind++) {
                int32_t dt = dtypes[d];
                int64_t n = rand_size(8), k = rand_size(8);
                wk_tensor *mat = matrix(dt, n, k, layout), *wide = matrix(dt, k, 3, 0);
                wk_tensor *vec = wk_tensor_new_alias(wide);
                wk_tensor_select(vec, 1, 1);                   /* stride 3 */
                if (vec_kind == 1) {                           /* an expanded scalar: stride 0 */
                    vec->sizes[0] = k, vec->strides[0] = 0;
                } else if (vec_kind == 2) {
                    wk_tensor_free(vec);
                    vec = wk_tensor_new_sized(dt, 1, &k);
                    for (int64_t i = 0; i < k; i++) set_at(vec, i, small_value());
                }
                wk_tensor *v = matrix(dt, n, 2, 0), *out = wk_tensor_new_alias(v);
                wk_tensor_select(out, 1, 0);                   /* a strided out, also the addend */
                double expected[8];
                for (int64_t i = 0; i < n; i++) {
                    double sum = 0;
                    for (int64_t l = 0; l < k; l++) sum += get2(mat, i, l) * get1(vec, l);
                    expected[i] = 2 * get1(out, i) + 3 * sum;
                }
                CHECK(wk_addmv(out, 2, out, 3, mat, vec) == WK_OK);
                bool ok = out->strides[0] == 2;
                for (int64_t i = 0; i < n; i++) ok = ok && get1(out, i) == expected[i];
                if (!ok) fprintf(stderr, "addmv dtype %d layout %d vec %d\n", dt, layout, vec_kind);
                CHECK(ok);
                wk_tensor_free(mat), wk_tensor_free(wide), wk_tensor_free(vec), wk_tensor_free(v), wk_tensor_free(out);
            }
    /* k = 0 scales the addend; beta = 0 ignores NaN */
    wk_tensor *mat = wk_tensor_new_sized(WK_F32, 2, (int64_t[]){3, 0}), *vec = wk_tensor_new_sized(WK_F32, 1, (int64_t[]){0});
    wk_tensor *out = wk_tensor_new_sized(WK_F32, 1, (int64_t[]){3});
    wk_fill(out, NAN);
    CHECK(wk_addmv(out, 0, out, 1, mat, vec) == WK_OK);
    CHECK(((float *)wk_tensor_data(out))[2] == 0);
    wk_tensor_free(mat), wk_tensor_free(vec), wk_tensor_free(out);
}

static void test_addr(void)
{
    const int32_t dtypes[] = {WK_F32, WK_F64, WK_I32};
    for (int d = 0; d < 3; d++)
        for (int layout = 0; layout < 4; layout++) {
            int32_t dt = dtypes[d];
            int64_t n = rand_size(6), p = rand_size(6);
            wk_tensor *xs = matrix(dt, n, 2, 0), *x = wk_tensor_new_alias(xs), *y = matrix(dt, 1, p, 0);
            wk_tensor_select(x, 1, 1);
            wk_tensor_select(y, 0, 0);
            wk_tensor *m = matrix(dt, n, p, 0), *out = matrix(dt, n, p, layout);
            CHECK(wk_addr(out, 2, m, -1, x, y) == WK_OK);
            bool ok = true;
            for (int64_t i = 0; i < n; i++)
                for (int64_t j = 0; j < p; j++) ok = ok && get2(out, i, j) == 2 * get2(m, i, j) - get1(x, i) * get1(y, j);
            /* in place, m = out */
            CHECK(wk_addr(m, 1, m, 1, x, y) == WK_OK);
            for (int64_t i = 0; i < n; i++)
                for (int64_t j = 0; j < p; j++)
                    ok = ok && get2(m, i, j) == (get2(out, i, j) + get1(x, i) * get1(y, j)) / 2 + get1(x, i) * get1(y, j);
            if (!ok) fprintf(stderr, "addr dtype %d layout %d\n", dt, layout);
            CHECK(ok);
            wk_tensor_free(xs), wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(m), wk_tensor_free(out);
        }
}

/* ---- batches ---- */

static wk_tensor *batch(int32_t dtype, int64_t count, int64_t rows, int64_t cols, bool transposed)
{
    wk_tensor *t = wk_tensor_new_sized(dtype, 3, transposed ? (int64_t[]){count, cols, rows} : (int64_t[]){count, rows, cols});
    if (transposed) wk_tensor_transpose(t, 1, 2);
    for (int64_t i = 0; i < wk_tensor_numel(t); i++) set_at(t, i, small_value());
    return t;
}

static void test_baddbmm_and_addbmm(void)
{
    /* few small products (one after another), many small ones (spread over the batch with
     * OpenMP) and large ones (BLAS threads) */
    const int64_t shapes[3][4] = {{40, 5, 6, 7}, {64, 64, 64, 64}, {3, 80, 90, 70}};
    const int32_t dtypes[] = {WK_F32, WK_F64, WK_I32};
    for (int s = 0; s < 3; s++)
        for (int d = 0; d < 3; d++)
            for (int tr = 0; tr < 4; tr++) {
                int32_t dt = dtypes[d];
                int64_t count = shapes[s][0], n = shapes[s][1], k = shapes[s][2], p = shapes[s][3];
                wk_tensor *a = batch(dt, count, n, k, tr & 1), *b = batch(dt, count, k, p, tr & 2);
                wk_tensor *m = batch(dt, count, n, p, false), *out = wk_tensor_new(dt), *sum = wk_tensor_new(dt);
                wk_tensor *m0 = wk_tensor_new_alias(m);
                wk_tensor_select(m0, 0, 0);
                CHECK(wk_baddbmm(out, 2, m, 1, a, b) == WK_OK);
                CHECK(wk_addbmm(sum, 1, m0, 2, a, b) == WK_OK);
                bool ok = out->ndim == 3 && sum->ndim == 2;
                for (int64_t c = 0; ok && c < count; c += (count > 5 ? 7 : 1))
                    for (int64_t i = 0; i < n; i += 3)
                        for (int64_t j = 0; j < p; j += 2) {
                            double acc = 0;
                            for (int64_t l = 0; l < k; l++) acc += get3(a, c, i, l) * get3(b, c, l, j);
                            ok = ok && get3(out, c, i, j) == 2 * get3(m, c, i, j) + acc;
                        }
                for (int64_t i = 0; i < n; i += count > 5 ? 13 : 5)
                    for (int64_t j = 0; j < p; j += count > 5 ? 11 : 3) {
                        double acc = 0;
                        for (int64_t c = 0; c < count; c++)
                            for (int64_t l = 0; l < k; l++) acc += get3(a, c, i, l) * get3(b, c, l, j);
                        ok = ok && get2(sum, i, j) == get2(m0, i, j) + 2 * acc;
                    }
                if (!ok) fprintf(stderr, "bmm shape %d dtype %d transposes %d\n", s, dt, tr);
                CHECK(ok);
                wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(m), wk_tensor_free(out), wk_tensor_free(sum);
                wk_tensor_free(m0);
            }
    /* batches that overlap in out (an expanded batch dim) are computed aside, not raced */
    wk_tensor *a = batch(WK_F32, 4, 2, 2, false), *b = batch(WK_F32, 4, 2, 2, false);
    wk_tensor *out = wk_tensor_new_sized(WK_F32, 3, (int64_t[]){1, 2, 2});
    out->sizes[0] = 4, out->strides[0] = 0;
    CHECK(wk_baddbmm(out, 0, NULL, 1, a, b) == WK_OK);
    wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(out);
}

/* ---- dot ---- */

static void test_dot(void)
{
    const int32_t dtypes[] = {WK_F32, WK_F64, WK_U8, WK_I64};
    for (int d = 0; d < 4; d++) {
        wk_tensor *a = matrix(dtypes[d], 3, 4, 1), *b = matrix(dtypes[d], 4, 3, 3);  /* other shapes, same count */
        double want = 0;
        for (int i = 0; i < 12; i++) want += get2(a, i / 4, i % 4) * get2(b, i / 3, i % 3);
        double got = -1;
        CHECK(wk_dot(&got, a, b) == WK_OK);
        CHECK(got == want);
        wk_tensor_free(a), wk_tensor_free(b);
    }
    wk_tensor *x = matrix(WK_F64, 1, 7, 3), *y = matrix(WK_F64, 7, 1, 2);
    wk_tensor_select(x, 0, 0), wk_tensor_select(y, 1, 0);
    double want = 0, got = 0;
    for (int i = 0; i < 7; i++) want += get1(x, i) * get1(y, i);
    CHECK(wk_dot(&got, x, y) == WK_OK && got == want);
    wk_tensor *e = wk_tensor_new(WK_F64);
    CHECK(wk_dot(&got, e, e) == WK_OK && got == 0);
    CHECK_FAILS(wk_dot(&got, x, e), WK_ESHAPE, "dot: sizes do not match: 7 torch.DoubleTensor and empty");
    wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(e);
}

/* ---- errors ---- */

static void test_errors(void)
{
    wk_tensor *a = matrix(WK_F32, 2, 3, 0), *b = matrix(WK_F32, 4, 5, 0), *d = matrix(WK_F64, 3, 2, 0);
    wk_tensor *out = wk_tensor_new(WK_F32), *v = wk_tensor_new_sized(WK_F32, 1, (int64_t[]){4});
    wk_tensor *h = wk_tensor_new_sized(WK_F16, 2, (int64_t[]){2, 2});
    CHECK_FAILS(wk_addmm(out, 0, NULL, 1, a, b), WK_ESHAPE,
                "addmm: sizes do not match: 2x3 torch.FloatTensor times 4x5 torch.FloatTensor (3 columns, 4 rows)");
    CHECK_FAILS(wk_addmm(out, 0, NULL, 1, a, d), WK_EINVAL, "addmm: types differ: 2x3 torch.FloatTensor and 3x2 torch.DoubleTensor");
    CHECK_FAILS(wk_addmm(out, 0, NULL, 1, a, v), WK_ESHAPE, "addmm: mat2 must be 2-d, got 4 torch.FloatTensor");
    CHECK_FAILS(wk_addmm(out, 1, b, 1, a, a), WK_ESHAPE, "addmm: sizes do not match");
    wk_tensor *at = wk_tensor_new_alias(a);
    wk_tensor_transpose(at, 0, 1);
    CHECK_FAILS(wk_addmm(out, 1, b, 1, a, at), WK_ESHAPE,
                "addmm: the added tensor 4x5 torch.FloatTensor does not match the product's size 2x2");
    CHECK_FAILS(wk_addmv(out, 0, NULL, 1, a, v), WK_ESHAPE,
                "addmv: sizes do not match: 2x3 torch.FloatTensor times 4 torch.FloatTensor (3 columns, 4 elements)");
    CHECK_FAILS(wk_addmm(h, 0, NULL, 1, h, h), WK_EUNSUPPORTED, "addmm: not supported for 2x2 torch.HalfTensor");
    CHECK_FAILS(wk_baddbmm(out, 0, NULL, 1, a, a), WK_ESHAPE, "baddbmm: batch1 must be 3-d, got 2x3 torch.FloatTensor");
    wk_tensor *b1 = batch(WK_F32, 2, 3, 4, false), *b2 = batch(WK_F32, 3, 4, 5, false);
    CHECK_FAILS(wk_addbmm(out, 0, NULL, 1, b1, b2), WK_ESHAPE, "addbmm: sizes do not match: 2x3x4 torch.FloatTensor times 3x4x5");
    CHECK_FAILS(wk_addr(out, 0, NULL, 1, a, v), WK_ESHAPE, "addr: vec1 must be 1-d");
    wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(d), wk_tensor_free(out), wk_tensor_free(v), wk_tensor_free(h);
    wk_tensor_free(at), wk_tensor_free(b1), wk_tensor_free(b2);
}

int main(void)
{
    srand(7);
    wk_set_num_threads(2);
    test_addmm_layouts();
    test_beta_zero_ignores_nan();
    test_aliasing();
    test_degenerate_sizes();
    test_large();
    test_addmv();
    test_addr();
    test_baddbmm_and_addbmm();
    test_dot();
    test_errors();
    return check_summary("blas_test");
}
