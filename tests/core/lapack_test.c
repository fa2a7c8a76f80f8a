/* lapack_test.c — the LAPACK wrappers against Torch7's documented examples (torch7/doc/maths.md)
 * and against their defining identities (A X = B, Q R = A, U S V^T = A, ...), in float and double,
 * for row-major and transposed inputs, in place, and the errors for singular and bad input. */
#include "check.h"
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

static double get2(const wk_tensor *t, int64_t i, int64_t j)
{
    const char *p = wk_tensor_data(t);
    int64_t at = i * t->strides[0] + j * t->strides[1];
    return t->dtype == WK_F32 ? ((const float *)p)[at] : ((const double *)p)[at];
}

static double get1(const wk_tensor *t, int64_t i)
{
    const char *p = wk_tensor_data(t);
    return t->dtype == WK_F32 ? ((const float *)p)[i * t->strides[0]] : ((const double *)p)[i * t->strides[0]];
}

/* A rows x cols matrix from row-major values; transposed: stored column-major (a :t() view). */
static wk_tensor *from_rows(int32_t dtype, int64_t rows, int64_t cols, const double *values, bool transposed)
{
    wk_tensor *t = wk_tensor_new_sized(dtype, 2, transposed ? (int64_t[]){cols, rows} : (int64_t[]){rows, cols});
    if (transposed) wk_tensor_transpose(t, 0, 1);
    char *p = wk_tensor_data(t);
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++) {
            int64_t at = i * t->strides[0] + j * t->strides[1];
            if (dtype == WK_F32) ((float *)p)[at] = (float)values[i * cols + j];
            else ((double *)p)[at] = values[i * cols + j];
        }
    return t;
}

static wk_tensor *product(const wk_tensor *a, const wk_tensor *b)
{
    wk_tensor *out = wk_tensor_new(a->dtype);
    CHECK(wk_addmm(out, 0, NULL, 1, a, b) == WK_OK);
    return out;
}

static wk_tensor *transposed(const wk_tensor *a)
{
    wk_tensor *t = wk_tensor_new_alias(a);
    wk_tensor_transpose(t, 0, 1);
    return t;
}

/* max |a - b| over two same-shape matrices */
static double max_diff(const wk_tensor *a, const wk_tensor *b)
{
    if (a->sizes[0] != b->sizes[0] || a->sizes[1] != b->sizes[1]) return INFINITY;
    double worst = 0;
    for (int64_t i = 0; i < a->sizes[0]; i++)
        for (int64_t j = 0; j < a->sizes[1]; j++) worst = fmax(worst, fabs(get2(a, i, j) - get2(b, i, j)));
    return worst;
}

static double tolerance(int32_t dtype) { return dtype == WK_F32 ? 1e-3 : 1e-9; }

static bool column_major(const wk_tensor *t) { return t->strides[0] == 1 && t->strides[1] == t->sizes[0]; }

/* The examples' matrices, row by row as printed in maths.md. */
static const double gesv_a[25] = {6.80, -6.05, -0.45, 8.32, -9.67, -2.11, -3.30, 2.58, 2.71, -5.14, 5.66, 5.36, -2.70,
                                  4.35, -7.26, 5.97, -4.44, 0.27, -7.17, 6.08, 8.23, 1.08, 9.04, 2.14, -6.87};
static const double gesv_b[15] = {4.02, -1.56, 9.81, 6.19, 4.00, -4.09, -8.22, -8.67, -4.57, -7.57, 1.75, -8.61,
                                  -3.03, 2.86, 8.99};
static const double gesv_x[15] = {-0.8007, -0.3896, 0.9555, -0.6952, -0.5544, 0.2207, 0.5939, 0.8422, 1.9006,
                                  1.3217, -0.1038, 5.3577, 0.5658, 0.1057, 4.0406};
