/*
 * nn_conv.c — convolution kernels for nn: SpatialConvolution(MM), SpatialDilatedConvolution,
 * SpatialFullConvolution and VolumetricConvolution. Forward pass, input gradient and parameter
 * gradients, float and double: the entry points, their checks and buffers, the split of a batch
 * across threads, and the im2col + BLAS path. The fast float kernels are in nn_conv_gemm.c.
 *
 * A convolution is a matrix product over "columns" (im2col): for a chunk of nb samples,
 *
 *     columns (K x nb*P)    K = C*kT*kH*kW rows, one per (input plane, kernel offset);
 *                           column b*P + p holds what output position p of sample b sees
 *     forward               out (O x nb*P)  = weight (O x K) @ columns
 *     input gradient        gcol (K x nb*P) = weight^T @ gout (O x nb*P), then col2im adds gcol
 *                           back into the input's positions
 *     weight gradient       gweight (O x K) += gout @ columns^T
 *
 * Two ways to run the products:
 *   - float on an AVX2/FMA CPU (nn_conv_gemm.c): the forward pass and the input gradient as
 *     implicit products that never form the columns (packed 16 positions at a time straight from
 *     the image, bias and col2im fused into the tiles' stores); the weight gradient as outer
 *     products over the positions for 3- and 5-wide kernels, and as im2col + OpenBLAS for others.
 *   - everything else (double, other CPUs): im2col of a chunk of samples + one OpenBLAS product
 *     per chunk (conv2 of a LeNet: 64x800 @ 800x(nb*64) rather than 64x800 @ 800x64 per sample,
 *     which BLAS runs at a fraction of its speed). The products' (O x nb*P) side is ordered by
 *     output plane first, the NCHW tensors by sample first: a gather/scatter pass between them is
 *     where the bias is added; a chunk of one sample needs no pass.
 *
 * Threads: each pass is one OpenMP region; the batch is cut into pieces handed out dynamically,
 * and each thread runs the whole pass on its pieces (single-threaded products, scratch of its
 * own), OpenBLAS held to one thread meanwhile (see run_pass). A single sample runs on one thread,
 * its products on OpenBLAS's threads. The weight gradient sums into per-thread buffers that are
 * added at the end, so its float rounding depends on the thread count (as BLAS's does).
 *
 * Buffers (Torch7's finput / fgradInput, resized here, reused across calls): scratch only. The
 * weight gradient unfolds the input again, a chunk at a time in cache, instead of keeping the
 * forward's columns (Torch7 kept them in finput: N*K*P floats that go out to memory and back), so
 * accGradParameters does not depend on a forward of the same input having run.
 *
 * One geometry covers 1, 2 and 3 spatial dimensions: a 2-d convolution is a 3-d one with depth 1.
 * Full (transposed) convolution is the same machinery with the two passes swapped (see the end).
 *
 * Not here: pooling (nn_pool.c), upsampling and padding (nn_upsample.c).
 */
#include "iter.h"   /* WK_GRAIN, internal.h */
#include "nn_conv.h"
#include <cblas.h>
#include <omp.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------- */
/* Geometry                                                                                     */


static const char *dtype_name(int32_t dtype) { return wk_dtype_get(dtype) ? wk_dtype_get(dtype)->name : "?"; }

/* Fills g from the input's shape (spatial = 2 or 3 dims, optionally after a batch dim) and the
 * kernel arguments; checks everything. Output sizes follow Torch7: floor((in + 2 pad - dil (k-1)
 * - 1) / stride) + 1. */
