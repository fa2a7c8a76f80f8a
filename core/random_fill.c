/*
 * random_fill.c — tensors filled with random numbers: uniform, normal, log-normal, exponential,
 * Cauchy, geometric, Bernoulli (a probability or a tensor of them) and integers in a range.
 *
 * Reproducibility: a tensor is filled in row-major order from one serial stream of 32-bit words,
 * whatever its layout and the thread count. The words are drawn serially; only their
 * transformation into values (logarithms, sines) is split across threads, and each value
 * depends only on its own words. Float and double tensors follow Torch7's formulas in double,
 * except the normal distribution of float tensors, computed in float arithmetic that the
 * compiler vectorises (within a few float ulp of the double path).
 */
#include "iter.h"
#include "random.h"
#include <float.h>
#include <math.h>
#include <omp.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------- */
/* Tensor fills                                                                                 */

typedef enum {
    DIST_UNIFORM, DIST_NORMAL, DIST_LOG_NORMAL, DIST_EXPONENTIAL, DIST_CAUCHY, DIST_GEOMETRIC,
    DIST_BERNOULLI, DIST_BERNOULLI_TENSOR, DIST_INTEGERS
} dist_kind;

typedef struct {
    dist_kind kind;
    int32_t dtype;                     /* of the tensor filled */
    double a, b;                       /* the distribution's two parameters */
    double cap;                        /* geometric: the largest value the dtype holds */
    int64_t low;                       /* integers: low + word % range */
    uint64_t range;                    /* high - low + 1; 0 for the whole 2^64 */
} fill_spec;

/* Float and double tensors are filled in place: the words are drawn serially into the tensor's
 * own memory (word i in the first 4 bytes of element i's slot), then each slot is turned into
 * its value where it lies, on several threads. Pairs (Box-Muller) read and write two slots. The
 * word pointer may alias the float/double one. */
typedef uint32_t __attribute__((may_alias)) alias_u32;

/* The largest float below b (values must stay in [a, b); a double just under b may round up). */
static float float_below(double a, double b)
{
    float upper = (float)b;
    if ((double)upper >= b) upper = nextafterf(upper, -INFINITY);
    return (double)upper < a ? (float)a : upper;
}

/* Uniform, exponential, Cauchy, geometric, Bernoulli: one word per value, Torch7's formulas in
 * double. Elements [begin, end) of data. */
#define WORD_TRANSFORMS(T, NAME, STRIDE)                                                            \
    static void one_word_##NAME(const fill_spec *spec, char *data, int64_t begin, int64_t end)      \
    {                                                                                               \
        T *v = (T *)data;                                                                           \
        const alias_u32 *w = (const alias_u32 *)data;                                               \
        double a = spec->a, b = spec->b;                                                            \
        switch (spec->kind) {                                                                       \
        case DIST_UNIFORM: {                                                                        \
            double scale = b - a;                                                                   \
            T upper = sizeof(T) == 4 ? (T)float_below(a, b) : (T)(b > a ? nextafter(b, a) : a);     \
            for (int64_t i = begin; i < end; i++) {                                                 \
                T x = (T)(wk_unit(w[STRIDE * i]) * scale + a);                                      \
                v[i] = x < upper ? x : upper;                                                       \
            }                                                                                       \
            break;                                                                                  \
        }                                                                                           \
        case DIST_EXPONENTIAL: {                                                                    \
            double factor = -1.0 / a;                                                               \
            for (int64_t i = begin; i < end; i++) v[i] = (T)(factor * log(1.0 - wk_unit(w[STRIDE * i]))); \
            break;                                                                                  \
        }                                                                                           \
        case DIST_CAUCHY:                                                                           \
            for (int64_t i = begin; i < end; i++)                                                   \
                v[i] = (T)(a + b * tan(M_PI * (wk_unit(w[STRIDE * i]) - 0.5)));                     \
            break;                                                                                  \
        case DIST_GEOMETRIC: {                                                                      \
            double log_p = log(a);                                                                  \
            for (int64_t i = begin; i < end; i++)                                                   \
                v[i] = (T)(floor(log(1.0 - wk_unit(w[STRIDE * i])) / log_p) + 1.0);                 \
            break;                                                                                  \
        }                                                                                           \
        case DIST_BERNOULLI: {                                                                      \
            /* wk_unit(w) < p exactly when w < p * 2^32 (w an integer): one integer compare */      \
            uint64_t threshold = (uint64_t)ceil(a * 4294967296.0);                                  \
            for (int64_t i = begin; i < end; i++) v[i] = (T)((uint64_t)w[STRIDE * i] < threshold);  \
            break;                                                                                  \
        }                                                                                           \
        default:                                                                                    \
            break;                                                                                  \
        }                                                                                           \
    }
