/*
 * sort.c — order statistics along a dimension: sort (stable), topk, kthvalue, mode; and the
 * histogram, histc. (Whole-tensor and per-dimension reductions are in reduce.c.)
 *
 * Each line along the dimension becomes (key, index) pairs. The key is an unsigned 64-bit
 * number whose order is the elements' order, so one sort serves every dtype:
 *   - unsigned integers: the value; signed integers: the value with its sign bit flipped;
 *   - floats, through double (exact for float): the bits with the sign bit flipped for
 *     positive numbers and every bit flipped for negative ones; -0.0 is taken as +0.0;
 *   - NaN: the largest key of all. NaN is thus larger than every number (+inf included) and
 *     equal to any other NaN: ascending sorts put NaNs last and descending sorts first (in
 *     their original order), topk with largest=1 takes them first, kthvalue counts them as the
 *     largest values, and mode counts them as one value.
 * Descending order flips every key bit, then sorts ascending: stability is kept for ties.
 * Pairs compare by key, then by original index, so every result is deterministic: sort is
 * stable, topk and kthvalue take the first-indexed of equal elements first, and mode returns
 * the smallest of the most frequent values with the index of its last occurrence.
 *
 * Sorting is an LSD radix sort on the keys for lines of 512 and more (stable, a pass per byte
 * where the keys differ), a merge sort below (stable, insertion sort below 16 items);
 * selection (topk, kthvalue) is a quickselect on median-of-3 pivots that falls back to the
 * merge sort if it has not converged after 64 rounds, except for a topk of k <= n/16, which
 * keeps a heap of the best k (about one comparison per element). Values are written by copying elements
 * from the input at the chosen indices, so they are exact in every dtype.
 *
 * Lines are spread over threads with wk_iter_for; each thread sorts in its own scratch buffer,
 * taken from the caching allocator once per call.
 */
#include "iter.h"
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t key;
    int64_t index;
} sort_item;

enum { ORDER_SORT, ORDER_TOPK, ORDER_KTH, ORDER_MODE };

static const char *const order_names[] = {"sort", "topk", "kthvalue", "mode"};

/* ------------------------------------------------------------------------------------------- */
/* Keys                                                                                         */

static inline uint64_t unsigned_key(uint64_t v) { return v; }
static inline uint64_t signed_key(int64_t v) { return (uint64_t)v ^ (UINT64_C(1) << 63); }
static inline uint64_t float_key(double v)
{
    if (v != v) return UINT64_MAX;
    if (v == 0) v = 0.0;                               /* -0.0 sorts as +0.0 */
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return bits >> 63 ? ~bits : bits | (UINT64_C(1) << 63);
}

/* X(DTYPE, C_TYPE, NAME, KEY_FUNCTION) */
#define ORDER_TYPES(X)                 \
    X(WK_U8, uint8_t, u8, unsigned_key) \
    X(WK_I8, int8_t, i8, signed_key)   \
    X(WK_I16, int16_t, i16, signed_key) \
    X(WK_I32, int32_t, i32, signed_key) \
    X(WK_I64, int64_t, i64, signed_key) \
    X(WK_F32, float, f32, float_key)   \
    X(WK_F64, double, f64, float_key)

typedef void (*keys_fn)(sort_item *items, const char *src, int64_t step, int64_t n, uint64_t flip);

/* keys_<name>: the pairs of a line of n elements `step` bytes apart. */
#define KEYS_LOOP(DTYPE, T, NAME, KEY)                                                               \
    static void keys_##NAME(sort_item *items, const char *src, int64_t step, int64_t n, uint64_t flip) \
    {                                                                                                \
        for (int64_t i = 0; i < n; i++) {                                                            \
            items[i].key = KEY(*(const T *)(src + i * step)) ^ flip;                                 \
            items[i].index = i;                                                                      \
        }                                                                                            \
    }
ORDER_TYPES(KEYS_LOOP)

