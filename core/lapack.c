/*
 * lapack.c — linear algebra through the LAPACK that OpenBLAS ships: solving (gesv, gels, potrs),
 * inverting (inverse, potri), factoring (potrf, qr, svd), eigenvalues (eig, symeig), det, logdet.
 *
 * LAPACK is Fortran: matrices are column-major and every argument is passed by reference. Results
 * follow Torch7: the matrices LAPACK writes are returned column-major (strides 1, rows), which is
 * how LAPACK leaves them, so nothing is transposed on the way out. An output tensor is used as
 * LAPACK's workspace directly when it shares no storage with an input; otherwise the work happens
 * in a temporary that is copied into it (so `torch.inverse(x, x)` works and keeps x's layout).
 *
 * Float and double only. LAPACK counts in 32-bit ints: larger matrices are refused.
 * Not here: matrix products (blas.c).
 */
#include "internal.h"
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------- */
/* The Fortran routines. gfortran passes the length of each character argument as a hidden      */
/* size_t after the others; they are given here so the calls match the callee exactly.          */

void sgesv_(int *n, int *nrhs, float *a, int *lda, int *ipiv, float *b, int *ldb, int *info);
void dgesv_(int *n, int *nrhs, double *a, int *lda, int *ipiv, double *b, int *ldb, int *info);
void sgetrf_(int *m, int *n, float *a, int *lda, int *ipiv, int *info);
void dgetrf_(int *m, int *n, double *a, int *lda, int *ipiv, int *info);
void sgetri_(int *n, float *a, int *lda, int *ipiv, float *work, int *lwork, int *info);
void dgetri_(int *n, double *a, int *lda, int *ipiv, double *work, int *lwork, int *info);
void sgels_(char *trans, int *m, int *n, int *nrhs, float *a, int *lda, float *b, int *ldb, float *work, int *lwork,
            int *info, size_t trans_len);
void dgels_(char *trans, int *m, int *n, int *nrhs, double *a, int *lda, double *b, int *ldb, double *work,
            int *lwork, int *info, size_t trans_len);
void spotrf_(char *uplo, int *n, float *a, int *lda, int *info, size_t uplo_len);
void dpotrf_(char *uplo, int *n, double *a, int *lda, int *info, size_t uplo_len);
void spotri_(char *uplo, int *n, float *a, int *lda, int *info, size_t uplo_len);
void dpotri_(char *uplo, int *n, double *a, int *lda, int *info, size_t uplo_len);
void spotrs_(char *uplo, int *n, int *nrhs, float *a, int *lda, float *b, int *ldb, int *info, size_t uplo_len);
void dpotrs_(char *uplo, int *n, int *nrhs, double *a, int *lda, double *b, int *ldb, int *info, size_t uplo_len);
void sgeqrf_(int *m, int *n, float *a, int *lda, float *tau, float *work, int *lwork, int *info);
void dgeqrf_(int *m, int *n, double *a, int *lda, double *tau, double *work, int *lwork, int *info);
void sorgqr_(int *m, int *n, int *k, float *a, int *lda, float *tau, float *work, int *lwork, int *info);
void dorgqr_(int *m, int *n, int *k, double *a, int *lda, double *tau, double *work, int *lwork, int *info);
void sgesdd_(char *jobz, int *m, int *n, float *a, int *lda, float *s, float *u, int *ldu, float *vt, int *ldvt,
             float *work, int *lwork, int *iwork, int *info, size_t jobz_len);
void dgesdd_(char *jobz, int *m, int *n, double *a, int *lda, double *s, double *u, int *ldu, double *vt, int *ldvt,
             double *work, int *lwork, int *iwork, int *info, size_t jobz_len);
void sgeev_(char *jobvl, char *jobvr, int *n, float *a, int *lda, float *wr, float *wi, float *vl, int *ldvl,
            float *vr, int *ldvr, float *work, int *lwork, int *info, size_t jobvl_len, size_t jobvr_len);
void dgeev_(char *jobvl, char *jobvr, int *n, double *a, int *lda, double *wr, double *wi, double *vl, int *ldvl,
            double *vr, int *ldvr, double *work, int *lwork, int *info, size_t jobvl_len, size_t jobvr_len);
void ssyev_(char *jobz, char *uplo, int *n, float *a, int *lda, float *w, float *work, int *lwork, int *info,
            size_t jobz_len, size_t uplo_len);
void dsyev_(char *jobz, char *uplo, int *n, double *a, int *lda, double *w, double *work, int *lwork, int *info,
            size_t jobz_len, size_t uplo_len);

/* ------------------------------------------------------------------------------------------- */
/* Checks                                                                                       */

