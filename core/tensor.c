/*
 * tensor.c — tensor headers and views: (storage, offset, sizes, strides). Everything here changes
 * numbers, never data; the one exception, a contiguous copy, goes through copy.c.
 */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------- */
/* Shape helpers                                                                                */

int64_t wk_sizes_numel(int32_t ndim, const int64_t *sizes)
{
    int64_t n = 1;
    for (int32_t d = 0; d < ndim; d++) {
        if (sizes[d] == 0) return 0;
    }
    for (int32_t d = 0; d < ndim; d++) {
        if (sizes[d] > ((int64_t)1 << 62) / n) return -1;
        n *= sizes[d];
    }
    return n;
}

void wk_contiguous_strides(int32_t ndim, const int64_t *sizes, int64_t *strides)
{
    int64_t stride = 1;
    for (int32_t d = ndim - 1; d >= 0; d--) {
        strides[d] = stride;
        stride *= sizes[d] > 0 ? sizes[d] : 1;
    }
}

static const char *torch_type_name(const wk_tensor *t)
{
    static const char *cpu_names[WK_DTYPE_COUNT] = {
        "torch.ByteTensor", "torch.CharTensor", "torch.ShortTensor", "torch.IntTensor", "torch.LongTensor",
        "torch.FloatTensor", "torch.DoubleTensor", "torch.HalfTensor", "torch.BFloat16Tensor"};
    static const char *cuda_names[WK_DTYPE_COUNT] = {
        "torch.CudaByteTensor", "torch.CudaCharTensor", "torch.CudaShortTensor", "torch.CudaIntTensor",
        "torch.CudaLongTensor", "torch.CudaTensor", "torch.CudaDoubleTensor", "torch.CudaHalfTensor",
        "torch.CudaBFloat16Tensor"};
    if (!wk_dtype_valid(t->dtype)) return "torch.<bad dtype>Tensor";
    return t->device == WK_CUDA ? cuda_names[t->dtype] : cpu_names[t->dtype];
}

const char *wk_tensor_describe(const wk_tensor *t, char *buf, int32_t buflen)
{
    if (!buf || buflen <= 0) return "";
    if (!t) {
        snprintf(buf, (size_t)buflen, "nil tensor");
        return buf;
    }
    int used = 0;
    if (t->ndim == 0) {
        used = snprintf(buf, (size_t)buflen, t->storage ? "scalar" : "empty");
    }
    for (int32_t d = 0; d < t->ndim && used < buflen; d++)
        used += snprintf(buf + used, (size_t)(buflen - used), d ? "x%lld" : "%lld", (long long)t->sizes[d]);
    if (used < buflen) snprintf(buf + used, (size_t)(buflen - used), " %s", torch_type_name(t));
    return buf;
}

wk_shape_text wk_describe(const wk_tensor *t)
{
    wk_shape_text text;
    wk_tensor_describe(t, text.text, sizeof text.text);
    return text;
}

static int check_dims(int32_t ndim, const int64_t *sizes, const char *op)
{
    if (ndim < 0 || ndim > WK_MAX_DIMS)
        return wk_error(WK_EINVAL, "%s: %d dimensions requested, at most %d are supported", op, ndim, WK_MAX_DIMS);
    for (int32_t d = 0; d < ndim; d++) {
        if (sizes[d] < 0)
            return wk_error(WK_EINVAL, "%s: negative size %lld in dimension %d", op, (long long)sizes[d], d + 1);
    }
    if (wk_sizes_numel(ndim, sizes) < 0)
        return wk_error(WK_ENOMEM, "%s: out of memory: the number of elements overflows", op);
    return WK_OK;
}

