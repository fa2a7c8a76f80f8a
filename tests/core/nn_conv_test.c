/* nn_conv_test.c — the convolution, pooling and resampling kernels (nn_conv.c, nn_pool.c,
 * nn_upsample.c) against naive direct references in double, on random shapes: batched and single
 * samples, 2-d and 3-d, strides, padding, dilation, ceil mode, chunked batches, non-contiguous
 * inputs; and the error messages for bad sizes. */
#include "check.h"
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- tensors ---- */

static uint64_t rng = 88172645463325252ull;
static double uniform(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0 * 2 - 1;
}
static int64_t randint(int64_t lo, int64_t hi) { return lo + (int64_t)((uniform() + 1) / 2 * (double)(hi - lo + 1)) % (hi - lo + 1); }

static wk_tensor *make(int32_t dtype, int32_t ndim, const int64_t *sizes)
{
    wk_tensor *t = wk_tensor_new_sized(dtype, ndim, sizes);
    int64_t n = wk_tensor_numel(t);
    for (int64_t i = 0; i < n; i++) {
        if (dtype == WK_F32) ((float *)wk_tensor_data(t))[i] = (float)uniform();
        else ((double *)wk_tensor_data(t))[i] = uniform();
    }
    return t;
}

/* element i of a contiguous tensor as double */
static double at(const wk_tensor *t, int64_t i)
{
    return t->dtype == WK_F32 ? ((const float *)wk_tensor_data(t))[i] : ((const double *)wk_tensor_data(t))[i];
}

/* max |a - ref| / (1 + |ref|) over n elements */
static double max_error(const wk_tensor *a, const double *ref, int64_t n)
{
    double worst = 0;
    if (wk_tensor_numel(a) != n) return INFINITY;
    for (int64_t i = 0; i < n; i++) {
        double e = fabs(at(a, i) - ref[i]) / (1 + fabs(ref[i]));
        if (!(e <= worst)) worst = e;
    }
    return worst;
}

static double tolerance(int32_t dtype) { return dtype == WK_F32 ? 2e-4 : 1e-10; }

/* ---- the naive convolution: 3 spatial dims, everything explicit ---- */

typedef struct {
    int64_t n, c, o, in[3], out[3], k[3], s[3], p[3], d[3];
} shape;

static int64_t in_index(const shape *g, int64_t b, int64_t c, int64_t t, int64_t y, int64_t x)
{
    return (((b * g->c + c) * g->in[0] + t) * g->in[1] + y) * g->in[2] + x;
}
static int64_t out_index(const shape *g, int64_t b, int64_t o, int64_t t, int64_t y, int64_t x)
{
    return (((b * g->o + o) * g->out[0] + t) * g->out[1] + y) * g->out[2] + x;
}
static int64_t w_index(const shape *g, int64_t o, int64_t c, int64_t t, int64_t y, int64_t x)
{
    return (((o * g->c + c) * g->k[0] + t) * g->k[1] + y) * g->k[2] + x;
}

/* mode 0: out = conv(in) + bias; 1: gin += conv^T(gout); 2: gw += scale * gout (x) in, gb too */
static void naive(const shape *g, int mode, const wk_tensor *in, const wk_tensor *w, const wk_tensor *bias,
                  const wk_tensor *gout, double *result, double *result_bias, double scale)
{
    for (int64_t b = 0; b < g->n; b++)
        for (int64_t o = 0; o < g->o; o++)
            for (int64_t ot = 0; ot < g->out[0]; ot++)
                for (int64_t oy = 0; oy < g->out[1]; oy++)
                    for (int64_t ox = 0; ox < g->out[2]; ox++) {
                        int64_t oi = out_index(g, b, o, ot, oy, ox);
                        double acc = mode == 0 && bias ? at(bias, o) : 0;
                        double go = mode != 0 ? at(gout, oi) : 0;
                        if (mode == 2 && result_bias) result_bias[o] += scale * go;
                        for (int64_t c = 0; c < g->c; c++)
                            for (int64_t kt = 0; kt < g->k[0]; kt++)
                                for (int64_t ky = 0; ky < g->k[1]; ky++)
                                    for (int64_t kx = 0; kx < g->k[2]; kx++) {
                                        int64_t t = ot * g->s[0] - g->p[0] + kt * g->d[0];
                                        int64_t y = oy * g->s[1] - g->p[1] + ky * g->d[1];
                                        int64_t x = ox * g->s[2] - g->p[2] + kx * g->d[2];
                                        if (t < 0 || t >= g->in[0] || y < 0 || y >= g->in[1] || x < 0 ||
                                            x >= g->in[2])
                                            continue;
                                        int64_t ii = in_index(g, b, c, t, y, x), wi = w_index(g, o, c, kt, ky, kx);
                                        if (mode == 0) acc += at(w, wi) * at(in, ii);
                                        else if (mode == 1) result[ii] += at(w, wi) * go;
                                        else result[wi] += scale * go * at(in, ii);
                                    }
                        if (mode == 0) result[oi] = acc;
                    }
}

