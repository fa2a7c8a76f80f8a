/*
 * nn_loss.c — the loss kernels on the training hot path: the negative log-likelihood of class
 * targets (nn.ClassNLLCriterion) and its fusion with softmax (nn.CrossEntropyCriterion).
 * Float and double. The other criterions are tensor arithmetic in Lua (the nn/ criterion files).
 *
 * Shapes: input is (C) for one sample or (N, C) for a batch; the target holds N class indexes
 * (any shape with N elements; any native dtype, read as it lies, so a DoubleTensor of labels
 * needs no conversion), counting from `index_base`. A target equal to `ignore_index` adds
 * nothing to the loss, the total weight or the gradient. weights, when given, is (C).
 *
 *   loss         = sum_i -w[t_i] * logp[i, t_i]      total_weight = sum_i w[t_i]
 *   size_average: loss / total_weight (when it is not 0), as Torch7's THNN
 *
 * Cross-entropy keeps the softmax probabilities of its forward pass (one exp per element, floats
 * through nn_real.h's vectorisable exp); its backward is then (probs - onehot) * w, with no exp.
 * The loss takes x[t] - logsumexp(x) from the input, never log(probs), so it stays exact where a
 * probability underflows.
 *
 * Determinism: rows are independent (split across threads when large); the loss is summed over
 * the rows in order on one thread, so the result does not depend on the thread count.
 */
#include "nn_real.h"
#include <omp.h>

static const char *const NLL = "nn.ClassNLLCriterion";
static const char *const CROSS_ENTROPY = "nn.CrossEntropyCriterion";

/* ------------------------------------------------------------------------------------------- */
/* Arguments                                                                                    */

typedef struct {
    int64_t rows, classes;              /* N, C */
    int64_t row_stride, class_stride;   /* of the input, in elements */
} nll_shape;

static int check_input(const char *op, const wk_tensor *input, nll_shape *shape)
{
    int rc = nn_check_real(op, "input", input, false);
    if (rc) return rc;
    if (input->ndim == 1) {
        *shape = (nll_shape){1, input->sizes[0], 0, input->strides[0]};
    } else if (input->ndim == 2) {
        *shape = (nll_shape){input->sizes[0], input->sizes[1], input->strides[0], input->strides[1]};
    } else {
        return wk_error(WK_ESHAPE, "%s: input must be 1-d (classes) or 2-d (batch x classes), got %s", op,
                        WK_DESC(input));
    }
    if (shape->classes < 1) return wk_error(WK_ESHAPE, "%s: input has no classes: %s", op, WK_DESC(input));
    return WK_OK;
}

static int check_target(const char *op, const wk_tensor *target, const wk_tensor *input, int64_t rows)
{
    if (!target) return wk_error(WK_EINVAL, "%s: target is missing", op);
    if (target->device != WK_CPU || !(target->dtype >= WK_U8 && target->dtype <= WK_F64))
        return wk_error(WK_EINVAL, "%s: target must be a CPU tensor of class indexes, got %s", op,
                            WK_DESC(target));
    if (wk_tensor_numel(target) != rows)
        return wk_error(WK_ESHAPE, "%s: target %s does not fit input %s: %lld class index%s expected", op,
                        WK_DESC(target), WK_DESC(input), (long long)rows, rows == 1 ? "" : "es");
    return WK_OK;
}

static int check_weights(const char *op, const wk_tensor *weights, const wk_tensor *input, int64_t classes)
{
    int rc = nn_check_real(op, "weights", weights, true);
    if (!rc) rc = nn_check_same_dtype(op, "weights", weights, input);
    if (!rc) rc = nn_check_vector(op, "weights", weights, classes);
    return rc;
}

/* The i-th target (row-major order over the target's shape), as a double: exact for every
 * integer a class index can be. */
