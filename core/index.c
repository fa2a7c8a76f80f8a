/*
 * index.c — masked and indexed reads and writes: maskedFill/Copy/Select, index (select), indexCopy,
 * indexAdd, indexFill, gather, scatter (tensor, value, add) and nonzero.
 *
 * Masks are uint8 (Torch7's ByteTensor; any non-zero byte counts as set). A mask broadcasts to
 * the tensor or, as Torch7 allows, has as many elements and is taken in row-major order.
 * Index tensors are int64 counting from index_base (1 from Lua). Every index is checked, and the
 * error names the operation, the index, its position and the valid range. indexCopy, indexAdd
 * and indexFill check every index first, so a bad one leaves the target untouched; gather and
 * the scatters check as they go (a scatter stops at the bad index, as Torch7's did).
 *
 * Moves that do not compute (select, copy, gather, scatter) work on element bytes and so serve
 * every dtype; additions are stamped per native dtype.
 */
#include "iter.h"
#include <omp.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------- */
/* Checks and shapes                                                                            */

static int check_cpu(const wk_tensor *t, const char *op)
{
    if (t->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "%s: %s needs the CUDA back end", op, WK_DESC(t));
    return WK_OK;
}

static int check_same_dtype(const wk_tensor *t, const wk_tensor *src, const char *op)
{
    if (t->dtype != src->dtype)
        return wk_error(WK_EINVAL, "%s: the source %s and the destination %s differ in type", op, WK_DESC(src),
                        WK_DESC(t));
    return WK_OK;
}

static int check_dim(const wk_tensor *t, int32_t dim, const char *op)
{
    if (dim < 0 || dim >= t->ndim)
        return wk_error(WK_ERANGE, "%s: dimension %d out of range for %s", op, dim + 1, WK_DESC(t));
    return WK_OK;
}

static int check_index_tensor(const wk_tensor *index, const char *op)
{
    if (index->dtype != WK_I64)
        return wk_error(WK_EINVAL, "%s: the index must be a torch.LongTensor, got %s", op, WK_DESC(index));
    return check_cpu(index, op);
}

/* The first index outside [base, base + limit) in row-major order. */
typedef struct { int64_t base, limit, seen, bad_at, bad_value; } index_scan;

__attribute__((target_clones("avx2", "default")))
static void scan_indices(char **data, const int64_t *strides, int64_t n, void *context)
{
    index_scan *c = context;
    if (c->bad_at >= 0) return;
    int64_t low = c->base, high = c->base + c->limit;       /* valid: low <= v < high */
    int64_t bad = 0;
    if (strides[0] == sizeof(int64_t)) {
        const int64_t *v = (const int64_t *)data[0];
        for (int64_t i = 0; i < n; i++) bad |= (v[i] < low) | (v[i] >= high);
    } else {
        for (int64_t i = 0; i < n; i++) {
            int64_t v = *(const int64_t *)(data[0] + i * strides[0]);
            bad |= (v < low) | (v >= high);
        }
    }
    if (bad) {
        for (int64_t i = 0; i < n; i++) {
            int64_t v = *(const int64_t *)(data[0] + i * strides[0]);
            if (v < low || v >= high) {
                c->bad_at = c->seen + i;
                c->bad_value = v;
                break;
            }
        }
    }
    c->seen += n;
}

/* The message for the bad index a scan found. */
static int index_error(const index_scan *scan, const wk_tensor *t, int32_t dim, const char *op)
{
    if (t->sizes[dim] == 0)
        return wk_error(WK_ERANGE, "%s: index %lld out of range: dimension %d of %s is empty", op,
                        (long long)scan->bad_value, dim + 1, WK_DESC(t));
    return wk_error(WK_ERANGE, "%s: index %lld (element %lld of the index) out of range %lld..%lld for dimension %d "
                    "of %s", op, (long long)scan->bad_value, (long long)scan->bad_at + 1, (long long)scan->base,
                    (long long)(scan->base + t->sizes[dim] - 1), dim + 1, WK_DESC(t));
}

/* Every index must address one of the entries of `dim` of `t`. */
static int check_indices(const wk_tensor *index, int64_t base, const wk_tensor *t, int32_t dim, const char *op)
{
    if (wk_tensor_numel(index) == 0) return WK_OK;
    wk_iter it;
    const wk_tensor *operands[1] = {index};
    if (wk_iter_init(&it, 1, operands, op) != WK_OK) return wk_last_status();
    index_scan scan = {base, t->sizes[dim], 0, -1, 0};
    wk_iter_run(&it, 0, it.numel, scan_indices, &scan);
    return scan.bad_at < 0 ? WK_OK : index_error(&scan, t, dim, op);
}

/* Whether src broadcasts to the shape of t. */
static bool broadcasts_to(const wk_tensor *src, const wk_tensor *t)
{
    if (src->ndim > t->ndim) return false;
    for (int32_t d = 0; d < src->ndim; d++) {
        int64_t s = src->sizes[d], size = t->sizes[d + t->ndim - src->ndim];
        if (s != size && s != 1) return false;
    }
    return true;
}

/* A new header over `mask` that the iterator can pair with t: the mask itself when it broadcasts
 * to t, else (same number of elements, Torch7's rule) a view with t's shape, through a
 * contiguous copy when needed. NULL with a message otherwise. */
