/*
 * blas.c — matrix products: addmm, addmv, addr, baddbmm, addbmm and dot.
 *
 * float and double go to OpenBLAS through CBLAS. An operand goes to BLAS as it lies whenever
 * BLAS can read its layout: a matrix whose rows are contiguous (strides[1] == 1) is row-major
 * with lda = strides[0]; one whose columns are contiguous (strides[0] == 1, a transposed view)
 * is column-major with lda = strides[1]. Only a matrix with neither (or an lda below BLAS's
 * minimum) is copied. The output may be strided too: a column-major output is computed in
 * CBLAS's column-major order, so mm(a:t(), b:t()) copies nothing at all.
 *
 * The output is computed in place when BLAS can write its layout and it shares no storage with
 * an operand; otherwise into a temporary that is copied back. `m` may be the output itself.
 * As in BLAS, beta == 0 ignores what `m` holds (NaN included).
 *
 * Integer dtypes use plain C loops, blocked over output columns, with unsigned 64-bit arithmetic
 * so that overflow wraps (as Torch7's integer products do) instead of being undefined.
 *
 * Not here: LAPACK (lapack.c); elementwise operations (elementwise.c).
 */
#include "iter.h"
#include <cblas.h>
#include <limits.h>
#include <omp.h>
#include <string.h>

/* Batched products of at most BATCH_PARALLEL_MNK multiply-adds (m*n*k) each, and at least
 * BATCH_PARALLEL_TOTAL in all, are spread over the batch with OpenMP, OpenBLAS held to one thread
 * meanwhile; other batches run one product after another with OpenBLAS's threads. The two pools
 * never run at once. The total is high on purpose: a parallel region waits for its slowest
 * thread, and on 2 busy cores a thread that loses its core stalls the region for a time slice
 * (measured here: 256 products of 16^3 took 10 ms in parallel, 0.5 ms one after another). */
enum { BATCH_PARALLEL_MNK = 64 * 64 * 64, BATCH_PARALLEL_TOTAL = 1 << 24 };

/* ------------------------------------------------------------------------------------------- */
/* Checks                                                                                       */

static bool is_blas_dtype(int32_t dtype) { return dtype == WK_F32 || dtype == WK_F64; }
static bool is_native_dtype(int32_t dtype) { return dtype >= WK_U8 && dtype <= WK_F64; }

/* Same device (CPU) and dtype for every tensor given (NULLs skipped), and a dtype we compute in. */
static int check_types(const char *op, int count, const wk_tensor *const *tensors)
{
    const wk_tensor *first = NULL;
    for (int i = 0; i < count; i++) {
        const wk_tensor *t = tensors[i];
        if (!t) continue;
        if (t->device != WK_CPU)
            return wk_error(WK_EUNSUPPORTED, "%s: %s is not on the CPU (use the CUDA back end)", op, WK_DESC(t));
        if (!first) {
            first = t;
        } else if (t->dtype != first->dtype) {
            return wk_error(WK_EINVAL, "%s: types differ: %s and %s (convert one with :type())", op, WK_DESC(first),
                            WK_DESC(t));
        }
    }
    if (first && !is_native_dtype(first->dtype))
        return wk_error(WK_EUNSUPPORTED, "%s: not supported for %s (convert to float or double)", op,
                        WK_DESC(first));
    return WK_OK;
}

static int check_ndim(const char *op, const char *name, const wk_tensor *t, int32_t ndim)
{
    if (t->ndim != ndim)
        return wk_error(WK_ESHAPE, "%s: %s must be %d-d, got %s", op, name, ndim, WK_DESC(t));
    return WK_OK;
}

/* m broadcasts to (ndim, sizes)? */
static int check_addend(const char *op, const wk_tensor *m, int32_t ndim, const int64_t *sizes)
{
    bool ok = m->ndim <= ndim && (m->ndim > 0 || m->storage);
    for (int32_t d = 0; ok && d < m->ndim; d++) {
        int64_t s = m->sizes[d], want = sizes[d + ndim - m->ndim];
        ok = s == want || s == 1;
    }
    if (ok) return WK_OK;
    char want_text[WK_MAX_DIMS * 21] = "", *p = want_text;
    for (int32_t d = 0; d < ndim; d++)
        p += snprintf(p, sizeof want_text - (size_t)(p - want_text), d ? "x%lld" : "%lld", (long long)sizes[d]);
    return wk_error(WK_ESHAPE, "%s: the added tensor %s does not match the product's size %s", op, WK_DESC(m),
                    want_text);
}

/* BLAS takes 32-bit sizes and strides. */
static int check_blas_int(const char *op, const wk_tensor *t)
{
    for (int32_t d = 0; d < t->ndim; d++)
        if (t->sizes[d] > INT_MAX)
            return wk_error(WK_EINVAL, "%s: %s is too large for BLAS (a size above 2^31-1)", op, WK_DESC(t));
    return WK_OK;
}

static bool shares_storage(const wk_tensor *a, const wk_tensor *b)
{
    return a && b && a->storage && a->storage == b->storage;
}