static double target_at(const wk_tensor *t, int64_t i)
{
    int64_t offset = t->offset;
    if (t->ndim == 1) {
        offset += i * t->strides[0];
    } else {
        for (int32_t d = t->ndim - 1; d >= 0; d--) {
            offset += (i % t->sizes[d]) * t->strides[d];
            i /= t->sizes[d];
        }
    }
    const char *data = wk_storage_data(t->storage);
    switch (t->dtype) {
    case WK_U8: return ((const uint8_t *)data)[offset];
    case WK_I8: return ((const int8_t *)data)[offset];
    case WK_I16: return ((const int16_t *)data)[offset];
    case WK_I32: return ((const int32_t *)data)[offset];
    case WK_I64: return (double)((const int64_t *)data)[offset];
    case WK_F32: return ((const float *)data)[offset];
    default: return ((const double *)data)[offset];
    }
}

/* The class of row i, 0-based; -1 for an ignored row. Fails (naming the criterion, the sample and
 * the index as the user wrote it) on a target that is no class. */
static int class_of(const char *op, const wk_tensor *target, int64_t i, const nll_shape *shape, int64_t ignore_index,
                    int64_t index_base, int64_t *cls)
{
    double v = target_at(target, i);
    if (v == (double)ignore_index) {
        *cls = -1;
        return WK_OK;
    }
    if (!(v >= (double)index_base && v < (double)(index_base + shape->classes)) || v != floor(v)) {
        if (shape->rows == 1 && target->ndim <= 1)
            return wk_error(WK_ERANGE, "%s: target %g is out of range: classes are %lld to %lld", op, v,
                            (long long)index_base, (long long)(index_base + shape->classes - 1));
        return wk_error(WK_ERANGE, "%s: target %g (sample %lld) is out of range: classes are %lld to %lld", op, v,
                        (long long)(i + index_base), (long long)index_base,
                        (long long)(index_base + shape->classes - 1));
    }
    *cls = (int64_t)v - index_base;
    return WK_OK;
}

