/*
 * nn_activation_test.c — core/nn_activation.c: the float tanh, sigmoid and softmax against
 * libm in double over a sweep of inputs (in ulp), the special values, both softmax layouts,
 * the backward formulas, in-place threshold, and the error paths.
 */
#include "check.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

static wk_tensor *vector(int32_t dtype, int64_t n)
{
    return wk_tensor_new_sized(dtype, 1, &n);
}

static wk_tensor *matrix(int32_t dtype, int64_t rows, int64_t cols)
{
    int64_t sizes[2] = {rows, cols};
    return wk_tensor_new_sized(dtype, 2, sizes);
}

/* Distance in units in the last place between two floats of the same sign (or both near 0). */
static double ulps(float a, double exact)
{
    float e = (float)exact;
    if (isnan(e)) return isnan(a) ? 0 : INFINITY;
    if (isinf(e)) return a == e ? 0 : INFINITY;
    double spacing = fabs(nextafterf(e, INFINITY) - e);
    if (spacing < 1.4e-45) spacing = 1.4e-45;
    return fabs((double)a - exact) / spacing;
}

/* The sweep: 2^20 points over [-100, 100], then the special values. */
enum { SWEEP = 1 << 20, SPECIALS = 10 };
static const float specials[SPECIALS] = {0.0f, -0.0f, 1e-30f, -1e-30f, 0.49999997f, 0.5f, 88.7f, -88.7f, 1e30f, -1e30f};

static wk_tensor *sweep_input(void)
{
    wk_tensor *x = vector(WK_F32, SWEEP + SPECIALS);
    float *p = wk_tensor_data(x);
    for (int64_t i = 0; i < SWEEP; i++) p[i] = -100.0f + 200.0f * (float)i / SWEEP;
    for (int i = 0; i < SPECIALS; i++) p[SWEEP + i] = specials[i];
    return x;
}

static void test_tanh_and_sigmoid_accuracy(void)
{
    wk_tensor *x = sweep_input(), *y = wk_tensor_new(WK_F32), *s = wk_tensor_new(WK_F32);
    CHECK(wk_nn_tanh_forward(x, y) == WK_OK);
    CHECK(wk_nn_sigmoid_forward(x, s) == WK_OK);
    const float *in = wk_tensor_data(x), *t = wk_tensor_data(y), *g = wk_tensor_data(s);
    double worst_tanh = 0, worst_sigmoid = 0;
    for (int64_t i = 0; i < SWEEP + SPECIALS; i++) {
        double u = ulps(t[i], tanh((double)in[i]));
        if (u > worst_tanh) worst_tanh = u;
        double exact = 1 / (1 + exp(-(double)in[i]));
        /* results under 3e-38 may flush to 0 */
        double v = exact < 3e-38 ? (g[i] <= 3e-38 ? 0 : INFINITY) : ulps(g[i], exact);
        if (v > worst_sigmoid) worst_sigmoid = v;
    }
    printf("tanh: worst %.2f ulp, sigmoid: worst %.2f ulp\n", worst_tanh, worst_sigmoid);
    CHECK(worst_tanh <= 3);
    CHECK(worst_sigmoid <= 3);
    CHECK(signbit(t[SWEEP + 1]));                      /* tanh(-0) = -0 */

    /* NaN and infinities */
    float *p = wk_tensor_data(x);
    p[0] = NAN, p[1] = INFINITY, p[2] = -INFINITY;
    CHECK(wk_nn_tanh_forward(x, y) == WK_OK && wk_nn_sigmoid_forward(x, s) == WK_OK);
    t = wk_tensor_data(y), g = wk_tensor_data(s);
    CHECK(isnan(t[0]) && t[1] == 1 && t[2] == -1);
    CHECK(isnan(g[0]) && g[1] == 1 && g[2] == 0);
    wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(s);
}

