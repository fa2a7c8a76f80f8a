/*
 * nn_conv_gemm.c — float convolution kernels for x86-64 CPUs with AVX2 and FMA (checked at run
 * time; nn_conv.c falls back to im2col + OpenBLAS elsewhere and for double). See nn_conv.h for
 * the products. Three kernels:
 *
 * Forward pass and input gradient: implicit GEMM, 16 output positions (one "panel") at a time:
 *
 *     pack     the panel's B side into Bp (R x 16, R = the reduction length): for the forward
 *              pass the 16 positions' columns read straight from the image (im2col for 16
 *              positions, written where the kernel reads it); for the input gradient the 16
 *              positions of gradOutput (R = O)
 *     multiply for each 6-row panel of the packed weight (Ap, 6 x R, packed once per pass):
 *              a 6 x 16 tile in 12 AVX2 accumulators, 12 FMAs per step of the reduction for 2
 *              loads of Bp and 6 broadcasts of Ap. The forward's reduction runs in blocks of at
 *              most KC_MAX steps, so a block of Bp (KC x 16 floats, <= 20 KB) stays in L1 while
 *              every weight panel passes over it
 *     store    forward: the O x 16 tiles, plus bias, to the output's NCHW rows (contiguous runs
 *              of 16); input gradient: the panel's K x 16 tiles added into the input gradient at
 *              the positions each kernel offset read (col2im of one panel, from L2)
 *
 *     The columns never exist whole: per panel the forward pass writes R x 16 floats that stay
 *     in cache, instead of K x N*P that go through memory and then through OpenBLAS's packing.
 *     A panel holds positions of one sample only (the last panel of a sample is padded with zero
 *     columns), so its tiles store to contiguous rows of that sample's planes. Inside a panel the
 *     positions form "runs": stretches of one output row (at most 16, usually 1 to 3).
 *
 * Weight gradient (3- and 5-wide kernels): outer products over the positions, with the output
 * planes along the vector lanes and the input read in place (see "The weight gradient, directly").
 *
 * im2col, vectorised, for the weight gradient of other kernel widths (an OpenBLAS product).
 */
#include "nn_conv.h"
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define AVX2_TARGET __attribute__((target("avx2,fma")))
#else
#define AVX2_TARGET
#endif

enum { MR = 6, NR = 16, KC_MAX = 320 };