static int geom_init(conv_geom *g, const char *op, const wk_tensor *input, int32_t spatial, int64_t out_planes,
                     int64_t in_planes, const int64_t *k, const int64_t *stride, const int64_t *pad,
                     const int64_t *dil)
{
    if (input->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "%s: %s is not on the CPU", op, WK_DESC(input));
    if (input->dtype != WK_F32 && input->dtype != WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: %s: only float and double are supported", op, WK_DESC(input));
    if (input->ndim != spatial + 1 && input->ndim != spatial + 2)
        return wk_error(WK_ESHAPE, "%s: input must be %d-d or %d-d (batch), got %s", op, spatial + 1, spatial + 2,
                        WK_DESC(input));
    bool batched = input->ndim == spatial + 2;
    int32_t d0 = batched ? 1 : 0;
    memset(g, 0, sizeof *g);
    g->batch = batched ? input->sizes[0] : 1;
    g->in_planes = in_planes;
    g->out_planes = out_planes;
    if (input->sizes[d0] != in_planes)
        return wk_error(WK_ESHAPE, "%s: input %s should have %lld planes (dimension %d), got %lld", op,
                        WK_DESC(input), (long long)in_planes, d0 + 1, (long long)input->sizes[d0]);
    for (int i = 0; i < 3; i++) {
        int32_t axis = i - (3 - spatial);                /* -1 for depth in the 2-d case */
        g->in[i] = axis < 0 ? 1 : input->sizes[d0 + 1 + axis];
        g->k[i] = k[i], g->stride[i] = stride[i], g->pad[i] = pad[i], g->dil[i] = dil[i];
        if (k[i] < 1 || stride[i] < 1 || pad[i] < 0 || dil[i] < 1)
            return wk_error(WK_EINVAL,
                            "%s: bad kernel arguments (kernel %lld, stride %lld, padding %lld, dilation %lld): "
                            "kernel, stride and dilation must be >= 1 and padding >= 0",
                            op, (long long)k[i], (long long)stride[i], (long long)pad[i], (long long)dil[i]);
        int64_t span = dil[i] * (k[i] - 1) + 1;
        int64_t room = g->in[i] + 2 * pad[i] - span;
        g->out[i] = room < 0 ? 0 : room / stride[i] + 1;
        if (g->out[i] < 1)
            return wk_error(WK_ESHAPE,
                            "%s: input %s is too small: a kernel spanning %lld with padding %lld leaves no output "
                            "(dimension %d is %lld)",
                            op, WK_DESC(input), (long long)span, (long long)pad[i], d0 + 2 + axis,
                            (long long)g->in[i]);
    }
    g->in_volume = g->in[0] * g->in[1] * g->in[2];
    g->out_volume = g->out[0] * g->out[1] * g->out[2];
    g->kernel_volume = g->k[0] * g->k[1] * g->k[2];
    g->rows = in_planes * g->kernel_volume;
    return WK_OK;
}

/* The output's shape: [N,] O, (T,) H, W. */
static int32_t geom_out_sizes(const conv_geom *g, bool batched, int32_t spatial, int64_t *sizes)
{
    int32_t n = 0;
    if (batched) sizes[n++] = g->batch;
    sizes[n++] = g->out_planes;
    for (int i = 3 - spatial; i < 3; i++) sizes[n++] = g->out[i];
    return n;
}

/* Samples per chunk: columns of about CHUNK_ELEMENTS elements, so the chunk's columns stay in
 * cache between im2col and the product that reads them. */
enum { CHUNK_ELEMENTS = 1 << 19 };
static int64_t geom_chunk(const conv_geom *g)
{
    int64_t per_sample = g->rows * g->out_volume;
    int64_t nb = per_sample > 0 ? CHUNK_ELEMENTS / per_sample : g->batch;
    if (nb < 1) nb = 1;
    if (nb > g->batch) nb = g->batch;
    return nb;
}

/* ------------------------------------------------------------------------------------------- */
/* Threads                                                                                      */

/* Threads for a loop of `items` items with `work` elements in all: one below the grain, never
 * inside another parallel region. */
static int loop_threads(int64_t items, int64_t work)
{
    if (items < 2 || work < 2 * WK_GRAIN || omp_in_parallel()) return 1;
    int threads = wk_get_num_threads();
    return threads < 1 ? 1 : threads;
}

/* ------------------------------------------------------------------------------------------- */
/* BLAS                                                                                         */

/* c (m x n) = alpha * op(a) @ op(b) + beta * c, row-major, through OpenBLAS. */
static void gemm(int32_t dtype, bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, double alpha,
                 const void *a, int64_t lda, const void *b, int64_t ldb, double beta, void *c, int64_t ldc)
{
    CBLAS_TRANSPOSE ta = trans_a ? CblasTrans : CblasNoTrans, tb = trans_b ? CblasTrans : CblasNoTrans;
    if (dtype == WK_F32)
        cblas_sgemm(CblasRowMajor, ta, tb, (int)m, (int)n, (int)k, (float)alpha, a, (int)lda, b, (int)ldb,
                    (float)beta, c, (int)ldc);
    else
        cblas_dgemm(CblasRowMajor, ta, tb, (int)m, (int)n, (int)k, alpha, a, (int)lda, b, (int)ldb, beta, c,
                    (int)ldc);
}

/* ------------------------------------------------------------------------------------------- */
/* im2col, col2im and the passes between the products and NCHW tensors, per element type       */

/* The output positions o (0 <= o < n) whose input coordinate o*stride + offset lies in [0, size):
 * [*lo, *hi). */
static inline void valid_range(int64_t offset, int64_t stride, int64_t size, int64_t n, int64_t *lo, int64_t *hi)
{
    int64_t a = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
    int64_t b = size - 1 - offset < 0 ? 0 : (size - 1 - offset) / stride + 1;
    if (b > n) b = n;
    if (a > b) a = b;
    *lo = a, *hi = b;
}

/* im2col: columns[r][b*P + p] for the nb samples at `input` (contiguous C x T x H x W each).
 * Rows r = ((c*kT + kt)*kH + ky)*kW + kx. One item per (row, sample): P contiguous elements. */
#define DEFINE_IM2COL(T, NAME)                                                                          \
    static void im2col_##NAME(const conv_geom *g, const T *input, int64_t nb, T *columns)               \
    {                                                                                                   \
        const int64_t P = g->out_volume, ncols = nb * P, items = g->rows * nb;                          \
        const int64_t kvol = g->kernel_volume, khw = g->k[1] * g->k[2];                                 \
        _Pragma("omp parallel for schedule(static) num_threads(loop_threads(items, items * P))")        \
        for (int64_t item = 0; item < items; item++) {                                                  \
            int64_t r = item / nb, b = item % nb, c = r / kvol, rem = r % kvol;                         \
            int64_t kt = rem / khw, ky = rem % khw / g->k[2], kx = rem % g->k[2];                       \
            const T *plane = input + (b * g->in_planes + c) * g->in_volume;                             \
            T *dst = columns + r * ncols + b * P;                                                       \
            int64_t x0 = kx * g->dil[2] - g->pad[2], lo, hi;                                            \
            valid_range(x0, g->stride[2], g->in[2], g->out[2], &lo, &hi);                               \
            for (int64_t ot = 0; ot < g->out[0]; ot++) {                                                \
                int64_t it = ot * g->stride[0] - g->pad[0] + kt * g->dil[0];                            \
                for (int64_t oy = 0; oy < g->out[1]; oy++, dst += g->out[2]) {                          \
                    int64_t iy = oy * g->stride[1] - g->pad[1] + ky * g->dil[1];                        \
                    if (it < 0 || it >= g->in[0] || iy < 0 || iy >= g->in[1]) {                         \
                        memset(dst, 0, (size_t)g->out[2] * sizeof(T));                                  \
                        continue;                                                                       \
                    }                                                                                   \
                    const T *src = plane + (it * g->in[1] + iy) * g->in[2] + x0;                        \
                    for (int64_t ox = 0; ox < lo; ox++) dst[ox] = 0;                                    \
                    if (g->stride[2] == 1)                                                              \
                        memcpy(dst + lo, src + lo, (size_t)(hi - lo) * sizeof(T));                      \
                    else                                                                                \
                        for (int64_t ox = lo; ox < hi; ox++) dst[ox] = src[ox * g->stride[2]];          \
                    for (int64_t ox = hi; ox < g->out[2]; ox++) dst[ox] = 0;                            \
                }                                                                                       \
            }                                                                                           \
        }                                                                                               \
    }

/* col2im: the nb samples' input gradient (C x T x H x W each) = the sum of the columns over the
 * positions they were read from. One item per (sample, plane): each writes only its own plane. */
#define DEFINE_COL2IM(T, NAME)                                                                          \
    static void col2im_##NAME(const conv_geom *g, const T *columns, int64_t nb, T *grad_input)          \
    {                                                                                                   \
        const int64_t P = g->out_volume, ncols = nb * P, items = nb * g->in_planes;                     \
        const int64_t khw = g->k[1] * g->k[2];                                                          \
        _Pragma("omp parallel for schedule(static) num_threads(loop_threads(items, items * P * g->kernel_volume))") \
        for (int64_t item = 0; item < items; item++) {                                                  \
            int64_t b = item / g->in_planes, c = item % g->in_planes;                                   \
            T *plane = grad_input + (b * g->in_planes + c) * g->in_volume;                              \
            memset(plane, 0, (size_t)g->in_volume * sizeof(T));                                         \
            for (int64_t rem = 0; rem < g->kernel_volume; rem++) {                                      \
                int64_t kt = rem / khw, ky = rem % khw / g->k[2], kx = rem % g->k[2];                   \
                const T *src = columns + (c * g->kernel_volume + rem) * ncols + b * P;                  \
                int64_t x0 = kx * g->dil[2] - g->pad[2], lo, hi;                                        \
                valid_range(x0, g->stride[2], g->in[2], g->out[2], &lo, &hi);                           \
                for (int64_t ot = 0; ot < g->out[0]; ot++) {                                            \
                    int64_t it = ot * g->stride[0] - g->pad[0] + kt * g->dil[0];                        \
                    for (int64_t oy = 0; oy < g->out[1]; oy++, src += g->out[2]) {                      \
                        int64_t iy = oy * g->stride[1] - g->pad[1] + ky * g->dil[1];                    \
                        if (it < 0 || it >= g->in[0] || iy < 0 || iy >= g->in[1]) continue;             \
                        T *dst = plane + (it * g->in[1] + iy) * g->in[2] + x0;                          \
                        if (g->stride[2] == 1)                                                          \
                            for (int64_t ox = lo; ox < hi; ox++) dst[ox] += src[ox];                    \
                        else                                                                            \
                            for (int64_t ox = lo; ox < hi; ox++) dst[ox * g->stride[2]] += src[ox];     \
                    }                                                                                   \
                }                                                                                       \
            }                                                                                           \
        }                                                                                               \
    }

/* scatter: out[b][o][p] = side[o][b*P + p] + bias[o] (bias may be NULL): the product's side back
 * to the nb samples' NCHW output. gather: side[o][b*P + p] = src[b][o][p], the other way. */
#define DEFINE_PASSES(T, NAME)                                                                          \
    static void scatter_##NAME(const T *side, int64_t planes, int64_t P, int64_t nb, const T *bias, T *out) \
    {                                                                                                   \
        const int64_t items = nb * planes;                                                              \
        _Pragma("omp parallel for schedule(static) num_threads(loop_threads(items, items * P))")        \
        for (int64_t item = 0; item < items; item++) {                                                  \
            int64_t b = item / planes, o = item % planes;                                               \
            const T *src = side + o * nb * P + b * P;                                                   \
            T *dst = out + item * P, add = bias ? bias[o] : 0;                                          \
            for (int64_t p = 0; p < P; p++) dst[p] = src[p] + add;                                      \
        }                                                                                               \
    }                                                                                                   \
    static void gather_##NAME(const T *src, int64_t planes, int64_t P, int64_t nb, T *side)             \
    {                                                                                                   \
        const int64_t items = nb * planes;                                                              \
        _Pragma("omp parallel for schedule(static) num_threads(loop_threads(items, items * P))")        \
        for (int64_t item = 0; item < items; item++) {                                                  \
            int64_t o = item / nb, b = item % nb;                                                       \
            memcpy(side + o * nb * P + b * P, src + (b * planes + o) * P, (size_t)P * sizeof(T));       \
        }                                                                                               \
    }                                                                                                   \
    /* out[o] (+)= scale * sum of rows[o][0..n) (or of nb planes' worth when planar) */                 \
    static void row_sums_##NAME(const T *rows, int64_t count, int64_t n, double scale, T *out)          \
    {                                                                                                   \
        for (int64_t o = 0; o < count; o++) {                                                           \
            const T *row = rows + o * n;                                                                \
            double sum = 0;                                                                             \
            for (int64_t i = 0; i < n; i++) sum += row[i];                                              \
            out[o] += (T)(scale * sum);                                                                 \
        }                                                                                               \
    }                                                                                                   \
    static void fill_bias_##NAME(T *out, int64_t planes, int64_t P, const T *bias)                      \
    {                                                                                                   \
        for (int64_t o = 0; o < planes; o++)                                                            \
            for (int64_t p = 0; p < P; p++) out[o * P + p] = bias ? bias[o] : 0;                        \
    }                                                                                                   \
    /* data (n x planes x V) += bias[plane] */                                                          \
    static void add_plane_bias_##NAME(T *data, int64_t n, int64_t planes, int64_t V, const T *bias)     \
    {                                                                                                   \
        for (int64_t i = 0; i < n * planes; i++)                                                        \
            for (int64_t v = 0; v < V; v++) data[i * V + v] += bias[i % planes];                        \
    }                                                                                                   \
    /* out[plane] += scale * sum of data (n x planes x V) over n and V */                               \
    static void plane_sums_##NAME(const T *data, int64_t n, int64_t planes, int64_t V, double scale, T *out) \
    {                                                                                                   \
        for (int64_t c = 0; c < planes; c++) {                                                          \
            double sum = 0;                                                                             \
            for (int64_t b = 0; b < n; b++)                                                             \
                for (int64_t v = 0; v < V; v++) sum += data[(b * planes + c) * V + v];                  \
            out[c] += (T)(scale * sum);                                                                 \
        }                                                                                               \
    }

DEFINE_IM2COL(float, f32)
DEFINE_IM2COL(double, f64)
DEFINE_COL2IM(float, f32)
DEFINE_COL2IM(double, f64)
DEFINE_PASSES(float, f32)
DEFINE_PASSES(double, f64)

/* The per-type functions, picked once at each entry. */
typedef struct {
    void (*im2col)(const conv_geom *g, const void *input, int64_t nb, void *columns);
    void (*col2im)(const conv_geom *g, const void *columns, int64_t nb, void *grad_input);
    void (*scatter)(const void *side, int64_t planes, int64_t P, int64_t nb, const void *bias, void *out);
    void (*gather)(const void *src, int64_t planes, int64_t P, int64_t nb, void *side);
    void (*row_sums)(const void *rows, int64_t count, int64_t n, double scale, void *out);
    void (*fill_bias)(void *out, int64_t planes, int64_t P, const void *bias);
    void (*add_plane_bias)(void *data, int64_t n, int64_t planes, int64_t V, const void *bias);
    void (*plane_sums)(const void *data, int64_t n, int64_t planes, int64_t V, double scale, void *out);
    int64_t size;
} conv_kernels;

#define KERNELS(NAME, T)                                                                                \
    {                                                                                                   \
        (void (*)(const conv_geom *, const void *, int64_t, void *))im2col_##NAME,                      \
        (void (*)(const conv_geom *, const void *, int64_t, void *))col2im_##NAME,                      \
        (void (*)(const void *, int64_t, int64_t, int64_t, const void *, void *))scatter_##NAME,        \
        (void (*)(const void *, int64_t, int64_t, int64_t, void *))gather_##NAME,                       \
        (void (*)(const void *, int64_t, int64_t, double, void *))row_sums_##NAME,                      \
        (void (*)(void *, int64_t, int64_t, const void *))fill_bias_##NAME,                             \
        (void (*)(void *, int64_t, int64_t, int64_t, const void *))add_plane_bias_##NAME,               \
        (void (*)(const void *, int64_t, int64_t, int64_t, double, void *))plane_sums_##NAME, sizeof(T) \
    }
static const conv_kernels kernels_f32 = KERNELS(f32, float);
static const conv_kernels kernels_f64 = KERNELS(f64, double);

static const conv_kernels *kernels_for(int32_t dtype) { return dtype == WK_F32 ? &kernels_f32 : &kernels_f64; }

/* ------------------------------------------------------------------------------------------- */
/* Argument checks and buffers                                                                  */

/* t's dtype and device match the input's; t holds exactly `numel` elements (any shape). */
static int check_param(const char *op, const char *name, const wk_tensor *t, const wk_tensor *input, int64_t numel)
{
    if (t->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "%s: %s %s is not on the CPU", op, name, WK_DESC(t));
    if (t->dtype != input->dtype)
        return wk_error(WK_EINVAL, "%s: %s is %s but the input is %s (convert the module with :type())", op, name,
                        WK_DESC(t), WK_DESC(input));
    if (wk_tensor_numel(t) != numel || (t->ndim == 0 && !t->storage))
        return wk_error(WK_ESHAPE, "%s: %s %s should have %lld elements", op, name, WK_DESC(t), (long long)numel);
    return WK_OK;
}

/* A contiguous version of a read-only argument: t itself (*copy NULL) or a copy to free. */
static int contiguous_arg(const wk_tensor *t, const void **data, wk_tensor **copy)
{
    *copy = NULL;
    if (!wk_tensor_is_contiguous(t)) {
        if (!(*copy = wk_tensor_new_clone(t))) return wk_last_status();
        t = *copy;
    }
    *data = wk_tensor_data(t);
    return WK_OK;
}

/* A scratch buffer of at least `numel` elements of `dtype` in t (resized as 1-d when smaller). */
static int scratch(const char *op, wk_tensor *t, int32_t dtype, int64_t numel, void **data)
{
    if (t->dtype != dtype)
        return wk_error(WK_EINVAL, "%s: buffer %s does not match the input's type %s (convert with :type())", op,
                        WK_DESC(t), dtype_name(dtype));
    if (!t->storage || !wk_tensor_is_contiguous(t) || wk_tensor_numel(t) < numel) {
        int rc = wk_tensor_resize(t, 1, &numel);
        if (rc != WK_OK) return rc;
    }
    *data = wk_tensor_data(t);
    return WK_OK;
}

/* Resizes out to `sizes` (a no-op when it has them and is contiguous). */
static int shape_output(wk_tensor *out, const wk_tensor *like, int32_t ndim, const int64_t *sizes, const char *op)
{
    if (out->dtype != like->dtype)
        return wk_error(WK_EINVAL, "%s: result %s does not match the input's type %s", op, WK_DESC(out),
                        WK_DESC(like));
    if (out->storage && out->ndim == ndim && wk_tensor_is_contiguous(out)) {
        bool same = true;
        for (int32_t d = 0; d < ndim; d++) same = same && out->sizes[d] == sizes[d];
        if (same) return WK_OK;
    }
    return wk_tensor_resize(out, ndim, sizes);
}

/* ------------------------------------------------------------------------------------------- */
/* The three passes, on raw contiguous data                                                     */

/* Splitting a batch across threads. Each thread takes a contiguous share of the samples and runs
 * the whole pass on it, a chunk at a time (im2col, a single-threaded product, the NCHW pass), in
 * scratch of its own: one parallel region per pass, no barrier between the steps, and a chunk's
 * columns stay in its core's cache from im2col to the product. OpenBLAS is held to one thread
 * meanwhile. (Alternating OpenMP loops with OpenBLAS's own threads a dozen times per pass, the
 * first design, ran 2-5x slower on 2 busy cores: each switch left one pool spinning while the
 * other worked, and each parallel region waited for a thread that had lost its core.)
 * A single sample runs on one thread with OpenBLAS's threads for its product instead. */
int openblas_get_num_threads(void);
void openblas_set_num_threads(int n);

static int split_threads(const conv_geom *g)
{
    int threads = wk_get_num_threads();
    if (g->batch < 2 || omp_in_parallel() ||
        g->batch * g->out_planes * g->rows * g->out_volume < 64 * (int64_t)WK_GRAIN)
        return 1;
    return threads < g->batch ? threads : (int)g->batch;
}

typedef struct {
    const conv_geom *g;
    int32_t dtype;
    bool fast;                         /* float through nn_conv_gemm.c */
    const char *input;                 /* N x C x in_volume (forward; weight gradient's image) */
    const char *grad_output;           /* N x O x P */
    char *output;                      /* N x O x P (forward) or N x C x in_volume (input gradient) */
    const void *weight, *bias;
    const float *packed;               /* the weight (or its transpose) packed, for the fast path */
    char *scratch;                     /* per thread, scratch_stride elements each */
    int64_t scratch_stride;
    int64_t work;                      /* weight gradient: where a thread's private gradient starts */
    bool direct;                       /* forward or weight gradient through their direct kernels */
    void *grad_weight, *grad_bias;
    double scale;
} pass_args;

typedef void (*pass_fn)(const pass_args *a, int thread, int64_t b0, int64_t b1);

/* Runs the pass over the batch in PIECES_PER_THREAD pieces per thread, handed out dynamically:
 * on a shared machine a thread that loses its core for a while leaves its pieces to the others
 * instead of holding up the pass (a static half each ran up to 2x slower under load). Returns the
 * number of threads that took part. */
enum { PIECES_PER_THREAD = 4 };

static int run_pass(const pass_args *a, pass_fn pass)
{
    int threads = split_threads(a->g), ran = 1;
    if (threads <= 1) {
        pass(a, 0, 0, a->g->batch);
        return 1;
    }
    const int64_t batch = a->g->batch;
    int64_t pieces = (int64_t)threads * PIECES_PER_THREAD;
    if (pieces > batch) pieces = batch;
    int blas_threads = openblas_get_num_threads();
    if (blas_threads > 1) openblas_set_num_threads(1);
#pragma omp parallel num_threads(threads)
    {
        int t = omp_get_thread_num();
        if (t == 0) ran = omp_get_num_threads();
#pragma omp for schedule(dynamic, 1)
        for (int64_t i = 0; i < pieces; i++) pass(a, t, batch * i / pieces, batch * (i + 1) / pieces);
    }
    if (blas_threads > 1) openblas_set_num_threads(blas_threads);
    return ran;
}

/* output (N x O x P) = weight (O x K) conv input (N x C x in_volume) + bias (may be NULL). */
static void forward_pass(const pass_args *a, int thread, int64_t b0, int64_t b1)
{
    const conv_geom *g = a->g;
    const conv_kernels *kr = kernels_for(a->dtype);
    const int64_t P = g->out_volume, K = g->rows, O = g->out_planes, es = kr->size, nb = geom_chunk(g);
    char *side = a->scratch + thread * a->scratch_stride * es, *cols = side + O * nb * P * es;
    if (a->fast && a->direct) {
        conv_gemm_forward_direct(g, a->weight, a->bias, (const float *)a->input, (float *)a->output, b0, b1,
                                 (float *)side);
        return;
    }
    if (a->fast) {
        conv_gemm_forward(g, a->packed, a->bias, (const float *)a->input, (float *)a->output, b0, b1,
                          (float *)side);
        return;
    }
    for (int64_t c0 = b0; c0 < b1; c0 += nb) {
        int64_t n = b1 - c0 < nb ? b1 - c0 : nb;
        kr->im2col(g, a->input + c0 * g->in_planes * g->in_volume * es, n, cols);
        char *out = a->output + c0 * O * P * es;
        if (n == 1) {
            kr->fill_bias(out, O, P, a->bias);
            gemm(a->dtype, false, false, O, P, K, 1, a->weight, K, cols, P, 1, out, P);
        } else {
            gemm(a->dtype, false, false, O, n * P, K, 1, a->weight, K, cols, n * P, 0, side, n * P);
            kr->scatter(side, O, P, n, a->bias, out);
        }
    }
}

/* output = the input gradient (N x C x in_volume) from grad_output (N x O x P) and weight. */
static void backward_input_pass(const pass_args *a, int thread, int64_t b0, int64_t b1)
{
    const conv_geom *g = a->g;
    const conv_kernels *kr = kernels_for(a->dtype);
    const int64_t P = g->out_volume, K = g->rows, O = g->out_planes, es = kr->size, nb = geom_chunk(g);
    char *side = a->scratch + thread * a->scratch_stride * es, *gcols = side + O * nb * P * es;
    if (a->fast) {
        conv_gemm_backward_input(g, a->packed, (const float *)a->grad_output, (float *)a->output, b0, b1,
                                 (float *)side);
        return;
    }
    for (int64_t c0 = b0; c0 < b1; c0 += nb) {
        int64_t n = b1 - c0 < nb ? b1 - c0 : nb;
        const char *gout = a->grad_output + c0 * O * P * es;
        if (n > 1) {
            kr->gather(gout, O, P, n, side);
            gout = side;
        }
        gemm(a->dtype, true, false, K, n * P, O, 1, a->weight, K, gout, n * P, 0, gcols, n * P);
        kr->col2im(g, gcols, n, a->output + c0 * g->in_planes * g->in_volume * es);
    }
}

/* grad_weight (O x K) += scale * grad_output @ columns^T, grad_bias (O) += scale * sums (may be
 * NULL), the columns unfolded from a->input a chunk at a time, in cache (unfolding again costs
 * less than keeping the forward's columns, which go out to memory and back). Thread 0
 * accumulates into grad_weight itself, the others into private sums that reduce_grads adds. */
static void backward_weight_pass(const pass_args *a, int thread, int64_t b0, int64_t b1)
{
    const conv_geom *g = a->g;
    const conv_kernels *kr = kernels_for(a->dtype);
    const int64_t P = g->out_volume, K = g->rows, O = g->out_planes, es = kr->size, nb = geom_chunk(g);
    char *side = a->scratch + thread * a->scratch_stride * es, *cols = side + O * nb * P * es;
    char *gw = a->grad_weight, *gb = a->grad_bias;
    const double beta = 1;             /* every piece adds (the private sums start at zero) */
    if (thread > 0) {
        gw = side + a->work * es;
        gb = a->grad_bias ? gw + O * K * es : NULL;
    }
    if (a->direct) {
        float *sums = (float *)side, *bias_sums = sums + O * K, *w = (float *)gw, *wb = (float *)gb;
        conv_gemm_weight_direct(g, (const float *)a->input, (const float *)a->grad_output, sums, bias_sums, b0, b1,
                                bias_sums + O);
        for (int64_t i = 0; i < O * K; i++) w[i] = (float)(beta * w[i] + a->scale * sums[i]);
        for (int64_t i = 0; wb && i < O; i++) wb[i] += (float)(a->scale * bias_sums[i]);
        return;
    }
    for (int64_t c0 = b0; c0 < b1; c0 += nb) {
        int64_t n = b1 - c0 < nb ? b1 - c0 : nb;
        const char *gout = a->grad_output + c0 * O * P * es;
        if (n > 1) {
            kr->gather(gout, O, P, n, side);
            gout = side;
        }
        const char *image = a->input + c0 * g->in_planes * g->in_volume * es;
        if (a->fast)
            conv_gemm_im2col(g, (const float *)image, n, (float *)cols);
        else
            kr->im2col(g, image, n, cols);
        gemm(a->dtype, false, true, O, K, n * P, a->scale, gout, n * P, cols, n * P, beta, gw, K);
        if (gb && a->fast)
            conv_gemm_row_sums((const float *)gout, O, n * P, a->scale, (float *)gb);
        else if (gb)
            kr->row_sums(gout, O, n * P, a->scale, gb);
    }
}

/* Zeroes the private sums of threads 1 .. split_threads - 1 (before the weight gradient's pass). */
static void clear_private_grads(const pass_args *a)
{
    const int64_t es = wk_dtype_size(a->dtype), n = a->g->out_planes * (a->g->rows + 1);
    for (int t = 1; t < split_threads(a->g); t++)
        memset(a->scratch + (t * a->scratch_stride + a->work) * es, 0, (size_t)(n * es));
}

/* Adds the private sums of threads 1 .. threads-1 into grad_weight and grad_bias. */
static void reduce_grads(const pass_args *a, int threads)
{
    const conv_geom *g = a->g;
    const int64_t P = g->out_volume, K = g->rows, O = g->out_planes, nb = geom_chunk(g);
    (void)P, (void)nb;
    for (int t = 1; t < threads; t++) {
        int64_t at = t * a->scratch_stride + a->work;
        if (a->dtype == WK_F32) {
            const float *src = (const float *)a->scratch + at;
            float *gw = a->grad_weight, *gb = a->grad_bias;
            for (int64_t i = 0; i < O * K; i++) gw[i] += src[i];
            for (int64_t i = 0; gb && i < O; i++) gb[i] += src[O * K + i];
        } else {
            const double *src = (const double *)a->scratch + at;
            double *gw = a->grad_weight, *gb = a->grad_bias;
            for (int64_t i = 0; i < O * K; i++) gw[i] += src[i];
            for (int64_t i = 0; gb && i < O; i++) gb[i] += src[O * K + i];
        }
    }
}

/* Scratch for a pass, in buf: the packed weight (fast path: `packed` elements) and then, per
 * thread, the side and chunk columns (and a private gradient for the weight gradient), or the
 * fast path's panels. Sets a->scratch, a->scratch_stride and a->fast. */
static int pass_scratch(const char *op, wk_tensor *buf, const conv_geom *g, int32_t dtype, bool fast,
                        int64_t packed, bool private_grad, pass_args *a)
{
    int64_t nb = geom_chunk(g);
    a->fast = fast;
    if (private_grad) a->direct = fast && conv_gemm_weight_direct_fits(g);
    if (private_grad) {                /* the weight gradient: chunk side and columns, or the direct kernel's */
        a->work = a->direct ? g->out_planes * (g->rows + 1) + conv_gemm_weight_direct_scratch(g)
                            : g->out_planes * nb * g->out_volume + g->rows * nb * g->out_volume;
        a->work = (a->work + 15) / 16 * 16;
        a->scratch_stride = a->work + g->out_planes * g->rows + g->out_planes;
        fast = false;
    } else {
        a->scratch_stride = fast ? conv_gemm_scratch_numel(g)
                                 : g->out_planes * nb * g->out_volume + g->rows * nb * g->out_volume;
        if (a->direct) a->scratch_stride = conv_gemm_forward_direct_scratch(g);
    }
    a->scratch_stride = (a->scratch_stride + 15) / 16 * 16;   /* each thread's area 64-byte aligned */
    packed = fast ? (packed + 15) / 16 * 16 : 0;
    void *data = NULL;
    int rc = scratch(op, buf, dtype, packed + a->scratch_stride * split_threads(g), &data);
    a->packed = data;
    a->scratch = (char *)data + packed * wk_dtype_size(dtype);
    return rc;
}

/* Whether a pass of this dtype takes the fast path. */
static bool use_fast(int32_t dtype) { return dtype == WK_F32 && conv_gemm_available(); }

/* ------------------------------------------------------------------------------------------- */
/* Convolution entry points                                                                     */

typedef struct {
    const char *op;
    int32_t spatial;                   /* 2 or 3 */
    int64_t k[3], stride[3], pad[3], dil[3];
} conv_args;

static void args_2d(conv_args *a, const char *op, int32_t kW, int32_t kH, int32_t dW, int32_t dH, int32_t padW,
                    int32_t padH, int32_t dilationW, int32_t dilationH)
{
    *a = (conv_args){op, 2, {1, kH, kW}, {1, dH, dW}, {0, padH, padW}, {1, dilationH, dilationW}};
}

static void args_3d(conv_args *a, const char *op, int32_t kT, int32_t kW, int32_t kH, int32_t dT, int32_t dW,
                    int32_t dH, int32_t padT, int32_t padW, int32_t padH)
{
    *a = (conv_args){op, 3, {kT, kH, kW}, {dT, dH, dW}, {padT, padH, padW}, {1, 1, 1}};
}

/* The planes a weight of O x (C * kernel volume) elements implies: O from its first dim. */
static int weight_planes(const conv_args *a, const wk_tensor *weight, int64_t *out_planes, int64_t *in_planes)
{
    int64_t kvol = a->k[0] * a->k[1] * a->k[2];
    if (weight->ndim < 2 || weight->sizes[0] < 1 || kvol < 1 ||
        wk_tensor_numel(weight) % (weight->sizes[0] * kvol) != 0)
        return wk_error(WK_ESHAPE, "%s: weight %s does not fit a %lldx%lldx%lld kernel", a->op, WK_DESC(weight),
                        (long long)a->k[0], (long long)a->k[1], (long long)a->k[2]);
    *out_planes = weight->sizes[0];
    *in_planes = wk_tensor_numel(weight) / (weight->sizes[0] * kvol);
    return WK_OK;
}

/* The checks every entry makes: geometry from the input and weight, parameters' types and sizes,
 * gradOutput's size. full: a full (transposed) convolution, whose input is the convolution's
 * output and whose output is the convolution's input (see the end of this file). */
typedef struct {
    conv_geom g;
    int64_t out_sizes[5];              /* the module's output: [N,] planes, spatial */
    int32_t out_ndim;
    int32_t dtype;
} conv_setup;

static int setup(conv_setup *s, const conv_args *a, const wk_tensor *input, const wk_tensor *weight,
                 const wk_tensor *bias, const wk_tensor *grad_output)
{
    int64_t O = 0, C = 0;
    if (weight_planes(a, weight, &O, &C) != WK_OK) return wk_last_status();
    if (geom_init(&s->g, a->op, input, a->spatial, O, C, a->k, a->stride, a->pad, a->dil) != WK_OK ||
        check_param(a->op, "weight", weight, input, O * s->g.rows) != WK_OK ||
        (bias && check_param(a->op, "bias", bias, input, O) != WK_OK))
        return wk_last_status();
    s->dtype = input->dtype;
    s->out_ndim = geom_out_sizes(&s->g, input->ndim == a->spatial + 2, a->spatial, s->out_sizes);
    if (grad_output && (grad_output->dtype != input->dtype || grad_output->ndim != s->out_ndim ||
                        wk_tensor_numel(grad_output) != wk_sizes_numel(s->out_ndim, s->out_sizes)))
        return wk_error(WK_ESHAPE, "%s: gradOutput %s does not match the output's size for input %s", a->op,
                        WK_DESC(grad_output), WK_DESC(input));
    return WK_OK;
}

static int conv_update_output(const conv_args *a, const wk_tensor *input, wk_tensor *output, const wk_tensor *weight,
                              const wk_tensor *bias, wk_tensor *finput, wk_tensor *fgrad_input)
{
    conv_setup s;
    if (setup(&s, a, input, weight, bias, NULL) != WK_OK) return wk_last_status();
    const conv_geom *g = &s.g;
    bool fast = use_fast(s.dtype);
    pass_args p = {.g = g, .dtype = s.dtype, .direct = fast && conv_gemm_forward_direct_fits(g)};
    wk_tensor *in_copy = NULL, *w_copy = NULL, *b_copy = NULL;
    (void)finput;
    int rc = shape_output(output, input, s.out_ndim, s.out_sizes, a->op);
    if (rc == WK_OK)
        rc = pass_scratch(a->op, fgrad_input, g, s.dtype, fast,
                          p.direct ? 0 : conv_gemm_packed_numel(g->out_planes, g->rows), false, &p);
    if (rc == WK_OK) rc = contiguous_arg(input, (const void **)&p.input, &in_copy);
    if (rc == WK_OK) rc = contiguous_arg(weight, &p.weight, &w_copy);
    if (rc == WK_OK && bias) rc = contiguous_arg(bias, &p.bias, &b_copy);
    if (rc == WK_OK) {
        if (fast && !p.direct) conv_gemm_pack(p.weight, g->out_planes, g->rows, g->rows, 1, (float *)p.packed);
        p.output = wk_tensor_data(output);
        run_pass(&p, forward_pass);
    }
    wk_tensor_free(in_copy), wk_tensor_free(w_copy), wk_tensor_free(b_copy);
    return rc;
}

static int conv_update_grad_input(const conv_args *a, const wk_tensor *input, const wk_tensor *grad_output,
                                  wk_tensor *grad_input, const wk_tensor *weight, wk_tensor *fgrad_input)
{
    conv_setup s;
    if (setup(&s, a, input, weight, NULL, grad_output) != WK_OK) return wk_last_status();
    const conv_geom *g = &s.g;
    bool fast = use_fast(s.dtype);
    pass_args p = {.g = g, .dtype = s.dtype};
    wk_tensor *gout_copy = NULL, *w_copy = NULL;
    int rc = shape_output(grad_input, input, input->ndim, input->sizes, a->op);
    if (rc == WK_OK)
        rc = pass_scratch(a->op, fgrad_input, g, s.dtype, fast, conv_gemm_packed_numel(g->rows, g->out_planes), false,
                          &p);
    if (rc == WK_OK) rc = contiguous_arg(grad_output, (const void **)&p.grad_output, &gout_copy);
    if (rc == WK_OK) rc = contiguous_arg(weight, &p.weight, &w_copy);
    if (rc == WK_OK) {
        if (fast) conv_gemm_pack(p.weight, g->rows, g->out_planes, 1, g->rows, (float *)p.packed);
        p.output = wk_tensor_data(grad_input);
        run_pass(&p, backward_input_pass);
    }
    wk_tensor_free(gout_copy), wk_tensor_free(w_copy);
    return rc;
}

static int conv_acc_grad_parameters(const conv_args *a, const wk_tensor *input, const wk_tensor *grad_output,
                                    wk_tensor *grad_weight, wk_tensor *grad_bias, wk_tensor *finput,
                                    wk_tensor *fgrad_input, double scale)
{
    conv_setup s;
    if (setup(&s, a, input, grad_weight, grad_bias, grad_output) != WK_OK) return wk_last_status();
    const conv_geom *g = &s.g;
    if (!wk_tensor_is_contiguous(grad_weight) || (grad_bias && !wk_tensor_is_contiguous(grad_bias)))
        return wk_error(WK_EINVAL, "%s: gradWeight %s and gradBias must be contiguous", a->op, WK_DESC(grad_weight));
    pass_args p = {.g = g, .dtype = s.dtype, .scale = scale};
    wk_tensor *in_copy = NULL, *gout_copy = NULL;
    (void)fgrad_input;
    int rc = pass_scratch(a->op, finput, g, s.dtype, use_fast(s.dtype), 0, true, &p);
    if (rc == WK_OK) rc = contiguous_arg(input, (const void **)&p.input, &in_copy);
    if (rc == WK_OK) rc = contiguous_arg(grad_output, (const void **)&p.grad_output, &gout_copy);
    if (rc == WK_OK) {
        p.grad_weight = wk_tensor_data(grad_weight);
        p.grad_bias = grad_bias ? wk_tensor_data(grad_bias) : NULL;
        clear_private_grads(&p);
        reduce_grads(&p, run_pass(&p, backward_weight_pass));
    }
    wk_tensor_free(in_copy), wk_tensor_free(gout_copy);
    return rc;
}

int wk_nn_conv2d_update_output(const wk_tensor *input, wk_tensor *output, const wk_tensor *weight,
                               const wk_tensor *bias, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kW,
                               int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH, int32_t dilationW,
                               int32_t dilationH)
{
    conv_args a;
    args_2d(&a, "SpatialConvolution", kW, kH, dW, dH, padW, padH, dilationW, dilationH);
    return conv_update_output(&a, input, output, weight, bias, finput, fgrad_input);
}

int wk_nn_conv2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                   const wk_tensor *weight, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kW,
                                   int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH,
                                   int32_t dilationW, int32_t dilationH)
{
    conv_args a;
    (void)finput;
    args_2d(&a, "SpatialConvolution", kW, kH, dW, dH, padW, padH, dilationW, dilationH);
    return conv_update_grad_input(&a, input, grad_output, grad_input, weight, fgrad_input);
}