WORD_TRANSFORMS(float, f32, 1)
WORD_TRANSFORMS(double, f64, 2)

/* Box-Muller pairs [begin, end) in double, as Torch7 (and the scalar draws): pair k turns the
 * words of slots 2k, 2k+1 into the values there. */
static void pairs_f64(const fill_spec *spec, char *data, int64_t begin, int64_t end)
{
    double *v = (double *)data;
    const alias_u32 *w = (const alias_u32 *)data;
    bool log_normal = spec->kind == DIST_LOG_NORMAL;
    for (int64_t k = begin; k < end; k++) {
        double z0, z1;
        wk_box_muller(w[4 * k], w[4 * k + 2], &z0, &z1);
        z0 = z0 * spec->b + spec->a;
        z1 = z1 * spec->b + spec->a;
        v[2 * k] = log_normal ? exp(z0) : z0;
        v[2 * k + 1] = log_normal ? exp(z1) : z1;
    }
}

/* The natural logarithm of x in (0, 1] in float arithmetic (within 2 ulp), written so that the
 * compiler vectorises the loops calling it: x = m 2^e with m in [sqrt(1/2), sqrt(2)), and
 * log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172, as an odd series to s^9. */
static inline float log_float(float x)
{
    uint32_t bits;
    memcpy(&bits, &x, 4);
    int32_t e = (int32_t)(bits >> 23) - 127;
    bits = (bits & 0x007fffffu) | 0x3f800000u;                /* m in [1, 2) */
    uint32_t big = bits > 0x3fb504f3u;                        /* m > sqrt(2): halve it */
    bits -= big << 23;
    e += (int32_t)big;
    float m;
    memcpy(&m, &bits, 4);
    float s = (m - 1.0f) / (m + 1.0f), s2 = s * s;
    float series = s * (2.0f + s2 * (0.666666667f + s2 * (0.4f + s2 * (0.285714286f + s2 * 0.222222222f))));
    return (float)e * 0.693147181f + series;
}

/* The square root of x >= 0 in float arithmetic (a few ulp): Newton steps on 1/sqrt(x) from a
 * bit-level first guess. (sqrtf itself would set errno on negative input, which keeps the
 * compiler from vectorising the loop around it.) */
static inline float sqrt_float(float x)
{
    int32_t bits;
    memcpy(&bits, &x, 4);
    bits = bits > 0x0da24260 ? bits : 0x0da24260;            /* x >= 1e-30 (and -0 becomes 1e-30) */
    memcpy(&x, &bits, 4);
    uint32_t guess = 0x5f375a86u - ((uint32_t)bits >> 1);
    float r;
    memcpy(&r, &guess, 4);
    r = r * (1.5f - 0.5f * x * r * r);
    r = r * (1.5f - 0.5f * x * r * r);
    r = r * (1.5f - 0.5f * x * r * r);
    return x * r;
}

/* cos and sin of 2 pi (word / 2^32): the top bits pick the quadrant (after an eighth-turn shift
 * so that it is the nearest one), the rest is an angle in [-pi/4, pi/4) for short series. */