static const double spd[25] = {1.2705, 0.9971, 0.4948, 0.1389, 0.2381, 0.9971, 0.9966, 0.6752, 0.0686, 0.1196,
                               0.4948, 0.6752, 1.1434, 0.0314, 0.0582, 0.1389, 0.0686, 0.0314, 0.0270, 0.0526,
                               0.2381, 0.1196, 0.0582, 0.0526, 0.3957};
static const double spd_chol[25] = {1.1272, 0.8846, 0.4390, 0.1232, 0.2112, 0, 0.4626, 0.6200, -0.0874, -0.1453,
                                    0, 0, 0.7525, 0.0419, 0.0738, 0, 0, 0, 0.0491, 0.2199, 0, 0, 0, 0, 0.5255};

static void test_gesv(int32_t dtype, bool transpose_inputs)
{
    wk_tensor *a = from_rows(dtype, 5, 5, gesv_a, transpose_inputs), *b = from_rows(dtype, 5, 3, gesv_b, !transpose_inputs);
    wk_tensor *want = from_rows(WK_F64, 5, 3, gesv_x, false);
    wk_tensor *x = wk_tensor_new(dtype), *lu = wk_tensor_new(dtype);
    CHECK(wk_gesv(x, lu, b, a) == WK_OK);
    CHECK(column_major(x) && column_major(lu));           /* as Torch7: strides 1, m */
    wk_tensor *ax = product(a, x);
    CHECK(max_diff(ax, b) < tolerance(dtype) * 10);
    double worst = 0;
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 3; j++) worst = fmax(worst, fabs(get2(x, i, j) - get2(want, i, j)));
    CHECK(worst < 1e-4 + (dtype == WK_F32 ? 1e-3 : 0));

    /* in place: the results go into B and A themselves */
    wk_tensor *a2 = wk_tensor_new_clone(a), *b2 = wk_tensor_new_clone(b);
    CHECK(wk_gesv(b2, a2, b2, a2) == WK_OK);
    CHECK(max_diff(b2, x) < tolerance(dtype));
    CHECK(max_diff(a2, lu) < tolerance(dtype));

    /* a vector B is one column */
    wk_tensor *col = wk_tensor_new_alias(b);
    wk_tensor_select(col, 1, 0);
    CHECK(wk_gesv(x, lu, col, a) == WK_OK);
    CHECK(x->ndim == 2 && x->sizes[0] == 5 && x->sizes[1] == 1 && fabs(get2(x, 0, 0) - gesv_x[0]) < 1e-3);
    wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(want), wk_tensor_free(x), wk_tensor_free(lu);
    wk_tensor_free(ax), wk_tensor_free(a2), wk_tensor_free(b2), wk_tensor_free(col);
}

static void test_singular(void)
{
    wk_tensor *s = from_rows(WK_F64, 2, 2, (double[]){1, 2, 2, 4}, false);
    wk_tensor *z = from_rows(WK_F64, 3, 3, (double[]){0, 0, 0, 0, 0, 0, 0, 0, 0}, false);
    wk_tensor *b = from_rows(WK_F64, 2, 1, (double[]){1, 1}, false);
    wk_tensor *x = wk_tensor_new(WK_F64), *lu = wk_tensor_new(WK_F64);
    CHECK_FAILS(wk_gesv(x, lu, b, s), WK_EINVAL, "gesv: the 2x2 torch.DoubleTensor A is singular (U(2,2) is zero)");
    CHECK_FAILS(wk_inverse(x, z), WK_EINVAL, "inverse: the 3x3 torch.DoubleTensor is singular (U(1,1) is zero)");
    CHECK_FAILS(wk_inverse(x, s), WK_EINVAL, "inverse: the 2x2 torch.DoubleTensor is singular (U(2,2) is zero)");
    double d = 1;
    CHECK(wk_det(&d, s) == WK_OK && d == 0);
    CHECK(wk_logdet(&d, z) == WK_OK && isinf(d) && d < 0);
    wk_tensor_free(s), wk_tensor_free(z), wk_tensor_free(b), wk_tensor_free(x), wk_tensor_free(lu);
}

