/*
 * iter.c — the strided iterator (see iter.h): broadcasting, collapsing, and the run loop.
 */
#include "iter.h"
#include <omp.h>
#include <string.h>

int wk_broadcast_shape(const wk_tensor *a, const wk_tensor *b, int32_t *ndim, int64_t *sizes, const char *op)
{
    int32_t n = a->ndim > b->ndim ? a->ndim : b->ndim;
    for (int32_t d = n - 1; d >= 0; d--) {
        int32_t da = d - (n - a->ndim), db = d - (n - b->ndim);
        int64_t sa = da >= 0 ? a->sizes[da] : 1, sb = db >= 0 ? b->sizes[db] : 1;
        if (sa != sb && sa != 1 && sb != 1)
            return wk_error(WK_ESHAPE, "%s: sizes do not broadcast: %s and %s (dimension %d: %lld vs %lld)", op,
                            WK_DESC(a), WK_DESC(b), d + 1, (long long)sa, (long long)sb);
        sizes[d] = sa == 1 ? sb : sa;
    }
    *ndim = n;
    return WK_OK;
}

int wk_iter_init(wk_iter *it, int32_t count, const wk_tensor *const *operands, const char *op)
{
    const wk_tensor *out = operands[0];
    memset(it, 0, sizeof *it);
    it->count = count;
    it->numel = wk_tensor_numel(out);

    /* Broadcast every operand to the output's shape, strides in bytes. */
    for (int32_t k = 0; k < count; k++) {
        const wk_tensor *t = operands[k];
        int64_t element = wk_dtype_size(t->dtype);
        if (t->ndim > out->ndim) goto mismatch;
        for (int32_t d = 0; d < out->ndim; d++) {
            int32_t own = d - (out->ndim - t->ndim);
            if (own < 0 || (t->sizes[own] == 1 && out->sizes[d] != 1)) {
                it->strides[k][d] = 0;
            } else if (t->sizes[own] == out->sizes[d]) {
                it->strides[k][d] = t->strides[own] * element;
            } else {
                goto mismatch;
            }
        }
        if (k > 0 && wk_tensor_numel(t) == 0 && it->numel != 0) goto mismatch;
        it->data[k] = wk_tensor_data(t);
        continue;
    mismatch:
        return wk_error(WK_ESHAPE, "%s: sizes do not match: %s cannot be broadcast to %s", op, WK_DESC(t),
                        WK_DESC(out));
    }

    /* Drop size-1 dims, then merge each dim into its inner neighbour where every operand steps
     * through both as one run. */
    int32_t ndim = 0;
    for (int32_t d = 0; d < out->ndim; d++) {
        if (out->sizes[d] == 1) continue;
        it->sizes[ndim] = out->sizes[d];
        for (int32_t k = 0; k < count; k++) it->strides[k][ndim] = it->strides[k][d];
        ndim++;
    }
    int32_t merged = 0;
    for (int32_t d = 0; d < ndim; d++) {
        if (merged > 0) {
            bool can_merge = true;
            for (int32_t k = 0; k < count; k++)
                can_merge = can_merge && it->strides[k][merged - 1] == it->strides[k][d] * it->sizes[d];
            if (can_merge) {
                it->sizes[merged - 1] *= it->sizes[d];
                for (int32_t k = 0; k < count; k++) it->strides[k][merged - 1] = it->strides[k][d];
                continue;
            }
        }
        it->sizes[merged] = it->sizes[d];
        for (int32_t k = 0; k < count; k++) it->strides[k][merged] = it->strides[k][d];
        merged++;
    }
    if (merged == 0) {                                /* a single element: one run of length 1 */
        it->sizes[0] = 1;
        for (int32_t k = 0; k < count; k++) it->strides[k][0] = 0;
        merged = 1;
    }
    it->ndim = merged;
    return WK_OK;
}

void wk_iter_run(const wk_iter *it, int64_t begin, int64_t end, wk_loop_fn loop, void *context)
{
    if (begin >= end) return;
    int32_t inner = it->ndim - 1;
    int64_t index[WK_MAX_DIMS];
    char *data[WK_ITER_MAX_OPERANDS];
    int64_t inner_strides[WK_ITER_MAX_OPERANDS];

    /* Decompose `begin` into a multi-index and point each operand there. */
    int64_t rest = begin;
    for (int32_t d = inner; d >= 0; d--) {
        index[d] = rest % it->sizes[d];
        rest /= it->sizes[d];
    }
    for (int32_t k = 0; k < it->count; k++) {
        data[k] = it->data[k];
        for (int32_t d = 0; d <= inner; d++) data[k] += index[d] * it->strides[k][d];
        inner_strides[k] = it->strides[k][inner];
    }

    int64_t remaining = end - begin;
    while (remaining > 0) {
        int64_t n = it->sizes[inner] - index[inner];
        if (n > remaining) n = remaining;
        loop(data, inner_strides, n, context);
        remaining -= n;
        if (remaining == 0) break;
        /* The run ended at the end of the inner dim: rewind it and carry through the outer dims. */
        for (int32_t k = 0; k < it->count; k++) data[k] -= index[inner] * inner_strides[k];
        index[inner] = 0;
        for (int32_t d = inner - 1; d >= 0; d--) {
            index[d]++;
            for (int32_t k = 0; k < it->count; k++) data[k] += it->strides[k][d];
            if (index[d] < it->sizes[d]) break;
            for (int32_t k = 0; k < it->count; k++) data[k] -= index[d] * it->strides[k][d];
            index[d] = 0;
        }
    }
}

void wk_iter_for(const wk_iter *it, int64_t grain, wk_loop_fn loop, void *context)
{
    int64_t numel = it->numel;
    int32_t threads = wk_get_num_threads();
    if (numel / 2 < grain || threads < 2 || omp_in_parallel()) {
        wk_iter_run(it, 0, numel, loop, context);
        return;
    }
    if (threads > numel / grain) threads = (int32_t)(numel / grain);
    #pragma omp parallel num_threads(threads)
    {
        int64_t parts = omp_get_num_threads(), part = omp_get_thread_num();
        wk_iter_run(it, numel * part / parts, numel * (part + 1) / parts, loop, context);
    }
}