static void random_shape(shape *g, bool three_d)
{
    g->n = randint(1, 5), g->c = randint(1, 4), g->o = randint(1, 5);
    for (int i = 0; i < 3; i++) {
        bool used = three_d || i > 0;
        g->k[i] = used ? randint(1, 4) : 1;
        g->s[i] = used ? randint(1, 3) : 1;
        g->d[i] = used && !three_d ? randint(1, 2) : 1;
        g->p[i] = used ? randint(0, 2) : 0;
        int64_t span = g->d[i] * (g->k[i] - 1) + 1;
        g->in[i] = used ? span + randint(0, 6) : 1;
        g->out[i] = (g->in[i] + 2 * g->p[i] - span) / g->s[i] + 1;
    }
}

/* One random convolution: forward, input gradient, parameter gradients, against naive(). */
/* big_batch: many samples in several chunks; wide: many planes (the kernels' blocks of 8 and 16
 * planes and their edges) with the 3- and 5-wide kernels the direct weight gradient takes. */
static void test_conv_case(int32_t dtype, bool three_d, bool batched, bool big_batch, bool wide)
{
    shape g;
    random_shape(&g, three_d);
    if (wide) {
        g.c = randint(2, 5), g.o = randint(8, 40);
        for (int i = 1; i < 3; i++) {
            g.k[i] = randint(0, 1) ? 5 : 3, g.s[i] = randint(1, 2), g.d[i] = 1, g.p[i] = randint(0, 2);
            g.in[i] = g.k[i] + randint(4, 20);
            g.out[i] = (g.in[i] + 2 * g.p[i] - g.k[i]) / g.s[i] + 1;
        }
    }
    if (!batched) g.n = 1;
    if (big_batch) {                    /* several chunks of samples and a ragged last one */
        g.n = 40 + randint(0, 30), g.c = 4, g.o = 5;
        for (int i = 1; i < 3; i++) {
            g.k[i] = 4, g.d[i] = 1, g.s[i] = 1, g.p[i] = 1, g.in[i] = 20 + randint(0, 4);
            g.out[i] = g.in[i] + 2 - 4 + 1;
        }
    }
    int32_t sp = three_d ? 3 : 2, d0 = batched ? 1 : 0;
    int64_t in_sizes[5], out_sizes[5], w_sizes[2] = {g.o, g.c * g.k[0] * g.k[1] * g.k[2]}, b_sizes[1] = {g.o};
    if (batched) in_sizes[0] = out_sizes[0] = g.n;
    in_sizes[d0] = g.c, out_sizes[d0] = g.o;
    for (int i = 0; i < sp; i++) {
        in_sizes[d0 + 1 + i] = g.in[3 - sp + i];
        out_sizes[d0 + 1 + i] = g.out[3 - sp + i];
    }
    int32_t ndim = sp + 1 + d0;
    wk_tensor *in = make(dtype, ndim, in_sizes), *w = make(dtype, 2, w_sizes), *bias = make(dtype, 1, b_sizes);
    wk_tensor *out = wk_tensor_new(dtype), *finput = wk_tensor_new(dtype), *fgrad = wk_tensor_new(dtype);
    wk_tensor *gin = wk_tensor_new(dtype), *gout = make(dtype, ndim, out_sizes);
    wk_tensor *gw = make(dtype, 2, w_sizes), *gb = make(dtype, 1, b_sizes);
    int64_t n_in = wk_tensor_numel(in), n_out = wk_tensor_numel(gout), n_w = wk_tensor_numel(w);
    double *ref = calloc((size_t)(n_in + n_out + n_w + g.o), sizeof(double));
    double *ref_out = ref, *ref_in = ref + n_out, *ref_w = ref_in + n_in, *ref_b = ref_w + n_w;
    for (int64_t i = 0; i < n_w; i++) ref_w[i] = at(gw, i);
    for (int64_t i = 0; i < g.o; i++) ref_b[i] = at(gb, i);
    double scale = 0.5 + (uniform() + 1);

    int rc;
    if (three_d)
        rc = wk_nn_conv3d_update_output(in, out, w, bias, finput, fgrad, (int)g.k[0], (int)g.k[2], (int)g.k[1],
                                        (int)g.s[0], (int)g.s[2], (int)g.s[1], (int)g.p[0], (int)g.p[2], (int)g.p[1]);
    else
        rc = wk_nn_conv2d_update_output(in, out, w, bias, finput, fgrad, (int)g.k[2], (int)g.k[1], (int)g.s[2],
                                        (int)g.s[1], (int)g.p[2], (int)g.p[1], (int)g.d[2], (int)g.d[1]);
    CHECK(rc == 0);
    if (rc) fprintf(stderr, "%s\n", wk_last_error());
    naive(&g, 0, in, w, bias, NULL, ref_out, NULL, 0);
    CHECK(out->ndim == ndim && max_error(out, ref_out, n_out) < tolerance(dtype));

    if (three_d)
        rc = wk_nn_conv3d_update_grad_input(in, gout, gin, w, finput, fgrad, (int)g.k[0], (int)g.k[2], (int)g.k[1],
                                            (int)g.s[0], (int)g.s[2], (int)g.s[1], (int)g.p[0], (int)g.p[2],
                                            (int)g.p[1]);
    else
        rc = wk_nn_conv2d_update_grad_input(in, gout, gin, w, finput, fgrad, (int)g.k[2], (int)g.k[1], (int)g.s[2],
                                            (int)g.s[1], (int)g.p[2], (int)g.p[1], (int)g.d[2], (int)g.d[1]);
    CHECK(rc == 0);
    naive(&g, 1, in, w, NULL, gout, ref_in, NULL, 0);
    CHECK(wk_tensor_is_same_size(gin, in) && max_error(gin, ref_in, n_in) < tolerance(dtype));

    if (three_d)
        rc = wk_nn_conv3d_acc_grad_parameters(in, gout, gw, gb, finput, fgrad, (int)g.k[0], (int)g.k[2], (int)g.k[1],
                                              (int)g.s[0], (int)g.s[2], (int)g.s[1], (int)g.p[0], (int)g.p[2],
                                              (int)g.p[1], scale);
    else
        rc = wk_nn_conv2d_acc_grad_parameters(in, gout, gw, gb, finput, fgrad, (int)g.k[2], (int)g.k[1], (int)g.s[2],
                                              (int)g.s[1], (int)g.p[2], (int)g.p[1], (int)g.d[2], (int)g.d[1], scale);
    CHECK(rc == 0);
    naive(&g, 2, in, w, NULL, gout, ref_w, ref_b, scale);
    double ew = max_error(gw, ref_w, n_w), eb = max_error(gb, ref_b, g.o);
    CHECK(ew < tolerance(dtype) * 10 && eb < tolerance(dtype) * 10);
    if (!(ew < tolerance(dtype) * 10))
        fprintf(stderr, "  gradWeight error %g (n=%lld c=%lld o=%lld)\n", ew, (long long)g.n, (long long)g.c,
                (long long)g.o);

    free(ref);
    wk_tensor *all[] = {in, w, bias, out, finput, fgrad, gin, gout, gw, gb};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) wk_tensor_free(all[i]);
}

