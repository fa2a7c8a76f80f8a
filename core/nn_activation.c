/*
 * nn_activation.c — the activation kernels under nn.Threshold (and so nn.ReLU), nn.HardTanh (and
 * nn.ReLU6, nn.Clamp), nn.LeakyReLU (and nn.RReLU in evaluation), nn.ELU, nn.Tanh, nn.Sigmoid,
 * nn.SoftMax, nn.LogSoftMax (and nn.SoftMin): forward and backward, float and double.
 *
 * The elementwise ones are loop bodies for the elementwise driver
 * (elementwise.h): it takes the contiguous fast path, walks strided tensors, and splits large
 * tensors across threads with wk_iter_for. Floats use vectorisable exp and tanh written below
 * (libm's are scalar calls, which stop the compiler from vectorising the loop); doubles call libm.
 *
 * Softmax works on a contiguous tensor seen as (outer, size, inner): each of the outer*inner
 * lines of `size` elements, `inner` apart, is one distribution. inner == 1 (the rows of a
 * matrix) and inner > 1 (the feature planes of an image, where the lines are strided) have a
 * loop each; both are split across threads over independent lines.
 *
 * Not here: the other transfer functions (their nn modules compose them from tensor math).
 */
#include "elementwise.h"
#include <math.h>
#include <omp.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------- */
/* exp and tanh for floats, in a form the compiler vectorises                                   */

static inline float float_of_bits(uint32_t bits)
{
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static inline uint32_t bits_of_float(float f)
{
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    return bits;
}

/* condition ? a : b, on the bits. GCC turns a float `?:` with arithmetic after it into branches,
 * which then keep the loop from vectorising; this stays a blend. */
static inline float pick(bool condition, float a, float b)
{
    uint32_t mask = 0u - (uint32_t)condition;
    return float_of_bits((bits_of_float(a) & mask) | (bits_of_float(b) & ~mask));
}

/* e^x = 2^n * e^r, with n the integer nearest x/ln2 and |r| <= ln2/2; e^r by its Taylor
 * polynomial of degree 7 (truncation below 6e-9 relative). ln2 is split in two so that n*ln2_hi
 * is exact (ln2_hi has 9 significant bits, n at most 8). 2^n is built from its exponent bits as
 * 2 * 2^(n-1), so n may reach 128 (results past FLT_MAX overflow to inf as they should); inputs
 * below -86.5 give 0 (the true values, under 3e-38, are subnormal or nearly). NaN stays NaN.
 * Measured against libm over [-87, 89]: under 2 ulp. */
static inline float exp_f32(float x)
{
    const float low = -86.5f, high = 88.8f;
    float xc = pick(x < low, low, x);
    xc = pick(xc > high, high, xc);
    const float magic = 12582912.0f;                  /* 1.5 * 2^23: adding it rounds to an integer */
    float n = (xc * 1.44269504088896341f + magic) - magic;
    float r = xc - n * 0.693359375f;                  /* exact */
    r = r - n * -2.12194440e-4f;                      /* ln2 - 0.693359375 */
    float p = 1.0f / 5040;
    p = p * r + 1.0f / 720;
    p = p * r + 1.0f / 120;
    p = p * r + 1.0f / 24;
    p = p * r + 1.0f / 6;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    float scale = float_of_bits((uint32_t)((int32_t)n + 126) << 23);   /* 2^(n-1) */
    float y = (2.0f * p) * scale;
    return pick(x < low, 0.0f, y);
}

/* tanh(|x|) by its odd Taylor series to x^17 below 0.5 (the next term is under 5e-10), else as
 * 1 - 2/(e^(2|x|) + 1), which has no cancellation there; both are computed and one selected, so
 * the loop has no branch. Past |x| = 44, e^(2|x|) is inf and the result 1. Under 3 ulp. */
static inline float tanh_f32(float x)
{
    float a = fabsf(x), z = a * a;
    float p = 6404582.0f / 10854718875.0f;
    p = p * z - 929569.0f / 638512875.0f;
    p = p * z + 21844.0f / 6081075.0f;
    p = p * z - 1382.0f / 155925.0f;
    p = p * z + 62.0f / 2835.0f;
    p = p * z - 17.0f / 315.0f;
    p = p * z + 2.0f / 15.0f;
    p = p * z - 1.0f / 3.0f;
    p = a + a * (p * z);
    float q = 1.0f - 2.0f / (exp_f32(2.0f * a) + 1.0f);
    return copysignf(pick(a < 0.5f, p, q), x);
}

static inline double pick_f64(bool condition, double a, double b)
{
    uint64_t mask = 0u - (uint64_t)condition, x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    x = (x & mask) | (y & ~mask);
    memcpy(&a, &x, sizeof a);
    return a;
}
static inline float pick_f32(bool condition, float a, float b) { return pick(condition, a, b); }

static inline double exp_f64(double x) { return exp(x); }
static inline double tanh_f64(double x) { return tanh(x); }

/* ------------------------------------------------------------------------------------------- */
/* Elementwise loop bodies: operand 0 is written, operands 1 and 2 are read                     */

/* out = EXPR of x (operand 1). */
#define ONE_INPUT_LOOP(NAME, T, EXPR)                                                               \
    WK_SIMD_CLONES static void NAME(char **data, const int64_t *strides, int64_t n, void *context)  \
    {                                                                                               \
        const T c0 = context ? ((const T *)context)[0] : 0, c1 = context ? ((const T *)context)[1] : 0; \
        (void)c0, (void)c1;                                                                         \
        if (strides[0] == sizeof(T) && strides[1] == sizeof(T)) {                                   \
            T *out = (T *)data[0];                                                                  \
            const T *in = (const T *)data[1];                                                       \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = in[i];                                                                        \
                out[i] = (EXPR);                                                                    \
            }                                                                                       \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = *(const T *)(data[1] + i * strides[1]);                                       \
                *(T *)(data[0] + i * strides[0]) = (EXPR);                                          \
            }                                                                                       \
        }                                                                                           \
    }