static inline void cos_sin_turn(uint32_t word, float *cosine, float *sine)
{
    uint32_t shifted = word + 0x20000000u;
    uint32_t quadrant = shifted >> 30;
    float phi = (float)((int32_t)(shifted & 0x3fffffffu) - 0x20000000) * (float)(2 * M_PI / 4294967296.0);
    float p2 = phi * phi;
    float s = phi * (1.0f - p2 * (1.0f / 6 - p2 * (1.0f / 120 - p2 * (1.0f / 5040 - p2 * (1.0f / 362880)))));
    float c = 1.0f - p2 * (0.5f - p2 * (1.0f / 24 - p2 * (1.0f / 720 - p2 * (1.0f / 40320 - p2 * (1.0f / 3628800)))));
    /* rotate (c, s) by `quadrant` quarter turns with bit operations (no branches): odd
     * quadrants swap the two; cos changes sign in quadrants 1 and 2, sin in 2 and 3 */
    uint32_t c_bits, s_bits;
    memcpy(&c_bits, &c, 4);
    memcpy(&s_bits, &s, 4);
    uint32_t swap = 0u - (quadrant & 1u);
    uint32_t x = ((c_bits & ~swap) | (s_bits & swap)) ^ (((quadrant + 1u) & 2u) << 30);
    uint32_t y = ((s_bits & ~swap) | (c_bits & swap)) ^ ((quadrant & 2u) << 30);
    memcpy(cosine, &x, 4);
    memcpy(sine, &y, 4);
}

/* Box-Muller pairs in float arithmetic, for float tensors: vectorised, so several times faster
 * than the double path, and within a few float ulp of it. */
__attribute__((target_clones("avx2", "default")))
static void pairs_f32(const fill_spec *spec, char *data, int64_t begin, int64_t end)
{
    float *v = (float *)data;
    const alias_u32 *w = (const alias_u32 *)data;
    float mean = (float)spec->a, stdv = (float)spec->b;
    for (int64_t k = begin; k < end; k++) {
        uint32_t angle = w[2 * k], radius = w[2 * k + 1];
        /* 1 - u = (2^32 - radius) / 2^32 in (0, 1], rounded once: the integer is split in two
         * parts that convert exactly (a signed conversion, which vectorises) */
        uint32_t rest = ~radius;               /* 2^32 - 1 - radius */
        float one_minus = ((float)(int32_t)(rest >> 8) * 256.0f + (float)(int32_t)((rest & 255u) + 1u)) *
                          (1.0f / 4294967296.0f);
        float rho = sqrt_float(-2.0f * log_float(one_minus));
        float c, s;
        cos_sin_turn(angle, &c, &s);
        v[2 * k] = rho * c * stdv + mean;
        v[2 * k + 1] = rho * s * stdv + mean;
    }
    if (spec->kind == DIST_LOG_NORMAL)
        for (int64_t i = 2 * begin; i < 2 * end; i++) v[i] = expf(v[i]);
}

/* The standard values of one pair, as the fill's dtype computes them (for an odd tail). */
static void standard_pair(int32_t dtype, uint32_t angle, uint32_t radius, double *z0, double *z1)
{
    union { uint32_t words[4]; double d[2]; float f[2]; } slot;
    fill_spec standard = {.kind = DIST_NORMAL, .dtype = dtype, .a = 0, .b = 1};
    if (dtype == WK_F32) {
        slot.words[0] = angle;
        slot.words[1] = radius;
        pairs_f32(&standard, (char *)slot.f, 0, 1);
        *z0 = slot.f[0];
        *z1 = slot.f[1];
    } else {
        slot.words[0] = angle;
        slot.words[2] = radius;
        pairs_f64(&standard, (char *)slot.d, 0, 1);
        *z0 = slot.d[0];
        *z1 = slot.d[1];
    }
}

typedef void (*range_fn)(const fill_spec *spec, char *data, int64_t begin, int64_t end);