/* Checks every target, and sums the weights of the non-ignored ones. */
static int sum_target_weights(const char *op, const wk_tensor *target, const nll_shape *shape,
                              const wk_tensor *weights, int64_t ignore_index, int64_t index_base, double *total)
{
    const void *w = weights ? wk_tensor_data(weights) : NULL;
    bool f64 = weights && weights->dtype == WK_F64;
    double sum = 0;
    for (int64_t i = 0; i < shape->rows; i++) {
        int64_t cls;
        int rc = class_of(op, target, i, shape, ignore_index, index_base, &cls);
        if (rc) return rc;
        if (cls >= 0) sum += w ? nn_load(w, cls, f64) : 1.0;
    }
    *total = sum;
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* ClassNLLCriterion                                                                            */

/* loss = -sum w[t_i] x[i, t_i] (/ total) */
static NN_INLINE double nll_loss(bool f64, const void *x, const nll_shape *s, const wk_tensor *target,
                                 const void *w, int64_t ignore_index, int64_t index_base)
{
    double loss = 0;
    for (int64_t i = 0; i < s->rows; i++) {
        int64_t cls;
        class_of(NLL, target, i, s, ignore_index, index_base, &cls);   /* checked already */
        if (cls < 0) continue;
        double weight = w ? nn_load(w, cls, f64) : 1.0;
        loss -= weight * nn_load(x, i * s->row_stride + cls * s->class_stride, f64);
    }
    return loss;
}

int wk_nn_class_nll_forward(const wk_tensor *input, const wk_tensor *target, double *output, double *total_weight,
                            const wk_tensor *weights, int32_t size_average, int64_t ignore_index, int64_t index_base)
{
    nll_shape s;
    int rc = check_input(NLL, input, &s);
    if (!rc) rc = check_target(NLL, target, input, s.rows);
    if (!rc) rc = check_weights(NLL, weights, input, s.classes);
    double total = 0;
    if (!rc) rc = sum_target_weights(NLL, target, &s, weights, ignore_index, index_base, &total);
    if (rc) return rc;
    const void *x = (const char *)wk_storage_data(input->storage) + input->offset * wk_dtype_size(input->dtype);
    const void *w = weights ? wk_tensor_data(weights) : NULL;
    double loss = input->dtype == WK_F64 ? nll_loss(true, x, &s, target, w, ignore_index, index_base)
                                         : nll_loss(false, x, &s, target, w, ignore_index, index_base);
    if (size_average && total != 0) loss /= total;
    *output = loss;
    if (total_weight) *total_weight = total;
    return WK_OK;
}

/* grad_input is zero but at [i, t_i]: -w[t_i] (/ total) */
int wk_nn_class_nll_backward(const wk_tensor *input, const wk_tensor *target, wk_tensor *grad_input,
                             const wk_tensor *weights, int32_t size_average, int64_t ignore_index, int64_t index_base)
{
    nll_shape s;
    int rc = check_input(NLL, input, &s);
    if (!rc) rc = check_target(NLL, target, input, s.rows);
    if (!rc) rc = check_weights(NLL, weights, input, s.classes);
    if (!rc) rc = nn_check_real(NLL, "gradInput", grad_input, false);
    if (!rc) rc = nn_check_same_dtype(NLL, "gradInput", grad_input, input);
    double total = 0;
    if (!rc) rc = sum_target_weights(NLL, target, &s, weights, ignore_index, index_base, &total);
    if (!rc) rc = wk_tensor_resize_as(grad_input, input);
    if (!rc) rc = wk_zero(grad_input);
    if (rc) return rc;
    bool f64 = input->dtype == WK_F64;
    void *g = wk_tensor_data(grad_input);
    const void *w = weights ? wk_tensor_data(weights) : NULL;
    double norm = (size_average && total != 0) ? 1.0 / total : 1.0;
    for (int64_t i = 0; i < s.rows; i++) {
        int64_t cls;
        class_of(NLL, target, i, &s, ignore_index, index_base, &cls);
        if (cls < 0) continue;
        double weight = w ? nn_load(w, cls, f64) : 1.0;
        nn_store(g, i * s.classes + cls, -weight * norm, f64);
    }
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* CrossEntropyCriterion: softmax and NLL in one pass over each row                             */

enum { LOSS_CHUNK = 1024 };   /* rows whose losses are kept (on the stack) before they are summed */

/* The sum of n elements in 8 lanes (a vectorisable reduction; one accumulator would not be). */
static NN_INLINE double sum_elements(bool f64, const void *p, int64_t n)
{
    double lanes[8] = {0};
    int64_t j = 0;
    for (; j + 8 <= n; j += 8)
        for (int k = 0; k < 8; k++) lanes[k] += nn_load(p, j + k, f64);
    double sum = 0;
    for (; j < n; j++) sum += nn_load(p, j, f64);
    for (int k = 0; k < 8; k++) sum += lanes[k];
    return sum;
}

/* One row: probs[j] = e^(x_j - max) / sum; returns log(sum) + max, the row's log-sum-exp.
 * `x` is the row's first element, `stride` its step; probs is contiguous. */
static NN_INLINE double softmax_row(bool f64, const void *x, int64_t stride, void *probs, int64_t classes)
{
    double max = -INFINITY;
    for (int64_t j = 0; j < classes; j++) {
        double v = nn_load(x, j * stride, f64);
        max = v > max ? v : max;
    }
    if (stride == 1) {
        for (int64_t j = 0; j < classes; j++)
            nn_store(probs, j, nn_exp_nonpositive(nn_load(x, j, f64) - max, f64), f64);
    } else {
        for (int64_t j = 0; j < classes; j++)
            nn_store(probs, j, nn_exp_nonpositive(nn_load(x, j * stride, f64) - max, f64), f64);
    }
    double sum = sum_elements(f64, probs, classes);
    double inverse = 1.0 / sum;
    for (int64_t j = 0; j < classes; j++) nn_store(probs, j, nn_load(probs, j, f64) * inverse, f64);
    return max + log(sum);
}

/* One row: its probabilities, and its loss term (0 for an ignored target, cls < 0). */
static NN_INLINE double softmax_nll_row(bool f64, const char *row, int64_t stride, void *probs, int64_t classes,
                                        int64_t cls, const void *w)
{
    double lse = softmax_row(f64, row, stride, probs, classes);
    if (cls < 0) return 0.0;
    double weight = w ? nn_load(w, cls, f64) : 1.0;
    return -weight * (nn_load(row, cls * stride, f64) - lse);
}

/* The dispatcher of one row (nn_real.h): a copy per element type, each for AVX2 and baseline. */
WK_SIMD_CLONES static double softmax_nll_dispatch(bool f64, const char *row, int64_t stride, void *probs,
                                                  int64_t classes, int64_t cls, const void *w)
{
    if (f64) return softmax_nll_row(true, row, stride, probs, classes, cls, w);
    return softmax_nll_row(false, row, stride, probs, classes, cls, w);
}

/* probs = softmax of each row; returns the loss sum_i -w[t_i] * (x[i, t_i] - logsumexp(x[i])). Rows
 * are split across threads LOSS_CHUNK at a time; their losses are summed in order after.
 * Inside the parallel loop each row goes through the dispatcher (see nn_real.h for why there). */
static double softmax_nll(bool f64, const char *x, void *probs, const nll_shape *s, const wk_tensor *target,
                          const void *w, int64_t ignore_index, int64_t index_base)
{
    int64_t classes = s->classes, rs = s->row_stride, cs = s->class_stride;
    int64_t element = f64 ? 8 : 4;
    double loss = 0, row_loss[LOSS_CHUNK];
    for (int64_t start = 0; start < s->rows; start += LOSS_CHUNK) {
        int64_t end = s->rows - start < LOSS_CHUNK ? s->rows : start + LOSS_CHUNK;
        bool parallel = end - start > 1 && (end - start) * classes >= WK_GRAIN && !omp_in_parallel();
        #pragma omp parallel for schedule(static) if (parallel)
        for (int64_t i = start; i < end; i++) {
            const char *row = x + i * rs * element;
            char *p = (char *)probs + i * classes * element;
            int64_t cls;
            class_of(CROSS_ENTROPY, target, i, s, ignore_index, index_base, &cls);   /* checked already */
            row_loss[i - start] = softmax_nll_dispatch(f64, row, cs, p, classes, cls, w);
        }
        for (int64_t i = start; i < end; i++) loss += row_loss[i - start];
    }
    return loss;
}

int wk_nn_cross_entropy_forward(const wk_tensor *input, const wk_tensor *target, wk_tensor *probs, double *output,
                                double *total_weight, const wk_tensor *weights, int32_t size_average,
                                int64_t ignore_index, int64_t index_base)
{
    nll_shape s;
    int rc = check_input(CROSS_ENTROPY, input, &s);
    if (!rc) rc = check_target(CROSS_ENTROPY, target, input, s.rows);
    if (!rc) rc = check_weights(CROSS_ENTROPY, weights, input, s.classes);
    if (!rc) rc = nn_check_real(CROSS_ENTROPY, "probs", probs, false);
    if (!rc) rc = nn_check_same_dtype(CROSS_ENTROPY, "probs", probs, input);
    double total = 0;
    if (!rc) rc = sum_target_weights(CROSS_ENTROPY, target, &s, weights, ignore_index, index_base, &total);
    if (!rc && (probs == input || wk_tensor_is_set_to(probs, input)))
        rc = wk_error(WK_EINVAL, "%s: probs must not be the input", CROSS_ENTROPY);
    if (!rc) rc = wk_tensor_resize_as(probs, input);
    if (rc) return rc;
    const char *x = (const char *)wk_storage_data(input->storage) + input->offset * wk_dtype_size(input->dtype);
    void *p = wk_tensor_data(probs);
    const void *w = weights ? wk_tensor_data(weights) : NULL;
    double loss = softmax_nll(input->dtype == WK_F64, x, p, &s, target, w, ignore_index, index_base);
    if (size_average && total != 0) loss /= total;
    *output = loss;
    if (total_weight) *total_weight = total;
    return WK_OK;
}

/* One row of the gradient: w[t] * (probs - onehot(t)) * norm; 0 for an ignored target. */
static NN_INLINE void cross_entropy_grad_row(bool f64, const void *probs, void *g, int64_t classes, int64_t cls,
                                             const void *w, double norm)
{
    double scale = cls < 0 ? 0.0 : (w ? nn_load(w, cls, f64) : 1.0) * norm;
    for (int64_t j = 0; j < classes; j++) nn_store(g, j, nn_load(probs, j, f64) * scale, f64);
    if (cls >= 0) nn_store(g, cls, nn_load(g, cls, f64) - scale, f64);
}

WK_SIMD_CLONES static void cross_entropy_grad_dispatch(bool f64, const void *probs, void *g, int64_t classes,
                                                       int64_t cls, const void *w, double norm)
{
    if (f64)
        cross_entropy_grad_row(true, probs, g, classes, cls, w, norm);
    else
        cross_entropy_grad_row(false, probs, g, classes, cls, w, norm);
}

/* grad[i, j] = w[t_i] * (probs[i, j] - [j == t_i]) (/ total); rows of ignored targets are 0. */
static void cross_entropy_grad(bool f64, const char *probs, char *g, const nll_shape *s, const wk_tensor *target,
                               const void *w, double norm, int64_t ignore_index, int64_t index_base)
{
    int64_t rows = s->rows, classes = s->classes, row_bytes = classes * (f64 ? 8 : 4);
    bool parallel = rows > 1 && rows * classes >= WK_GRAIN && !omp_in_parallel();
    #pragma omp parallel for schedule(static) if (parallel)
    for (int64_t i = 0; i < rows; i++) {
        int64_t cls;
        class_of(CROSS_ENTROPY, target, i, s, ignore_index, index_base, &cls);   /* checked already */
        cross_entropy_grad_dispatch(f64, probs + i * row_bytes, g + i * row_bytes, classes, cls, w, norm);
    }
}

int wk_nn_cross_entropy_backward(const wk_tensor *probs, const wk_tensor *target, wk_tensor *grad_input,
                                 const wk_tensor *weights, int32_t size_average, int64_t ignore_index,
                                 int64_t index_base)
{
    nll_shape s;
    int rc = check_input(CROSS_ENTROPY, probs, &s);
    if (!rc && !wk_tensor_is_contiguous(probs))
        rc = wk_error(WK_EINVAL, "%s: probs must be contiguous, got %s", CROSS_ENTROPY, WK_DESC(probs));
    if (!rc) rc = check_target(CROSS_ENTROPY, target, probs, s.rows);
    if (!rc) rc = check_weights(CROSS_ENTROPY, weights, probs, s.classes);
    if (!rc) rc = nn_check_real(CROSS_ENTROPY, "gradInput", grad_input, false);
    if (!rc) rc = nn_check_same_dtype(CROSS_ENTROPY, "gradInput", grad_input, probs);
    double total = 0;
    if (!rc) rc = sum_target_weights(CROSS_ENTROPY, target, &s, weights, ignore_index, index_base, &total);
    if (!rc && (grad_input == probs || wk_tensor_is_set_to(grad_input, probs)))
        rc = wk_error(WK_EINVAL, "%s: gradInput must not be probs", CROSS_ENTROPY);
    if (!rc) rc = wk_tensor_resize_as(grad_input, probs);
    if (rc) return rc;
    const void *w = weights ? wk_tensor_data(weights) : NULL;
    double norm = (size_average && total != 0) ? 1.0 / total : 1.0;
    nll_shape dense = {s.rows, s.classes, s.classes, 1};
    cross_entropy_grad(probs->dtype == WK_F64, wk_tensor_data(probs), wk_tensor_data(grad_input), &dense, target, w,
                       norm, ignore_index, index_base);
    return WK_OK;
}
