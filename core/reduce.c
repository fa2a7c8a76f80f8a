/*
 * reduce.c — reductions over a whole tensor (wk_reduce_all) or along one dimension
 * (wk_reduce_dim): sum, prod, mean, max/min with their indices, p-norms, var/std, logsumexp,
 * all/any; and what is built the same way: cumsum, cumprod, dist, renorm.
 * Sorting, top-k, k-th value, mode and histc live in sort.c.
 *
 * Accumulation. Float sums add into lanes of the element's own type (so the loop vectorises)
 * and fold them into double lanes every 8 additions per lane; the long sum is carried in
 * double. 3e6 uniform floats sum with a relative error of ~2e-10 (a single float accumulator:
 * ~1e-5; torch.sum, whose result is a float: ~1e-7). Integer sums and products accumulate in
 * 64 bits (wrapping on overflow, as unsigned arithmetic does; never undefined). Everything else
 * (the product of floats, norms, var/std, logsumexp, all/any) converts chunks of 256 elements to
 * double and accumulates there, in 8 lanes where it is a sum. var/std and logsumexp take two
 * passes (the mean, then squared deviations; the max, then exp(x - max)), which is accurate
 * where a one-pass formula is not.
 *
 * Streams. A long contiguous sum or max/min reads its run as four quarters side by side, each
 * into its own vector of lanes. One sequential stream read ~6-8 GB/s per core on these VMs and
 * four read ~14-25 (their prefetching and page walks overlap); PyTorch's cascade sum reads
 * several rows at once for the same reason. These loops are also compiled for AVX2 (see CLONES).
 *
 * Threads and determinism. A whole-tensor reduction cuts the elements (in row-major order)
 * into blocks whose size depends only on the element count (at most 128 blocks, each of at
 * least 16384 elements), reduces the blocks on however many threads there are, then combines
 * the blocks' partial results in block order on one thread. The result therefore depends on the
 * tensor's shape and layout and never on the thread count: the same bits with 1 thread or 16.
 * Along a dimension each output element is reduced from start to end by one thread, which is
 * likewise independent of the thread count.
 *
 * NaN. max/min give NaN when a NaN is among the elements, with the index of the first NaN;
 * sums, products, norms and var/std propagate NaN as arithmetic does; all/any count NaN as
 * non-zero (true).
 *
 * Layouts along a dimension (each output element reduces one "line" of the input):
 *   - the line is contiguous (the reduced dim is innermost): the vectorised line kernels;
 *   - consecutive outputs read consecutive inputs (an outer dim is reduced): "columns": the
 *     rows of the reduced dim are accumulated, four contiguous rows at a time, into up to 1024
 *     accumulators; cache-friendly and vectorised;
 *   - otherwise: a strided loop per line.
 */
#include "iter.h"
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

enum {
    STREAMS = 4,         /* parts of a contiguous run read side by side */
    FOLD = 64,           /* elements of each stream between folds of its float lanes into double */
    CHUNK = 256,         /* elements converted to double at a time */
    COLS = 1024,         /* outputs reduced together in the columns layout */
    MAX_BLOCKS = 128,    /* a whole-tensor reduction has at most this many partial results */
    MIN_BLOCK = 16384    /* and each covers at least this many elements */
};

/* A partial result: f for the float types, i for the integers (two's complement, mod 2^64). */
typedef struct { double f; uint64_t i; } accum;

/* What a fold computes. K_*: in the element type's own arithmetic (the type_kernels below);
 * D_*: on elements converted to double. */
enum {
    K_SUM, K_PROD, K_MAX, K_MIN,
    D_SUM, D_MAX, D_ABS_SUM, D_SQUARE_SUM, D_POW_SUM, D_NONZERO, D_ABS_MAX, D_ABS_MIN, D_DEV_SQUARE,
    D_EXP_SHIFTED, D_ALL, D_ANY, D_NONE
};

static const char *const op_names[WK_REDUCE_COUNT] = {
    [WK_RSUM] = "sum", [WK_RPROD] = "prod", [WK_RMEAN] = "mean", [WK_RMAX] = "max", [WK_RMIN] = "min",
    [WK_RNORM] = "norm", [WK_RVAR] = "var", [WK_RSTD] = "std", [WK_RLOGSUMEXP] = "logsumexp",
    [WK_RALL] = "all", [WK_RANY] = "any"};

/* max and min that let a NaN win and keep it. */
static inline double nan_max(double best, double v) { return (v > best || v != v) ? v : best; }
static inline double nan_min(double best, double v) { return (v < best || v != v) ? v : best; }

static double identity_of(int kind)
{
    switch (kind) {
    case K_PROD: case D_ALL: return 1;
    case K_MAX: case D_MAX: return -INFINITY;
    case K_MIN: case D_ABS_MIN: return INFINITY;
    default: return 0;
    }
}

/* ------------------------------------------------------------------------------------------- */
/* Per-type kernels                                                                             */

/* The native types with their accumulators: X(DTYPE, C_TYPE, NAME, LANE, ACC, FIELD). LANE is
 * what the vectorised loops add in, ACC what a whole line is carried in, FIELD the accum member
 * that holds it. It mirrors WK_NATIVE_TYPES (checked below). */
#define REDUCE_TYPES(X)                           \
    X(WK_U8, uint8_t, u8, uint64_t, uint64_t, i)  \
    X(WK_I8, int8_t, i8, uint64_t, uint64_t, i)   \
    X(WK_I16, int16_t, i16, uint64_t, uint64_t, i) \
    X(WK_I32, int32_t, i32, uint64_t, uint64_t, i) \
    X(WK_I64, int64_t, i64, uint64_t, uint64_t, i) \
    X(WK_F32, float, f32, float, double, f)       \
    X(WK_F64, double, f64, double, double, f)
/* The hot contiguous loops are compiled twice, for AVX2 and for the baseline, and picked at load
 * time (where memory bounds a loop it changes little; in cache it is 1.5-2.5x). */
#if defined(__x86_64__)
#define CLONES __attribute__((target_clones("avx2", "default")))
#else
#define CLONES
#endif

#define COUNT_ONE(...) +1
_Static_assert(0 REDUCE_TYPES(COUNT_ONE) == 0 WK_NATIVE_TYPES(COUNT_ONE), "REDUCE_TYPES must list every native type");

/* An accumulated value as the number to store: integers divide (for mean) in int64, truncating
 * toward zero; floats in double. */
static inline int64_t finish_i(uint64_t v, int64_t divisor) { return (int64_t)v / divisor; }
static inline double finish_f(double v, int64_t divisor) { return divisor == 1 ? v : v / (double)divisor; }

typedef struct {
    accum (*sum_line)(const char *src, int64_t step, int64_t n);
    accum (*prod_line)(const char *src, int64_t step, int64_t n);
    double (*sumsq_line)(const char *src, int64_t step, int64_t n);                 /* floats only */
    /* rows x ncols, rows `step` bytes apart, each row contiguous; writes ncols results */
    void (*sum_cols)(char *out, int64_t out_stride, const char *src, int64_t step, int64_t rows, int64_t ncols,
                     int64_t divisor);
    void (*prod_cols)(char *out, int64_t out_stride, const char *src, int64_t step, int64_t rows, int64_t ncols,
                      int64_t divisor);
    /* writes the best element to *value; returns its first index when want_index, else 0 */
    int64_t (*maxmin_line)(const char *src, int64_t step, int64_t n, int is_min, int want_index, void *value);
    void (*maxmin_cols)(char *out, int64_t out_stride, char *index, int64_t index_stride, const char *src,
                        int64_t step, int64_t rows, int64_t ncols, int is_min, int64_t base);
    void (*scan_line)(char *out, int64_t out_step, const char *src, int64_t step, int64_t n, int prod);
    void (*scan_cols)(char *out, int64_t out_step, const char *src, int64_t step, int64_t rows, int64_t ncols,
                      int prod);
    void (*store)(char *out, accum a, int64_t divisor);
    void (*load)(double *dst, const char *src, int64_t stride, int64_t n);        /* to double */
    void (*store_double)(char *dst, int64_t stride, const double *src, int64_t n);  /* from double */
} type_kernels;

