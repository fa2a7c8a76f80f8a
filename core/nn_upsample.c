/*
 * nn_upsample.c — resampling kernels for nn: nearest and bilinear upsampling
 * (SpatialUpSamplingNearest, SpatialUpSamplingBilinear) and zero / reflection / replication
 * padding (SpatialZeroPadding, SpatialReflectionPadding, SpatialReplicationPadding). Float and
 * double.
 *
 * Each maps every output position of a plane to input positions: the forward pass reads them,
 * the input gradient adds gradOutput back to them. An input is C x H x W or N x C x H x W, seen
 * as N*C independent planes split across threads (each thread writes its own planes only).
 *
 * Not here: pooling (nn_pool.c), convolution (nn_conv.c).
 */
#include "nn_real.h"
#include <omp.h>
#include <string.h>

typedef struct {
    int64_t planes, in_h, in_w, out_h, out_w;
} plane_geom;

static int threads_for(int64_t planes, int64_t work)
{
    if (planes < 2 || work < 2 * WK_GRAIN || omp_in_parallel()) return 1;
    return wk_get_num_threads();
}

static int check_input(const char *op, const wk_tensor *input, plane_geom *g)
{
    if (nn_check_real(op, "input", input, false) != WK_OK) return wk_last_status();
    if (input->ndim != 3 && input->ndim != 4)
        return wk_error(WK_ESHAPE, "%s: input must be 3-d or 4-d (batch), got %s", op, WK_DESC(input));
    if (wk_tensor_numel(input) == 0) return wk_error(WK_ESHAPE, "%s: input %s is empty", op, WK_DESC(input));
    g->in_h = input->sizes[input->ndim - 2];
    g->in_w = input->sizes[input->ndim - 1];
    g->planes = wk_tensor_numel(input) / (g->in_h * g->in_w);
    return WK_OK;
}

/* out: contiguous, input's dtype, input's leading dims then h x w. */
static int shape_planes(const char *op, wk_tensor *out, const wk_tensor *input, int64_t h, int64_t w)
{
    if (out->dtype != input->dtype || out->device != WK_CPU)
        return wk_error(WK_EINVAL, "%s: result %s does not match the input %s", op, WK_DESC(out), WK_DESC(input));
    int64_t sizes[4];
    memcpy(sizes, input->sizes, (size_t)input->ndim * sizeof *sizes);
    sizes[input->ndim - 2] = h, sizes[input->ndim - 1] = w;
    if (out->storage && out->ndim == input->ndim && wk_tensor_is_contiguous(out)) {
        bool same = true;
        for (int32_t d = 0; d < input->ndim; d++) same = same && out->sizes[d] == sizes[d];
        if (same) return WK_OK;
    }
    return wk_tensor_resize(out, input->ndim, sizes);
}

static int check_grad(const char *op, const wk_tensor *grad_output, const wk_tensor *input, const plane_geom *g)
{
    if (grad_output->dtype != input->dtype || grad_output->ndim != input->ndim ||
        grad_output->sizes[input->ndim - 2] != g->out_h || grad_output->sizes[input->ndim - 1] != g->out_w ||
        wk_tensor_numel(grad_output) != g->planes * g->out_h * g->out_w)
        return wk_error(WK_ESHAPE, "%s: gradOutput %s does not match the output's size (%lldx%lld planes) for input %s",
                        op, WK_DESC(grad_output), (long long)g->out_h, (long long)g->out_w, WK_DESC(input));
    return WK_OK;
}

static const void *contiguous_data(const wk_tensor *t, wk_tensor **copy)
{
    *copy = NULL;
    if (wk_tensor_is_contiguous(t)) return wk_tensor_data(t);
    *copy = wk_tensor_new_clone(t);
    return *copy ? wk_tensor_data(*copy) : NULL;
}

/* ------------------------------------------------------------------------------------------- */
/* The maps                                                                                     */

enum { NEAREST, BILINEAR, REFLECT, REPLICATE, ZERO };