/* Full convolution C -> O is the transpose of a convolution O -> C (weight C x O x kH x kW). */
static void test_full_conv_case(int32_t dtype, bool batched)
{
    shape g;                            /* the convolution's shape: its input is the full conv's output */
    random_shape(&g, false);
    for (int i = 1; i < 3; i++) g.d[i] = 1;
    if (!batched) g.n = 1;
    int64_t adj[3];
    for (int i = 1; i < 3; i++) {
        g.out[i] = randint(1, 5);
        adj[i] = randint(0, g.s[i] - 1);
        g.in[i] = (g.out[i] - 1) * g.s[i] - 2 * g.p[i] + g.k[i] + adj[i];
        if (g.in[i] < 1) return;        /* padding ate the output: not a case */
    }
    /* g.c: the full conv's output planes; g.o: its input planes */
    int32_t d0 = batched ? 1 : 0, ndim = 3 + d0;
    int64_t x_sizes[4], y_sizes[4], w_sizes[4] = {g.o, g.c, g.k[1], g.k[2]}, b_sizes[1] = {g.c};
    if (batched) x_sizes[0] = y_sizes[0] = g.n;
    x_sizes[d0] = g.o, x_sizes[d0 + 1] = g.out[1], x_sizes[d0 + 2] = g.out[2];
    y_sizes[d0] = g.c, y_sizes[d0 + 1] = g.in[1], y_sizes[d0 + 2] = g.in[2];
    wk_tensor *x = make(dtype, ndim, x_sizes), *w = make(dtype, 4, w_sizes), *bias = make(dtype, 1, b_sizes);
    wk_tensor *y = wk_tensor_new(dtype), *finput = wk_tensor_new(dtype), *fgrad = wk_tensor_new(dtype);
    wk_tensor *gy = make(dtype, ndim, y_sizes), *gx = wk_tensor_new(dtype);
    wk_tensor *gw = make(dtype, 4, w_sizes), *gb = make(dtype, 1, b_sizes);
    int64_t nx = wk_tensor_numel(x), ny = wk_tensor_numel(gy), nw = wk_tensor_numel(w);
    double *ref_y = calloc((size_t)ny, sizeof(double)), *ref_x = calloc((size_t)nx, sizeof(double));
    double *ref_w = calloc((size_t)nw, sizeof(double)), *ref_b = calloc((size_t)g.c, sizeof(double));
    int kW = (int)g.k[2], kH = (int)g.k[1], dW = (int)g.s[2], dH = (int)g.s[1], pW = (int)g.p[2], pH = (int)g.p[1];

    CHECK(wk_nn_full_conv2d_update_output(x, y, w, bias, finput, fgrad, kW, kH, dW, dH, pW, pH, (int)adj[2],
                                          (int)adj[1]) == 0);
    naive(&g, 1, NULL, w, NULL, x, ref_y, NULL, 0);   /* the convolution's input gradient of x */
    for (int64_t i = 0; i < ny; i++) ref_y[i] += at(bias, i / (g.in[1] * g.in[2]) % g.c);
    CHECK(wk_tensor_is_same_size(y, gy) && max_error(y, ref_y, ny) < tolerance(dtype));

    CHECK(wk_nn_full_conv2d_update_grad_input(x, gy, gx, w, finput, fgrad, kW, kH, dW, dH, pW, pH, (int)adj[2],
                                              (int)adj[1]) == 0);
    naive(&g, 0, gy, w, NULL, NULL, ref_x, NULL, 0);  /* the convolution's forward of gy */
    CHECK(wk_tensor_is_same_size(gx, x) && max_error(gx, ref_x, nx) < tolerance(dtype));

    for (int64_t i = 0; i < nw; i++) ref_w[i] = at(gw, i);
    for (int64_t i = 0; i < g.c; i++) ref_b[i] = at(gb, i);
    CHECK(wk_nn_full_conv2d_acc_grad_parameters(x, gy, gw, gb, finput, fgrad, kW, kH, dW, dH, pW, pH, (int)adj[2],
                                                (int)adj[1], 0.5) == 0);
    naive(&g, 2, gy, w, NULL, x, ref_w, NULL, 0.5);   /* the convolution's weight gradient */
    for (int64_t i = 0; i < ny; i++) ref_b[i / (g.in[1] * g.in[2]) % g.c] += 0.5 * at(gy, i);
    CHECK(max_error(gw, ref_w, nw) < tolerance(dtype) * 10 && max_error(gb, ref_b, g.c) < tolerance(dtype) * 10);

    free(ref_y), free(ref_x), free(ref_w), free(ref_b);
    wk_tensor *all[] = {x, w, bias, y, finput, fgrad, gy, gx, gw, gb};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) wk_tensor_free(all[i]);
}