int wk_nn_conv2d_acc_grad_parameters(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_weight,
                                     wk_tensor *grad_bias, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kW,
                                     int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH,
                                     int32_t dilationW, int32_t dilationH, double scale)
{
    conv_args a;
    args_2d(&a, "SpatialConvolution", kW, kH, dW, dH, padW, padH, dilationW, dilationH);
    return conv_acc_grad_parameters(&a, input, grad_output, grad_weight, grad_bias, finput, fgrad_input, scale);
}

int wk_nn_conv3d_update_output(const wk_tensor *input, wk_tensor *output, const wk_tensor *weight,
                               const wk_tensor *bias, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kT,
                               int32_t kW, int32_t kH, int32_t dT, int32_t dW, int32_t dH, int32_t padT, int32_t padW,
                               int32_t padH)
{
    conv_args a;
    args_3d(&a, "VolumetricConvolution", kT, kW, kH, dT, dW, dH, padT, padW, padH);
    return conv_update_output(&a, input, output, weight, bias, finput, fgrad_input);
}

int wk_nn_conv3d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                   const wk_tensor *weight, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kT,
                                   int32_t kW, int32_t kH, int32_t dT, int32_t dW, int32_t dH, int32_t padT,
                                   int32_t padW, int32_t padH)
{
    conv_args a;
    (void)finput;
    args_3d(&a, "VolumetricConvolution", kT, kW, kH, dT, dW, dH, padT, padW, padH);
    return conv_update_grad_input(&a, input, grad_output, grad_input, weight, fgrad_input);
}