#define KEYS_ENTRY(DTYPE, T, NAME, KEY) [DTYPE] = keys_##NAME,
static const keys_fn keys_loops[WK_F64 + 1] = {ORDER_TYPES(KEYS_ENTRY)};

/* ------------------------------------------------------------------------------------------- */
/* Sorting and selection of pairs                                                               */

static inline bool item_less(sort_item a, sort_item b)
{
    return a.key < b.key || (a.key == b.key && a.index < b.index);
}

static void insertion_sort(sort_item *a, int64_t n)
{
    for (int64_t i = 1; i < n; i++) {
        sort_item x = a[i];
        int64_t j = i;
        while (j > 0 && item_less(x, a[j - 1])) a[j] = a[j - 1], j--;
        a[j] = x;
    }
}

/* Sorts a[0..n); tmp holds at least n/2 + 1 items. */
static void merge_sort(sort_item *a, sort_item *tmp, int64_t n)
{
    if (n <= 16) {
        insertion_sort(a, n);
        return;
    }
    int64_t half = n / 2;
    merge_sort(a, tmp, half);
    merge_sort(a + half, tmp, n - half);
    if (!item_less(a[half], a[half - 1])) return;      /* already in order */
    memcpy(tmp, a, (size_t)half * sizeof *a);
    int64_t i = 0, j = half, k = 0;
    while (i < half && j < n) a[k++] = item_less(a[j], tmp[i]) ? a[j++] : tmp[i++];
    while (i < half) a[k++] = tmp[i++];
}

/* Sorts a[0..n), whose items are in index order, by key; stable, so ties stay in index order as
 * merge_sort would leave them. LSD radix, 8 bits at a time; a digit on which every key agrees
 * costs nothing (float keys carry 29 zero bits from the conversion to double). tmp holds n items. */
static void radix_sort(sort_item *a, sort_item *tmp, int64_t n)
{
    int64_t counts[8][256] = {{0}};
    for (int64_t i = 0; i < n; i++)
        for (int d = 0; d < 8; d++) counts[d][(a[i].key >> (8 * d)) & 255]++;
    sort_item *src = a, *dst = tmp;
    for (int d = 0; d < 8; d++) {
        int64_t offsets[256], total = 0;
        bool trivial = false;
        for (int b = 0; b < 256; b++) {
            trivial = trivial || counts[d][b] == n;
            offsets[b] = total;
            total += counts[d][b];
        }
        if (trivial) continue;
        for (int64_t i = 0; i < n; i++) dst[offsets[(src[i].key >> (8 * d)) & 255]++] = src[i];
        sort_item *t = src;
        src = dst, dst = t;
    }
    if (src != a) memcpy(a, src, (size_t)n * sizeof *a);
}

/* Items in index order, sorted: radix for long lines, merge sort for short ones. */
static void sort_line_items(sort_item *a, sort_item *tmp, int64_t n)
{
    if (n >= 512) radix_sort(a, tmp, n);
    else merge_sort(a, tmp, n);
}

static inline void swap_items(sort_item *a, int64_t i, int64_t j)
{
    sort_item t = a[i];
    a[i] = a[j], a[j] = t;
}

/* Rearranges a[0..n) so that a[k] is the item a sort would put there, smaller ones before it
 * and larger ones after. */
static void select_nth(sort_item *a, sort_item *tmp, int64_t n, int64_t k)
{
    int64_t lo = 0, hi = n - 1;
    for (int round = 0; hi - lo > 16; round++) {
        if (round == 64) {                              /* a bad pivot sequence: sort the rest */
            merge_sort(a + lo, tmp, hi - lo + 1);
            return;
        }
        int64_t mid = lo + (hi - lo) / 2;
        if (item_less(a[mid], a[lo])) swap_items(a, mid, lo);
        if (item_less(a[hi], a[lo])) swap_items(a, hi, lo);
        if (item_less(a[hi], a[mid])) swap_items(a, hi, mid);
        sort_item pivot = a[mid];
        int64_t i = lo, j = hi;
        while (i <= j) {
            while (item_less(a[i], pivot)) i++;
            while (item_less(pivot, a[j])) j--;
            if (i <= j) swap_items(a, i++, j--);
        }
        /* now a[lo..j] <= pivot <= a[i..hi], and anything between equals the pivot */
        if (k <= j) hi = j;
        else if (k >= i) lo = i;
        else return;
    }
    insertion_sort(a + lo, hi - lo + 1);
}