typedef struct {
    int kind;
    int64_t scale;                     /* NEAREST */
    int64_t pad_left, pad_top;         /* REFLECT, REPLICATE, ZERO */
} resample_map;

/* Input coordinate of output coordinate o along an axis of `in` elements, for padding; -1 where
 * zero padding reads nothing. */
static inline int64_t pad_source(int kind, int64_t o, int64_t pad_before, int64_t in)
{
    int64_t i = o - pad_before;
    if (kind == ZERO) {
        if (i < 0 || i >= in) i = -1;
    } else if (kind == REFLECT) {
        if (i < 0) i = -i;
        if (i >= in) i = 2 * (in - 1) - i;
    } else {
        if (i < 0) i = 0;
        if (i >= in) i = in - 1;
    }
    return i;
}

/* Bilinear weights along one axis with the corners aligned: output o reads i0 and i0 + step
 * with weights w0 and 1 - w0. */
static inline void bilinear_axis(int64_t o, int64_t out, int64_t in, int64_t *i0, int64_t *step, double *w0)
{
    double ratio = out > 1 ? (double)(in - 1) / (double)(out - 1) : 0;
    double pos = ratio * (double)o;
    int64_t i = (int64_t)pos;
    if (i > in - 1) i = in - 1;
    *i0 = i;
    *step = i < in - 1 ? 1 : 0;
    *w0 = 1 - (pos - (double)i);
}

/* forward: dst (out planes) from src (in planes); backward: dst (in planes) += from src (out). */
static NN_INLINE void resample(bool f64, const plane_geom *g, const resample_map *m, bool backward, const void *src,
                               void *dst)
{
    const int64_t es = f64 ? 8 : 4, in_vol = g->in_h * g->in_w, out_vol = g->out_h * g->out_w;
#pragma omp parallel for schedule(static) num_threads(threads_for(g->planes, g->planes * out_vol))
    for (int64_t p = 0; p < g->planes; p++) {
        const char *in = (const char *)src + p * (backward ? out_vol : in_vol) * es;
        char *out = (char *)dst + p * (backward ? in_vol : out_vol) * es;
        if (backward) memset(out, 0, (size_t)(in_vol * es));
        for (int64_t oy = 0; oy < g->out_h; oy++) {
            int64_t y0 = 0, ystep = 0;
            double wy = 1;
            if (m->kind == NEAREST) y0 = oy / m->scale;
            else if (m->kind == BILINEAR) bilinear_axis(oy, g->out_h, g->in_h, &y0, &ystep, &wy);
            else y0 = pad_source(m->kind, oy, m->pad_top, g->in_h);
            for (int64_t ox = 0; ox < g->out_w; ox++) {
                int64_t o = oy * g->out_w + ox;
                if (m->kind == BILINEAR) {
                    int64_t x0, xstep;
                    double wx;
                    bilinear_axis(ox, g->out_w, g->in_w, &x0, &xstep, &wx);
                    int64_t a = y0 * g->in_w + x0, b = a + xstep, c = a + ystep * g->in_w, d = c + xstep;
                    double wa = wy * wx, wb = wy * (1 - wx), wc = (1 - wy) * wx, wd = (1 - wy) * (1 - wx);
                    if (!backward) {
                        double v = wa * nn_load(in, a, f64) + wb * nn_load(in, b, f64) + wc * nn_load(in, c, f64) +
                                   wd * nn_load(in, d, f64);
                        nn_store(out, o, v, f64);
                    } else {
                        double gv = nn_load(in, o, f64);
                        nn_store(out, a, nn_load(out, a, f64) + wa * gv, f64);
                        nn_store(out, b, nn_load(out, b, f64) + wb * gv, f64);
                        nn_store(out, c, nn_load(out, c, f64) + wc * gv, f64);
                        nn_store(out, d, nn_load(out, d, f64) + wd * gv, f64);
                    }
                    continue;
                }
                int64_t x0 = m->kind == NEAREST ? ox / m->scale : pad_source(m->kind, ox, m->pad_left, g->in_w);
                int64_t i = y0 * g->in_w + x0;
                if (x0 < 0 || y0 < 0) {                /* zero padding */
                    if (!backward) nn_store(out, o, 0.0, f64);
                } else if (!backward) {
                    nn_store(out, o, nn_load(in, i, f64), f64);
                } else {
                    nn_store(out, i, nn_load(out, i, f64) + nn_load(in, o, f64), f64);
                }
            }
        }
    }
}