static void test_threshold(void)
{
    wk_tensor *x = vector(WK_F64, 4), *y = wk_tensor_new(WK_F64), *g = vector(WK_F64, 4), *d = wk_tensor_new(WK_F64);
    double *p = wk_tensor_data(x), *q = wk_tensor_data(g);
    const double in[4] = {-1, 0.5, 2, 0.1}, grad[4] = {10, 20, 30, 40};
    for (int i = 0; i < 4; i++) p[i] = in[i], q[i] = grad[i];
    CHECK(wk_nn_threshold_forward(x, y, 0.1, -7, 0) == WK_OK);
    double *o = wk_tensor_data(y);
    CHECK(o[0] == -7 && o[1] == 0.5 && o[2] == 2 && o[3] == -7);   /* x <= threshold gets the value */
    CHECK(p[0] == -1);                                              /* input untouched */
    CHECK(wk_nn_threshold_backward(x, g, d, 0.1, 0) == WK_OK);
    double *r = wk_tensor_data(d);
    CHECK(r[0] == 0 && r[1] == 20 && r[2] == 30 && r[3] == 0);
    CHECK(q[0] == 10);                                              /* gradOutput untouched */

    /* in place: output views input, gradInput views gradOutput */
    CHECK(wk_nn_threshold_forward(x, y, 0, 0, 1) == WK_OK);
    CHECK(wk_tensor_is_set_to(y, x) && p[0] == 0 && p[2] == 2);
    CHECK(wk_nn_threshold_backward(x, g, d, 0, 1) == WK_OK);
    CHECK(wk_tensor_is_set_to(d, g) && q[0] == 0 && q[1] == 20 && q[3] == 40);
    wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(g), wk_tensor_free(d);
}

/* Softmax of rows of random floats against double, and its log. */
static void test_softmax_rows(void)
{
    enum { ROWS = 37, COLS = 700 };                  /* COLS past the 256-element block */
    wk_tensor *x = matrix(WK_F32, ROWS, COLS), *y = wk_tensor_new(WK_F32), *l = wk_tensor_new(WK_F32);
    float *p = wk_tensor_data(x);
    srand(7);
    for (int64_t i = 0; i < ROWS * COLS; i++) p[i] = (float)(rand() % 20000) / 1000.0f - 10.0f;
    p[0] = 1000.0f;                                   /* a large value: stable, no overflow */
    CHECK(wk_nn_softmax_forward(x, y, 1) == WK_OK);
    CHECK(wk_nn_log_softmax_forward(x, l, 1) == WK_OK);
    const float *s = wk_tensor_data(y), *ls = wk_tensor_data(l);
    double worst = 0, worst_log = 0;
    for (int64_t r = 0; r < ROWS; r++) {
        double max = -INFINITY, sum = 0;
        for (int64_t c = 0; c < COLS; c++) max = fmax(max, p[r * COLS + c]);
        for (int64_t c = 0; c < COLS; c++) sum += exp(p[r * COLS + c] - max);
        for (int64_t c = 0; c < COLS; c++) {
            double exact = exp(p[r * COLS + c] - max) / sum, log_exact = p[r * COLS + c] - max - log(sum);
            double e = fabs(s[r * COLS + c] - exact) / fmax(exact, 1e-30);
            if (exact > 1e-30 && e > worst) worst = e;
            e = fabs(ls[r * COLS + c] - log_exact) / fmax(fabs(log_exact), 1);
            if (e > worst_log) worst_log = e;
        }
    }
    /* x - max is rounded to float first: up to 1e-6 absolute for |x - max| near 20, so as much
     * relative in e^(x - max) */
    printf("softmax rows: worst relative error %.3g, log-softmax %.3g\n", worst, worst_log);
    CHECK(worst < 4e-6);
    CHECK(worst_log < 1e-6);
    CHECK(s[0] == 1.0f && isfinite(ls[1]));

    /* in place */
    CHECK(wk_nn_softmax_forward(x, x, 1) == WK_OK);
    CHECK(memcmp(wk_tensor_data(x), s, sizeof(float) * ROWS * COLS) == 0);
    wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(l);
}