/* f over [0, units), split across threads when there are at least 2 * grain units. */
static void run_split(range_fn f, const fill_spec *spec, char *data, int64_t units, int64_t grain)
{
    int32_t threads = wk_get_num_threads();
    if (units < 2 * grain || threads < 2 || omp_in_parallel()) {
        f(spec, data, 0, units);
        return;
    }
    if (threads > units / grain) threads = (int32_t)(units / grain);
    #pragma omp parallel num_threads(threads)
    {
        int64_t parts = omp_get_num_threads(), part = omp_get_thread_num();
        f(spec, data, units * part / parts, units * (part + 1) / parts);
    }
}

/* Fills n contiguous float or double elements at data (see above). */
static void fill_in_place(wk_generator *g, const fill_spec *spec, char *data, int64_t n)
{
    bool f32 = spec->dtype == WK_F32;
    int64_t element = f32 ? 4 : 8, stride = f32 ? 1 : 2;
    bool normal = spec->kind == DIST_NORMAL || spec->kind == DIST_LOG_NORMAL;
    if (!normal) {
        wk_generator_draw(g, (alias_u32 *)data, n, stride);
        /* uniform and Bernoulli values cost less than their words: threads would not pay */
        range_fn values = f32 ? one_word_f32 : one_word_f64;
        if (spec->kind == DIST_UNIFORM || spec->kind == DIST_BERNOULLI) values(spec, data, 0, n);
        else run_split(values, spec, data, n, WK_GRAIN / 8);
        return;
    }
    /* As the scalar draws: a value left by an odd fill comes first, and an odd tail leaves the
     * second value of its pair for the next draw. */
    bool log_normal = spec->kind == DIST_LOG_NORMAL;
    int64_t start = 0;
    if (g->has_normal) {
        double z = g->normal * spec->b + spec->a;
        if (log_normal) z = exp(z);
        if (f32) ((float *)data)[0] = (float)z;
        else ((double *)data)[0] = z;
        g->has_normal = 0;
        start = 1;
    }
    char *paired = data + start * element;
    int64_t pairs = (n - start) / 2;
    wk_generator_draw(g, (alias_u32 *)paired, 2 * pairs, stride);
    run_split(f32 ? pairs_f32 : pairs_f64, spec, paired, pairs, WK_GRAIN / 16);
    if ((n - start) % 2) {
        uint32_t angle = wk_generator_next(g), radius = wk_generator_next(g);
        double z0, z1;
        standard_pair(spec->dtype, angle, radius, &z0, &z1);
        double z = z0 * spec->b + spec->a;
        if (log_normal) z = exp(z);
        if (f32) ((float *)data)[n - 1] = (float)z;
        else ((double *)data)[n - 1] = z;
        g->normal = z1;
        g->has_normal = 1;
    }
}

/* The other fills (integer dtypes, integer draws, Bernoulli with a tensor of probabilities) go
 * through the iterator, a chunk of words at a time, serially. */
enum { CHUNK = 4096 };

typedef struct {
    const double *doubles;
    const int64_t *integers;
    int64_t used;
} store_context;