/* Runs the forward (output from input) or backward (grad_input from grad_output) of a map. */
static int run_map(const char *op, const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *result,
                   const plane_geom *g, const resample_map *m)
{
    bool backward = grad_output != NULL;
    if (backward ? (check_grad(op, grad_output, input, g) != WK_OK ||
                    shape_planes(op, result, input, g->in_h, g->in_w) != WK_OK)
                 : shape_planes(op, result, input, g->out_h, g->out_w) != WK_OK)
        return wk_last_status();
    wk_tensor *copy;
    const void *src = contiguous_data(backward ? grad_output : input, &copy);
    if (!src) return wk_last_status();
    if (input->dtype == WK_F64)
        resample(true, g, m, backward, src, wk_tensor_data(result));
    else
        resample(false, g, m, backward, src, wk_tensor_data(result));
    wk_tensor_free(copy);
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* Entry points                                                                                 */

static int nearest_setup(const char *op, const wk_tensor *input, int32_t scale, plane_geom *g, resample_map *m)
{
    if (check_input(op, input, g) != WK_OK) return wk_last_status();
    if (scale < 1) return wk_error(WK_EINVAL, "%s: scale must be a positive integer, got %d", op, scale);
    g->out_h = g->in_h * scale, g->out_w = g->in_w * scale;
    *m = (resample_map){NEAREST, scale, 0, 0};
    return WK_OK;
}

int wk_nn_upsample_nearest2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t scale)
{
    plane_geom g;
    resample_map m;
    const char *op = "SpatialUpSamplingNearest";
    if (nearest_setup(op, input, scale, &g, &m) != WK_OK) return wk_last_status();
    return run_map(op, input, NULL, output, &g, &m);
}

int wk_nn_upsample_nearest2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                               wk_tensor *grad_input, int32_t scale)
{
    plane_geom g;
    resample_map m;
    const char *op = "SpatialUpSamplingNearest";
    if (nearest_setup(op, input, scale, &g, &m) != WK_OK) return wk_last_status();
    return run_map(op, input, grad_output, grad_input, &g, &m);
}

int wk_nn_upsample_bilinear2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t oheight,
                                            int32_t owidth)
{
    plane_geom g;
    const char *op = "SpatialUpSamplingBilinear";
    if (check_input(op, input, &g) != WK_OK) return wk_last_status();
    if (oheight < 1 || owidth < 1)
        return wk_error(WK_EINVAL, "%s: bad output size %dx%d", op, oheight, owidth);
    g.out_h = oheight, g.out_w = owidth;
    resample_map m = {BILINEAR, 1, 0, 0};
    return run_map(op, input, NULL, output, &g, &m);
}

int wk_nn_upsample_bilinear2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                                wk_tensor *grad_input)
{
    plane_geom g;
    const char *op = "SpatialUpSamplingBilinear";
    if (check_input(op, input, &g) != WK_OK) return wk_last_status();
    if (grad_output->ndim != input->ndim)
        return wk_error(WK_ESHAPE, "%s: gradOutput %s does not match the input %s", op, WK_DESC(grad_output),
                        WK_DESC(input));
    g.out_h = grad_output->sizes[input->ndim - 2], g.out_w = grad_output->sizes[input->ndim - 1];
    resample_map m = {BILINEAR, 1, 0, 0};
    return run_map(op, input, grad_output, grad_input, &g, &m);
}