int wk_nn_conv3d_acc_grad_parameters(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_weight,
                                     wk_tensor *grad_bias, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kT,
                                     int32_t kW, int32_t kH, int32_t dT, int32_t dW, int32_t dH, int32_t padT,
                                     int32_t padW, int32_t padH, double scale)
{
    conv_args a;
    args_3d(&a, "VolumetricConvolution", kT, kW, kH, dT, dW, dH, padT, padW, padH);
    return conv_acc_grad_parameters(&a, input, grad_output, grad_weight, grad_bias, finput, fgrad_input, scale);
}

/* ------------------------------------------------------------------------------------------- */
/* Full (transposed) convolution                                                                */

/* SpatialFullConvolution(nIn -> nOut) is the transpose of a convolution nOut -> nIn: its forward
 * pass is that convolution's input gradient, its input gradient is that convolution's forward
 * pass, and its weight (nIn x nOut x kH x kW) is that convolution's weight (O x K) as it lies.
 * So the geometry here is the convolution's: its "input" is the full convolution's output
 * (size (in - 1) * stride - 2 pad + k + adj) and its "output" is the full convolution's input.
 * adj < stride keeps the two sizes consistent. */
static int full_setup(conv_setup *s, const char *op, const wk_tensor *input, const wk_tensor *weight,
                      const wk_tensor *bias, int32_t kW, int32_t kH, int32_t dW, int32_t dH, int32_t padW,
                      int32_t padH, int32_t adjW, int32_t adjH)
{
    conv_args a;
    args_2d(&a, op, kW, kH, dW, dH, padW, padH, 1, 1);
    if (input->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "%s: %s is not on the CPU", op, WK_DESC(input));
    if (input->dtype != WK_F32 && input->dtype != WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: %s: only float and double are supported", op, WK_DESC(input));
    if (input->ndim != 3 && input->ndim != 4)
        return wk_error(WK_ESHAPE, "%s: input must be 3-d or 4-d (batch), got %s", op, WK_DESC(input));
    if (kW < 1 || kH < 1 || dW < 1 || dH < 1 || padW < 0 || padH < 0 || adjW < 0 || adjH < 0 || adjW >= dW ||
        adjH >= dH)
        return wk_error(WK_EINVAL, "%s: bad arguments: kernel %dx%d, stride %d,%d, padding %d,%d, adj %d,%d "
                        "(adj must be below the stride)", op, kW, kH, dW, dH, padW, padH, adjW, adjH);
    int64_t O = 0, C = 0;
    if (weight_planes(&a, weight, &O, &C) != WK_OK) return wk_last_status();
    bool batched = input->ndim == 4;
    int32_t d0 = batched ? 1 : 0;
    if (input->sizes[d0] != O)
        return wk_error(WK_ESHAPE, "%s: input %s should have %lld planes (dimension %d), got %lld", op,
                        WK_DESC(input), (long long)O, d0 + 1, (long long)input->sizes[d0]);
    int64_t oH = (input->sizes[d0 + 1] - 1) * dH - 2 * (int64_t)padH + kH + adjH;
    int64_t oW = (input->sizes[d0 + 2] - 1) * dW - 2 * (int64_t)padW + kW + adjW;
    if (oH < 1 || oW < 1)
        return wk_error(WK_ESHAPE, "%s: input %s is too small: the output would be %lldx%lld", op, WK_DESC(input),
                        (long long)oH, (long long)oW);
    /* the convolution's geometry, from a shape-only description of its input */
    wk_tensor like = *input;
    like.sizes[d0] = C, like.sizes[d0 + 1] = oH, like.sizes[d0 + 2] = oW;
    if (geom_init(&s->g, op, &like, 2, O, C, a.k, a.stride, a.pad, a.dil) != WK_OK) return wk_last_status();
    if (s->g.out[1] != input->sizes[d0 + 1] || s->g.out[2] != input->sizes[d0 + 2])
        return wk_error(WK_ESHAPE, "%s: input %s does not fit the kernel arguments", op, WK_DESC(input));
    if (check_param(op, "weight", weight, input, O * s->g.rows) != WK_OK ||
        (bias && check_param(op, "bias", bias, input, C) != WK_OK))
        return wk_last_status();
    s->dtype = input->dtype;
    s->out_ndim = 0;
    if (batched) s->out_sizes[s->out_ndim++] = input->sizes[0];
    s->out_sizes[s->out_ndim++] = C;
    s->out_sizes[s->out_ndim++] = oH;
    s->out_sizes[s->out_ndim++] = oW;
    return WK_OK;
}

static int check_full_grad_output(const conv_setup *s, const char *op, const wk_tensor *grad_output)
{
    if (grad_output->dtype != s->dtype || grad_output->ndim != s->out_ndim ||
        wk_tensor_numel(grad_output) != wk_sizes_numel(s->out_ndim, s->out_sizes))
        return wk_error(WK_ESHAPE, "%s: gradOutput %s does not match the output's size", op, WK_DESC(grad_output));
    return WK_OK;
}

int wk_nn_full_conv2d_update_output(const wk_tensor *input, wk_tensor *output, const wk_tensor *weight,
                                    const wk_tensor *bias, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kW,
                                    int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH, int32_t adjW,
                                    int32_t adjH)
{
    const char *op = "SpatialFullConvolution";
    conv_setup s;
    if (full_setup(&s, op, input, weight, bias, kW, kH, dW, dH, padW, padH, adjW, adjH) != WK_OK)
        return wk_last_status();
    const conv_geom *g = &s.g;
    pass_args p = {.g = g, .dtype = s.dtype};
    const void *bs = NULL;
    wk_tensor *in_copy = NULL, *w_copy = NULL, *b_copy = NULL;
    (void)finput;
    bool fast = use_fast(s.dtype);
    int rc = shape_output(output, input, s.out_ndim, s.out_sizes, op);
    if (rc == WK_OK)
        rc = pass_scratch(op, fgrad_input, g, s.dtype, fast, conv_gemm_packed_numel(g->rows, g->out_planes), false, &p);
    if (rc == WK_OK) rc = contiguous_arg(input, (const void **)&p.grad_output, &in_copy);
    if (rc == WK_OK) rc = contiguous_arg(weight, &p.weight, &w_copy);
    if (rc == WK_OK && bias) rc = contiguous_arg(bias, &bs, &b_copy);
    if (rc == WK_OK) {
        /* the convolution's input gradient of our input */
        if (fast) conv_gemm_pack(p.weight, g->rows, g->out_planes, 1, g->rows, (float *)p.packed);
        p.output = wk_tensor_data(output);
        run_pass(&p, backward_input_pass);
        if (bs) kernels_for(s.dtype)->add_plane_bias(wk_tensor_data(output), g->batch, g->in_planes, g->in_volume, bs);
    }
    wk_tensor_free(in_copy), wk_tensor_free(w_copy), wk_tensor_free(b_copy);
    return rc;
}

int wk_nn_full_conv2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                        const wk_tensor *weight, wk_tensor *finput, wk_tensor *fgrad_input,
                                        int32_t kW, int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH,
                                        int32_t adjW, int32_t adjH)
{
    const char *op = "SpatialFullConvolution";
    conv_setup s;
    if (full_setup(&s, op, input, weight, NULL, kW, kH, dW, dH, padW, padH, adjW, adjH) != WK_OK ||
        check_full_grad_output(&s, op, grad_output) != WK_OK)
        return wk_last_status();
    const conv_geom *g = &s.g;
    pass_args p = {.g = g, .dtype = s.dtype};
    wk_tensor *gout_copy = NULL, *w_copy = NULL;
    (void)finput;
    bool fast = use_fast(s.dtype);
    int rc = shape_output(grad_input, input, input->ndim, input->sizes, op);
    if (rc == WK_OK)
        rc = pass_scratch(op, fgrad_input, g, s.dtype, fast, conv_gemm_packed_numel(g->out_planes, g->rows), false, &p);
    if (rc == WK_OK) rc = contiguous_arg(grad_output, (const void **)&p.input, &gout_copy);
    if (rc == WK_OK) rc = contiguous_arg(weight, &p.weight, &w_copy);
    if (rc == WK_OK) {
        /* the convolution's forward pass of our gradOutput, without bias */
        if (fast) conv_gemm_pack(p.weight, g->out_planes, g->rows, g->rows, 1, (float *)p.packed);
        p.output = wk_tensor_data(grad_input);
        run_pass(&p, forward_pass);
    }
    wk_tensor_free(gout_copy), wk_tensor_free(w_copy);
    return rc;
}