bool conv_gemm_available(void)
{
#if defined(__x86_64__)
    static int available = -1;
    if (available < 0) {
        __builtin_cpu_init();
        available = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return available;
#else
    return false;
#endif
}

int64_t conv_gemm_packed_numel(int64_t m, int64_t r) { return (m + MR - 1) / MR * MR * r; }

void conv_gemm_pack(const float *src, int64_t m, int64_t r, int64_t rs, int64_t cs, float *packed)
{
    for (int64_t i0 = 0; i0 < m; i0 += MR)
        for (int64_t j = 0; j < r; j++)
            for (int64_t i = i0; i < i0 + MR; i++) *packed++ = i < m ? src[i * rs + j * cs] : 0.0f;
}

/* Bp (K or O rows of 16) + the tiles (O or K rows, rounded up to 6, of 16) + a panel map
 * (kT*kH*16 int64) + alignment slack */
int64_t conv_gemm_scratch_numel(const conv_geom *g)
{
    return (g->rows + g->out_planes + MR) * NR + 2 * g->k[0] * g->k[1] * NR + 64;
}

/* ------------------------------------------------------------------------------------------- */
/* The 6 x 16 tile                                                                              */

#if defined(__x86_64__)
/* c (6 x 16, row stride 16) = (accumulate ? c : 0) + a (kc x 6, packed) @ b (kc x 16) */
AVX2_TARGET static void tile(int64_t kc, const float *a, const float *b, float *c, bool accumulate)
{
    __m256 c0l, c0h, c1l, c1h, c2l, c2h, c3l, c3h, c4l, c4h, c5l, c5h;
    if (accumulate) {
        c0l = _mm256_loadu_ps(c + 0), c0h = _mm256_loadu_ps(c + 8);
        c1l = _mm256_loadu_ps(c + 16), c1h = _mm256_loadu_ps(c + 24);
        c2l = _mm256_loadu_ps(c + 32), c2h = _mm256_loadu_ps(c + 40);
        c3l = _mm256_loadu_ps(c + 48), c3h = _mm256_loadu_ps(c + 56);
        c4l = _mm256_loadu_ps(c + 64), c4h = _mm256_loadu_ps(c + 72);
        c5l = _mm256_loadu_ps(c + 80), c5h = _mm256_loadu_ps(c + 88);
    } else {
        c0l = c0h = c1l = c1h = c2l = c2h = c3l = c3h = c4l = c4h = c5l = c5h = _mm256_setzero_ps();
    }
    for (int64_t k = 0; k < kc; k++, a += MR, b += NR) {
        __m256 bl = _mm256_loadu_ps(b), bh = _mm256_loadu_ps(b + 8), x;
        x = _mm256_broadcast_ss(a + 0), c0l = _mm256_fmadd_ps(x, bl, c0l), c0h = _mm256_fmadd_ps(x, bh, c0h);
        x = _mm256_broadcast_ss(a + 1), c1l = _mm256_fmadd_ps(x, bl, c1l), c1h = _mm256_fmadd_ps(x, bh, c1h);
        x = _mm256_broadcast_ss(a + 2), c2l = _mm256_fmadd_ps(x, bl, c2l), c2h = _mm256_fmadd_ps(x, bh, c2h);
        x = _mm256_broadcast_ss(a + 3), c3l = _mm256_fmadd_ps(x, bl, c3l), c3h = _mm256_fmadd_ps(x, bh, c3h);
        x = _mm256_broadcast_ss(a + 4), c4l = _mm256_fmadd_ps(x, bl, c4l), c4h = _mm256_fmadd_ps(x, bh, c4h);
        x = _mm256_broadcast_ss(a + 5), c5l = _mm256_fmadd_ps(x, bl, c5l), c5h = _mm256_fmadd_ps(x, bh, c5h);
    }
    _mm256_storeu_ps(c + 0, c0l), _mm256_storeu_ps(c + 8, c0h);
    _mm256_storeu_ps(c + 16, c1l), _mm256_storeu_ps(c + 24, c1h);
    _mm256_storeu_ps(c + 32, c2l), _mm256_storeu_ps(c + 40, c2h);
    _mm256_storeu_ps(c + 48, c3l), _mm256_storeu_ps(c + 56, c3h);
    _mm256_storeu_ps(c + 64, c4l), _mm256_storeu_ps(c + 72, c4h);
    _mm256_storeu_ps(c + 80, c5l), _mm256_storeu_ps(c + 88, c5h);
}
#else
static void tile(int64_t kc, const float *a, const float *b, float *c, bool accumulate)
{
    for (int64_t i = 0; i < MR * NR; i++)
        if (!accumulate) c[i] = 0;
    for (int64_t k = 0; k < kc; k++)
        for (int64_t i = 0; i < MR; i++)
            for (int64_t j = 0; j < NR; j++) c[i * NR + j] += a[k * MR + i] * b[k * NR + j];
}
#endif

/* ------------------------------------------------------------------------------------------- */
/* Panels                                                                                       */

/* A stretch of a panel along one output row: columns [col, col + len) of the panel are output
 * positions (ot, oy, ox0 .. ox0 + len - 1). */
typedef struct {
    int64_t ot, oy, ox0, len, col;
} run;

/* The runs of the panel of positions [p0, p0 + n) of a sample; returns how many. */
static int panel_runs(const conv_geom *g, int64_t p0, int64_t n, run *runs)
{
    int count = 0;
    for (int64_t col = 0; col < n;) {
        int64_t p = p0 + col, ox = p % g->out[2], rest = p / g->out[2];
        int64_t len = g->out[2] - ox;
        if (len > n - col) len = n - col;
        runs[count++] = (run){rest / g->out[1], rest % g->out[1], ox, len, col};
        col += len;
    }
    return count;
}

/* Short runs (at most 16 floats) moved with AVX2, masked at their ends; horizontal sums. */
#if defined(__x86_64__)
AVX2_TARGET static inline float hsum(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

static const int32_t MASKS[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
AVX2_TARGET static inline __m256i mask_of(int64_t n) { return _mm256_loadu_si256((const __m256i *)(MASKS + 8 - n)); }

AVX2_TARGET static inline void copy8(float *d, const float *s) { _mm256_storeu_ps(d, _mm256_loadu_ps(s)); }
AVX2_TARGET static inline void add8(float *d, const float *s)
{
    _mm256_storeu_ps(d, _mm256_add_ps(_mm256_loadu_ps(d), _mm256_loadu_ps(s)));
}

AVX2_TARGET static inline void copy_short(float *d, const float *s, int64_t len)
{
    for (; len >= 8; len -= 8, d += 8, s += 8) _mm256_storeu_ps(d, _mm256_loadu_ps(s));
    if (len > 0) {
        __m256i m = mask_of(len);
        _mm256_maskstore_ps(d, m, _mm256_maskload_ps(s, m));
    }
}

AVX2_TARGET static inline void add_short(float *d, const float *s, int64_t len)
{
    for (; len >= 8; len -= 8, d += 8, s += 8) _mm256_storeu_ps(d, _mm256_add_ps(_mm256_loadu_ps(d), _mm256_loadu_ps(s)));
    if (len > 0) {
        __m256i m = mask_of(len);
        _mm256_maskstore_ps(d, m, _mm256_add_ps(_mm256_maskload_ps(d, m), _mm256_maskload_ps(s, m)));
    }
}
#else
static inline void copy8(float *d, const float *s) { memcpy(d, s, 8 * sizeof(float)); }
static inline void add8(float *d, const float *s)
{
    for (int j = 0; j < 8; j++) d[j] += s[j];
}
static inline void copy_short(float *d, const float *s, int64_t len) { memcpy(d, s, (size_t)len * sizeof(float)); }
static inline void add_short(float *d, const float *s, int64_t len)
{
    for (int64_t j = 0; j < len; j++) d[j] += s[j];
}
#endif

/* Where a panel's runs read, per kernel row: rows[(kt*kH + ky)*nruns + i] is the offset in a
 * plane of the input row run i reads for (kt, ky), or -1 where that row lies in the padding;
 * x0[i] is the x of the run's first position for kx = 0, and inside[i] says whether the run stays
 * within its row for every kx (then, with stride 1, it reads len contiguous floats per kx).
 * Worked out once per panel, so the loops over the K = C*kT*kH*kW rows below only add offsets. */
typedef struct {
    int nruns;
    int64_t col[NR], len[NR], x0[NR];
    bool inside[NR];
    int64_t *rows;                     /* kT*kH*nruns entries, in scratch */
} panel_map;

static void map_panel(const conv_geom *g, const run *runs, int nruns, panel_map *m)
{
    const int64_t W = g->in[2], sx = g->stride[2], reach = g->dil[2] * (g->k[2] - 1);
    m->nruns = nruns;
    for (int i = 0; i < nruns; i++) {
        m->col[i] = runs[i].col, m->len[i] = runs[i].len;
        m->x0[i] = runs[i].ox0 * sx - g->pad[2];
        m->inside[i] = sx == 1 && m->x0[i] >= 0 && m->x0[i] + reach + runs[i].len <= W;
    }
    int64_t *o = m->rows;
    for (int64_t kt = 0; kt < g->k[0]; kt++)
        for (int64_t ky = 0; ky < g->k[1]; ky++)
            for (int i = 0; i < nruns; i++) {
                const run *r = &runs[i];
                int64_t it = r->ot * g->stride[0] - g->pad[0] + kt * g->dil[0];
                int64_t iy = r->oy * g->stride[1] - g->pad[1] + ky * g->dil[1];
                bool valid = it >= 0 && it < g->in[0] && iy >= 0 && iy < g->in[1];
                *o++ = valid ? (it * g->in[1] + iy) * W : -1;
            }
}

/* Between a panel's columns (K x 16 floats: row k = (plane, kt, ky, kx) in im2col's order) and the
 * image. pack copies image -> columns (Bp for the forward pass: zero for the padding and for the
 * columns past n), per (plane, kt, ky) and run, innermost over kx, where only pointers move. */
AVX2_TARGET static void pack_columns(const conv_geom *g, const float *sample, const panel_map *m, int64_t n,
                                     float *cols)
{
    const int64_t W = g->in[2], sx = g->stride[2], dx = g->dil[2], kW = g->k[2], nruns = m->nruns;
    const int64_t rows_per_plane = g->k[0] * g->k[1];
    float *base = cols;
    for (int64_t c = 0; c < g->in_planes; c++) {
        const float *plane = sample + c * g->in_volume;
        const int64_t *rows = m->rows;
        for (int64_t kr = 0; kr < rows_per_plane; kr++, rows += nruns, base += kW * NR) {
            for (int i = 0; i < nruns; i++) {
                int64_t len = m->len[i];
                float *col = base + m->col[i];
                if (rows[i] < 0) {
                    for (int64_t kx = 0; kx < kW; kx++) memset(col + kx * NR, 0, (size_t)len * sizeof(float));
                } else if (m->inside[i]) {
                    const float *img = plane + rows[i] + m->x0[i];
                    if (len == 8)
                        for (int64_t kx = 0; kx < kW; kx++, col += NR, img += dx) copy8(col, img);
                    else
                        for (int64_t kx = 0; kx < kW; kx++, col += NR, img += dx) copy_short(col, img, len);
                } else {
                    const float *row = plane + rows[i];
                    for (int64_t kx = 0; kx < kW; kx++, col += NR)
                        for (int64_t t = 0; t < len; t++) {
                            int64_t x = m->x0[i] + kx * dx + t * sx;
                            col[t] = x >= 0 && x < W ? row[x] : 0.0f;
                        }
                }
            }
            if (n < NR)
                for (int64_t kx = 0; kx < kW; kx++) memset(base + kx * NR + n, 0, (size_t)(NR - n) * sizeof(float));
        }
    }
}

/* fold adds columns -> image: col2im of one panel, for the input gradient. The adds of one run
 * for kernel rows (kt, ky) and (kt, ky+1) of the next run land on the same stretch of the image,
 * as do the kx shifts of one run: done one after the other, each load would wait for the store
 * just before it. So the loops go kx, plane, run, kernel row: consecutive adds hit different
 * image rows, and the shared stretches come a whole run (kT*kH adds) apart. */
AVX2_TARGET static void fold_columns(const conv_geom *g, float *sample, const panel_map *m, const float *cols)
{
    const int64_t W = g->in[2], sx = g->stride[2], dx = g->dil[2], kW = g->k[2], nruns = m->nruns;
    const int64_t rows_per_plane = g->k[0] * g->k[1], row_step = kW * NR;
    for (int64_t kx = 0; kx < kW; kx++)
        for (int64_t c = 0; c < g->in_planes; c++) {
            float *plane = sample + c * g->in_volume;
            const float *base = cols + (c * rows_per_plane * kW + kx) * NR;
            for (int i = 0; i < nruns; i++) {
                const int64_t len = m->len[i], x0 = m->x0[i] + kx * dx;
                const int64_t *rows = m->rows + i;
                const float *col = base + m->col[i];
                if (m->inside[i] && len == 8) {
                    for (int64_t kr = 0; kr < rows_per_plane; kr++, rows += nruns, col += row_step)
                        if (*rows >= 0) add8(plane + *rows + x0, col);
                } else if (m->inside[i]) {
                    for (int64_t kr = 0; kr < rows_per_plane; kr++, rows += nruns, col += row_step)
                        if (*rows >= 0) add_short(plane + *rows + x0, col, len);
                } else {
                    for (int64_t kr = 0; kr < rows_per_plane; kr++, rows += nruns, col += row_step) {
                        if (*rows < 0) continue;
                        float *row = plane + *rows;
                        for (int64_t t = 0; t < len; t++) {
                            int64_t x = x0 + t * sx;
                            if (x >= 0 && x < W) row[x] += col[t];
                        }
                    }
                }
            }
        }
}

/* The tiles of one panel: c (rows rounded up to 6, x 16) = packed (6-row panels of r steps) @ bp. */
static void multiply(const float *packed, int64_t rows, int64_t r, const float *bp, float *c)
{
    int64_t blocks = (r + KC_MAX - 1) / KC_MAX, kc = (r + blocks - 1) / blocks;
    for (int64_t k0 = 0; k0 < r; k0 += kc) {
        int64_t len = r - k0 < kc ? r - k0 : kc;
        for (int64_t i0 = 0; i0 < rows; i0 += MR)
            tile(len, packed + i0 * r + k0 * MR, bp + k0 * NR, c + i0 * NR, k0 > 0);
    }
}

static float *aligned(float *p) { return (float *)(((uintptr_t)p + 63) & ~(uintptr_t)63); }

/* ------------------------------------------------------------------------------------------- */
/* The passes                                                                                   */

/* out[o][0..n) = c[o][0..n) + bias[o] for the O rows (row stride P in out, 16 in c). */
AVX2_TARGET static void store_tiles(const float *c, int64_t O, int64_t n, const float *bias, float *out, int64_t P)
{
    for (int64_t o = 0; o < O; o++) {
        float add = bias ? bias[o] : 0.0f, *dst = out + o * P;
        const float *src = c + o * NR;
        for (int64_t j = 0; j < n; j++) dst[j] = src[j] + add;
    }
}

void conv_gemm_forward(const conv_geom *g, const float *packed_weight, const float *bias, const float *input,
                       float *output, int64_t b0, int64_t b1, float *scratch)
{
    const int64_t P = g->out_volume, O = g->out_planes, K = g->rows;
    float *bp = aligned(scratch), *c = bp + K * NR;
    run runs[NR];
    panel_map m = {.rows = (int64_t *)(c + (O + MR) * NR)};
    for (int64_t b = b0; b < b1; b++) {
        const float *sample = input + b * g->in_planes * g->in_volume;
        float *out = output + b * O * P;
        for (int64_t p0 = 0; p0 < P; p0 += NR) {
            int64_t n = P - p0 < NR ? P - p0 : NR;
            map_panel(g, runs, panel_runs(g, p0, n, runs), &m);
            pack_columns(g, sample, &m, n, bp);
            multiply(packed_weight, O, K, bp, c);
            store_tiles(c, O, n, bias, out + p0, P);
        }
    }
}

/* bp[o][0..16) = src[o*P .. o*P + n) and zeros: a panel of gradOutput. */
AVX2_TARGET static void pack_rows(const float *src, int64_t O, int64_t P, int64_t n, float *bp)
{
    for (int64_t o = 0; o < O; o++, src += P, bp += NR) {
        if (n == NR) {
            copy8(bp, src), copy8(bp + 8, src + 8);
        } else {
            memset(bp, 0, NR * sizeof(float));
            copy_short(bp, src, n);
        }
    }
}

void conv_gemm_backward_input(const conv_geom *g, const float *packed_weight_t, const float *grad_output,
                              float *grad_input, int64_t b0, int64_t b1, float *scratch)
{
    const int64_t P = g->out_volume, O = g->out_planes, K = g->rows;
    float *bp = aligned(scratch), *c = bp + O * NR;
    run runs[NR];
    panel_map m = {.rows = (int64_t *)(c + (K + MR) * NR)};
    for (int64_t b = b0; b < b1; b++) {
        const float *gout = grad_output + b * O * P;
        float *sample = grad_input + b * g->in_planes * g->in_volume;
        memset(sample, 0, (size_t)(g->in_planes * g->in_volume) * sizeof(float));
        for (int64_t p0 = 0; p0 < P; p0 += NR) {
            int64_t n = P - p0 < NR ? P - p0 : NR;
            map_panel(g, runs, panel_runs(g, p0, n, runs), &m);
            pack_rows(gout + p0, O, P, n, bp);
            /* the panel's columns of the gradient, K x 16, then added back into the image */
            for (int64_t k0 = 0; k0 < K; k0 += MR) tile(O, packed_weight_t + k0 * O, bp, c + k0 * NR, false);
            fold_columns(g, sample, &m, c);
        }
    }
}

/* ------------------------------------------------------------------------------------------- */
/* im2col for the weight gradient (which stays an OpenBLAS product over explicit columns)       */

/* columns[r][b*P + p] for the nb samples at input, as nn_conv.c's im2col, with the row
 * stretches moved by AVX2 instead of a memcpy call each (they are as short as 8 floats). */
AVX2_TARGET void conv_gemm_im2col(const conv_geom *g, const float *input, int64_t nb, float *columns)
{
    const int64_t P = g->out_volume, ncols = nb * P, W = g->in[2], oW = g->out[2], sx = g->stride[2];
    const int64_t dx = g->dil[2], kW = g->k[2];
    float *dst_row = columns;
    for (int64_t c = 0; c < g->in_planes; c++)
        for (int64_t kt = 0; kt < g->k[0]; kt++)
            for (int64_t ky = 0; ky < g->k[1]; ky++)
                for (int64_t kx = 0; kx < kW; kx++, dst_row += ncols) {
                    int64_t x0 = kx * dx - g->pad[2];
                    /* the ox whose x = ox*sx + x0 lies in [0, W): [lo, hi) */
                    int64_t lo = x0 >= 0 ? 0 : (-x0 + sx - 1) / sx;
                    int64_t hi = W - 1 - x0 < 0 ? 0 : (W - 1 - x0) / sx + 1;
                    if (hi > oW) hi = oW;
                    if (lo > hi) lo = hi;
                    float *dst = dst_row;
                    /* every output row reads inside the image: plain strided copies of oW floats */
                    int64_t it0 = -g->pad[0] + kt * g->dil[0], iy0 = -g->pad[1] + ky * g->dil[1];
                    bool inside = sx == 1 && lo == 0 && hi == oW && it0 >= 0 &&
                                  it0 + (g->out[0] - 1) * g->stride[0] < g->in[0] && iy0 >= 0 &&
                                  iy0 + (g->out[1] - 1) * g->stride[1] < g->in[1];
                    if (inside) {
                        const int64_t step_y = g->stride[1] * W;
                        for (int64_t b = 0; b < nb; b++) {
                            const float *plane = input + (b * g->in_planes + c) * g->in_volume;
                            for (int64_t ot = 0; ot < g->out[0]; ot++) {
                                const float *src = plane + ((it0 + ot * g->stride[0]) * g->in[1] + iy0) * W + x0;
                                if (oW == 8)
                                    for (int64_t oy = 0; oy < g->out[1]; oy++, dst += 8, src += step_y) copy8(dst, src);
                                else
                                    for (int64_t oy = 0; oy < g->out[1]; oy++, dst += oW, src += step_y) {
                                        int64_t len = oW;
                                        const float *s = src;
                                        float *d = dst;
                                        for (; len >= 8; len -= 8, s += 8, d += 8) copy8(d, s);
                                        copy_short(d, s, len);
                                    }
                            }
                        }
                        continue;
                    }
                    for (int64_t b = 0; b < nb; b++) {
                        const float *plane = input + (b * g->in_planes + c) * g->in_volume;
                        for (int64_t ot = 0; ot < g->out[0]; ot++) {
                            int64_t it = ot * g->stride[0] - g->pad[0] + kt * g->dil[0];
                            for (int64_t oy = 0; oy < g->out[1]; oy++, dst += oW) {
                                int64_t iy = oy * g->stride[1] - g->pad[1] + ky * g->dil[1];
                                if (it < 0 || it >= g->in[0] || iy < 0 || iy >= g->in[1]) {
                                    memset(dst, 0, (size_t)oW * sizeof(float));
                                    continue;
                                }
                                const float *src = plane + (it * g->in[1] + iy) * W + x0;
                                for (int64_t ox = 0; ox < lo; ox++) dst[ox] = 0;
                                if (sx == 1) {
                                    int64_t len = hi - lo;
                                    const float *s = src + lo;
                                    float *d = dst + lo;
                                    for (; len >= 16; len -= 16, s += 16, d += 16) copy8(d, s), copy8(d + 8, s + 8);
                                    copy_short(d, s, len);
                                } else {
                                    for (int64_t ox = lo; ox < hi; ox++) dst[ox] = src[ox * sx];
                                }
                                for (int64_t ox = hi; ox < oW; ox++) dst[ox] = 0;
                            }
                        }
                    }
                }
}

/* ------------------------------------------------------------------------------------------- */
/* The weight gradient, directly                                                                */

/* gW (O x K) = gout (O x NP) @ columns^T (NP x K) as outer products, one position at a time:
 * for a block of OB output planes (OV vectors of 8) and one kernel row (plane c, kt, ky),
 *
 *     acc[v][kx] += gt[pos][o .. o+7] * input[c][iy][ox*sx + kx*dil]     (a broadcast scalar)
 *
 * where gt is gradOutput transposed to positions x planes (per chunk of samples, a small copy).
 * OV x kW accumulators stay in registers over the chunk's positions; a step loads OV vectors and
 * kW scalars for OV*kW FMAs, with no packing of the columns (a GEMM would have to transpose
 * them: both operands run along the positions) and no horizontal sums (the lanes are planes).
 * The input is read in place when no x padding is needed, else from rows copied with zeros
 * around them. Chunks of samples are sized for L2. kW = 3 or 5 (OV = 4 and 2: 12 and 10
 * accumulators); other kernels take the im2col + GEMM path. */

enum { OV5 = 2, OV3 = 4 };

bool conv_gemm_weight_direct_fits(const conv_geom *g) { return g->k[2] == 5 || g->k[2] == 3; }

static int64_t block_planes(const conv_geom *g) { return 8 * (g->k[2] == 5 ? OV5 : OV3); }

/* Output planes rounded up to a whole number of blocks: gt's row length. */
static int64_t padded_planes(const conv_geom *g)
{
    int64_t ob = block_planes(g);
    return (g->out_planes + ob - 1) / ob * ob;
}

static bool direct_in_place(const conv_geom *g) { return g->pad[2] == 0; }

static int64_t padded_width(const conv_geom *g) { return g->in[2] + 2 * g->pad[2]; }

static int64_t input_floats(const conv_geom *g)
{
    return direct_in_place(g) ? 0 : g->in_planes * g->in[0] * g->in[1] * padded_width(g);
}

/* Samples per chunk: the chunk's transposed gradOutput and input take about L2_FLOATS. */
enum { L2_FLOATS = 64 * 1024 };
static int64_t direct_chunk(const conv_geom *g)
{
    int64_t per_sample = g->in_planes * g->in_volume + g->out_volume * padded_planes(g);
    int64_t n = L2_FLOATS / per_sample;
    return n < 1 ? 1 : n;
}

int64_t conv_gemm_weight_direct_scratch(const conv_geom *g)
{
    return direct_chunk(g) * (g->out_volume * padded_planes(g) + input_floats(g)) + 64;
}

/* Where the kernel reads the input: sample b's plane c is at base + (b - s0)*sample + c*plane,
 * row (t, y) of it at + (t*H + y)*row, and x at + x + pad (the copy's padding, or none). */
typedef struct {
    const float *base;
    int64_t s0, sample, plane, row;
} input_view;

#if defined(__x86_64__)
/* acc (OV x KW vectors) += the products over samples [s0, s1) for kernel row (c, kt, ky) and the
 * planes of gt's columns [o0, o0 + 8*OV). OV, KW constants, so the accumulators are registers. */
static inline __attribute__((always_inline, target("avx2,fma"))) void
outer_rows(const conv_geom *g, const input_view *in, const float *gt, int64_t o0, int64_t c, int64_t kt, int64_t ky,
           int64_t s0, int64_t s1, float *sums, const int OV, const int KW)
{
    const int64_t oW = g->out[2], oH = g->out[1], P = g->out_volume, Op = padded_planes(g), H = g->in[1];
    const int64_t sx = g->stride[2], dx = g->dil[2], K = g->rows;
    __m256 acc[4][5];
#pragma GCC unroll 4
    for (int v = 0; v < OV; v++)
#pragma GCC unroll 5
        for (int k = 0; k < KW; k++) acc[v][k] = _mm256_setzero_ps();
    /* the output rows whose input row (for this ky) lies inside: [y_lo, y_hi) */
    int64_t y0 = ky * g->dil[1] - g->pad[1], y_lo = y0 >= 0 ? 0 : (-y0 + g->stride[1] - 1) / g->stride[1];
    int64_t y_hi = H - 1 - y0 < 0 ? 0 : (H - 1 - y0) / g->stride[1] + 1;
    if (y_hi > oH) y_hi = oH;
    for (int64_t b = s0; b < s1; b++) {
        const float *plane = in->base + (b - in->s0) * in->sample + c * in->plane;
        const float *gs = gt + (b - s0) * P * Op + o0;
        for (int64_t ot = 0; ot < g->out[0]; ot++) {
            int64_t it = ot * g->stride[0] - g->pad[0] + kt * g->dil[0];
            if (it < 0 || it >= g->in[0]) continue;
            for (int64_t oy = y_lo; oy < y_hi; oy++) {
                const float *x = plane + (it * H + y0 + oy * g->stride[1]) * in->row;
                const float *a = gs + (ot * oH + oy) * oW * Op;
                for (int64_t ox = 0; ox < oW; ox++, x += sx, a += Op) {
                    __m256 gv[4];
#pragma GCC unroll 4
                    for (int v = 0; v < OV; v++) gv[v] = _mm256_loadu_ps(a + 8 * v);
#pragma GCC unroll 5
                    for (int k = 0; k < KW; k++) {
                        __m256 xin = _mm256_broadcast_ss(x + k * dx);
#pragma GCC unroll 4
                        for (int v = 0; v < OV; v++) acc[v][k] = _mm256_fmadd_ps(gv[v], xin, acc[v][k]);
                    }
                }
            }
        }
    }
    /* acc[v][k] lane l is gW[o0 + 8v + l][r + k], r = the kernel row's first column */
    int64_t r = ((c * g->k[0] + kt) * g->k[1] + ky) * KW;
    float lanes[8];
#pragma GCC unroll 4
    for (int v = 0; v < OV; v++)
#pragma GCC unroll 5
        for (int k = 0; k < KW; k++) {
            _mm256_storeu_ps(lanes, acc[v][k]);
            for (int l = 0; l < 8; l++) {
                int64_t o = o0 + 8 * v + l;
                if (o < g->out_planes) sums[o * K + r + k] += lanes[l];
            }
        }
}

AVX2_TARGET static void outer_rows_k5(const conv_geom *g, const input_view *in, const float *gt, int64_t o0, int64_t c,
                                      int64_t kt, int64_t ky, int64_t s0, int64_t s1, float *sums)
{
    outer_rows(g, in, gt, o0, c, kt, ky, s0, s1, sums, OV5, 5);
}

AVX2_TARGET static void outer_rows_k3(const conv_geom *g, const input_view *in, const float *gt, int64_t o0, int64_t c,
                                      int64_t kt, int64_t ky, int64_t s0, int64_t s1, float *sums)
{
    outer_rows(g, in, gt, o0, c, kt, ky, s0, s1, sums, OV3, 3);
}
#endif

/* dst[p][o] = src[o][p] for o < O, zero for O <= o < Op (dst rows are Op long), and sums[o] +=
 * the sum of src's row o (the bias gradient, read on the way): 8 x 8 blocks transposed in
 * registers where they are whole, one element at a time at the edges. */
AVX2_TARGET static void transpose_planes(const float *src, int64_t O, int64_t P, int64_t Op, float *dst, float *sums)
{
    int64_t o8 = O / 8 * 8, p8 = P / 8 * 8;
#if defined(__x86_64__)
    for (int64_t o = 0; o < o8; o += 8) {
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int64_t p = 0; p < p8; p += 8) {
            const float *s = src + o * P + p;
            __m256 r0 = _mm256_loadu_ps(s), r1 = _mm256_loadu_ps(s + P), r2 = _mm256_loadu_ps(s + 2 * P);
            __m256 r3 = _mm256_loadu_ps(s + 3 * P), r4 = _mm256_loadu_ps(s + 4 * P), r5 = _mm256_loadu_ps(s + 5 * P);
            __m256 r6 = _mm256_loadu_ps(s + 6 * P), r7 = _mm256_loadu_ps(s + 7 * P);
            a0 = _mm256_add_ps(a0, r0), a1 = _mm256_add_ps(a1, r1), a2 = _mm256_add_ps(a2, r2);
            a3 = _mm256_add_ps(a3, r3), a4 = _mm256_add_ps(a4, r4), a5 = _mm256_add_ps(a5, r5);
            a6 = _mm256_add_ps(a6, r6), a7 = _mm256_add_ps(a7, r7);
            __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
            __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
            __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
            __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
            __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE);
            __m256 u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
            __m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE);
            __m256 u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
            float *d = dst + p * Op + o;
            _mm256_storeu_ps(d, _mm256_permute2f128_ps(u0, u4, 0x20));
            _mm256_storeu_ps(d + Op, _mm256_permute2f128_ps(u1, u5, 0x20));
            _mm256_storeu_ps(d + 2 * Op, _mm256_permute2f128_ps(u2, u6, 0x20));
            _mm256_storeu_ps(d + 3 * Op, _mm256_permute2f128_ps(u3, u7, 0x20));
            _mm256_storeu_ps(d + 4 * Op, _mm256_permute2f128_ps(u0, u4, 0x31));
            _mm256_storeu_ps(d + 5 * Op, _mm256_permute2f128_ps(u1, u5, 0x31));
            _mm256_storeu_ps(d + 6 * Op, _mm256_permute2f128_ps(u2, u6, 0x31));
            _mm256_storeu_ps(d + 7 * Op, _mm256_permute2f128_ps(u3, u7, 0x31));
        }
        sums[o] += hsum(a0), sums[o + 1] += hsum(a1), sums[o + 2] += hsum(a2), sums[o + 3] += hsum(a3);
        sums[o + 4] += hsum(a4), sums[o + 5] += hsum(a5), sums[o + 6] += hsum(a6), sums[o + 7] += hsum(a7);
    }
#else
    o8 = p8 = 0;
#endif
    for (int64_t p = 0; p < P; p++)
        for (int64_t o = p < p8 ? o8 : 0; o < Op; o++) {
            float v = o < O ? src[o * P + p] : 0.0f;
            dst[p * Op + o] = v;
            if (o < O) sums[o] += v;
        }
}