/* out = EXPR of x (operand 1) and g (operand 2, the gradient). */
#define TWO_INPUT_LOOP(NAME, T, EXPR)                                                               \
    WK_SIMD_CLONES static void NAME(char **data, const int64_t *strides, int64_t n, void *context)  \
    {                                                                                               \
        const T c0 = context ? ((const T *)context)[0] : 0, c1 = context ? ((const T *)context)[1] : 0; \
        (void)c0, (void)c1;                                                                         \
        if (strides[0] == sizeof(T) && strides[1] == sizeof(T) && strides[2] == sizeof(T)) {        \
            T *out = (T *)data[0];                                                                  \
            const T *in = (const T *)data[1], *grad = (const T *)data[2];                           \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = in[i], g = grad[i];                                                           \
                out[i] = (EXPR);                                                                    \
            }                                                                                       \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) {                                                       \
                T x = *(const T *)(data[1] + i * strides[1]);                                       \
                T g = *(const T *)(data[2] + i * strides[2]);                                       \
                *(T *)(data[0] + i * strides[0]) = (EXPR);                                          \
            }                                                                                       \
        }                                                                                           \
    }

/* The constants: threshold (c0) and the value given at or below it (c1); hardtanh's bounds
 * (c0, c1); leaky ReLU's slope (c0); ELU's alpha (c0). In the backward loops x is what the
 * derivative is read from: the input for threshold, hardtanh and leaky ReLU (after an in-place
 * forward, the output: the same tests come out the same), the output y for tanh, sigmoid, ELU. */
