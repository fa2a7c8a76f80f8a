/*
 * nn_pool.c — pooling kernels for nn: max pooling (SpatialMaxPooling, VolumetricMaxPooling,
 * TemporalMaxPooling), max unpooling, average pooling (SpatialAveragePooling) and adaptive
 * pooling (SpatialAdaptiveMaxPooling, SpatialAdaptiveAveragePooling). Float and double.
 *
 * Every kernel sees its input as `planes` independent planes of T x H x W elements (T = 1 for the
 * spatial kernels): planes = N*C for a batch, C for one sample; a temporal input T x F is one
 * plane of 1 x T x F pooled along its rows. Planes are split across threads; each writes only its
 * own plane of the result, so no two threads touch one element and results do not depend on the
 * thread count.
 *
 * Max pooling keeps, per output element, the 1-based position of the maximum inside its input
 * plane (Torch7's convention, which SpatialMaxUnpooling reads); the input gradient scatters
 * gradOutput to those positions. NaN wins every comparison, so a NaN in a window comes out.
 *
 * The window loops are specialised for the common 2x2 stride-2 unpadded case (the LeNet/VGG
 * pooling), where the loop over a window disappears; everything else takes the general loop.
 *
 * Not here: convolution (nn_conv.c), upsampling and padding (nn_upsample.c).
 */
#include "nn_real.h"
#include "nn_conv.h"   /* conv_gemm_available: AVX2 and FMA at run time */
#include <math.h>
#include <omp.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

/* ------------------------------------------------------------------------------------------- */
/* Geometry                                                                                     */

typedef struct {
    int64_t planes;                    /* independent planes (N*C) */
    int64_t in[3], out[3];             /* T, H, W of a plane, input and output */
    int64_t k[3], stride[3], pad[3], dil[3];
    int64_t in_volume, out_volume;
} pool_geom;

/* The shape of the result: input's leading dims, then the output's spatial sizes. */
typedef struct {
    int32_t ndim;
    int64_t sizes[5];
} result_shape;

static int check_input(const char *op, const wk_tensor *input, int32_t spatial)
{
    if (nn_check_real(op, "input", input, false) != WK_OK) return wk_last_status();
    if (input->ndim != spatial + 1 && input->ndim != spatial + 2)
        return wk_error(WK_ESHAPE, "%s: input must be %d-d or %d-d (batch), got %s", op, spatial + 1, spatial + 2,
                        WK_DESC(input));
    if (wk_tensor_numel(input) == 0) return wk_error(WK_ESHAPE, "%s: input %s is empty", op, WK_DESC(input));
    return WK_OK;
}

/* planes and spatial input sizes from an input of `spatial` (2 or 3) trailing spatial dims. */
static void geom_planes(pool_geom *g, const wk_tensor *input, int32_t spatial)
{
    memset(g, 0, sizeof *g);
    g->planes = 1;
    for (int32_t d = 0; d < input->ndim - spatial; d++) g->planes *= input->sizes[d];
    for (int i = 0; i < 3; i++) {
        int32_t axis = i - (3 - spatial);
        g->in[i] = axis < 0 ? 1 : input->sizes[input->ndim - spatial + axis];
        g->k[i] = g->stride[i] = g->dil[i] = 1;
    }
    g->in_volume = g->in[0] * g->in[1] * g->in[2];
}

/* Sliding windows: output sizes as Torch7's THNN computes them, with the ceil-mode fix-up. */
static int geom_windows(pool_geom *g, const char *op, const wk_tensor *input, const int64_t *k, const int64_t *stride,
                        const int64_t *pad, const int64_t *dil, bool ceil_mode)
{
    for (int i = 0; i < 3; i++) {
        g->k[i] = k[i], g->stride[i] = stride[i], g->pad[i] = pad[i], g->dil[i] = dil[i];
        if (k[i] < 1 || stride[i] < 1 || dil[i] < 1 || pad[i] < 0)
            return wk_error(WK_EINVAL, "%s: bad arguments (kernel %lld, stride %lld, padding %lld, dilation %lld)",
                            op, (long long)k[i], (long long)stride[i], (long long)pad[i], (long long)dil[i]);
        if (pad[i] > k[i] / 2)
            return wk_error(WK_EINVAL, "%s: padding %lld must be at most half the kernel size %lld", op,
                            (long long)pad[i], (long long)k[i]);
        int64_t span = dil[i] * (k[i] - 1) + 1, room = g->in[i] + 2 * pad[i] - span;
        if (room < 0)
            return wk_error(WK_ESHAPE, "%s: input %s is too small for a %lld-wide window (padding %lld)", op,
                            WK_DESC(input), (long long)span, (long long)pad[i]);
        g->out[i] = (ceil_mode ? (room + stride[i] - 1) / stride[i] : room / stride[i]) + 1;
        /* the last window must start inside the input or its start padding */
        if ((g->out[i] - 1) * stride[i] >= g->in[i] + pad[i]) g->out[i]--;
    }
    g->out_volume = g->out[0] * g->out[1] * g->out[2];
    return WK_OK;
}

static void shape_of(result_shape *r, const wk_tensor *input, int32_t spatial, const pool_geom *g)
{
    r->ndim = input->ndim;
    for (int32_t d = 0; d < input->ndim - spatial; d++) r->sizes[d] = input->sizes[d];
    for (int32_t i = 0; i < spatial; i++) r->sizes[input->ndim - spatial + i] = g->out[3 - spatial + i];
}

/* ------------------------------------------------------------------------------------------- */
/* Tensors                                                                                      */