/* FN(x, n): the sum of EXPR(x[i]) over a contiguous run, read as four streams side by side
 * (see the top of the file), each into one 32-byte vector of lanes (L of them). */
#define AS_IS(v) (v)
#define SQUARED(v) ((v) * (v))
#define STREAM_SUM(FN, T, LANE, ACC, L, EXPR)                                                       \
    CLONES static ACC FN(const T *x, int64_t n)                                                     \
    {                                                                                               \
        int64_t quarter = n / (STREAMS * FOLD) * FOLD;                                              \
        ACC totals[STREAMS][L] = {{0}}, total = 0;                                                  \
        for (int64_t start = 0; start < quarter; start += FOLD) {                                   \
            LANE lanes[STREAMS][L] = {{0}};                                                         \
            for (int64_t i = start; i < start + FOLD; i += L)                                       \
                for (int s = 0; s < STREAMS; s++)                                                   \
                    for (int j = 0; j < L; j++) lanes[s][j] += EXPR((LANE)x[s * quarter + i + j]);  \
            for (int s = 0; s < STREAMS; s++)                                                       \
                for (int j = 0; j < L; j++) totals[s][j] += (ACC)lanes[s][j];                       \
        }                                                                                           \
        for (int64_t start = STREAMS * quarter; start < n; start += FOLD) {  /* the rest: one stream */ \
            int64_t end = n - start < FOLD ? n : start + FOLD, i = start;                           \
            LANE lanes[L] = {0};                                                                    \
            for (; i + L <= end; i += L)                                                            \
                for (int j = 0; j < L; j++) lanes[j] += EXPR((LANE)x[i + j]);                       \
            for (; i < end; i++) lanes[0] += EXPR((LANE)x[i]);                                      \
            for (int j = 0; j < L; j++) totals[0][j] += (ACC)lanes[j];                              \
        }                                                                                           \
        for (int s = 0; s < STREAMS; s++)                                                           \
            for (int j = 0; j < L; j++) total += totals[s][j];                                      \
        return total;                                                                               \
    }

/* Sum, sum of squares and product of a line. */
#define LINE_KERNELS(DTYPE, T, NAME, LANE, ACC, FIELD)                                              \
    STREAM_SUM(sum_contig_##NAME, T, LANE, ACC, (int)(32 / sizeof(LANE)), AS_IS)                           \
    STREAM_SUM(sumsq_contig_##NAME, T, LANE, ACC, (int)(32 / sizeof(LANE)), SQUARED)                       \
    static double sumsq_line_##NAME(const char *src, int64_t step, int64_t n)                       \
    {                                                                                               \
        if (step == sizeof(T)) return (double)sumsq_contig_##NAME((const T *)src, n);               \
        double total = 0;                                                                           \
        for (int64_t i = 0; i < n; i++) total += SQUARED((double)*(const T *)(src + i * step));     \
        return total;                                                                               \
    }                                                                                               \
    static accum sum_line_##NAME(const char *src, int64_t step, int64_t n)                          \
    {                                                                                               \
        accum a = {0, 0};                                                                           \
        if (step == sizeof(T)) {                                                                    \
            a.FIELD = sum_contig_##NAME((const T *)src, n);                                         \
        } else {                                                                                    \
            ACC total = 0;                                                                          \
            for (int64_t i = 0; i < n; i++) total += (ACC) * (const T *)(src + i * step);           \
            a.FIELD = total;                                                                        \
        }                                                                                           \
        return a;                                                                                   \
    }                                                                                               \
    static accum prod_line_##NAME(const char *src, int64_t step, int64_t n)                         \
    {                                                                                               \
        accum a = {1, 1};                                                                           \
        ACC total = 1, lanes[8] = {1, 1, 1, 1, 1, 1, 1, 1};                                         \
        int64_t i = 0;                                                                              \
        if (step == sizeof(T))                                                                      \
            for (const T *x = (const T *)src; i + 8 <= n; i += 8)                                   \
                for (int j = 0; j < 8; j++) lanes[j] *= (ACC)x[i + j];                              \
        for (; i < n; i++) total *= (ACC) * (const T *)(src + i * step);                            \
        for (int j = 0; j < 8; j++) total *= lanes[j];                                              \
        a.FIELD = total;                                                                            \
        return a;                                                                                   \
    }                                                                                               \
    static void store_##NAME(char *out, accum a, int64_t divisor)                                   \
    {                                                                                               \
        *(T *)out = (T)finish_##FIELD(a.FIELD, divisor);                                            \
    }

/* Outer-dim reductions: rows x ncols accumulated row by row. */
#define COLUMN_KERNELS(DTYPE, T, NAME, LANE, ACC, FIELD)                                            \
    CLONES static void sum_cols_##NAME(char *out, int64_t out_stride, const char *src, int64_t step, \
                                       int64_t rows, int64_t ncols, int64_t divisor)                \
    {                                                                                               \
        ACC acc[COLS] = {0};                                                                        \
        int64_t r = 0;                                                                              \
        for (; r + 4 <= rows; r += 4) {                 /* four rows at a time: four streams */     \
            const T *a = (const T *)(src + r * step), *b = (const T *)(src + (r + 1) * step);       \
            const T *c = (const T *)(src + (r + 2) * step), *d = (const T *)(src + (r + 3) * step); \
            for (int64_t j = 0; j < ncols; j++)                                                     \
                acc[j] += ((ACC)a[j] + (ACC)b[j]) + ((ACC)c[j] + (ACC)d[j]);                        \
        }                                                                                           \
        for (; r < rows; r++) {                                                                     \
            const T *row = (const T *)(src + r * step);                                             \
            for (int64_t j = 0; j < ncols; j++) acc[j] += (ACC)row[j];                              \
        }                                                                                           \
        for (int64_t j = 0; j < ncols; j++) *(T *)(out + j * out_stride) = (T)finish_##FIELD(acc[j], divisor); \
    }                                                                                               \
    static void prod_cols_##NAME(char *out, int64_t out_stride, const char *src, int64_t step,      \
                                 int64_t rows, int64_t ncols, int64_t divisor)                      \
    {                                                                                               \
        ACC acc[COLS];                                                                              \
        for (int64_t j = 0; j < ncols; j++) acc[j] = 1;                                             \
        for (int64_t r = 0; r < rows; r++) {                                                        \
            const T *row = (const T *)(src + r * step);                                             \
            for (int64_t j = 0; j < ncols; j++) acc[j] *= (ACC)row[j];                              \
        }                                                                                           \
        for (int64_t j = 0; j < ncols; j++) *(T *)(out + j * out_stride) = (T)finish_##FIELD(acc[j], divisor); \
    }                                                                                               \
    static void scan_line_##NAME(char *out, int64_t out_step, const char *src, int64_t step, int64_t n, int prod) \
    {                                                                                               \
        ACC acc = prod ? 1 : 0;                                                                     \
        for (int64_t i = 0; i < n; i++) {                                                           \
            ACC v = (ACC) * (const T *)(src + i * step);                                            \
            acc = prod ? acc * v : acc + v;                                                         \
            *(T *)(out + i * out_step) = (T)finish_##FIELD(acc, 1);                                 \
        }                                                                                           \
    }                                                                                               \
    static void scan_cols_##NAME(char *out, int64_t out_step, const char *src, int64_t step,        \
                                 int64_t rows, int64_t ncols, int prod)                             \
    {                                                                                               \
        ACC acc[COLS];                                                                              \
        for (int64_t j = 0; j < ncols; j++) acc[j] = prod ? 1 : 0;                                  \
        for (int64_t r = 0; r < rows; r++) {                                                        \
            const T *in = (const T *)(src + r * step);                                              \
            T *o = (T *)(out + r * out_step);                                                       \
            if (prod)                                                                               \
                for (int64_t j = 0; j < ncols; j++) acc[j] *= (ACC)in[j];                           \
            else                                                                                    \
                for (int64_t j = 0; j < ncols; j++) acc[j] += (ACC)in[j];                           \
            for (int64_t j = 0; j < ncols; j++) o[j] = (T)finish_##FIELD(acc[j], 1);                \
        }                                                                                           \
    }