int wk_nn_full_conv2d_acc_grad_parameters(const wk_tensor *input, const wk_tensor *grad_output,
                                          wk_tensor *grad_weight, wk_tensor *grad_bias, wk_tensor *finput,
                                          wk_tensor *fgrad_input, int32_t kW, int32_t kH, int32_t dW, int32_t dH,
                                          int32_t padW, int32_t padH, int32_t adjW, int32_t adjH, double scale)
{
    const char *op = "SpatialFullConvolution";
    conv_setup s;
    if (full_setup(&s, op, input, grad_weight, grad_bias, kW, kH, dW, dH, padW, padH, adjW, adjH) != WK_OK ||
        check_full_grad_output(&s, op, grad_output) != WK_OK)
        return wk_last_status();
    const conv_geom *g = &s.g;
    if (!wk_tensor_is_contiguous(grad_weight) || (grad_bias && !wk_tensor_is_contiguous(grad_bias)))
        return wk_error(WK_EINVAL, "%s: gradWeight %s and gradBias must be contiguous", op, WK_DESC(grad_weight));
    pass_args p = {.g = g, .dtype = s.dtype, .scale = scale};
    wk_tensor *in_copy = NULL, *gout_copy = NULL;
    (void)finput;
    int rc = pass_scratch(op, fgrad_input, g, s.dtype, use_fast(s.dtype), 0, true, &p);
    if (rc == WK_OK) rc = contiguous_arg(input, (const void **)&p.grad_output, &in_copy);
    if (rc == WK_OK) rc = contiguous_arg(grad_output, (const void **)&p.input, &gout_copy);
    if (rc == WK_OK) {
        /* the convolution's weight gradient: its gradOutput is our input, its input our gradOutput
         * (columns made chunk by chunk); our bias gradient sums our gradOutput's planes */
        p.grad_weight = wk_tensor_data(grad_weight);
        clear_private_grads(&p);
        reduce_grads(&p, run_pass(&p, backward_weight_pass));
        if (grad_bias)
            kernels_for(s.dtype)->plane_sums(p.input, g->batch, g->in_planes, g->in_volume, scale,
                                             wk_tensor_data(grad_bias));
    }
    wk_tensor_free(in_copy), wk_tensor_free(gout_copy);
    return rc;
}
