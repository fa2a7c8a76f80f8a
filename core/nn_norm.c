/*
 * nn_norm.c — normalization kernels: batch normalization (nn.BatchNormalization,
 * nn.SpatialBatchNormalization) and layer normalization (nn.LayerNormalization). Float and double;
 * statistics are accumulated in double for both.
 *
 * Batch normalization sees its input as (N, C, S): N samples, C channels, S positions per channel
 * (1 for a 2-d input, H*W for a 4-d one); the dimensions after the second must merge into one
 * stride (any contiguous input does). Each channel is normalized over its N*S values:
 *
 *   train:    mean, var = the channel's batch mean and biased variance
 *             save_mean = mean, save_std = 1 / sqrt(var + eps)       (Torch7's names: save_std
 *             running_mean = momentum * mean + (1 - momentum) * running_mean     holds the
 *             running_var  = momentum * unbiased var + (1 - momentum) * running_var  inverse)
 *   evaluate: mean = running_mean, 1 / sqrt(running_var + eps)
 *   output = (x - mean) * invstd * weight + bias       (weight, bias may be NULL: not affine)
 *
 * Layer normalization normalizes each row of the last dimension (K values) over itself:
 * output = (x - mean) * rstd * weight + bias with rstd = 1 / sqrt(biased var + eps), as PyTorch.
 *
 * Threads: channels (batch norm) and rows (layer norm) are independent and split across threads
 * when the tensor is large; sums over them run in a fixed order, so results never depend on the
 * thread count.
 */
#include "nn_real.h"
#include <omp.h>

static const char *const BATCH_NORM = "batch normalization";
static const char *const LAYER_NORM = "layer normalization";

enum { CHANNEL_BLOCK = 256 };   /* channels accumulated side by side when S == 1 */

/* (N, C, S) strides of a tensor of 2 or more dims, in elements. */
typedef struct {
    int64_t n, c, s;
} strides3;

static int view3(const char *op, const char *name, const wk_tensor *t, strides3 *st, int64_t *positions)
{
    if (t->ndim < 2)
        return wk_error(WK_ESHAPE, "%s: %s must have a batch and a channel dimension, got %s", op, name, WK_DESC(t));
    int64_t count = 1;
    for (int32_t d = 2; d < t->ndim; d++) {
        count *= t->sizes[d];
        if (d + 1 < t->ndim && t->sizes[d] > 1 && t->strides[d] != t->strides[d + 1] * t->sizes[d + 1])
            return wk_error(WK_EUNSUPPORTED, "%s: the spatial dimensions of %s do not merge (make it contiguous)",
                            op, WK_DESC(t));
    }
    *st = (strides3){t->strides[0], t->strides[1], t->ndim > 2 ? t->strides[t->ndim - 1] : 1};
    if (positions) *positions = count;
    return WK_OK;
}

static const char *base_of(const wk_tensor *t)
{
    return (const char *)wk_storage_data(t->storage) + t->offset * wk_dtype_size(t->dtype);
}

/* ------------------------------------------------------------------------------------------- */
/* Batch normalization                                                                          */

typedef struct {
    int64_t batch, channels, positions;   /* N, C, S */
    strides3 in, grad;                    /* of the input and of grad_output */
    double eps, momentum, scale;
    bool train;
} bn_args;

/* One term of bn_channel_sums: KIND 0: x; 1: (x - m)^2; 2: g; 3: (x - m) * g. */
static NN_INLINE double bn_term(bool f64, int kind, const char *x, int64_t xi, const char *g, int64_t gi, double m)
{
    switch (kind) {
    case 0: return nn_load(x, xi, f64);
    case 1: {
        double d = nn_load(x, xi, f64) - m;
        return d * d;
    }
    case 2: return nn_load(g, gi, f64);
    default: return (nn_load(x, xi, f64) - m) * nn_load(g, gi, f64);
    }
}

/* The sum over s < S of bn_term at x + s * xs, g + s * gs, in 8 lanes (so it vectorises). */
static NN_INLINE double bn_line_sum(bool f64, int kind, const char *x, int64_t xo, int64_t xs, const char *g,
                                    int64_t go, int64_t gs, double m, int64_t S)
{
    double lanes[8] = {0};
    int64_t s = 0;
    for (; s + 8 <= S; s += 8)
        for (int l = 0; l < 8; l++) lanes[l] += bn_term(f64, kind, x, xo + (s + l) * xs, g, go + (s + l) * gs, m);
    double sum = 0;
    for (; s < S; s++) sum += bn_term(f64, kind, x, xo + s * xs, g, go + s * gs, m);
    for (int l = 0; l < 8; l++) sum += lanes[l];
    return sum;
}