static bool has_sizes(const wk_tensor *t, int32_t ndim, const int64_t *sizes)
{
    if (!t->storage || t->ndim != ndim) return false;
    for (int32_t d = 0; d < ndim; d++)
        if (t->sizes[d] != sizes[d]) return false;
    return true;
}

/* out gets the result's shape; left as it is (strides too) when it has it already. */
static int ensure_sizes(wk_tensor *out, int32_t ndim, const int64_t *sizes)
{
    if (has_sizes(out, ndim, sizes)) return WK_OK;
    return wk_tensor_resize(out, ndim, sizes);
}

/* ------------------------------------------------------------------------------------------- */
/* Matrix layouts                                                                               */

/* One matrix as BLAS sees it: rows x cols at `data`, rows contiguous (row_major) or columns
 * contiguous, consecutive rows (or columns) `ld` elements apart. */
typedef struct {
    char *data;
    int64_t ld;
    bool row_major;
} blas_matrix;

/* Can BLAS read (or write) a rows x cols matrix with strides s0, s1 as it lies? A dimension of
 * size 1 has no meaningful stride, so any stride passes there and ld takes its minimum. */
static bool matrix_layout(int64_t rows, int64_t cols, int64_t s0, int64_t s1, blas_matrix *m)
{
    if (cols <= 1 || s1 == 1) {
        int64_t ld = rows <= 1 ? (cols > 1 ? cols : 1) : s0;
        if (ld >= (cols > 1 ? cols : 1) && ld <= INT_MAX) {
            m->ld = ld, m->row_major = true;
            return true;
        }
    }
    if (rows <= 1 || s0 == 1) {
        int64_t ld = cols <= 1 ? (rows > 1 ? rows : 1) : s1;
        if (ld >= (rows > 1 ? rows : 1) && ld <= INT_MAX) {
            m->ld = ld, m->row_major = false;
            return true;
        }
    }
    return false;
}

/* The matrix formed by dims d and d+1 of t (d = 0 for a matrix, 1 for a batch). */
static bool tensor_layout(const wk_tensor *t, int32_t d, blas_matrix *m)
{
    m->data = wk_tensor_data(t);
    return matrix_layout(t->sizes[d], t->sizes[d + 1], t->strides[d], t->strides[d + 1], m);
}

/* An operand for BLAS: t itself when its layout passes, else a contiguous copy in *copy
 * (to be freed by the caller). */