/* max/min. The contiguous search keeps lanes in four streams as the sum does; `v != v` (false
 * for integers) lets a NaN win and stay. The first index of the best is then found by a second
 * scan, eight elements at a time. */
#define BETTER(v, best, is_min) (((is_min) ? (v) < (best) : (v) > (best)) || (v) != (v))
#define MAXMIN_KERNELS(DTYPE, T, NAME, LANE, ACC, FIELD)                                            \
    CLONES static T maxmin_contig_##NAME(const T *x, int64_t n, int is_min)                         \
    {                                                                                               \
        enum { L = 32 / sizeof(T) };                                                                \
        int64_t quarter = n / (STREAMS * L) * L;                                                    \
        T lanes[STREAMS][L], best = x[0];                                                           \
        if (quarter == 0) {                                  /* short: no lanes */                  \
            for (int64_t i = 1; i < n; i++) best = BETTER(x[i], best, is_min) ? x[i] : best;        \
            return best;                                                                            \
        }                                                                                           \
        for (int s = 0; s < STREAMS; s++)                                                           \
            for (int j = 0; j < L; j++) lanes[s][j] = x[0];                                         \
        if (is_min) {                                                                               \
            for (int64_t i = 0; i < quarter; i += L)                                                \
                for (int s = 0; s < STREAMS; s++)                                                   \
                    for (int j = 0; j < L; j++) {                                                   \
                        T v = x[s * quarter + i + j];                                               \
                        lanes[s][j] = BETTER(v, lanes[s][j], 1) ? v : lanes[s][j];                  \
                    }                                                                               \
        } else {                                                                                    \
            for (int64_t i = 0; i < quarter; i += L)                                                \
                for (int s = 0; s < STREAMS; s++)                                                   \
                    for (int j = 0; j < L; j++) {                                                   \
                        T v = x[s * quarter + i + j];                                               \
                        lanes[s][j] = BETTER(v, lanes[s][j], 0) ? v : lanes[s][j];                  \
                    }                                                                               \
        }                                                                                           \
        for (int s = 0; s < STREAMS; s++)                                                           \
            for (int j = 0; j < L; j++) best = BETTER(lanes[s][j], best, is_min) ? lanes[s][j] : best; \
        for (int64_t i = STREAMS * quarter; i < n; i++) best = BETTER(x[i], best, is_min) ? x[i] : best; \
        return best;                                                                                \
    }                                                                                               \
    /* The first i with x[i] equal to best (or NaN when best is). */                               \
    static int64_t find_##NAME(const T *x, int64_t n, T best)                                       \
    {                                                                                               \
        int64_t i = 0;                                                                              \
        if (best != best) {                                                                         \
            while (x[i] == x[i]) i++;                                                               \
            return i;                                                                               \
        }                                                                                           \
        for (; i + 8 <= n; i += 8) {                                                                \
            int hit = 0;                                                                            \
            for (int j = 0; j < 8; j++) hit |= x[i + j] == best;                                    \
            if (hit) break;                                                                         \
        }                                                                                           \
        while (x[i] != best) i++;                                                                   \
        return i;                                                                                   \
    }                                                                                               \
    static int64_t maxmin_line_##NAME(const char *src, int64_t step, int64_t n, int is_min, int want_index, \
                                      void *value)                                                  \
    {                                                                                               \
        int64_t index = 0;                                                                          \
        T best;                                                                                     \
        if (step == sizeof(T)) {                                                                    \
            const T *x = (const T *)src;                                                            \
            if (!want_index) {                                                                      \
                best = maxmin_contig_##NAME(x, n, is_min);                                          \
            } else {                    /* the best of each piece; then search only the first best piece */ \
                int64_t piece = 0;                                                                  \
                best = x[0];                                                                        \
                for (int64_t start = 0; start < n; start += CHUNK) {                                \
                    T m = maxmin_contig_##NAME(x + start, n - start < CHUNK ? n - start : CHUNK, is_min); \
                    if (BETTER(m, best, is_min) && best == best) best = m, piece = start;           \
                }                                                                                   \
                index = piece + find_##NAME(x + piece, n - piece, best);                            \
            }                                                                                       \
        } else {                                                                                    \
            best = *(const T *)src;                                                                 \
            for (int64_t i = 1; i < n && best == best; i++) {                                       \
                T v = *(const T *)(src + i * step);                                                 \
                if ((is_min ? v < best : v > best) || v != v) best = v, index = i;                  \
            }                                                                                       \
        }                                                                                           \
        memcpy(value, &best, sizeof best);                                                          \
        return index;                                                                               \
    }                                                                                               \
    CLONES static void maxmin_cols_##NAME(char *out, int64_t out_stride, char *index, int64_t index_stride, \
                                   const char *src, int64_t step, int64_t rows, int64_t ncols, int is_min, \
                                   int64_t base)                                                    \
    {                                                                                               \
        T best[COLS];                                                                               \
        int64_t where[COLS] = {0};                                                                  \
        memcpy(best, src, (size_t)ncols * sizeof(T));                                               \
        for (int64_t r = 1; r < rows; r++) {                                                        \
            const T *row = (const T *)(src + r * step);                                             \
            for (int64_t j = 0; j < ncols; j++) {                                                   \
                T v = row[j];                                                                       \
                int take = (is_min ? v < best[j] : v > best[j]) || (v != v && best[j] == best[j]);  \
                best[j] = take ? v : best[j];                                                       \
                where[j] = take ? r : where[j];                                                     \
            }                                                                                       \
        }                                                                                           \
        for (int64_t j = 0; j < ncols; j++) {                                                       \
            *(T *)(out + j * out_stride) = best[j];                                                 \
            if (index) *(int64_t *)(index + j * index_stride) = where[j] + base;                    \
        }                                                                                           \
    }