static int threads_for(int64_t planes, int64_t work)
{
    if (planes < 2 || work < 2 * WK_GRAIN || omp_in_parallel()) return 1;
    return wk_get_num_threads();
}

/* out gets `sizes` (contiguous) and the dtype it must have. */
static int shape_result(const char *op, const char *name, wk_tensor *out, int32_t dtype, int32_t ndim,
                        const int64_t *sizes)
{
    if (out->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "%s: %s is not on the CPU", op, name);
    if (out->dtype != dtype)
        return wk_error(WK_EINVAL, "%s: %s %s should be a %s tensor", op, name, WK_DESC(out),
                        wk_dtype_get(dtype)->torch_name);
    if (out->storage && out->ndim == ndim && wk_tensor_is_contiguous(out)) {
        bool same = true;
        for (int32_t d = 0; d < ndim; d++) same = same && out->sizes[d] == sizes[d];
        if (same) return WK_OK;
    }
    return wk_tensor_resize(out, ndim, sizes);
}

/* A contiguous version of a read-only tensor: t itself (*copy NULL) or a copy to free. */
static const void *contiguous_data(const wk_tensor *t, wk_tensor **copy)
{
    *copy = NULL;
    if (wk_tensor_is_contiguous(t)) return wk_tensor_data(t);
    *copy = wk_tensor_new_clone(t);
    return *copy ? wk_tensor_data(*copy) : NULL;
}

/* grad (of `what`) has `like`'s dtype and the element count of sizes. */
static int check_grad(const char *op, const wk_tensor *grad, const wk_tensor *like, int32_t ndim, const int64_t *sizes)
{
    if (grad->dtype != like->dtype || grad->device != WK_CPU || wk_tensor_numel(grad) != wk_sizes_numel(ndim, sizes))
        return wk_error(WK_ESHAPE, "%s: gradOutput %s does not match the output's size for input %s", op,
                        WK_DESC(grad), WK_DESC(like));
    return WK_OK;
}

static int check_indices(const char *op, const wk_tensor *indices, int64_t numel)
{
    if (indices->dtype != WK_I64 || indices->device != WK_CPU || wk_tensor_numel(indices) != numel)
        return wk_error(WK_ESHAPE, "%s: indices %s should be a LongTensor of %lld elements (from the forward)", op,
                        WK_DESC(indices), (long long)numel);
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* Max pooling                                                                                  */

/* 2x2 windows, stride 2, no padding: four fixed neighbours. */
static bool is_2x2(const pool_geom *g)
{
    return g->in[0] == 1 && g->k[1] == 2 && g->k[2] == 2 && g->stride[1] == 2 && g->stride[2] == 2 &&
           g->pad[1] == 0 && g->pad[2] == 0 && g->dil[1] == 1 && g->dil[2] == 1 && 2 * g->out[1] <= g->in[1] &&
           2 * g->out[2] <= g->in[2];
}

/* The 2x2 windows of output row oy from ox0 on, one at a time: the best of p, p+1, p+W, p+W+1 in
 * that order (a later one wins only when larger, or NaN), as the general loop below decides. */
static inline void max_2x2_tail(const float *in, float *out, int64_t *idx, int64_t W, int64_t oW, int64_t oy,
                                int64_t ox0)
{
    for (int64_t ox = ox0; ox < oW; ox++) {
        int64_t p = 2 * oy * W + 2 * ox, best = p;
        float m = in[p], v;
        if ((v = in[p + 1]) > m || v != v) m = v, best = p + 1;
        if ((v = in[p + W]) > m || v != v) m = v, best = p + W;
        if ((v = in[p + W + 1]) > m || v != v) m = v, best = p + W + 1;
        out[oy * oW + ox] = m;
        idx[oy * oW + ox] = best + 1;
    }
}

#if defined(__x86_64__)
/* 8 windows at a time: the even and odd columns of two rows, split with shuffles, compared in
 * the scalar order; the winners' positions as int32 lanes, widened to int64 for indices. */
__attribute__((target("avx2,fma"))) static void max_pool_2x2_avx2(const pool_geom *g, const float *in, float *out,
                                                                   int64_t *idx)
{
    const int64_t W = g->in[2], oW = g->out[2];
    const __m256i lane = _mm256_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14);
    for (int64_t oy = 0; oy < g->out[1]; oy++) {
        const float *r0 = in + 2 * oy * W, *r1 = r0 + W;
        int64_t ox = 0;
        for (; ox + 8 <= oW; ox += 8) {
            __m256 a0 = _mm256_loadu_ps(r0 + 2 * ox), a1 = _mm256_loadu_ps(r0 + 2 * ox + 8);
            __m256 b0 = _mm256_loadu_ps(r1 + 2 * ox), b1 = _mm256_loadu_ps(r1 + 2 * ox + 8);
            /* shuffle gives per 128-bit lane [x0 x2 y0 y2]; permute4x64 puts the lanes in order */
            __m256 v0 = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(a0, a1, 0x88)), 0xD8));
            __m256 v1 = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(a0, a1, 0xDD)), 0xD8));
            __m256 v2 = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(b0, b1, 0x88)), 0xD8));
            __m256 v3 = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(b0, b1, 0xDD)), 0xD8));
            __m256i base = _mm256_add_epi32(_mm256_set1_epi32((int32_t)(2 * oy * W + 2 * ox)), lane);
            __m256 m = v0;
            __m256i at = base;
            __m256 take = _mm256_or_ps(_mm256_cmp_ps(v1, m, _CMP_GT_OQ), _mm256_cmp_ps(v1, v1, _CMP_UNORD_Q));
            m = _mm256_blendv_ps(m, v1, take);
            at = _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(at),
                                                      _mm256_castsi256_ps(_mm256_add_epi32(base, _mm256_set1_epi32(1))), take));
            take = _mm256_or_ps(_mm256_cmp_ps(v2, m, _CMP_GT_OQ), _mm256_cmp_ps(v2, v2, _CMP_UNORD_Q));
            m = _mm256_blendv_ps(m, v2, take);
            at = _mm256_castps_si256(_mm256_blendv_ps(
                _mm256_castsi256_ps(at), _mm256_castsi256_ps(_mm256_add_epi32(base, _mm256_set1_epi32((int32_t)W))), take));
            take = _mm256_or_ps(_mm256_cmp_ps(v3, m, _CMP_GT_OQ), _mm256_cmp_ps(v3, v3, _CMP_UNORD_Q));
            m = _mm256_blendv_ps(m, v3, take);
            at = _mm256_castps_si256(_mm256_blendv_ps(
                _mm256_castsi256_ps(at), _mm256_castsi256_ps(_mm256_add_epi32(base, _mm256_set1_epi32((int32_t)W + 1))),
                take));
            at = _mm256_add_epi32(at, _mm256_set1_epi32(1));          /* 1-based */
            _mm256_storeu_ps(out + oy * oW + ox, m);
            _mm256_storeu_si256((__m256i *)(idx + oy * oW + ox), _mm256_cvtepi32_epi64(_mm256_castsi256_si128(at)));
            _mm256_storeu_si256((__m256i *)(idx + oy * oW + ox + 4), _mm256_cvtepi32_epi64(_mm256_extracti128_si256(at, 1)));
        }
        max_2x2_tail(in, out, idx, W, oW, oy, ox);
    }
}
#endif