static int operand_layout(const wk_tensor *t, int32_t d, blas_matrix *m, wk_tensor **copy)
{
    *copy = NULL;
    if (tensor_layout(t, d, m)) return WK_OK;
    if (!(*copy = wk_tensor_new_clone(t))) return wk_last_status();
    tensor_layout(*copy, d, m);
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* target = beta * m (m NULL: zero), elementwise through the iterator                          */

#define SCALE_LOOP(DTYPE, C_TYPE, NAME)                                                             \
    static void scale_##NAME(char **data, const int64_t *strides, int64_t n, void *context)         \
    {                                                                                               \
        double beta = *(const double *)context;                                                     \
        if (strides[0] == sizeof(C_TYPE) && strides[1] == sizeof(C_TYPE)) {                         \
            C_TYPE *out = (C_TYPE *)data[0];                                                        \
            const C_TYPE *in = (const C_TYPE *)data[1];                                             \
            SCALE_RUN(C_TYPE, out[i], in[i]);                                                       \
        } else {                                                                                    \
            SCALE_RUN(C_TYPE, *(C_TYPE *)(data[0] + i * strides[0]),                                \
                      *(const C_TYPE *)(data[1] + i * strides[1]));                                 \
        }                                                                                           \
    }
/* Floats multiply in their own type (as BLAS does with beta); integers in wrapping uint64. */
#define SCALE_RUN(C_TYPE, OUT, IN)                                                                  \
    do {                                                                                            \
        if ((C_TYPE)0.5 != 0) {                                                                     \
            C_TYPE b = (C_TYPE)beta;                                                                \
            for (int64_t i = 0; i < n; i++) OUT = b * IN;                                           \
        } else {                                                                                    \
            uint64_t b = scalar_to_u64(beta);                                                       \
            for (int64_t i = 0; i < n; i++) OUT = (C_TYPE)(b * (uint64_t)IN);                       \
        }                                                                                           \
    } while (0)

/* A double scalar as an integer multiplier, wrapping; out of range of int64 gives 0. */
static uint64_t scalar_to_u64(double v)
{
    if (!(v > -9.2e18 && v < 9.2e18)) return 0;
    return (uint64_t)(int64_t)v;
}

WK_NATIVE_TYPES(SCALE_LOOP)

static const wk_loop_fn scale_loops[WK_F64 + 1] = {
    [WK_U8] = scale_u8, [WK_I8] = scale_i8, [WK_I16] = scale_i16, [WK_I32] = scale_i32,
    [WK_I64] = scale_i64, [WK_F32] = scale_f32, [WK_F64] = scale_f64};

static int fill_scaled(wk_tensor *target, double beta, const wk_tensor *m, const char *op)
{
    if (!m || beta == 0) return wk_zero(target);
    if (beta == 1) return wk_tensor_is_set_to(m, target) ? WK_OK : wk_copy(target, m);
    wk_iter it;
    const wk_tensor *operands[2] = {target, m};
    if (wk_iter_init(&it, 2, operands, op) != WK_OK) return wk_last_status();
    wk_iter_for(&it, WK_GRAIN, scale_loops[target->dtype], &beta);
    return WK_OK;
}

/* Prepares target for "target = beta*target + product": returns the beta to hand to the
 * product, having copied m into target where m is another tensor. */
static int load_addend(wk_tensor *target, double beta, const wk_tensor *m, double *product_beta)
{
    *product_beta = 0;
    if (!m || beta == 0) return WK_OK;                 /* BLAS's beta == 0: target's contents ignored */
    *product_beta = beta;
    if (wk_tensor_is_set_to(m, target)) return WK_OK;
    return wk_copy(target, m);
}

/* ------------------------------------------------------------------------------------------- */
/* Where the result is computed                                                                 */

/* The output and where to compute it: out itself, or a contiguous temporary copied to out at the
 * end (finish_result). */
typedef struct {
    wk_tensor *out;
    wk_tensor *target;
    int32_t ndim;
    int64_t sizes[3];
} result_place;

/* Decides where to compute an ndim-d result of `sizes` that reads a, b and m. `layout_dim` is the
 * first of the two matrix dims (0 or 1) for BLAS's layout check, or -1 for no check. */
static int place_result(result_place *r, wk_tensor *out, int32_t ndim, const int64_t *sizes, const wk_tensor *m,
                        const wk_tensor *a, const wk_tensor *b, int32_t layout_dim)
{
    r->out = out, r->target = NULL, r->ndim = ndim;
    memcpy(r->sizes, sizes, (size_t)ndim * sizeof *sizes);

    /* In place when out is the addend itself (already of the right shape) or shares nothing. */
    bool in_place = !shares_storage(out, a) && !shares_storage(out, b);
    if (in_place && shares_storage(out, m))
        in_place = has_sizes(out, ndim, sizes) && wk_tensor_is_set_to(m, out);
    if (in_place) {
        if (ensure_sizes(out, ndim, sizes) != WK_OK) return wk_last_status();
        blas_matrix layout;
        bool fits = layout_dim < 0 || tensor_layout(out, layout_dim, &layout);
        for (int32_t d = 0; fits && d < ndim; d++)      /* no two elements at one address */
            fits = out->sizes[d] <= 1 || out->strides[d] != 0;
        if (fits && ndim == 3 && out->sizes[0] > 1 && out->sizes[1] > 0 && out->sizes[2] > 0) {
            /* batches must not overlap: each spans this many elements from its first */
            int64_t extent = (out->sizes[1] - 1) * out->strides[1] + (out->sizes[2] - 1) * out->strides[2] + 1;
            fits = out->strides[0] >= extent;
        }
        if (fits) {
            r->target = out;
            return WK_OK;
        }
    }
    r->target = wk_tensor_new_sized(out->dtype, ndim, sizes);
    return r->target ? WK_OK : wk_last_status();
}

/* Copies the temporary (if any) into out and frees it. With rc != 0, only frees. */
static int finish_result(result_place *r, int rc)
{
    if (r->target && r->target != r->out) {
        if (rc == WK_OK) rc = ensure_sizes(r->out, r->ndim, r->sizes);
        if (rc == WK_OK) rc = wk_copy(r->out, r->target);
        wk_tensor_free(r->target);
    }
    r->target = NULL;
    return rc;
}

/* ------------------------------------------------------------------------------------------- */
/* Kernels                                                                                      */

/* c (n x p) = alpha * a (n x k) @ b (k x p) + beta * c, through BLAS; all layouts pass. */
static void gemm_blas(int32_t dtype, int64_t n, int64_t p, int64_t k, double alpha, const blas_matrix *a,
                      const blas_matrix *b, double beta, const blas_matrix *c)
{
    CBLAS_ORDER order = c->row_major ? CblasRowMajor : CblasColMajor;
    CBLAS_TRANSPOSE ta = a->row_major == c->row_major ? CblasNoTrans : CblasTrans;
    CBLAS_TRANSPOSE tb = b->row_major == c->row_major ? CblasNoTrans : CblasTrans;
    /* Column-major order computes the same c: CBLAS's M and N stay the rows and columns of c. */
    if (dtype == WK_F32)
        cblas_sgemm(order, ta, tb, (int)n, (int)p, (int)k, (float)alpha, (const float *)a->data, (int)a->ld,
                    (const float *)b->data, (int)b->ld, (float)beta, (float *)c->data, (int)c->ld);
    else
        cblas_dgemm(order, ta, tb, (int)n, (int)p, (int)k, alpha, (const double *)a->data, (int)a->ld,
                    (const double *)b->data, (int)b->ld, beta, (double *)c->data, (int)c->ld);
}

/* The integer kernel, on raw strides: c = alpha*a@b + (use_beta ? beta*c : 0).
 *   a: n x k (strides as0, as1), b: k x p (bs0, bs1), c: n x p (cs0, cs1)
 * Strategy: one output row at a time, in blocks of JB columns accumulated in a small uint64 array,
 * so the inner loop runs along a row of b (contiguous in the common case) and vectorises. */
enum { JB = 256 };
#define INT_GEMM(DTYPE, C_TYPE, NAME)                                                               \
    static void gemm_##NAME(int64_t n, int64_t p, int64_t k, uint64_t alpha, const C_TYPE *a,       \
                            int64_t as0, int64_t as1, const C_TYPE *b, int64_t bs0, int64_t bs1,    \
                            uint64_t beta, bool use_beta, C_TYPE *c, int64_t cs0, int64_t cs1)      \
    {                                                                                               \
        _Pragma("omp parallel for if (n > 1 && n * p * k > 4 * WK_GRAIN) schedule(static)")         \
        for (int64_t i = 0; i < n; i++) {                                                           \
            uint64_t acc[JB];                                                                       \
            for (int64_t j0 = 0; j0 < p; j0 += JB) {                                                \
                int64_t width = p - j0 < JB ? p - j0 : JB;                                          \
                memset(acc, 0, sizeof acc);                                                         \
                for (int64_t l = 0; l < k; l++) {                                                   \
                    uint64_t ail = (uint64_t)a[i * as0 + l * as1];                                  \
                    const C_TYPE *row = b + l * bs0 + j0 * bs1;                                     \
                    if (bs1 == 1)                                                                   \
                        for (int64_t j = 0; j < width; j++) acc[j] += ail * (uint64_t)row[j];       \
                    else                                                                            \
                        for (int64_t j = 0; j < width; j++) acc[j] += ail * (uint64_t)row[j * bs1]; \
                }                                                                                   \
                C_TYPE *out = c + i * cs0 + j0 * cs1;                                               \
                for (int64_t j = 0; j < width; j++) {                                               \
                    uint64_t v = alpha * acc[j];                                                    \
                    if (use_beta) v += beta * (uint64_t)out[j * cs1];                               \
                    out[j * cs1] = (C_TYPE)v;                                                       \
                }                                                                                   \
            }                                                                                       \
        }                                                                                           \
    }