/* sums (O x K, overwritten) = gout @ columns^T over samples [b0, b1); bias_sums (O, overwritten)
 * = gout's row sums. */
void conv_gemm_weight_direct(const conv_geom *g, const float *input, const float *grad_output, float *sums,
                             float *bias_sums, int64_t b0, int64_t b1, float *scratch)
{
    const int64_t O = g->out_planes, K = g->rows, P = g->out_volume, Op = padded_planes(g), H = g->in[1];
    const int64_t rows = g->in_planes * g->in[0] * H, chunk = direct_chunk(g), Wp = padded_width(g);
    float *gt = aligned(scratch), *padded = gt + chunk * P * Op;
    memset(sums, 0, (size_t)(O * K) * sizeof(float));
    memset(bias_sums, 0, (size_t)O * sizeof(float));
    for (int64_t s0 = b0; s0 < b1; s0 += chunk) {
        int64_t s1 = b1 - s0 < chunk ? b1 : s0 + chunk;
        /* gradOutput transposed: gt[b][p][o], planes past O zero */
        for (int64_t b = s0; b < s1; b++)
            transpose_planes(grad_output + b * O * P, O, P, Op, gt + (b - s0) * P * Op, bias_sums);
        input_view in;
        if (direct_in_place(g)) {
            in = (input_view){input + s0 * g->in_planes * g->in_volume, s0, g->in_planes * g->in_volume,
                              g->in_volume, g->in[2]};
        } else {
            /* the chunk's input rows with pad zeros on each side: x lands at x + pad */
            for (int64_t b = s0; b < s1; b++)
                for (int64_t r = 0; r < rows; r++) {
                    float *dst = padded + ((b - s0) * rows + r) * Wp;
                    const float *src = input + b * g->in_planes * g->in_volume + r * g->in[2];
                    memset(dst, 0, (size_t)g->pad[2] * sizeof(float));
                    memcpy(dst + g->pad[2], src, (size_t)g->in[2] * sizeof(float));
                    memset(dst + g->pad[2] + g->in[2], 0, (size_t)g->pad[2] * sizeof(float));
                }
            in = (input_view){padded, s0, rows * Wp, g->in[0] * H * Wp, Wp};
        }
#if defined(__x86_64__)
        for (int64_t o0 = 0; o0 < O; o0 += block_planes(g))
            for (int64_t c = 0; c < g->in_planes; c++)
                for (int64_t kt = 0; kt < g->k[0]; kt++)
                    for (int64_t ky = 0; ky < g->k[1]; ky++) {
                        if (g->k[2] == 5) outer_rows_k5(g, &in, gt, o0, c, kt, ky, s0, s1, sums);
                        else outer_rows_k3(g, &in, gt, o0, c, kt, ky, s0, s1, sums);
                    }
#endif
    }
}

