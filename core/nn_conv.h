/*
 * nn_conv.h — what nn_conv.c shares with nn_conv_gemm.c: the geometry of a convolution and the
 * float kernels that multiply without materialising the columns (implicit GEMM).
 *
 * The products of a convolution, in the terms of nn_conv.c's header comment:
 *     forward          out (O x P per sample)   = weight (O x K) @ columns (K x P)
 *     input gradient   gcol (K x P per sample)  = weight^T (K x O) @ gout (O x P), added back
 *                                                  into the input's positions (col2im)
 * The kernels here tile those products in 6 x 16 blocks held in AVX2 registers: the B side
 * (columns, or gradOutput) is packed one 16-position panel at a time straight from the image,
 * and each finished tile goes straight to its place (the NCHW output with its bias, or added
 * into the input gradient), so neither the columns nor the gradient's columns exist in memory.
 */
#ifndef WICK_NN_CONV_H
#define WICK_NN_CONV_H
#include "internal.h"

typedef struct {
    int64_t batch;                     /* N (1 for an unbatched input) */
    int64_t in_planes, out_planes;     /* C, O */
    int64_t in[3], out[3];             /* spatial sizes (T, H, W), input and output */
    int64_t k[3], stride[3], pad[3], dil[3];
    int64_t in_volume, out_volume;     /* T*H*W: elements of one plane */
    int64_t kernel_volume;             /* kT*kH*kW */
    int64_t rows;                      /* K = C * kernel_volume: rows of the columns */
} conv_geom;

/* Whether this CPU runs the kernels (AVX2 and FMA, checked once at run time). */
bool conv_gemm_available(void);

/* The weight in the kernels' layout: the m x r matrix whose element (i, j) is src[i*rs + j*cs],
 * cut into panels of 6 rows (the last padded with zeros), each stored r-major. The forward pass
 * packs weight (O x K: rs = K, cs = 1), the input gradient its transpose (rs = 1, cs = K). */
int64_t conv_gemm_packed_numel(int64_t m, int64_t r);
void conv_gemm_pack(const float *src, int64_t m, int64_t r, int64_t rs, int64_t cs, float *packed);

/* Scratch one thread needs for a pass, in floats. */
int64_t conv_gemm_scratch_numel(const conv_geom *g);

/* Samples [b0, b1) of the forward pass: output = weight (packed) conv input + bias (may be NULL). */
void conv_gemm_forward(const conv_geom *g, const float *packed_weight, const float *bias, const float *input,
                       float *output, int64_t b0, int64_t b1, float *scratch);

/* Samples [b0, b1) of the input gradient, from weight^T (packed) and grad_output; grad_input's
 * samples are overwritten. */
void conv_gemm_backward_input(const conv_geom *g, const float *packed_weight_t, const float *grad_output,
                              float *grad_input, int64_t b0, int64_t b1, float *scratch);

/* The forward pass without packing, for layers with few kernel rows (K <= 75, stride 1 along x):
 * samples [b0, b1), weight as it lies (O x K). */
bool conv_gemm_forward_direct_fits(const conv_geom *g);
int64_t conv_gemm_forward_direct_scratch(const conv_geom *g);
void conv_gemm_forward_direct(const conv_geom *g, const float *weight, const float *bias, const float *input,
                              float *output, int64_t b0, int64_t b1, float *scratch);

/* im2col (nn_conv.c's layout: columns[r][b*P + p] for nb samples), for the weight gradient. */
void conv_gemm_im2col(const conv_geom *g, const float *input, int64_t nb, float *columns);

/* The weight gradient without columns (kW = 3 or 5): sums (O x K) = gout @ columns^T and
 * bias_sums (O) = gout's row sums over samples [b0, b1), both overwritten. */
bool conv_gemm_weight_direct_fits(const conv_geom *g);
int64_t conv_gemm_weight_direct_scratch(const conv_geom *g);
void conv_gemm_weight_direct(const conv_geom *g, const float *input, const float *grad_output, float *sums,
                             float *bias_sums, int64_t b0, int64_t b1, float *scratch);

/* out[o] += scale * the sum of rows[o][0..n), o < count (the bias gradient). */
void conv_gemm_row_sums(const float *rows, int64_t count, int64_t n, double scale, float *out);

#endif