/* Restores the max-heap order of a[0..n) below position i. */
static void sift_down(sort_item *a, int64_t n, int64_t i)
{
    sort_item x = a[i];
    for (;;) {
        int64_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && item_less(a[child], a[child + 1])) child++;
        if (!item_less(x, a[child])) break;
        a[i] = a[child];
        i = child;
    }
    a[i] = x;
}

/* Leaves the k smallest items of a[0..n) in a[0..k), in no order: a max-heap of the best k so
 * far, whose top a later item replaces when smaller. For k much smaller than n, where most
 * items cost one comparison. */
static void select_smallest(sort_item *a, int64_t n, int64_t k)
{
    for (int64_t i = k / 2 - 1; i >= 0; i--) sift_down(a, k, i);
    for (int64_t i = k; i < n; i++) {
        if (item_less(a[i], a[0])) {
            a[0] = a[i];
            sift_down(a, k, 0);
        }
    }
}

/* ------------------------------------------------------------------------------------------- */
/* Lines                                                                                        */

typedef struct {
    int32_t op;
    uint64_t flip;             /* ~0 for descending (and topk of the largest), else 0 */
    int64_t k;                 /* topk's count, kthvalue's 0-based position */
    int64_t length, step;      /* the input line: elements and byte stride */
    int64_t value_step, index_step, element, base;
    int32_t have_indices;
    keys_fn keys;
    sort_item *scratch;        /* per thread: length items, then as many for merging and radix */
    int64_t scratch_items;
    int32_t scratch_count;
} order_context;

static void copy_element(char *dst, const char *src, int64_t size)
{
    switch (size) {
    case 1: *(uint8_t *)dst = *(const uint8_t *)src; break;
    case 2: memcpy(dst, src, 2); break;
    case 4: memcpy(dst, src, 4); break;
    default: memcpy(dst, src, 8); break;
    }
}

/* Writes items[0..count) as values (copied from the line at src) and indices. */
static void write_items(const order_context *c, const sort_item *items, int64_t count, char *values, char *indices,
                        const char *src)
{
    for (int64_t i = 0; i < count; i++) {
        copy_element(values + i * c->value_step, src + items[i].index * c->step, c->element);
        if (indices) *(int64_t *)(indices + i * c->index_step) = items[i].index + c->base;
    }
}

static void order_line(const order_context *c, sort_item *items, sort_item *tmp, char *values, char *indices,
                       const char *src)
{
    int64_t n = c->length;
    c->keys(items, src, c->step, n, c->flip);
    switch (c->op) {
    case ORDER_SORT:
        sort_line_items(items, tmp, n);
        write_items(c, items, n, values, indices, src);
        break;
    case ORDER_TOPK:
        if (c->k == 0) break;
        if (c->k * 16 <= n) select_smallest(items, n, c->k);
        else if (c->k < n) select_nth(items, tmp, n, c->k - 1);
        merge_sort(items, tmp, c->k);
        write_items(c, items, c->k, values, indices, src);
        break;
    case ORDER_KTH:
        select_nth(items, tmp, n, c->k);
        write_items(c, items + c->k, 1, values, indices, src);
        break;
    case ORDER_MODE: {
        sort_line_items(items, tmp, n);
        int64_t best = 0, best_count = 0;
        for (int64_t start = 0; start < n;) {
            int64_t end = start + 1;
            while (end < n && items[end].key == items[start].key) end++;
            if (end - start > best_count) best_count = end - start, best = end - 1;
            start = end;
        }
        write_items(c, items + best, 1, values, indices, src);
        break;
    }
    }
}