/* out[o] += scale * (the sum of rows[o][0..n)), o < count: the bias gradient. Eight float lanes
 * times four accumulators, summed in double at the end of each row. */
AVX2_TARGET void conv_gemm_row_sums(const float *rows, int64_t count, int64_t n, double scale, float *out)
{
    for (int64_t o = 0; o < count; o++, rows += n) {
        int64_t i = 0;
        double sum = 0;
#if defined(__x86_64__)
        __m256 a = _mm256_setzero_ps(), b = a, c = a, d = a;
        for (; i + 32 <= n; i += 32) {
            a = _mm256_add_ps(a, _mm256_loadu_ps(rows + i));
            b = _mm256_add_ps(b, _mm256_loadu_ps(rows + i + 8));
            c = _mm256_add_ps(c, _mm256_loadu_ps(rows + i + 16));
            d = _mm256_add_ps(d, _mm256_loadu_ps(rows + i + 24));
        }
        sum = (double)hsum(a) + (double)hsum(b) + (double)hsum(c) + (double)hsum(d);
#endif
        for (; i < n; i++) sum += rows[i];
        out[o] += (float)(scale * sum);
    }
}

/* ------------------------------------------------------------------------------------------- */
/* The forward pass of a layer with few kernel rows, directly                                   */

/* For K = C*kT*kH*kW small (a first layer: 1 x 5 x 5), the implicit GEMM spends as much on
 * packing, on its short reduction's tile overheads and on its zero-padded weight rows as on
 * multiplying. Directly: 4 output planes x 24 positions of one output row in 12 accumulators;
 * each step of the reduction (plane, kt, ky, kx) broadcasts the 4 planes' weights and loads 3
 * vectors of the input row shifted by kx*dil, 12 FMAs for 7 loads, then the row gets its bias and
 * goes straight to the output. Input rows are copied with zero padding around them when the
 * layer pads along x. Needs stride 1 along x. */