/* Per-channel sums over (n, s) for the channels [c0, c0 + count): sum[k] for channel c0 + k, of
 * bn_term KIND (g is grad_output; mean[k] is m). With S == 1 the channels of a sample are side by
 * side and the loop runs along them; otherwise along each channel's S positions. */
static NN_INLINE void bn_channel_sums(bool f64, int kind, const bn_args *a, const char *x, const char *g, int64_t c0,
                                      int64_t count, const double *mean, double *sum)
{
    bool centred = kind == 1 || kind == 3;
    for (int64_t k = 0; k < count; k++) sum[k] = 0;
    if (a->positions == 1) {
        for (int64_t n = 0; n < a->batch; n++) {
            int64_t xo = n * a->in.n + c0 * a->in.c, go = n * a->grad.n + c0 * a->grad.c;
            for (int64_t k = 0; k < count; k++)
                sum[k] += bn_term(f64, kind, x, xo + k * a->in.c, g, go + k * a->grad.c, centred ? mean[k] : 0.0);
        }
        return;
    }
    bool unit = a->in.s == 1 && (kind < 2 || a->grad.s == 1);
    for (int64_t k = 0; k < count; k++) {
        int64_t c = c0 + k;
        double m = centred ? mean[k] : 0.0, acc = 0;
        for (int64_t n = 0; n < a->batch; n++) {
            int64_t xo = n * a->in.n + c * a->in.c, go = n * a->grad.n + c * a->grad.c;
            acc += unit ? bn_line_sum(f64, kind, x, xo, 1, g, go, 1, m, a->positions)
                        : bn_line_sum(f64, kind, x, xo, a->in.s, g, go, a->grad.s, m, a->positions);
        }
        sum[k] = acc;
    }
}

/* The channels [c0, c0 + n_ch) of the forward pass (at most CHANNEL_BLOCK). */
static NN_INLINE void bn_forward_block(bool f64, const bn_args *a, int64_t c0, int64_t n_ch, const char *x, char *y,
                                       const char *weight, const char *bias, char *running_mean, char *running_var,
                                       char *save_mean, char *save_std)
{
    int64_t C = a->channels, S = a->positions;
    double count = (double)(a->batch * S);
    double mean[CHANNEL_BLOCK], invstd[CHANNEL_BLOCK], tmp[CHANNEL_BLOCK];
    if (a->train) {
        bn_channel_sums(f64, 0, a, x, NULL, c0, n_ch, NULL, tmp);
        for (int64_t k = 0; k < n_ch; k++) mean[k] = tmp[k] / count;
        bn_channel_sums(f64, 1, a, x, NULL, c0, n_ch, mean, tmp);
        for (int64_t k = 0; k < n_ch; k++) {
            int64_t c = c0 + k;
            double var = tmp[k] / count;
            invstd[k] = 1.0 / sqrt(var + a->eps);
            nn_store(save_mean, c, mean[k], f64);
            nn_store(save_std, c, invstd[k], f64);
            double unbiased = tmp[k] / (count - 1);
            nn_store(running_mean, c, a->momentum * mean[k] + (1 - a->momentum) * nn_load(running_mean, c, f64), f64);
            nn_store(running_var, c, a->momentum * unbiased + (1 - a->momentum) * nn_load(running_var, c, f64), f64);
        }
    } else {
        for (int64_t k = 0; k < n_ch; k++) {
            mean[k] = nn_load(running_mean, c0 + k, f64);
            invstd[k] = 1.0 / sqrt(nn_load(running_var, c0 + k, f64) + a->eps);
        }
    }
    /* y = x * scale + shift, per channel: scale in tmp, shift in mean */
    for (int64_t k = 0; k < n_ch; k++) {
        double w = weight ? nn_load(weight, c0 + k, f64) : 1.0, b = bias ? nn_load(bias, c0 + k, f64) : 0.0;
        tmp[k] = invstd[k] * w;
        mean[k] = b - mean[k] * tmp[k];
    }
    for (int64_t n = 0; n < a->batch; n++) {
        if (S == 1) {
            int64_t xo = n * a->in.n + c0 * a->in.c, yo = n * C + c0;
            for (int64_t k = 0; k < n_ch; k++)
                nn_store(y, yo + k, nn_load(x, xo + k * a->in.c, f64) * tmp[k] + mean[k], f64);
        } else {
            for (int64_t k = 0; k < n_ch; k++) {
                int64_t c = c0 + k, xo = n * a->in.n + c * a->in.c, yo = (n * C + c) * S;
                double sc = tmp[k], sh = mean[k];
                for (int64_t s = 0; s < S; s++) nn_store(y, yo + s, nn_load(x, xo + s * a->in.s, f64) * sc + sh, f64);
            }
        }
    }
}

