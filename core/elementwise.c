/*
 * elementwise.c — the driver every elementwise kernel runs through (see elementwise.h): result
 * shape, resizing `out`, the contiguous fast path, the iterator path and its tiled walk for
 * transposed layouts; plus the element scans and scalar conversions the kernels share.
 *
 * The kernels themselves live in unary.c (out = f(a), clamp), binary.c (out = a op b, a op s,
 * a + alpha*b) and ternary.c (comparisons, addcmul, addcdiv, lerp, where).
 */
#include "elementwise.h"
#include <omp.h>
#include <string.h>

/* Every native type is in exactly one of the two families the kernels stamp loops from. */
#define COUNT_TYPE(DTYPE, T, NAME) +1
_Static_assert(0 WK_FLOAT_TYPES(COUNT_TYPE) WK_INTEGER_TYPES(COUNT_TYPE) == 0 WK_NATIVE_TYPES(COUNT_TYPE),
               "WK_FLOAT_TYPES and WK_INTEGER_TYPES must split WK_NATIVE_TYPES");

/* ------------------------------------------------------------------------------------------- */
/* Checks                                                                                       */

static bool is_empty_tensor(const wk_tensor *t) { return t->ndim == 0 && !t->storage; }

/* The fast path's tests, inline: each call into tensor.c goes through the PLT, and on a
 * 1-element tensor those calls were most of the time an op took. */
static const int8_t element_sizes[WK_F64 + 1] = {
#define ELEMENT_SIZE(DTYPE, T, NAME) [DTYPE] = sizeof(T),
    WK_NATIVE_TYPES(ELEMENT_SIZE)
#undef ELEMENT_SIZE
};

static inline int64_t numel_of(const wk_tensor *t)
{
    int64_t n = 1;
    for (int32_t d = 0; d < t->ndim; d++) n *= t->sizes[d];
    return n;
}

static inline bool is_contiguous(const wk_tensor *t)
{
    int64_t expected = 1;
    for (int32_t d = t->ndim - 1; d >= 0; d--) {
        if (t->sizes[d] != 1 && t->strides[d] != expected) return numel_of(t) == 0;
        expected *= t->sizes[d];
    }
    return true;
}

static inline bool is_same_size(const wk_tensor *a, const wk_tensor *b)
{
    if (a->ndim != b->ndim) return false;
    for (int32_t d = 0; d < a->ndim; d++)
        if (a->sizes[d] != b->sizes[d]) return false;
    return true;
}

/* Data of a tensor of a native dtype with a storage. */
static inline char *data_of(const wk_tensor *t)
{
    return (char *)wk_storage_data(t->storage) + t->offset * element_sizes[t->dtype];
}

int wk_elementwise_check_cpu(const char *op, const wk_tensor *out, const wk_tensor *a, const wk_tensor *b,
                             const wk_tensor *c)
{
    const wk_tensor *all[4] = {out, a, b, c};
    for (int k = 0; k < 4; k++) {
        if (!all[k]) continue;
        if (!wk_dtype_valid(all[k]->dtype))
            return wk_error(WK_EINVAL, "%s: argument %d is not a live tensor (dtype %d)", op, k + 1, all[k]->dtype);
        if (all[k]->device != WK_CPU)
            return wk_error(WK_EUNSUPPORTED, "%s: %s needs the CUDA back end", op, WK_DESC(all[k]));
    }
    return WK_OK;
}