enum { DIRECT_PLANES = 4, DIRECT_VECTORS = 3, DIRECT_ROWS_MAX = 75 };

bool conv_gemm_forward_direct_fits(const conv_geom *g)
{
    return g->stride[2] == 1 && g->rows <= DIRECT_ROWS_MAX && g->out[2] >= 8;
}

/* x padded: each input row copied into Wp floats, pad zeros on the left, zeros after it */
static int64_t direct_width(const conv_geom *g)
{
    return (g->out[2] + 23) / 24 * 24 + g->dil[2] * (g->k[2] - 1) + 8;
}

int64_t conv_gemm_forward_direct_scratch(const conv_geom *g)
{
    return g->in_planes * g->in[0] * g->in[1] * direct_width(g) + 64;
}

#if defined(__x86_64__)
/* out rows o0 .. o0+3 (their positions [x0, x0 + 8*nv)) of output row (ot, oy) of one sample. */
AVX2_TARGET static void direct_strip(const conv_geom *g, const float *rows, const float *weight, const float *bias,
                                     float *out, int64_t o0, int64_t ot, int64_t oy, int64_t x0, int64_t nv)
{
    const int64_t H = g->in[1], Wp = direct_width(g), dx = g->dil[2], K = g->rows, P = g->out_volume;
    const int64_t oW = g->out[2], planes = g->out_planes - o0 < DIRECT_PLANES ? g->out_planes - o0 : DIRECT_PLANES;
    __m256 acc[DIRECT_PLANES][DIRECT_VECTORS];
#pragma GCC unroll 4
    for (int o = 0; o < DIRECT_PLANES; o++)
#pragma GCC unroll 3
        for (int v = 0; v < DIRECT_VECTORS; v++) acc[o][v] = _mm256_setzero_ps();
    int64_t r = 0;
    for (int64_t c = 0; c < g->in_planes; c++)
        for (int64_t kt = 0; kt < g->k[0]; kt++) {
            int64_t it = ot * g->stride[0] - g->pad[0] + kt * g->dil[0];
            for (int64_t ky = 0; ky < g->k[1]; ky++) {
                int64_t iy = oy * g->stride[1] - g->pad[1] + ky * g->dil[1];
                if (it < 0 || it >= g->in[0] || iy < 0 || iy >= H) {
                    r += g->k[2];
                    continue;
                }
                const float *row = rows + ((c * g->in[0] + it) * H + iy) * Wp + x0;
                for (int64_t kx = 0; kx < g->k[2]; kx++, r++, row += dx) {
                    __m256 in0 = _mm256_loadu_ps(row), in1 = _mm256_loadu_ps(row + 8), in2 = _mm256_loadu_ps(row + 16);
#pragma GCC unroll 4
                    for (int o = 0; o < DIRECT_PLANES; o++) {
                        /* a lone last group reads its own weights again for the missing planes */
                        __m256 w = _mm256_broadcast_ss(weight + (o0 + (o < planes ? o : 0)) * K + r);
                        acc[o][0] = _mm256_fmadd_ps(w, in0, acc[o][0]);
                        acc[o][1] = _mm256_fmadd_ps(w, in1, acc[o][1]);
                        acc[o][2] = _mm256_fmadd_ps(w, in2, acc[o][2]);
                    }
                }
            }
        }
    /* constant indices only (the loops unrolled), so the accumulators stay registers */
    const int64_t p0 = (ot * g->out[1] + oy) * oW + x0;
#pragma GCC unroll 4
    for (int o = 0; o < DIRECT_PLANES; o++) {
        if (o >= planes) break;
        __m256 b = _mm256_set1_ps(bias ? bias[o0 + o] : 0.0f);
        float *dst = out + (o0 + o) * P + p0;
#pragma GCC unroll 3
        for (int v = 0; v < DIRECT_VECTORS; v++) {
            if (v >= nv) break;
            __m256 y = _mm256_add_ps(acc[o][v], b);
            int64_t left = oW - x0 - 8 * v;
            if (left >= 8) _mm256_storeu_ps(dst + 8 * v, y);
            else _mm256_maskstore_ps(dst + 8 * v, mask_of(left), y);
        }
    }
}
#endif