#define INTEGER_TYPES(X) X(WK_U8, uint8_t, u8) X(WK_I8, int8_t, i8) X(WK_I16, int16_t, i16) \
    X(WK_I32, int32_t, i32) X(WK_I64, int64_t, i64)
INTEGER_TYPES(INT_GEMM)

/* A matrix of an integer tensor for the loop kernel: data and strides in elements. */
typedef struct {
    char *data;
    int64_t s0, s1;
} strided_matrix;

static void gemm_integer(int32_t dtype, int64_t n, int64_t p, int64_t k, double alpha, const strided_matrix *a,
                         const strided_matrix *b, double beta, const strided_matrix *c)
{
    uint64_t ua = scalar_to_u64(alpha), ub = scalar_to_u64(beta);
    bool use_beta = beta != 0;
    switch (dtype) {
#define CALL_INT_GEMM(DTYPE, C_TYPE, NAME)                                                          \
    case DTYPE:                                                                                     \
        gemm_##NAME(n, p, k, ua, (const C_TYPE *)a->data, a->s0, a->s1, (const C_TYPE *)b->data, b->s0, \
                    b->s1, ub, use_beta, (C_TYPE *)c->data, c->s0, c->s1);                          \
        break;
        INTEGER_TYPES(CALL_INT_GEMM)
#undef CALL_INT_GEMM
    }
}

/* ------------------------------------------------------------------------------------------- */
/* The shared product: batches of c = alpha * a @ b + beta * c                                  */

/* One batched product over 2-d views. Each of a, b, c is `batches` matrices, batch i at
 * data + i*batch_stride (elements). For float, the layouts are BLAS's; `beta_rest` is the beta
 * for batches after the first (1 for addbmm's sum into one matrix). */
typedef struct {
    int32_t dtype;
    int64_t batches, n, p, k;
    double alpha, beta, beta_rest;
    blas_matrix a, b, c;                               /* float: BLAS layouts */
    strided_matrix ia, ib, ic;                         /* integer: plain strides */
    int64_t a_batch, b_batch, c_batch;                 /* batch strides in elements */
} product;

static void run_one(const product *pr, int64_t i)
{
    int64_t element = wk_dtype_size(pr->dtype);
    double beta = i == 0 ? pr->beta : pr->beta_rest;
    if (is_blas_dtype(pr->dtype)) {
        blas_matrix a = pr->a, b = pr->b, c = pr->c;
        a.data += i * pr->a_batch * element, b.data += i * pr->b_batch * element, c.data += i * pr->c_batch * element;
        gemm_blas(pr->dtype, pr->n, pr->p, pr->k, pr->alpha, &a, &b, beta, &c);
    } else {
        strided_matrix a = pr->ia, b = pr->ib, c = pr->ic;
        a.data += i * pr->a_batch * element, b.data += i * pr->b_batch * element, c.data += i * pr->c_batch * element;
        gemm_integer(pr->dtype, pr->n, pr->p, pr->k, pr->alpha, &a, &b, beta, &c);
    }
}