static wk_tensor *mask_like(const wk_tensor *t, const wk_tensor *mask, const char *op)
{
    if (mask->dtype != WK_U8)
        return wk_error_null(WK_EINVAL, "%s: the mask must be a torch.ByteTensor, got %s", op, WK_DESC(mask));
    if (check_cpu(mask, op) != WK_OK) return NULL;
    if (broadcasts_to(mask, t) && !(wk_tensor_numel(mask) == 0 && wk_tensor_numel(t) != 0))
        return wk_tensor_new_alias(mask);
    if (wk_tensor_numel(mask) != wk_tensor_numel(t))
        return wk_error_null(WK_ESHAPE, "%s: the mask %s neither broadcasts to %s nor has as many elements", op,
                             WK_DESC(mask), WK_DESC(t));
    wk_tensor *shaped = wk_tensor_new_contiguous(mask);
    if (!shaped) return NULL;
    if ((t->ndim > 0 || t->storage) && wk_tensor_view(shaped, t->ndim, t->sizes) != WK_OK) {
        wk_tensor_free(shaped);
        return NULL;
    }
    return shaped;
}

/* A view header on the stack: the same storage as t, no reference taken. Lives within a call. */
static wk_tensor borrowed_view(const wk_tensor *t)
{
    wk_tensor v = *t;
    v.refcount = 1;
    return v;
}

/* Counts set mask bytes: operand 1 of the iterator (operand 0 gives the shape). */
static void count_set(char **data, const int64_t *strides, int64_t n, void *context)
{
    int64_t count = 0;
    if (strides[1] == 1) {
        const uint8_t *m = (const uint8_t *)data[1];
        for (int64_t i = 0; i < n; i++) count += m[i] != 0;
    } else {
        for (int64_t i = 0; i < n; i++) count += *(const uint8_t *)(data[1] + i * strides[1]) != 0;
    }
    *(int64_t *)context += count;
}

/* ------------------------------------------------------------------------------------------- */
/* Masked                                                                                        */

#define MASKED_LOOPS(DTYPE, T, NAME)                                                                \
    static void masked_fill_##NAME(char **data, const int64_t *strides, int64_t n, void *context)   \
    {                                                                                               \
        T value = *(const T *)context;                                                              \
        if (strides[0] == sizeof(T) && strides[1] == 1) {                                           \
            T *out = (T *)data[0];                                                                  \
            const uint8_t *m = (const uint8_t *)data[1];                                            \
            for (int64_t i = 0; i < n; i++) out[i] = m[i] ? value : out[i];                         \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++)                                                         \
                if (*(const uint8_t *)(data[1] + i * strides[1])) *(T *)(data[0] + i * strides[0]) = value; \
        }                                                                                           \
    }
WK_NATIVE_TYPES(MASKED_LOOPS)
#define MASKED_FILL_ENTRY(DTYPE, T, NAME) [DTYPE] = masked_fill_##NAME,
static const wk_loop_fn masked_fill_loops[WK_F64 + 1] = {WK_NATIVE_TYPES(MASKED_FILL_ENTRY)};

/* One element of `dtype` holding value (what fill would store), for byte-wise writers. */
static void element_bytes(int32_t dtype, double value, void *out)
{
    switch (dtype) {
    case WK_U8: *(uint8_t *)out = (uint8_t)value; break;
    case WK_I8: *(int8_t *)out = (int8_t)value; break;
    case WK_I16: *(int16_t *)out = (int16_t)value; break;
    case WK_I32: *(int32_t *)out = (int32_t)value; break;
    case WK_I64: *(int64_t *)out = (int64_t)value; break;
    case WK_F32: *(float *)out = (float)value; break;
    case WK_F64: *(double *)out = value; break;
    case WK_F16: *(uint16_t *)out = wk_float_to_half((float)value); break;
    case WK_BF16: *(uint16_t *)out = wk_float_to_bf16((float)value); break;
    }
}

/* Byte-wise masked fill, for the 16-bit float types. */
static void masked_fill_u16(char **data, const int64_t *strides, int64_t n, void *context)
{
    uint16_t value = *(const uint16_t *)context;
    for (int64_t i = 0; i < n; i++)
        if (*(const uint8_t *)(data[1] + i * strides[1])) *(uint16_t *)(data[0] + i * strides[0]) = value;
}

int wk_masked_fill(wk_tensor *t, const wk_tensor *mask, double value)
{
    if (check_cpu(t, "maskedFill") != WK_OK) return wk_last_status();
    wk_tensor *m = mask_like(t, mask, "maskedFill");
    if (!m) return wk_last_status();
    int rc = WK_OK;
    if (wk_tensor_numel(t) > 0) {
        wk_iter it;
        const wk_tensor *operands[2] = {t, m};
        rc = wk_iter_init(&it, 2, operands, "maskedFill");
        if (rc == WK_OK) {
            uint64_t element = 0;
            element_bytes(t->dtype, value, &element);
            wk_iter_for(&it, WK_GRAIN, t->dtype <= WK_F64 ? masked_fill_loops[t->dtype] : masked_fill_u16, &element);
        }
    }
    wk_tensor_free(m);
    return rc;
}

/* Copies between masked positions and a contiguous run, in row-major order: operand 0 is the
 * tensor, operand 1 the mask. `into_tensor` picks the direction (maskedCopy vs maskedSelect). */
typedef struct { char *run, *end; int64_t element; bool into_tensor; } masked_move;