/* The dispatcher of one block of channels (see nn_real.h). */
WK_SIMD_CLONES static void bn_forward_dispatch(bool f64, const bn_args *a, int64_t c0, int64_t n_ch, const char *x,
                                               char *y, const char *weight, const char *bias, char *running_mean,
                                               char *running_var, char *save_mean, char *save_std)
{
    if (f64)
        bn_forward_block(true, a, c0, n_ch, x, y, weight, bias, running_mean, running_var, save_mean, save_std);
    else
        bn_forward_block(false, a, c0, n_ch, x, y, weight, bias, running_mean, running_var, save_mean, save_std);
}

/* Channels in blocks (CHANNEL_BLOCK of them side by side when S == 1, else one), the blocks split
 * across threads, each through the dispatcher. */
static void bn_forward(bool f64, const bn_args *a, const char *x, char *y, const char *weight, const char *bias,
                       char *running_mean, char *running_var, char *save_mean, char *save_std)
{
    int64_t C = a->channels, S = a->positions;
    int64_t block = S == 1 ? CHANNEL_BLOCK : 1, blocks = (C + block - 1) / block;
    bool parallel = blocks > 1 && a->batch * C * S >= WK_GRAIN && !omp_in_parallel();
    #pragma omp parallel for schedule(static) if (parallel)
    for (int64_t b = 0; b < blocks; b++) {
        int64_t c0 = b * block, n_ch = C - c0 < block ? C - c0 : block;
        bn_forward_dispatch(f64, a, c0, n_ch, x, y, weight, bias, running_mean, running_var, save_mean, save_std);
    }
}

static int bn_check_vectors(const wk_tensor *input, int64_t channels, const wk_tensor *const *vectors,
                            const char *const *names, int count)
{
    for (int i = 0; i < count; i++) {
        int rc = nn_check_real(BATCH_NORM, names[i], vectors[i], true);
        if (!rc) rc = nn_check_same_dtype(BATCH_NORM, names[i], vectors[i], input);
        if (!rc) rc = nn_check_vector(BATCH_NORM, names[i], vectors[i], channels);
        if (rc) return rc;
    }
    return WK_OK;
}

int wk_nn_batch_norm_forward(const wk_tensor *input, wk_tensor *output, const wk_tensor *weight, const wk_tensor *bias,
                             wk_tensor *running_mean, wk_tensor *running_var, wk_tensor *save_mean,
                             wk_tensor *save_std, int32_t train, double momentum, double eps)
{
    bn_args a = {0};
    int rc = nn_check_real(BATCH_NORM, "input", input, false);
    if (!rc) rc = view3(BATCH_NORM, "input", input, &a.in, &a.positions);
    if (rc) return rc;
    a.batch = input->sizes[0];
    a.channels = input->sizes[1];
    a.eps = eps;
    a.momentum = momentum;
    a.train = train != 0;
    const wk_tensor *vectors[] = {weight, bias, running_mean, running_var};
    const char *names[] = {"weight", "bias", "running_mean", "running_var"};
    rc = bn_check_vectors(input, a.channels, vectors, names, 4);
    if (!rc && (!running_mean || !running_var))
        rc = wk_error(WK_EINVAL, "%s: running_mean and running_var are needed", BATCH_NORM);
    if (!rc) rc = nn_check_real(BATCH_NORM, "output", output, false);
    if (!rc) rc = nn_check_same_dtype(BATCH_NORM, "output", output, input);
    if (!rc && train) {
        if (a.batch * a.positions < 2)
            return wk_error(WK_ESHAPE, "%s: training needs more than one value per channel, got input %s",
                            BATCH_NORM, WK_DESC(input));
        rc = nn_check_real(BATCH_NORM, "save_mean", save_mean, false);
        if (!rc) rc = nn_check_real(BATCH_NORM, "save_std", save_std, false);
        if (!rc) rc = nn_check_same_dtype(BATCH_NORM, "save_mean", save_mean, input);
        if (!rc) rc = nn_check_same_dtype(BATCH_NORM, "save_std", save_std, input);
        int64_t size = a.channels;
        if (!rc) rc = wk_tensor_resize(save_mean, 1, &size);
        if (!rc) rc = wk_tensor_resize(save_std, 1, &size);
    }
    if (!rc && (output == input || wk_tensor_is_set_to(output, input)))
        rc = wk_error(WK_EINVAL, "%s: output must not be the input", BATCH_NORM);
    if (!rc) rc = wk_tensor_resize_as(output, input);
    if (rc) return rc;
    if (wk_tensor_numel(input) == 0) return WK_OK;
    bool f64 = input->dtype == WK_F64;
    const char *x = base_of(input);
    char *y = wk_tensor_data(output);
    const char *w = weight ? wk_tensor_data(weight) : NULL, *b = bias ? wk_tensor_data(bias) : NULL;
    char *rm = wk_tensor_data(running_mean), *rv = wk_tensor_data(running_var);
    char *sm = train ? wk_tensor_data(save_mean) : NULL, *ss = train ? wk_tensor_data(save_std) : NULL;
    bn_forward(f64, &a, x, y, w, b, rm, rv, sm, ss);
    return WK_OK;
}