/* ---- pooling ---- */

/* fixed_2x2: the 2x2 stride-2 windows of a wide input (the vectorised path), with ties */
static void test_max_pool_case(int32_t dtype, bool ceil_mode, bool fixed_2x2)
{
    int64_t n = randint(1, 3), c = randint(1, 3), k[2], s[2], p[2], d[2], in[2], out[2];
    for (int i = 0; i < 2; i++) {
        k[i] = randint(1, 4), s[i] = randint(1, 3), d[i] = randint(1, 2), p[i] = randint(0, k[i] / 2);
        if (fixed_2x2) k[i] = s[i] = 2, d[i] = 1, p[i] = 0;
        int64_t span = d[i] * (k[i] - 1) + 1;
        in[i] = span + randint(0, 7) + (fixed_2x2 && i == 1 ? 30 : 0);
        if (fixed_2x2 && !ceil_mode) in[i] += in[i] % 2;       /* windows that tile the plane */
        int64_t room = in[i] + 2 * p[i] - span;
        out[i] = (ceil_mode ? (room + s[i] - 1) / s[i] : room / s[i]) + 1;
        if ((out[i] - 1) * s[i] >= in[i] + p[i]) out[i]--;
    }
    int64_t sizes[4] = {n, c, in[0], in[1]}, gsizes[4] = {n, c, out[0], out[1]};
    wk_tensor *x = make(dtype, 4, sizes), *y = wk_tensor_new(dtype), *idx = wk_tensor_new(WK_I64);
    wk_tensor *gy = make(dtype, 4, gsizes), *gx = wk_tensor_new(dtype);
    int64_t ny = n * c * out[0] * out[1], nx = wk_tensor_numel(x);
    if (fixed_2x2)                        /* ties: every third value repeats the one before */
        for (int64_t i = 3; i < nx; i += 3) {
            if (dtype == WK_F32) ((float *)wk_tensor_data(x))[i] = ((float *)wk_tensor_data(x))[i - 1];
            else ((double *)wk_tensor_data(x))[i] = ((double *)wk_tensor_data(x))[i - 1];
        }
    double *ref = calloc((size_t)ny, sizeof(double)), *gref = calloc((size_t)nx, sizeof(double));
    int64_t *ref_idx = calloc((size_t)ny, sizeof(int64_t));
    for (int64_t pl = 0; pl < n * c; pl++)
        for (int64_t oy = 0; oy < out[0]; oy++)
            for (int64_t ox = 0; ox < out[1]; ox++) {
                double m = -INFINITY;
                int64_t best = -1;
                for (int64_t ky = 0; ky < k[0]; ky++)
                    for (int64_t kx = 0; kx < k[1]; kx++) {
                        int64_t yy = oy * s[0] - p[0] + ky * d[0], xx = ox * s[1] - p[1] + kx * d[1];
                        if (yy < 0 || yy >= in[0] || xx < 0 || xx >= in[1]) continue;
                        double v = at(x, pl * in[0] * in[1] + yy * in[1] + xx);
                        if (best < 0 || v > m) m = v, best = yy * in[1] + xx;
                    }
                int64_t o = (pl * out[0] + oy) * out[1] + ox;
                ref[o] = m, ref_idx[o] = best + 1;
                gref[pl * in[0] * in[1] + best] += at(gy, o);
            }
    CHECK(wk_nn_max_pool2d_update_output(x, y, idx, (int)k[1], (int)k[0], (int)s[1], (int)s[0], (int)p[1], (int)p[0],
                                         (int)d[1], (int)d[0], ceil_mode) == 0);
    CHECK(wk_tensor_is_same_size(y, gy) && max_error(y, ref, ny) == 0);
    bool same = wk_tensor_numel(idx) == ny;
    for (int64_t i = 0; same && i < ny; i++) same = ((int64_t *)wk_tensor_data(idx))[i] == ref_idx[i];
    CHECK(same);
    CHECK(wk_nn_max_pool2d_update_grad_input(x, gy, gx, idx, (int)k[1], (int)k[0], (int)s[1], (int)s[0], (int)p[1],
                                             (int)p[0], (int)d[1], (int)d[0], ceil_mode) == 0);
    CHECK(wk_tensor_is_same_size(gx, x) && max_error(gx, gref, nx) < tolerance(dtype));
    free(ref), free(gref), free(ref_idx);
    wk_tensor *all[] = {x, y, idx, gy, gx};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) wk_tensor_free(all[i]);
}

