/*
 * shape.c — building and rearranging tensors: cat, flip, roll, diag, triu, tril, cross, kron, and
 * the constructors eye, linspace, logspace, range.
 *
 * Rearrangements move element bytes (typed by element size, so every dtype works); cross and kron
 * compute and are stamped per native dtype. Where `out` shares memory with an input, the result
 * is built in a temporary and copied in, so `x:flip(x, 1)` style calls are safe.
 */
#include "iter.h"
#include <math.h>
#include <omp.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------- */
/* Helpers                                                                                      */

static int check_cpu(const wk_tensor *t, const char *op)
{
    if (t->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "%s: %s needs the CUDA back end", op, WK_DESC(t));
    return WK_OK;
}

static int check_same_dtype(const wk_tensor *out, const wk_tensor *a, const char *op)
{
    if (out->dtype != a->dtype)
        return wk_error(WK_EINVAL, "%s: the result %s and the input %s differ in type", op, WK_DESC(out), WK_DESC(a));
    return WK_OK;
}

static int check_dim(const wk_tensor *t, int32_t dim, const char *op)
{
    if (dim < 0 || dim >= t->ndim)
        return wk_error(WK_ERANGE, "%s: dimension %d out of range for %s", op, dim + 1, WK_DESC(t));
    return WK_OK;
}

/* A view header on the stack over t's storage (no reference taken); lives within a call. */
static wk_tensor borrowed_view(const wk_tensor *t)
{
    wk_tensor v = *t;
    v.refcount = 1;
    return v;
}

static bool shares_storage(const wk_tensor *out, const wk_tensor *in)
{
    return out->storage != NULL && out->storage == in->storage;
}

/* The tensor to build the result in: out, or a new one when out shares an input's memory. */
static wk_tensor *result_for(wk_tensor *out, const wk_tensor *a, const wk_tensor *b)
{
    if (shares_storage(out, a) || (b && shares_storage(out, b))) return wk_tensor_new(out->dtype);
    return out;
}

/* Finishes a result built by result_for: copies a temporary into out and frees it. */
static int finish(wk_tensor *out, wk_tensor *target, int rc)
{
    if (target == out) return rc;
    if (rc == WK_OK) rc = wk_tensor_resize(out, target->ndim, target->sizes);
    if (rc == WK_OK && wk_tensor_numel(target) > 0) rc = wk_copy(out, target);
    wk_tensor_free(target);
    return rc;
}