/* The channels [c0, c0 + n_ch) of the backward pass. */
static NN_INLINE void bn_backward_block(bool f64, const bn_args *a, int64_t c0, int64_t n_ch, const char *x,
                                        const char *g, char *gi, char *gw, char *gb, const char *weight,
                                        const char *running_mean, const char *running_var, const char *save_mean,
                                        const char *save_std)
{
    int64_t C = a->channels, S = a->positions;
    double count = (double)(a->batch * S);
    double mean[CHANNEL_BLOCK], invstd[CHANNEL_BLOCK], sum[CHANNEL_BLOCK], dot[CHANNEL_BLOCK];
    double factor[CHANNEL_BLOCK], shift[CHANNEL_BLOCK], k2[CHANNEL_BLOCK];
    for (int64_t k = 0; k < n_ch; k++) {
        int64_t c = c0 + k;
        if (a->train) {
            mean[k] = nn_load(save_mean, c, f64);
            invstd[k] = nn_load(save_std, c, f64);
        } else {
            mean[k] = nn_load(running_mean, c, f64);
            invstd[k] = 1.0 / sqrt(nn_load(running_var, c, f64) + a->eps);
        }
    }
    bn_channel_sums(f64, 2, a, x, g, c0, n_ch, mean, sum);
    bn_channel_sums(f64, 3, a, x, g, c0, n_ch, mean, dot);
    if (gi) {
        /* train: gi = (g - sum/count - (x - mean) * dot * invstd^2 / count) * invstd * w
         *           = g * factor - x * (k2 * factor) + shift
         * eval:  gi = g * invstd * w */
        for (int64_t k = 0; k < n_ch; k++) {
            double w = weight ? nn_load(weight, c0 + k, f64) : 1.0;
            factor[k] = invstd[k] * w;
            k2[k] = a->train ? dot[k] * invstd[k] * invstd[k] / count : 0.0;
            shift[k] = a->train ? (mean[k] * k2[k] - sum[k] / count) * factor[k] : 0.0;
            k2[k] *= factor[k];
        }
        for (int64_t n = 0; n < a->batch; n++) {
            if (S == 1) {
                int64_t xo = n * a->in.n + c0 * a->in.c, go = n * a->grad.n + c0 * a->grad.c, io = n * C + c0;
                for (int64_t k = 0; k < n_ch; k++)
                    nn_store(gi, io + k, nn_load(g, go + k * a->grad.c, f64) * factor[k] -
                                             nn_load(x, xo + k * a->in.c, f64) * k2[k] + shift[k], f64);
            } else {
                for (int64_t k = 0; k < n_ch; k++) {
                    int64_t c = c0 + k, xo = n * a->in.n + c * a->in.c, go = n * a->grad.n + c * a->grad.c;
                    int64_t io = (n * C + c) * S;
                    double fk = factor[k], kk = k2[k], sk = shift[k];
                    for (int64_t s = 0; s < S; s++)
                        nn_store(gi, io + s, nn_load(g, go + s * a->grad.s, f64) * fk -
                                                 nn_load(x, xo + s * a->in.s, f64) * kk + sk, f64);
                }
            }
        }
    }
    for (int64_t k = 0; k < n_ch; k++) {
        int64_t c = c0 + k;
        if (gw) nn_store(gw, c, nn_load(gw, c, f64) + a->scale * dot[k] * invstd[k], f64);
        if (gb) nn_store(gb, c, nn_load(gb, c, f64) + a->scale * sum[k], f64);
    }
}