static void run_product(const product *pr)
{
    double mnk = (double)pr->n * (double)pr->p * (double)pr->k;
    /* Small independent products: one per thread, one-threaded inside (see the enum above). Large
     * ones, or a sum into one matrix (addbmm: c_batch == 0): one after another, BLAS threads. */
    bool independent = pr->c_batch != 0;
    if (independent && pr->batches > 1 && mnk <= BATCH_PARALLEL_MNK && mnk * (double)pr->batches >= BATCH_PARALLEL_TOTAL &&
        wk_get_num_threads() > 1) {
        int blas_threads = openblas_get_num_threads();
        if (blas_threads > 1) openblas_set_num_threads(1);
#pragma omp parallel for schedule(static)
        for (int64_t i = 0; i < pr->batches; i++) run_one(pr, i);
        if (blas_threads > 1) openblas_set_num_threads(blas_threads);
        return;
    }
    for (int64_t i = 0; i < pr->batches; i++) run_one(pr, i);
}

/* Sets up pr's operand views. a, b, c are 2-d (matrix_dim 0) or 3-d batches (matrix_dim 1); a and b
 * may be replaced by contiguous copies (returned in copies[0..1], to be freed). */
static int setup_product(product *pr, int32_t matrix_dim, const wk_tensor *a, const wk_tensor *b, wk_tensor *c,
                         wk_tensor **copies)
{
    copies[0] = copies[1] = NULL;
    pr->a_batch = matrix_dim ? a->strides[0] : 0;
    pr->b_batch = matrix_dim ? b->strides[0] : 0;
    pr->c_batch = matrix_dim && c->ndim == 3 ? c->strides[0] : 0;
    if (is_blas_dtype(pr->dtype)) {
        if (operand_layout(a, matrix_dim, &pr->a, &copies[0]) != WK_OK) return wk_last_status();
        if (operand_layout(b, matrix_dim, &pr->b, &copies[1]) != WK_OK) return wk_last_status();
        if (copies[0] && matrix_dim) pr->a_batch = copies[0]->strides[0];
        if (copies[1] && matrix_dim) pr->b_batch = copies[1]->strides[0];
        tensor_layout(c, c->ndim - 2, &pr->c);        /* place_result checked it */
    } else {
        pr->ia = (strided_matrix){wk_tensor_data(a), a->strides[matrix_dim], a->strides[matrix_dim + 1]};
        pr->ib = (strided_matrix){wk_tensor_data(b), b->strides[matrix_dim], b->strides[matrix_dim + 1]};
        pr->ic = (strided_matrix){wk_tensor_data(c), c->strides[c->ndim - 2], c->strides[c->ndim - 1]};
    }
    return WK_OK;
}

/* out = beta*m + alpha * (a @ b), batched or summed; the entry points below check shapes first.
 *   kind 0: addmm    a (n x k), b (k x p), out (n x p)
 *   kind 1: baddbmm  a (B x n x k), b (B x k x p), out (B x n x p)
 *   kind 2: addbmm   a (B x n x k), b (B x k x p), out (n x p) = sum over the batch */
static int product_into(const char *op, int kind, wk_tensor *out, double beta, const wk_tensor *m, double alpha,
                        const wk_tensor *a, const wk_tensor *b)
{
    int32_t md = kind == 0 ? 0 : 1;                     /* first matrix dim of a and b */
    int64_t batches = kind == 0 ? 1 : a->sizes[0];
    int64_t n = a->sizes[md], k = a->sizes[md + 1], p = b->sizes[md + 1];
    int64_t sizes[3] = {batches, n, p};
    int32_t ndim = kind == 1 ? 3 : 2;
    const int64_t *out_sizes = kind == 1 ? sizes : sizes + 1;
    if (m && check_addend(op, m, ndim, out_sizes) != WK_OK) return wk_last_status();

    result_place place;
    bool blas = is_blas_dtype(a->dtype);
    if (place_result(&place, out, ndim, out_sizes, m, a, b, blas ? ndim - 2 : -1) != WK_OK)
        return wk_last_status();
    wk_tensor *target = place.target;
    int rc = WK_OK;
    if (n == 0 || p == 0) return finish_result(&place, rc);
    if (k == 0 || batches == 0) return finish_result(&place, fill_scaled(target, beta, m, op));

    product pr = {.dtype = a->dtype, .batches = batches, .n = n, .p = p, .k = k, .alpha = alpha, .beta_rest = 1};
    rc = load_addend(target, beta, m, &pr.beta);
    if (kind != 2) pr.beta_rest = pr.beta;
    wk_tensor *copies[2] = {NULL, NULL};
    if (rc == WK_OK) rc = setup_product(&pr, md, a, b, target, copies);
    if (rc == WK_OK) run_product(&pr);
    wk_tensor_free(copies[0]);
    wk_tensor_free(copies[1]);
    return finish_result(&place, rc);
}