static NN_INLINE void max_pool_plane(bool f64, const pool_geom *g, const void *in, void *out, int64_t *idx)
{
    const int64_t H = g->in[1], W = g->in[2];
    if (!f64 && is_2x2(g)) {
#if defined(__x86_64__)
        /* planes of at most 2^31 elements: the positions fit the int32 lanes */
        if (conv_gemm_available() && g->in_volume < ((int64_t)1 << 31)) {
            max_pool_2x2_avx2(g, in, out, idx);
            return;
        }
#endif
        for (int64_t oy = 0; oy < g->out[1]; oy++) max_2x2_tail(in, out, idx, W, g->out[2], oy, 0);
        return;
    }
    int64_t o = 0;
    for (int64_t ot = 0; ot < g->out[0]; ot++)
        for (int64_t oy = 0; oy < g->out[1]; oy++)
            for (int64_t ox = 0; ox < g->out[2]; ox++, o++) {
                double m = -INFINITY;
                int64_t best = -1;
                for (int64_t kt = 0; kt < g->k[0]; kt++) {
                    int64_t t = ot * g->stride[0] - g->pad[0] + kt * g->dil[0];
                    if (t < 0 || t >= g->in[0]) continue;
                    for (int64_t ky = 0; ky < g->k[1]; ky++) {
                        int64_t y = oy * g->stride[1] - g->pad[1] + ky * g->dil[1];
                        if (y < 0 || y >= H) continue;
                        for (int64_t kx = 0; kx < g->k[2]; kx++) {
                            int64_t x = ox * g->stride[2] - g->pad[2] + kx * g->dil[2];
                            if (x < 0 || x >= W) continue;
                            int64_t p = (t * H + y) * W + x;
                            double v = nn_load(in, p, f64);
                            if (best < 0 || v > m || isnan(v)) {
                                m = v, best = p;
                                if (isnan(v)) goto done;
                            }
                        }
                    }
                }
            done:
                nn_store(out, o, m, f64);
                idx[o] = best + 1;
            }
}

static NN_INLINE void max_pool_forward(bool f64, const pool_geom *g, const void *in, void *out, int64_t *idx)
{
    const int64_t es = f64 ? 8 : 4;
#pragma omp parallel for schedule(static) num_threads(threads_for(g->planes, g->planes * g->in_volume))
    for (int64_t p = 0; p < g->planes; p++)
        max_pool_plane(f64, g, (const char *)in + p * g->in_volume * es, (char *)out + p * g->out_volume * es,
                       idx + p * g->out_volume);
}

/* grad_input (planes x in_volume) = gradOutput scattered to the indices. Returns the number of
 * indices out of range (0 when they came from the forward). */
static NN_INLINE int64_t scatter_grad(bool f64, int64_t planes, int64_t in_volume, int64_t out_volume,
                                      const void *grad_out, void *grad_in, const int64_t *idx)
{
    const int64_t es = f64 ? 8 : 4;
    int64_t bad = 0;
#pragma omp parallel for schedule(static) reduction(+ : bad) num_threads(threads_for(planes, planes * in_volume))
    for (int64_t p = 0; p < planes; p++) {
        char *gi = (char *)grad_in + p * in_volume * es;
        const char *go = (const char *)grad_out + p * out_volume * es;
        const int64_t *ix = idx + p * out_volume;
        memset(gi, 0, (size_t)(in_volume * es));
        for (int64_t o = 0; o < out_volume; o++) {
            int64_t i = ix[o] - 1;
            if (i < 0 || i >= in_volume) {
                bad++;
                continue;
            }
            if (f64)
                ((double *)gi)[i] += ((const double *)go)[o];
            else
                ((float *)gi)[i] += ((const float *)go)[o];
        }
    }
    return bad;
}

/* The input gradient of 2x2 stride-2 windows that tile the plane exactly: each window's four
 * elements are written once (gradOutput at the maximum, zeros elsewhere), instead of zeroing the
 * plane and scattering into it, a second pass over the largest tensor of a small CNN. Returns
 * false, having written nothing useful, when an index lies outside its window. */