#define MASKED_MOVE(BITS)                                                                           \
    static void masked_move_##BITS(char **data, const int64_t *strides, int64_t n, masked_move *c)  \
    {                                                                                               \
        uint##BITS##_t *run = (uint##BITS##_t *)c->run, *end = (uint##BITS##_t *)c->end;            \
        char *d0 = data[0], *d1 = data[1];     /* locals: stores through run may alias data[] */    \
        int64_t s0 = strides[0], s1 = strides[1];                                                   \
        if (c->into_tensor) {                                                                       \
            for (int64_t i = 0; i < n; i++)                                                         \
                if (*(const uint8_t *)(d1 + i * s1))                                                \
                    *(uint##BITS##_t *)(d0 + i * s0) = *run++;                                      \
        } else {                                                                                    \
            /* written every time, kept only where the mask is set: no branch to mispredict (but    \
             * none past the end of the run, which the last selected element reaches) */            \
            for (int64_t i = 0; i < n && run < end; i++) {                                          \
                *run = *(const uint##BITS##_t *)(d0 + i * s0);                                      \
                run += *(const uint8_t *)(d1 + i * s1) != 0;                                        \
            }                                                                                       \
        }                                                                                           \
        c->run = (char *)run;                                                                       \
    }
MASKED_MOVE(8)
MASKED_MOVE(16)
MASKED_MOVE(32)
MASKED_MOVE(64)

static void masked_move_loop(char **data, const int64_t *strides, int64_t n, void *context)
{
    masked_move *c = context;
    switch (c->element) {
    case 1: masked_move_8(data, strides, n, c); break;
    case 2: masked_move_16(data, strides, n, c); break;
    case 4: masked_move_32(data, strides, n, c); break;
    default: masked_move_64(data, strides, n, c); break;
    }
}

static int64_t count_mask(const wk_iter *it)
{
    int64_t count = 0;
    wk_iter_run(it, 0, it->numel, count_set, &count);
    return count;
}

int wk_masked_copy(wk_tensor *t, const wk_tensor *mask, const wk_tensor *src)
{
    if (check_cpu(t, "maskedCopy") != WK_OK || check_cpu(src, "maskedCopy") != WK_OK ||
        check_same_dtype(t, src, "maskedCopy") != WK_OK)
        return wk_last_status();
    wk_tensor *m = mask_like(t, mask, "maskedCopy");
    if (!m) return wk_last_status();
    wk_tensor *source = NULL;
    int rc = WK_OK;
    if (wk_tensor_numel(t) == 0) goto done;
    wk_iter it;
    const wk_tensor *operands[2] = {t, m};
    if ((rc = wk_iter_init(&it, 2, operands, "maskedCopy")) != WK_OK) goto done;
    int64_t count = count_mask(&it);
    if (count > wk_tensor_numel(src)) {
        rc = wk_error(WK_ESHAPE, "maskedCopy: the mask selects %lld elements but the source %s has only %lld",
                      (long long)count, WK_DESC(src), (long long)wk_tensor_numel(src));
        goto done;
    }
    if (count == 0) goto done;
    /* A contiguous source of its own (a copy when it shares t's storage, which the loop writes). */
    source = src->storage == t->storage ? wk_tensor_new_clone(src) : wk_tensor_new_contiguous(src);
    if (!source) {
        rc = wk_last_status();
        goto done;
    }
    masked_move move = {wk_tensor_data(source), NULL, wk_dtype_size(t->dtype), true};
    wk_iter_run(&it, 0, it.numel, masked_move_loop, &move);
done:
    wk_tensor_free(source);
    wk_tensor_free(m);
    return rc;
}

/* Whether out shares memory with in (then results go through a temporary). */
static bool shares_storage(const wk_tensor *out, const wk_tensor *in)
{
    return out->storage != NULL && out->storage == in->storage;
}

/* Puts `result` (a temporary) into `out`: resize and copy. Frees result. */
static int deliver(wk_tensor *out, wk_tensor *result)
{
    int rc = wk_tensor_resize(out, result->ndim, result->sizes);
    if (rc == WK_OK && wk_tensor_numel(result) > 0) rc = wk_copy(out, result);
    wk_tensor_free(result);
    return rc;
}

int wk_masked_select(wk_tensor *out, const wk_tensor *a, const wk_tensor *mask)
{
    if (check_cpu(a, "maskedSelect") != WK_OK || check_same_dtype(out, a, "maskedSelect") != WK_OK)
        return wk_last_status();
    wk_tensor *m = mask_like(a, mask, "maskedSelect");
    if (!m) return wk_last_status();
    wk_tensor *target = out;
    int rc = WK_OK;
    int64_t count = 0;
    wk_iter it;
    if (wk_tensor_numel(a) > 0) {
        const wk_tensor *operands[2] = {a, m};
        if ((rc = wk_iter_init(&it, 2, operands, "maskedSelect")) != WK_OK) goto done;
        count = count_mask(&it);
    }
    if (shares_storage(out, a) || shares_storage(out, mask)) {
        if (!(target = wk_tensor_new(a->dtype))) {
            rc = wk_last_status();
            goto done;
        }
    }
    if ((rc = wk_tensor_resize(target, 1, &count)) != WK_OK) goto done;
    if (count > 0) {
        char *run = wk_tensor_data(target);
        masked_move move = {run, run + count * wk_dtype_size(a->dtype), wk_dtype_size(a->dtype), false};
        wk_iter_run(&it, 0, it.numel, masked_move_loop, &move);
    }
    if (target != out) {
        rc = deliver(out, target);
        target = out;
    }
done:
    if (target != out) wk_tensor_free(target);
    wk_tensor_free(m);
    return rc;
}

/* ------------------------------------------------------------------------------------------- */
/* Index along a dimension                                                                      */

/* t as (outer, size, inner) around dim, for contiguous t. */
static void around_dim(const wk_tensor *t, int32_t dim, int64_t *outer, int64_t *inner)
{
    *outer = 1;
    *inner = 1;
    for (int32_t d = 0; d < dim; d++) *outer *= t->sizes[d];
    for (int32_t d = dim + 1; d < t->ndim; d++) *inner *= t->sizes[d];
}

/* n elements of `element` bytes from src to dst, both contiguous. */
static inline void copy_elements(char *dst, const char *src, int64_t n, int64_t element)
{
    memcpy(dst, src, (size_t)(n * element));
}

/* out[o][j] = a[o][index[j]] for single elements (inner == 1): one typed gather per size. */
#define GATHER_ROW(BITS)                                                                            \
    static void gather_row_##BITS(char *dst, const char *src, const int64_t *index, int64_t count,  \
                                  int64_t base)                                                     \
    {                                                                                               \
        uint##BITS##_t *out = (uint##BITS##_t *)dst;                                                \
        const uint##BITS##_t *in = (const uint##BITS##_t *)src;                                     \
        for (int64_t j = 0; j < count; j++) out[j] = in[index[j] - base];                           \
    }
GATHER_ROW(8)
GATHER_ROW(16)
GATHER_ROW(32)
GATHER_ROW(64)

typedef struct {
    char *out;
    const char *a;
    const int64_t *index;
    int64_t count, size, inner, element, base;
} select_job;

/* Rows [begin, end) of out seen as (outer * count) rows of `inner` elements. */
static void index_select_rows(const select_job *job, int64_t begin, int64_t end)
{
    int64_t row_bytes = job->inner * job->element;
    if (job->inner == 1) {
        /* Whole (outer) rows at a time, with a typed gather. */
        for (int64_t r = begin; r < end;) {
            int64_t o = r / job->count, j = r % job->count;
            int64_t take = job->count - j < end - r ? job->count - j : end - r;
            char *dst = job->out + r * job->element;
            const char *src = job->a + o * job->size * job->element;
            switch (job->element) {
            case 1: gather_row_8(dst, src, job->index + j, take, job->base); break;
            case 2: gather_row_16(dst, src, job->index + j, take, job->base); break;
            case 4: gather_row_32(dst, src, job->index + j, take, job->base); break;
            default: gather_row_64(dst, src, job->index + j, take, job->base); break;
            }
            r += take;
        }
        return;
    }
    for (int64_t r = begin; r < end; r++) {
        int64_t o = r / job->count, j = r % job->count;
        copy_elements(job->out + r * row_bytes, job->a + (o * job->size + job->index[j] - job->base) * row_bytes,
                      job->inner, job->element);
    }
}

int wk_index_select(wk_tensor *out, const wk_tensor *a, int32_t dim, const wk_tensor *index, int64_t index_base)
{
    static const char op[] = "index";
    if (check_cpu(a, op) != WK_OK || check_index_tensor(index, op) != WK_OK || check_dim(a, dim, op) != WK_OK ||
        check_same_dtype(out, a, op) != WK_OK)
        return wk_last_status();
    if (index->ndim > 1)
        return wk_error(WK_ESHAPE, "index: the index must be a vector, got %s", WK_DESC(index));
    if (check_indices(index, index_base, a, dim, op) != WK_OK) return wk_last_status();
    int64_t count = wk_tensor_numel(index);
    int64_t sizes[WK_MAX_DIMS];
    memcpy(sizes, a->sizes, sizeof sizes);
    sizes[dim] = count;

    wk_tensor *target = out, *source = NULL, *indexes = NULL;
    int rc = WK_OK;
    if (shares_storage(out, a) || shares_storage(out, index)) {
        if (!(target = wk_tensor_new(a->dtype))) return wk_last_status();
    }
    if ((rc = wk_tensor_resize(target, a->ndim, sizes)) != WK_OK) goto done;
    if (wk_tensor_numel(target) == 0) goto done;
    if (!(indexes = wk_tensor_new_contiguous(index))) {
        rc = wk_last_status();
        goto done;
    }
    const int64_t *idx = wk_tensor_data(indexes);

    if (wk_tensor_is_contiguous(a)) {
        select_job job = {wk_tensor_data(target), wk_tensor_data(a), idx, count, a->sizes[dim], 0,
                          wk_dtype_size(a->dtype), index_base};
        int64_t outer;
        around_dim(a, dim, &outer, &job.inner);
        int64_t rows = outer * count;
        int32_t threads = wk_get_num_threads();
        if (rows * job.inner < 2 * WK_GRAIN || threads < 2 || rows < 2) {
            index_select_rows(&job, 0, rows);
        } else {
            #pragma omp parallel num_threads(threads)
            {
                int64_t parts = omp_get_num_threads(), part = omp_get_thread_num();
                index_select_rows(&job, rows * part / parts, rows * (part + 1) / parts);
            }
        }
    } else {
        /* Strided source: one slice copy per index. */
        for (int64_t j = 0; j < count && rc == WK_OK; j++) {
            wk_tensor from = borrowed_view(a), to = borrowed_view(target);
            wk_tensor_select(&from, dim, idx[j] - index_base);
            wk_tensor_select(&to, dim, j);
            rc = wk_copy(&to, &from);
        }
    }
done:
    wk_tensor_free(source);
    wk_tensor_free(indexes);
    if (target != out) {
        if (rc == WK_OK) return deliver(out, target);
        wk_tensor_free(target);
    }
    return rc;
}

/* data[0][i] += data[1][i] */
#define ADD_LOOP(DTYPE, T, NAME)                                                                    \
    static void add_##NAME(char **data, const int64_t *strides, int64_t n, void *context)           \
    {                                                                                               \
        (void)context;                                                                              \
        if (strides[0] == sizeof(T) && strides[1] == sizeof(T)) {                                   \
            T *out = (T *)data[0];                                                                  \
            const T *in = (const T *)data[1];                                                       \
            for (int64_t i = 0; i < n; i++) out[i] += in[i];                                        \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++)                                                         \
                *(T *)(data[0] + i * strides[0]) += *(const T *)(data[1] + i * strides[1]);         \
        }                                                                                           \
    }