/* The iterator's body: operands are (value line starts, index line starts, input line starts). */
static void order_run(char **data, const int64_t *strides, int64_t n, void *context)
{
    const order_context *c = context;
    int thread = omp_get_thread_num();
    if (thread >= c->scratch_count) thread = 0;  /* a serial run inside someone else's parallel region */
    sort_item *items = c->scratch + (int64_t)thread * c->scratch_items;
    sort_item *tmp = items + c->length;
    for (int64_t i = 0; i < n; i++)
        order_line(c, items, tmp, data[0] + i * strides[0], c->have_indices ? data[1] + i * strides[1] : NULL,
                   data[2] + i * strides[2]);
}

/* ------------------------------------------------------------------------------------------- */
/* Entry points                                                                                 */

static int fit(wk_tensor *t, int32_t ndim, const int64_t *sizes)
{
    if (t->storage && t->ndim == ndim && memcmp(t->sizes, sizes, (size_t)ndim * sizeof *sizes) == 0) return WK_OK;
    return wk_tensor_resize(t, ndim, sizes);
}

static bool overlaps(const wk_tensor *t, const wk_tensor *a)
{
    return t && t->storage && t->storage == a->storage;
}

/* t with dim cut to size 1, in a header on the caller's stack (no reference taken: t outlives
 * it); 0-d tensors as 1-d of size 1. As in reduce.c. */
static void line_view(wk_tensor *view, const wk_tensor *t, int32_t dim)
{
    *view = *t;
    if (view->ndim == 0) view->ndim = 1, view->sizes[0] = 1, view->strides[0] = 1;
    view->sizes[dim] = 1;
}

/* Fills `values` and `indices` (shape of a with dim of size `count`). */
static int order_into(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, order_context *c, int32_t dim,
                      int32_t ndim, const int64_t *sizes)
{
    const char *name = order_names[c->op];
    if (fit(values, ndim, sizes) != WK_OK) return wk_last_status();
    if (indices && fit(indices, ndim, sizes) != WK_OK) return wk_last_status();
    if (wk_tensor_numel(values) == 0 || c->length == 0) return WK_OK;

    c->element = wk_dtype_size(a->dtype);
    c->step = (a->ndim ? a->strides[dim] : 1) * c->element;
    c->value_step = (values->ndim ? values->strides[dim] : 1) * c->element;
    c->index_step = indices && indices->ndim ? indices->strides[dim] * 8 : 8;
    c->have_indices = indices != NULL;
    c->keys = keys_loops[a->dtype];
    c->scratch_count = omp_in_parallel() ? 1 : wk_get_num_threads();
    c->scratch_items = 2 * c->length;
    /* the caching allocator: fresh pages cost a fault each on first touch, reused ones do not */
    int64_t scratch_bytes = c->scratch_items * c->scratch_count * (int64_t)sizeof *c->scratch;
    c->scratch = wk_alloc(scratch_bytes);
    if (!c->scratch) return wk_last_status();

    wk_tensor value_starts, index_starts, starts;
    line_view(&value_starts, values, dim);
    line_view(&starts, a, dim);
    if (indices) line_view(&index_starts, indices, dim);
    wk_iter it;
    const wk_tensor *operands[3] = {&value_starts, indices ? &index_starts : &value_starts, &starts};
    int rc = wk_iter_init(&it, 3, operands, name);
    int64_t grain = WK_GRAIN / c->length;
    if (rc == WK_OK) wk_iter_for(&it, grain < 1 ? 1 : grain, order_run, c);
    wk_release(c->scratch, scratch_bytes);
    return rc;
}

/* Checks, the output shape, and the detour through fresh tensors when an output shares a's
 * storage. `count` is the size of dim in the outputs, or -1 for "a's size". */