static bool scatter_2x2_plane(const pool_geom *g, const float *go, float *gi, const int64_t *ix)
{
    const int64_t W = g->in[2], oW = g->out[2];
    for (int64_t oy = 0; oy < g->out[1]; oy++) {
        float *r0 = gi + 2 * oy * W, *r1 = r0 + W;
        for (int64_t ox = 0; ox < oW; ox++) {
            int64_t o = oy * oW + ox, at = ix[o] - 1 - (2 * oy * W + 2 * ox);
            float v = go[o];
            if (at != 0 && at != 1 && at != W && at != W + 1) return false;
            r0[2 * ox] = at == 0 ? v : 0.0f;
            r0[2 * ox + 1] = at == 1 ? v : 0.0f;
            r1[2 * ox] = at == W ? v : 0.0f;
            r1[2 * ox + 1] = at == W + 1 ? v : 0.0f;
        }
    }
    return true;
}

/* spatial: the trailing dims that make a plane (2 or 3); temporal inputs (T x F, N x T x F) are
 * planes of 2 dims whose input check is the temporal one. */
static int max_pool_update_output(const char *op, const wk_tensor *input, wk_tensor *output, wk_tensor *indices,
                                  int32_t spatial, const int64_t *k, const int64_t *stride, const int64_t *pad,
                                  const int64_t *dil, bool ceil_mode, bool temporal)
{
    pool_geom g;
    result_shape r;
    if (check_input(op, input, temporal ? 1 : spatial) != WK_OK) return wk_last_status();
    geom_planes(&g, input, spatial);
    if (geom_windows(&g, op, input, k, stride, pad, dil, ceil_mode) != WK_OK) return wk_last_status();
    shape_of(&r, input, spatial, &g);
    if (shape_result(op, "output", output, input->dtype, r.ndim, r.sizes) != WK_OK ||
        shape_result(op, "indices", indices, WK_I64, r.ndim, r.sizes) != WK_OK)
        return wk_last_status();
    wk_tensor *copy;
    const void *in = contiguous_data(input, &copy);
    if (!in) return wk_last_status();
    if (input->dtype == WK_F64)
        max_pool_forward(true, &g, in, wk_tensor_data(output), wk_tensor_data(indices));
    else
        max_pool_forward(false, &g, in, wk_tensor_data(output), wk_tensor_data(indices));
    wk_tensor_free(copy);
    return WK_OK;
}

/* The input gradient of anything that keeps argmax indices: grad_input shaped as input, zero
 * except gradOutput summed at the indices. out_volume: outputs per plane. */
static int scatter_update_grad_input(const char *op, const wk_tensor *input, const wk_tensor *grad_output,
                                     wk_tensor *grad_input, const wk_tensor *indices, int64_t planes,
                                     int64_t in_volume, int64_t out_volume, int32_t out_ndim, const int64_t *out_sizes)
{
    if (check_grad(op, grad_output, input, out_ndim, out_sizes) != WK_OK ||
        check_indices(op, indices, planes * out_volume) != WK_OK ||
        shape_result(op, "gradInput", grad_input, input->dtype, input->ndim, input->sizes) != WK_OK)
        return wk_last_status();
    wk_tensor *gcopy, *icopy;
    const void *go = contiguous_data(grad_output, &gcopy);
    const int64_t *ix = go ? contiguous_data(indices, &icopy) : NULL;
    if (!go || !ix) {
        wk_tensor_free(gcopy);
        return wk_last_status();
    }
    int64_t bad = input->dtype == WK_F64
                      ? scatter_grad(true, planes, in_volume, out_volume, go, wk_tensor_data(grad_input), ix)
                      : scatter_grad(false, planes, in_volume, out_volume, go, wk_tensor_data(grad_input), ix);
    wk_tensor_free(gcopy), wk_tensor_free(icopy);
    if (bad) return wk_error(WK_ERANGE, "%s: %lld indices lie outside their input plane", op, (long long)bad);
    return WK_OK;
}

static int max_pool_update_grad_input(const char *op, const wk_tensor *input, const wk_tensor *grad_output,
                                      wk_tensor *grad_input, const wk_tensor *indices, int32_t spatial,
                                      const int64_t *k, const int64_t *stride, const int64_t *pad, const int64_t *dil,
                                      bool ceil_mode, bool temporal)
{
    pool_geom g;
    result_shape r;
    if (check_input(op, input, temporal ? 1 : spatial) != WK_OK) return wk_last_status();
    geom_planes(&g, input, spatial);
    if (geom_windows(&g, op, input, k, stride, pad, dil, ceil_mode) != WK_OK) return wk_last_status();
    shape_of(&r, input, spatial, &g);
    if (input->dtype == WK_F32 && is_2x2(&g) && 2 * g.out[1] == g.in[1] && 2 * g.out[2] == g.in[2] &&
        wk_tensor_is_contiguous(grad_output) && wk_tensor_is_contiguous(indices) &&
        check_grad(op, grad_output, input, r.ndim, r.sizes) == WK_OK &&
        check_indices(op, indices, g.planes * g.out_volume) == WK_OK &&
        shape_result(op, "gradInput", grad_input, input->dtype, input->ndim, input->sizes) == WK_OK) {
        const float *go = wk_tensor_data(grad_output);
        const int64_t *ix = wk_tensor_data(indices);
        float *gi = wk_tensor_data(grad_input);
        int64_t bad = 0;
#pragma omp parallel for schedule(static) reduction(+ : bad) num_threads(threads_for(g.planes, g.planes * g.in_volume))
        for (int64_t p = 0; p < g.planes; p++)
            bad += !scatter_2x2_plane(&g, go + p * g.out_volume, gi + p * g.in_volume, ix + p * g.out_volume);
        if (!bad) return WK_OK;
        /* indices that did not come from this pooling: the general path says so */
    }
    return scatter_update_grad_input(op, input, grad_output, grad_input, indices, g.planes, g.in_volume,
                                     g.out_volume, r.ndim, r.sizes);
}