/* data[0][i] = data[1][i], typed by element size; strides may be negative (flip). */
#define MOVE_LOOP(BITS)                                                                             \
    static void move_##BITS(char **data, const int64_t *strides, int64_t n, void *context)          \
    {                                                                                               \
        (void)context;                                                                              \
        if (strides[0] == BITS / 8 && strides[1] == -(BITS / 8)) {                                  \
            uint##BITS##_t *out = (uint##BITS##_t *)data[0];                                        \
            const uint##BITS##_t *in = (const uint##BITS##_t *)data[1];                             \
            for (int64_t i = 0; i < n; i++) out[i] = in[-i];                                        \
        } else {                                                                                    \
            char *out = data[0], *in = data[1];   /* locals: a byte store may alias data[] */       \
            int64_t out_step = strides[0], in_step = strides[1];                                    \
            for (int64_t i = 0; i < n; i++)                                                         \
                *(uint##BITS##_t *)(out + i * out_step) = *(const uint##BITS##_t *)(in + i * in_step); \
        }                                                                                           \
    }
MOVE_LOOP(8)
MOVE_LOOP(16)
MOVE_LOOP(32)
MOVE_LOOP(64)

static wk_loop_fn move_loop(int64_t element)
{
    switch (element) {
    case 1: return move_8;
    case 2: return move_16;
    case 4: return move_32;
    default: return move_64;
    }
}

/* ------------------------------------------------------------------------------------------- */
/* cat                                                                                          */

/* Whether t agrees with the reference shape outside dim (with `extra` trailing size-1 dim). */
static bool fits_reference(const wk_tensor *t, const wk_tensor *ref, int32_t dim)
{
    if (t->ndim != ref->ndim) return false;
    for (int32_t d = 0; d < t->ndim; d++)
        if (d != dim && t->sizes[d] != ref->sizes[d]) return false;
    return true;
}

/* Torch7's rules: empty inputs are skipped; dim may be one past the last dimension, which
 * stacks the inputs along a new trailing dimension of size 1 each. */
int wk_cat(wk_tensor *out, const wk_tensor *const *inputs, int32_t count, int32_t dim)
{
    if (count < 1) return wk_error(WK_EINVAL, "cat: no tensors to concatenate");
    if (check_cpu(out, "cat") != WK_OK) return wk_last_status();
    const wk_tensor *ref = NULL;
    for (int32_t i = 0; i < count && !ref; i++)
        if (wk_tensor_numel(inputs[i]) > 0) ref = inputs[i];
    for (int32_t i = 0; i < count && !ref; i++)
        if (inputs[i]->ndim > 0) ref = inputs[i];
    for (int32_t i = 0; i < count; i++) {
        if (check_cpu(inputs[i], "cat") != WK_OK) return wk_last_status();
        if (inputs[i]->dtype != out->dtype)
            return wk_error(WK_EINVAL, "cat: input %d (%s) and the result %s differ in type", i + 1,
                            WK_DESC(inputs[i]), WK_DESC(out));
    }
    if (!ref) return wk_tensor_set(out, NULL, 0, 0, NULL, NULL);   /* every input is empty */
    int32_t ndim = ref->ndim;
    if (dim < 0 || dim > ndim || (dim == ndim && ndim + 1 > WK_MAX_DIMS))
        return wk_error(WK_ERANGE, "cat: dimension %d out of range for %s (1 to %d)", dim + 1, WK_DESC(ref),
                        ndim + 1 > WK_MAX_DIMS ? ndim : ndim + 1);
    bool extra = dim == ndim;

    int64_t sizes[WK_MAX_DIMS];
    memcpy(sizes, ref->sizes, sizeof sizes);
    sizes[dim] = 0;
    for (int32_t i = 0; i < count; i++) {
        const wk_tensor *t = inputs[i];
        bool fits = fits_reference(t, ref, dim);
        if (!fits && wk_tensor_numel(t) == 0) continue;
        if (!fits)
            return wk_error(WK_ESHAPE, "cat: input %d (%s) does not match %s outside dimension %d", i + 1, WK_DESC(t),
                            WK_DESC(ref), dim + 1);
        sizes[dim] += extra ? 1 : t->sizes[dim];
    }

    wk_tensor *target = out;
    for (int32_t i = 0; i < count && target == out; i++)
        if (shares_storage(out, inputs[i]) && !(target = wk_tensor_new(out->dtype))) return wk_last_status();
    int rc = wk_tensor_resize(target, ndim + extra, sizes);
    int64_t offset = 0;
    for (int32_t i = 0; i < count && rc == WK_OK; i++) {
        const wk_tensor *t = inputs[i];
        if (wk_tensor_numel(t) == 0) continue;
        wk_tensor source = borrowed_view(t), part = borrowed_view(target);
        if (extra) {                               /* the input gains the trailing size-1 dim */
            source.sizes[ndim] = 1;
            source.strides[ndim] = 1;
            source.ndim = ndim + 1;
        }
        int64_t length = source.sizes[dim];
        wk_tensor_narrow(&part, dim, offset, length);
        rc = wk_copy(&part, &source);
        offset += length;
    }
    return finish(out, target, rc);
}

/* ------------------------------------------------------------------------------------------- */
/* flip, roll                                                                                   */

int wk_flip(wk_tensor *out, const wk_tensor *a, int32_t dim)
{
    if (check_cpu(a, "flip") != WK_OK || check_same_dtype(out, a, "flip") != WK_OK ||
        check_dim(a, dim, "flip") != WK_OK)
        return wk_last_status();
    wk_tensor *target = result_for(out, a, NULL);
    if (!target) return wk_last_status();
    int rc = wk_tensor_resize(target, a->ndim, a->sizes);
    if (rc == WK_OK && wk_tensor_numel(a) > 0) {
        /* a read backwards along dim: a view with a negative stride, never handed out. */
        wk_tensor reversed = borrowed_view(a);
        reversed.offset += (a->sizes[dim] - 1) * a->strides[dim];
        reversed.strides[dim] = -a->strides[dim];
        wk_iter it;
        const wk_tensor *operands[2] = {target, &reversed};
        if ((rc = wk_iter_init(&it, 2, operands, "flip")) == WK_OK)
            wk_iter_for(&it, WK_GRAIN, move_loop(wk_dtype_size(a->dtype)), NULL);
    }
    return finish(out, target, rc);
}

int wk_roll(wk_tensor *out, const wk_tensor *a, int64_t shift, int32_t dim)
{
    if (check_cpu(a, "roll") != WK_OK || check_same_dtype(out, a, "roll") != WK_OK ||
        check_dim(a, dim, "roll") != WK_OK)
        return wk_last_status();
    wk_tensor *target = result_for(out, a, NULL);
    if (!target) return wk_last_status();
    int rc = wk_tensor_resize(target, a->ndim, a->sizes);
    int64_t n = a->sizes[dim];
    if (rc == WK_OK && wk_tensor_numel(a) > 0) {
        int64_t s = ((shift % n) + n) % n;
        /* out[s .. n) = a[0 .. n-s), out[0 .. s) = a[n-s .. n) */
        wk_tensor to = borrowed_view(target), from = borrowed_view(a);
        wk_tensor_narrow(&to, dim, s, n - s);
        wk_tensor_narrow(&from, dim, 0, n - s);
        rc = wk_copy(&to, &from);
        if (rc == WK_OK && s > 0) {
            to = borrowed_view(target);
            from = borrowed_view(a);
            wk_tensor_narrow(&to, dim, 0, s);
            wk_tensor_narrow(&from, dim, n - s, s);
            rc = wk_copy(&to, &from);
        }
    }
    return finish(out, target, rc);
}

/* ------------------------------------------------------------------------------------------- */
/* diag, triu, tril                                                                             */

/* The k-th diagonal of matrix m as a 1-d view of length `length`. */
static wk_tensor diagonal_view(const wk_tensor *m, int64_t k, int64_t length)
{
    wk_tensor d = borrowed_view(m);
    d.offset += k >= 0 ? k * m->strides[1] : -k * m->strides[0];
    d.ndim = 1;
    d.sizes[0] = length;
    d.strides[0] = m->strides[0] + m->strides[1];
    return d;
}

int wk_diag(wk_tensor *out, const wk_tensor *a, int64_t k)
{
    if (check_cpu(a, "diag") != WK_OK || check_same_dtype(out, a, "diag") != WK_OK) return wk_last_status();
    if (a->ndim != 1 && a->ndim != 2)
        return wk_error(WK_ESHAPE, "diag: needs a vector or a matrix, got %s", WK_DESC(a));
    if (k <= INT64_MIN / 2 || k >= INT64_MAX / 2)
        return wk_error(WK_ERANGE, "diag: diagonal %lld out of range", (long long)k);
    wk_tensor *target = result_for(out, a, NULL);
    if (!target) return wk_last_status();
    int rc;
    if (a->ndim == 1) {                            /* vector -> matrix with it on diagonal k */
        int64_t n = a->sizes[0], m = n + (k >= 0 ? k : -k);
        int64_t sizes[2] = {m, m};
        rc = wk_tensor_resize(target, 2, sizes);
        if (rc == WK_OK) rc = wk_zero(target);
        if (rc == WK_OK && n > 0) {
            wk_tensor d = diagonal_view(target, k, n);
            rc = wk_copy(&d, a);
        }
    } else {                                       /* matrix -> its diagonal k */
        int64_t rows = a->sizes[0], cols = a->sizes[1];
        int64_t length = k >= 0 ? (rows < cols - k ? rows : cols - k) : (rows + k < cols ? rows + k : cols);
        if (length < 0 || (length == 0 && rows > 0 && cols > 0)) {
            rc = wk_error(WK_ERANGE, "diag: diagonal %lld is out of range for %s", (long long)k, WK_DESC(a));
        } else {
            rc = wk_tensor_resize(target, 1, &length);
            if (rc == WK_OK && length > 0) {
                wk_tensor d = diagonal_view(a, k, length);
                rc = wk_copy(target, &d);
            }
        }
    }
    return finish(out, target, rc);
}

/* n elements from src to dst (either may be strided), typed by element size. */
static void copy_run(char *dst, int64_t dst_stride, const char *src, int64_t src_stride, int64_t n, int64_t element)
{
    if (n <= 0 || dst == src) return;
    if (dst_stride == element && src_stride == element) {
        memcpy(dst, src, (size_t)(n * element));
        return;
    }
    char *data[2] = {dst, (char *)src};
    int64_t strides[2] = {dst_stride, src_stride};
    move_loop(element)(data, strides, n, NULL);
}

/* n zero elements (all-zero bytes are zero in every dtype). */
static void zero_run(char *dst, int64_t stride, int64_t n, int64_t element)
{
    if (n <= 0) return;
    if (stride == element) {
        memset(dst, 0, (size_t)(n * element));
        return;
    }
    for (int64_t i = 0; i < n; i++) memset(dst + i * stride, 0, (size_t)element);
}

/* Byte offset of matrix `b` (counting over the leading dims, row-major) in t. */
static int64_t matrix_offset(const wk_tensor *t, int64_t b)
{
    int64_t offset = 0;
    for (int32_t d = t->ndim - 3; d >= 0; d--) {
        offset += (b % t->sizes[d]) * t->strides[d];
        b /= t->sizes[d];
    }
    return offset * wk_dtype_size(t->dtype);
}

/* Keeps the elements on and above (upper) or on and below (lower) diagonal k of each matrix in
 * the last two dims; zeroes the rest. */
static int triangle(wk_tensor *out, const wk_tensor *a, int64_t k, bool upper, const char *op)
{
    if (check_cpu(a, op) != WK_OK || check_same_dtype(out, a, op) != WK_OK) return wk_last_status();
    if (a->ndim < 2) return wk_error(WK_ESHAPE, "%s: needs a matrix (or a batch of them), got %s", op, WK_DESC(a));
    bool in_place = wk_tensor_is_set_to(out, a);
    wk_tensor *target = in_place ? out : result_for(out, a, NULL);
    if (!target) return wk_last_status();
    int rc = in_place ? WK_OK : wk_tensor_resize(target, a->ndim, a->sizes);
    int64_t numel = wk_tensor_numel(a);
    if (rc != WK_OK || numel == 0) return finish(out, target, rc);

    int32_t nd = a->ndim;
    int64_t rows = a->sizes[nd - 2], cols = a->sizes[nd - 1], element = wk_dtype_size(a->dtype);
    int64_t total_rows = numel / cols;
    int64_t a_row = a->strides[nd - 2] * element, a_col = a->strides[nd - 1] * element;
    int64_t t_row = target->strides[nd - 2] * element, t_col = target->strides[nd - 1] * element;
    char *a_data = wk_tensor_data(a), *t_data = wk_tensor_data(target);
    if (k > cols) k = cols;                        /* keeps i + k in range for any row */
    if (k < -rows) k = -rows;
    #pragma omp parallel for if (numel > 2 * WK_GRAIN && wk_get_num_threads() > 1) num_threads(wk_get_num_threads())
    for (int64_t r = 0; r < total_rows; r++) {
        int64_t b = r / rows, i = r % rows;
        const char *src = a_data + matrix_offset(a, b) + i * a_row;
        char *dst = t_data + matrix_offset(target, b) + i * t_row;
        int64_t split = i + k + (upper ? 0 : 1);   /* first column of the second part */
        split = split < 0 ? 0 : (split > cols ? cols : split);
        if (upper) {
            zero_run(dst, t_col, split, element);
            copy_run(dst + split * t_col, t_col, src + split * a_col, a_col, cols - split, element);
        } else {
            copy_run(dst, t_col, src, a_col, split, element);
            zero_run(dst + split * t_col, t_col, cols - split, element);
        }
    }
    return finish(out, target, rc);
}

int wk_triu(wk_tensor *out, const wk_tensor *a, int64_t k) { return triangle(out, a, k, true, "triu"); }
int wk_tril(wk_tensor *out, const wk_tensor *a, int64_t k) { return triangle(out, a, k, false, "tril"); }

/* ------------------------------------------------------------------------------------------- */
/* cross, kron                                                                                  */

/* Operands (out, a, b) at component 0 of the 3-vectors; context: the byte steps between
 * components in each. */
#define PRODUCT_LOOPS(DTYPE, T, NAME)                                                               \
    static void cross_##NAME(char **data, const int64_t *strides, int64_t n, void *context)         \
    {                                                                                               \
        const int64_t *step = context;                                                              \
        int64_t so = step[0], sx = step[1], sy = step[2];   /* locals: stores may alias */          \
        for (int64_t i = 0; i < n; i++) {                                                           \
            char *o = data[0] + i * strides[0];                                                     \
            const char *x = data[1] + i * strides[1], *y = data[2] + i * strides[2];                \
            T x0 = *(const T *)x, x1 = *(const T *)(x + sx), x2 = *(const T *)(x + 2 * sx);         \
            T y0 = *(const T *)y, y1 = *(const T *)(y + sy), y2 = *(const T *)(y + 2 * sy);         \
            *(T *)o = (T)(x1 * y2 - x2 * y1);                                                       \
            *(T *)(o + so) = (T)(x2 * y0 - x0 * y2);                                                \
            *(T *)(o + 2 * so) = (T)(x0 * y1 - x1 * y0);                                            \
        }                                                                                           \
    }                                                                                               \
    static void multiply_##NAME(char **data, const int64_t *strides, int64_t n, void *context)      \
    {                                                                                               \
        (void)context;                                                                              \
        for (int64_t i = 0; i < n; i++)                                                             \
            *(T *)(data[0] + i * strides[0]) =                                                      \
                (T)(*(const T *)(data[1] + i * strides[1]) * *(const T *)(data[2] + i * strides[2])); \
    }
WK_NATIVE_TYPES(PRODUCT_LOOPS)
#define CROSS_ENTRY(DTYPE, T, NAME) [DTYPE] = cross_##NAME,
static const wk_loop_fn cross_loops[WK_F64 + 1] = {WK_NATIVE_TYPES(CROSS_ENTRY)};
#define MULTIPLY_ENTRY(DTYPE, T, NAME) [DTYPE] = multiply_##NAME,
static const wk_loop_fn multiply_loops[WK_F64 + 1] = {WK_NATIVE_TYPES(MULTIPLY_ENTRY)};

static int check_computable(const wk_tensor *t, const char *op)
{
    if (t->dtype > WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: not available for %s (a storage-only type)", op, WK_DESC(t));
    return WK_OK;
}

/* dim < 0: the first dimension of size 3. */
int wk_cross(wk_tensor *out, const wk_tensor *a, const wk_tensor *b, int32_t dim)
{
    if (check_cpu(a, "cross") != WK_OK || check_cpu(b, "cross") != WK_OK ||
        check_same_dtype(out, a, "cross") != WK_OK || check_same_dtype(out, b, "cross") != WK_OK ||
        check_computable(a, "cross") != WK_OK)
        return wk_last_status();
    if (!wk_tensor_is_same_size(a, b))
        return wk_error(WK_ESHAPE, "cross: the inputs differ in size: %s and %s", WK_DESC(a), WK_DESC(b));
    if (dim < 0) {
        for (int32_t d = 0; d < a->ndim && dim < 0; d++)
            if (a->sizes[d] == 3) dim = d;
        if (dim < 0) return wk_error(WK_ESHAPE, "cross: %s has no dimension of size 3", WK_DESC(a));
    }
    if (check_dim(a, dim, "cross") != WK_OK) return wk_last_status();
    if (a->sizes[dim] != 3)
        return wk_error(WK_ESHAPE, "cross: dimension %d of %s has size %lld, not 3", dim + 1, WK_DESC(a),
                        (long long)a->sizes[dim]);
    wk_tensor *target = result_for(out, a, b);
    if (!target) return wk_last_status();
    int rc = wk_tensor_resize(target, a->ndim, a->sizes);
    if (rc == WK_OK && wk_tensor_numel(a) > 0) {
        wk_tensor o = borrowed_view(target), x = borrowed_view(a), y = borrowed_view(b);
        wk_tensor_select(&o, dim, 0);
        wk_tensor_select(&x, dim, 0);
        wk_tensor_select(&y, dim, 0);
        int64_t element = wk_dtype_size(a->dtype);
        int64_t steps[3] = {target->strides[dim] * element, a->strides[dim] * element, b->strides[dim] * element};
        wk_iter it;
        const wk_tensor *operands[3] = {&o, &x, &y};
        if ((rc = wk_iter_init(&it, 3, operands, "cross")) == WK_OK)
            wk_iter_for(&it, WK_GRAIN / 4, cross_loops[a->dtype], steps);
    }
    return finish(out, target, rc);
}

/* The Kronecker product: out has sizes a_k * b_k (the shorter shape padded with leading 1s), and
 * out[i * size(b) + j] = a[i] * b[j] per dim. Seen with 2n dims (a_0, b_0, a_1, b_1, ...) it is
 * an outer product that the iterator broadcasts. */
int wk_kron(wk_tensor *out, const wk_tensor *a, const wk_tensor *b)
{
    if (check_cpu(a, "kron") != WK_OK || check_cpu(b, "kron") != WK_OK || check_same_dtype(out, a, "kron") != WK_OK ||
        check_same_dtype(out, b, "kron") != WK_OK || check_computable(a, "kron") != WK_OK)
        return wk_last_status();
    int32_t n = a->ndim > b->ndim ? a->ndim : b->ndim;
    if (2 * n > WK_MAX_DIMS)
        return wk_error(WK_EINVAL, "kron: at most %d dimensions are supported, got %s and %s", WK_MAX_DIMS / 2,
                        WK_DESC(a), WK_DESC(b));
    if ((a->ndim == 0 && !a->storage) || (b->ndim == 0 && !b->storage))
        return wk_error(WK_ESHAPE, "kron: an input is empty: %s and %s", WK_DESC(a), WK_DESC(b));
    int64_t sizes[WK_MAX_DIMS];
    wk_tensor x = borrowed_view(a), y = borrowed_view(b);
    x.ndim = y.ndim = 2 * n;
    for (int32_t d = 0; d < n; d++) {
        int32_t da = d - (n - a->ndim), db = d - (n - b->ndim);
        int64_t sa = da >= 0 ? a->sizes[da] : 1, sb = db >= 0 ? b->sizes[db] : 1;
        sizes[d] = sa * sb;
        x.sizes[2 * d] = sa;
        x.strides[2 * d] = da >= 0 ? a->strides[da] : 0;
        x.sizes[2 * d + 1] = 1;
        x.strides[2 * d + 1] = 0;
        y.sizes[2 * d] = 1;
        y.strides[2 * d] = 0;
        y.sizes[2 * d + 1] = sb;
        y.strides[2 * d + 1] = db >= 0 ? b->strides[db] : 0;
    }
    wk_tensor *target = result_for(out, a, b);
    if (!target) return wk_last_status();
    int rc = wk_tensor_resize(target, n, sizes);
    if (rc == WK_OK && wk_tensor_numel(target) > 0) {
        wk_tensor o = borrowed_view(target);
        o.ndim = 2 * n;
        for (int32_t d = 0; d < n; d++) {
            o.sizes[2 * d] = x.sizes[2 * d];
            o.strides[2 * d] = y.sizes[2 * d + 1] * target->strides[d];
            o.sizes[2 * d + 1] = y.sizes[2 * d + 1];
            o.strides[2 * d + 1] = target->strides[d];
        }
        wk_iter it;
        const wk_tensor *operands[3] = {&o, &x, &y};
        if ((rc = wk_iter_init(&it, 3, operands, "kron")) == WK_OK)
            wk_iter_for(&it, WK_GRAIN, multiply_loops[a->dtype], NULL);
    }
    return finish(out, target, rc);
}

/* ------------------------------------------------------------------------------------------- */
/* Constructors                                                                                 */

int wk_eye(wk_tensor *out, int64_t rows, int64_t cols)
{
    if (check_cpu(out, "eye") != WK_OK) return wk_last_status();
    if (rows < 0 || cols < 0)
        return wk_error(WK_EINVAL, "eye: sizes must be >= 0, got %lld x %lld", (long long)rows, (long long)cols);
    int64_t sizes[2] = {rows, cols};
    int rc = wk_tensor_resize(out, 2, sizes);
    if (rc == WK_OK) rc = wk_zero(out);
    if (rc == WK_OK && rows > 0 && cols > 0) {
        wk_tensor d = diagonal_view(out, 0, rows < cols ? rows : cols);
        rc = wk_fill(&d, 1.0);
    }
    return rc;
}

/* Sequences: value i is computed in double, then stored in out's dtype. */
#define STORE_SEQUENCE(DTYPE, T, NAME)                                                              \
    static void store_##NAME(char *dst, const double *values, int64_t n)                            \
    {                                                                                               \
        T *out = (T *)dst;                                                                          \
        for (int64_t i = 0; i < n; i++) out[i] = (T)values[i];                                      \
    }
WK_NATIVE_TYPES(STORE_SEQUENCE)

static void store_f16(char *dst, const double *values, int64_t n)
{
    for (int64_t i = 0; i < n; i++) ((uint16_t *)dst)[i] = wk_float_to_half((float)values[i]);
}

static void store_bf16(char *dst, const double *values, int64_t n)
{
    for (int64_t i = 0; i < n; i++) ((uint16_t *)dst)[i] = wk_float_to_bf16((float)values[i]);
}

typedef enum { SEQUENCE_LINEAR, SEQUENCE_LOG, SEQUENCE_STEP } sequence_kind;

/* out (1-d, `steps` long): linspace from start to end, its base^ values, or start + i*step. */
static int sequence(wk_tensor *out, sequence_kind kind, double start, double end, double step, int64_t steps,
                    double base)
{
    typedef void (*store_fn)(char *dst, const double *values, int64_t n);
    static const store_fn stores[WK_DTYPE_COUNT] = {
        [WK_U8] = store_u8, [WK_I8] = store_i8, [WK_I16] = store_i16, [WK_I32] = store_i32, [WK_I64] = store_i64,
        [WK_F32] = store_f32, [WK_F64] = store_f64, [WK_F16] = store_f16, [WK_BF16] = store_bf16};
    int rc = wk_tensor_resize(out, 1, &steps);
    if (rc != WK_OK || steps == 0) return rc;
    if (kind != SEQUENCE_STEP) step = steps > 1 ? (end - start) / (double)(steps - 1) : 0;
    char *data = wk_tensor_data(out);
    int64_t element = wk_dtype_size(out->dtype);
    double values[1024];
    for (int64_t done = 0; done < steps; done += 1024) {
        int64_t m = steps - done < 1024 ? steps - done : 1024;
        for (int64_t j = 0; j < m; j++) {
            int64_t i = done + j;
            /* linspace: the second half counts back from end, so both ends are exact */
            if (kind != SEQUENCE_STEP && steps > 1 && i >= steps / 2) values[j] = end - (double)(steps - 1 - i) * step;
            else values[j] = start + (double)i * step;
            if (kind == SEQUENCE_LOG) values[j] = pow(base, values[j]);
        }
        stores[out->dtype](data + done * element, values, m);
    }
    return WK_OK;
}

int wk_linspace(wk_tensor *out, double start, double end, int64_t steps)
{
    if (check_cpu(out, "linspace") != WK_OK) return wk_last_status();
    if (steps < 0)
        return wk_error(WK_EINVAL, "linspace: the number of points must be >= 0, got %lld", (long long)steps);
    if (!isfinite(start) || !isfinite(end))
        return wk_error(WK_EINVAL, "linspace: the end points must be finite, got %g and %g", start, end);
    return sequence(out, SEQUENCE_LINEAR, start, end, 0, steps, 0);
}

int wk_logspace(wk_tensor *out, double start, double end, int64_t steps, double base)
{
    if (check_cpu(out, "logspace") != WK_OK) return wk_last_status();
    if (steps < 0)
        return wk_error(WK_EINVAL, "logspace: the number of points must be >= 0, got %lld", (long long)steps);
    if (!isfinite(start) || !isfinite(end) || !isfinite(base))
        return wk_error(WK_EINVAL, "logspace: the end points and the base must be finite, got %g, %g, base %g", start,
                        end, base);
    return sequence(out, SEQUENCE_LOG, start, end, 0, steps, base);
}

int wk_range(wk_tensor *out, double start, double end, double step)
{
    if (check_cpu(out, "range") != WK_OK) return wk_last_status();
    if (!isfinite(start) || !isfinite(end) || !isfinite(step))
        return wk_error(WK_EINVAL, "range: the bounds and the step must be finite, got %g, %g, step %g", start, end,
                        step);
    if (step == 0) return wk_error(WK_EINVAL, "range: the step must not be zero");
    double count = floor((end - start) / step) + 1;
    if (count < 1)
        return wk_error(WK_EINVAL, "range: no values from %g to %g with step %g (the step's sign goes the other "
                        "way)", start, end, step);
    if (count > 4.6e18) return wk_error(WK_EINVAL, "range: %g values are too many", count);
    return sequence(out, SEQUENCE_STEP, start, end, step, (int64_t)count, 0);
}