static void test_avg_pool_case(int32_t dtype, bool ceil_mode, bool include_pad)
{
    int64_t c = randint(1, 3), k[2], s[2], p[2], in[2], out[2];
    for (int i = 0; i < 2; i++) {
        k[i] = randint(1, 4), s[i] = randint(1, 3), p[i] = randint(0, k[i] / 2);
        in[i] = k[i] + randint(0, 7);
        int64_t room = in[i] + 2 * p[i] - k[i];
        out[i] = (ceil_mode ? (room + s[i] - 1) / s[i] : room / s[i]) + 1;
        if ((out[i] - 1) * s[i] >= in[i] + p[i]) out[i]--;
    }
    int64_t sizes[3] = {c, in[0], in[1]}, gsizes[3] = {c, out[0], out[1]};
    wk_tensor *x = make(dtype, 3, sizes), *y = wk_tensor_new(dtype), *gy = make(dtype, 3, gsizes);
    wk_tensor *gx = wk_tensor_new(dtype);
    int64_t ny = c * out[0] * out[1], nx = wk_tensor_numel(x);
    double *ref = calloc((size_t)ny, sizeof(double)), *gref = calloc((size_t)nx, sizeof(double));
    for (int64_t pl = 0; pl < c; pl++)
        for (int64_t oy = 0; oy < out[0]; oy++)
            for (int64_t ox = 0; ox < out[1]; ox++) {
                int64_t y0 = oy * s[0] - p[0], x0 = ox * s[1] - p[1];
                int64_t y1 = y0 + k[0] < in[0] + p[0] ? y0 + k[0] : in[0] + p[0];
                int64_t x1 = x0 + k[1] < in[1] + p[1] ? x0 + k[1] : in[1] + p[1];
                int64_t padded = (y1 - y0) * (x1 - x0), inside = 0;
                double sum = 0;
                for (int64_t yy = y0; yy < y1; yy++)
                    for (int64_t xx = x0; xx < x1; xx++)
                        if (yy >= 0 && yy < in[0] && xx >= 0 && xx < in[1]) {
                            sum += at(x, (pl * in[0] + yy) * in[1] + xx);
                            inside++;
                        }
                int64_t o = (pl * out[0] + oy) * out[1] + ox, div = include_pad ? padded : inside;
                ref[o] = sum / (double)div;
                for (int64_t yy = y0; yy < y1; yy++)
                    for (int64_t xx = x0; xx < x1; xx++)
                        if (yy >= 0 && yy < in[0] && xx >= 0 && xx < in[1])
                            gref[(pl * in[0] + yy) * in[1] + xx] += at(gy, o) / (double)div;
            }
    CHECK(wk_nn_avg_pool2d_update_output(x, y, (int)k[1], (int)k[0], (int)s[1], (int)s[0], (int)p[1], (int)p[0],
                                         ceil_mode, include_pad) == 0);
    CHECK(wk_tensor_is_same_size(y, gy) && max_error(y, ref, ny) < tolerance(dtype));
    CHECK(wk_nn_avg_pool2d_update_grad_input(x, gy, gx, (int)k[1], (int)k[0], (int)s[1], (int)s[0], (int)p[1],
                                             (int)p[0], ceil_mode, include_pad) == 0);
    CHECK(max_error(gx, gref, nx) < tolerance(dtype));
    free(ref), free(gref);
    wk_tensor *all[] = {x, y, gy, gx};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) wk_tensor_free(all[i]);
}