static void test_inverse(int32_t dtype)
{
    wk_tensor *a = from_rows(dtype, 5, 5, gesv_a, false), *inv = wk_tensor_new(dtype);
    CHECK(wk_inverse(inv, a) == WK_OK && column_major(inv));
    wk_tensor *p = product(a, inv);
    double worst = 0;
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) worst = fmax(worst, fabs(get2(p, i, j) - (i == j)));
    CHECK(worst < tolerance(dtype));
    /* in place, x keeps its (row-major) layout */
    wk_tensor *x = wk_tensor_new_clone(a);
    CHECK(wk_inverse(x, x) == WK_OK);
    CHECK(x->strides[1] == 1 && max_diff(x, inv) < tolerance(dtype));
    /* 0x0 */
    wk_tensor *e = wk_tensor_new_sized(dtype, 2, (int64_t[]){0, 0});
    CHECK(wk_inverse(inv, e) == WK_OK && inv->sizes[0] == 0);
    wk_tensor_free(a), wk_tensor_free(inv), wk_tensor_free(p), wk_tensor_free(x), wk_tensor_free(e);
}

static void test_cholesky(int32_t dtype)
{
    wk_tensor *a = from_rows(dtype, 5, 5, spd, false), *want = from_rows(WK_F64, 5, 5, spd_chol, false);
    wk_tensor *u = wk_tensor_new(dtype), *l = wk_tensor_new(dtype);
    CHECK(wk_potrf(u, a, 1) == WK_OK);
    CHECK(max_diff(u, want) < 3e-3);   /* the doc printed A to 4 decimals, which moves U(4,5) by 1.5e-3 */
    CHECK(wk_potrf(l, a, 0) == WK_OK);
    wk_tensor *ut = transposed(u);
    CHECK(max_diff(l, ut) < tolerance(dtype));

    /* potri: the inverse from either factor, symmetric in full */
    wk_tensor *inv = wk_tensor_new(dtype), *inv_l = wk_tensor_new(dtype), *ref = wk_tensor_new(dtype);
    CHECK(wk_potri(inv, u, 1) == WK_OK && wk_potri(inv_l, l, 0) == WK_OK && wk_inverse(ref, a) == WK_OK);
    double scale = 500;                                    /* the inverse's entries reach ~480 */
    CHECK(max_diff(inv, ref) < tolerance(dtype) * scale * 10);
    CHECK(max_diff(inv_l, ref) < tolerance(dtype) * scale * 10);

    /* potrs with column-major and row-major factors (the latter read as the other triangle) */
    static const double b_values[15] = {0.6219, 0.3439, 0.0431, 0.5642, 0.1756, 0.0153, 0.2334, 0.8594, 0.4103,
                                        0.7556, 0.1966, 0.9637, 0.1420, 0.7185, 0.7476};
    wk_tensor *b = from_rows(dtype, 5, 3, b_values, false), *x = wk_tensor_new(dtype);
    wk_tensor *u_rows = wk_tensor_new_clone(u);            /* row-major copy of the factor */
    const wk_tensor *factors[3] = {u, u_rows, l};
    const int32_t uppers[3] = {1, 1, 0};
    for (int f = 0; f < 3; f++) {
        CHECK(wk_potrs(x, b, factors[f], uppers[f]) == WK_OK);
        wk_tensor *ax = product(a, x);
        CHECK(max_diff(ax, b) < tolerance(dtype) * 10);
        wk_tensor_free(ax);
    }
    wk_tensor *bad = from_rows(dtype, 2, 2, (double[]){1, 2, 2, 1}, false);
    CHECK_FAILS(wk_potrf(u, bad, 1), WK_EINVAL, "is not positive definite (its leading minor of order 2 is not)");
    wk_tensor_free(a), wk_tensor_free(want), wk_tensor_free(u), wk_tensor_free(l), wk_tensor_free(ut);
    wk_tensor_free(inv), wk_tensor_free(inv_l), wk_tensor_free(ref), wk_tensor_free(b), wk_tensor_free(x);
    wk_tensor_free(u_rows), wk_tensor_free(bad);
}