int wk_nn_max_pool2d_update_output(const wk_tensor *input, wk_tensor *output, wk_tensor *indices, int32_t kW,
                                   int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH,
                                   int32_t dilationW, int32_t dilationH, int32_t ceil_mode)
{
    int64_t k[3] = {1, kH, kW}, s[3] = {1, dH, dW}, p[3] = {0, padH, padW}, d[3] = {1, dilationH, dilationW};
    return max_pool_update_output("SpatialMaxPooling", input, output, indices, 2, k, s, p, d, ceil_mode, false);
}

int wk_nn_max_pool2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                       const wk_tensor *indices, int32_t kW, int32_t kH, int32_t dW, int32_t dH,
                                       int32_t padW, int32_t padH, int32_t dilationW, int32_t dilationH,
                                       int32_t ceil_mode)
{
    int64_t k[3] = {1, kH, kW}, s[3] = {1, dH, dW}, p[3] = {0, padH, padW}, d[3] = {1, dilationH, dilationW};
    return max_pool_update_grad_input("SpatialMaxPooling", input, grad_output, grad_input, indices, 2, k, s, p, d,
                                      ceil_mode, false);
}

int wk_nn_max_pool3d_update_output(const wk_tensor *input, wk_tensor *output, wk_tensor *indices, int32_t kT,
                                   int32_t kW, int32_t kH, int32_t dT, int32_t dW, int32_t dH, int32_t padT,
                                   int32_t padW, int32_t padH, int32_t ceil_mode)
{
    int64_t k[3] = {kT, kH, kW}, s[3] = {dT, dH, dW}, p[3] = {padT, padH, padW}, d[3] = {1, 1, 1};
    return max_pool_update_output("VolumetricMaxPooling", input, output, indices, 3, k, s, p, d, ceil_mode, false);
}

int wk_nn_max_pool3d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                       const wk_tensor *indices, int32_t kT, int32_t kW, int32_t kH, int32_t dT,
                                       int32_t dW, int32_t dH, int32_t padT, int32_t padW, int32_t padH,
                                       int32_t ceil_mode)
{
    int64_t k[3] = {kT, kH, kW}, s[3] = {dT, dH, dW}, p[3] = {padT, padH, padW}, d[3] = {1, 1, 1};
    return max_pool_update_grad_input("VolumetricMaxPooling", input, grad_output, grad_input, indices, 3, k, s, p,
                                      d, ceil_mode, false);
}

/* A temporal input (T x F or N x T x F) is a batch of 1 x T x F planes pooled along T: the 2-d
 * kernel with a kW x 1 window over an input whose "planes" are the samples. */
int wk_nn_temporal_max_pool_update_output(const wk_tensor *input, wk_tensor *output, wk_tensor *indices, int32_t kW,
                                          int32_t dW)
{
    int64_t k[3] = {1, kW, 1}, s[3] = {1, dW, 1}, p[3] = {0, 0, 0}, d[3] = {1, 1, 1};
    return max_pool_update_output("TemporalMaxPooling", input, output, indices, 2, k, s, p, d, false, true);
}

int wk_nn_temporal_max_pool_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                              wk_tensor *grad_input, const wk_tensor *indices, int32_t kW,
                                              int32_t dW)
{
    int64_t k[3] = {1, kW, 1}, s[3] = {1, dW, 1}, p[3] = {0, 0, 0}, d[3] = {1, 1, 1};
    return max_pool_update_grad_input("TemporalMaxPooling", input, grad_output, grad_input, indices, 2, k, s, p, d,
                                      false, true);
}

/* ------------------------------------------------------------------------------------------- */
/* Max unpooling                                                                                */

static NN_INLINE int64_t unpool(bool f64, int64_t planes, int64_t small, int64_t big, const void *in, void *out,
                                const int64_t *idx)
{
    const int64_t es = f64 ? 8 : 4;
    int64_t bad = 0;
#pragma omp parallel for schedule(static) reduction(+ : bad) num_threads(threads_for(planes, planes * big))
    for (int64_t p = 0; p < planes; p++) {
        char *o = (char *)out + p * big * es;
        const char *i = (const char *)in + p * small * es;
        const int64_t *ix = idx + p * small;
        memset(o, 0, (size_t)(big * es));
        for (int64_t j = 0; j < small; j++) {
            int64_t at = ix[j] - 1;
            if (at < 0 || at >= big) {
                bad++;
                continue;
            }
            nn_store(o, at, nn_load(i, j, f64), f64);
        }
    }
    return bad;
}

static NN_INLINE void unpool_grad(bool f64, int64_t planes, int64_t small, int64_t big, const void *grad_out,
                                  void *grad_in, const int64_t *idx)
{
    const int64_t es = f64 ? 8 : 4;
#pragma omp parallel for schedule(static) num_threads(threads_for(planes, planes * small))
    for (int64_t p = 0; p < planes; p++) {
        const char *go = (const char *)grad_out + p * big * es;
        char *gi = (char *)grad_in + p * small * es;
        const int64_t *ix = idx + p * small;
        for (int64_t j = 0; j < small; j++) {
            int64_t at = ix[j] - 1;
            nn_store(gi, j, at >= 0 && at < big ? nn_load(go, at, f64) : 0.0, f64);
        }
    }
}