/* ---- layouts and errors ---- */

static void test_non_contiguous_input(void)
{
    int64_t sizes[4] = {3, 2, 7, 6}, w_sizes[4] = {4, 2, 3, 3}, b_sizes[1] = {4};
    wk_tensor *x = make(WK_F64, 4, sizes), *w = make(WK_F64, 4, w_sizes), *b = make(WK_F64, 1, b_sizes);
    wk_tensor *xt = wk_tensor_new_alias(x), *xc, *y1 = wk_tensor_new(WK_F64), *y2 = wk_tensor_new(WK_F64);
    wk_tensor *f = wk_tensor_new(WK_F64), *fg = wk_tensor_new(WK_F64);
    wk_tensor_transpose(xt, 2, 3);                      /* 3x2x6x7, strided */
    xc = wk_tensor_new_clone(xt);
    CHECK(wk_nn_conv2d_update_output(xt, y1, w, b, f, fg, 3, 3, 1, 2, 1, 0, 1, 1) == 0);
    CHECK(wk_nn_conv2d_update_output(xc, y2, w, b, f, fg, 3, 3, 1, 2, 1, 0, 1, 1) == 0);
    bool same = wk_tensor_is_same_size(y1, y2);
    for (int64_t i = 0; same && i < wk_tensor_numel(y1); i++) same = at(y1, i) == at(y2, i);
    CHECK(same);
    wk_tensor *all[] = {x, w, b, xt, xc, y1, y2, f, fg};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) wk_tensor_free(all[i]);
}