/* Samples [b0, b1) of the forward pass, weight as it lies (O x K), directly. */
void conv_gemm_forward_direct(const conv_geom *g, const float *weight, const float *bias, const float *input,
                              float *output, int64_t b0, int64_t b1, float *scratch)
{
    const int64_t Wp = direct_width(g), nrows = g->in_planes * g->in[0] * g->in[1], oW = g->out[2];
    float *rows = aligned(scratch);
    for (int64_t b = b0; b < b1; b++) {
        const float *sample = input + b * g->in_planes * g->in_volume;
        for (int64_t i = 0; i < nrows; i++) {
            float *dst = rows + i * Wp;
            memset(dst, 0, (size_t)Wp * sizeof(float));
            memcpy(dst + g->pad[2], sample + i * g->in[2], (size_t)g->in[2] * sizeof(float));
        }
#if defined(__x86_64__)
        float *out = output + b * g->out_planes * g->out_volume;
        for (int64_t o0 = 0; o0 < g->out_planes; o0 += DIRECT_PLANES)
            for (int64_t ot = 0; ot < g->out[0]; ot++)
                for (int64_t oy = 0; oy < g->out[1]; oy++)
                    for (int64_t x0 = 0; x0 < oW; x0 += 8 * DIRECT_VECTORS) {
                        int64_t nv = (oW - x0 + 7) / 8;
                        direct_strip(g, rows, weight, bias, out, o0, ot, oy, x0,
                                     nv < DIRECT_VECTORS ? nv : DIRECT_VECTORS);
                    }
#endif
    }
}