#define STORE_LOOPS(DTYPE, T, NAME)                                                                 \
    static void store_double_##NAME(char **data, const int64_t *strides, int64_t n, void *context)  \
    {                                                                                               \
        store_context *c = context;                                                                 \
        const double *v = c->doubles + c->used;                                                     \
        for (int64_t i = 0; i < n; i++) *(T *)(data[0] + i * strides[0]) = (T)v[i];                 \
        c->used += n;                                                                               \
    }                                                                                               \
    static void store_integer_##NAME(char **data, const int64_t *strides, int64_t n, void *context) \
    {                                                                                               \
        store_context *c = context;                                                                 \
        const int64_t *v = c->integers + c->used;                                                   \
        if (strides[0] == sizeof(T)) {                                                              \
            T *out = (T *)data[0];                                                                  \
            for (int64_t i = 0; i < n; i++) out[i] = (T)v[i];                                       \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) *(T *)(data[0] + i * strides[0]) = (T)v[i];             \
        }                                                                                           \
        c->used += n;                                                                               \
    }                                                                                               \
    static void store_bernoulli_f32_##NAME(char **data, const int64_t *strides, int64_t n, void *context) \
    {                                                                                               \
        store_context *c = context;                                                                 \
        const double *u = c->doubles + c->used;                                                     \
        for (int64_t i = 0; i < n; i++)                                                             \
            *(T *)(data[0] + i * strides[0]) = (T)(u[i] < *(const float *)(data[1] + i * strides[1])); \
        c->used += n;                                                                               \
    }                                                                                               \
    static void store_bernoulli_f64_##NAME(char **data, const int64_t *strides, int64_t n, void *context) \
    {                                                                                               \
        store_context *c = context;                                                                 \
        const double *u = c->doubles + c->used;                                                     \
        for (int64_t i = 0; i < n; i++)                                                             \
            *(T *)(data[0] + i * strides[0]) = (T)(u[i] < *(const double *)(data[1] + i * strides[1])); \
        c->used += n;                                                                               \
    }
WK_NATIVE_TYPES(STORE_LOOPS)

#define STORE_ENTRY(DTYPE, T, NAME) [DTYPE] = store_double_##NAME,
static const wk_loop_fn store_double[WK_F64 + 1] = {WK_NATIVE_TYPES(STORE_ENTRY)};
#undef STORE_ENTRY
#define STORE_ENTRY(DTYPE, T, NAME) [DTYPE] = store_integer_##NAME,
static const wk_loop_fn store_integer[WK_F64 + 1] = {WK_NATIVE_TYPES(STORE_ENTRY)};
#undef STORE_ENTRY
#define STORE_ENTRY(DTYPE, T, NAME) [DTYPE] = store_bernoulli_f32_##NAME,
static const wk_loop_fn store_bernoulli_f32[WK_F64 + 1] = {WK_NATIVE_TYPES(STORE_ENTRY)};
#undef STORE_ENTRY
#define STORE_ENTRY(DTYPE, T, NAME) [DTYPE] = store_bernoulli_f64_##NAME,
static const wk_loop_fn store_bernoulli_f64[WK_F64 + 1] = {WK_NATIVE_TYPES(STORE_ENTRY)};
#undef STORE_ENTRY

/* Fills operand 0 of `it` from g; p_dtype is the probabilities' dtype for DIST_BERNOULLI_TENSOR. */
static void fill_by_chunks(wk_generator *g, const wk_iter *it, const fill_spec *spec, int32_t p_dtype)
{
    uint32_t words[CHUNK];
    double doubles[CHUNK];
    int64_t integers[CHUNK];
    bool wide = spec->kind == DIST_INTEGERS && (spec->range == 0 || spec->range > 0xffffffffu);
    for (int64_t done = 0; done < it->numel;) {
        int64_t m = it->numel - done < CHUNK ? it->numel - done : CHUNK;
        store_context store = {doubles, integers, 0};
        wk_loop_fn loop;
        if (spec->kind == DIST_INTEGERS) {
            if (wide) {
                for (int64_t i = 0; i < m; i++) {
                    uint64_t w = wk_generator_next64(g);
                    integers[i] = (int64_t)((uint64_t)spec->low + (spec->range ? w % spec->range : w));
                }
            } else {
                wk_generator_draw(g, words, m, 1);
                for (int64_t i = 0; i < m; i++) integers[i] = (int64_t)((uint64_t)spec->low + words[i] % spec->range);
            }
            loop = store_integer[spec->dtype];
        } else {
            wk_generator_draw(g, words, m, 1);
            for (int64_t i = 0; i < m; i++) {
                double u = wk_unit(words[i]);
                if (spec->kind == DIST_GEOMETRIC) {
                    double v = floor(log(1.0 - u) / log(spec->a)) + 1.0;
                    doubles[i] = v < spec->cap ? v : spec->cap;
                } else if (spec->kind == DIST_BERNOULLI) {
                    doubles[i] = u < spec->a;
                } else {
                    doubles[i] = u;            /* compared with p as it is stored */
                }
            }
            if (spec->kind == DIST_BERNOULLI_TENSOR)
                loop = p_dtype == WK_F32 ? store_bernoulli_f32[spec->dtype] : store_bernoulli_f64[spec->dtype];
            else loop = store_double[spec->dtype];
        }
        wk_iter_run(it, done, done + m, loop, &store);
        done += m;
    }
}