/* A NaN in a window comes out, and its position (the vectorised 2x2 path and the general one). */
static void test_max_pool_nan(void)
{
    for (int wide = 0; wide < 2; wide++) {
        int64_t sizes[3] = {1, 4, wide ? 40 : 6};
        wk_tensor *x = make(WK_F32, 3, sizes), *y = wk_tensor_new(WK_F32), *idx = wk_tensor_new(WK_I64);
        float *px = wk_tensor_data(x);
        px[sizes[2] + 5] = NAN;           /* row 1, column 5: window (0, 2) */
        CHECK(wk_nn_max_pool2d_update_output(x, y, idx, 2, 2, 2, 2, 0, 0, 1, 1, 0) == 0);
        CHECK(isnan(((float *)wk_tensor_data(y))[2]) && ((int64_t *)wk_tensor_data(idx))[2] == sizes[2] + 5 + 1);
        wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(idx);
    }
}

static void test_errors(void)
{
    int64_t sizes[3] = {3, 4, 4}, w_sizes[4] = {2, 3, 5, 5}, wrong[3] = {2, 8, 8};
    wk_tensor *x = make(WK_F32, 3, sizes), *w = make(WK_F32, 4, w_sizes), *y = wk_tensor_new(WK_F32);
    wk_tensor *f = wk_tensor_new(WK_F32), *fg = wk_tensor_new(WK_F32), *xw = make(WK_F32, 3, wrong);
    wk_tensor *idx = wk_tensor_new(WK_I64), *xd = make(WK_F64, 3, sizes);
    CHECK_FAILS(wk_nn_conv2d_update_output(x, y, w, NULL, f, fg, 5, 5, 1, 1, 0, 0, 1, 1), WK_ESHAPE, "too small");
    CHECK_FAILS(wk_nn_conv2d_update_output(xw, y, w, NULL, f, fg, 5, 5, 1, 1, 0, 0, 1, 1), WK_ESHAPE,
                "should have 3 planes");
    CHECK_FAILS(wk_nn_conv2d_update_output(xd, y, w, NULL, f, fg, 5, 5, 1, 1, 2, 2, 1, 1), WK_EINVAL,
                "convert the module");
    CHECK_FAILS(wk_nn_max_pool2d_update_output(x, y, idx, 5, 5, 1, 1, 0, 0, 1, 1, 0), WK_ESHAPE, "too small");
    CHECK_FAILS(wk_nn_max_pool2d_update_output(x, y, idx, 2, 2, 1, 1, 2, 0, 1, 1, 0), WK_EINVAL, "half the kernel");
    CHECK_FAILS(wk_nn_reflection_pad2d_update_output(x, y, 4, 0, 0, 0), WK_EINVAL, "smaller than");
    wk_tensor *all[] = {x, w, y, f, fg, xw, idx, xd};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) wk_tensor_free(all[i]);
}