static int order(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int32_t dim, order_context *c,
                 int64_t count)
{
    const char *name = order_names[c->op];
    if (a->device != WK_CPU || values->device != WK_CPU || (indices && indices->device != WK_CPU))
        return wk_error(WK_EUNSUPPORTED, "%s: %s needs the CUDA back end", name, WK_DESC(a));
    if (a->dtype > WK_F64)
        return wk_error(WK_EUNSUPPORTED, "%s: not implemented for %s (convert it to float first)", name, WK_DESC(a));
    if (values->dtype != a->dtype)
        return wk_error(WK_EINVAL, "%s: the values %s are not of the input's type (%s)", name, WK_DESC(values),
                        WK_DESC(a));
    if (indices && indices->dtype != WK_I64)
        return wk_error(WK_EINVAL, "%s: the indices must be a torch.LongTensor, got %s", name, WK_DESC(indices));
    int32_t ndim = a->ndim == 0 ? 1 : a->ndim;
    if (dim < 0 || dim >= ndim || (a->ndim == 0 && !a->storage))
        return wk_error(WK_ERANGE, "%s: dimension %d out of range for %s", name, dim + 1, WK_DESC(a));
    int64_t sizes[WK_MAX_DIMS];
    if (a->ndim == 0) sizes[0] = 1;
    else memcpy(sizes, a->sizes, (size_t)a->ndim * sizeof *sizes);
    c->length = sizes[dim];
    if (count >= 0) sizes[dim] = count;
    if (a->ndim == 0) ndim = 0;                         /* a scalar in, scalars out */

    if (c->op == ORDER_KTH && (c->k < 0 || c->k >= c->length))
        return wk_error(WK_ERANGE, "kthvalue: k = %lld is out of range for dimension %d of %s (size %lld)",
                        (long long)c->k + 1, dim + 1, WK_DESC(a), (long long)c->length);
    if (c->op == ORDER_TOPK && (c->k < 0 || c->k > c->length))
        return wk_error(WK_ERANGE, "topk: k = %lld is out of range for dimension %d of %s (size %lld)",
                        (long long)c->k, dim + 1, WK_DESC(a), (long long)c->length);
    if (c->op == ORDER_MODE && c->length == 0 && wk_sizes_numel(ndim, sizes) > 0)
        return wk_error(WK_EINVAL, "mode: dimension %d of %s has no element", dim + 1, WK_DESC(a));

    if (!overlaps(values, a) && !overlaps(indices, a)) return order_into(values, indices, a, c, dim, ndim, sizes);

    wk_tensor *tmp = wk_tensor_new(a->dtype), *tmp_indices = indices ? wk_tensor_new(WK_I64) : NULL;
    int rc = !tmp || (indices && !tmp_indices) ? wk_last_status()
                                               : order_into(tmp, tmp_indices, a, c, dim, ndim, sizes);
    if (rc == WK_OK) rc = fit(values, ndim, sizes);
    if (rc == WK_OK) rc = wk_copy(values, tmp);
    if (rc == WK_OK && indices) rc = fit(indices, ndim, sizes);
    if (rc == WK_OK && indices) rc = wk_copy(indices, tmp_indices);
    if (tmp) wk_tensor_free(tmp);
    if (tmp_indices) wk_tensor_free(tmp_indices);
    return rc;
}

int wk_sort(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int32_t dim, int32_t descending,
            int64_t index_base)
{
    order_context c = {.op = ORDER_SORT, .flip = descending ? UINT64_MAX : 0, .base = index_base};
    return order(values, indices, a, dim, &c, -1);
}

/* `sorted` is accepted for Torch7's signature; the k results always come sorted (best first),
 * which is one of the orders an unsorted topk may return. */
int wk_topk(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int64_t k, int32_t dim, int32_t largest,
            int32_t sorted, int64_t index_base)
{
    (void)sorted;
    order_context c = {.op = ORDER_TOPK, .flip = largest ? UINT64_MAX : 0, .k = k, .base = index_base};
    return order(values, indices, a, dim, &c, k);
}

int wk_kthvalue(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int64_t k, int32_t dim,
                int64_t index_base)
{
    order_context c = {.op = ORDER_KTH, .k = k - 1, .base = index_base};
    return order(values, indices, a, dim, &c, 1);
}