/* A float/double CPU matrix within LAPACK's int; square when asked. */
static int check_matrix(const char *op, const char *name, const wk_tensor *a, bool square)
{
    if (a->device != WK_CPU)
        return wk_error(WK_EUNSUPPORTED, "%s: %s is not on the CPU (use the CUDA back end)", op, WK_DESC(a));
    if (a->dtype != WK_F32 && a->dtype != WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: needs a float or double tensor, got %s", op, WK_DESC(a));
    if (a->ndim != 2) return wk_error(WK_ESHAPE, "%s: %s must be a matrix (2-d), got %s", op, name, WK_DESC(a));
    if (square && a->sizes[0] != a->sizes[1])
        return wk_error(WK_ESHAPE, "%s: %s must be square, got %s", op, name, WK_DESC(a));
    if (a->sizes[0] > INT_MAX || a->sizes[1] > INT_MAX)
        return wk_error(WK_EINVAL, "%s: %s is too large for LAPACK (a size above 2^31-1)", op, WK_DESC(a));
    return WK_OK;
}

/* A right-hand side: a matrix with `rows` rows, or a vector of `rows` (taken as rows x 1). */
static int check_rhs(const char *op, const wk_tensor *b, const wk_tensor *a, int64_t rows)
{
    if (b->device != WK_CPU || b->dtype != a->dtype)
        return wk_error(WK_EINVAL, "%s: types differ: %s and %s", op, WK_DESC(b), WK_DESC(a));
    if (b->ndim != 1 && b->ndim != 2)
        return wk_error(WK_ESHAPE, "%s: B must be a matrix or a vector, got %s", op, WK_DESC(b));
    if (b->sizes[0] != rows)
        return wk_error(WK_ESHAPE, "%s: sizes do not match: B is %s and A is %s (%lld rows each expected)", op,
                        WK_DESC(b), WK_DESC(a), (long long)rows);
    if (b->ndim == 2 && b->sizes[1] > INT_MAX)
        return wk_error(WK_EINVAL, "%s: %s is too large for LAPACK (a size above 2^31-1)", op, WK_DESC(b));
    return WK_OK;
}

/* Results have the input's dtype and live on the CPU. */
static int check_result(const char *op, const wk_tensor *out, const wk_tensor *a)
{
    if (out && (out->dtype != a->dtype || out->device != WK_CPU))
        return wk_error(WK_EINVAL, "%s: the result %s does not match the input %s (same type needed)", op,
                        WK_DESC(out), WK_DESC(a));
    return WK_OK;
}

static bool shares_storage(const wk_tensor *a, const wk_tensor *b)
{
    return a && b && a->storage && a->storage == b->storage;
}

static int64_t max1(int64_t v) { return v > 1 ? v : 1; }

/* ------------------------------------------------------------------------------------------- */
/* Work matrices                                                                                */

/* A rows x cols column-major matrix for LAPACK. `transposed` means the tensor is its transpose,
 * cols x rows and row-major (how V comes out of VT). */
typedef struct {
    wk_tensor *out;                  /* where the result goes; NULL for none */
    wk_tensor *work;                 /* what LAPACK writes: out itself, or a temporary */
    int64_t rows, cols;
    bool transposed;
    void *data;
    int ld;
} lapack_matrix;

/* Does t lie as LAPACK can take it (sizes and strides), and with what ld? */
static bool lapack_layout(const wk_tensor *t, int64_t rows, int64_t cols, bool transposed, int *ld)
{
    int32_t rd = transposed ? 1 : 0, cd = 1 - rd;     /* the tensor dims holding rows and cols */
    if (!t->storage || t->ndim != 2 || t->sizes[rd] != rows || t->sizes[cd] != cols) return false;
    if (rows > 1 && t->strides[rd] != 1) return false;
    int64_t lead = cols > 1 ? t->strides[cd] : max1(rows);
    if (lead < max1(rows) || lead > INT_MAX) return false;
    *ld = (int)lead;
    return true;
}

/* Makes t a fresh column-major rows x cols (or, transposed, a row-major cols x rows). */
static int make_layout(wk_tensor *t, int64_t rows, int64_t cols, bool transposed)
{
    int64_t sizes[2] = {cols, rows};
    if (wk_tensor_resize(t, 2, sizes) != WK_OK) return wk_last_status();
    return transposed ? WK_OK : wk_tensor_transpose(t, 0, 1);
}

/* Sets up m: out itself when it shares storage with none of inputs[0..count-1] (or is already
 * exactly `src` in a usable layout), else a temporary. Copies src (if given) into the top rows. */
static int begin_matrix(lapack_matrix *m, wk_tensor *out, int64_t rows, int64_t cols, bool transposed,
                        const wk_tensor *src, const wk_tensor *const *inputs, int32_t count, int32_t dtype)
{
    int ld;
    *m = (lapack_matrix){.out = out, .rows = rows, .cols = cols, .transposed = transposed};
    bool in_place = out != NULL;
    for (int32_t i = 0; in_place && i < count; i++) {
        if (!shares_storage(out, inputs[i])) continue;
        in_place = inputs[i] == src && wk_tensor_is_set_to(out, src) && lapack_layout(out, rows, cols, transposed, &ld);
    }
    if (in_place) {
        m->work = out;
        if (!lapack_layout(out, rows, cols, transposed, &ld) && make_layout(out, rows, cols, transposed) != WK_OK)
            return wk_last_status();
    } else {
        if (!(m->work = wk_tensor_new(dtype))) return wk_last_status();
        if (make_layout(m->work, rows, cols, transposed) != WK_OK) return wk_last_status();
    }
    lapack_layout(m->work, rows, cols, transposed, &m->ld);
    m->data = wk_tensor_data(m->work);
    if (!src || wk_tensor_is_set_to(m->work, src)) return WK_OK;
    if (wk_tensor_numel(src) == rows * cols) return wk_copy(m->work, src);
    /* src fills the first rows (gels: B has m rows in a max(m, n)-row buffer). */
    wk_tensor *top = wk_tensor_new_alias(m->work);
    if (!top) return wk_last_status();
    int rc = wk_zero(m->work);
    if (rc == WK_OK) rc = wk_tensor_narrow(top, 0, 0, src->sizes[0]);
    if (rc == WK_OK) rc = wk_copy(top, src);
    wk_tensor_free(top);
    return rc;
}

/* Hands the result to out (copying from a temporary, and giving out the result's shape in
 * LAPACK's layout when it has another) and frees the temporary. With rc != 0, only frees. */
static int end_matrix(lapack_matrix *m, int rc)
{
    if (m->work && m->work != m->out) {
        if (rc == WK_OK && m->out) {
            int32_t rd = m->transposed ? 1 : 0;
            wk_tensor *o = m->out;
            if (!(o->storage && o->ndim == 2 && o->sizes[rd] == m->rows && o->sizes[1 - rd] == m->cols))
                rc = make_layout(o, m->rows, m->cols, m->transposed);
            if (rc == WK_OK) rc = wk_copy(o, m->work);
        }
        wk_tensor_free(m->work);
    }
    m->work = NULL;
    return rc;
}

/* A vector of n for LAPACK to write: out itself when contiguous and unshared, else a temporary. */
static int begin_vector(lapack_matrix *m, wk_tensor *out, int64_t n, const wk_tensor *const *inputs, int32_t count,
                        int32_t dtype)
{
    *m = (lapack_matrix){.out = out, .rows = n, .cols = 1};
    bool in_place = out != NULL;
    for (int32_t i = 0; in_place && i < count; i++) in_place = !shares_storage(out, inputs[i]);
    if (in_place) {
        if (!(out->storage && out->ndim == 1 && out->sizes[0] == n) && wk_tensor_resize(out, 1, &n) != WK_OK)
            return wk_last_status();
        in_place = n <= 1 || out->strides[0] == 1;
    }
    if (in_place) {
        m->work = out;
    } else if (!(m->work = wk_tensor_new_sized(dtype, 1, &n))) {
        return wk_last_status();
    }
    m->data = wk_tensor_data(m->work);
    m->ld = (int)max1(n);
    return WK_OK;
}

static int end_vector(lapack_matrix *m, int rc)
{
    if (m->work && m->work != m->out) {
        if (rc == WK_OK && m->out) {
            if (!(m->out->storage && m->out->ndim == 1 && m->out->sizes[0] == m->rows))
                rc = wk_tensor_resize(m->out, 1, &m->rows);
            if (rc == WK_OK) rc = wk_copy(m->out, m->work);
        }
        wk_tensor_free(m->work);
    }
    m->work = NULL;
    return rc;
}

/* Scratch memory for LAPACK (work arrays, pivots). */
static void *scratch(int64_t bytes)
{
    return wk_alloc(bytes > 0 ? bytes : 8);
}

static void scratch_free(void *p, int64_t bytes)
{
    if (p) wk_release(p, bytes > 0 ? bytes : 8);
}

/* The optimal lwork that a workspace query (lwork = -1) left in its one-element `work`. A float
 * query can round the size down, so a float answer gets a little slack. */
static int64_t queried_lwork(int32_t dtype, const double *query)
{
    double v = dtype == WK_F32 ? (double)*(const float *)query : *query;
    if (dtype == WK_F32) v = v * (1 + 1e-6) + 1;
    return v < 1 ? 1 : (int64_t)ceil(v);
}

/* The workspace a query (lwork = -1, answer in `query`) asked for, with *lwork set; NULL with the
 * error set when it cannot be had. */
static void *workspace(const char *op, const wk_tensor *a, int64_t size, int *lwork, int64_t *bytes)
{
    *bytes = size * wk_dtype_size(a->dtype);
    if (size > INT_MAX)
        return wk_error_null(WK_EINVAL, "%s: %s is too large for LAPACK (a workspace above 2^31-1 elements)", op,
                             WK_DESC(a));
    *lwork = (int)size;
    return scratch(*bytes);
}

static int lapack_failed(const char *op, const char *routine, int info)
{
    return wk_error(WK_EINVAL, "%s: LAPACK's %s rejected its argument %d (a bug in Wick, please report it)", op,
                    routine, -info);
}

/* Writes zeros below (keep_upper) or above the diagonal of a 2-d tensor of any strides. */
static void clear_triangle(wk_tensor *t, bool keep_upper)
{
    int64_t element = wk_dtype_size(t->dtype);
    char *data = wk_tensor_data(t);
    for (int64_t i = 0; i < t->sizes[0]; i++)
        for (int64_t j = 0; j < t->sizes[1]; j++)
            if (keep_upper ? i > j : i < j) memset(data + (i * t->strides[0] + j * t->strides[1]) * element, 0, (size_t)element);
}

/* Copies the triangle LAPACK filled (upper or lower) onto the other one of a square matrix. */
static void mirror_triangle(wk_tensor *t, bool from_upper)
{
    int64_t element = wk_dtype_size(t->dtype);
    char *data = wk_tensor_data(t);
    for (int64_t i = 0; i < t->sizes[0]; i++)
        for (int64_t j = 0; j < i; j++) {
            char *lower = data + (i * t->strides[0] + j * t->strides[1]) * element;
            char *upper = data + (j * t->strides[0] + i * t->strides[1]) * element;
            if (from_upper) memcpy(lower, upper, (size_t)element);
            else memcpy(upper, lower, (size_t)element);
        }
}

/* ------------------------------------------------------------------------------------------- */
/* Solving                                                                                      */

int wk_gesv(wk_tensor *x, wk_tensor *lu, const wk_tensor *b, const wk_tensor *a)
{
    const char *op = "gesv";
    if (check_matrix(op, "A", a, true) != WK_OK || check_rhs(op, b, a, a->sizes[0]) != WK_OK ||
        check_result(op, x, a) != WK_OK || check_result(op, lu, a) != WK_OK)
        return wk_last_status();
    if (shares_storage(x, lu)) return wk_error(WK_EINVAL, "%s: X and LU must be different tensors", op);
    int n = (int)a->sizes[0], nrhs = b->ndim == 2 ? (int)b->sizes[1] : 1;
    lapack_matrix ma, mb;
    const wk_tensor *inputs[3] = {a, b, x};
    int rc = begin_matrix(&ma, lu, n, n, false, a, inputs, 3, a->dtype);
    const wk_tensor *inputs_b[3] = {a, b, lu};
    if (rc == WK_OK) rc = begin_matrix(&mb, x, n, nrhs, false, b, inputs_b, 3, a->dtype);
    else mb.work = NULL;
    if (rc == WK_OK && n > 0) {
        int info = 0;
        int *ipiv = scratch((int64_t)n * (int64_t)sizeof(int));
        if (!ipiv) {
            rc = wk_last_status();
        } else {
            if (a->dtype == WK_F32) sgesv_(&n, &nrhs, ma.data, &ma.ld, ipiv, mb.data, &mb.ld, &info);
            else dgesv_(&n, &nrhs, ma.data, &ma.ld, ipiv, mb.data, &mb.ld, &info);
            scratch_free(ipiv, (int64_t)n * (int64_t)sizeof(int));
            if (info < 0) rc = lapack_failed(op, "gesv", info);
            if (info > 0)
                rc = wk_error(WK_EINVAL, "%s: the %s A is singular (U(%d,%d) is zero)", op, WK_DESC(a), info, info);
        }
    }
    rc = end_matrix(&mb, rc);
    return end_matrix(&ma, rc);
}

int wk_gels(wk_tensor *x, const wk_tensor *b, const wk_tensor *a)
{
    const char *op = "gels";
    if (check_matrix(op, "A", a, false) != WK_OK || check_rhs(op, b, a, a->sizes[0]) != WK_OK ||
        check_result(op, x, a) != WK_OK)
        return wk_last_status();
    int m = (int)a->sizes[0], n = (int)a->sizes[1], nrhs = b->ndim == 2 ? (int)b->sizes[1] : 1;
    int rows = m > n ? m : n;
    lapack_matrix ma, mb;
    const wk_tensor *inputs[2] = {a, b};
    int rc = begin_matrix(&ma, NULL, m, n, false, a, inputs, 2, a->dtype);   /* A is overwritten: a copy */
    if (rc == WK_OK) rc = begin_matrix(&mb, x, rows, nrhs, false, b, inputs, 2, a->dtype);
    else mb.work = NULL;
    if (rc == WK_OK && m > 0 && n > 0 && nrhs > 0) {
        char trans = 'N';
        int info = 0, lwork = -1;
        double query = 0;
        if (a->dtype == WK_F32)
            sgels_(&trans, &m, &n, &nrhs, ma.data, &ma.ld, mb.data, &mb.ld, (float *)&query, &lwork, &info, 1);
        else
            dgels_(&trans, &m, &n, &nrhs, ma.data, &ma.ld, mb.data, &mb.ld, &query, &lwork, &info, 1);
        int64_t bytes;
        void *work = workspace(op, a, queried_lwork(a->dtype, &query), &lwork, &bytes);
        if (!work) {
            rc = wk_last_status();
        } else {
            if (a->dtype == WK_F32)
                sgels_(&trans, &m, &n, &nrhs, ma.data, &ma.ld, mb.data, &mb.ld, work, &lwork, &info, 1);
            else
                dgels_(&trans, &m, &n, &nrhs, ma.data, &ma.ld, mb.data, &mb.ld, work, &lwork, &info, 1);
            scratch_free(work, bytes);
            if (info < 0) rc = lapack_failed(op, "gels", info);
            if (info > 0)
                rc = wk_error(WK_EINVAL, "%s: A (%s) does not have full rank (diagonal element %d of its triangular factor is zero)",
                              op, WK_DESC(a), info);
        }
    }
    rc = end_matrix(&mb, rc);
    return end_matrix(&ma, rc);
}

int wk_inverse(wk_tensor *out, const wk_tensor *a)
{
    const char *op = "inverse";
    if (check_matrix(op, "the matrix", a, true) != WK_OK || check_result(op, out, a) != WK_OK) return wk_last_status();
    int n = (int)a->sizes[0];
    lapack_matrix ma;
    const wk_tensor *inputs[1] = {a};
    int rc = begin_matrix(&ma, out, n, n, false, a, inputs, 1, a->dtype);
    if (rc == WK_OK && n > 0) {
        int info = 0, lwork = -1;
        int64_t pivot_bytes = (int64_t)n * (int64_t)sizeof(int);
        int *ipiv = scratch(pivot_bytes);
        if (!ipiv) return end_matrix(&ma, wk_last_status());
        if (a->dtype == WK_F32) sgetrf_(&n, &n, ma.data, &ma.ld, ipiv, &info);
        else dgetrf_(&n, &n, ma.data, &ma.ld, ipiv, &info);
        if (info < 0) rc = lapack_failed(op, "getrf", info);
        if (info > 0) rc = wk_error(WK_EINVAL, "%s: the %s is singular (U(%d,%d) is zero)", op, WK_DESC(a), info, info);
        if (rc == WK_OK) {
            double query = 0;
            if (a->dtype == WK_F32) sgetri_(&n, ma.data, &ma.ld, ipiv, (float *)&query, &lwork, &info);
            else dgetri_(&n, ma.data, &ma.ld, ipiv, &query, &lwork, &info);
            int64_t bytes;
            void *work = workspace(op, a, queried_lwork(a->dtype, &query), &lwork, &bytes);
            if (!work) {
                rc = wk_last_status();
            } else {
                if (a->dtype == WK_F32) sgetri_(&n, ma.data, &ma.ld, ipiv, work, &lwork, &info);
                else dgetri_(&n, ma.data, &ma.ld, ipiv, work, &lwork, &info);
                scratch_free(work, bytes);
                if (info < 0) rc = lapack_failed(op, "getri", info);
                if (info > 0)
                    rc = wk_error(WK_EINVAL, "%s: the %s is singular (U(%d,%d) is zero)", op, WK_DESC(a), info, info);
            }
        }
        scratch_free(ipiv, pivot_bytes);
    }
    return end_matrix(&ma, rc);
}

/* ------------------------------------------------------------------------------------------- */
/* Cholesky                                                                                     */

int wk_potrf(wk_tensor *out, const wk_tensor *a, int32_t upper)
{
    const char *op = "potrf";
    if (check_matrix(op, "A", a, true) != WK_OK || check_result(op, out, a) != WK_OK) return wk_last_status();
    int n = (int)a->sizes[0], info = 0;
    char uplo = upper ? 'U' : 'L';
    lapack_matrix ma;
    const wk_tensor *inputs[1] = {a};
    int rc = begin_matrix(&ma, out, n, n, false, a, inputs, 1, a->dtype);
    if (rc == WK_OK && n > 0) {
        if (a->dtype == WK_F32) spotrf_(&uplo, &n, ma.data, &ma.ld, &info, 1);
        else dpotrf_(&uplo, &n, ma.data, &ma.ld, &info, 1);
        if (info < 0) rc = lapack_failed(op, "potrf", info);
        if (info > 0)
            rc = wk_error(WK_EINVAL, "%s: the %s is not positive definite (its leading minor of order %d is not)", op,
                          WK_DESC(a), info);
        if (rc == WK_OK) clear_triangle(ma.work, upper);   /* as Torch7: the other triangle is zero */
    }
    return end_matrix(&ma, rc);
}

int wk_potri(wk_tensor *out, const wk_tensor *chol, int32_t upper)
{
    const char *op = "potri";
    if (check_matrix(op, "the factor", chol, true) != WK_OK || check_result(op, out, chol) != WK_OK)
        return wk_last_status();
    int n = (int)chol->sizes[0], info = 0;
    char uplo = upper ? 'U' : 'L';
    lapack_matrix ma;
    const wk_tensor *inputs[1] = {chol};
    int rc = begin_matrix(&ma, out, n, n, false, chol, inputs, 1, chol->dtype);
    if (rc == WK_OK && n > 0) {
        if (chol->dtype == WK_F32) spotri_(&uplo, &n, ma.data, &ma.ld, &info, 1);
        else dpotri_(&uplo, &n, ma.data, &ma.ld, &info, 1);
        if (info < 0) rc = lapack_failed(op, "potri", info);
        if (info > 0)
            rc = wk_error(WK_EINVAL, "%s: the factor %s is singular (its element (%d,%d) is zero)", op, WK_DESC(chol),
                          info, info);
        if (rc == WK_OK) mirror_triangle(ma.work, upper);  /* LAPACK fills one triangle of the symmetric inverse */
    }
    return end_matrix(&ma, rc);
}

int wk_potrs(wk_tensor *out, const wk_tensor *b, const wk_tensor *chol, int32_t upper)
{
    const char *op = "potrs";
    if (check_matrix(op, "the factor", chol, true) != WK_OK || check_rhs(op, b, chol, chol->sizes[0]) != WK_OK ||
        check_result(op, out, chol) != WK_OK)
        return wk_last_status();
    int n = (int)chol->sizes[0], nrhs = b->ndim == 2 ? (int)b->sizes[1] : 1, info = 0;
    char uplo = upper ? 'U' : 'L';

    /* The factor is only read. Column-major, it goes as it is; row-major, LAPACK sees its transpose,
     * which is a factor of the same matrix with the other triangle (U^T U = L L^T with L = U^T). */
    wk_tensor *copy = NULL;
    const wk_tensor *factor = chol;
    int ld;
    if (!lapack_layout(chol, n, n, false, &ld)) {
        if (!lapack_layout(chol, n, n, true, &ld)) {
            if (!(copy = wk_tensor_new_clone(chol))) return wk_last_status();
            factor = copy;
            lapack_layout(factor, n, n, true, &ld);
        }
        uplo = upper ? 'L' : 'U';
    }
    lapack_matrix mb;
    const wk_tensor *inputs[2] = {b, chol};
    int rc = begin_matrix(&mb, out, n, nrhs, false, b, inputs, 2, chol->dtype);
    if (rc == WK_OK && n > 0) {
        void *f = wk_tensor_data(factor);
        if (chol->dtype == WK_F32) spotrs_(&uplo, &n, &nrhs, f, &ld, mb.data, &mb.ld, &info, 1);
        else dpotrs_(&uplo, &n, &nrhs, f, &ld, mb.data, &mb.ld, &info, 1);
        if (info < 0) rc = lapack_failed(op, "potrs", info);
    }
    wk_tensor_free(copy);
    return end_matrix(&mb, rc);
}

/* ------------------------------------------------------------------------------------------- */
/* QR and SVD                                                                                   */

int wk_qr(wk_tensor *q, wk_tensor *r, const wk_tensor *a)
{
    const char *op = "qr";
    if (check_matrix(op, "the matrix", a, false) != WK_OK || check_result(op, q, a) != WK_OK ||
        check_result(op, r, a) != WK_OK)
        return wk_last_status();
    if (!q || !r) return wk_error(WK_EINVAL, "%s: Q and R are both needed", op);
    if (shares_storage(q, r)) return wk_error(WK_EINVAL, "%s: Q and R must be different tensors", op);
    int m = (int)a->sizes[0], n = (int)a->sizes[1], k = m < n ? m : n;
    int64_t r_sizes[2] = {k, n};

    /* geqrf works on an m x n copy of A, which becomes Q's first k columns: Q itself when n <= m. */
    lapack_matrix mq;
    const wk_tensor *inputs[2] = {a, r};
    int rc = begin_matrix(&mq, n <= m ? q : NULL, m, n, false, a, inputs, 2, a->dtype);
    int64_t element = wk_dtype_size(a->dtype);
    void *tau = NULL, *work = NULL;
    int64_t tau_bytes = (int64_t)k * element, work_bytes = 0;
    if (rc == WK_OK && k > 0) {
        int info = 0, lwork = -1;
        double query[2] = {0, 0};
        if (a->dtype == WK_F32) {
            sgeqrf_(&m, &n, mq.data, &mq.ld, NULL, (float *)&query[0], &lwork, &info);
            sorgqr_(&m, &k, &k, mq.data, &mq.ld, NULL, (float *)&query[1], &lwork, &info);
        } else {
            dgeqrf_(&m, &n, mq.data, &mq.ld, NULL, &query[0], &lwork, &info);
            dorgqr_(&m, &k, &k, mq.data, &mq.ld, NULL, &query[1], &lwork, &info);
        }
        int64_t size = queried_lwork(a->dtype, &query[0]), size2 = queried_lwork(a->dtype, &query[1]);
        if (size2 > size) size = size2;
        tau = scratch(tau_bytes);
        work = tau ? workspace(op, a, size, &lwork, &work_bytes) : NULL;
        if (!work) {
            rc = wk_last_status();
        } else {
            if (a->dtype == WK_F32) sgeqrf_(&m, &n, mq.data, &mq.ld, tau, work, &lwork, &info);
            else dgeqrf_(&m, &n, mq.data, &mq.ld, tau, work, &lwork, &info);
            if (info < 0) rc = lapack_failed(op, "geqrf", info);
        }
    }
    /* R: the upper triangle of the first k rows. */
    if (rc == WK_OK && !(r->storage && r->ndim == 2 && r->sizes[0] == k && r->sizes[1] == n))
        rc = wk_tensor_resize(r, 2, r_sizes);
    if (rc == WK_OK && k > 0) {
        wk_tensor *top = wk_tensor_new_alias(mq.work);
        rc = top ? wk_tensor_narrow(top, 0, 0, k) : wk_last_status();
        if (rc == WK_OK) rc = wk_copy(r, top);
        if (rc == WK_OK) clear_triangle(r, true);
        wk_tensor_free(top);
    }
    if (rc == WK_OK && k > 0) {
        int info = 0, lwork = (int)(work_bytes / element);
        if (a->dtype == WK_F32) sorgqr_(&m, &k, &k, mq.data, &mq.ld, tau, work, &lwork, &info);
        else dorgqr_(&m, &k, &k, mq.data, &mq.ld, tau, work, &lwork, &info);
        if (info < 0) rc = lapack_failed(op, "orgqr", info);
    }
    scratch_free(tau, tau_bytes);
    scratch_free(work, work_bytes);
    if (rc == WK_OK && n > m) {                        /* Q is the first k columns of the work matrix */
        rc = wk_tensor_narrow(mq.work, 1, 0, k);
        mq.out = q, mq.cols = k;
    }
    return end_matrix(&mq, rc);
}

/* out = the identity, rows x cols (zeros elsewhere). */
static int set_identity(wk_tensor *out)
{
    int rc = wk_zero(out);
    int64_t element = wk_dtype_size(out->dtype), n = out->sizes[0] < out->sizes[1] ? out->sizes[0] : out->sizes[1];
    char *data = wk_tensor_data(out);
    for (int64_t i = 0; rc == WK_OK && i < n; i++) {
        char *p = data + i * (out->strides[0] + out->strides[1]) * element;
        if (out->dtype == WK_F32) *(float *)p = 1;
        else *(double *)p = 1;
    }
    return rc;
}

/* One call of gesdd (lwork == -1: the workspace query); returns info. */
static int gesdd(int32_t dtype, char jobz, int m, int n, lapack_matrix *a, lapack_matrix *s, lapack_matrix *u,
                 lapack_matrix *vt, void *work, int lwork, int *iwork)
{
    int info = 0;
    if (dtype == WK_F32)
        sgesdd_(&jobz, &m, &n, a->data, &a->ld, s->data, u->data, &u->ld, vt->data, &vt->ld, work, &lwork, iwork,
                &info, 1);
    else
        dgesdd_(&jobz, &m, &n, a->data, &a->ld, s->data, u->data, &u->ld, vt->data, &vt->ld, work, &lwork, iwork,
                &info, 1);
    return info;
}

static int svd_end(lapack_matrix *a, lapack_matrix *u, lapack_matrix *s, lapack_matrix *v, int rc)
{
    rc = end_matrix(v, rc);
    rc = end_vector(s, rc);
    rc = end_matrix(u, rc);
    return end_matrix(a, rc);
}

int wk_svd(wk_tensor *u, wk_tensor *s, wk_tensor *v, const wk_tensor *a, int32_t some)
{
    const char *op = "svd";
    if (check_matrix(op, "the matrix", a, false) != WK_OK || check_result(op, u, a) != WK_OK ||
        check_result(op, s, a) != WK_OK || check_result(op, v, a) != WK_OK)
        return wk_last_status();
    if (shares_storage(u, s) || shares_storage(u, v) || shares_storage(s, v))
        return wk_error(WK_EINVAL, "%s: U, S and V must be different tensors", op);
    int m = (int)a->sizes[0], n = (int)a->sizes[1], k = m < n ? m : n;
    int ucols = some ? k : m, vtrows = some ? k : n;
    char jobz = some ? 'S' : 'A';

    /* A = U diag(S) VT; V = VT^T, so V is VT's memory read row-major: nothing to transpose. */
    lapack_matrix ma, mu, ms, mv;
    const wk_tensor *inputs[1] = {a};
    mu.work = ms.work = mv.work = NULL;
    int rc = begin_matrix(&ma, NULL, m, n, false, a, inputs, 1, a->dtype);
    if (rc == WK_OK) rc = begin_matrix(&mu, u, m, ucols, false, NULL, inputs, 1, a->dtype);
    if (rc == WK_OK) rc = begin_vector(&ms, s, k, inputs, 1, a->dtype);
    if (rc == WK_OK) rc = begin_matrix(&mv, v, vtrows, n, true, NULL, inputs, 1, a->dtype);
    if (rc == WK_OK && k == 0) {                       /* nothing to factor; 'A' asks for full bases */
        if (m > 0) rc = set_identity(mu.work);
        if (rc == WK_OK && n > 0) rc = set_identity(mv.work);
    } else if (rc == WK_OK) {
        int64_t iwork_bytes = 8 * (int64_t)k * (int64_t)sizeof(int);
        int *iwork = scratch(iwork_bytes);
        double query = 0;
        if (!iwork) return svd_end(&ma, &mu, &ms, &mv, wk_last_status());
        gesdd(a->dtype, jobz, m, n, &ma, &ms, &mu, &mv, &query, -1, iwork);
        int64_t bytes;
        int lwork = 0;
        void *work = workspace(op, a, queried_lwork(a->dtype, &query), &lwork, &bytes);
        if (!work) {
            rc = wk_last_status();
        } else {
            int info = gesdd(a->dtype, jobz, m, n, &ma, &ms, &mu, &mv, work, lwork, iwork);
            scratch_free(work, bytes);
            if (info < 0) rc = lapack_failed(op, "gesdd", info);
            if (info > 0) rc = wk_error(WK_EINVAL, "%s: the algorithm did not converge on %s", op, WK_DESC(a));
        }
        scratch_free(iwork, iwork_bytes);
    }
    return svd_end(&ma, &mu, &ms, &mv, rc);
}

/* ------------------------------------------------------------------------------------------- */
/* Eigenvalues                                                                                  */

int wk_eig(wk_tensor *values, wk_tensor *vectors, const wk_tensor *a, int32_t want_vectors)
{
    const char *op = "eig";
    if (check_matrix(op, "the matrix", a, true) != WK_OK || check_result(op, values, a) != WK_OK ||
        check_result(op, vectors, a) != WK_OK)
        return wk_last_status();
    if (!values) return wk_error(WK_EINVAL, "%s: a tensor for the values is needed", op);
    want_vectors = want_vectors && vectors;
    if (want_vectors && shares_storage(values, vectors))
        return wk_error(WK_EINVAL, "%s: the values and vectors must be different tensors", op);
    int n = (int)a->sizes[0];
    int64_t value_sizes[2] = {n, 2}, element = wk_dtype_size(a->dtype);
    lapack_matrix ma, mv;
    const wk_tensor *inputs[1] = {a};
    mv.work = NULL;
    int rc = begin_matrix(&ma, NULL, n, n, false, a, inputs, 1, a->dtype);
    if (rc == WK_OK && want_vectors) rc = begin_matrix(&mv, vectors, n, n, false, NULL, inputs, 1, a->dtype);
    /* The real and imaginary parts (wr, wi) side by side in one scratch block. */
    int64_t parts_bytes = 2 * (int64_t)n * element;
    char *parts = rc == WK_OK ? scratch(parts_bytes) : NULL;
    if (rc == WK_OK && !parts) rc = wk_last_status();
    if (rc == WK_OK && n > 0) {
        char jobvl = 'N', jobvr = want_vectors ? 'V' : 'N';
        int info = 0, lwork = -1, ld_unused = 1;
        double query = 0, unused[1];
        void *vr = want_vectors ? mv.data : unused;
        int *ldvr = want_vectors ? &mv.ld : &ld_unused;
        char *wr = parts, *wi = parts + n * element;
        if (a->dtype == WK_F32)
            sgeev_(&jobvl, &jobvr, &n, ma.data, &ma.ld, (float *)wr, (float *)wi, (float *)unused, &ld_unused, vr, ldvr,
                   (float *)&query, &lwork, &info, 1, 1);
        else
            dgeev_(&jobvl, &jobvr, &n, ma.data, &ma.ld, (double *)wr, (double *)wi, unused, &ld_unused, vr, ldvr,
                   &query, &lwork, &info, 1, 1);
        int64_t bytes;
        void *work = workspace(op, a, queried_lwork(a->dtype, &query), &lwork, &bytes);
        if (!work) {
            rc = wk_last_status();
        } else {
            if (a->dtype == WK_F32)
                sgeev_(&jobvl, &jobvr, &n, ma.data, &ma.ld, (float *)wr, (float *)wi, (float *)unused, &ld_unused, vr,
                       ldvr, work, &lwork, &info, 1, 1);
            else
                dgeev_(&jobvl, &jobvr, &n, ma.data, &ma.ld, (double *)wr, (double *)wi, unused, &ld_unused, vr, ldvr,
                       work, &lwork, &info, 1, 1);
            scratch_free(work, bytes);
            if (info < 0) rc = lapack_failed(op, "geev", info);
            if (info > 0)
                rc = wk_error(WK_EINVAL, "%s: the QR algorithm did not converge on %s (%d eigenvalues not computed)",
                              op, WK_DESC(a), info);
        }
    }
    /* values: n x 2, (real, imaginary) on each row, as Torch7. */
    if (rc == WK_OK && !(values->storage && values->ndim == 2 && values->sizes[0] == n && values->sizes[1] == 2))
        rc = wk_tensor_resize(values, 2, value_sizes);
    if (rc == WK_OK) {
        char *out = wk_tensor_data(values);
        for (int64_t i = 0; i < n; i++)
            for (int64_t part = 0; part < 2; part++)
                memcpy(out + (i * values->strides[0] + part * values->strides[1]) * element,
                       parts + (part * n + i) * element, (size_t)element);
    }
    scratch_free(parts, parts_bytes);
    if (want_vectors) rc = end_matrix(&mv, rc);
    return end_matrix(&ma, rc);
}

int wk_symeig(wk_tensor *values, wk_tensor *vectors, const wk_tensor *a, int32_t want_vectors, int32_t upper)
{
    const char *op = "symeig";
    if (check_matrix(op, "the matrix", a, true) != WK_OK || check_result(op, values, a) != WK_OK ||
        check_result(op, vectors, a) != WK_OK)
        return wk_last_status();
    want_vectors = want_vectors && vectors;
    if (want_vectors && shares_storage(values, vectors))
        return wk_error(WK_EINVAL, "%s: the values and vectors must be different tensors", op);
    int n = (int)a->sizes[0];
    char jobz = want_vectors ? 'V' : 'N', uplo = upper ? 'U' : 'L';
    lapack_matrix ma, mw;
    const wk_tensor *inputs[1] = {a};
    mw.work = NULL;
    /* syev overwrites A with the eigenvectors: work in `vectors` when they are wanted. */
    int rc = begin_matrix(&ma, want_vectors ? vectors : NULL, n, n, false, a, inputs, 1, a->dtype);
    if (rc == WK_OK) rc = begin_vector(&mw, values, n, inputs, 1, a->dtype);
    if (rc == WK_OK && n > 0) {
        int info = 0, lwork = -1;
        double query = 0;
        if (a->dtype == WK_F32)
            ssyev_(&jobz, &uplo, &n, ma.data, &ma.ld, mw.data, (float *)&query, &lwork, &info, 1, 1);
        else
            dsyev_(&jobz, &uplo, &n, ma.data, &ma.ld, mw.data, &query, &lwork, &info, 1, 1);
        int64_t bytes;
        void *work = workspace(op, a, queried_lwork(a->dtype, &query), &lwork, &bytes);
        if (!work) {
            rc = wk_last_status();
        } else {
            if (a->dtype == WK_F32) ssyev_(&jobz, &uplo, &n, ma.data, &ma.ld, mw.data, work, &lwork, &info, 1, 1);
            else dsyev_(&jobz, &uplo, &n, ma.data, &ma.ld, mw.data, work, &lwork, &info, 1, 1);
            scratch_free(work, bytes);
            if (info < 0) rc = lapack_failed(op, "syev", info);
            if (info > 0) rc = wk_error(WK_EINVAL, "%s: the algorithm did not converge on %s", op, WK_DESC(a));
        }
    }
    rc = end_vector(&mw, rc);
    return end_matrix(&ma, rc);
}

/* ------------------------------------------------------------------------------------------- */
/* Determinants                                                                                 */

/* LU-factors a copy of A; returns log|det| in *log_abs and the sign (+1, -1, or 0 if singular). */
static int lu_determinant(const char *op, const wk_tensor *a, double *product, double *log_abs, int *sign)
{
    if (check_matrix(op, "the matrix", a, true) != WK_OK) return wk_last_status();
    int n = (int)a->sizes[0], info = 0;
    *product = 1, *log_abs = 0, *sign = 1;
    if (n == 0) return WK_OK;                          /* the empty product: det = 1 */
    lapack_matrix ma;
    const wk_tensor *inputs[1] = {a};
    int rc = begin_matrix(&ma, NULL, n, n, false, a, inputs, 1, a->dtype);
    int64_t pivot_bytes = (int64_t)n * (int64_t)sizeof(int);
    int *ipiv = rc == WK_OK ? scratch(pivot_bytes) : NULL;
    if (rc == WK_OK && !ipiv) rc = wk_last_status();
    if (rc == WK_OK) {
        if (a->dtype == WK_F32) sgetrf_(&n, &n, ma.data, &ma.ld, ipiv, &info);
        else dgetrf_(&n, &n, ma.data, &ma.ld, ipiv, &info);
        if (info < 0) rc = lapack_failed(op, "getrf", info);
    }
    if (rc == WK_OK && info > 0) {
        *sign = 0;
        *product = 0;
        *log_abs = -INFINITY;
    } else if (rc == WK_OK) {
        /* det = (-1)^(row swaps) * prod U(i,i); ipiv counts from 1. */
        bool odd_swaps = false;                        /* row swaps plus negative U(i,i) */
        for (int i = 0; i < n; i++) {
            char *p = (char *)ma.data + ((int64_t)i * ma.ld + i) * wk_dtype_size(a->dtype);
            double d = a->dtype == WK_F32 ? (double)*(float *)p : *(double *)p;
            odd_swaps ^= (ipiv[i] != i + 1) ^ (d < 0);
            *product *= fabs(d);
            *log_abs += log(fabs(d));
        }
        *sign = odd_swaps ? -1 : 1;                    /* swaps and negative pivots, counted apart */
        *product *= *sign;
    }
    scratch_free(ipiv, pivot_bytes);
    return end_matrix(&ma, rc);
}

int wk_det(double *result, const wk_tensor *a)
{
    double product = 0, log_abs = 0;
    int sign = 1;
    *result = 0;
    if (lu_determinant("det", a, &product, &log_abs, &sign) != WK_OK) return wk_last_status();
    *result = product;                                 /* the product itself: exact for small integers */
    return WK_OK;
}

/* log(det A). As PyTorch: NaN when det A < 0 (the log of a negative number), -inf when A is singular. */
int wk_logdet(double *result, const wk_tensor *a)
{
    double product = 0, log_abs = 0;
    int sign = 1;
    *result = 0;
    if (lu_determinant("logdet", a, &product, &log_abs, &sign) != WK_OK) return wk_last_status();
    *result = sign < 0 ? NAN : log_abs;
    return WK_OK;
}