/* ------------------------------------------------------------------------------------------- */
/* Entry points                                                                                 */

int wk_addmm(wk_tensor *out, double beta, const wk_tensor *m, double alpha, const wk_tensor *a, const wk_tensor *b)
{
    const char *op = "addmm";
    if (check_types(op, 4, (const wk_tensor *[]){a, b, m, out}) != WK_OK) return wk_last_status();
    if (check_ndim(op, "mat1", a, 2) != WK_OK || check_ndim(op, "mat2", b, 2) != WK_OK) return wk_last_status();
    if (a->sizes[1] != b->sizes[0])
        return wk_error(WK_ESHAPE, "%s: sizes do not match: %s times %s (%lld columns, %lld rows)", op, WK_DESC(a),
                        WK_DESC(b), (long long)a->sizes[1], (long long)b->sizes[0]);
    if (check_blas_int(op, a) != WK_OK || check_blas_int(op, b) != WK_OK) return wk_last_status();
    return product_into(op, 0, out, beta, m, alpha, a, b);
}

static int check_batches(const char *op, const wk_tensor *a, const wk_tensor *b)
{
    if (check_ndim(op, "batch1", a, 3) != WK_OK || check_ndim(op, "batch2", b, 3) != WK_OK) return wk_last_status();
    if (a->sizes[0] != b->sizes[0] || a->sizes[2] != b->sizes[1])
        return wk_error(WK_ESHAPE, "%s: sizes do not match: %s times %s (batches of %lldx%lld and %lldx%lld, %lld and %lld of them)",
                        op, WK_DESC(a), WK_DESC(b), (long long)a->sizes[1], (long long)a->sizes[2],
                        (long long)b->sizes[1], (long long)b->sizes[2], (long long)a->sizes[0], (long long)b->sizes[0]);
    if (check_blas_int(op, a) != WK_OK || check_blas_int(op, b) != WK_OK) return wk_last_status();
    return WK_OK;
}

int wk_baddbmm(wk_tensor *out, double beta, const wk_tensor *m, double alpha, const wk_tensor *a, const wk_tensor *b)
{
    const char *op = "baddbmm";
    if (check_types(op, 4, (const wk_tensor *[]){a, b, m, out}) != WK_OK) return wk_last_status();
    if (check_batches(op, a, b) != WK_OK) return wk_last_status();
    return product_into(op, 1, out, beta, m, alpha, a, b);
}

int wk_addbmm(wk_tensor *out, double beta, const wk_tensor *m, double alpha, const wk_tensor *a, const wk_tensor *b)
{
    const char *op = "addbmm";
    if (check_types(op, 4, (const wk_tensor *[]){a, b, m, out}) != WK_OK) return wk_last_status();
    if (check_batches(op, a, b) != WK_OK) return wk_last_status();
    return product_into(op, 2, out, beta, m, alpha, a, b);
}

/* A vector as BLAS sees it: data and a non-zero increment (a size-1 vector takes 1). */
static bool vector_layout(const wk_tensor *t, char **data, int64_t *inc)
{
    *data = wk_tensor_data(t);
    *inc = t->sizes[0] <= 1 ? 1 : t->strides[0];
    return *inc > 0 && *inc <= INT_MAX;
}

