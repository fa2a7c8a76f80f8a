/*
 * iter.h — the one strided iterator under every elementwise loop.
 *
 * Operand 0 is the output; the others are broadcast to its shape by NumPy's rules (missing
 * leading dims and size-1 dims get stride 0). Dimensions of size 1 are dropped and neighbouring
 * dimensions that are contiguous in every operand are merged, so a contiguous tensor of any
 * shape becomes one run and a loop body sees the longest runs the layout allows.
 *
 * A loop body handles one run of the innermost dimension:
 *     void body(char **data, const int64_t *strides, int64_t n, void *context)
 * data[k] points at operand k's first element of the run, strides[k] is its step in bytes.
 * Bodies check for the contiguous case (strides[k] == element size) and use a plain loop there,
 * which the compiler vectorises.
 */
#ifndef WICK_ITER_H
#define WICK_ITER_H
#include "internal.h"

enum { WK_ITER_MAX_OPERANDS = 4 };

typedef struct wk_iter {
    int32_t ndim;                                   /* after collapsing; ndim-1 is innermost */
    int32_t count;                                  /* number of operands */
    int64_t numel;
    int64_t sizes[WK_MAX_DIMS];
    int64_t strides[WK_ITER_MAX_OPERANDS][WK_MAX_DIMS];  /* in bytes */
    char *data[WK_ITER_MAX_OPERANDS];
} wk_iter;

typedef void (*wk_loop_fn)(char **data, const int64_t *strides, int64_t n, void *context);

/* Sets up `it` over operands[0..count-1]; fails with a message naming `op` and both shapes when an
 * operand does not broadcast to operands[0]'s shape. */
int wk_iter_init(wk_iter *it, int32_t count, const wk_tensor *const *operands, const char *op);

/* Runs `loop` over the elements [begin, end) in row-major order of the output. */
void wk_iter_run(const wk_iter *it, int64_t begin, int64_t end, wk_loop_fn loop, void *context);

/* Runs over every element, split across threads when there are more than `grain` elements. */
void wk_iter_for(const wk_iter *it, int64_t grain, wk_loop_fn loop, void *context);

/* Whether two shapes broadcast, and to what (ndim, sizes). */
int wk_broadcast_shape(const wk_tensor *a, const wk_tensor *b, int32_t *ndim, int64_t *sizes, const char *op);

enum { WK_GRAIN = 32768 };                          /* elements below which a loop stays on one thread */

#endif