WK_NATIVE_TYPES(ADD_LOOP)
#define ADD_ENTRY(DTYPE, T, NAME) [DTYPE] = add_##NAME,
static const wk_loop_fn add_loops[WK_F64 + 1] = {WK_NATIVE_TYPES(ADD_ENTRY)};

/* Shared checks of indexCopy / indexAdd: src is t with dim resized to the index's length. */
static int check_index_source(const wk_tensor *t, int32_t dim, const wk_tensor *index, const wk_tensor *src,
                              const char *op)
{
    if (check_cpu(t, op) != WK_OK || check_cpu(src, op) != WK_OK || check_index_tensor(index, op) != WK_OK ||
        check_dim(t, dim, op) != WK_OK || check_same_dtype(t, src, op) != WK_OK)
        return wk_last_status();
    if (index->ndim > 1) return wk_error(WK_ESHAPE, "%s: the index must be a vector, got %s", op, WK_DESC(index));
    bool fits = src->ndim == t->ndim;
    for (int32_t d = 0; d < t->ndim && fits; d++)
        fits = src->sizes[d] == (d == dim ? wk_tensor_numel(index) : t->sizes[d]);
    if (!fits)
        return wk_error(WK_ESHAPE, "%s: the source %s does not match %s with dimension %d of size %lld (the index's "
                        "length)", op, WK_DESC(src), WK_DESC(t), dim + 1, (long long)wk_tensor_numel(index));
    return WK_OK;
}