/* The view (offset, sizes, strides) must stay inside a storage of `storage_size` elements. */
static int check_view_fits(int64_t storage_size, int64_t offset, int32_t ndim, const int64_t *sizes,
                           const int64_t *strides, const char *op)
{
    if (offset < 0) return wk_error(WK_EINVAL, "%s: negative storage offset %lld", op, (long long)offset);
    int64_t last = offset;
    for (int32_t d = 0; d < ndim; d++) {
        if (strides[d] < 0)
            return wk_error(WK_EINVAL, "%s: negative stride %lld in dimension %d", op, (long long)strides[d], d + 1);
        if (sizes[d] == 0) return WK_OK;                 /* no element: nothing to reach */
        last += (sizes[d] - 1) * strides[d];
    }
    if (last >= storage_size)
        return wk_error(WK_ERANGE, "%s: the view reaches element %lld of a storage of size %lld", op,
                        (long long)last + 1, (long long)storage_size);
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* Constructors                                                                                 */

wk_tensor *wk_tensor_new(int32_t dtype)
{
    if (!wk_dtype_valid(dtype)) return wk_error_null(WK_EINVAL, "tensor: unknown dtype %d", dtype);
    wk_tensor *t = calloc(1, sizeof *t);
    if (!t) return wk_error_null(WK_ENOMEM, "tensor: out of memory");
    t->dtype = dtype;
    t->device = WK_CPU;
    t->refcount = 1;
    return t;
}

wk_tensor *wk_tensor_new_sized(int32_t dtype, int32_t ndim, const int64_t *sizes)
{
    wk_tensor *t = wk_tensor_new(dtype);
    if (!t) return NULL;
    if (wk_tensor_resize(t, ndim, sizes) != WK_OK) {
        wk_tensor_free(t);
        return NULL;
    }
    return t;
}

wk_tensor *wk_tensor_new_view(wk_storage *s, int64_t offset, int32_t ndim, const int64_t *sizes,
                              const int64_t *strides)
{
    if (!s) return wk_error_null(WK_EINVAL, "tensor: a view needs a storage");
    wk_tensor *t = wk_tensor_new(wk_storage_dtype(s));
    if (!t) return NULL;
    if (wk_tensor_set(t, s, offset, ndim, sizes, strides) != WK_OK) {
        wk_tensor_free(t);
        return NULL;
    }
    return t;
}

wk_tensor *wk_tensor_new_alias(const wk_tensor *src)
{
    if (!src) return wk_error_null(WK_EINVAL, "tensor: alias of a nil tensor");
    wk_tensor *t = malloc(sizeof *t);
    if (!t) return wk_error_null(WK_ENOMEM, "tensor: out of memory");
    *t = *src;
    t->refcount = 1;
    wk_storage_retain(t->storage);
    return t;
}

wk_tensor *wk_tensor_new_clone(const wk_tensor *src)
{
    if (!src) return wk_error_null(WK_EINVAL, "clone: nil tensor");
    wk_tensor *t = wk_tensor_new(src->dtype);
    if (!t) return NULL;
    if (src->ndim == 0 && !src->storage) return t;   /* the empty tensor stays empty */
    if (wk_tensor_resize(t, src->ndim, src->sizes) != WK_OK || wk_copy(t, src) != WK_OK) {
        wk_tensor_free(t);
        return NULL;
    }
    return t;
}

wk_tensor *wk_tensor_new_contiguous(const wk_tensor *src)
{
    if (!src) return wk_error_null(WK_EINVAL, "contiguous: nil tensor");
    return wk_tensor_is_contiguous(src) ? wk_tensor_new_alias(src) : wk_tensor_new_clone(src);
}

void wk_tensor_retain(wk_tensor *t)
{
    if (t) __atomic_add_fetch(&t->refcount, 1, __ATOMIC_RELAXED);
}

void wk_tensor_free(wk_tensor *t)
{
    if (!t || __atomic_sub_fetch(&t->refcount, 1, __ATOMIC_ACQ_REL) > 0) return;
    wk_storage_free(t->storage);
    free(t);
}

/* ------------------------------------------------------------------------------------------- */
/* Queries                                                                                      */

int64_t wk_tensor_numel(const wk_tensor *t)
{
    if (t->ndim == 0) return t->storage ? 1 : 0;
    return wk_sizes_numel(t->ndim, t->sizes);
}

int wk_tensor_is_contiguous(const wk_tensor *t)
{
    int64_t expected = 1;
    for (int32_t d = t->ndim - 1; d >= 0; d--) {
        if (t->sizes[d] == 0) return 1;
        if (t->sizes[d] == 1) continue;                  /* a size-1 dim's stride never matters */
        if (t->strides[d] != expected) return 0;
        expected *= t->sizes[d];
    }
    return 1;
}

int wk_tensor_is_same_size(const wk_tensor *a, const wk_tensor *b)
{
    if (a->ndim != b->ndim) return 0;
    for (int32_t d = 0; d < a->ndim; d++)
        if (a->sizes[d] != b->sizes[d]) return 0;
    return 1;
}

int wk_tensor_is_set_to(const wk_tensor *a, const wk_tensor *b)
{
    if (!a->storage || a->storage != b->storage || a->offset != b->offset || !wk_tensor_is_same_size(a, b))
        return 0;
    for (int32_t d = 0; d < a->ndim; d++)
        if (a->strides[d] != b->strides[d]) return 0;
    return 1;
}

void *wk_tensor_data(const wk_tensor *t)
{
    if (!t->storage) return NULL;
    return (char *)wk_storage_data(t->storage) + t->offset * wk_dtype_size(t->dtype);
}

/* ------------------------------------------------------------------------------------------- */
/* Changes of the view                                                                          */

int wk_tensor_set(wk_tensor *t, wk_storage *s, int64_t offset, int32_t ndim, const int64_t *sizes,
                  const int64_t *strides)
{
    int64_t contiguous[WK_MAX_DIMS];
    if (check_dims(ndim, sizes, "set") != WK_OK) return wk_last_status();
    if (s && wk_storage_dtype(s) != t->dtype)
        return wk_error(WK_EINVAL, "set: a %s storage for a %s", wk_dtype_get(wk_storage_dtype(s))->name, WK_DESC(t));
    if (!strides) {
        wk_contiguous_strides(ndim, sizes, contiguous);
        strides = contiguous;
    }
    if (s && check_view_fits(wk_storage_size(s), offset, ndim, sizes, strides, "set") != WK_OK)
        return wk_last_status();
    if (!s && wk_sizes_numel(ndim, sizes) > 0 && ndim > 0)
        return wk_error(WK_EINVAL, "set: sizes with elements but no storage");
    wk_storage_retain(s);
    wk_storage_free(t->storage);
    t->storage = s;
    t->offset = s ? offset : 0;
    t->ndim = ndim;
    if (ndim > 0) {
        memcpy(t->sizes, sizes, (size_t)ndim * sizeof *sizes);
        memcpy(t->strides, strides, (size_t)ndim * sizeof *strides);
    }
    return WK_OK;
}

int wk_tensor_set_to(wk_tensor *t, const wk_tensor *src)
{
    if (t == src) return WK_OK;
    if (t->dtype != src->dtype)
        return wk_error(WK_EINVAL, "set: cannot view a %s as a %s", WK_DESC(src), WK_DESC(t));
    wk_storage_retain(src->storage);
    wk_storage_free(t->storage);
    t->storage = src->storage;
    t->offset = src->offset;
    t->ndim = src->ndim;
    memcpy(t->sizes, src->sizes, sizeof t->sizes);
    memcpy(t->strides, src->strides, sizeof t->strides);
    return WK_OK;
}

int wk_tensor_resize(wk_tensor *t, int32_t ndim, const int64_t *sizes)
{
    if (check_dims(ndim, sizes, "resize") != WK_OK) return wk_last_status();
    if (t->storage && ndim == t->ndim && (ndim == 0 || memcmp(sizes, t->sizes, (size_t)ndim * sizeof *sizes) == 0))
        return WK_OK;                                  /* as Torch7: the same sizes keep the view, strides too */
    if (t->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "resize: %s is not on the CPU", WK_DESC(t));
    int64_t numel = ndim == 0 ? 1 : wk_sizes_numel(ndim, sizes);
    int64_t needed = t->offset + numel;
    if (!t->storage) {
        t->storage = wk_storage_new(t->dtype, numel);
        t->offset = 0;
        if (!t->storage) return wk_last_status();
    } else if (wk_storage_size(t->storage) < needed) {
        int rc = wk_storage_resize(t->storage, needed);
        if (rc != WK_OK) return rc;
    }
    t->ndim = ndim;
    if (ndim > 0) memcpy(t->sizes, sizes, (size_t)ndim * sizeof *sizes);
    wk_contiguous_strides(ndim, sizes, t->strides);
    return WK_OK;
}

int wk_tensor_resize_as(wk_tensor *t, const wk_tensor *like)
{
    if (like->ndim == 0 && !like->storage) {            /* resizeAs(empty) empties t */
        t->ndim = 0;
        return t->storage ? wk_tensor_set(t, NULL, 0, 0, NULL, NULL) : WK_OK;
    }
    return wk_tensor_resize(t, like->ndim, like->sizes);
}

static int check_dim(const wk_tensor *t, int32_t dim, const char *op)
{
    if (dim < 0 || dim >= t->ndim)
        return wk_error(WK_ERANGE, "%s: dimension %d out of range for a %d-d tensor (%s)", op, dim + 1, t->ndim,
                        WK_DESC(t));
    return WK_OK;
}

int wk_tensor_narrow(wk_tensor *t, int32_t dim, int64_t start, int64_t length)
{
    if (check_dim(t, dim, "narrow") != WK_OK) return wk_last_status();
    if (start < 0 || length < 0 || start + length > t->sizes[dim])
        return wk_error(WK_ERANGE, "narrow: elements %lld to %lld are out of range for dimension %d of size %lld (%s)",
                        (long long)start + 1, (long long)(start + length), dim + 1, (long long)t->sizes[dim],
                        WK_DESC(t));
    if (length > 0) t->offset += start * t->strides[dim];
    t->sizes[dim] = length;
    return WK_OK;
}

int wk_tensor_select(wk_tensor *t, int32_t dim, int64_t index)
{
    if (check_dim(t, dim, "select") != WK_OK) return wk_last_status();
    if (index < 0 || index >= t->sizes[dim])
        return wk_error(WK_ERANGE, "select: index %lld out of range for dimension %d of size %lld (%s)",
                        (long long)index + 1, dim + 1, (long long)t->sizes[dim], WK_DESC(t));
    t->offset += index * t->strides[dim];
    for (int32_t d = dim; d < t->ndim - 1; d++) {
        t->sizes[d] = t->sizes[d + 1];
        t->strides[d] = t->strides[d + 1];
    }
    t->ndim--;
    return WK_OK;
}

int wk_tensor_transpose(wk_tensor *t, int32_t dim0, int32_t dim1)
{
    if (check_dim(t, dim0, "transpose") != WK_OK || check_dim(t, dim1, "transpose") != WK_OK)
        return wk_last_status();
    int64_t size = t->sizes[dim0], stride = t->strides[dim0];
    t->sizes[dim0] = t->sizes[dim1];
    t->strides[dim0] = t->strides[dim1];
    t->sizes[dim1] = size;
    t->strides[dim1] = stride;
    return WK_OK;
}

int wk_tensor_permute(wk_tensor *t, const int32_t *dims)
{
    int64_t sizes[WK_MAX_DIMS], strides[WK_MAX_DIMS];
    bool seen[WK_MAX_DIMS] = {false};
    for (int32_t d = 0; d < t->ndim; d++) {
        if (dims[d] < 0 || dims[d] >= t->ndim || seen[dims[d]])
            return wk_error(WK_EINVAL, "permute: the dimensions are not a permutation of 1..%d (%s)", t->ndim,
                            WK_DESC(t));
        seen[dims[d]] = true;
        sizes[d] = t->sizes[dims[d]];
        strides[d] = t->strides[dims[d]];
    }
    memcpy(t->sizes, sizes, (size_t)t->ndim * sizeof *sizes);
    memcpy(t->strides, strides, (size_t)t->ndim * sizeof *strides);
    return WK_OK;
}

static void sizes_text(int32_t ndim, const int64_t *sizes, char *buf, size_t buflen)
{
    int used = snprintf(buf, buflen, ndim ? "" : "(scalar)");
    for (int32_t d = 0; d < ndim && used < (int)buflen; d++)
        used += snprintf(buf + used, buflen - (size_t)used, d ? "x%lld" : "%lld", (long long)sizes[d]);
}

/* Strides for viewing t with new sizes without moving data, if they exist. The old dims fall into
 * runs that are contiguous with each other; each run must be split exactly by some new dims. */
static bool view_strides(const wk_tensor *t, int32_t ndim, const int64_t *sizes, int64_t *strides)
{
    if (wk_tensor_numel(t) == 0 || t->ndim == 0) {
        wk_contiguous_strides(ndim, sizes, strides);
        return true;
    }
    int32_t new_dim = ndim - 1;
    int64_t run_numel = 1, view_numel = 1;
    int64_t run_stride = t->strides[t->ndim - 1];    /* stride of the run's innermost dim */
    for (int32_t old_dim = t->ndim - 1; old_dim >= 0; old_dim--) {
        run_numel *= t->sizes[old_dim];
        bool run_ends = old_dim == 0 ||
                        (t->sizes[old_dim - 1] != 1 && t->strides[old_dim - 1] != run_numel * run_stride);
        if (!run_ends) continue;
        while (new_dim >= 0 && (view_numel < run_numel || sizes[new_dim] == 1)) {
            strides[new_dim] = view_numel * run_stride;
            view_numel *= sizes[new_dim];
            new_dim--;
        }
        if (view_numel != run_numel) return false;
        if (old_dim > 0) {
            run_stride = t->strides[old_dim - 1];
            run_numel = 1;
            view_numel = 1;
        }
    }
    return new_dim == -1;
}

/* Replaces one -1 in sizes by what makes the element count match. */
static int infer_size(const wk_tensor *t, int32_t ndim, const int64_t *sizes, int64_t *out, const char *op)
{
    char old_text[160], new_text[160];
    int64_t known = 1, numel = wk_tensor_numel(t);
    int32_t infer = -1;
    if (ndim < 0 || ndim > WK_MAX_DIMS)
        return wk_error(WK_EINVAL, "%s: %d dimensions requested, at most %d are supported", op, ndim, WK_MAX_DIMS);
    for (int32_t d = 0; d < ndim; d++) {
        out[d] = sizes[d];
        if (sizes[d] == -1 && infer < 0) {
            infer = d;
        } else if (sizes[d] < 0) {
            return wk_error(WK_EINVAL, "%s: bad size %lld in dimension %d", op, (long long)sizes[d], d + 1);
        } else {
            known *= sizes[d];
        }
    }
    if (infer >= 0) {
        if (known == 0 || numel % known != 0) goto mismatch;
        out[infer] = numel / known;
        known = numel;
    }
    if (known != numel) goto mismatch;
    return WK_OK;
mismatch:
    sizes_text(ndim, sizes, new_text, sizeof new_text);
    wk_tensor_describe(t, old_text, sizeof old_text);
    return wk_error(WK_ESHAPE, "%s: cannot view a tensor of %lld elements (%s) as size %s", op, (long long)numel,
                    old_text, new_text);
}

int wk_tensor_view(wk_tensor *t, int32_t ndim, const int64_t *sizes)
{
    int64_t new_sizes[WK_MAX_DIMS], strides[WK_MAX_DIMS];
    if (!t->storage) return wk_error(WK_EINVAL, "view: the tensor is empty (no storage)");
    if (infer_size(t, ndim, sizes, new_sizes, "view") != WK_OK) return wk_last_status();
    if (!view_strides(t, ndim, new_sizes, strides)) {
        char new_text[160];
        sizes_text(ndim, new_sizes, new_text, sizeof new_text);
        return wk_error(WK_ESHAPE, "view: no view of %s as size %s exists without a copy (its strides do not "
                        "allow it; use reshape or contiguous)", WK_DESC(t), new_text);
    }
    t->ndim = ndim;
    memcpy(t->sizes, new_sizes, (size_t)ndim * sizeof *new_sizes);
    memcpy(t->strides, strides, (size_t)ndim * sizeof *strides);
    return WK_OK;
}

int wk_tensor_expand(wk_tensor *t, int32_t ndim, const int64_t *sizes)
{
    int64_t new_sizes[WK_MAX_DIMS], strides[WK_MAX_DIMS];
    char new_text[160];
    if (ndim < t->ndim || ndim > WK_MAX_DIMS) goto bad;
    for (int32_t d = ndim - 1; d >= 0; d--) {
        int32_t old = d - (ndim - t->ndim);
        if (old >= 0) {
            int64_t size = sizes[d] == -1 ? t->sizes[old] : sizes[d];
            if (size == t->sizes[old]) {
                new_sizes[d] = size;
                strides[d] = t->strides[old];
            } else if (t->sizes[old] == 1 && size >= 0) {
                new_sizes[d] = size;
                strides[d] = 0;
            } else {
                goto bad;
            }
        } else {
            if (sizes[d] < 0) goto bad;
            new_sizes[d] = sizes[d];
            strides[d] = 0;
        }
    }
    if (!t->storage) goto bad;
    t->ndim = ndim;
    memcpy(t->sizes, new_sizes, (size_t)ndim * sizeof *new_sizes);
    memcpy(t->strides, strides, (size_t)ndim * sizeof *strides);
    return WK_OK;
bad:
    sizes_text(ndim < 0 ? 0 : (ndim > WK_MAX_DIMS ? WK_MAX_DIMS : ndim), sizes, new_text, sizeof new_text);
    return wk_error(WK_ESHAPE, "expand: cannot expand %s to size %s (only size-1 dimensions expand)", WK_DESC(t),
                    new_text);
}

int wk_tensor_unfold(wk_tensor *t, int32_t dim, int64_t size, int64_t step)
{
    if (t->ndim == 0 && dim == 0 && t->storage) {       /* a scalar unfolds like a 1-element vector */
        t->ndim = 1;
        t->sizes[0] = 1;
        t->strides[0] = 1;
    }
    if (check_dim(t, dim, "unfold") != WK_OK) return wk_last_status();
    if (t->ndim >= WK_MAX_DIMS)
        return wk_error(WK_EINVAL, "unfold: %s already has the most dimensions supported", WK_DESC(t));
    if (size < 0 || size > t->sizes[dim] || step <= 0)
        return wk_error(WK_ERANGE, "unfold: a window of %lld with step %lld does not fit dimension %d of size %lld "
                        "(%s)", (long long)size, (long long)step, dim + 1, (long long)t->sizes[dim], WK_DESC(t));
    t->sizes[t->ndim] = size;
    t->strides[t->ndim] = t->strides[dim];
    t->sizes[dim] = (t->sizes[dim] - size) / step + 1;
    t->strides[dim] *= step;
    t->ndim++;
    return WK_OK;
}

int wk_tensor_squeeze(wk_tensor *t)
{
    int32_t kept = 0;
    for (int32_t d = 0; d < t->ndim; d++) {
        if (t->sizes[d] == 1) continue;
        t->sizes[kept] = t->sizes[d];
        t->strides[kept] = t->strides[d];
        kept++;
    }
    /* As Torch7: a tensor of all size-1 dims keeps one dimension. */
    if (kept == 0 && t->ndim > 0) {
        t->sizes[0] = 1;
        t->strides[0] = 1;
        kept = 1;
    }
    t->ndim = kept;
    return WK_OK;
}

int wk_tensor_squeeze_dim(wk_tensor *t, int32_t dim)
{
    if (check_dim(t, dim, "squeeze") != WK_OK) return wk_last_status();
    if (t->sizes[dim] != 1 || t->ndim == 1) return WK_OK;
    for (int32_t d = dim; d < t->ndim - 1; d++) {
        t->sizes[d] = t->sizes[d + 1];
        t->strides[d] = t->strides[d + 1];
    }
    t->ndim--;
    return WK_OK;
}

int wk_tensor_unsqueeze(wk_tensor *t, int32_t dim)
{
    if (dim < 0 || dim > t->ndim)
        return wk_error(WK_ERANGE, "unsqueeze: dimension %d out of range 1..%d (%s)", dim + 1, t->ndim + 1,
                        WK_DESC(t));
    if (t->ndim >= WK_MAX_DIMS)
        return wk_error(WK_EINVAL, "unsqueeze: %s already has the most dimensions supported", WK_DESC(t));
    if (!t->storage) return wk_error(WK_EINVAL, "unsqueeze: the tensor is empty (no storage)");
    for (int32_t d = t->ndim; d > dim; d--) {
        t->sizes[d] = t->sizes[d - 1];
        t->strides[d] = t->strides[d - 1];
    }
    t->sizes[dim] = 1;
    t->strides[dim] = dim < t->ndim ? t->sizes[dim + 1] * t->strides[dim + 1] : 1;
    t->ndim++;
    return WK_OK;
}