/* Softmax over dim 1 of (2, C, H, W) against the same on the transposed rows. */
static void test_softmax_planes(void)
{
    enum { N = 2, CH = 5, HW = 300 };
    int64_t sizes[3] = {N, CH, HW};
    wk_tensor *x = wk_tensor_new_sized(WK_F64, 3, sizes), *y = wk_tensor_new(WK_F64), *l = wk_tensor_new(WK_F64);
    double *p = wk_tensor_data(x);
    for (int64_t i = 0; i < N * CH * HW; i++) p[i] = sin((double)i * 0.37) * 5;
    CHECK(wk_nn_softmax_forward(x, y, 1) == WK_OK);
    CHECK(wk_nn_log_softmax_forward(x, l, 1) == WK_OK);
    const double *s = wk_tensor_data(y), *ls = wk_tensor_data(l);
    double worst = 0;
    for (int64_t n = 0; n < N; n++)
        for (int64_t k = 0; k < HW; k++) {
            double max = -INFINITY, sum = 0;
            for (int64_t c = 0; c < CH; c++) max = fmax(max, p[(n * CH + c) * HW + k]);
            for (int64_t c = 0; c < CH; c++) sum += exp(p[(n * CH + c) * HW + k] - max);
            for (int64_t c = 0; c < CH; c++) {
                int64_t at = (n * CH + c) * HW + k;
                worst = fmax(worst, fabs(s[at] - exp(p[at] - max) / sum));
                worst = fmax(worst, fabs(ls[at] - (p[at] - max - log(sum))));
            }
        }
    CHECK(worst < 1e-14);

    /* backward: dx = y (g - sum g y); log: dx = g - e^y sum g */
    wk_tensor *g = wk_tensor_new_sized(WK_F64, 3, sizes), *d = wk_tensor_new(WK_F64), *dl = wk_tensor_new(WK_F64);
    double *q = wk_tensor_data(g);
    for (int64_t i = 0; i < N * CH * HW; i++) q[i] = cos((double)i * 0.11);
    CHECK(wk_nn_softmax_backward(g, d, y, 1) == WK_OK);
    CHECK(wk_nn_log_softmax_backward(g, dl, l, 1) == WK_OK);
    const double *r = wk_tensor_data(d), *rl = wk_tensor_data(dl);
    worst = 0;
    for (int64_t n = 0; n < N; n++)
        for (int64_t k = 0; k < HW; k++) {
            double dot = 0, sum = 0;
            for (int64_t c = 0; c < CH; c++) {
                int64_t at = (n * CH + c) * HW + k;
                dot += q[at] * s[at], sum += q[at];
            }
            for (int64_t c = 0; c < CH; c++) {
                int64_t at = (n * CH + c) * HW + k;
                worst = fmax(worst, fabs(r[at] - s[at] * (q[at] - dot)));
                worst = fmax(worst, fabs(rl[at] - (q[at] - exp(ls[at]) * sum)));
            }
        }
    CHECK(worst < 1e-14);
    wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(l), wk_tensor_free(g), wk_tensor_free(d), wk_tensor_free(dl);
}

/* A strided input (a transposed matrix) gives the same as its contiguous copy. */
static void test_softmax_strided(void)
{
    wk_tensor *x = matrix(WK_F32, 6, 4), *t = wk_tensor_new_alias(x), *y = wk_tensor_new(WK_F32);
    wk_tensor *c = NULL, *z = wk_tensor_new(WK_F32);
    float *p = wk_tensor_data(x);
    for (int i = 0; i < 24; i++) p[i] = (float)(i % 7) - 3;
    CHECK(wk_tensor_transpose(t, 0, 1) == WK_OK);     /* 4x6, strided */
    c = wk_tensor_new_clone(t);
    CHECK(wk_nn_log_softmax_forward(t, y, 1) == WK_OK);
    CHECK(wk_nn_log_softmax_forward(c, z, 1) == WK_OK);
    CHECK(wk_tensor_is_contiguous(y) && memcmp(wk_tensor_data(y), wk_tensor_data(z), 24 * sizeof(float)) == 0);
    wk_tensor_free(x), wk_tensor_free(t), wk_tensor_free(y), wk_tensor_free(c), wk_tensor_free(z);
}