static int unpool_setup(const char *op, const wk_tensor *input, const wk_tensor *indices, int32_t owidth,
                        int32_t oheight, int64_t *planes, result_shape *r)
{
    if (check_input(op, input, 2) != WK_OK) return wk_last_status();
    if (owidth < 1 || oheight < 1)
        return wk_error(WK_EINVAL, "%s: bad output size %dx%d", op, oheight, owidth);
    if (!wk_tensor_is_same_size(input, indices) || indices->dtype != WK_I64)
        return wk_error(WK_ESHAPE, "%s: indices %s must be a LongTensor the size of the input %s "
                        "(the pooling module's indices)", op, WK_DESC(indices), WK_DESC(input));
    *planes = wk_tensor_numel(input) / (input->sizes[input->ndim - 2] * input->sizes[input->ndim - 1]);
    r->ndim = input->ndim;
    memcpy(r->sizes, input->sizes, (size_t)input->ndim * sizeof(int64_t));
    r->sizes[input->ndim - 2] = oheight;
    r->sizes[input->ndim - 1] = owidth;
    return WK_OK;
}

int wk_nn_max_unpool2d_update_output(const wk_tensor *input, wk_tensor *output, const wk_tensor *indices,
                                     int32_t owidth, int32_t oheight)
{
    const char *op = "SpatialMaxUnpooling";
    int64_t planes;
    result_shape r;
    if (unpool_setup(op, input, indices, owidth, oheight, &planes, &r) != WK_OK ||
        shape_result(op, "output", output, input->dtype, r.ndim, r.sizes) != WK_OK)
        return wk_last_status();
    int64_t small = wk_tensor_numel(input) / planes, big = (int64_t)owidth * oheight;
    wk_tensor *c1, *c2 = NULL;
    const void *in = contiguous_data(input, &c1);
    const int64_t *ix = in ? contiguous_data(indices, &c2) : NULL;
    int64_t bad = 0;
    if (in && ix)
        bad = input->dtype == WK_F64 ? unpool(true, planes, small, big, in, wk_tensor_data(output), ix)
                                     : unpool(false, planes, small, big, in, wk_tensor_data(output), ix);
    wk_tensor_free(c1), wk_tensor_free(c2);
    if (!in || !ix) return wk_last_status();
    if (bad)
        return wk_error(WK_ERANGE, "%s: %lld indices lie outside the %dx%d output plane", op, (long long)bad,
                        oheight, owidth);
    return WK_OK;
}

int wk_nn_max_unpool2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                         const wk_tensor *indices, int32_t owidth, int32_t oheight)
{
    const char *op = "SpatialMaxUnpooling";
    int64_t planes;
    result_shape r;
    if (unpool_setup(op, input, indices, owidth, oheight, &planes, &r) != WK_OK ||
        check_grad(op, grad_output, input, r.ndim, r.sizes) != WK_OK ||
        shape_result(op, "gradInput", grad_input, input->dtype, input->ndim, input->sizes) != WK_OK)
        return wk_last_status();
    int64_t small = wk_tensor_numel(input) / planes, big = (int64_t)owidth * oheight;
    wk_tensor *c1, *c2 = NULL;
    const void *go = contiguous_data(grad_output, &c1);
    const int64_t *ix = go ? contiguous_data(indices, &c2) : NULL;
    if (go && ix) {
        if (input->dtype == WK_F64)
            unpool_grad(true, planes, small, big, go, wk_tensor_data(grad_input), ix);
        else
            unpool_grad(false, planes, small, big, go, wk_tensor_data(grad_input), ix);
    }
    wk_tensor_free(c1), wk_tensor_free(c2);
    return go && ix ? WK_OK : wk_last_status();
}

/* ------------------------------------------------------------------------------------------- */
/* Average pooling                                                                              */

/* The window of output o along one axis: [*start, *end) clipped to the input, and the divisor's
 * share: the window clipped to the padded input (count_include_pad) or to the input. */
static inline int64_t avg_window(const pool_geom *g, int axis, int64_t o, bool include_pad, int64_t *start,
                                 int64_t *end)
{
    int64_t s = o * g->stride[axis] - g->pad[axis];
    int64_t e = s + g->k[axis];
    if (e > g->in[axis] + g->pad[axis]) e = g->in[axis] + g->pad[axis];
    int64_t padded = e - s;
    if (s < 0) s = 0;
    if (e > g->in[axis]) e = g->in[axis];
    *start = s, *end = e;
    return include_pad ? padded : e - s;
}

static NN_INLINE void avg_pool(bool f64, const pool_geom *g, bool include_pad, bool backward, const void *src,
                               void *dst)
{
    const int64_t es = f64 ? 8 : 4, W = g->in[2];
#pragma omp parallel for schedule(static) num_threads(threads_for(g->planes, g->planes * g->in_volume))
    for (int64_t p = 0; p < g->planes; p++) {
        /* forward: src is the input plane, dst the output's; backward: src is gradOutput's, dst gradInput's */
        const char *s = (const char *)src + p * (backward ? g->out_volume : g->in_volume) * es;
        char *d = (char *)dst + p * (backward ? g->in_volume : g->out_volume) * es;
        if (backward) memset(d, 0, (size_t)(g->in_volume * es));
        for (int64_t oy = 0; oy < g->out[1]; oy++) {
            int64_t y0, y1, x0, x1;
            int64_t ny = avg_window(g, 1, oy, include_pad, &y0, &y1);
            for (int64_t ox = 0; ox < g->out[2]; ox++) {
                int64_t nx = avg_window(g, 2, ox, include_pad, &x0, &x1);
                int64_t count = ny * nx, o = oy * g->out[2] + ox;
                if (count <= 0) count = 1;
                if (!backward) {
                    double sum = 0;
                    for (int64_t y = y0; y < y1; y++)
                        for (int64_t x = x0; x < x1; x++) sum += nn_load(s, y * W + x, f64);
                    nn_store(d, o, sum / (double)count, f64);
                } else {
                    double share = nn_load(s, o, f64) / (double)count;
                    for (int64_t y = y0; y < y1; y++)
                        for (int64_t x = x0; x < x1; x++) nn_store(d, y * W + x, nn_load(d, y * W + x, f64) + share, f64);
                }
            }
        }
    }
}