static void test_gels(int32_t dtype)
{
    static const double a_values[24] = {1.44, -7.84, -4.39, 4.53, -9.96, -0.28, -3.24, 3.83, -7.55, 3.24, 6.27, -6.64,
                                        8.34, 8.09, 5.28, 2.06, 7.08, 2.52, 0.74, -2.47, -5.45, -5.70, -1.19, 4.70};
    static const double b_values[12] = {8.58, 9.35, 8.26, -4.43, 8.48, -0.70, -5.28, -0.26, 5.72, -7.36, 8.93, -2.52};
    static const double x_top[8] = {-0.4506, 0.2497, -0.8492, -0.9020, 0.7066, 0.6323, 0.1289, 0.1351};
    wk_tensor *a = from_rows(dtype, 6, 4, a_values, true), *b = from_rows(dtype, 6, 2, b_values, false);
    wk_tensor *x = wk_tensor_new(dtype);
    CHECK(wk_gels(x, b, a) == WK_OK);
    CHECK(x->sizes[0] == 6 && x->sizes[1] == 2);           /* max(m, n) rows, as Torch7 */
    double worst = 0;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 2; j++) worst = fmax(worst, fabs(get2(x, i, j) - x_top[i * 2 + j]));
    CHECK(worst < 1e-3);
    /* the residual's norm is in rows 5..6 */
    double residual = 0;
    for (int i = 4; i < 6; i++)
        for (int j = 0; j < 2; j++) residual += get2(x, i, j) * get2(x, i, j);
    CHECK(fabs(sqrt(residual) - 17.3902) < 1e-2);

    /* underdetermined: 2 equations, 3 unknowns -> the least-norm solution satisfies A X = B */
    wk_tensor *w = from_rows(dtype, 2, 3, (double[]){1, 2, 3, 4, 5, 6}, false);
    wk_tensor *wb = from_rows(dtype, 2, 1, (double[]){1, 2}, false);
    CHECK(wk_gels(x, wb, w) == WK_OK && x->sizes[0] == 3);
    wk_tensor *ax = product(w, x);
    CHECK(max_diff(ax, wb) < tolerance(dtype) * 10);
    wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(x), wk_tensor_free(w), wk_tensor_free(wb), wk_tensor_free(ax);
}

static void check_qr(int32_t dtype, int64_t m, int64_t n)
{
    double values[64];
    for (int i = 0; i < m * n; i++) values[i] = (double)((i * 7919) % 23) - 11;
    wk_tensor *a = from_rows(dtype, m, n, values, (m + n) % 2), *q = wk_tensor_new(dtype), *r = wk_tensor_new(dtype);
    CHECK(wk_qr(q, r, a) == WK_OK);
    int64_t k = m < n ? m : n;
    CHECK(q->sizes[0] == m && q->sizes[1] == k && r->sizes[0] == k && r->sizes[1] == n);
    wk_tensor *qr = product(q, r), *qt = transposed(q);
    wk_tensor *qtq = product(qt, q);
    CHECK(max_diff(qr, a) < tolerance(dtype) * 100);
    double worst = 0;
    for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++) worst = fmax(worst, fabs(get2(qtq, i, j) - (i == j)));
    CHECK(worst < tolerance(dtype));
    bool upper = true;
    for (int i = 0; i < k; i++)
        for (int j = 0; j < i && j < n; j++) upper = upper && get2(r, i, j) == 0;
    CHECK(upper);
    wk_tensor_free(a), wk_tensor_free(q), wk_tensor_free(r), wk_tensor_free(qr), wk_tensor_free(qt), wk_tensor_free(qtq);
}