static int pad_setup(const char *op, int kind, const wk_tensor *input, int32_t left, int32_t right, int32_t top,
                     int32_t bottom, plane_geom *g, resample_map *m)
{
    if (check_input(op, input, g) != WK_OK) return wk_last_status();
    if (kind == REFLECT && (left >= g->in_w || right >= g->in_w || top >= g->in_h || bottom >= g->in_h))
        return wk_error(WK_EINVAL, "%s: padding (%d, %d, %d, %d) must be smaller than the input's size %lldx%lld",
                        op, left, right, top, bottom, (long long)g->in_h, (long long)g->in_w);
    g->out_h = g->in_h + top + bottom, g->out_w = g->in_w + left + right;
    if (g->out_h < 1 || g->out_w < 1)
        return wk_error(WK_ESHAPE, "%s: padding (%d, %d, %d, %d) leaves no output for input %s", op, left, right,
                        top, bottom, WK_DESC(input));
    *m = (resample_map){kind, 1, left, top};
    return WK_OK;
}

int wk_nn_reflection_pad2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t pad_left,
                                         int32_t pad_right, int32_t pad_top, int32_t pad_bottom)
{
    plane_geom g;
    resample_map m;
    const char *op = "SpatialReflectionPadding";
    if (pad_setup(op, REFLECT, input, pad_left, pad_right, pad_top, pad_bottom, &g, &m) != WK_OK)
        return wk_last_status();
    return run_map(op, input, NULL, output, &g, &m);
}

int wk_nn_reflection_pad2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                             wk_tensor *grad_input, int32_t pad_left, int32_t pad_right,
                                             int32_t pad_top, int32_t pad_bottom)
{
    plane_geom g;
    resample_map m;
    const char *op = "SpatialReflectionPadding";
    if (pad_setup(op, REFLECT, input, pad_left, pad_right, pad_top, pad_bottom, &g, &m) != WK_OK)
        return wk_last_status();
    return run_map(op, input, grad_output, grad_input, &g, &m);
}

int wk_nn_replication_pad2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t pad_left,
                                          int32_t pad_right, int32_t pad_top, int32_t pad_bottom)
{
    plane_geom g;
    resample_map m;
    const char *op = "SpatialReplicationPadding";
    if (pad_setup(op, REPLICATE, input, pad_left, pad_right, pad_top, pad_bottom, &g, &m) != WK_OK)
        return wk_last_status();
    return run_map(op, input, NULL, output, &g, &m);
}

int wk_nn_replication_pad2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                              wk_tensor *grad_input, int32_t pad_left, int32_t pad_right,
                                              int32_t pad_top, int32_t pad_bottom)
{
    plane_geom g;
    resample_map m;
    const char *op = "SpatialReplicationPadding";
    if (pad_setup(op, REPLICATE, input, pad_left, pad_right, pad_top, pad_bottom, &g, &m) != WK_OK)
        return wk_last_status();
    return run_map(op, input, grad_output, grad_input, &g, &m);
}

int wk_nn_zero_pad2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t pad_left, int32_t pad_right,
                                   int32_t pad_top, int32_t pad_bottom)
{
    plane_geom g;
    resample_map m;
    const char *op = "SpatialZeroPadding";
    if (pad_setup(op, ZERO, input, pad_left, pad_right, pad_top, pad_bottom, &g, &m) != WK_OK)
        return wk_last_status();
    return run_map(op, input, NULL, output, &g, &m);
}

int wk_nn_zero_pad2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                       int32_t pad_left, int32_t pad_right, int32_t pad_top, int32_t pad_bottom)
{
    plane_geom g;
    resample_map m;
    const char *op = "SpatialZeroPadding";
    if (pad_setup(op, ZERO, input, pad_left, pad_right, pad_top, pad_bottom, &g, &m) != WK_OK)
        return wk_last_status();
    return run_map(op, input, grad_output, grad_input, &g, &m);
}