static int avg_pool_setup(const char *op, const wk_tensor *input, pool_geom *g, result_shape *r, int32_t kW,
                          int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH, int32_t ceil_mode)
{
    int64_t k[3] = {1, kH, kW}, s[3] = {1, dH, dW}, p[3] = {0, padH, padW}, d[3] = {1, 1, 1};
    if (check_input(op, input, 2) != WK_OK) return wk_last_status();
    geom_planes(g, input, 2);
    if (geom_windows(g, op, input, k, s, p, d, ceil_mode) != WK_OK) return wk_last_status();
    shape_of(r, input, 2, g);
    return WK_OK;
}

int wk_nn_avg_pool2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t kW, int32_t kH, int32_t dW,
                                   int32_t dH, int32_t padW, int32_t padH, int32_t ceil_mode,
                                   int32_t count_include_pad)
{
    const char *op = "SpatialAveragePooling";
    pool_geom g;
    result_shape r;
    if (avg_pool_setup(op, input, &g, &r, kW, kH, dW, dH, padW, padH, ceil_mode) != WK_OK ||
        shape_result(op, "output", output, input->dtype, r.ndim, r.sizes) != WK_OK)
        return wk_last_status();
    wk_tensor *copy;
    const void *in = contiguous_data(input, &copy);
    if (!in) return wk_last_status();
    if (input->dtype == WK_F64)
        avg_pool(true, &g, count_include_pad, false, in, wk_tensor_data(output));
    else
        avg_pool(false, &g, count_include_pad, false, in, wk_tensor_data(output));
    wk_tensor_free(copy);
    return WK_OK;
}