WK_SIMD_CLONES static void bn_backward_dispatch(bool f64, const bn_args *a, int64_t c0, int64_t n_ch, const char *x,
                                                const char *g, char *gi, char *gw, char *gb, const char *weight,
                                                const char *running_mean, const char *running_var,
                                                const char *save_mean, const char *save_std)
{
    if (f64)
        bn_backward_block(true, a, c0, n_ch, x, g, gi, gw, gb, weight, running_mean, running_var, save_mean, save_std);
    else
        bn_backward_block(false, a, c0, n_ch, x, g, gi, gw, gb, weight, running_mean, running_var, save_mean,
                          save_std);
}

static void bn_backward(bool f64, const bn_args *a, const char *x, const char *g, char *gi, char *gw, char *gb,
                        const char *weight, const char *running_mean, const char *running_var, const char *save_mean,
                        const char *save_std)
{
    int64_t C = a->channels, S = a->positions;
    int64_t block = S == 1 ? CHANNEL_BLOCK : 1, blocks = (C + block - 1) / block;
    bool parallel = blocks > 1 && a->batch * C * S >= WK_GRAIN && !omp_in_parallel();
    #pragma omp parallel for schedule(static) if (parallel)
    for (int64_t b = 0; b < blocks; b++) {
        int64_t c0 = b * block, n_ch = C - c0 < block ? C - c0 : block;
        bn_backward_dispatch(f64, a, c0, n_ch, x, g, gi, gw, gb, weight, running_mean, running_var, save_mean,
                             save_std);
    }
}