int wk_mode(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int32_t dim, int64_t index_base)
{
    order_context c = {.op = ORDER_MODE, .base = index_base};
    return order(values, indices, a, dim, &c, 1);
}

/* ------------------------------------------------------------------------------------------- */
/* histc: counts in `bins` equal bins over [min, max] (float and double)                        */

typedef struct {
    int32_t dtype;
    double min, max;
    int64_t bins;
    int64_t *counts;           /* NULL: find the range of the elements instead */
} histogram_context;

static inline double float_at(const char *p, int32_t dtype)
{
    return dtype == WK_F32 ? *(const float *)p : *(const double *)p;
}

/* Counts, or (counts NULL) the range of the elements; NaN is left out either way, as every
 * comparison with it is false. A value equal to max goes in the last bin, as Torch7. */
static void histogram_run(char **data, const int64_t *strides, int64_t n, void *context)
{
    histogram_context *c = context;
    for (int64_t i = 0; i < n; i++) {
        double x = float_at(data[0] + i * strides[0], c->dtype);
        if (!c->counts) {
            c->min = x < c->min ? x : c->min;
            c->max = x > c->max ? x : c->max;
        } else if (x >= c->min && x <= c->max) {
            int64_t bin = (int64_t)((x - c->min) / (c->max - c->min) * (double)c->bins);
            c->counts[bin < c->bins ? bin : c->bins - 1]++;
        }
    }
}

int wk_histc(wk_tensor *out, const wk_tensor *a, int64_t bins, double min, double max)
{
    if (a->device != WK_CPU || out->device != WK_CPU)
        return wk_error(WK_EUNSUPPORTED, "histc: %s needs the CUDA back end", WK_DESC(a));
    if (a->dtype != WK_F32 && a->dtype != WK_F64)
        return wk_error(WK_EUNSUPPORTED, "histc: needs a float or double tensor, got %s", WK_DESC(a));
    if (out->dtype != a->dtype)
        return wk_error(WK_EINVAL, "histc: the result %s is not of the input's type (%s)", WK_DESC(out), WK_DESC(a));
    if (bins < 1) return wk_error(WK_EINVAL, "histc: the number of bins must be positive, got %lld", (long long)bins);
    if (!(min <= max) || isinf(min) || isinf(max))
        return wk_error(WK_EINVAL, "histc: the range [%g, %g] is not a finite interval", min, max);
    int64_t n = wk_tensor_numel(a);
    histogram_context c = {a->dtype, INFINITY, -INFINITY, bins, NULL};
    wk_iter it;
    const wk_tensor *operands[1] = {a};
    if (n > 0 && wk_iter_init(&it, 1, operands, "histc") != WK_OK) return wk_last_status();
    if (min == max && n > 0) {                         /* as Torch7: the elements' own range */
        wk_iter_run(&it, 0, n, histogram_run, &c);
        min = c.min, max = c.max;
        if (min > max) min = max = 0;                  /* only NaNs */
        if (isinf(min) || isinf(max))
            return wk_error(WK_EINVAL, "histc: the elements of %s span [%g, %g], which has no finite bins",
                            WK_DESC(a), min, max);
    }
    if (min == max) min -= 1, max += 1;
    c.min = min, c.max = max;
    c.counts = calloc((size_t)bins, sizeof *c.counts);
    if (!c.counts) return wk_error(WK_ENOMEM, "histc: out of memory for %lld bins", (long long)bins);
    if (n > 0) wk_iter_run(&it, 0, n, histogram_run, &c);
    int rc = fit(out, 1, &bins);
    if (rc == WK_OK) {
        char *p = wk_tensor_data(out);
        int64_t stride = out->strides[0];
        for (int64_t b = 0; b < bins; b++) {
            if (out->dtype == WK_F32) ((float *)p)[b * stride] = (float)c.counts[b];
            else ((double *)p)[b * stride] = (double)c.counts[b];
        }
    }
    free(c.counts);
    return rc;
}