/* Resampling: nearest and replication against direct formulas; reflection on a known row. */
static void test_resampling(void)
{
    int64_t sizes[3] = {2, 3, 4};
    wk_tensor *x = make(WK_F64, 3, sizes), *y = wk_tensor_new(WK_F64), *g = wk_tensor_new(WK_F64);
    CHECK(wk_nn_upsample_nearest2d_update_output(x, y, 2) == 0);
    bool ok = y->sizes[1] == 6 && y->sizes[2] == 8;
    for (int64_t i = 0; ok && i < 2 * 6 * 8; i++) ok = at(y, i) == at(x, (i / 48) * 12 + (i % 48 / 8 / 2) * 4 + i % 8 / 2);
    CHECK(ok);
    CHECK(wk_nn_upsample_nearest2d_update_grad_input(x, y, g, 2) == 0);   /* each input summed 4 times */
    ok = wk_tensor_is_same_size(g, x);
    for (int64_t i = 0; ok && i < 24; i++) ok = fabs(at(g, i) - 4 * at(x, i)) < 1e-12;
    CHECK(ok);
    CHECK(wk_nn_upsample_bilinear2d_update_output(x, y, 5, 7) == 0);      /* corners are kept */
    CHECK(fabs(at(y, 0) - at(x, 0)) < 1e-12 && fabs(at(y, 34) - at(x, 11)) < 1e-12);
    CHECK(wk_nn_reflection_pad2d_update_output(x, y, 2, 1, 0, 0) == 0);   /* row a b c d -> c b a b c d c */
    CHECK(y->sizes[2] == 7 && at(y, 0) == at(x, 2) && at(y, 1) == at(x, 1) && at(y, 2) == at(x, 0) &&
          at(y, 6) == at(x, 2));
    CHECK(wk_nn_replication_pad2d_update_output(x, y, 1, 2, 1, 0) == 0);  /* 4x7 planes */
    CHECK(y->sizes[1] == 4 && y->sizes[2] == 7 && at(y, 0) == at(x, 0) && at(y, 6) == at(x, 3) &&
          at(y, 7 * 3 + 6) == at(x, 11));
    wk_tensor_free(x), wk_tensor_free(y), wk_tensor_free(g);
}

int main(void)
{
    wk_set_num_threads(2);
    for (int dtype = WK_F32; dtype <= WK_F64; dtype++) {
        for (int i = 0; i < 12; i++) {
            test_conv_case(dtype, false, true, false, false);
            test_conv_case(dtype, false, false, false, false);
            test_conv_case(dtype, false, i % 2, false, true);
            test_conv_case(dtype, true, i % 2, false, false);
            test_full_conv_case(dtype, i % 2);
            test_max_pool_case(dtype, i % 2, false);
            test_max_pool_case(dtype, i % 2, true);
            test_avg_pool_case(dtype, i % 2, i / 2 % 2);
        }
        test_conv_case(dtype, false, true, true, false);
    }
    test_non_contiguous_input();
    test_max_pool_nan();
    test_errors();
    test_resampling();
    return check_summary("nn_conv_test");
}