static int check_target(const wk_tensor *t, bool float_only, const char *op)
{
    if (t->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "%s: %s needs the CUDA back end", op, WK_DESC(t));
    if (t->dtype > WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: not available for %s (a storage-only type)", op, WK_DESC(t));
    if (float_only && t->dtype != WK_F32 && t->dtype != WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: needs a torch.FloatTensor or torch.DoubleTensor, got %s", op,
                        WK_DESC(t));
    return WK_OK;
}

static int fill(wk_tensor *t, wk_generator *g, const fill_spec *spec, const char *op)
{
    int64_t numel = wk_tensor_numel(t);
    if (numel == 0) return WK_OK;
    g = wk_generator_or_default(g);
    if ((t->dtype == WK_F32 || t->dtype == WK_F64) && spec->kind != DIST_INTEGERS) {
        /* A strided target is filled through a contiguous one, so that the numbers are the same. */
        if (wk_tensor_is_contiguous(t)) {
            fill_in_place(g, spec, wk_tensor_data(t), numel);
            return WK_OK;
        }
        wk_tensor *packed = wk_tensor_new_sized(t->dtype, t->ndim, t->sizes);
        if (!packed) return wk_last_status();
        fill_in_place(g, spec, wk_tensor_data(packed), numel);
        int rc = wk_copy(t, packed);
        wk_tensor_free(packed);
        return rc;
    }
    wk_iter it;
    const wk_tensor *operands[1] = {t};
    if (wk_iter_init(&it, 1, operands, op) != WK_OK) return wk_last_status();
    fill_by_chunks(g, &it, spec, 0);
    return WK_OK;
}

int wk_random_uniform(wk_tensor *t, wk_generator *g, double a, double b)
{
    if (check_target(t, true, "uniform") != WK_OK) return wk_last_status();
    if (!(a <= b) || !isfinite(a) || !isfinite(b))
        return wk_error(WK_EINVAL, "uniform: the bounds must be finite with a <= b, got [%g, %g)", a, b);
    fill_spec spec = {.kind = DIST_UNIFORM, .dtype = t->dtype, .a = a, .b = b};
    return fill(t, g, &spec, "uniform");
}

int wk_random_normal(wk_tensor *t, wk_generator *g, double mean, double stdv)
{
    if (check_target(t, true, "normal") != WK_OK) return wk_last_status();
    if (!(stdv >= 0) || !isfinite(stdv) || !isfinite(mean))
        return wk_error(WK_EINVAL, "normal: needs a finite mean and a standard deviation >= 0, got mean %g, stdv %g",
                        mean, stdv);
    fill_spec spec = {.kind = DIST_NORMAL, .dtype = t->dtype, .a = mean, .b = stdv};
    return fill(t, g, &spec, "normal");
}

int wk_random_log_normal(wk_tensor *t, wk_generator *g, double mean, double stdv)
{
    if (check_target(t, true, "logNormal") != WK_OK) return wk_last_status();
    if (!(stdv >= 0) || !isfinite(stdv) || !isfinite(mean))
        return wk_error(WK_EINVAL,
                        "logNormal: needs a finite mean and a standard deviation >= 0, got mean %g, stdv %g", mean,
                        stdv);
    fill_spec spec = {.kind = DIST_LOG_NORMAL, .dtype = t->dtype, .a = mean, .b = stdv};
    return fill(t, g, &spec, "logNormal");
}

int wk_random_exponential(wk_tensor *t, wk_generator *g, double lambda)
{
    if (check_target(t, true, "exponential") != WK_OK) return wk_last_status();
    if (!(lambda > 0) || !isfinite(lambda))
        return wk_error(WK_EINVAL, "exponential: lambda must be positive and finite, got %g", lambda);
    fill_spec spec = {.kind = DIST_EXPONENTIAL, .dtype = t->dtype, .a = lambda};
    return fill(t, g, &spec, "exponential");
}

int wk_random_cauchy(wk_tensor *t, wk_generator *g, double median, double sigma)
{
    if (check_target(t, true, "cauchy") != WK_OK) return wk_last_status();
    if (!(sigma >= 0) || !isfinite(sigma) || !isfinite(median))
        return wk_error(WK_EINVAL, "cauchy: needs a finite median and sigma >= 0, got median %g, sigma %g", median,
                        sigma);
    fill_spec spec = {.kind = DIST_CAUCHY, .dtype = t->dtype, .a = median, .b = sigma};
    return fill(t, g, &spec, "cauchy");
}

/* The largest value each native dtype holds (as a double, for clamping). */
static double dtype_max(int32_t dtype)
{
    switch (dtype) {
    case WK_U8: return UINT8_MAX;
    case WK_I8: return INT8_MAX;
    case WK_I16: return INT16_MAX;
    case WK_I32: return INT32_MAX;
    case WK_I64: return 9223372036854774784.0;   /* the largest double below 2^63 */
    case WK_F32: return FLT_MAX;
    default: return DBL_MAX;
    }
}

int wk_random_geometric(wk_tensor *t, wk_generator *g, double p)
{
    if (check_target(t, false, "geometric") != WK_OK) return wk_last_status();
    if (!(p > 0 && p < 1)) return wk_error(WK_EINVAL, "geometric: p must be in (0, 1), got %g", p);
    fill_spec spec = {.kind = DIST_GEOMETRIC, .dtype = t->dtype, .a = p, .cap = dtype_max(t->dtype)};
    return fill(t, g, &spec, "geometric");
}

int wk_random_bernoulli(wk_tensor *t, wk_generator *g, double p)
{
    if (check_target(t, false, "bernoulli") != WK_OK) return wk_last_status();
    if (!(p >= 0 && p <= 1)) return wk_error(WK_EINVAL, "bernoulli: p must be in [0, 1], got %g", p);
    fill_spec spec = {.kind = DIST_BERNOULLI, .dtype = t->dtype, .a = p};
    return fill(t, g, &spec, "bernoulli");
}

/* Finds the first probability outside [0, 1] (or NaN) in row-major order. */
typedef struct { int32_t dtype; int64_t seen, bad_at; double bad_value; } probability_check;

static void check_probabilities(char **data, const int64_t *strides, int64_t n, void *context)
{
    probability_check *c = context;
    for (int64_t i = 0; i < n && c->bad_at < 0; i++) {
        double p = c->dtype == WK_F32 ? *(const float *)(data[0] + i * strides[0])
                                      : *(const double *)(data[0] + i * strides[0]);
        if (!(p >= 0 && p <= 1)) {
            c->bad_at = c->seen + i;
            c->bad_value = p;
        }
    }
    c->seen += n;
}

int wk_random_bernoulli_tensor(wk_tensor *t, wk_generator *g, const wk_tensor *p)
{
    if (check_target(t, false, "bernoulli") != WK_OK) return wk_last_status();
    if (p->dtype != WK_F32 && p->dtype != WK_F64)
        return wk_error(WK_EINVAL, "bernoulli: the probabilities must be a torch.FloatTensor or torch.DoubleTensor, "
                        "got %s", WK_DESC(p));
    if (p->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "bernoulli: %s needs the CUDA back end", WK_DESC(p));
    int64_t numel = wk_tensor_numel(t);

    /* p broadcasts to t, or (as Torch7) has as many elements, taken in row-major order. */
    wk_tensor *shaped = wk_tensor_new_alias(p);
    if (!shaped) return wk_last_status();
    int rc = WK_OK;
    wk_iter it;
    const wk_tensor *operands[2] = {t, shaped};
    int32_t ndim;
    int64_t sizes[WK_MAX_DIMS];
    bool broadcasts = p->ndim <= t->ndim && wk_broadcast_shape(t, p, &ndim, sizes, "bernoulli") == WK_OK &&
                      ndim == t->ndim && memcmp(sizes, t->sizes, (size_t)ndim * sizeof *sizes) == 0;
    if (!broadcasts) {
        if (wk_tensor_numel(p) != numel) {
            rc = wk_error(WK_ESHAPE, "bernoulli: the probabilities %s neither broadcast to %s nor have as many "
                          "elements", WK_DESC(p), WK_DESC(t));
            goto done;
        }
        if (numel == 0) goto done;
        if (!wk_tensor_is_contiguous(shaped)) {
            wk_tensor *copy = wk_tensor_new_clone(p);
            wk_tensor_free(shaped);
            if (!(shaped = copy)) return wk_last_status();
            operands[1] = shaped;
        }
        if ((rc = wk_tensor_view(shaped, t->ndim, t->sizes)) != WK_OK) goto done;
    }
    if (numel == 0) goto done;

    /* Every probability is checked before any is used. */
    probability_check check = {p->dtype, 0, -1, 0};
    wk_iter p_it;
    const wk_tensor *p_operand[1] = {p};
    if ((rc = wk_iter_init(&p_it, 1, p_operand, "bernoulli")) != WK_OK) goto done;
    wk_iter_run(&p_it, 0, p_it.numel, check_probabilities, &check);
    if (check.bad_at >= 0) {
        rc = wk_error(WK_EINVAL, "bernoulli: probability %g at element %lld of %s is outside [0, 1]", check.bad_value,
                      (long long)check.bad_at + 1, WK_DESC(p));
        goto done;
    }

    if ((rc = wk_iter_init(&it, 2, operands, "bernoulli")) != WK_OK) goto done;
    fill_spec spec = {.kind = DIST_BERNOULLI_TENSOR, .dtype = t->dtype};
    fill_by_chunks(wk_generator_or_default(g), &it, &spec, p->dtype);
done:
    wk_tensor_free(shaped);
    return rc;
}

/* The range of values each native dtype holds, for integer draws. */
static void dtype_limits(int32_t dtype, int64_t *min, int64_t *max)
{
    switch (dtype) {
    case WK_U8: *min = 0; *max = UINT8_MAX; break;
    case WK_I8: *min = INT8_MIN; *max = INT8_MAX; break;
    case WK_I16: *min = INT16_MIN; *max = INT16_MAX; break;
    case WK_I32: *min = INT32_MIN; *max = INT32_MAX; break;
    default: *min = INT64_MIN; *max = INT64_MAX; break;
    }
}

/* word % range + low, as Torch7 (the bias is at most range / 2^32 for ranges below 2^32; wider
 * ranges take 64-bit words). */
int wk_random_integers(wk_tensor *t, wk_generator *g, int64_t low, int64_t high)
{
    if (check_target(t, false, "random") != WK_OK) return wk_last_status();
    if (low > high)
        return wk_error(WK_EINVAL, "random: the lower bound %lld is above the upper bound %lld", (long long)low,
                        (long long)high);
    int64_t min, max;
    dtype_limits(t->dtype, &min, &max);
    if (low < min || high > max)
        return wk_error(WK_ERANGE, "random: [%lld, %lld] is outside the values of %s (%lld to %lld)", (long long)low,
                        (long long)high, WK_DESC(t), (long long)min, (long long)max);
    fill_spec spec = {.kind = DIST_INTEGERS, .dtype = t->dtype, .low = low,
                      .range = (uint64_t)high - (uint64_t)low + 1u};
    return fill(t, g, &spec, "random");
}