int wk_addmv(wk_tensor *out, double beta, const wk_tensor *v, double alpha, const wk_tensor *mat, const wk_tensor *vec)
{
    const char *op = "addmv";
    if (check_types(op, 4, (const wk_tensor *[]){mat, vec, v, out}) != WK_OK) return wk_last_status();
    if (check_ndim(op, "mat", mat, 2) != WK_OK || check_ndim(op, "vec", vec, 1) != WK_OK) return wk_last_status();
    int64_t n = mat->sizes[0], k = mat->sizes[1];
    if (vec->sizes[0] != k)
        return wk_error(WK_ESHAPE, "%s: sizes do not match: %s times %s (%lld columns, %lld elements)", op,
                        WK_DESC(mat), WK_DESC(vec), (long long)k, (long long)vec->sizes[0]);
    if (check_blas_int(op, mat) != WK_OK) return wk_last_status();
    if (v && check_addend(op, v, 1, &n) != WK_OK) return wk_last_status();

    result_place place;
    if (place_result(&place, out, 1, &n, v, mat, vec, -1) != WK_OK) return wk_last_status();
    wk_tensor *target = place.target;
    char *y;
    int64_t incy;
    if (target == out && n > 0 && !vector_layout(out, &y, &incy)) {   /* an expanded out: compute aside */
        place.target = target = wk_tensor_new_sized(out->dtype, 1, &n);
        if (!target) return wk_last_status();
    }
    if (n == 0) return finish_result(&place, WK_OK);
    if (k == 0) return finish_result(&place, fill_scaled(target, beta, v, op));

    double product_beta;
    int rc = load_addend(target, beta, v, &product_beta);
    if (rc != WK_OK) return finish_result(&place, rc);
    vector_layout(target, &y, &incy);
    if (is_blas_dtype(mat->dtype)) {
        blas_matrix a;
        char *x;
        int64_t incx;
        wk_tensor *mat_copy = NULL, *vec_copy = NULL;
        rc = operand_layout(mat, 0, &a, &mat_copy);
        if (rc == WK_OK && !vector_layout(vec, &x, &incx)) {
            if ((vec_copy = wk_tensor_new_clone(vec))) vector_layout(vec_copy, &x, &incx);
            else rc = wk_last_status();
        }
        if (rc == WK_OK) {
            CBLAS_ORDER order = a.row_major ? CblasRowMajor : CblasColMajor;
            if (mat->dtype == WK_F32)
                cblas_sgemv(order, CblasNoTrans, (int)n, (int)k, (float)alpha, (const float *)a.data, (int)a.ld,
                            (const float *)x, (int)incx, (float)product_beta, (float *)y, (int)incy);
            else
                cblas_dgemv(order, CblasNoTrans, (int)n, (int)k, alpha, (const double *)a.data, (int)a.ld,
                            (const double *)x, (int)incx, product_beta, (double *)y, (int)incy);
        }
        wk_tensor_free(mat_copy);
        wk_tensor_free(vec_copy);
    } else {
        /* The integer kernel with vec as a k x 1 matrix and out as n x 1. */
        strided_matrix ia = {wk_tensor_data(mat), mat->strides[0], mat->strides[1]};
        strided_matrix ib = {wk_tensor_data(vec), vec->strides[0], 1};
        strided_matrix ic = {y, incy, 1};
        gemm_integer(mat->dtype, n, 1, k, alpha, &ia, &ib, product_beta, &ic);
    }
    return finish_result(&place, rc);
}

#define INT_GER(DTYPE, C_TYPE, NAME)                                                                \
    static void ger_##NAME(int64_t n, int64_t p, uint64_t alpha, const C_TYPE *x, int64_t incx,     \
                           const C_TYPE *y, int64_t incy, C_TYPE *c, int64_t cs0, int64_t cs1)      \
    {                                                                                               \
        for (int64_t i = 0; i < n; i++) {                                                           \
            uint64_t xi = alpha * (uint64_t)x[i * incx];                                            \
            C_TYPE *row = c + i * cs0;                                                              \
            for (int64_t j = 0; j < p; j++)                                                         \
                row[j * cs1] = (C_TYPE)((uint64_t)row[j * cs1] + xi * (uint64_t)y[j * incy]);       \
        }                                                                                           \
    }
INTEGER_TYPES(INT_GER)

int wk_addr(wk_tensor *out, double beta, const wk_tensor *m, double alpha, const wk_tensor *x, const wk_tensor *y)
{
    const char *op = "addr";
    if (check_types(op, 4, (const wk_tensor *[]){x, y, m, out}) != WK_OK) return wk_last_status();
    if (check_ndim(op, "vec1", x, 1) != WK_OK || check_ndim(op, "vec2", y, 1) != WK_OK) return wk_last_status();
    if (check_blas_int(op, x) != WK_OK || check_blas_int(op, y) != WK_OK) return wk_last_status();
    int64_t sizes[2] = {x->sizes[0], y->sizes[0]};
    if (m && check_addend(op, m, 2, sizes) != WK_OK) return wk_last_status();

    bool blas = is_blas_dtype(x->dtype);
    result_place place;
    if (place_result(&place, out, 2, sizes, m, x, y, blas ? 0 : -1) != WK_OK) return wk_last_status();
    wk_tensor *target = place.target;
    if (sizes[0] == 0 || sizes[1] == 0) return finish_result(&place, WK_OK);
    int rc = fill_scaled(target, beta, m, op);        /* ger only accumulates: scale first */
    if (rc != WK_OK) return finish_result(&place, rc);

    int64_t n = sizes[0], p = sizes[1];
    if (blas) {
        char *xd, *yd;
        int64_t incx, incy;
        wk_tensor *x_copy = NULL, *y_copy = NULL;
        if (!vector_layout(x, &xd, &incx)) {
            if ((x_copy = wk_tensor_new_clone(x))) vector_layout(x_copy, &xd, &incx);
            else rc = wk_last_status();
        }
        if (rc == WK_OK && !vector_layout(y, &yd, &incy)) {
            if ((y_copy = wk_tensor_new_clone(y))) vector_layout(y_copy, &yd, &incy);
            else rc = wk_last_status();
        }
        if (rc == WK_OK) {
            blas_matrix c;
            tensor_layout(target, 0, &c);
            /* Column-major: the same matrix, with CBLAS's M, N still its rows and columns. */
            CBLAS_ORDER order = c.row_major ? CblasRowMajor : CblasColMajor;
            if (x->dtype == WK_F32)
                cblas_sger(order, (int)n, (int)p, (float)alpha, (const float *)xd, (int)incx, (const float *)yd,
                           (int)incy, (float *)c.data, (int)c.ld);
            else
                cblas_dger(order, (int)n, (int)p, alpha, (const double *)xd, (int)incx, (const double *)yd,
                           (int)incy, (double *)c.data, (int)c.ld);
        }
        wk_tensor_free(x_copy);
        wk_tensor_free(y_copy);
    } else {
        uint64_t ua = scalar_to_u64(alpha);
        switch (x->dtype) {
#define CALL_INT_GER(DTYPE, C_TYPE, NAME)                                                           \
    case DTYPE:                                                                                     \
        ger_##NAME(n, p, ua, wk_tensor_data(x), x->strides[0], wk_tensor_data(y), y->strides[0],    \
                   wk_tensor_data(target), target->strides[0], target->strides[1]);                 \
        break;
            INTEGER_TYPES(CALL_INT_GER)
#undef CALL_INT_GER
        }
    }
    return finish_result(&place, rc);
}