/* t.select(dim, index[j]) (op)= src.select(dim, j) for each j, in order (a repeated index: the
 * last copy wins, every add counts). */
static int index_combine(wk_tensor *t, int32_t dim, const wk_tensor *index, const wk_tensor *src, int64_t base,
                         bool add, const char *op)
{
    if (check_index_source(t, dim, index, src, op) != WK_OK) return wk_last_status();
    if (add && t->dtype > WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: not available for %s (a storage-only type)", op, WK_DESC(t));
    if (check_indices(index, base, t, dim, op) != WK_OK) return wk_last_status();
    int64_t count = wk_tensor_numel(index);
    if (count == 0 || wk_tensor_numel(t) == 0) return WK_OK;
    wk_tensor *indexes = wk_tensor_new_contiguous(index);
    wk_tensor *source = indexes ? (shares_storage(t, src) ? wk_tensor_new_clone(src) : wk_tensor_new_alias(src))
                                : NULL;
    if (!source) {
        wk_tensor_free(indexes);
        return wk_last_status();
    }
    const int64_t *idx = wk_tensor_data(indexes);
    int rc = WK_OK;

    if (wk_tensor_is_contiguous(t) && wk_tensor_is_contiguous(source)) {
        int64_t outer, inner, element = wk_dtype_size(t->dtype);
        around_dim(t, dim, &outer, &inner);
        char *dst = wk_tensor_data(t);
        const char *from = wk_tensor_data(source);
        int64_t strides[2] = {element, element};
        for (int64_t o = 0; o < outer; o++) {
            for (int64_t j = 0; j < count; j++) {
                char *data[2] = {dst + ((o * t->sizes[dim] + idx[j] - base) * inner) * element,
                                 (char *)from + ((o * count + j) * inner) * element};
                if (add) add_loops[t->dtype](data, strides, inner, NULL);
                else copy_elements(data[0], data[1], inner, element);
            }
        }
    } else {
        for (int64_t j = 0; j < count && rc == WK_OK; j++) {
            wk_tensor to = borrowed_view(t), from = borrowed_view(source);
            wk_tensor_select(&to, dim, idx[j] - base);
            wk_tensor_select(&from, dim, j);
            if (!add) {
                rc = wk_copy(&to, &from);
            } else if (wk_tensor_numel(&to) > 0) {
                wk_iter it;
                const wk_tensor *operands[2] = {&to, &from};
                if ((rc = wk_iter_init(&it, 2, operands, op)) == WK_OK)
                    wk_iter_run(&it, 0, it.numel, add_loops[t->dtype], NULL);
            }
        }
    }
    wk_tensor_free(source);
    wk_tensor_free(indexes);
    return rc;
}

int wk_index_copy(wk_tensor *t, int32_t dim, const wk_tensor *index, const wk_tensor *src, int64_t index_base)
{
    return index_combine(t, dim, index, src, index_base, false, "indexCopy");
}

int wk_index_add(wk_tensor *t, int32_t dim, const wk_tensor *index, const wk_tensor *src, int64_t index_base)
{
    return index_combine(t, dim, index, src, index_base, true, "indexAdd");
}

int wk_index_fill(wk_tensor *t, int32_t dim, const wk_tensor *index, double value, int64_t index_base)
{
    static const char op[] = "indexFill";
    if (check_cpu(t, op) != WK_OK || check_index_tensor(index, op) != WK_OK || check_dim(t, dim, op) != WK_OK)
        return wk_last_status();
    if (index->ndim > 1) return wk_error(WK_ESHAPE, "%s: the index must be a vector, got %s", op, WK_DESC(index));
    if (check_indices(index, index_base, t, dim, op) != WK_OK) return wk_last_status();
    int64_t count = wk_tensor_numel(index);
    if (count == 0) return WK_OK;
    wk_tensor *indexes = wk_tensor_new_contiguous(index);
    if (!indexes) return wk_last_status();
    const int64_t *idx = wk_tensor_data(indexes);
    int rc = WK_OK;
    for (int64_t j = 0; j < count && rc == WK_OK; j++) {
        wk_tensor slice = borrowed_view(t);
        wk_tensor_select(&slice, dim, idx[j] - index_base);
        rc = wk_fill(&slice, value);
    }
    wk_tensor_free(indexes);
    return rc;
}

/* ------------------------------------------------------------------------------------------- */
/* Gather and scatter                                                                           */

/* Operand layout for the loops below: the iterator walks the index's shape. `dim_stride` is the
 * byte step of the indexed dimension in the tensor that is indexed into; that tensor's operand
 * is a view of it with the index's sizes and stride 0 along dim, so it points at the start of
 * each row and the index picks the element. */
typedef struct {
    int64_t dim_stride, base;
    uint64_t limit;                    /* the size of dim: valid indexes are base .. base + limit - 1 */
    int bad;                           /* set when an index was outside */
    int64_t seen, bad_at, bad_value;   /* scatters: elements done; where the first bad index was */
    const void *value;                 /* scatter of a value: its bytes */
} indexed_context;

/* A scatter met a bad index: it stops there (element i of the current run). */
static void stop_at(indexed_context *c, int64_t i, const char *index)
{
    c->bad = 1;
    c->bad_at = c->seen + i;
    c->bad_value = *(const int64_t *)index;
}

/* gather: operands (out, index, a-rows). */
#define GATHER_LOOP(BITS)                                                                           \
    /* (the range check is part of the loop: a bad index reads element 0 and is reported after) */  \
    static void gather_##BITS(char **data, const int64_t *strides, int64_t n, void *context)        \
    {                                                                                               \
        /* locals: stores through element pointers could otherwise alias data[] and strides[] */    \
        char *d0 = data[0], *d1 = data[1], *d2 = data[2];                                           \
        int64_t s0 = strides[0], s1 = strides[1], s2 = strides[2];                                  \
        indexed_context *c = context;                                                               \
        uint64_t limit = c->limit, bad = 0;                                                         \
        int64_t base = c->base, step = c->dim_stride;                                               \
        for (int64_t i = 0; i < n; i++) {                                                           \
            uint64_t j = (uint64_t)(*(const int64_t *)(d1 + i * s1) - base);                        \
            bad |= j >= limit;                                                                      \
            j = j < limit ? j : 0;                                                                  \
            *(uint##BITS##_t *)(d0 + i * s0) =                                                      \
                *(const uint##BITS##_t *)(d2 + i * s2 + (int64_t)j * step);                         \
        }                                                                                           \
        if (bad) __atomic_store_n(&c->bad, 1, __ATOMIC_RELAXED);                                    \
    }                                                                                               \
    /* scatter: operands (index, src, t-rows). */                                                   \
    static void scatter_##BITS(char **data, const int64_t *strides, int64_t n, void *context)       \
    {                                                                                               \
        /* locals: stores through element pointers could otherwise alias data[] and strides[] */    \
        char *d0 = data[0], *d1 = data[1], *d2 = data[2];                                           \
        int64_t s0 = strides[0], s1 = strides[1], s2 = strides[2];                                  \
        indexed_context *c = context;                                                               \
        if (c->bad) return;                                                                         \
        uint64_t limit = c->limit;                                                                  \
        int64_t base = c->base, step = c->dim_stride;                                               \
        for (int64_t i = 0; i < n; i++) {                                                           \
            uint64_t j = (uint64_t)(*(const int64_t *)(d0 + i * s0) - base);                        \
            if (j >= limit) {                                                                       \
                stop_at(c, i, d0 + i * s0);                                                         \
                return;                                                                             \
            }                                                                                       \
            *(uint##BITS##_t *)(d2 + i * s2 + (int64_t)j * step) =                                  \
                *(const uint##BITS##_t *)(d1 + i * s1);                                             \
        }                                                                                           \
        c->seen += n;                                                                               \
    }                                                                                               \
    /* scatter of a value: operands (index, t-rows). */                                             \
    static void scatter_fill_##BITS(char **data, const int64_t *strides, int64_t n, void *context)  \
    {                                                                                               \
        char *d0 = data[0], *d1 = data[1]; int64_t s0 = strides[0], s1 = strides[1];                \
        indexed_context *c = context;                                                               \
        if (c->bad) return;                                                                         \
        uint##BITS##_t value = *(const uint##BITS##_t *)c->value;                                   \
        uint64_t limit = c->limit;                                                                  \
        int64_t base = c->base, step = c->dim_stride;                                               \
        for (int64_t i = 0; i < n; i++) {                                                           \
            uint64_t j = (uint64_t)(*(const int64_t *)(d0 + i * s0) - base);                        \
            if (j >= limit) {                                                                       \
                stop_at(c, i, d0 + i * s0);                                                         \
                return;                                                                             \
            }                                                                                       \
            *(uint##BITS##_t *)(d1 + i * s1 + (int64_t)j * step) = value;                           \
        }                                                                                           \
        c->seen += n;                                                                               \
    }
GATHER_LOOP(8)
GATHER_LOOP(16)
GATHER_LOOP(32)
GATHER_LOOP(64)

#define SCATTER_ADD_LOOP(DTYPE, T, NAME)                                                            \
    static void scatter_add_##NAME(char **data, const int64_t *strides, int64_t n, void *context)   \
    {                                                                                               \
        /* locals: stores through element pointers could otherwise alias data[] and strides[] */    \
        char *d0 = data[0], *d1 = data[1], *d2 = data[2];                                           \
        int64_t s0 = strides[0], s1 = strides[1], s2 = strides[2];                                  \
        indexed_context *c = context;                                                               \
        if (c->bad) return;                                                                         \
        uint64_t limit = c->limit;                                                                  \
        int64_t base = c->base, step = c->dim_stride;                                               \
        for (int64_t i = 0; i < n; i++) {                                                           \
            uint64_t j = (uint64_t)(*(const int64_t *)(d0 + i * s0) - base);                        \
            if (j >= limit) {                                                                       \
                stop_at(c, i, d0 + i * s0);                                                         \
                return;                                                                             \
            }                                                                                       \
            *(T *)(d2 + i * s2 + (int64_t)j * step) +=                                              \
                *(const T *)(d1 + i * s1);                                                          \
        }                                                                                           \
        c->seen += n;                                                                               \
    }
WK_NATIVE_TYPES(SCATTER_ADD_LOOP)
#define SCATTER_ADD_ENTRY(DTYPE, T, NAME) [DTYPE] = scatter_add_##NAME,
static const wk_loop_fn scatter_add_loops[WK_F64 + 1] = {WK_NATIVE_TYPES(SCATTER_ADD_ENTRY)};

static wk_loop_fn by_element_size(int64_t element, wk_loop_fn f8, wk_loop_fn f16, wk_loop_fn f32, wk_loop_fn f64)
{
    switch (element) {
    case 1: return f8;
    case 2: return f16;
    case 4: return f32;
    default: return f64;
    }
}

/* The view of t that the loops index into: the index's sizes, stride 0 along dim. */
static wk_tensor rows_view(const wk_tensor *t, const wk_tensor *index, int32_t dim)
{
    wk_tensor v = borrowed_view(t);
    memcpy(v.sizes, index->sizes, sizeof v.sizes);
    v.strides[dim] = 0;
    return v;
}

/* The index must have t's number of dims and, outside dim, no larger sizes than `limit` has
 * (limit_name names it in the message). */
static int check_index_shape(const wk_tensor *index, const wk_tensor *limit, int32_t dim, bool check_dim_size,
                             const char *limit_name, const char *op)
{
    if (index->ndim != limit->ndim)
        return wk_error(WK_ESHAPE, "%s: the index %s and the %s %s differ in their number of dimensions", op,
                        WK_DESC(index), limit_name, WK_DESC(limit));
    for (int32_t d = 0; d < index->ndim; d++) {
        if ((d != dim || check_dim_size) && index->sizes[d] > limit->sizes[d])
            return wk_error(WK_ESHAPE, "%s: the index %s is larger than the %s %s in dimension %d", op,
                            WK_DESC(index), limit_name, WK_DESC(limit), d + 1);
    }
    return WK_OK;
}

int wk_gather(wk_tensor *out, const wk_tensor *a, int32_t dim, const wk_tensor *index, int64_t index_base)
{
    static const char op[] = "gather";
    if (check_cpu(a, op) != WK_OK || check_index_tensor(index, op) != WK_OK || check_dim(a, dim, op) != WK_OK ||
        check_same_dtype(out, a, op) != WK_OK ||
        check_index_shape(index, a, dim, false, "source", op) != WK_OK)
        return wk_last_status();
    wk_tensor *target = out;
    if (shares_storage(out, a) || shares_storage(out, index)) {
        if (!(target = wk_tensor_new(a->dtype))) return wk_last_status();
    }
    int rc = wk_tensor_resize(target, index->ndim, index->sizes);
    if (rc == WK_OK && wk_tensor_numel(index) > 0) {
        int64_t element = wk_dtype_size(a->dtype);
        wk_tensor rows = rows_view(a, index, dim);
        wk_iter it;
        const wk_tensor *operands[3] = {target, index, &rows};
        if ((rc = wk_iter_init(&it, 3, operands, op)) == WK_OK) {
            indexed_context c = {a->strides[dim] * element, index_base, (uint64_t)a->sizes[dim], 0, 0, -1, 0, NULL};
            wk_iter_for(&it, WK_GRAIN, by_element_size(element, gather_8, gather_16, gather_32, gather_64), &c);
            if (c.bad) rc = check_indices(index, index_base, a, dim, op);   /* finds it for the message */
        }
    }
    if (target != out) {
        if (rc == WK_OK) return deliver(out, target);
        wk_tensor_free(target);
    }
    return rc;
}

/* The scatters run serially, in the index's row-major order, so that repeated targets end the
 * same way every time (the last write wins; every addition counts). Each index is checked as it
 * is used: a bad one stops the scatter there with an error, what came before it written (as
 * Torch7; a separate pass over the indexes first cost a third of the time). */

static int scatter_common(wk_tensor *t, int32_t dim, const wk_tensor *index, const wk_tensor *src, double value,
                          int64_t base, int kind, const char *op)
{
    if (check_cpu(t, op) != WK_OK || check_index_tensor(index, op) != WK_OK || check_dim(t, dim, op) != WK_OK ||
        check_index_shape(index, t, dim, false, "destination", op) != WK_OK)
        return wk_last_status();
    if (src && (check_cpu(src, op) != WK_OK || check_same_dtype(t, src, op) != WK_OK ||
                check_index_shape(index, src, dim, true, "source", op) != WK_OK))
        return wk_last_status();
    if (kind == 2 && t->dtype > WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: not available for %s (a storage-only type)", op, WK_DESC(t));
    if (wk_tensor_numel(index) == 0) return WK_OK;

    wk_tensor *source = NULL;
    if (src && !(source = shares_storage(t, src) ? wk_tensor_new_clone(src) : wk_tensor_new_alias(src)))
        return wk_last_status();
    int64_t element = wk_dtype_size(t->dtype);
    wk_tensor rows = rows_view(t, index, dim);
    wk_tensor src_part;
    uint64_t value_bytes = 0;
    indexed_context c = {t->strides[dim] * element, base, (uint64_t)t->sizes[dim], 0, 0, -1, 0, &value_bytes};
    wk_iter it;
    wk_loop_fn loop;
    int rc;
    if (kind == 1) {                                   /* a value */
        element_bytes(t->dtype, value, &value_bytes);
        const wk_tensor *operands[2] = {index, &rows};
        rc = wk_iter_init(&it, 2, operands, op);
        loop = by_element_size(element, scatter_fill_8, scatter_fill_16, scatter_fill_32, scatter_fill_64);
    } else {
        src_part = borrowed_view(source);              /* the part of src the index covers */
        memcpy(src_part.sizes, index->sizes, sizeof src_part.sizes);
        const wk_tensor *operands[3] = {index, &src_part, &rows};
        rc = wk_iter_init(&it, 3, operands, op);
        loop = kind == 2 ? scatter_add_loops[t->dtype]
                         : by_element_size(element, scatter_8, scatter_16, scatter_32, scatter_64);
    }
    if (rc == WK_OK) {
        wk_iter_run(&it, 0, it.numel, loop, &c);
        if (c.bad) {
            index_scan scan = {base, t->sizes[dim], c.seen, c.bad_at, c.bad_value};
            rc = index_error(&scan, t, dim, op);
        }
    }
    wk_tensor_free(source);
    return rc;
}

int wk_scatter(wk_tensor *t, int32_t dim, const wk_tensor *index, const wk_tensor *src, int64_t index_base)
{
    return scatter_common(t, dim, index, src, 0, index_base, 0, "scatter");
}

int wk_scatter_fill(wk_tensor *t, int32_t dim, const wk_tensor *index, double value, int64_t index_base)
{
    return scatter_common(t, dim, index, NULL, value, index_base, 1, "scatter");
}

int wk_scatter_add(wk_tensor *t, int32_t dim, const wk_tensor *index, const wk_tensor *src, int64_t index_base)
{
    return scatter_common(t, dim, index, src, 0, index_base, 2, "scatterAdd");
}

/* ------------------------------------------------------------------------------------------- */
/* Nonzero                                                                                      */

/* marks[i] = (element i of a strided run is not zero); NaN counts as non-zero. */
#define MARK_LOOP(DTYPE, T, NAME)                                                                   \
    static void mark_##NAME(const char *p, int64_t stride, int64_t n, uint8_t *marks)               \
    {                                                                                               \
        if (stride == sizeof(T)) {                                                                  \
            const T *v = (const T *)p;                                                              \
            for (int64_t i = 0; i < n; i++) marks[i] = v[i] != 0;                                   \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) marks[i] = *(const T *)(p + i * stride) != 0;           \
        }                                                                                           \
    }
WK_NATIVE_TYPES(MARK_LOOP)

/* float16 / bfloat16: zero when every bit but the sign is clear. */
static void mark_u16(const char *p, int64_t stride, int64_t n, uint8_t *marks)
{
    for (int64_t i = 0; i < n; i++) marks[i] = (*(const uint16_t *)(p + i * stride) & 0x7fff) != 0;
}

typedef void (*mark_fn)(const char *p, int64_t stride, int64_t n, uint8_t *marks);

int wk_nonzero(wk_tensor *out, const wk_tensor *a, int64_t index_base)
{
    static const mark_fn marks_by_dtype[WK_DTYPE_COUNT] = {
        [WK_U8] = mark_u8, [WK_I8] = mark_i8, [WK_I16] = mark_i16, [WK_I32] = mark_i32, [WK_I64] = mark_i64,
        [WK_F32] = mark_f32, [WK_F64] = mark_f64, [WK_F16] = mark_u16, [WK_BF16] = mark_u16};
    if (check_cpu(a, "nonzero") != WK_OK) return wk_last_status();
    if (out->dtype != WK_I64)
        return wk_error(WK_EINVAL, "nonzero: the result must be a torch.LongTensor, got %s", WK_DESC(out));
    int32_t ndim = a->ndim;
    int64_t numel = wk_tensor_numel(a);
    int64_t row = ndim > 0 ? a->sizes[ndim - 1] : 1;   /* the innermost dim is scanned a row at a time */
    int64_t row_stride = ndim > 0 ? a->strides[ndim - 1] * wk_dtype_size(a->dtype) : 0;
    int64_t rows = row > 0 ? numel / row : 0;
    mark_fn mark = marks_by_dtype[a->dtype];

    uint8_t *marks = malloc((size_t)(row > 0 ? row : 1));
    if (!marks) return wk_error(WK_ENOMEM, "nonzero: out of memory");
    wk_tensor *target = shares_storage(out, a) ? wk_tensor_new(WK_I64) : out;
    int rc = target ? WK_OK : wk_last_status();

    /* Two passes over the rows: count, then write the coordinates. */
    int64_t count = 0;
    int64_t position[WK_MAX_DIMS] = {0};
    int64_t *coordinates = NULL;
    for (int pass = 0; pass < 2 && rc == WK_OK; pass++) {
        if (pass == 1) {
            int64_t sizes[2] = {count, ndim};
            if ((rc = wk_tensor_resize(target, 2, sizes)) != WK_OK) break;
            coordinates = wk_tensor_data(target);
            memset(position, 0, sizeof position);
        }
        const char *base = wk_tensor_data(a);
        for (int64_t r = 0; r < rows; r++) {
            const char *p = base;
            for (int32_t d = 0; d < ndim - 1; d++) p += position[d] * a->strides[d] * wk_dtype_size(a->dtype);
            mark(p, row_stride, row, marks);
            if (pass == 0) {
                for (int64_t i = 0; i < row; i++) count += marks[i];
            } else {
                for (int64_t i = 0; i < row; i++) {
                    if (!marks[i]) continue;
                    for (int32_t d = 0; d < ndim - 1; d++) *coordinates++ = position[d] + index_base;
                    if (ndim > 0) *coordinates++ = i + index_base;
                }
            }
            for (int32_t d = ndim - 2; d >= 0; d--) {  /* next row: carry through the outer dims */
                if (++position[d] < a->sizes[d]) break;
                position[d] = 0;
            }
        }
    }
    free(marks);
    if (target != out) {
        if (rc == WK_OK) return deliver(out, target);
        wk_tensor_free(target);
    }
    return rc;
}