static void test_qr(int32_t dtype)
{
    /* the doc's example */
    wk_tensor *a = from_rows(dtype, 3, 3, (double[]){12, -51, 4, 6, 167, -68, -4, 24, -41}, false);
    wk_tensor *q = wk_tensor_new(dtype), *r = wk_tensor_new(dtype);
    CHECK(wk_qr(q, r, a) == WK_OK);
    CHECK(fabs(get2(q, 0, 0) + 0.8571) < 1e-3 && fabs(get2(r, 1, 1) + 175) < 1e-3 && fabs(get2(r, 2, 2) + 35) < 1e-3);
    wk_tensor_free(a), wk_tensor_free(q), wk_tensor_free(r);
    check_qr(dtype, 5, 3);
    check_qr(dtype, 3, 5);
    check_qr(dtype, 4, 4);
    check_qr(dtype, 1, 6);
}

static void check_svd(int32_t dtype, int64_t m, int64_t n, int32_t some)
{
    double values[64];
    for (int i = 0; i < m * n; i++) values[i] = (double)((i * 104729) % 17) - 8;
    wk_tensor *a = from_rows(dtype, m, n, values, m > n);
    wk_tensor *u = wk_tensor_new(dtype), *s = wk_tensor_new(dtype), *v = wk_tensor_new(dtype);
    CHECK(wk_svd(u, s, v, a, some) == WK_OK);
    int64_t k = m < n ? m : n, ucols = some ? k : m, vcols = some ? k : n;
    CHECK(u->sizes[0] == m && u->sizes[1] == ucols && s->ndim == 1 && s->sizes[0] == k);
    CHECK(v->sizes[0] == n && v->sizes[1] == vcols);
    /* A = U[:, :k] diag(S) V[:, :k]^T */
    double worst = 0;
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
            double sum = 0;
            for (int64_t l = 0; l < k; l++) sum += get2(u, i, l) * get1(s, l) * get2(v, j, l);
            worst = fmax(worst, fabs(sum - values[i * n + j]));
        }
    CHECK(worst < tolerance(dtype) * 100);
    bool descending = true;
    for (int64_t l = 1; l < k; l++) descending = descending && get1(s, l) <= get1(s, l - 1);
    CHECK(descending);
    wk_tensor_free(a), wk_tensor_free(u), wk_tensor_free(s), wk_tensor_free(v);
}

static void test_svd(int32_t dtype)
{
    static const double a_values[30] = {8.79, 9.93, 9.83, 5.45, 3.16, 6.11, 6.91, 5.04, -0.27, 7.98,
                                        -9.15, -7.93, 4.86, 4.85, 3.01, 9.57, 1.64, 8.83, 0.74, 5.80,
                                        -3.49, 4.02, 9.80, 10.00, 4.27, 9.84, 0.15, -8.99, -6.02, -5.31};
    static const double s_want[5] = {27.4687, 22.6432, 8.5584, 5.9857, 2.0149};
    wk_tensor *a = from_rows(dtype, 6, 5, a_values, false);
    wk_tensor *u = wk_tensor_new(dtype), *s = wk_tensor_new(dtype), *v = wk_tensor_new(dtype);
    CHECK(wk_svd(u, s, v, a, 1) == WK_OK);
    double worst = 0;
    for (int i = 0; i < 5; i++) worst = fmax(worst, fabs(get1(s, i) - s_want[i]));
    CHECK(worst < 1e-3);
    CHECK(column_major(u));
    wk_tensor_free(a), wk_tensor_free(u), wk_tensor_free(s), wk_tensor_free(v);
    for (int some = 0; some < 2; some++) {
        check_svd(dtype, 4, 3, some);
        check_svd(dtype, 3, 5, some);
        check_svd(dtype, 4, 4, some);
        check_svd(dtype, 1, 3, some);
    }
    /* empty: 'A' still gives the full (identity) bases */
    wk_tensor *e = wk_tensor_new_sized(dtype, 2, (int64_t[]){3, 0});
    u = wk_tensor_new(dtype), s = wk_tensor_new(dtype), v = wk_tensor_new(dtype);
    CHECK(wk_svd(u, s, v, e, 0) == WK_OK);
    CHECK(u->sizes[0] == 3 && u->sizes[1] == 3 && get2(u, 2, 2) == 1 && get2(u, 0, 1) == 0 && s->sizes[0] == 0);
    wk_tensor_free(e), wk_tensor_free(u), wk_tensor_free(s), wk_tensor_free(v);
}