int wk_nn_batch_norm_backward(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                              wk_tensor *grad_weight, wk_tensor *grad_bias, const wk_tensor *weight,
                              const wk_tensor *running_mean, const wk_tensor *running_var,
                              const wk_tensor *save_mean, const wk_tensor *save_std, int32_t train, double scale,
                              double eps)
{
    bn_args a = {0};
    int rc = nn_check_real(BATCH_NORM, "input", input, false);
    if (!rc) rc = nn_check_real(BATCH_NORM, "gradOutput", grad_output, false);
    if (!rc) rc = nn_check_same_dtype(BATCH_NORM, "gradOutput", grad_output, input);
    if (!rc && !wk_tensor_is_same_size(input, grad_output))
        rc = wk_error(WK_ESHAPE, "%s: gradOutput %s does not match input %s", BATCH_NORM, WK_DESC(grad_output),
                      WK_DESC(input));
    if (!rc) rc = view3(BATCH_NORM, "input", input, &a.in, &a.positions);
    if (!rc) rc = view3(BATCH_NORM, "gradOutput", grad_output, &a.grad, NULL);
    if (rc) return rc;
    a.batch = input->sizes[0];
    a.channels = input->sizes[1];
    a.eps = eps;
    a.scale = scale;
    a.train = train != 0;
    /* the saved statistics matter (and are checked) in training only */
    const wk_tensor *vectors[] = {weight, grad_weight, grad_bias, running_mean, running_var, save_mean, save_std};
    const char *names[] = {"weight", "gradWeight", "gradBias", "running_mean", "running_var", "save_mean", "save_std"};
    rc = bn_check_vectors(input, a.channels, vectors, names, train ? 7 : 5);
    if (!rc && train && (!save_mean || !save_std))
        rc = wk_error(WK_EINVAL, "%s: save_mean and save_std are needed in training mode (run forward first)",
                      BATCH_NORM);
    if (!rc && !train && (!running_mean || !running_var))
        rc = wk_error(WK_EINVAL, "%s: running_mean and running_var are needed", BATCH_NORM);
    if (!rc && grad_input) {
        rc = nn_check_real(BATCH_NORM, "gradInput", grad_input, false);
        if (!rc) rc = nn_check_same_dtype(BATCH_NORM, "gradInput", grad_input, input);
        if (!rc && (grad_input == input || grad_input == grad_output || wk_tensor_is_set_to(grad_input, input) ||
                    wk_tensor_is_set_to(grad_input, grad_output)))
            rc = wk_error(WK_EINVAL, "%s: gradInput must not be the input or gradOutput", BATCH_NORM);
        if (!rc) rc = wk_tensor_resize_as(grad_input, input);
    }
    if (rc) return rc;
    if (wk_tensor_numel(input) == 0) return WK_OK;
    bool f64 = input->dtype == WK_F64;
    const char *x = base_of(input), *g = base_of(grad_output);
    char *gi = grad_input ? wk_tensor_data(grad_input) : NULL;
    char *gw = grad_weight ? wk_tensor_data(grad_weight) : NULL, *gb = grad_bias ? wk_tensor_data(grad_bias) : NULL;
    const char *w = weight ? wk_tensor_data(weight) : NULL;
    const char *rm = running_mean ? wk_tensor_data(running_mean) : NULL;
    const char *rv = running_var ? wk_tensor_data(running_var) : NULL;
    const char *sm = train ? wk_tensor_data(save_mean) : NULL, *ss = train ? wk_tensor_data(save_std) : NULL;
    bn_backward(f64, &a, x, g, gi, gw, gb, w, rm, rv, sm, ss);
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* Layer normalization                                                                          */

/* One row of K values: mean, rstd saved; y = (x - mean) * rstd (* weight + bias). Sums in 8 lanes. */
static NN_INLINE void ln_forward_row(bool f64, const char *x, char *y, const char *weight, const char *bias,
                                     int64_t K, double eps, double *mean_out, double *rstd_out)
{
    double lanes[8] = {0}, sum = 0;
    int64_t k = 0;
    for (; k + 8 <= K; k += 8)
        for (int l = 0; l < 8; l++) lanes[l] += nn_load(x, k + l, f64);
    for (; k < K; k++) sum += nn_load(x, k, f64);
    for (int l = 0; l < 8; l++) sum += lanes[l];
    double mean = sum / (double)K, sq = 0;
    for (int l = 0; l < 8; l++) lanes[l] = 0;
    for (k = 0; k + 8 <= K; k += 8)
        for (int l = 0; l < 8; l++) {
            double d = nn_load(x, k + l, f64) - mean;
            lanes[l] += d * d;
        }
    for (; k < K; k++) {
        double d = nn_load(x, k, f64) - mean;
        sq += d * d;
    }
    for (int l = 0; l < 8; l++) sq += lanes[l];
    double rstd = 1.0 / sqrt(sq / (double)K + eps);
    if (weight) {
        for (k = 0; k < K; k++)
            nn_store(y, k, (nn_load(x, k, f64) - mean) * rstd * nn_load(weight, k, f64) + nn_load(bias, k, f64), f64);
    } else {
        for (k = 0; k < K; k++) nn_store(y, k, (nn_load(x, k, f64) - mean) * rstd, f64);
    }
    *mean_out = mean;
    *rstd_out = rstd;
}

WK_SIMD_CLONES static void ln_forward_dispatch(bool f64, const char *x, char *y, const char *weight,
                                               const char *bias, int64_t K, double eps, double *mean, double *rstd)
{
    if (f64)
        ln_forward_row(true, x, y, weight, bias, K, eps, mean, rstd);
    else
        ln_forward_row(false, x, y, weight, bias, K, eps, mean, rstd);
}

/* Rows split across threads, each through the dispatcher (nn_real.h). */
static void ln_forward(bool f64, const char *x, char *y, const char *weight, const char *bias, char *save_mean,
                       char *save_rstd, int64_t rows, int64_t K, double eps)
{
    int64_t row_bytes = K * (f64 ? 8 : 4);
    bool parallel = rows > 1 && rows * K >= WK_GRAIN && !omp_in_parallel();
    #pragma omp parallel for schedule(static) if (parallel)
    for (int64_t r = 0; r < rows; r++) {
        double mean, rstd;
        ln_forward_dispatch(f64, x + r * row_bytes, y + r * row_bytes, weight, bias, K, eps, &mean, &rstd);
        nn_store(save_mean, r, mean, f64);
        nn_store(save_rstd, r, rstd, f64);
    }
}

/* Rows of `K` values of a contiguous tensor with at least one dimension. */
static int ln_rows(const char *name, const wk_tensor *t, int64_t *rows, int64_t *K)
{
    if (t->ndim < 1 || !wk_tensor_is_contiguous(t))
        return wk_error(WK_EINVAL, "%s: %s must be contiguous with at least one dimension, got %s", LAYER_NORM, name,
                        WK_DESC(t));
    *K = t->sizes[t->ndim - 1];
    *rows = *K ? wk_tensor_numel(t) / *K : 0;
    return WK_OK;
}

int wk_nn_layer_norm_forward(const wk_tensor *input, wk_tensor *output, const wk_tensor *weight, const wk_tensor *bias,
                             wk_tensor *save_mean, wk_tensor *save_rstd, double eps)
{
    int64_t rows = 0, K = 0;
    int rc = nn_check_real(LAYER_NORM, "input", input, false);
    if (!rc) rc = ln_rows("input", input, &rows, &K);
    if (!rc && (!weight) != (!bias)) rc = wk_error(WK_EINVAL, "%s: weight and bias go together", LAYER_NORM);
    const wk_tensor *vectors[] = {weight, bias};
    const char *names[] = {"weight", "bias"};
    for (int i = 0; i < 2 && !rc; i++) {
        rc = nn_check_real(LAYER_NORM, names[i], vectors[i], true);
        if (!rc) rc = nn_check_same_dtype(LAYER_NORM, names[i], vectors[i], input);
        if (!rc) rc = nn_check_vector(LAYER_NORM, names[i], vectors[i], K);
    }
    wk_tensor *outs[] = {output, save_mean, save_rstd};
    const char *out_names[] = {"output", "save_mean", "save_rstd"};
    for (int i = 0; i < 3 && !rc; i++) {
        rc = nn_check_real(LAYER_NORM, out_names[i], outs[i], false);
        if (!rc) rc = nn_check_same_dtype(LAYER_NORM, out_names[i], outs[i], input);
    }
    if (!rc && (output == input || wk_tensor_is_set_to(output, input)))
        rc = wk_error(WK_EINVAL, "%s: output must not be the input", LAYER_NORM);
    if (!rc) rc = wk_tensor_resize_as(output, input);
    if (!rc) rc = wk_tensor_resize(save_mean, 1, &rows);
    if (!rc) rc = wk_tensor_resize(save_rstd, 1, &rows);
    if (rc) return rc;
    if (rows == 0) return WK_OK;
    const char *x = wk_tensor_data(input), *w = weight ? wk_tensor_data(weight) : NULL;
    const char *b = bias ? wk_tensor_data(bias) : NULL;
    char *y = wk_tensor_data(output), *sm = wk_tensor_data(save_mean), *sr = wk_tensor_data(save_rstd);
    ln_forward(input->dtype == WK_F64, x, y, w, b, sm, sr, rows, K, eps);
    return WK_OK;
}

/* One row of gradInput: rstd * (g*w - mean(g*w) - xhat * mean(g*w*xhat)), xhat = (x - mean) * rstd. */
static NN_INLINE void ln_backward_row(bool f64, const char *x, const char *g, char *gi, const char *weight, int64_t K,
                                      double mean, double rstd)
{
    double la[8] = {0}, lb[8] = {0}, a = 0, b = 0;
    int64_t k = 0;
    for (; k + 8 <= K; k += 8)
        for (int l = 0; l < 8; l++) {
            double gw = nn_load(g, k + l, f64) * (weight ? nn_load(weight, k + l, f64) : 1.0);
            la[l] += gw;
            lb[l] += gw * (nn_load(x, k + l, f64) - mean);
        }
    for (; k < K; k++) {
        double gw = nn_load(g, k, f64) * (weight ? nn_load(weight, k, f64) : 1.0);
        a += gw;
        b += gw * (nn_load(x, k, f64) - mean);
    }
    for (int l = 0; l < 8; l++) {
        a += la[l];
        b += lb[l];
    }
    a /= (double)K;
    b *= rstd / (double)K;
    for (k = 0; k < K; k++) {
        double gw = nn_load(g, k, f64) * (weight ? nn_load(weight, k, f64) : 1.0);
        double xhat = (nn_load(x, k, f64) - mean) * rstd;
        nn_store(gi, k, rstd * (gw - a - xhat * b), f64);
    }
}

/* gradWeight += scale * sum over rows of g * xhat, gradBias += scale * sum of g: CHANNEL_BLOCK
 * columns at a time, the rows in order (one thread: the sums do not depend on the thread count). */
static NN_INLINE void ln_parameter_grads(bool f64, const char *x, const char *g, char *gw, char *gb,
                                         const char *save_mean, const char *save_rstd, int64_t rows, int64_t K,
                                         double scale)
{
    for (int64_t k0 = 0; k0 < K; k0 += CHANNEL_BLOCK) {
        int64_t n = K - k0 < CHANNEL_BLOCK ? K - k0 : CHANNEL_BLOCK;
        double sw[CHANNEL_BLOCK] = {0}, sb[CHANNEL_BLOCK] = {0};
        for (int64_t r = 0; r < rows; r++) {
            double mean = nn_load(save_mean, r, f64), rstd = nn_load(save_rstd, r, f64);
            int64_t base = r * K + k0;
            for (int64_t k = 0; k < n; k++) {
                double gv = nn_load(g, base + k, f64);
                sw[k] += gv * (nn_load(x, base + k, f64) - mean) * rstd;
                sb[k] += gv;
            }
        }
        for (int64_t k = 0; k < n; k++) {
            if (gw) nn_store(gw, k0 + k, nn_load(gw, k0 + k, f64) + scale * sw[k], f64);
            if (gb) nn_store(gb, k0 + k, nn_load(gb, k0 + k, f64) + scale * sb[k], f64);
        }
    }
}

WK_SIMD_CLONES static void ln_backward_dispatch(bool f64, const char *x, const char *g, char *gi, const char *weight,
                                                int64_t K, double mean, double rstd)
{
    if (f64 && weight)
        ln_backward_row(true, x, g, gi, weight, K, mean, rstd);
    else if (f64)
        ln_backward_row(true, x, g, gi, NULL, K, mean, rstd);
    else if (weight)
        ln_backward_row(false, x, g, gi, weight, K, mean, rstd);
    else
        ln_backward_row(false, x, g, gi, NULL, K, mean, rstd);
}

static void ln_backward(bool f64, const char *x, const char *g, char *gi, char *gw, char *gb, const char *weight,
                        const char *save_mean, const char *save_rstd, int64_t rows, int64_t K, double scale)
{
    if (gi) {
        int64_t row_bytes = K * (f64 ? 8 : 4);
        bool parallel = rows > 1 && rows * K >= WK_GRAIN && !omp_in_parallel();
        #pragma omp parallel for schedule(static) if (parallel)
        for (int64_t r = 0; r < rows; r++) {
            double mean = nn_load(save_mean, r, f64), rstd = nn_load(save_rstd, r, f64);
            ln_backward_dispatch(f64, x + r * row_bytes, g + r * row_bytes, gi + r * row_bytes, weight, K, mean, rstd);
        }
    }
    if (gw || gb) {
        if (f64)
            ln_parameter_grads(true, x, g, gw, gb, save_mean, save_rstd, rows, K, scale);
        else
            ln_parameter_grads(false, x, g, gw, gb, save_mean, save_rstd, rows, K, scale);
    }
}

int wk_nn_layer_norm_backward(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                              wk_tensor *grad_weight, wk_tensor *grad_bias, const wk_tensor *weight,
                              const wk_tensor *save_mean, const wk_tensor *save_rstd, double scale)
{
    int64_t rows = 0, K = 0, grad_rows = 0, grad_K = 0;
    int rc = nn_check_real(LAYER_NORM, "input", input, false);
    if (!rc) rc = nn_check_real(LAYER_NORM, "gradOutput", grad_output, false);
    if (!rc) rc = nn_check_same_dtype(LAYER_NORM, "gradOutput", grad_output, input);
    if (!rc) rc = ln_rows("input", input, &rows, &K);
    if (!rc) rc = ln_rows("gradOutput", grad_output, &grad_rows, &grad_K);
    if (!rc && !wk_tensor_is_same_size(input, grad_output))
        rc = wk_error(WK_ESHAPE, "%s: gradOutput %s does not match input %s", LAYER_NORM, WK_DESC(grad_output),
                      WK_DESC(input));
    const wk_tensor *vectors[] = {weight, grad_weight, grad_bias, save_mean, save_rstd};
    const char *names[] = {"weight", "gradWeight", "gradBias", "save_mean", "save_rstd"};
    int64_t lengths[] = {K, K, K, rows, rows};
    for (int i = 0; i < 5 && !rc; i++) {
        rc = nn_check_real(LAYER_NORM, names[i], vectors[i], i < 3);
        if (!rc) rc = nn_check_same_dtype(LAYER_NORM, names[i], vectors[i], input);
        if (!rc) rc = nn_check_vector(LAYER_NORM, names[i], vectors[i], lengths[i]);
    }
    if (!rc && grad_input) {
        rc = nn_check_real(LAYER_NORM, "gradInput", grad_input, false);
        if (!rc) rc = nn_check_same_dtype(LAYER_NORM, "gradInput", grad_input, input);
        if (!rc && (grad_input == input || grad_input == grad_output || wk_tensor_is_set_to(grad_input, input) ||
                    wk_tensor_is_set_to(grad_input, grad_output)))
            rc = wk_error(WK_EINVAL, "%s: gradInput must not be the input or gradOutput", LAYER_NORM);
        if (!rc) rc = wk_tensor_resize_as(grad_input, input);
    }
    if (rc) return rc;
    if (rows == 0) return WK_OK;
    const char *x = wk_tensor_data(input), *g = wk_tensor_data(grad_output);
    char *gi = grad_input ? wk_tensor_data(grad_input) : NULL;
    char *gw = grad_weight ? wk_tensor_data(grad_weight) : NULL, *gb = grad_bias ? wk_tensor_data(grad_bias) : NULL;
    const char *w = weight ? wk_tensor_data(weight) : NULL;
    const char *sm = wk_tensor_data(save_mean), *sr = wk_tensor_data(save_rstd);
    ln_backward(input->dtype == WK_F64, x, g, gi, gw, gb, w, sm, sr, rows, K, scale);
    return WK_OK;
}