int wk_nn_avg_pool2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                       int32_t kW, int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH,
                                       int32_t ceil_mode, int32_t count_include_pad)
{
    const char *op = "SpatialAveragePooling";
    pool_geom g;
    result_shape r;
    if (avg_pool_setup(op, input, &g, &r, kW, kH, dW, dH, padW, padH, ceil_mode) != WK_OK ||
        check_grad(op, grad_output, input, r.ndim, r.sizes) != WK_OK ||
        shape_result(op, "gradInput", grad_input, input->dtype, input->ndim, input->sizes) != WK_OK)
        return wk_last_status();
    wk_tensor *copy;
    const void *go = contiguous_data(grad_output, &copy);
    if (!go) return wk_last_status();
    if (input->dtype == WK_F64)
        avg_pool(true, &g, count_include_pad, true, go, wk_tensor_data(grad_input));
    else
        avg_pool(false, &g, count_include_pad, true, go, wk_tensor_data(grad_input));
    wk_tensor_free(copy);
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* Adaptive pooling                                                                             */

static inline int64_t adaptive_start(int64_t o, int64_t out, int64_t in) { return o * in / out; }
static inline int64_t adaptive_end(int64_t o, int64_t out, int64_t in) { return ((o + 1) * in + out - 1) / out; }

/* max (indices non-NULL) or mean of each adaptive window. */
static NN_INLINE void adaptive_pool(bool f64, const pool_geom *g, const void *in, void *out, int64_t *idx)
{
    const int64_t es = f64 ? 8 : 4, H = g->in[1], W = g->in[2];
#pragma omp parallel for schedule(static) num_threads(threads_for(g->planes, g->planes * g->in_volume))
    for (int64_t p = 0; p < g->planes; p++) {
        const char *s = (const char *)in + p * g->in_volume * es;
        char *d = (char *)out + p * g->out_volume * es;
        for (int64_t oy = 0; oy < g->out[1]; oy++) {
            int64_t y0 = adaptive_start(oy, g->out[1], H), y1 = adaptive_end(oy, g->out[1], H);
            for (int64_t ox = 0; ox < g->out[2]; ox++) {
                int64_t x0 = adaptive_start(ox, g->out[2], W), x1 = adaptive_end(ox, g->out[2], W);
                int64_t o = oy * g->out[2] + ox, best = -1;
                double acc = idx ? -INFINITY : 0;
                for (int64_t y = y0; y < y1; y++)
                    for (int64_t x = x0; x < x1; x++) {
                        double v = nn_load(s, y * W + x, f64);
                        if (!idx) {
                            acc += v;
                        } else if (best < 0 || v > acc || (isnan(v) && !isnan(acc))) {
                            acc = v, best = y * W + x;
                        }
                    }
                if (idx) {
                    idx[p * g->out_volume + o] = best + 1;
                    nn_store(d, o, acc, f64);
                } else {
                    nn_store(d, o, acc / (double)((y1 - y0) * (x1 - x0)), f64);
                }
            }
        }
    }
}

static NN_INLINE void adaptive_avg_grad(bool f64, const pool_geom *g, const void *grad_out, void *grad_in)
{
    const int64_t es = f64 ? 8 : 4, H = g->in[1], W = g->in[2];
#pragma omp parallel for schedule(static) num_threads(threads_for(g->planes, g->planes * g->in_volume))
    for (int64_t p = 0; p < g->planes; p++) {
        const char *s = (const char *)grad_out + p * g->out_volume * es;
        char *d = (char *)grad_in + p * g->in_volume * es;
        memset(d, 0, (size_t)(g->in_volume * es));
        for (int64_t oy = 0; oy < g->out[1]; oy++) {
            int64_t y0 = adaptive_start(oy, g->out[1], H), y1 = adaptive_end(oy, g->out[1], H);
            for (int64_t ox = 0; ox < g->out[2]; ox++) {
                int64_t x0 = adaptive_start(ox, g->out[2], W), x1 = adaptive_end(ox, g->out[2], W);
                double share = nn_load(s, oy * g->out[2] + ox, f64) / (double)((y1 - y0) * (x1 - x0));
                for (int64_t y = y0; y < y1; y++)
                    for (int64_t x = x0; x < x1; x++) nn_store(d, y * W + x, nn_load(d, y * W + x, f64) + share, f64);
            }
        }
    }
}

static int adaptive_setup(const char *op, const wk_tensor *input, pool_geom *g, result_shape *r, int64_t owidth,
                          int64_t oheight)
{
    if (check_input(op, input, 2) != WK_OK) return wk_last_status();
    if (owidth < 1 || oheight < 1) return wk_error(WK_EINVAL, "%s: bad output size %lldx%lld", op,
                                                   (long long)oheight, (long long)owidth);
    geom_planes(g, input, 2);
    g->out[0] = 1, g->out[1] = oheight, g->out[2] = owidth;
    g->out_volume = oheight * owidth;
    shape_of(r, input, 2, g);
    return WK_OK;
}

int wk_nn_adaptive_max_pool2d_update_output(const wk_tensor *input, wk_tensor *output, wk_tensor *indices,
                                            int32_t owidth, int32_t oheight)
{
    const char *op = "SpatialAdaptiveMaxPooling";
    pool_geom g;
    result_shape r;
    if (adaptive_setup(op, input, &g, &r, owidth, oheight) != WK_OK ||
        shape_result(op, "output", output, input->dtype, r.ndim, r.sizes) != WK_OK ||
        shape_result(op, "indices", indices, WK_I64, r.ndim, r.sizes) != WK_OK)
        return wk_last_status();
    wk_tensor *copy;
    const void *in = contiguous_data(input, &copy);
    if (!in) return wk_last_status();
    if (input->dtype == WK_F64)
        adaptive_pool(true, &g, in, wk_tensor_data(output), wk_tensor_data(indices));
    else
        adaptive_pool(false, &g, in, wk_tensor_data(output), wk_tensor_data(indices));
    wk_tensor_free(copy);
    return WK_OK;
}

int wk_nn_adaptive_max_pool2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                                wk_tensor *grad_input, const wk_tensor *indices)
{
    const char *op = "SpatialAdaptiveMaxPooling";
    pool_geom g;
    result_shape r;
    if (grad_output->ndim < 2)
        return wk_error(WK_ESHAPE, "%s: gradOutput %s should be the output's size", op, WK_DESC(grad_output));
    int64_t oh = grad_output->sizes[grad_output->ndim - 2], ow = grad_output->sizes[grad_output->ndim - 1];
    if (adaptive_setup(op, input, &g, &r, ow, oh) != WK_OK) return wk_last_status();
    return scatter_update_grad_input(op, input, grad_output, grad_input, indices, g.planes, g.in_volume,
                                     g.out_volume, r.ndim, r.sizes);
}

int wk_nn_adaptive_avg_pool2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t owidth,
                                            int32_t oheight)
{
    const char *op = "SpatialAdaptiveAveragePooling";
    pool_geom g;
    result_shape r;
    if (adaptive_setup(op, input, &g, &r, owidth, oheight) != WK_OK ||
        shape_result(op, "output", output, input->dtype, r.ndim, r.sizes) != WK_OK)
        return wk_last_status();
    wk_tensor *copy;
    const void *in = contiguous_data(input, &copy);
    if (!in) return wk_last_status();
    if (input->dtype == WK_F64)
        adaptive_pool(true, &g, in, wk_tensor_data(output), NULL);
    else
        adaptive_pool(false, &g, in, wk_tensor_data(output), NULL);
    wk_tensor_free(copy);
    return WK_OK;
}

int wk_nn_adaptive_avg_pool2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                                wk_tensor *grad_input)
{
    const char *op = "SpatialAdaptiveAveragePooling";
    pool_geom g;
    result_shape r;
    if (grad_output->ndim < 2)
        return wk_error(WK_ESHAPE, "%s: gradOutput %s should be the output's size", op, WK_DESC(grad_output));
    int64_t oh = grad_output->sizes[grad_output->ndim - 2], ow = grad_output->sizes[grad_output->ndim - 1];
    if (adaptive_setup(op, input, &g, &r, ow, oh) != WK_OK ||
        check_grad(op, grad_output, input, r.ndim, r.sizes) != WK_OK ||
        shape_result(op, "gradInput", grad_input, input->dtype, input->ndim, input->sizes) != WK_OK)
        return wk_last_status();
    wk_tensor *copy;
    const void *go = contiguous_data(grad_output, &copy);
    if (!go) return wk_last_status();
    if (input->dtype == WK_F64)
        adaptive_avg_grad(true, &g, go, wk_tensor_data(grad_input));
    else
        adaptive_avg_grad(false, &g, go, wk_tensor_data(grad_input));
    wk_tensor_free(copy);
    return WK_OK;
}