static const double sym[25] = {1.96, -6.49, -0.47, -7.20, -0.65, -6.49, 3.80, -6.39, 1.50, -6.34, -0.47, -6.39, 4.17,
                               -1.51, 2.67, -7.20, 1.50, -1.51, 5.70, 1.80, -0.65, -6.34, 2.67, 1.80, -7.10};
static const double sym_values[5] = {-11.0656, -6.2287, 0.8640, 8.8655, 16.0948};

static void test_symeig(int32_t dtype)
{
    /* only the upper triangle is read by default: hand it a matrix with junk below */
    double upper_only[25];
    for (int i = 0; i < 25; i++) upper_only[i] = i / 5 > i % 5 ? 99 : sym[i];
    wk_tensor *a = from_rows(dtype, 5, 5, upper_only, false), *e = wk_tensor_new(dtype), *vec = wk_tensor_new(dtype);
    CHECK(wk_symeig(e, vec, a, 1, 1) == WK_OK);
    double worst = 0;
    for (int i = 0; i < 5; i++) worst = fmax(worst, fabs(get1(e, i) - sym_values[i]));
    CHECK(worst < 1e-3);
    /* V diag(e) V^T = A */
    worst = 0;
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) {
            double sum = 0;
            for (int l = 0; l < 5; l++) sum += get2(vec, i, l) * get1(e, l) * get2(vec, j, l);
            worst = fmax(worst, fabs(sum - sym[i * 5 + j]));
        }
    CHECK(worst < tolerance(dtype) * 100);
    /* values only; the lower triangle */
    wk_tensor *lower = from_rows(dtype, 5, 5, sym, true), *e2 = wk_tensor_new(dtype);
    CHECK(wk_symeig(e2, NULL, lower, 0, 0) == WK_OK && fabs(get1(e2, 4) - 16.0948) < 1e-3);
    wk_tensor_free(a), wk_tensor_free(e), wk_tensor_free(vec), wk_tensor_free(lower), wk_tensor_free(e2);
}

static void test_eig(int32_t dtype)
{
    wk_tensor *a = from_rows(dtype, 5, 5, sym, false), *e = wk_tensor_new(dtype), *vec = wk_tensor_new(dtype);
    CHECK(wk_eig(e, vec, a, 1) == WK_OK);
    CHECK(e->sizes[0] == 5 && e->sizes[1] == 2 && vec->sizes[0] == 5 && vec->sizes[1] == 5);
    /* the same values as symeig, in LAPACK's order: match each to the nearest */
    double worst = 0;
    for (int i = 0; i < 5; i++) {
        double nearest = INFINITY;
        for (int j = 0; j < 5; j++) nearest = fmin(nearest, fabs(get2(e, i, 0) - sym_values[j]));
        worst = fmax(worst, fmax(nearest, fabs(get2(e, i, 1))));
    }
    CHECK(worst < 1e-3);
    /* A v = lambda v for each column */
    wk_tensor *av = product(a, vec);
    worst = 0;
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) worst = fmax(worst, fabs(get2(av, i, j) - get2(e, j, 0) * get2(vec, i, j)));
    CHECK(worst < tolerance(dtype) * 100);
    /* a rotation: eigenvalues +-i */
    wk_tensor *rot = from_rows(dtype, 2, 2, (double[]){0, -1, 1, 0}, false);
    CHECK(wk_eig(e, NULL, rot, 0) == WK_OK);
    CHECK(get2(e, 0, 0) == 0 && fabs(fabs(get2(e, 0, 1)) - 1) < 1e-6 && get2(e, 0, 1) == -get2(e, 1, 1));
    wk_tensor_free(a), wk_tensor_free(e), wk_tensor_free(vec), wk_tensor_free(av), wk_tensor_free(rot);
}