int wk_elementwise_check_same_dtype(const char *op, const wk_tensor *out, const wk_tensor *a, const wk_tensor *b,
                                    const wk_tensor *c)
{
    const wk_tensor *all[3] = {out, b, c};
    for (int k = 0; k < 3; k++) {
        if (all[k] && all[k]->dtype != a->dtype)
            return wk_error(WK_EINVAL, "%s: types differ: %s and %s (convert one with :type())", op, WK_DESC(a),
                            WK_DESC(all[k]));
    }
    if (!wk_dtype_is_native(a->dtype))
        return wk_error(WK_EUNSUPPORTED, "%s: %s is a storage format; convert it to float first", op, WK_DESC(a));
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* Scalars                                                                                      */

int wk_elementwise_integer_scalar(void *out, int32_t dtype, double value, const char *op)
{
    /* 2^63 is exact in double; every double in [-2^63, 2^63) truncates into int64. */
    if (!(value >= -9223372036854775808.0 && value < 9223372036854775808.0))
        return wk_error(WK_EINVAL, "%s: the value %g has no %s equivalent", op, value, wk_dtype_get(dtype)->name);
    int64_t v = (int64_t)value;
    switch (dtype) {
#define STORE_INTEGER(DTYPE, T, NAME) \
    case DTYPE: *(T *)out = (T)v; return WK_OK;
        WK_INTEGER_TYPES(STORE_INTEGER)
#undef STORE_INTEGER
    }
    return wk_error(WK_EINVAL, "%s: %s is not an integer type", op, wk_dtype_get(dtype)->name);
}

int wk_elementwise_scalar(void *out, int32_t dtype, double value, const char *op)
{
    switch (dtype) {
    case WK_F32: *(float *)out = (float)value; return WK_OK;
    case WK_F64: *(double *)out = value; return WK_OK;
    }
    return wk_elementwise_integer_scalar(out, dtype, value, op);
}

/* ------------------------------------------------------------------------------------------- */
/* Element scans                                                                                */

#define SCAN_LOOPS(DTYPE, T, NAME)                                                                  \
    static void find_zero_##NAME(char **data, const int64_t *strides, int64_t n, void *found)       \
    {                                                                                               \
        for (int64_t i = 0; i < n && !*(bool *)found; i++)                                          \
            if (*(const T *)(data[0] + i * strides[0]) == 0) *(bool *)found = true;                 \
    }                                                                                               \
    static void find_negative_##NAME(char **data, const int64_t *strides, int64_t n, void *found)   \
    {                                                                                               \
        for (int64_t i = 0; i < n && !*(bool *)found; i++)                                          \
            if ((double)*(const T *)(data[0] + i * strides[0]) < 0) *(bool *)found = true;          \
    }
WK_NATIVE_TYPES(SCAN_LOOPS)

static bool scan(const wk_tensor *t, bool negative)
{
#define SCAN_ENTRY(DTYPE, T, NAME) [DTYPE] = {find_zero_##NAME, find_negative_##NAME},
    static const wk_loop_fn loops[WK_F64 + 1][2] = {WK_NATIVE_TYPES(SCAN_ENTRY)};
#undef SCAN_ENTRY
    bool found = false;
    wk_iter it;
    const wk_tensor *operands[1] = {t};
    if (wk_tensor_numel(t) == 0 || !wk_dtype_is_native(t->dtype) || wk_iter_init(&it, 1, operands, "scan") != WK_OK)
        return false;
    wk_iter_run(&it, 0, it.numel, loops[t->dtype][negative], &found);
    return found;
}

bool wk_elementwise_has_zero(const wk_tensor *t) { return scan(t, false); }
bool wk_elementwise_has_negative(const wk_tensor *t) { return scan(t, true); }

/* ------------------------------------------------------------------------------------------- */
/* Result shape                                                                                 */

static bool same_shape(int32_t ndim, const int64_t *sizes, const wk_tensor *t)
{
    if (t->ndim != ndim) return false;
    for (int32_t d = 0; d < ndim; d++)
        if (t->sizes[d] != sizes[d]) return false;
    return true;
}

/* Broadcasts t into the shape (ndim, sizes) in place; false if the two do not broadcast. */
static bool broadcast_into(int32_t *ndim, int64_t *sizes, const wk_tensor *t)
{
    int32_t n = *ndim > t->ndim ? *ndim : t->ndim;
    int64_t result[WK_MAX_DIMS];
    for (int32_t d = n - 1; d >= 0; d--) {
        int32_t ds = d - (n - *ndim), dt = d - (n - t->ndim);
        int64_t s = ds >= 0 ? sizes[ds] : 1, u = dt >= 0 ? t->sizes[dt] : 1;
        if (s != u && s != 1 && u != 1) return false;
        result[d] = s == 1 ? u : s;
    }
    memcpy(sizes, result, (size_t)n * sizeof *sizes);
    *ndim = n;
    return true;
}

/* t seen with `like`'s shape (Torch7's same-element-count rule): a view if t's layout allows one,
 * else a view of a contiguous copy. */
static wk_tensor *reshaped_like(const wk_tensor *t, const wk_tensor *like)
{
    wk_tensor *view = wk_tensor_new_contiguous(t);
    if (view && wk_tensor_view(view, like->ndim, like->sizes) != WK_OK) {
        wk_tensor_free(view);
        view = NULL;
    }
    return view;
}

/* The result's shape (NumPy broadcasting, else Torch7's rule; see elementwise.h). Fills
 * inputs[] with the tensors to read: the caller's, or views of them in views[] (freed by the
 * caller). *ndim is -1 when every input is the empty tensor (the result is empty too). */
static int result_shape(const wk_tensor *out, const wk_elementwise *e, const wk_tensor **inputs, wk_tensor **views,
                        int32_t *ndim, int64_t *sizes)
{
    const wk_tensor *first = e->inputs[0];
    int32_t empties = 0;
    for (int32_t k = 0; k < e->count; k++) {
        inputs[k] = e->inputs[k];
        empties += is_empty_tensor(inputs[k]);
    }
    if (empties == e->count) {
        *ndim = -1;
        return WK_OK;
    }

    /* NumPy's rule, unless out is an input and the result would not have its shape. */
    bool ok = empties == 0, in_place = false;
    *ndim = first->ndim;
    memcpy(sizes, first->sizes, sizeof first->sizes);
    for (int32_t k = 1; k < e->count && ok; k++) ok = broadcast_into(ndim, sizes, inputs[k]);
    for (int32_t k = 0; k < e->count; k++) in_place = in_place || wk_tensor_is_set_to(out, inputs[k]);
    if (ok && (!in_place || same_shape(*ndim, sizes, out))) return WK_OK;

    /* Torch7's rule: every input has first's element count and is read as if of first's shape. */
    const wk_tensor *culprit = NULL;
    for (int32_t k = 1; k < e->count && !culprit; k++)
        if (wk_tensor_numel(inputs[k]) != wk_tensor_numel(first) || is_empty_tensor(inputs[k]) != is_empty_tensor(first))
            culprit = inputs[k];
    if (culprit || (in_place && !wk_tensor_is_set_to(out, first))) {
        if (!culprit) culprit = first;
        if (ok)   /* the shapes broadcast, but to a shape that an input serving as out cannot take */
            return wk_error(WK_ESHAPE, "%s: sizes do not match: the result would be larger than %s, which is also the output",
                            e->op, WK_DESC(out));
        return wk_error(WK_ESHAPE, "%s: sizes do not match: %s and %s", e->op, WK_DESC(first), WK_DESC(culprit));
    }
    for (int32_t k = 1; k < e->count; k++) {
        if (same_shape(first->ndim, first->sizes, inputs[k])) continue;
        if (!(views[k] = reshaped_like(inputs[k], first))) return wk_last_status();
        inputs[k] = views[k];
    }
    *ndim = first->ndim;
    memcpy(sizes, first->sizes, sizeof first->sizes);
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* Running the loop                                                                             */

/* Puts the constant operand (stride 0) at e->constant_at, after the iterator was set up over out
 * and the tensor inputs. */
static void insert_constant(wk_iter *it, const wk_elementwise *e)
{
    int32_t at = e->constant_at;
    for (int32_t k = it->count; k > at; k--) {
        it->data[k] = it->data[k - 1];
        memcpy(it->strides[k], it->strides[k - 1], sizeof it->strides[k]);
    }
    it->data[at] = (char *)e->constant;
    memset(it->strides[at], 0, sizeof it->strides[at]);
    it->count++;
}

/* ------------------------------------------------------------------------------------------- */
/* Streaming stores                                                                             */

/* Streaming stores. A plain store first reads the line it writes into the cache (the "write
 * allocate"): c = a + b moves 16 bytes per float element instead of 12. Past the last-level
 * cache (STREAMING_BYTES of operands, 32 MB here) the loop body writes 4 KB at a time into a
 * buffer in L1 instead, which non-temporal stores copy out: they go to memory without the read.
 * Not for an output an input shares (in place: that line was read anyway). */
enum { STREAMING_BYTES = 32 << 20, STREAMING_CHUNK = 4096 };

#if defined(__SSE2__)
#include <emmintrin.h>

typedef struct {
    wk_loop_fn loop;
    void *context;
    int32_t count;                                    /* operands */
} streaming;

static void stream_out(char *dst, const char *src, int64_t bytes)
{
    int64_t head = (int64_t)((16 - ((uintptr_t)dst & 15)) & 15);
    if (head > bytes) head = bytes;
    memcpy(dst, src, (size_t)head);
    int64_t i = head;
    for (; i + 16 <= bytes; i += 16) _mm_stream_si128((__m128i *)(dst + i), _mm_loadu_si128((const __m128i *)(src + i)));
    memcpy(dst + i, src + i, (size_t)(bytes - i));
}

/* A loop body (for wk_iter_for, over contiguous operands): the real body in chunks into an L1
 * buffer, streamed out. */
static void run_streaming(char **data, const int64_t *strides, int64_t n, void *context)
{
    const streaming *s = context;
    _Alignas(64) char buffer[STREAMING_CHUNK];
    int64_t chunk = STREAMING_CHUNK / strides[0];
    char *operands[WK_ITER_MAX_OPERANDS];
    int64_t steps[WK_ITER_MAX_OPERANDS];
    for (int32_t k = 1; k < s->count; k++) operands[k] = data[k], steps[k] = strides[k];
    operands[0] = buffer, steps[0] = strides[0];
    for (int64_t i = 0; i < n; i += chunk) {
        int64_t m = n - i < chunk ? n - i : chunk;
        s->loop(operands, steps, m, s->context);
        stream_out(data[0] + i * strides[0], buffer, m * strides[0]);
        for (int32_t k = 1; k < s->count; k++) operands[k] += m * strides[k];
    }
    _mm_sfence();                                     /* streaming stores are weakly ordered */
}
#endif

/* ------------------------------------------------------------------------------------------- */
/* Transposed layouts                                                                           */

/* An operand is "column-major" here when it steps by one element along the second-innermost
 * dimension and not along the innermost one (a transposed input or output). Walking the output
 * row by row reads such an operand one element per cache line, and for power-of-two sizes every
 * element of a row lands in the same cache set. So the two inner dims are cut in tiles of
 * TILE_ROWS rows x (TILE_ROW_BYTES / element size) columns; each column-major input's part of a
 * tile is first transposed into a row-major buffer (8x8 or 4x4 blocks turned in registers: every
 * line fetched is used whole, the next columns prefetched), the loop body then runs on contiguous
 * rows, and a column-major output is transposed back from its buffer. Measured on float add:
 * 4096x2048 transposed 2.8x the contiguous time, against 9-11x for the plain row walk; 4000x2500
 * about the same as the row walk (2.5-3x on this machine's noisy memory). The buffers (16 KB per
 * operand) live on the stack. */
enum { TILE_ROWS = 64, TILE_ROW_BYTES = 256, TILE_BYTES = TILE_ROWS * TILE_ROW_BYTES };

static bool is_column_major(const wk_iter *it, int32_t k, int64_t size)
{
    int32_t inner = it->ndim - 1;
    return it->strides[k][inner - 1] == size && it->strides[k][inner] != size;
}


static bool wants_tiles(const wk_iter *it, const int32_t *sizes)
{
    if (it->ndim < 2) return false;
    int32_t inner = it->ndim - 1;
    if (it->sizes[inner] < 8 || it->sizes[inner - 1] < 8) return false;
    for (int32_t k = 0; k < it->count; k++)
        if (sizes[k] && is_column_major(it, k, sizes[k])) return true;
    return false;
}

typedef uint32_t v8u32 __attribute__((vector_size(32)));
typedef uint64_t v4u64 __attribute__((vector_size(32)));
/* The same, for loads and stores at any address (as memcpy would, but kept in registers). */
typedef uint32_t v8u32_any __attribute__((vector_size(32), aligned(4), may_alias));
typedef uint64_t v4u64_any __attribute__((vector_size(32), aligned(8), may_alias));

#define ROW8(p, pitch, j) (*(v8u32_any *)((p) + (j) * (pitch)))
#define ROW4(p, pitch, j) (*(v4u64_any *)((p) + (j) * (pitch)))

/* dst row i = src column i, an 8x8 block of 4-byte elements: src rows are src_pitch bytes apart,
 * dst rows dst_pitch. Three rounds of shuffles: pairs of elements, pairs of pairs, halves. */
__attribute__((always_inline)) static inline void transpose_8x8(char *dst, int64_t dst_pitch, const char *src,
                                                                int64_t src_pitch)
{
    const v8u32 low_pairs = {0, 8, 1, 9, 4, 12, 5, 13}, high_pairs = {2, 10, 3, 11, 6, 14, 7, 15};
    const v8u32 low_quads = {0, 1, 8, 9, 4, 5, 12, 13}, high_quads = {2, 3, 10, 11, 6, 7, 14, 15};
    const v8u32 low_halves = {0, 1, 2, 3, 8, 9, 10, 11}, high_halves = {4, 5, 6, 7, 12, 13, 14, 15};
    v8u32 r0 = ROW8(src, src_pitch, 0), r1 = ROW8(src, src_pitch, 1), r2 = ROW8(src, src_pitch, 2);
    v8u32 r3 = ROW8(src, src_pitch, 3), r4 = ROW8(src, src_pitch, 4), r5 = ROW8(src, src_pitch, 5);
    v8u32 r6 = ROW8(src, src_pitch, 6), r7 = ROW8(src, src_pitch, 7);
    v8u32 t0 = __builtin_shuffle(r0, r1, low_pairs), t1 = __builtin_shuffle(r0, r1, high_pairs);
    v8u32 t2 = __builtin_shuffle(r2, r3, low_pairs), t3 = __builtin_shuffle(r2, r3, high_pairs);
    v8u32 t4 = __builtin_shuffle(r4, r5, low_pairs), t5 = __builtin_shuffle(r4, r5, high_pairs);
    v8u32 t6 = __builtin_shuffle(r6, r7, low_pairs), t7 = __builtin_shuffle(r6, r7, high_pairs);
    v8u32 u0 = __builtin_shuffle(t0, t2, low_quads), u1 = __builtin_shuffle(t0, t2, high_quads);
    v8u32 u2 = __builtin_shuffle(t1, t3, low_quads), u3 = __builtin_shuffle(t1, t3, high_quads);
    v8u32 u4 = __builtin_shuffle(t4, t6, low_quads), u5 = __builtin_shuffle(t4, t6, high_quads);
    v8u32 u6 = __builtin_shuffle(t5, t7, low_quads), u7 = __builtin_shuffle(t5, t7, high_quads);
    ROW8(dst, dst_pitch, 0) = __builtin_shuffle(u0, u4, low_halves);
    ROW8(dst, dst_pitch, 1) = __builtin_shuffle(u1, u5, low_halves);
    ROW8(dst, dst_pitch, 2) = __builtin_shuffle(u2, u6, low_halves);
    ROW8(dst, dst_pitch, 3) = __builtin_shuffle(u3, u7, low_halves);
    ROW8(dst, dst_pitch, 4) = __builtin_shuffle(u0, u4, high_halves);
    ROW8(dst, dst_pitch, 5) = __builtin_shuffle(u1, u5, high_halves);
    ROW8(dst, dst_pitch, 6) = __builtin_shuffle(u2, u6, high_halves);
    ROW8(dst, dst_pitch, 7) = __builtin_shuffle(u3, u7, high_halves);
}

/* The same for a 4x4 block of 8-byte elements. */
__attribute__((always_inline)) static inline void transpose_4x4(char *dst, int64_t dst_pitch, const char *src,
                                                                int64_t src_pitch)
{
    const v4u64 low_pairs = {0, 4, 2, 6}, high_pairs = {1, 5, 3, 7}, low_halves = {0, 1, 4, 5}, high_halves = {2, 3, 6, 7};
    v4u64 r0 = ROW4(src, src_pitch, 0), r1 = ROW4(src, src_pitch, 1), r2 = ROW4(src, src_pitch, 2);
    v4u64 r3 = ROW4(src, src_pitch, 3);
    v4u64 t0 = __builtin_shuffle(r0, r1, low_pairs), t1 = __builtin_shuffle(r0, r1, high_pairs);
    v4u64 t2 = __builtin_shuffle(r2, r3, low_pairs), t3 = __builtin_shuffle(r2, r3, high_pairs);
    ROW4(dst, dst_pitch, 0) = __builtin_shuffle(t0, t2, low_halves);
    ROW4(dst, dst_pitch, 1) = __builtin_shuffle(t1, t3, low_halves);
    ROW4(dst, dst_pitch, 2) = __builtin_shuffle(t0, t2, high_halves);
    ROW4(dst, dst_pitch, 3) = __builtin_shuffle(t1, t3, high_halves);
}

/* Copies a rows x cols block between a column-major side (`major`, columns major_pitch bytes
 * apart, elements contiguous down a column) and a row-major side (`minor`, rows minor_pitch
 * apart), in the direction `to_rows` says. */
WK_SIMD_CLONES static void transpose_block(char *minor, int64_t minor_pitch, char *major, int64_t major_pitch,
                                           int64_t rows, int64_t cols, int64_t size, bool to_rows)
{
    int64_t block = size == 4 ? 8 : size == 8 ? 4 : 0;
    int64_t full_rows = block ? rows / block * block : 0, full_cols = block ? cols / block * block : 0;
    for (int64_t c = 0; c < full_cols; c += block) {
        /* The next columns' lines, one column group ahead: the 8 short runs a group reads are
         * too few for the hardware prefetchers to find. */
        if (to_rows && c + 2 * block <= cols)
            for (int64_t j = c + block; j < c + 2 * block; j++)
                for (int64_t r = 0; r < rows * size; r += 64) __builtin_prefetch(major + j * major_pitch + r);
        for (int64_t r = 0; r < full_rows; r += block) {
            char *m = minor + r * minor_pitch + c * size, *M = major + c * major_pitch + r * size;
            if (size == 4) {
                if (to_rows) transpose_8x8(m, minor_pitch, M, major_pitch);
                else transpose_8x8(M, major_pitch, m, minor_pitch);
            } else {
                if (to_rows) transpose_4x4(m, minor_pitch, M, major_pitch);
                else transpose_4x4(M, major_pitch, m, minor_pitch);
            }
        }
    }
    /* the edges (and 1- and 2-byte types) element by element */
    for (int64_t c = 0; c < cols; c++) {
        for (int64_t r = c < full_cols ? full_rows : 0; r < rows; r++) {
            char *m = minor + r * minor_pitch + c * size, *M = major + c * major_pitch + r * size;
            if (to_rows) memcpy(m, M, (size_t)size);
            else memcpy(M, m, (size_t)size);
        }
    }
}

typedef struct {
    const wk_iter *it;
    const int32_t *sizes;                             /* element size of each operand, 0 for the constant */
    int64_t tile_cols, row_tiles, col_tiles;
    bool stream;                                      /* a row-major out is written by streaming stores */
    wk_loop_fn loop;
    void *context;
} tiling;

/* Runs tile number `tile` (row-major over outer index, row tile, column tile). */
static void run_tile(const tiling *g, int64_t tile)
{
    const wk_iter *it = g->it;
    const int32_t inner = it->ndim - 1, rows_dim = inner - 1;
    int64_t outer = tile / (g->row_tiles * g->col_tiles), in_plane = tile % (g->row_tiles * g->col_tiles);
    int64_t row0 = in_plane / g->col_tiles * TILE_ROWS, col0 = in_plane % g->col_tiles * g->tile_cols;
    int64_t nrows = it->sizes[rows_dim] - row0, ncols = it->sizes[inner] - col0;
    if (nrows > TILE_ROWS) nrows = TILE_ROWS;
    if (ncols > g->tile_cols) ncols = g->tile_cols;

    char *data[WK_ITER_MAX_OPERANDS];
    for (int32_t k = 0; k < it->count; k++)
        data[k] = it->data[k] + row0 * it->strides[k][rows_dim] + col0 * it->strides[k][inner];
    for (int32_t d = rows_dim - 1; d >= 0; d--) {
        int64_t index = outer % it->sizes[d];
        outer /= it->sizes[d];
        for (int32_t k = 0; k < it->count; k++) data[k] += index * it->strides[k][d];
    }

    /* Column-major operands go through row-major buffers of pitch TILE_ROW_BYTES. */
    _Alignas(64) char buffers[WK_ITER_MAX_OPERANDS][TILE_BYTES];
    char *rows[WK_ITER_MAX_OPERANDS];
    int64_t row_steps[WK_ITER_MAX_OPERANDS], inner_strides[WK_ITER_MAX_OPERANDS];
    bool buffered[WK_ITER_MAX_OPERANDS];
    for (int32_t k = 0; k < it->count; k++) {
        int64_t size = g->sizes[k];
        buffered[k] = size && is_column_major(it, k, size);
        if (buffered[k]) {
            if (k > 0) transpose_block(buffers[k], TILE_ROW_BYTES, data[k], it->strides[k][inner], nrows, ncols, size, true);
            rows[k] = buffers[k], row_steps[k] = TILE_ROW_BYTES, inner_strides[k] = size;
        } else {
            rows[k] = data[k], row_steps[k] = it->strides[k][rows_dim], inner_strides[k] = it->strides[k][inner];
        }
    }
#if defined(__SSE2__)
    bool streamed = g->stream && !buffered[0] && inner_strides[0] == g->sizes[0];
    if (streamed) rows[0] = buffers[0], row_steps[0] = TILE_ROW_BYTES;
#endif
    for (int64_t r = 0; r < nrows; r++) {
        g->loop(rows, inner_strides, ncols, g->context);
        for (int32_t k = 0; k < it->count; k++) rows[k] += row_steps[k];
    }
    if (buffered[0]) transpose_block(buffers[0], TILE_ROW_BYTES, data[0], it->strides[0][inner], nrows, ncols, g->sizes[0], false);
#if defined(__SSE2__)
    if (streamed) {
        for (int64_t r = 0; r < nrows; r++)
            stream_out(data[0] + r * it->strides[0][rows_dim], buffers[0] + r * TILE_ROW_BYTES, ncols * g->sizes[0]);
        _mm_sfence();
    }
#endif
}

static void run_tiled(const wk_iter *it, const int32_t *sizes, bool stream, wk_loop_fn loop, void *context)
{
    const int32_t inner = it->ndim - 1;
    int64_t largest = 1;
    for (int32_t k = 0; k < it->count; k++)
        if (sizes[k] > largest) largest = sizes[k];
    tiling g = {.it = it, .sizes = sizes, .tile_cols = TILE_ROW_BYTES / largest, .stream = stream, .loop = loop,
                .context = context};
    const int64_t rows = it->sizes[inner - 1], cols = it->sizes[inner];
    g.row_tiles = (rows + TILE_ROWS - 1) / TILE_ROWS;
    g.col_tiles = (cols + g.tile_cols - 1) / g.tile_cols;
    const int64_t tiles = it->numel / (rows * cols) * g.row_tiles * g.col_tiles;
    int32_t threads = wk_get_num_threads();
    bool parallel = it->numel / 2 >= WK_GRAIN && threads > 1 && !omp_in_parallel();
    #pragma omp parallel for schedule(static) num_threads(threads) if (parallel)
    for (int64_t tile = 0; tile < tiles; tile++) run_tile(&g, tile);
}


/* Every operand contiguous and of one shape: the loop body over the whole buffers. */
static void run_contiguous(wk_tensor *out, const wk_elementwise *e, int64_t n)
{
    char *data[WK_ITER_MAX_OPERANDS];
    int64_t strides[WK_ITER_MAX_OPERANDS];
    int32_t count = 0;
    data[count] = data_of(out), strides[count++] = element_sizes[out->dtype];
    for (int32_t k = 0; k < e->count; k++) {
        if (e->constant && count == e->constant_at) data[count] = (char *)e->constant, strides[count++] = 0;
        data[count] = data_of(e->inputs[k]), strides[count++] = element_sizes[e->inputs[k]->dtype];
    }
    if (e->constant && count == e->constant_at) data[count] = (char *)e->constant, strides[count++] = 0;
    if (n < 2 * WK_GRAIN) {
        e->loop(data, strides, n, e->context);
        return;
    }
    wk_iter it;                                       /* one dim: wk_iter_for splits it across threads */
    it.ndim = 1, it.count = count, it.numel = n, it.sizes[0] = n;
    for (int32_t k = 0; k < count; k++) it.data[k] = data[k], it.strides[k][0] = strides[k];
#if defined(__SSE2__)
    /* Past the last-level cache, an output that no input shares is written with streaming stores */
    int64_t bytes = n * strides[0];
    for (int32_t k = 1; k < count; k++) bytes += n * strides[k];
    bool shared = false;
    for (int32_t k = 1; k < count; k++)
        shared = shared || (strides[k] && data[k] < data[0] + n * strides[0] && data[0] < data[k] + n * strides[k]);
    if (bytes >= STREAMING_BYTES && !shared) {
        streaming s = {e->loop, e->context, count};
        wk_iter_for(&it, WK_GRAIN, run_streaming, &s);
        return;
    }
#endif
    wk_iter_for(&it, WK_GRAIN, e->loop, e->context);
}

static int run_general(wk_tensor *out, const wk_elementwise *e)
{
    const wk_tensor *inputs[WK_EW_MAX_INPUTS];
    wk_tensor *views[WK_EW_MAX_INPUTS] = {NULL};
    int32_t ndim;
    int64_t sizes[WK_MAX_DIMS];
    int rc = result_shape(out, e, inputs, views, &ndim, sizes);
    if (rc == WK_OK && ndim < 0) {                    /* empty inputs: an empty result */
        rc = wk_tensor_resize_as(out, e->inputs[0]);
    } else if (rc == WK_OK) {
        if (!out->storage || !same_shape(ndim, sizes, out)) rc = wk_tensor_resize(out, ndim, sizes);
        const wk_tensor *operands[WK_ITER_MAX_OPERANDS] = {out, inputs[0], inputs[1], inputs[2]};
        wk_iter it;
        if (rc == WK_OK && wk_tensor_numel(out) > 0 &&
            (rc = wk_iter_init(&it, e->count + 1, operands, e->op)) == WK_OK) {
            if (e->constant) insert_constant(&it, e);
            int32_t sizes_of[WK_ITER_MAX_OPERANDS] = {0};   /* element sizes; the constant's stays 0 */
            for (int32_t k = 0; k <= e->count; k++) sizes_of[k] = element_sizes[operands[k]->dtype];
            if (e->constant) {
                for (int32_t k = it.count - 1; k > e->constant_at; k--) sizes_of[k] = sizes_of[k - 1];
                sizes_of[e->constant_at] = 0;
            }
            if (wants_tiles(&it, sizes_of)) {
                /* the output written by streaming stores when it is large and no input's storage */
                int64_t bytes = 0;
                bool shared = false;
                for (int32_t k = 0; k <= e->count; k++) bytes += it.numel * element_sizes[operands[k]->dtype];
                for (int32_t k = 1; k <= e->count; k++) shared = shared || operands[k]->storage == out->storage;
                run_tiled(&it, sizes_of, bytes >= STREAMING_BYTES && !shared, e->loop, e->context);
            } else {
                wk_iter_for(&it, WK_GRAIN, e->loop, e->context);
            }
        }
    }
    for (int32_t k = 0; k < WK_EW_MAX_INPUTS; k++) wk_tensor_free(views[k]);
    return rc;
}

int wk_elementwise_run(wk_tensor *out, const wk_elementwise *e)
{
    /* The fast path first: every input contiguous, of first's shape, with a storage (the callers
     * checked that the dtypes are native). */
    const wk_tensor *first = e->inputs[0];
    bool fast = first->storage && is_contiguous(first);
    for (int32_t k = 1; k < e->count && fast; k++) {
        const wk_tensor *t = e->inputs[k];
        fast = t->storage && is_same_size(t, first) && is_contiguous(t);
    }
    if (fast) {
        if (!out->storage || !is_same_size(out, first)) {
            int rc = wk_tensor_resize(out, first->ndim, first->sizes);
            if (rc != WK_OK) return rc;
        }
        if (is_contiguous(out)) {
            int64_t n = numel_of(first);
            if (n > 0) run_contiguous(out, e, n);
            return WK_OK;
        }
    }
    return run_general(out, e);
}