/* ------------------------------------------------------------------------------------------- */
/* dot                                                                                          */

/* Is t's every element at data + i*stride for i in [0, numel), in row-major order? */
static bool flat_stride(const wk_tensor *t, int64_t *stride)
{
    int64_t s = 0;
    int64_t expected = -1;                            /* the stride the next-outer dim must have */
    for (int32_t d = t->ndim - 1; d >= 0; d--) {
        if (t->sizes[d] == 1) continue;
        if (expected < 0) {
            s = t->strides[d];
        } else if (t->strides[d] != expected) {
            return false;
        }
        expected = t->strides[d] * t->sizes[d];
    }
    *stride = expected < 0 ? 1 : s;                    /* one element: any stride will do */
    return *stride > 0;
}

#define INT_DOT(DTYPE, C_TYPE, NAME)                                                                \
    static double dot_##NAME(int64_t n, const C_TYPE *x, int64_t incx, const C_TYPE *y, int64_t incy) \
    {                                                                                               \
        uint64_t acc = 0;                                                                           \
        if (incx == 1 && incy == 1)                                                                 \
            for (int64_t i = 0; i < n; i++) acc += (uint64_t)x[i] * (uint64_t)y[i];                 \
        else                                                                                        \
            for (int64_t i = 0; i < n; i++) acc += (uint64_t)x[i * incx] * (uint64_t)y[i * incy];   \
        return (double)(int64_t)acc;                                                                \
    }
INTEGER_TYPES(INT_DOT)

int wk_dot(double *result, const wk_tensor *a, const wk_tensor *b)
{
    const char *op = "dot";
    *result = 0;
    if (check_types(op, 2, (const wk_tensor *[]){a, b}) != WK_OK) return wk_last_status();
    int64_t n = wk_tensor_numel(a);
    if (n != wk_tensor_numel(b))
        return wk_error(WK_ESHAPE, "%s: sizes do not match: %s and %s (%lld and %lld elements)", op, WK_DESC(a),
                        WK_DESC(b), (long long)n, (long long)wk_tensor_numel(b));
    if (n == 0) return WK_OK;

    /* Each as one strided run, or a contiguous copy. */
    const wk_tensor *operands[2] = {a, b};
    wk_tensor *copies[2] = {NULL, NULL};
    char *data[2];
    int64_t inc[2];
    for (int i = 0; i < 2; i++) {
        if (!flat_stride(operands[i], &inc[i]) || inc[i] > INT_MAX) {
            if (!(copies[i] = wk_tensor_new_clone(operands[i]))) {
                wk_tensor_free(copies[0]);
                return wk_last_status();
            }
            inc[i] = 1;
        }
        data[i] = wk_tensor_data(copies[i] ? copies[i] : operands[i]);
    }

    double sum = 0;
    int64_t element = wk_dtype_size(a->dtype);
    switch (a->dtype) {
    case WK_F32:
    case WK_F64:
        /* BLAS counts in int: long vectors go in pieces. */
        for (int64_t start = 0; start < n; start += 1 << 30) {
            int len = (int)(n - start < (1 << 30) ? n - start : (1 << 30));
            char *x = data[0] + start * inc[0] * element, *y = data[1] + start * inc[1] * element;
            sum += a->dtype == WK_F32 ? cblas_sdot(len, (const float *)x, (int)inc[0], (const float *)y, (int)inc[1])
                                      : cblas_ddot(len, (const double *)x, (int)inc[0], (const double *)y, (int)inc[1]);
        }
        break;
#define CALL_INT_DOT(DTYPE, C_TYPE, NAME)                                                           \
    case DTYPE: sum = dot_##NAME(n, (const C_TYPE *)data[0], inc[0], (const C_TYPE *)data[1], inc[1]); break;
        INTEGER_TYPES(CALL_INT_DOT)
#undef CALL_INT_DOT
    }
    *result = sum;
    wk_tensor_free(copies[0]);
    wk_tensor_free(copies[1]);
    return WK_OK;
}