static void test_det(int32_t dtype)
{
    wk_tensor *a = from_rows(dtype, 2, 2, (double[]){1, 2, 3, 4}, false);
    wk_tensor *b = from_rows(dtype, 3, 3, (double[]){2, 0, 0, 0, 3, 0, 0, 0, 0.5}, true);
    wk_tensor *p = from_rows(dtype, 2, 2, (double[]){0, 1, 1, 0}, false);
    wk_tensor *e = wk_tensor_new_sized(dtype, 2, (int64_t[]){0, 0});
    double d = 0;
    CHECK(wk_det(&d, a) == WK_OK && fabs(d + 2) < 1e-6);
    CHECK(wk_logdet(&d, a) == WK_OK && isnan(d));          /* det < 0: NaN, as PyTorch */
    CHECK(wk_det(&d, b) == WK_OK && fabs(d - 3) < 1e-6);
    CHECK(wk_logdet(&d, b) == WK_OK && fabs(d - log(3)) < 1e-6);
    CHECK(wk_det(&d, p) == WK_OK && d == -1);              /* a permutation: one swap */
    CHECK(wk_det(&d, e) == WK_OK && d == 1);
    CHECK(wk_logdet(&d, e) == WK_OK && d == 0);
    wk_tensor_free(a), wk_tensor_free(b), wk_tensor_free(p), wk_tensor_free(e);
}

static void test_errors(void)
{
    wk_tensor *i = wk_tensor_new_sized(WK_I32, 2, (int64_t[]){2, 2}), *r = wk_tensor_new_sized(WK_F64, 2, (int64_t[]){2, 3});
    wk_tensor *v = wk_tensor_new_sized(WK_F64, 1, (int64_t[]){3}), *out = wk_tensor_new(WK_F64);
    wk_tensor *f = wk_tensor_new_sized(WK_F32, 2, (int64_t[]){3, 3}), *fout = wk_tensor_new(WK_F32);
    wk_fill(f, 1);
    double d;
    CHECK_FAILS(wk_inverse(out, i), WK_EUNSUPPORTED, "inverse: needs a float or double tensor, got 2x2 torch.IntTensor");
    CHECK_FAILS(wk_inverse(out, r), WK_ESHAPE, "inverse: the matrix must be square, got 2x3 torch.DoubleTensor");
    CHECK_FAILS(wk_det(&d, v), WK_ESHAPE, "det: the matrix must be a matrix (2-d), got 3 torch.DoubleTensor");
    CHECK_FAILS(wk_gesv(out, fout, v, r), WK_ESHAPE, "gesv: A must be square");
    CHECK_FAILS(wk_gesv(out, fout, v, f), WK_EINVAL, "gesv: types differ: 3 torch.DoubleTensor and 3x3 torch.FloatTensor");
    CHECK_FAILS(wk_inverse(out, f), WK_EINVAL, "inverse: the result empty torch.DoubleTensor does not match the input 3x3 torch.FloatTensor");
    CHECK_FAILS(wk_gels(out, v, r), WK_ESHAPE, "gels: sizes do not match: B is 3 torch.DoubleTensor and A is 2x3");
    CHECK_FAILS(wk_potrf(fout, f, 1), WK_EINVAL, "potrf: the 3x3 torch.FloatTensor is not positive definite");
    wk_tensor_free(i), wk_tensor_free(r), wk_tensor_free(v), wk_tensor_free(out), wk_tensor_free(f), wk_tensor_free(fout);
}

int main(void)
{
    const int32_t dtypes[2] = {WK_F64, WK_F32};
    for (int d = 0; d < 2; d++) {
        test_gesv(dtypes[d], false);
        test_gesv(dtypes[d], true);
        test_inverse(dtypes[d]);
        test_cholesky(dtypes[d]);
        test_gels(dtypes[d]);
        test_qr(dtypes[d]);
        test_svd(dtypes[d]);
        test_symeig(dtypes[d]);
        test_eig(dtypes[d]);
        test_det(dtypes[d]);
    }
    test_singular();
    test_errors();
    return check_summary("lapack_test");
}