#define CONVERT_KERNELS(DTYPE, T, NAME, LANE, ACC, FIELD)                                           \
    static void load_##NAME(double *dst, const char *src, int64_t stride, int64_t n)                \
    {                                                                                               \
        if (stride == sizeof(T))                                                                    \
            for (int64_t i = 0; i < n; i++) dst[i] = (double)((const T *)src)[i];                   \
        else                                                                                        \
            for (int64_t i = 0; i < n; i++) dst[i] = (double)*(const T *)(src + i * stride);        \
    }                                                                                               \
    static void store_double_##NAME(char *dst, int64_t stride, const double *src, int64_t n)        \
    {                                                                                               \
        for (int64_t i = 0; i < n; i++) *(T *)(dst + i * stride) = (T)src[i];                       \
    }

REDUCE_TYPES(LINE_KERNELS)
REDUCE_TYPES(COLUMN_KERNELS)
REDUCE_TYPES(MAXMIN_KERNELS)
REDUCE_TYPES(CONVERT_KERNELS)

#define KERNEL_ENTRY(DTYPE, T, NAME, LANE, ACC, FIELD)                                               \
    [DTYPE] = {sum_line_##NAME, prod_line_##NAME, sumsq_line_##NAME, sum_cols_##NAME, prod_cols_##NAME,   \
               maxmin_line_##NAME,                                                                    \
               maxmin_cols_##NAME, scan_line_##NAME, scan_cols_##NAME, store_##NAME, load_##NAME,     \
               store_double_##NAME},
static const type_kernels kernels[WK_F64 + 1] = {REDUCE_TYPES(KERNEL_ENTRY)};

/* ------------------------------------------------------------------------------------------- */
/* Folds in double                                                                              */

/* Adds EXPR over x[0..n) (v naming each element) into `state`, in 8 lanes so it vectorises. */
#define LANE_SUM(EXPR)                                                                              \
    do {                                                                                            \
        double lanes_[8] = {0};                                                                     \
        int64_t i_ = 0;                                                                             \
        for (; i_ + 8 <= n; i_ += 8)                                                                \
            for (int j_ = 0; j_ < 8; j_++) {                                                        \
                double v = x[i_ + j_];                                                              \
                lanes_[j_] += (EXPR);                                                               \
            }                                                                                       \
        for (; i_ < n; i_++) {                                                                      \
            double v = x[i_];                                                                       \
            lanes_[0] += (EXPR);                                                                    \
        }                                                                                           \
        state += ((lanes_[0] + lanes_[1]) + (lanes_[2] + lanes_[3])) +                              \
                 ((lanes_[4] + lanes_[5]) + (lanes_[6] + lanes_[7]));                               \
    } while (0)

/* One state folded over x[0..n). */
static double fold_values(int kind, double param, double shift, const double *x, int64_t n, double state)
{
    switch (kind) {
    case D_SUM: LANE_SUM(v); break;
    case D_ABS_SUM: LANE_SUM(fabs(v)); break;
    case D_SQUARE_SUM: LANE_SUM(v * v); break;
    case D_POW_SUM: LANE_SUM(pow(fabs(v), param)); break;
    case D_NONZERO: LANE_SUM(v != 0 ? 1.0 : 0.0); break;
    case D_DEV_SQUARE: LANE_SUM((v - shift) * (v - shift)); break;
    case D_EXP_SHIFTED: LANE_SUM(exp(v - shift)); break;
    case D_MAX: for (int64_t i = 0; i < n; i++) state = nan_max(state, x[i]); break;
    case D_ABS_MAX: for (int64_t i = 0; i < n; i++) state = nan_max(state, fabs(x[i])); break;
    case D_ABS_MIN: for (int64_t i = 0; i < n; i++) state = nan_min(state, fabs(x[i])); break;
    case D_ALL: for (int64_t i = 0; i < n; i++) state = x[i] == 0 ? 0 : state; break;
    case D_ANY: for (int64_t i = 0; i < n; i++) state = x[i] != 0 ? 1 : state; break;
    }
    return state;
}

/* n states, each folded with its own x[j] (the columns layout). */
static void fold_columns(int kind, double param, const double *shift, const double *x, int64_t n, double *state)
{
    switch (kind) {
    case D_SUM: for (int64_t j = 0; j < n; j++) state[j] += x[j]; break;
    case D_ABS_SUM: for (int64_t j = 0; j < n; j++) state[j] += fabs(x[j]); break;
    case D_SQUARE_SUM: for (int64_t j = 0; j < n; j++) state[j] += x[j] * x[j]; break;
    case D_POW_SUM: for (int64_t j = 0; j < n; j++) state[j] += pow(fabs(x[j]), param); break;
    case D_NONZERO: for (int64_t j = 0; j < n; j++) state[j] += x[j] != 0; break;
    case D_DEV_SQUARE: for (int64_t j = 0; j < n; j++) state[j] += (x[j] - shift[j]) * (x[j] - shift[j]); break;
    case D_EXP_SHIFTED: for (int64_t j = 0; j < n; j++) state[j] += exp(x[j] - shift[j]); break;
    case D_MAX: for (int64_t j = 0; j < n; j++) state[j] = nan_max(state[j], x[j]); break;
    case D_ABS_MAX: for (int64_t j = 0; j < n; j++) state[j] = nan_max(state[j], fabs(x[j])); break;
    case D_ABS_MIN: for (int64_t j = 0; j < n; j++) state[j] = nan_min(state[j], fabs(x[j])); break;
    case D_ALL: for (int64_t j = 0; j < n; j++) state[j] = x[j] == 0 ? 0 : state[j]; break;
    case D_ANY: for (int64_t j = 0; j < n; j++) state[j] = x[j] != 0 ? 1 : state[j]; break;
    }
}

/* Two partial results of `kind` made one (a first). */
static accum combine(int kind, accum a, accum b)
{
    switch (kind) {
    case K_PROD: return (accum){a.f * b.f, a.i * b.i};
    case K_MAX: case D_MAX: case D_ABS_MAX: case D_ANY: return (accum){nan_max(a.f, b.f), 0};
    case K_MIN: case D_ABS_MIN: case D_ALL: return (accum){nan_min(a.f, b.f), 0};
    default: return (accum){a.f + b.f, a.i + b.i};
    }
}

/* Folds n elements at src (stride bytes apart) into state. */
static accum fold_span(const type_kernels *k, int kind, double param, double shift, const char *src, int64_t stride,
                       int64_t n, accum state)
{
    switch (kind) {
    case K_SUM: return combine(kind, state, k->sum_line(src, stride, n));
    case K_PROD: return combine(kind, state, k->prod_line(src, stride, n));
    case D_SQUARE_SUM: return (accum){state.f + k->sumsq_line(src, stride, n), 0};
    case K_MAX: case K_MIN: {
        char value[8];
        double v;
        k->maxmin_line(src, stride, n, kind == K_MIN, 0, value);
        k->load(&v, value, 0, 1);
        return combine(kind, state, (accum){v, 0});
    }
    default: {
        double buf[CHUNK];
        for (int64_t start = 0; start < n; start += CHUNK) {
            int64_t m = n - start < CHUNK ? n - start : CHUNK;
            k->load(buf, src + start * stride, stride, m);
            state.f = fold_values(kind, param, shift, buf, m, state.f);
        }
        return state;
    }
    }
}

/* ------------------------------------------------------------------------------------------- */
/* Plans: which folds an op runs, and how their states become the result                       */

typedef struct {
    int32_t first;     /* D_NONE, or the pass whose result is the shift of the second: D_SUM (mean), D_MAX */
    int32_t second;    /* the pass whose state finish() turns into the result */
    double param;      /* D_POW_SUM's exponent */
} fold_plan;

static fold_plan plan_of(int32_t op, double p)
{
    switch (op) {
    case WK_RNORM:
        if (p == 0) return (fold_plan){D_NONE, D_NONZERO, 0};
        if (p == 1) return (fold_plan){D_NONE, D_ABS_SUM, 0};
        if (p == 2) return (fold_plan){D_NONE, D_SQUARE_SUM, 0};
        if (p == INFINITY) return (fold_plan){D_NONE, D_ABS_MAX, 0};
        if (p == -INFINITY) return (fold_plan){D_NONE, D_ABS_MIN, 0};
        return (fold_plan){D_NONE, D_POW_SUM, p};
    case WK_RVAR: case WK_RSTD: return (fold_plan){D_SUM, D_DEV_SQUARE, 0};
    case WK_RLOGSUMEXP: return (fold_plan){D_MAX, D_EXP_SHIFTED, 0};
    case WK_RALL: return (fold_plan){D_NONE, D_ALL, 0};
    case WK_RANY: return (fold_plan){D_NONE, D_ANY, 0};
    case WK_RPROD: return (fold_plan){D_NONE, K_PROD, 0};
    default: return (fold_plan){D_NONE, D_SUM, 0};
    }
}

/* The first pass's state as the second pass's shift. */
static double shift_of(int32_t first, double state, int64_t n)
{
    return first == D_SUM ? state / (double)n : state;
}

/* The second pass's state as the op's result; p is the norm's order or var/std's biased flag. */
static double finish(int32_t op, double p, int64_t n, double shift, double state)
{
    switch (op) {
    case WK_RNORM:
        if (p == 2) return sqrt(state);
        if (p == 0 || p == 1 || isinf(p)) return state;
        return pow(state, 1.0 / p);
    case WK_RVAR: return state / (double)(p != 0 ? n : n - 1);
    case WK_RSTD: return sqrt(state / (double)(p != 0 ? n : n - 1));
    case WK_RLOGSUMEXP: return isfinite(shift) ? shift + log(state) : shift;
    default: return state;
    }
}

/* The result over no element. */
static double empty_result(int32_t op)
{
    switch (op) {
    case WK_RPROD: case WK_RALL: return 1;
    case WK_RMEAN: case WK_RVAR: case WK_RSTD: return NAN;
    case WK_RLOGSUMEXP: return -INFINITY;
    default: return 0;
    }
}

/* ------------------------------------------------------------------------------------------- */
/* Whole-tensor reductions                                                                      */

typedef struct {
    const type_kernels *k;
    int32_t kind;
    double param, shift;
    accum state;
} fold_context;

static void fold_run(char **data, const int64_t *strides, int64_t n, void *context)
{
    fold_context *c = context;
    c->state = fold_span(c->k, c->kind, c->param, c->shift, data[0], strides[0], n, c->state);
}

/* Block b of the elements (block elements from b * block) into *partial. */
static void fold_block(const wk_iter *it, wk_loop_fn run, const fold_context *proto, int64_t block, int64_t b,
                       accum *partial)
{
    fold_context c = *proto;
    int64_t end = (b + 1) * block < it->numel ? (b + 1) * block : it->numel;
    wk_iter_run(it, b * block, end, run, &c);
    *partial = c.state;
}

/* Folds every element of the iterator's operand 0 (one operand, or several when `run` reads
 * more), block by block (see the top of the file), and combines the blocks in order. */
static accum fold_whole(const wk_iter *it, wk_loop_fn run, const fold_context *proto)
{
    int64_t numel = it->numel;
    int64_t block = (numel + MAX_BLOCKS - 1) / MAX_BLOCKS;
    if (block < MIN_BLOCK) block = MIN_BLOCK;
    block = (block + 63) / 64 * 64;
    int64_t blocks = (numel + block - 1) / block;
    accum partials[MAX_BLOCKS];
    int threads = wk_get_num_threads();
    if (blocks < 2 || omp_in_parallel()) threads = 1;
    if (threads > blocks) threads = (int)blocks;

    if (threads == 1) {
        for (int64_t b = 0; b < blocks; b++) fold_block(it, run, proto, block, b, &partials[b]);
    } else {
        #pragma omp parallel for num_threads(threads) schedule(static)
        for (int64_t b = 0; b < blocks; b++) fold_block(it, run, proto, block, b, &partials[b]);
    }
    accum total = proto->state;
    for (int64_t b = 0; b < blocks; b++) total = combine(proto->kind, total, partials[b]);
    return total;
}

static double fold_tensor(const wk_iter *it, const type_kernels *k, int32_t kind, double param, double shift)
{
    double identity = identity_of(kind);
    fold_context c = {k, kind, param, shift, {identity, kind == K_PROD ? 1 : 0}};
    accum a = fold_whole(it, fold_run, &c);
    return a.f;
}

/* The sum (or product, for WK_RPROD) of every element, in the type's accumulator. */
static accum fold_sum_or_prod(const wk_iter *it, const type_kernels *k, int32_t op)
{
    int32_t kind = op == WK_RPROD ? K_PROD : K_SUM;
    fold_context c = {k, kind, 0, 0, op == WK_RPROD ? (accum){1, 1} : (accum){0, 0}};
    return fold_whole(it, fold_run, &c);
}

/* Common argument checks; `dtype_ok` says whether the op takes a's dtype. */
static int check_input(const wk_tensor *a, int32_t op, const char *what)
{
    if (op < 0 || op >= WK_REDUCE_COUNT) return wk_error(WK_EINVAL, "%s: unknown reduction %d", what, op);
    const char *name = op_names[op];
    if (a->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "%s: %s needs the CUDA back end", name, WK_DESC(a));
    if (a->dtype > WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: not implemented for %s (convert it to float first)", name, WK_DESC(a));
    bool float_only = op == WK_RNORM || op == WK_RVAR || op == WK_RSTD || op == WK_RLOGSUMEXP;
    if (float_only && !wk_dtype_get(a->dtype)->is_float)
        return wk_error(WK_EUNSUPPORTED, "%s: needs a float or double tensor, got %s", name, WK_DESC(a));
    return WK_OK;
}

int wk_reduce_all(double *result, const wk_tensor *a, int32_t op, double p)
{
    if (check_input(a, op, "reduce") != WK_OK) return wk_last_status();
    const char *name = op_names[op];
    int64_t n = wk_tensor_numel(a);
    if (n == 0) {
        if (op == WK_RMAX || op == WK_RMIN)
            return wk_error(WK_EINVAL, "%s: %s has no element", name, WK_DESC(a));
        *result = empty_result(op);
        return WK_OK;
    }
    wk_iter it;
    const wk_tensor *operands[1] = {a};
    if (wk_iter_init(&it, 1, operands, name) != WK_OK) return wk_last_status();
    const type_kernels *k = &kernels[a->dtype];
    bool is_float = wk_dtype_get(a->dtype)->is_float;

    if (op == WK_RSUM || op == WK_RMEAN || op == WK_RPROD) {
        accum s = fold_sum_or_prod(&it, k, op);
        double v = is_float ? s.f : (double)(int64_t)s.i;
        *result = op == WK_RMEAN ? v / (double)n : v;
        return WK_OK;
    }
    if (op == WK_RMAX || op == WK_RMIN) {
        *result = fold_tensor(&it, k, op == WK_RMAX ? K_MAX : K_MIN, 0, 0);
        return WK_OK;
    }
    fold_plan plan = plan_of(op, p);
    double shift = 0;
    if (plan.first == D_SUM) shift = fold_tensor(&it, k, K_SUM, 0, 0) / (double)n;
    if (plan.first == D_MAX) shift = fold_tensor(&it, k, K_MAX, 0, 0);
    if (op == WK_RLOGSUMEXP && !isfinite(shift)) {     /* all -inf, or a +inf or NaN among them */
        *result = shift;
        return WK_OK;
    }
    double state = fold_tensor(&it, k, plan.second, plan.param, shift);
    *result = finish(op, p, n, shift, state);
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* Along a dimension                                                                            */

/* Resizes t to (ndim, sizes) unless it has that shape already (then its strides stay). */
static int fit(wk_tensor *t, int32_t ndim, const int64_t *sizes)
{
    if (t->storage && t->ndim == ndim && memcmp(t->sizes, sizes, (size_t)ndim * sizeof *sizes) == 0) return WK_OK;
    return wk_tensor_resize(t, ndim, sizes);
}

/* Whether writing t could change what is read from a. */
static bool overlaps(const wk_tensor *t, const wk_tensor *a)
{
    return t && t->storage && t->storage == a->storage;
}

/* Views for the iterator, in headers on the caller's stack (no reference taken: t outlives
 * them). line_view: t with dimension `dim` cut to its first element, one element per line,
 * whose strides the iterator walks while the kernels step along `dim` themselves. Both views
 * make a 0-d tensor 1-d of size 1, so a scalar lines up with the lines of a scalar. */
static void view_1d(wk_tensor *view, const wk_tensor *t)
{
    *view = *t;
    if (view->ndim == 0) view->ndim = 1, view->sizes[0] = 1, view->strides[0] = 1;
}

static void line_view(wk_tensor *view, const wk_tensor *t, int32_t dim)
{
    view_1d(view, t);
    view->sizes[dim] = 1;
}

/* Checks dim against a (0-d tensors take dim 0) and fills sizes with a's shape, dim set to `size`. */
static int dim_shape(const wk_tensor *a, int32_t dim, int64_t size, int64_t *sizes, int32_t *ndim, const char *name)
{
    int32_t nd = a->ndim == 0 ? 1 : a->ndim;
    if (dim < 0 || dim >= nd || (a->ndim == 0 && !a->storage))
        return wk_error(WK_ERANGE, "%s: dimension %d out of range for %s", name, dim + 1, WK_DESC(a));
    if (a->ndim == 0) sizes[0] = 1;
    else memcpy(sizes, a->sizes, (size_t)a->ndim * sizeof *sizes);
    sizes[dim] = size;
    *ndim = a->ndim;                                   /* a scalar in, a scalar out */
    return WK_OK;
}

typedef struct {
    const type_kernels *k;
    int32_t op, is_min;
    fold_plan plan;
    double p;
    int64_t length, step, element, base;
    int32_t have_indices;
} dim_context;

/* One output element from one line of `length` elements, `step` bytes apart. */
static void reduce_line(const dim_context *c, char *out, char *index, const char *src)
{
    const type_kernels *k = c->k;
    switch (c->op) {
    case WK_RSUM: k->store(out, k->sum_line(src, c->step, c->length), 1); return;
    case WK_RMEAN: k->store(out, k->sum_line(src, c->step, c->length), c->length); return;
    case WK_RPROD: k->store(out, k->prod_line(src, c->step, c->length), 1); return;
    case WK_RMAX: case WK_RMIN: {
        int64_t i = k->maxmin_line(src, c->step, c->length, c->is_min, index != NULL, out);
        if (index) *(int64_t *)index = i + c->base;
        return;
    }
    }
    double shift = 0;
    if (c->plan.first != D_NONE) {
        accum s = {identity_of(c->plan.first), 0};
        s = fold_span(k, c->plan.first, 0, 0, src, c->step, c->length, s);
        shift = shift_of(c->plan.first, s.f, c->length);
    }
    accum s = {identity_of(c->plan.second), 0};
    if (c->op != WK_RLOGSUMEXP || isfinite(shift))
        s = fold_span(k, c->plan.second, c->plan.param, shift, src, c->step, c->length, s);
    double v = finish(c->op, c->p, c->length, shift, s.f);
    k->store_double(out, 0, &v, 1);
}

/* ncols outputs from `length` rows of ncols contiguous elements each. */
static void reduce_columns(const dim_context *c, char *out, int64_t out_stride, char *index, int64_t index_stride,
                           const char *src, int64_t ncols)
{
    const type_kernels *k = c->k;
    switch (c->op) {
    case WK_RSUM: k->sum_cols(out, out_stride, src, c->step, c->length, ncols, 1); return;
    case WK_RMEAN: k->sum_cols(out, out_stride, src, c->step, c->length, ncols, c->length); return;
    case WK_RPROD: k->prod_cols(out, out_stride, src, c->step, c->length, ncols, 1); return;
    case WK_RMAX: case WK_RMIN:
        k->maxmin_cols(out, out_stride, index, index_stride, src, c->step, c->length, ncols, c->is_min, c->base);
        return;
    }
    double shift[COLS], state[COLS], row[COLS];
    for (int64_t j = 0; j < ncols; j++) shift[j] = 0;
    if (c->plan.first != D_NONE) {
        for (int64_t j = 0; j < ncols; j++) state[j] = identity_of(c->plan.first);
        for (int64_t r = 0; r < c->length; r++) {
            k->load(row, src + r * c->step, c->element, ncols);
            fold_columns(c->plan.first, 0, shift, row, ncols, state);
        }
        for (int64_t j = 0; j < ncols; j++) shift[j] = shift_of(c->plan.first, state[j], c->length);
    }
    for (int64_t j = 0; j < ncols; j++) state[j] = identity_of(c->plan.second);
    for (int64_t r = 0; r < c->length; r++) {
        k->load(row, src + r * c->step, c->element, ncols);
        fold_columns(c->plan.second, c->plan.param, shift, row, ncols, state);
    }
    for (int64_t j = 0; j < ncols; j++) {
        double v = finish(c->op, c->p, c->length, shift[j], state[j]);
        k->store_double(out + j * out_stride, 0, &v, 1);
    }
}

/* The iterator's body: operands are (out, [indices,] line starts of a). */
static void reduce_dim_run(char **data, const int64_t *strides, int64_t n, void *context)
{
    const dim_context *c = context;
    int32_t s = c->have_indices ? 2 : 1;
    char *out = data[0], *index = c->have_indices ? data[1] : NULL, *src = data[s];
    int64_t index_stride = c->have_indices ? strides[1] : 0;
    if (strides[s] == c->element && c->step != c->element && n > 1 && c->length > 1) {
        for (int64_t j = 0; j < n; j += COLS) {
            int64_t m = n - j < COLS ? n - j : COLS;
            reduce_columns(c, out + j * strides[0], strides[0], index ? index + j * index_stride : NULL,
                           index_stride, src + j * strides[s], m);
        }
        return;
    }
    for (int64_t i = 0; i < n; i++)
        reduce_line(c, out + i * strides[0], index ? index + i * index_stride : NULL, src + i * strides[s]);
}

/* The one element of out = the reduction of all of a (a whole-tensor reduction, threaded). */
static int reduce_whole_into(wk_tensor *out, const wk_tensor *a, int32_t op, double p)
{
    const type_kernels *k = &kernels[a->dtype];
    if (op == WK_RSUM || op == WK_RMEAN || op == WK_RPROD) {
        wk_iter it;
        const wk_tensor *operands[1] = {a};
        if (wk_iter_init(&it, 1, operands, op_names[op]) != WK_OK) return wk_last_status();
        k->store(wk_tensor_data(out), fold_sum_or_prod(&it, k, op), op == WK_RMEAN ? it.numel : 1);
        return WK_OK;
    }
    double v;
    if (wk_reduce_all(&v, a, op, p) != WK_OK) return wk_last_status();
    k->store_double(wk_tensor_data(out), 0, &v, 1);
    return WK_OK;
}

static int reduce_dim_into(wk_tensor *out, wk_tensor *indices, const wk_tensor *a, int32_t dim, int32_t op,
                           double p, int64_t index_base, int32_t ndim, const int64_t *sizes)
{
    const char *name = op_names[op];
    if (fit(out, ndim, sizes) != WK_OK) return wk_last_status();
    if (indices && fit(indices, ndim, sizes) != WK_OK) return wk_last_status();
    int64_t length = a->ndim == 0 ? 1 : a->sizes[dim];
    if (wk_tensor_numel(out) == 0) return WK_OK;
    if (length == 0) {
        if (op == WK_RMAX || op == WK_RMIN)
            return wk_error(WK_EINVAL, "%s: dimension %d of %s has no element", name, dim + 1, WK_DESC(a));
        return wk_fill(out, empty_result(op));
    }
    if (wk_tensor_numel(out) == 1 && length >= 2 * WK_GRAIN && op != WK_RMAX && op != WK_RMIN)
        return reduce_whole_into(out, a, op, p);        /* one long line: spread it over the threads */
    wk_tensor starts, out_1d, indices_1d;
    line_view(&starts, a, dim);
    view_1d(&out_1d, out);
    if (indices) view_1d(&indices_1d, indices);
    int64_t element = wk_dtype_size(a->dtype);
    dim_context c = {&kernels[a->dtype], op, op == WK_RMIN, plan_of(op, p), p, length,
                     (a->ndim == 0 ? 1 : a->strides[dim]) * element, element, index_base, indices != NULL};
    wk_iter it;
    const wk_tensor *operands[3] = {&out_1d, indices ? &indices_1d : &starts, &starts};
    if (wk_iter_init(&it, indices ? 3 : 2, operands, name) != WK_OK) return wk_last_status();
    int64_t grain = WK_GRAIN / length;
    wk_iter_for(&it, grain < 1 ? 1 : grain, reduce_dim_run, &c);
    return WK_OK;
}

int wk_reduce_dim(wk_tensor *out, wk_tensor *indices, const wk_tensor *a, int32_t dim, int32_t op, double p,
                  int64_t index_base)
{
    if (check_input(a, op, "reduce_dim") != WK_OK) return wk_last_status();
    const char *name = op_names[op];
    if (out->dtype != a->dtype || out->device != WK_CPU)
        return wk_error(WK_EINVAL, "%s: the result %s is not of the input's type (%s)", name, WK_DESC(out), WK_DESC(a));
    if (op != WK_RMAX && op != WK_RMIN) indices = NULL;
    if (indices && (indices->dtype != WK_I64 || indices->device != WK_CPU))
        return wk_error(WK_EINVAL, "%s: the indices must be a torch.LongTensor, got %s", name, WK_DESC(indices));
    int64_t sizes[WK_MAX_DIMS];
    int32_t ndim = 0;
    if (dim_shape(a, dim, 1, sizes, &ndim, name) != WK_OK) return wk_last_status();

    if (!overlaps(out, a) && !overlaps(indices, a))
        return reduce_dim_into(out, indices, a, dim, op, p, index_base, ndim, sizes);

    /* out or indices share a's storage: compute into fresh tensors, then copy. */
    wk_tensor *tmp = wk_tensor_new(a->dtype), *tmp_indices = indices ? wk_tensor_new(WK_I64) : NULL;
    int rc = !tmp || (indices && !tmp_indices)
                 ? wk_last_status()
                 : reduce_dim_into(tmp, tmp_indices, a, dim, op, p, index_base, ndim, sizes);
    if (rc == WK_OK) rc = fit(out, ndim, sizes);
    if (rc == WK_OK) rc = wk_copy(out, tmp);
    if (rc == WK_OK && indices) rc = fit(indices, ndim, sizes);
    if (rc == WK_OK && indices) rc = wk_copy(indices, tmp_indices);
    if (tmp) wk_tensor_free(tmp);
    if (tmp_indices) wk_tensor_free(tmp_indices);
    return rc;
}

/* ------------------------------------------------------------------------------------------- */
/* Cumulative sum and product                                                                   */

typedef struct {
    const type_kernels *k;
    int64_t length, step, out_step, element;
    int prod;
} scan_context;

/* Operands: (line starts of out, line starts of a). */
static void scan_run(char **data, const int64_t *strides, int64_t n, void *context)
{
    const scan_context *c = context;
    if (strides[0] == c->element && strides[1] == c->element && c->step != c->element && n > 1) {
        for (int64_t j = 0; j < n; j += COLS) {
            int64_t m = n - j < COLS ? n - j : COLS;
            c->k->scan_cols(data[0] + j * c->element, c->out_step, data[1] + j * c->element, c->step, c->length, m,
                            c->prod);
        }
        return;
    }
    for (int64_t i = 0; i < n; i++)
        c->k->scan_line(data[0] + i * strides[0], c->out_step, data[1] + i * strides[1], c->step, c->length, c->prod);
}

static int scan(wk_tensor *out, const wk_tensor *a, int32_t dim, int prod, const char *name)
{
    if (a->device != WK_CPU || out->device != WK_CPU)
        return wk_error(WK_EUNSUPPORTED, "%s: %s needs the CUDA back end", name, WK_DESC(a));
    if (a->dtype > WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: not implemented for %s (convert it to float first)", name, WK_DESC(a));
    if (out->dtype != a->dtype)
        return wk_error(WK_EINVAL, "%s: the result %s is not of the input's type (%s)", name, WK_DESC(out), WK_DESC(a));
    int64_t sizes[WK_MAX_DIMS];
    int32_t ndim = 0;
    if (dim_shape(a, dim, a->ndim == 0 ? 1 : a->sizes[dim], sizes, &ndim, name) != WK_OK) return wk_last_status();
    if (out != a && overlaps(out, a) && !wk_tensor_is_set_to(out, a)) {
        wk_tensor *copy = wk_tensor_new_clone(a);
        if (!copy) return wk_last_status();
        int rc = scan(out, copy, dim, prod, name);
        wk_tensor_free(copy);
        return rc;
    }
    if (fit(out, a->ndim, a->sizes) != WK_OK) return wk_last_status();
    if (wk_tensor_numel(a) == 0) return WK_OK;
    wk_tensor out_starts, starts;
    line_view(&out_starts, out, dim);
    line_view(&starts, a, dim);
    int64_t element = wk_dtype_size(a->dtype);
    scan_context c = {&kernels[a->dtype], sizes[dim], (a->ndim ? a->strides[dim] : 1) * element,
                      (out->ndim ? out->strides[dim] : 1) * element, element, prod};
    wk_iter it;
    const wk_tensor *operands[2] = {&out_starts, &starts};
    if (wk_iter_init(&it, 2, operands, name) != WK_OK) return wk_last_status();
    int64_t grain = WK_GRAIN / (c.length ? c.length : 1);
    wk_iter_for(&it, grain < 1 ? 1 : grain, scan_run, &c);
    return WK_OK;
}

int wk_cumsum(wk_tensor *out, const wk_tensor *a, int32_t dim) { return scan(out, a, dim, 0, "cumsum"); }
int wk_cumprod(wk_tensor *out, const wk_tensor *a, int32_t dim) { return scan(out, a, dim, 1, "cumprod"); }

/* ------------------------------------------------------------------------------------------- */
/* dist: the p-norm of a - b                                                                    */

/* Operands: (a, b), both broadcast to one shape; folds a - b. */
static void dist_run(char **data, const int64_t *strides, int64_t n, void *context)
{
    fold_context *c = context;
    double x[CHUNK], y[CHUNK];
    for (int64_t start = 0; start < n; start += CHUNK) {
        int64_t m = n - start < CHUNK ? n - start : CHUNK;
        c->k->load(x, data[0] + start * strides[0], strides[0], m);
        c->k->load(y, data[1] + start * strides[1], strides[1], m);
        for (int64_t i = 0; i < m; i++) x[i] -= y[i];
        c->state.f = fold_values(c->kind, c->param, 0, x, m, c->state.f);
    }
}

int wk_dist(double *result, const wk_tensor *a, const wk_tensor *b, double p)
{
    if (check_input(a, WK_RNORM, "dist") != WK_OK) return wk_last_status();
    if (a->dtype != b->dtype || b->device != WK_CPU)
        return wk_error(WK_EINVAL, "dist: tensors of different types: %s and %s", WK_DESC(a), WK_DESC(b));
    int32_t ndim = 0;
    int64_t sizes[WK_MAX_DIMS];
    wk_tensor *x = wk_tensor_new_alias(a), *y = wk_tensor_new_alias(b);
    int rc = !x || !y ? wk_last_status() : WK_OK;
    if (rc == WK_OK) {
        if (wk_broadcast_shape(a, b, &ndim, sizes, "dist") == WK_OK) {
            rc = wk_tensor_expand(x, ndim, sizes);
            if (rc == WK_OK) rc = wk_tensor_expand(y, ndim, sizes);
        } else if (wk_tensor_numel(a) == wk_tensor_numel(b)) {
            /* As Torch7: same element count, any shapes, paired in row-major order. */
            wk_clear_error();
            wk_tensor_free(y);
            y = wk_tensor_new_contiguous(b);
            rc = y ? wk_tensor_view(y, a->ndim, a->sizes) : wk_last_status();
        } else {
            rc = wk_last_status();
        }
    }
    if (rc == WK_OK) {
        fold_plan plan = plan_of(WK_RNORM, p);
        int64_t n = wk_tensor_numel(x);
        fold_context c = {&kernels[a->dtype], plan.second, plan.param, 0, {identity_of(plan.second), 0}};
        wk_iter it;
        const wk_tensor *operands[2] = {x, y};
        if (n == 0) {
            *result = 0;
        } else if ((rc = wk_iter_init(&it, 2, operands, "dist")) == WK_OK) {
            accum s = fold_whole(&it, dist_run, &c);
            *result = finish(WK_RNORM, p, n, 0, s.f);
        }
    }
    if (x) wk_tensor_free(x);
    if (y) wk_tensor_free(y);
    return rc;
}

/* ------------------------------------------------------------------------------------------- */
/* renorm: every slice a.select(dim, i) whose p-norm exceeds maxnorm is scaled down to it       */

/* Operands: (out, a, factors), factors (double) broadcast along every dim but the renormed one. */
static void scale_run(char **data, const int64_t *strides, int64_t n, void *context)
{
    const type_kernels *k = context;
    double x[CHUNK], f[CHUNK];
    for (int64_t start = 0; start < n; start += CHUNK) {
        int64_t m = n - start < CHUNK ? n - start : CHUNK;
        k->load(x, data[1] + start * strides[1], strides[1], m);
        kernels[WK_F64].load(f, data[2] + start * strides[2], strides[2], m);
        for (int64_t i = 0; i < m; i++) x[i] *= f[i];
        k->store_double(data[0] + start * strides[0], strides[0], x, m);
    }
}

int wk_renorm(wk_tensor *out, const wk_tensor *a, double p, int32_t dim, double maxnorm)
{
    if (check_input(a, WK_RNORM, "renorm") != WK_OK) return wk_last_status();
    if (out->dtype != a->dtype || out->device != WK_CPU)
        return wk_error(WK_EINVAL, "renorm: the result %s is not of the input's type (%s)", WK_DESC(out), WK_DESC(a));
    if (dim < 0 || dim >= a->ndim)
        return wk_error(WK_ERANGE, "renorm: dimension %d out of range for %s", dim + 1, WK_DESC(a));
    if (!(p > 0)) return wk_error(WK_EINVAL, "renorm: the norm's order must be positive, got %g", p);
    if (!(maxnorm >= 0)) return wk_error(WK_EINVAL, "renorm: maxnorm must be non-negative, got %g", maxnorm);
    if (overlaps(out, a) && out != a && !wk_tensor_is_set_to(out, a)) {
        wk_tensor *copy = wk_tensor_new_clone(a);
        if (!copy) return wk_last_status();
        int rc = wk_renorm(out, copy, p, dim, maxnorm);
        wk_tensor_free(copy);
        return rc;
    }
    int64_t length = a->sizes[dim];
    wk_tensor *factors = wk_tensor_new_sized(WK_F64, 1, &length), *slice = wk_tensor_new_alias(a);
    int rc = !factors || !slice ? wk_last_status() : WK_OK;
    /* The norms first (out may be a), then the scaling. */
    for (int64_t i = 0; rc == WK_OK && i < length; i++) {
        double norm;
        rc = wk_tensor_set_to(slice, a);
        if (rc == WK_OK) rc = wk_tensor_select(slice, dim, i);
        if (rc == WK_OK) rc = wk_reduce_all(&norm, slice, WK_RNORM, p);
        if (rc == WK_OK) ((double *)wk_tensor_data(factors))[i] = norm > maxnorm ? maxnorm / (norm + 1e-7) : 1.0;
    }
    if (rc == WK_OK) rc = fit(out, a->ndim, a->sizes);
    if (rc == WK_OK && length > 0) {
        /* factors viewed as 1 x .. x length x .. x 1 */
        int64_t sizes[WK_MAX_DIMS], strides[WK_MAX_DIMS];
        for (int32_t d = 0; d < a->ndim; d++) sizes[d] = 1, strides[d] = 0;
        sizes[dim] = length, strides[dim] = 1;
        rc = wk_tensor_set(factors, factors->storage, 0, a->ndim, sizes, strides);
        wk_iter it;
        const wk_tensor *operands[3] = {out, a, factors};
        if (rc == WK_OK) rc = wk_iter_init(&it, 3, operands, "renorm");
        if (rc == WK_OK) wk_iter_for(&it, WK_GRAIN, scale_run, (void *)&kernels[a->dtype]);
    }
    if (factors) wk_tensor_free(factors);
    if (slice) wk_tensor_free(slice);
    return rc;
}