#define ACTIVATION_LOOPS(DTYPE, T, NAME)                                                            \
    ONE_INPUT_LOOP(threshold_forward_##NAME, T, x > c0 ? x : c1)                                    \
    TWO_INPUT_LOOP(threshold_backward_##NAME, T, x > c0 ? g : (T)0)                                 \
    ONE_INPUT_LOOP(hardtanh_forward_##NAME, T, x < c0 ? c0 : x > c1 ? c1 : x)                       \
    TWO_INPUT_LOOP(hardtanh_backward_##NAME, T, x > c0 && x < c1 ? g : (T)0)                        \
    ONE_INPUT_LOOP(leaky_relu_forward_##NAME, T, pick_##NAME(x > 0, x, x * c0))                     \
    TWO_INPUT_LOOP(leaky_relu_backward_##NAME, T, pick_##NAME(x > 0, g, g * c0))                    \
    ONE_INPUT_LOOP(elu_forward_##NAME, T, pick_##NAME(x > 0, x, c0 * (exp_##NAME(x) - 1)))          \
    TWO_INPUT_LOOP(elu_backward_##NAME, T, pick_##NAME(x > 0, g, g * (x + c0)))                     \
    ONE_INPUT_LOOP(tanh_forward_##NAME, T, tanh_##NAME(x))                                          \
    TWO_INPUT_LOOP(tanh_backward_##NAME, T, g * (1 - x * x))                                        \
    ONE_INPUT_LOOP(sigmoid_forward_##NAME, T, 1 / (1 + exp_##NAME(-x)))                             \
    TWO_INPUT_LOOP(sigmoid_backward_##NAME, T, g * (1 - x) * x)
WK_FLOAT_TYPES(ACTIVATION_LOOPS)

typedef struct {
    wk_loop_fn f32, f64;
} float_loops;

#define LOOPS(NAME) {NAME##_f32, NAME##_f64}
static const float_loops threshold_forward = LOOPS(threshold_forward), threshold_backward = LOOPS(threshold_backward);
static const float_loops hardtanh_forward = LOOPS(hardtanh_forward), hardtanh_backward = LOOPS(hardtanh_backward);
static const float_loops leaky_relu_forward = LOOPS(leaky_relu_forward), leaky_relu_backward = LOOPS(leaky_relu_backward);
static const float_loops elu_forward = LOOPS(elu_forward), elu_backward = LOOPS(elu_backward);
static const float_loops tanh_forward = LOOPS(tanh_forward), tanh_backward = LOOPS(tanh_backward);
static const float_loops sigmoid_forward = LOOPS(sigmoid_forward), sigmoid_backward = LOOPS(sigmoid_backward);
#undef LOOPS

/* ------------------------------------------------------------------------------------------- */
/* Checks                                                                                       */

static int check_float(const char *op, const char *name, const wk_tensor *t)
{
    if (!t) return wk_error(WK_EINVAL, "%s: %s is NULL", op, name);
    if (t->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "%s: %s is not on the CPU (%s)", op, name, WK_DESC(t));
    if (!wk_dtype_is_float(t->dtype))
        return wk_error(WK_EUNSUPPORTED, "%s: %s must be a float or double tensor, got %s", op, name, WK_DESC(t));
    return WK_OK;
}

static int check_same_dtype(const char *op, const wk_tensor *a, const wk_tensor *b)
{
    if (a->dtype != b->dtype) return wk_error(WK_EINVAL, "%s: types differ: %s and %s", op, WK_DESC(a), WK_DESC(b));
    return WK_OK;
}

/* gradOutput must have as many elements as the tensor it is the gradient of (THNN's check). */
static int check_gradient(const char *op, const wk_tensor *like, const wk_tensor *grad_output)
{
    if (check_float(op, "gradOutput", grad_output) != WK_OK) return wk_last_status();
    if (check_same_dtype(op, like, grad_output) != WK_OK) return wk_last_status();
    if (wk_tensor_numel(like) != wk_tensor_numel(grad_output))
        return wk_error(WK_ESHAPE, "%s: gradOutput has %lld elements, expected %lld (gradOutput %s, input %s)", op,
                        (long long)wk_tensor_numel(grad_output), (long long)wk_tensor_numel(like),
                        WK_DESC(grad_output), WK_DESC(like));
    return WK_OK;
}

/* out = loop(a [, b]) through the elementwise driver, out taking a's shape. */
static int run(const char *op, wk_tensor *out, const float_loops *loops, const double *constants,
               const wk_tensor *a, const wk_tensor *b)
{
    float as_float[2] = {(float)constants[0], (float)constants[1]};
    wk_elementwise e = {
        .op = op,
        .loop = a->dtype == WK_F32 ? loops->f32 : loops->f64,
        .context = a->dtype == WK_F32 ? (void *)as_float : (void *)constants,
        .count = b ? 2 : 1,
        .inputs = {a, b},
    };
    if (wk_tensor_numel(a) == 0) return wk_tensor_resize_as(out, a);
    return wk_elementwise_run(out, &e);
}

/* ------------------------------------------------------------------------------------------- */
/* Threshold, hardtanh, leaky ReLU, ELU, tanh, sigmoid                                          */

/* The forward of an activation with Torch7's in-place flag: in place, the result goes into
 * input and output becomes a view of it. */
static int forward_maybe_in_place(const char *op, const float_loops *loops, wk_tensor *input, wk_tensor *output,
                                  double c0, double c1, int32_t inplace)
{
    if (check_float(op, "input", input) != WK_OK || check_float(op, "output", output) != WK_OK ||
        check_same_dtype(op, input, output) != WK_OK)
        return wk_last_status();
    const double constants[2] = {c0, c1};
    if (!inplace) return run(op, output, loops, constants, input, NULL);
    int rc = run(op, input, loops, constants, input, NULL);
    return rc == WK_OK ? wk_tensor_set_to(output, input) : rc;
}

/* The backward: gradInput = loop(saved, gradOutput), where saved is the input or the output;
 * in place, into gradOutput, gradInput becoming a view of it. */
static int backward_maybe_in_place(const char *op, const float_loops *loops, const wk_tensor *saved,
                                   wk_tensor *grad_output, wk_tensor *grad_input, double c0, double c1,
                                   int32_t inplace)
{
    if (check_float(op, "input", saved) != WK_OK || check_gradient(op, saved, grad_output) != WK_OK ||
        check_float(op, "gradInput", grad_input) != WK_OK || check_same_dtype(op, saved, grad_input) != WK_OK)
        return wk_last_status();
    const double constants[2] = {c0, c1};
    if (!inplace) return run(op, grad_input, loops, constants, saved, grad_output);
    int rc = run(op, grad_output, loops, constants, saved, grad_output);
    return rc == WK_OK ? wk_tensor_set_to(grad_input, grad_output) : rc;
}

int wk_nn_threshold_forward(wk_tensor *input, wk_tensor *output, double threshold, double value, int32_t inplace)
{
    return forward_maybe_in_place("Threshold", &threshold_forward, input, output, threshold, value, inplace);
}

int wk_nn_threshold_backward(const wk_tensor *input, wk_tensor *grad_output, wk_tensor *grad_input, double threshold,
                             int32_t inplace)
{
    return backward_maybe_in_place("Threshold", &threshold_backward, input, grad_output, grad_input, threshold, 0,
                                   inplace);
}

int wk_nn_hardtanh_forward(wk_tensor *input, wk_tensor *output, double min, double max, int32_t inplace)
{
    return forward_maybe_in_place("HardTanh", &hardtanh_forward, input, output, min, max, inplace);
}

int wk_nn_hardtanh_backward(const wk_tensor *input, wk_tensor *grad_output, wk_tensor *grad_input, double min,
                            double max, int32_t inplace)
{
    return backward_maybe_in_place("HardTanh", &hardtanh_backward, input, grad_output, grad_input, min, max, inplace);
}

int wk_nn_leaky_relu_forward(wk_tensor *input, wk_tensor *output, double negval, int32_t inplace)
{
    return forward_maybe_in_place("LeakyReLU", &leaky_relu_forward, input, output, negval, 0, inplace);
}

int wk_nn_leaky_relu_backward(const wk_tensor *input, wk_tensor *grad_output, wk_tensor *grad_input, double negval,
                              int32_t inplace)
{
    return backward_maybe_in_place("LeakyReLU", &leaky_relu_backward, input, grad_output, grad_input, negval, 0,
                                   inplace);
}

int wk_nn_elu_forward(wk_tensor *input, wk_tensor *output, double alpha, int32_t inplace)
{
    return forward_maybe_in_place("ELU", &elu_forward, input, output, alpha, 0, inplace);
}

int wk_nn_elu_backward(wk_tensor *grad_output, wk_tensor *grad_input, const wk_tensor *output, double alpha,
                       int32_t inplace)
{
    return backward_maybe_in_place("ELU", &elu_backward, output, grad_output, grad_input, alpha, 0, inplace);
}

static int forward(const char *op, const float_loops *loops, const wk_tensor *input, wk_tensor *output)
{
    if (check_float(op, "input", input) != WK_OK || check_float(op, "output", output) != WK_OK ||
        check_same_dtype(op, input, output) != WK_OK)
        return wk_last_status();
    const double none[2] = {0, 0};
    return run(op, output, loops, none, input, NULL);
}

static int backward(const char *op, const float_loops *loops, const wk_tensor *grad_output, wk_tensor *grad_input,
                    const wk_tensor *output)
{
    if (check_float(op, "output", output) != WK_OK || check_gradient(op, output, grad_output) != WK_OK ||
        check_float(op, "gradInput", grad_input) != WK_OK || check_same_dtype(op, output, grad_input) != WK_OK)
        return wk_last_status();
    const double none[2] = {0, 0};
    return run(op, grad_input, loops, none, output, grad_output);
}

int wk_nn_tanh_forward(const wk_tensor *input, wk_tensor *output)
{
    return forward("Tanh", &tanh_forward, input, output);
}

int wk_nn_tanh_backward(const wk_tensor *grad_output, wk_tensor *grad_input, const wk_tensor *output)
{
    return backward("Tanh", &tanh_backward, grad_output, grad_input, output);
}

int wk_nn_sigmoid_forward(const wk_tensor *input, wk_tensor *output)
{
    return forward("Sigmoid", &sigmoid_forward, input, output);
}

int wk_nn_sigmoid_backward(const wk_tensor *grad_output, wk_tensor *grad_input, const wk_tensor *output)
{
    return backward("Sigmoid", &sigmoid_backward, grad_output, grad_input, output);
}

/* ------------------------------------------------------------------------------------------- */
/* Softmax and log-softmax                                                                      */

enum { BLOCK = 256 };                                 /* elements per stack buffer */

/* The largest element of x[0 .. n), n >= 1. For floats in eight lanes with GCC's vector
 * extension: the compiler does not vectorise a max reduction of floats without
 * -ffinite-math-only, and the scalar loop was a third of a softmax's time. A NaN is skipped as
 * `>` skips it (the softmax of its line is NaN all the same: exp(NaN - max) is NaN). */
typedef float f32x8 __attribute__((vector_size(32)));
typedef int32_t i32x8 __attribute__((vector_size(32)));

static inline float max_f32(const float *x, int64_t n)
{
    float max = x[0];
    int64_t i = 0;
    if (n >= 16) {
        f32x8 lanes;
        memcpy(&lanes, x, sizeof lanes);
        for (i = 8; i + 8 <= n; i += 8) {
            f32x8 v;
            memcpy(&v, x + i, sizeof v);
            i32x8 greater = v > lanes;
            lanes = (f32x8)(((i32x8)v & greater) | ((i32x8)lanes & ~greater));
        }
        for (int k = 0; k < 8; k++) max = lanes[k] > max ? lanes[k] : max;
    }
    for (; i < n; i++) max = x[i] > max ? x[i] : max;
    return max;
}

static inline double max_f64(const double *x, int64_t n)
{
    double max = x[0];
    for (int64_t i = 1; i < n; i++) max = x[i] > max ? x[i] : max;
    return max;
}

/* Sums in double, in eight independent chains (a single chain waits on each add; eight side by
 * side the compiler turns into vector adds). */
#define SUM(NAME, T)                                                                                \
    static inline double sum_##NAME(const T *x, int64_t n)                                          \
    {                                                                                               \
        double acc[8] = {0};                                                                        \
        int64_t i = 0;                                                                              \
        for (; i + 8 <= n; i += 8)                                                                  \
            for (int k = 0; k < 8; k++) acc[k] += x[i + k];                                         \
        for (; i < n; i++) acc[0] += x[i];                                                          \
        return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));   \
    }

/* One line of `size` contiguous elements (inner == 1).
 *   forward:  y = e^(x - max) / sum, or (log) y = x - max - log(sum)
 *   backward: dx = y * (g - sum(g * y)), or (log) dx = g - e^y * sum(g)
 * `out` may be `in`: the log form needs x after the sum, so its exponentials go through a stack
 * buffer; the plain form writes them into out at once and scales them there. */
#define SOFTMAX_LINE(DTYPE, T, NAME)                                                                \
    SUM(NAME, T)                                                                                    \
    WK_SIMD_CLONES static void softmax_line_##NAME(T *out, const T *in, int64_t size, bool log_of)  \
    {                                                                                               \
        T max = max_##NAME(in, size);                                                               \
        if (log_of) {                                                                               \
            T buffer[BLOCK];                                                                        \
            double sum = 0;                                                                         \
            for (int64_t j0 = 0; j0 < size; j0 += BLOCK) {                                          \
                int64_t m = size - j0 < BLOCK ? size - j0 : BLOCK;                                  \
                for (int64_t j = 0; j < m; j++) buffer[j] = exp_##NAME(in[j0 + j] - max);           \
                sum += sum_##NAME(buffer, m);                                                       \
            }                                                                                       \
            T shift = (T)(max + log(sum));                                                          \
            for (int64_t j = 0; j < size; j++) out[j] = in[j] - shift;                              \
        } else {                                                                                    \
            for (int64_t j = 0; j < size; j++) out[j] = exp_##NAME(in[j] - max);                    \
            T scale = (T)(1 / sum_##NAME(out, size));                                               \
            for (int64_t j = 0; j < size; j++) out[j] *= scale;                                     \
        }                                                                                           \
    }                                                                                               \
                                                                                                    \
    WK_SIMD_CLONES static void softmax_line_backward_##NAME(T *grad_input, const T *grad, const T *y, \
                                                            int64_t size, bool log_of)              \
    {                                                                                               \
        T buffer[BLOCK];                                                                            \
        double sum = 0;                                                                             \
        for (int64_t j0 = 0; j0 < size; j0 += BLOCK) {                                              \
            int64_t m = size - j0 < BLOCK ? size - j0 : BLOCK;                                      \
            if (log_of) {                                                                           \
                sum += sum_##NAME(grad + j0, m);                                                    \
            } else {                                                                                \
                for (int64_t j = 0; j < m; j++) buffer[j] = grad[j0 + j] * y[j0 + j];               \
                sum += sum_##NAME(buffer, m);                                                       \
            }                                                                                       \
        }                                                                                           \
        T s = (T)sum;                                                                               \
        if (log_of) {                                                                               \
            for (int64_t j = 0; j < size; j++) grad_input[j] = grad[j] - exp_##NAME(y[j]) * s;      \
        } else {                                                                                    \
            for (int64_t j = 0; j < size; j++) grad_input[j] = y[j] * (grad[j] - s);                \
        }                                                                                           \
    }
WK_FLOAT_TYPES(SOFTMAX_LINE)

/* `count` <= BLOCK lines side by side (inner > 1): element c of line k is at c*inner + k. The
 * same formulas, each step vectorised across the lines. */
#define SOFTMAX_PLANE(DTYPE, T, NAME)                                                               \
    WK_SIMD_CLONES static void softmax_plane_##NAME(T *out, const T *in, int64_t size, int64_t inner, \
                                                    int64_t count, bool log_of)                     \
    {                                                                                               \
        T max[BLOCK], sum[BLOCK];                                                                   \
        for (int64_t k = 0; k < count; k++) max[k] = in[k], sum[k] = 0;                             \
        for (int64_t c = 1; c < size; c++) {                                                        \
            const T *x = in + c * inner;                                                            \
            for (int64_t k = 0; k < count; k++) max[k] = x[k] > max[k] ? x[k] : max[k];             \
        }                                                                                           \
        for (int64_t c = 0; c < size; c++) {                                                        \
            const T *x = in + c * inner;                                                            \
            T *y = out + c * inner;                                                                 \
            if (log_of) {                                                                           \
                for (int64_t k = 0; k < count; k++) sum[k] += exp_##NAME(x[k] - max[k]);           \
            } else {                                                                                \
                for (int64_t k = 0; k < count; k++) {                                               \
                    T e = exp_##NAME(x[k] - max[k]);                                                \
                    sum[k] += e;                                                                    \
                    y[k] = e;                                                                       \
                }                                                                                   \
            }                                                                                       \
        }                                                                                           \
        if (log_of) {                                                                               \
            for (int64_t k = 0; k < count; k++) max[k] += (T)log(sum[k]);                           \
        } else {                                                                                    \
            for (int64_t k = 0; k < count; k++) sum[k] = 1 / sum[k];                                \
        }                                                                                           \
        for (int64_t c = 0; c < size; c++) {                                                        \
            const T *x = in + c * inner;                                                            \
            T *y = out + c * inner;                                                                 \
            if (log_of) {                                                                           \
                for (int64_t k = 0; k < count; k++) y[k] = x[k] - max[k];                           \
            } else {                                                                                \
                for (int64_t k = 0; k < count; k++) y[k] *= sum[k];                                 \
            }                                                                                       \
        }                                                                                           \
    }                                                                                               \
                                                                                                    \
    WK_SIMD_CLONES static void softmax_plane_backward_##NAME(T *grad_input, const T *grad, const T *y, \
                                                             int64_t size, int64_t inner, int64_t count, \
                                                             bool log_of)                           \
    {                                                                                               \
        T sum[BLOCK];                                                                               \
        for (int64_t k = 0; k < count; k++) sum[k] = 0;                                             \
        for (int64_t c = 0; c < size; c++) {                                                        \
            const T *g = grad + c * inner, *p = y + c * inner;                                      \
            if (log_of) {                                                                           \
                for (int64_t k = 0; k < count; k++) sum[k] += g[k];                                 \
            } else {                                                                                \
                for (int64_t k = 0; k < count; k++) sum[k] += g[k] * p[k];                          \
            }                                                                                       \
        }                                                                                           \
        for (int64_t c = 0; c < size; c++) {                                                        \
            const T *g = grad + c * inner, *p = y + c * inner;                                      \
            T *d = grad_input + c * inner;                                                          \
            if (log_of) {                                                                           \
                for (int64_t k = 0; k < count; k++) d[k] = g[k] - exp_##NAME(p[k]) * sum[k];        \
            } else {                                                                                \
                for (int64_t k = 0; k < count; k++) d[k] = p[k] * (g[k] - sum[k]);                  \
            }                                                                                       \
        }                                                                                           \
    }
WK_FLOAT_TYPES(SOFTMAX_PLANE)

/* The (outer, size, inner) split of a tensor around `dim`. */
typedef struct {
    int64_t outer, size, inner;
} line_layout;

static line_layout layout_of(const wk_tensor *t, int32_t dim)
{
    line_layout l = {1, t->ndim == 0 ? 1 : t->sizes[dim], 1};
    for (int32_t d = 0; d < dim; d++) l.outer *= t->sizes[d];
    for (int32_t d = dim + 1; d < t->ndim; d++) l.inner *= t->sizes[d];
    return l;
}

/* Whether a loop over `elements` in total should run on several threads. */
static int32_t threads_for(int64_t elements)
{
    int32_t threads = wk_get_num_threads();
    return elements >= 2 * WK_GRAIN && threads > 1 && !omp_in_parallel() ? threads : 1;
}

/* One task: a line (inner == 1), or up to BLOCK side-by-side lines of one outer index. */
static void softmax_task(int32_t dtype, char *out, const char *in, line_layout l, int64_t task, bool log_of)
{
    int64_t element = dtype == WK_F32 ? 4 : 8;
    if (l.inner == 1) {
        int64_t at = task * l.size * element;
        if (dtype == WK_F32) softmax_line_f32((float *)(out + at), (const float *)(in + at), l.size, log_of);
        else softmax_line_f64((double *)(out + at), (const double *)(in + at), l.size, log_of);
        return;
    }
    int64_t blocks = (l.inner + BLOCK - 1) / BLOCK;
    int64_t o = task / blocks, k0 = task % blocks * BLOCK;
    int64_t count = l.inner - k0 < BLOCK ? l.inner - k0 : BLOCK;
    int64_t at = (o * l.size * l.inner + k0) * element;
    if (dtype == WK_F32)
        softmax_plane_f32((float *)(out + at), (const float *)(in + at), l.size, l.inner, count, log_of);
    else softmax_plane_f64((double *)(out + at), (const double *)(in + at), l.size, l.inner, count, log_of);
}

static void softmax_backward_task(int32_t dtype, char *grad_input, const char *grad, const char *y, line_layout l,
                                  int64_t task, bool log_of)
{
    int64_t element = dtype == WK_F32 ? 4 : 8;
    if (l.inner == 1) {
        int64_t at = task * l.size * element;
        if (dtype == WK_F32)
            softmax_line_backward_f32((float *)(grad_input + at), (const float *)(grad + at), (const float *)(y + at),
                                      l.size, log_of);
        else
            softmax_line_backward_f64((double *)(grad_input + at), (const double *)(grad + at),
                                      (const double *)(y + at), l.size, log_of);
        return;
    }
    int64_t blocks = (l.inner + BLOCK - 1) / BLOCK;
    int64_t o = task / blocks, k0 = task % blocks * BLOCK;
    int64_t count = l.inner - k0 < BLOCK ? l.inner - k0 : BLOCK;
    int64_t at = (o * l.size * l.inner + k0) * element;
    if (dtype == WK_F32)
        softmax_plane_backward_f32((float *)(grad_input + at), (const float *)(grad + at), (const float *)(y + at),
                                   l.size, l.inner, count, log_of);
    else
        softmax_plane_backward_f64((double *)(grad_input + at), (const double *)(grad + at),
                                   (const double *)(y + at), l.size, l.inner, count, log_of);
}

static int64_t task_count(line_layout l)
{
    return l.inner == 1 ? l.outer : l.outer * ((l.inner + BLOCK - 1) / BLOCK);
}

static int check_dim(const char *op, const wk_tensor *t, int32_t dim)
{
    if ((t->ndim == 0 && dim != 0) || (t->ndim > 0 && (dim < 0 || dim >= t->ndim)))
        return wk_error(WK_ERANGE, "%s: dimension %d out of range for %s", op, dim + 1, WK_DESC(t));
    return WK_OK;
}

static int softmax_forward(const char *op, const wk_tensor *input, wk_tensor *output, int32_t dim, bool log_of)
{
    if (check_float(op, "input", input) != WK_OK || check_float(op, "output", output) != WK_OK ||
        check_same_dtype(op, input, output) != WK_OK || check_dim(op, input, dim) != WK_OK)
        return wk_last_status();
    if (output != input && (!wk_tensor_is_same_size(output, input) || !wk_tensor_is_contiguous(output))) {
        int rc = wk_tensor_resize_as(output, input);
        if (rc != WK_OK) return rc;
    }
    if (wk_tensor_numel(input) == 0) return WK_OK;
    wk_tensor *in = wk_tensor_new_contiguous(input);  /* an alias unless input is strided */
    if (!in) return wk_last_status();
    wk_tensor *out = wk_tensor_is_contiguous(output) ? output : in;   /* in place on a strided tensor */
    line_layout l = layout_of(in, dim);
    const char *x = wk_tensor_data(in);
    char *y = wk_tensor_data(out);
    int64_t tasks = task_count(l);
    int32_t threads = threads_for(wk_tensor_numel(in));
    #pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1)
    for (int64_t task = 0; task < tasks; task++) softmax_task(in->dtype, y, x, l, task, log_of);
    int rc = out == output ? WK_OK : wk_copy(output, out);
    wk_tensor_free(in);
    return rc;
}

static int softmax_backward(const char *op, const wk_tensor *grad_output, wk_tensor *grad_input,
                            const wk_tensor *output, int32_t dim, bool log_of)
{
    if (check_float(op, "output", output) != WK_OK || check_gradient(op, output, grad_output) != WK_OK ||
        check_float(op, "gradInput", grad_input) != WK_OK || check_same_dtype(op, output, grad_input) != WK_OK ||
        check_dim(op, output, dim) != WK_OK)
        return wk_last_status();
    wk_tensor *y = wk_tensor_new_contiguous(output);
    wk_tensor *g = y ? wk_tensor_new_contiguous(grad_output) : NULL;
    int rc = g ? WK_OK : wk_last_status();
    /* grad_input may be grad_output itself (in place); otherwise it gets output's shape. */
    bool in_place = grad_input == grad_output && wk_tensor_is_contiguous(grad_input);
    if (rc == WK_OK && !in_place && (!wk_tensor_is_same_size(grad_input, output) || !wk_tensor_is_contiguous(grad_input)))
        rc = wk_tensor_resize_as(grad_input, output);
    if (rc == WK_OK && wk_tensor_numel(output) > 0) {
        line_layout l = layout_of(y, dim);
        int64_t tasks = task_count(l);
        char *d = wk_tensor_data(grad_input);
        const char *gd = wk_tensor_data(g), *yd = wk_tensor_data(y);
        int32_t threads = threads_for(wk_tensor_numel(y));
        #pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1)
        for (int64_t task = 0; task < tasks; task++) softmax_backward_task(y->dtype, d, gd, yd, l, task, log_of);
    }
    wk_tensor_free(g);
    wk_tensor_free(y);
    return rc;
}

int wk_nn_softmax_forward(const wk_tensor *input, wk_tensor *output, int32_t dim)
{
    return softmax_forward("SoftMax", input, output, dim, false);
}

int wk_nn_softmax_backward(const wk_tensor *grad_output, wk_tensor *grad_input, const wk_tensor *output, int32_t dim)
{
    return softmax_backward("SoftMax", grad_output, grad_input, output, dim, false);
}

int wk_nn_log_softmax_forward(const wk_tensor *input, wk_tensor *output, int32_t dim)
{
    return softmax_forward("LogSoftMax", input, output, dim, true);
}

int wk_nn_log_softmax_backward(const wk_tensor *grad_output, wk_tensor *grad_input, const wk_tensor *output,
                               int32_t dim)
{
    return softmax_backward("LogSoftMax", grad_output, grad_input, output, dim, true);
}