/* Large tensors are split across threads: the same bits as on one thread. */
static void test_threads(void)
{
    int64_t planes[4] = {8, 16, 32, 32}, rows[2] = {600, 300};
    for (int shape = 0; shape < 2; shape++) {
        wk_tensor *x = shape == 0 ? wk_tensor_new_sized(WK_F32, 4, planes) : wk_tensor_new_sized(WK_F32, 2, rows);
        wk_tensor *one = wk_tensor_new(WK_F32), *two = wk_tensor_new(WK_F32);
        wk_tensor *g = wk_tensor_new_clone(x), *d1 = wk_tensor_new(WK_F32), *d2 = wk_tensor_new(WK_F32);
        CHECK(wk_random_uniform(x, NULL, -5, 5) == WK_OK && wk_random_uniform(g, NULL, -1, 1) == WK_OK);
        int64_t n = wk_tensor_numel(x);
        int32_t saved = wk_get_num_threads();
        wk_set_num_threads(1);
        CHECK(wk_nn_log_softmax_forward(x, one, 1) == WK_OK && wk_nn_log_softmax_backward(g, d1, one, 1) == WK_OK);
        wk_set_num_threads(2);
        CHECK(wk_nn_log_softmax_forward(x, two, 1) == WK_OK && wk_nn_log_softmax_backward(g, d2, two, 1) == WK_OK);
        CHECK(memcmp(wk_tensor_data(one), wk_tensor_data(two), (size_t)n * sizeof(float)) == 0);
        CHECK(memcmp(wk_tensor_data(d1), wk_tensor_data(d2), (size_t)n * sizeof(float)) == 0);
        wk_set_num_threads(1);
        CHECK(wk_nn_tanh_forward(x, one) == WK_OK);
        wk_set_num_threads(2);
        CHECK(wk_nn_tanh_forward(x, two) == WK_OK);
        CHECK(memcmp(wk_tensor_data(one), wk_tensor_data(two), (size_t)n * sizeof(float)) == 0);
        wk_set_num_threads(saved);
        wk_tensor_free(x), wk_tensor_free(one), wk_tensor_free(two), wk_tensor_free(g), wk_tensor_free(d1),
            wk_tensor_free(d2);
    }
}

static void test_errors(void)
{
    wk_tensor *i = vector(WK_I32, 3), *f = vector(WK_F32, 3), *d = vector(WK_F64, 3), *o = wk_tensor_new(WK_F32);
    wk_tensor *big = vector(WK_F32, 4);
    CHECK_FAILS(wk_nn_tanh_forward(i, o), WK_EUNSUPPORTED, "Tanh: input must be a float or double tensor");
    CHECK_FAILS(wk_nn_sigmoid_forward(f, d), WK_EINVAL, "types differ");
    CHECK_FAILS(wk_nn_tanh_backward(big, o, f), WK_ESHAPE, "gradOutput has 4 elements, expected 3");
    CHECK_FAILS(wk_nn_softmax_forward(f, o, 1), WK_ERANGE, "SoftMax: dimension 2 out of range");
    CHECK_FAILS(wk_nn_threshold_backward(f, big, o, 0, 0), WK_ESHAPE, "Threshold: gradOutput has 4 elements");
    wk_tensor_free(i), wk_tensor_free(f), wk_tensor_free(d), wk_tensor_free(o), wk_tensor_free(big);
}

int main(void)
{
    test_tanh_and_sigmoid_accuracy();
    test_threshold();
    test_softmax_rows();
    test_softmax_planes();
    test_softmax_strided();
    test_threads();
    test_errors();
    return check_summary("nn_activation_test");
}
