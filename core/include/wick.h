/*
 * wick.h — the public C API of libwick, Wick's tensor library.
 *
 * A tensor is a strided view over a reference-counted storage:
 *
 *     element(i0, i1, ...) = data(storage)[offset + i0*strides[0] + i1*strides[1] + ...]
 *
 * sizes, strides and offset count elements, not bytes. Views (narrow, select, transpose, view,
 * expand, unfold, ...) change only those numbers and share the storage; nothing is copied.
 *
 * Conventions (the same for every function below):
 *   - Fallible functions return int: 0 on success, a negative wk_status on failure, and leave a
 *     message naming the operation, the shapes and the types in a thread-local buffer that
 *     wk_last_error() returns. Functions returning a pointer return NULL on failure, likewise.
 *     Nothing here aborts or exits on bad input.
 *   - Dimensions and indexes are 0-based. (The Lua side converts from Torch7's 1-based ones.)
 *   - Argument order: destination first, then inputs, then parameters.
 *   - Pointers returned by *_new functions carry one reference; release it with *_free.
 *
 * This file is read as is by LuaJIT's ffi.cdef (after dropping the lines that start with '#'),
 * so it holds only typedefs, enums, structs and prototypes: no macros, no inline bodies.
 *
 * Example:
 *
 *     int64_t sizes[2] = {2, 3};
 *     wk_tensor *t = wk_tensor_new_sized(WK_F32, 2, sizes);
 *     if (!t || wk_fill(t, 1.0) != 0) fprintf(stderr, "%s\n", wk_last_error());
 *     wk_tensor *col = wk_tensor_new_alias(t);
 *     wk_tensor_select(col, 1, 2);          // col is t[{{}, 3}] in Lua: a 1-d view of size 2
 *     wk_tensor_free(col);
 *     wk_tensor_free(t);
 */
#ifndef WICK_H
#define WICK_H
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Constants
 */
enum { WK_MAX_DIMS = 16 };             /* the most dimensions a tensor can have */

/* Element types. New values are appended before WK_DTYPE_COUNT, never inserted. */
enum {
    WK_U8 = 0,                         /* uint8_t   torch.ByteTensor   */
    WK_I8 = 1,                         /* int8_t    torch.CharTensor   */
    WK_I16 = 2,                        /* int16_t   torch.ShortTensor  */
    WK_I32 = 3,                        /* int32_t   torch.IntTensor    */
    WK_I64 = 4,                        /* int64_t   torch.LongTensor   */
    WK_F32 = 5,                        /* float     torch.FloatTensor  */
    WK_F64 = 6,                        /* double    torch.DoubleTensor */
    WK_F16 = 7,                        /* IEEE half torch.HalfTensor (storage and conversion only) */
    WK_BF16 = 8,                       /* bfloat16  (storage and conversion only) */
    WK_DTYPE_COUNT = 9
};

enum { WK_CPU = 0, WK_CUDA = 1, WK_DEVICE_COUNT = 2 };

typedef enum {
    WK_OK = 0,
    WK_EINVAL = -1,                    /* a bad argument: wrong type, negative size, bad dim */
    WK_ESHAPE = -2,                    /* shapes that do not fit together */
    WK_ERANGE = -3,                    /* an index out of range */
    WK_ENOMEM = -4,                    /* out of memory */
    WK_EIO = -5,                       /* a file could not be read or written */
    WK_EFORMAT = -6,                   /* corrupted or hostile input data */
    WK_EDEVICE = -7,                   /* the device is absent or failed */
    WK_EUNSUPPORTED = -8               /* the operation does not exist for this dtype/device */
} wk_status;

/* ---------------------------------------------------------------------------------------------
 * Errors
 */
const char *wk_last_error(void);       /* the message of the last failure on this thread */
int wk_last_status(void);              /* its wk_status */
void wk_clear_error(void);
const char *wk_version(void);

/* ---------------------------------------------------------------------------------------------
 * Interrupts (core/signal.c), for the REPL: Ctrl-C is counted in C and read from Lua, which
 * decides where the running code stops (LuaJIT cannot run Lua from a signal handler).
 */
int wk_sigint_install(void);           /* SIGINT now counts presses; 0, or <0 if sigaction failed */
int wk_sigint_pending(void);           /* presses since the last call (0 if none); clears them */
int wk_sigint_restore(void);           /* SIGINT back to what it was before install */

/* ---------------------------------------------------------------------------------------------
 * Element types: facts in one table
 */
typedef struct wk_dtype_info {
    const char *name;                  /* "float32" */
    const char *torch_name;            /* "Float": torch.FloatTensor, torch.FloatStorage */
    int32_t size;                      /* bytes per element */
    int32_t is_float;                  /* 1 for f16, bf16, f32, f64 */
    int32_t is_signed;
} wk_dtype_info;

const wk_dtype_info *wk_dtype_get(int32_t dtype);   /* NULL for an unknown dtype */

/* IEEE half and bfloat16 conversions, round to nearest even. */
float wk_half_to_float(uint16_t h);
uint16_t wk_float_to_half(float f);
float wk_bf16_to_float(uint16_t h);
uint16_t wk_float_to_bf16(float f);

/* ---------------------------------------------------------------------------------------------
 * Storage: a reference-counted, 64-byte aligned buffer of `size` elements of one dtype.
 * Opaque: read it through these functions.
 */
typedef struct wk_storage wk_storage;

wk_storage *wk_storage_new(int32_t dtype, int64_t size);      /* contents uninitialised */
/* A storage over memory it does not own, e.g. an mmap'd file. `release(context)` runs when the
 * last reference goes (release may be NULL). */
wk_storage *wk_storage_new_borrowed(int32_t dtype, void *data, int64_t size,
                                    void (*release)(void *context), void *context);
void wk_storage_retain(wk_storage *s);
void wk_storage_free(wk_storage *s);   /* drops one reference */
int wk_storage_resize(wk_storage *s, int64_t size);           /* keeps the common prefix */
void *wk_storage_data(const wk_storage *s);
int64_t wk_storage_size(const wk_storage *s);
int32_t wk_storage_dtype(const wk_storage *s);
int32_t wk_storage_refcount(const wk_storage *s);

/* ---------------------------------------------------------------------------------------------
 * Tensor: a plain struct, so LuaJIT reads shape and strides without a call.
 *
 * A tensor with ndim == 0 and no storage is Torch7's empty tensor (no dimension, no element).
 * A tensor with ndim == 0 and a storage is a scalar (one element).
 */
typedef struct wk_tensor {
    int64_t sizes[WK_MAX_DIMS];        /* sizes[0..ndim-1]; may be 0 (an empty tensor) */
    int64_t strides[WK_MAX_DIMS];      /* in elements; 0 for an expanded dimension */
    int64_t offset;                    /* in elements, from the start of the storage */
    wk_storage *storage;               /* NULL for the empty tensor */
    int32_t ndim;
    int32_t dtype;                     /* WK_U8 ... */
    int32_t device;                    /* WK_CPU or WK_CUDA */
    int32_t refcount;
} wk_tensor;

/* Constructors. */
wk_tensor *wk_tensor_new(int32_t dtype);                       /* empty: no storage, no dims */
wk_tensor *wk_tensor_new_sized(int32_t dtype, int32_t ndim, const int64_t *sizes);  /* contiguous, uninitialised */
/* A view of `s` (retained). `strides` NULL means contiguous. Checked against the storage size. */
wk_tensor *wk_tensor_new_view(wk_storage *s, int64_t offset, int32_t ndim, const int64_t *sizes,
                              const int64_t *strides);
wk_tensor *wk_tensor_new_alias(const wk_tensor *t);            /* the same view, a new header */
wk_tensor *wk_tensor_new_contiguous(const wk_tensor *t);       /* an alias if contiguous, else a copy */
wk_tensor *wk_tensor_new_clone(const wk_tensor *t);            /* always a contiguous copy */
void wk_tensor_retain(wk_tensor *t);
void wk_tensor_free(wk_tensor *t);     /* drops one reference */

/* Queries. */
int64_t wk_tensor_numel(const wk_tensor *t);
int wk_tensor_is_contiguous(const wk_tensor *t);
int wk_tensor_is_same_size(const wk_tensor *a, const wk_tensor *b);
int wk_tensor_is_set_to(const wk_tensor *a, const wk_tensor *b);  /* same storage, offset, sizes, strides */
void *wk_tensor_data(const wk_tensor *t);                       /* address of the first element, or NULL */

/* Changes of the view, in place on `t`. */
int wk_tensor_set(wk_tensor *t, wk_storage *s, int64_t offset, int32_t ndim, const int64_t *sizes,
                  const int64_t *strides);                      /* s may be NULL: the empty tensor */
int wk_tensor_set_to(wk_tensor *t, const wk_tensor *src);       /* t becomes a view equal to src */
int wk_tensor_resize(wk_tensor *t, int32_t ndim, const int64_t *sizes);  /* contiguous; reuses the storage when big enough */
int wk_tensor_resize_as(wk_tensor *t, const wk_tensor *like);
int wk_tensor_narrow(wk_tensor *t, int32_t dim, int64_t start, int64_t length);
int wk_tensor_select(wk_tensor *t, int32_t dim, int64_t index);  /* removes dim */
int wk_tensor_transpose(wk_tensor *t, int32_t dim0, int32_t dim1);
int wk_tensor_permute(wk_tensor *t, const int32_t *dims);       /* dims: a permutation of 0..ndim-1 */
int wk_tensor_view(wk_tensor *t, int32_t ndim, const int64_t *sizes);  /* one size may be -1; fails if no view exists */
int wk_tensor_expand(wk_tensor *t, int32_t ndim, const int64_t *sizes);  /* size-1 dims get stride 0; -1 keeps a size */
int wk_tensor_unfold(wk_tensor *t, int32_t dim, int64_t size, int64_t step);
int wk_tensor_squeeze(wk_tensor *t);                            /* drops every size-1 dim */
int wk_tensor_squeeze_dim(wk_tensor *t, int32_t dim);           /* drops dim if its size is 1 */
int wk_tensor_unsqueeze(wk_tensor *t, int32_t dim);             /* inserts a size-1 dim before `dim` (0..ndim) */

/* Describes t as "2x3 torch.FloatTensor" style text into buf (for messages); returns buf. */
const char *wk_tensor_describe(const wk_tensor *t, char *buf, int32_t buflen);

/* ---------------------------------------------------------------------------------------------
 * Data movement, any dtypes and any strides.
 */
int wk_copy(wk_tensor *dst, const wk_tensor *src);   /* same number of elements (as Torch7), or src broadcastable to dst */
int wk_fill(wk_tensor *dst, double value);
int wk_fill_i64(wk_tensor *dst, int64_t value);       /* exact for int64 values beyond 2^53 */
int wk_zero(wk_tensor *dst);

/* ---------------------------------------------------------------------------------------------
 * Threads: one setting for Wick's own parallel loops (OpenMP) and OpenBLAS's, so the two never
 * run on more threads than asked for together. Small tensors always stay on one thread.
 */
void wk_set_num_threads(int32_t n);    /* n < 1 means 1 */
int32_t wk_get_num_threads(void);

/* ---------------------------------------------------------------------------------------------
 * Memory: large allocations come from a caching allocator (freed blocks kept for reuse, huge
 * pages asked for). Lua's collector cannot see C memory, so the Lua side asks after allocating
 * whether enough has been allocated since its last full collection to run one.
 */
int wk_memory_should_collect(void);    /* 1 when a full Lua GC is due */
void wk_memory_collected(void);        /* the Lua side ran one: reset the count */
int64_t wk_memory_in_use(void);        /* bytes held by live storages */
int64_t wk_memory_cached(void);        /* bytes kept by the allocator for reuse */
void wk_memory_empty_cache(void);      /* returns cached blocks to the system */
void wk_memory_set_limit(int64_t bytes);  /* allocations past this total fail with WK_ENOMEM (0: none) */

/* =============================================================================================
 * Math. Conventions for everything below:
 *   - `out` is resized to the result's shape (a no-op when it has it already, so steady-state
 *     loops allocate nothing); `out` may be the same tensor as an input (in place).
 *   - Tensor inputs broadcast by NumPy's rules; a mismatch is an error naming both shapes.
 *   - Inputs and `out` have one dtype (no silent promotion, as Torch7), except where noted
 *     (comparisons may write a uint8 mask; index tensors are int64).
 *   - Scalars cross as double. Ops marked "float" need a floating dtype.
 *   - `index_base` is the number that means "first" in index tensors read or written (1 from Lua,
 *     0 from C), so index tensors cross the FFI without being rewritten.
 * ============================================================================================= */

/* Elementwise: out = op(a). */
enum {
    WK_NEG, WK_ABS, WK_SIGN, WK_EXP, WK_EXPM1, WK_LOG, WK_LOG1P, WK_SQRT, WK_RSQRT, WK_SIGMOID,
    WK_TANH, WK_SIN, WK_COS, WK_TAN, WK_ASIN, WK_ACOS, WK_ATAN, WK_SINH, WK_COSH, WK_FLOOR,
    WK_CEIL, WK_ROUND, WK_TRUNC, WK_FRAC, WK_CINV, WK_SQUARE, WK_LOGICAL_NOT, WK_ERF,
    WK_UNARY_COUNT
};
int wk_unary(wk_tensor *out, const wk_tensor *a, int32_t op);

/* Elementwise: out = a op b (both tensors), or out = a op s, or (the WK_R* ops) out = s op a. */
enum {
    WK_ADD, WK_SUB, WK_MUL, WK_DIV, WK_POW, WK_ATAN2, WK_FMOD, WK_REMAINDER, WK_MAX2, WK_MIN2,
    WK_LOGICAL_AND, WK_LOGICAL_OR, WK_LOGICAL_XOR, WK_RSUB, WK_RDIV, WK_RPOW,
    WK_BINARY_COUNT
};
int wk_binary(wk_tensor *out, const wk_tensor *a, const wk_tensor *b, int32_t op);
int wk_binary_scalar(wk_tensor *out, const wk_tensor *a, double s, int32_t op);

/* Comparisons: out is uint8 (0/1) or a's dtype (0/1 in that type). */
enum { WK_LT, WK_LE, WK_GT, WK_GE, WK_EQ, WK_NE, WK_COMPARE_COUNT };
int wk_compare(wk_tensor *out, const wk_tensor *a, const wk_tensor *b, int32_t op);
int wk_compare_scalar(wk_tensor *out, const wk_tensor *a, double s, int32_t op);

int wk_add_scaled(wk_tensor *out, const wk_tensor *a, double alpha, const wk_tensor *b);  /* a + alpha*b */
int wk_addcmul(wk_tensor *out, const wk_tensor *a, double value, const wk_tensor *b, const wk_tensor *c);
int wk_addcdiv(wk_tensor *out, const wk_tensor *a, double value, const wk_tensor *b, const wk_tensor *c);
int wk_lerp(wk_tensor *out, const wk_tensor *a, const wk_tensor *b, double weight);  /* a + w*(b-a) */
int wk_clamp(wk_tensor *out, const wk_tensor *a, double min, double max);  /* +-inf: no bound */
int wk_where(wk_tensor *out, const wk_tensor *condition, const wk_tensor *a, const wk_tensor *b);  /* condition uint8 */

/* Reductions. Along a dim the dim is kept with size 1 (as Torch7). `indices` (int64, may be
 * NULL) receives argmax/argmin for WK_RMAX/WK_RMIN. `p` is the norm's order for WK_RNORM and the
 * "biased" flag (1: divide by n) for WK_RVAR/WK_RSTD. */
enum {
    WK_RSUM, WK_RPROD, WK_RMEAN, WK_RMAX, WK_RMIN, WK_RNORM, WK_RVAR, WK_RSTD, WK_RLOGSUMEXP,
    WK_RALL, WK_RANY, WK_REDUCE_COUNT
};
int wk_reduce_all(double *result, const wk_tensor *a, int32_t op, double p);
int wk_reduce_dim(wk_tensor *out, wk_tensor *indices, const wk_tensor *a, int32_t dim, int32_t op, double p,
                  int64_t index_base);
int wk_cumsum(wk_tensor *out, const wk_tensor *a, int32_t dim);
int wk_cumprod(wk_tensor *out, const wk_tensor *a, int32_t dim);
int wk_dist(double *result, const wk_tensor *a, const wk_tensor *b, double p);
int wk_renorm(wk_tensor *out, const wk_tensor *a, double p, int32_t dim, double maxnorm);
int wk_histc(wk_tensor *out, const wk_tensor *a, int64_t bins, double min, double max);

/* Order statistics along a dim; values and indices keep the dim (size k, or 1). */
int wk_sort(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int32_t dim, int32_t descending,
            int64_t index_base);                       /* stable */
int wk_topk(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int64_t k, int32_t dim,
            int32_t largest, int32_t sorted, int64_t index_base);
int wk_kthvalue(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int64_t k, int32_t dim,
                int64_t index_base);                   /* k counts from 1 */
int wk_mode(wk_tensor *values, wk_tensor *indices, const wk_tensor *a, int32_t dim, int64_t index_base);

/* Masked and indexed. Masks are uint8; index tensors are int64 counting from index_base. */
int wk_masked_fill(wk_tensor *t, const wk_tensor *mask, double value);
int wk_masked_copy(wk_tensor *t, const wk_tensor *mask, const wk_tensor *src);
int wk_masked_select(wk_tensor *out, const wk_tensor *a, const wk_tensor *mask);
int wk_index_select(wk_tensor *out, const wk_tensor *a, int32_t dim, const wk_tensor *index, int64_t index_base);
int wk_index_copy(wk_tensor *t, int32_t dim, const wk_tensor *index, const wk_tensor *src, int64_t index_base);
int wk_index_add(wk_tensor *t, int32_t dim, const wk_tensor *index, const wk_tensor *src, int64_t index_base);
int wk_index_fill(wk_tensor *t, int32_t dim, const wk_tensor *index, double value, int64_t index_base);
int wk_gather(wk_tensor *out, const wk_tensor *a, int32_t dim, const wk_tensor *index, int64_t index_base);
int wk_scatter(wk_tensor *t, int32_t dim, const wk_tensor *index, const wk_tensor *src, int64_t index_base);
int wk_scatter_fill(wk_tensor *t, int32_t dim, const wk_tensor *index, double value, int64_t index_base);
int wk_scatter_add(wk_tensor *t, int32_t dim, const wk_tensor *index, const wk_tensor *src, int64_t index_base);
int wk_nonzero(wk_tensor *out, const wk_tensor *a, int64_t index_base);  /* out: int64, count x ndim */

/* Building and rearranging. */
int wk_cat(wk_tensor *out, const wk_tensor *const *inputs, int32_t count, int32_t dim);
int wk_flip(wk_tensor *out, const wk_tensor *a, int32_t dim);
int wk_roll(wk_tensor *out, const wk_tensor *a, int64_t shift, int32_t dim);
int wk_diag(wk_tensor *out, const wk_tensor *a, int64_t k);   /* vector -> matrix, or matrix -> its k-th diagonal */
int wk_triu(wk_tensor *out, const wk_tensor *a, int64_t k);
int wk_tril(wk_tensor *out, const wk_tensor *a, int64_t k);
int wk_cross(wk_tensor *out, const wk_tensor *a, const wk_tensor *b, int32_t dim);
int wk_kron(wk_tensor *out, const wk_tensor *a, const wk_tensor *b);
int wk_eye(wk_tensor *out, int64_t rows, int64_t cols);
int wk_linspace(wk_tensor *out, double start, double end, int64_t steps);
int wk_logspace(wk_tensor *out, double start, double end, int64_t steps, double base);
int wk_range(wk_tensor *out, double start, double end, double step);  /* end included, as torch.range */

/* Matrix products (BLAS). out = beta*m + alpha*(product); m may be NULL (taken as zero), and
 * may be `out` itself. Transposed and other strided operands go to BLAS without copies where
 * BLAS can take their layout. */
int wk_addmm(wk_tensor *out, double beta, const wk_tensor *m, double alpha, const wk_tensor *a, const wk_tensor *b);
int wk_addmv(wk_tensor *out, double beta, const wk_tensor *v, double alpha, const wk_tensor *mat, const wk_tensor *vec);
int wk_addr(wk_tensor *out, double beta, const wk_tensor *m, double alpha, const wk_tensor *x, const wk_tensor *y);
int wk_baddbmm(wk_tensor *out, double beta, const wk_tensor *m, double alpha, const wk_tensor *a, const wk_tensor *b);
int wk_addbmm(wk_tensor *out, double beta, const wk_tensor *m, double alpha, const wk_tensor *a, const wk_tensor *b);
int wk_dot(double *result, const wk_tensor *a, const wk_tensor *b);

/* Linear algebra (LAPACK), float and double. Argument order as Torch7's torch.gesv(B, A) etc.,
 * results first. A singular or non-positive-definite input is an error that says so. */
int wk_gesv(wk_tensor *x, wk_tensor *lu, const wk_tensor *b, const wk_tensor *a);
int wk_gels(wk_tensor *x, const wk_tensor *b, const wk_tensor *a);
int wk_inverse(wk_tensor *out, const wk_tensor *a);
int wk_potrf(wk_tensor *out, const wk_tensor *a, int32_t upper);
int wk_potri(wk_tensor *out, const wk_tensor *chol, int32_t upper);
int wk_potrs(wk_tensor *out, const wk_tensor *b, const wk_tensor *chol, int32_t upper);
int wk_qr(wk_tensor *q, wk_tensor *r, const wk_tensor *a);
int wk_svd(wk_tensor *u, wk_tensor *s, wk_tensor *v, const wk_tensor *a, int32_t some);
int wk_eig(wk_tensor *values, wk_tensor *vectors, const wk_tensor *a, int32_t want_vectors);  /* values: n x 2 (re, im) */
int wk_symeig(wk_tensor *values, wk_tensor *vectors, const wk_tensor *a, int32_t want_vectors, int32_t upper);
int wk_det(double *result, const wk_tensor *a);
int wk_logdet(double *result, const wk_tensor *a);   /* NaN when det < 0, -inf when singular (as PyTorch) */

/* Random numbers. A generator is Mersenne Twister (as Torch7); one default generator exists, and
 * a NULL generator argument means it. Tensors are filled serially in row-major order, so a seed
 * gives the same numbers for every thread count and every layout. */
typedef struct wk_generator wk_generator;
wk_generator *wk_generator_new(void);
void wk_generator_free(wk_generator *g);
wk_generator *wk_default_generator(void);              /* borrowed: never free it */
void wk_generator_seed(wk_generator *g, uint64_t seed);
uint64_t wk_generator_seed_from_time(wk_generator *g);  /* seeds from the clock, returns the seed */
uint64_t wk_generator_initial_seed(const wk_generator *g);
int64_t wk_generator_state_size(void);                 /* bytes */
int wk_generator_get_state(const wk_generator *g, wk_tensor *state);  /* state: uint8, resized */
int wk_generator_set_state(wk_generator *g, const wk_tensor *state);
double wk_generator_uniform(wk_generator *g, double a, double b);     /* one number in [a, b) */
double wk_generator_normal(wk_generator *g, double mean, double stdv);
uint64_t wk_generator_random(wk_generator *g);                         /* 32 random bits */
int wk_random_uniform(wk_tensor *t, wk_generator *g, double a, double b);
int wk_random_normal(wk_tensor *t, wk_generator *g, double mean, double stdv);
int wk_random_bernoulli(wk_tensor *t, wk_generator *g, double p);
int wk_random_bernoulli_tensor(wk_tensor *t, wk_generator *g, const wk_tensor *p);
int wk_random_exponential(wk_tensor *t, wk_generator *g, double lambda);
int wk_random_geometric(wk_tensor *t, wk_generator *g, double p);
int wk_random_cauchy(wk_tensor *t, wk_generator *g, double median, double sigma);
int wk_random_log_normal(wk_tensor *t, wk_generator *g, double mean, double stdv);
int wk_random_integers(wk_tensor *t, wk_generator *g, int64_t low, int64_t high);  /* uniform in [low, high] */
int wk_multinomial(wk_tensor *out, wk_generator *g, const wk_tensor *probs, int64_t samples, int32_t replacement,
                   int64_t index_base);                /* probs: a vector or rows of a matrix */
int wk_randperm(wk_tensor *out, wk_generator *g, int64_t n, int64_t index_base);

/* ---------------------------------------------------------------------------------------------
 * nn kernels: activations (core/nn_activation.c), float and double, THNN's argument order:
 * forward (input, output, args), backward (input, gradOutput, gradInput, saved, args); the
 * backward of tanh, sigmoid and the softmaxes reads the forward's output, not its input.
 * gradOutput must have as many elements as the tensor it is the gradient of. `inplace` is
 * Torch7's flag: the forward writes into input and makes output a view of it; the backward
 * writes into gradOutput and makes gradInput a view of it.
 */
/* output = input > threshold ? input : value (nn.Threshold; nn.ReLU is threshold 0, value 0). */
int wk_nn_threshold_forward(wk_tensor *input, wk_tensor *output, double threshold, double value, int32_t inplace);
/* gradInput = input > threshold ? gradOutput : 0 (after an in-place forward, input holds the output). */
int wk_nn_threshold_backward(const wk_tensor *input, wk_tensor *grad_output, wk_tensor *grad_input, double threshold,
                             int32_t inplace);
/* output = clamp(input, min, max) (nn.HardTanh, nn.ReLU6, nn.Clamp); gradInput = gradOutput
 * strictly inside (min, max), else 0. */
int wk_nn_hardtanh_forward(wk_tensor *input, wk_tensor *output, double min, double max, int32_t inplace);
int wk_nn_hardtanh_backward(const wk_tensor *input, wk_tensor *grad_output, wk_tensor *grad_input, double min,
                            double max, int32_t inplace);
/* output = input > 0 ? input : negval * input. */
int wk_nn_leaky_relu_forward(wk_tensor *input, wk_tensor *output, double negval, int32_t inplace);
int wk_nn_leaky_relu_backward(const wk_tensor *input, wk_tensor *grad_output, wk_tensor *grad_input, double negval,
                              int32_t inplace);
/* output = input > 0 ? input : alpha * (exp(input) - 1); the backward reads the output. */
int wk_nn_elu_forward(wk_tensor *input, wk_tensor *output, double alpha, int32_t inplace);
int wk_nn_elu_backward(wk_tensor *grad_output, wk_tensor *grad_input, const wk_tensor *output, double alpha,
                       int32_t inplace);
int wk_nn_tanh_forward(const wk_tensor *input, wk_tensor *output);
int wk_nn_tanh_backward(const wk_tensor *grad_output, wk_tensor *grad_input, const wk_tensor *output);
int wk_nn_sigmoid_forward(const wk_tensor *input, wk_tensor *output);
int wk_nn_sigmoid_backward(const wk_tensor *grad_output, wk_tensor *grad_input, const wk_tensor *output);
/* Softmax along `dim` (0-based), stable (the largest element is subtracted first); output may be
 * input. nn.SoftMax passes the last dim of a 1-d or 2-d input, dim 0 of 3-d, dim 1 of 4-d. */
int wk_nn_softmax_forward(const wk_tensor *input, wk_tensor *output, int32_t dim);
int wk_nn_softmax_backward(const wk_tensor *grad_output, wk_tensor *grad_input, const wk_tensor *output, int32_t dim);
int wk_nn_log_softmax_forward(const wk_tensor *input, wk_tensor *output, int32_t dim);
int wk_nn_log_softmax_backward(const wk_tensor *grad_output, wk_tensor *grad_input, const wk_tensor *output,
                               int32_t dim);

/* ---------------------------------------------------------------------------------------------
 * nn kernels: losses and normalization (core/nn_loss.c, core/nn_norm.c) and recurrent cells
 * (core/nn_recurrent.c), float and double, THNN's argument order. Outputs are resized here;
 * optional tensors may be NULL.
 *
 * Class targets: input is (C) or (N, C); target holds N class indexes counting from index_base,
 * in any native dtype (read as it lies); a target equal to ignore_index counts for nothing, one
 * outside [index_base, index_base + C) is an error naming the criterion, the sample and the
 * index. loss = -sum w[t] * logp[t], divided by total_weight = sum w[t] when size_average (and it
 * is not 0). weights: (C) or NULL. Results are written to *output and *total_weight (may be NULL).
 */
int wk_nn_class_nll_forward(const wk_tensor *input, const wk_tensor *target, double *output, double *total_weight,
                            const wk_tensor *weights, int32_t size_average, int64_t ignore_index, int64_t index_base);
int wk_nn_class_nll_backward(const wk_tensor *input, const wk_tensor *target, wk_tensor *grad_input,
                             const wk_tensor *weights, int32_t size_average, int64_t ignore_index, int64_t index_base);
/* The softmax of each row into probs (kept for backward: grad = w[t] (probs - onehot(t)) / ...),
 * and the NLL of its log. */
int wk_nn_cross_entropy_forward(const wk_tensor *input, const wk_tensor *target, wk_tensor *probs,
                                double *output, double *total_weight, const wk_tensor *weights,
                                int32_t size_average, int64_t ignore_index, int64_t index_base);
int wk_nn_cross_entropy_backward(const wk_tensor *probs, const wk_tensor *target, wk_tensor *grad_input,
                                 const wk_tensor *weights, int32_t size_average, int64_t ignore_index,
                                 int64_t index_base);
/* Batch normalization of input (N, C, ...) per channel C. train: batch statistics, saved in
 * save_mean and save_std (= 1/sqrt(var + eps)), running_mean/running_var updated with momentum
 * (running_var from the unbiased variance); else the running statistics. Backward: grad_input,
 * grad_weight, grad_bias each optional; grad_weight += scale * ..., grad_bias += scale * .... */
int wk_nn_batch_norm_forward(const wk_tensor *input, wk_tensor *output, const wk_tensor *weight, const wk_tensor *bias,
                             wk_tensor *running_mean, wk_tensor *running_var, wk_tensor *save_mean,
                             wk_tensor *save_std, int32_t train, double momentum, double eps);
int wk_nn_batch_norm_backward(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                              wk_tensor *grad_weight, wk_tensor *grad_bias, const wk_tensor *weight,
                              const wk_tensor *running_mean, const wk_tensor *running_var,
                              const wk_tensor *save_mean, const wk_tensor *save_std, int32_t train, double scale,
                              double eps);
/* Layer normalization over the last dimension (K) of a contiguous input; weight and bias (K)
 * both or neither; save_mean and save_rstd get one value per row. */
int wk_nn_layer_norm_forward(const wk_tensor *input, wk_tensor *output, const wk_tensor *weight, const wk_tensor *bias,
                             wk_tensor *save_mean, wk_tensor *save_rstd, double eps);
int wk_nn_layer_norm_backward(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                              wk_tensor *grad_weight, wk_tensor *grad_bias, const wk_tensor *weight,
                              const wk_tensor *save_mean, const wk_tensor *save_rstd, double scale);
/* One time step of an LSTM, N rows of H units, gates [i f g o] (N, 4H): pre-activations in,
 * activations out. cell_prev NULL: zeros. Backward: grad_cell holds dL/dc_t on entry (from the
 * step after) and dL/dc_{t-1} on return; grad_gates gets dL/d(pre-activations). */
int wk_nn_lstm_cell_forward(wk_tensor *gates, const wk_tensor *cell_prev, wk_tensor *cell, wk_tensor *hidden);
int wk_nn_lstm_cell_backward(const wk_tensor *gates, const wk_tensor *cell_prev, const wk_tensor *cell,
                             const wk_tensor *grad_hidden, wk_tensor *grad_cell, wk_tensor *grad_gates);
/* One time step of a GRU (PyTorch's formulation): input_gates (N, 3H) = x W_x + b for [r z n],
 * hidden_gates (N, 3H) = h_prev W_h (NULL: zeros), bias_hn (H) the recurrent bias of n; saved
 * (N, 4H) gets r, z, n and h_prev W_hn + b_hn for backward. Backward writes the gradients of the
 * input and hidden projections and grad_hidden_prev = grad_hidden * z (the direct path; the
 * caller adds grad_hidden_gates W_h^T). */
int wk_nn_gru_cell_forward(const wk_tensor *input_gates, const wk_tensor *hidden_gates, const wk_tensor *bias_hn,
                           const wk_tensor *hidden_prev, wk_tensor *hidden, wk_tensor *saved);
int wk_nn_gru_cell_backward(const wk_tensor *saved, const wk_tensor *hidden_prev, const wk_tensor *grad_hidden,
                            wk_tensor *grad_input_gates, wk_tensor *grad_hidden_gates, wk_tensor *grad_hidden_prev);

/* ---------------------------------------------------------------------------------------------
 * nn kernels: convolution and pooling (core/nn_conv.c, core/nn_pool.c, core/nn_upsample.c),
 * float and double, THNN's argument order. An input is one sample (C x H x W; C x T x H x W for
 * the volumetric kernels) or a batch (N x ...), any strides; outputs, indices and buffers are
 * resized here. Kernel sizes, strides and paddings are given width first, as the modules take
 * them. Parameter gradients accumulate: grad_weight += scale * dL/dweight.
 *
 * Convolution: weight holds O x (C*kT*kH*kW) elements in any shape (4-d for SpatialConvolution,
 * 2-d for SpatialConvolutionMM); bias (O) may be NULL. finput and fgrad_input are scratch, kept
 * by the module between calls (acc_grad_parameters needs no forward beforehand). Output size:
 * floor((in + 2 pad - dilation (k - 1) - 1) / stride) + 1.
 */
int wk_nn_conv2d_update_output(const wk_tensor *input, wk_tensor *output, const wk_tensor *weight,
                               const wk_tensor *bias, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kW,
                               int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH, int32_t dilationW,
                               int32_t dilationH);
int wk_nn_conv2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                   const wk_tensor *weight, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kW,
                                   int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH,
                                   int32_t dilationW, int32_t dilationH);
int wk_nn_conv2d_acc_grad_parameters(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_weight,
                                     wk_tensor *grad_bias, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kW,
                                     int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH,
                                     int32_t dilationW, int32_t dilationH, double scale);
int wk_nn_conv3d_update_output(const wk_tensor *input, wk_tensor *output, const wk_tensor *weight,
                               const wk_tensor *bias, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kT,
                               int32_t kW, int32_t kH, int32_t dT, int32_t dW, int32_t dH, int32_t padT, int32_t padW,
                               int32_t padH);
int wk_nn_conv3d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                   const wk_tensor *weight, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kT,
                                   int32_t kW, int32_t kH, int32_t dT, int32_t dW, int32_t dH, int32_t padT,
                                   int32_t padW, int32_t padH);
int wk_nn_conv3d_acc_grad_parameters(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_weight,
                                     wk_tensor *grad_bias, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kT,
                                     int32_t kW, int32_t kH, int32_t dT, int32_t dW, int32_t dH, int32_t padT,
                                     int32_t padW, int32_t padH, double scale);
/* Full (transposed) convolution C -> O: weight C x O x kH x kW, bias (O) or NULL; output size
 * (in - 1) * stride - 2 pad + k + adj, with adj < stride. finput and fgrad_input are scratch. */
int wk_nn_full_conv2d_update_output(const wk_tensor *input, wk_tensor *output, const wk_tensor *weight,
                                    const wk_tensor *bias, wk_tensor *finput, wk_tensor *fgrad_input, int32_t kW,
                                    int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH, int32_t adjW,
                                    int32_t adjH);
int wk_nn_full_conv2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                        const wk_tensor *weight, wk_tensor *finput, wk_tensor *fgrad_input,
                                        int32_t kW, int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH,
                                        int32_t adjW, int32_t adjH);
int wk_nn_full_conv2d_acc_grad_parameters(const wk_tensor *input, const wk_tensor *grad_output,
                                          wk_tensor *grad_weight, wk_tensor *grad_bias, wk_tensor *finput,
                                          wk_tensor *fgrad_input, int32_t kW, int32_t kH, int32_t dW, int32_t dH,
                                          int32_t padW, int32_t padH, int32_t adjW, int32_t adjH, double scale);
/* Max pooling. indices (int64) gets, for each output element, the 1-based position of the
 * maximum in its input plane (y*W + x + 1; t*H*W + y*W + x + 1 in 3-d), as Torch7's. Output
 * size: floor (ceil when ceil_mode) of (in + 2 pad - dilation (k - 1) - 1) / stride, plus 1; in
 * ceil mode a last window that would start inside the end padding is dropped. Padding must be at
 * most half the kernel. The input gradient reads only indices, not input's values. */
int wk_nn_max_pool2d_update_output(const wk_tensor *input, wk_tensor *output, wk_tensor *indices, int32_t kW,
                                   int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH,
                                   int32_t dilationW, int32_t dilationH, int32_t ceil_mode);
int wk_nn_max_pool2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                       const wk_tensor *indices, int32_t kW, int32_t kH, int32_t dW, int32_t dH,
                                       int32_t padW, int32_t padH, int32_t dilationW, int32_t dilationH,
                                       int32_t ceil_mode);
int wk_nn_max_pool3d_update_output(const wk_tensor *input, wk_tensor *output, wk_tensor *indices, int32_t kT,
                                   int32_t kW, int32_t kH, int32_t dT, int32_t dW, int32_t dH, int32_t padT,
                                   int32_t padW, int32_t padH, int32_t ceil_mode);
int wk_nn_max_pool3d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                       const wk_tensor *indices, int32_t kT, int32_t kW, int32_t kH, int32_t dT,
                                       int32_t dW, int32_t dH, int32_t padT, int32_t padW, int32_t padH,
                                       int32_t ceil_mode);
/* Temporal max pooling: input T x F or N x T x F, windows of kW frames, dW apart; indices as for
 * max pooling, in the T x F plane. */
int wk_nn_temporal_max_pool_update_output(const wk_tensor *input, wk_tensor *output, wk_tensor *indices, int32_t kW,
                                          int32_t dW);
int wk_nn_temporal_max_pool_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                              wk_tensor *grad_input, const wk_tensor *indices, int32_t kW,
                                              int32_t dW);
/* Max unpooling: output (C x oheight x owidth per sample) is zero except output[indices] = input. */
int wk_nn_max_unpool2d_update_output(const wk_tensor *input, wk_tensor *output, const wk_tensor *indices,
                                     int32_t owidth, int32_t oheight);
int wk_nn_max_unpool2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                         const wk_tensor *indices, int32_t owidth, int32_t oheight);
/* Average pooling; count_include_pad divides by the window's size clipped to the padded input,
 * else by its size clipped to the input itself. */
int wk_nn_avg_pool2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t kW, int32_t kH, int32_t dW,
                                   int32_t dH, int32_t padW, int32_t padH, int32_t ceil_mode,
                                   int32_t count_include_pad);
int wk_nn_avg_pool2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                       int32_t kW, int32_t kH, int32_t dW, int32_t dH, int32_t padW, int32_t padH,
                                       int32_t ceil_mode, int32_t count_include_pad);
/* Adaptive pooling to owidth x oheight: output cell (i, j) pools rows floor(i*H/oheight) to
 * ceil((i+1)*H/oheight) - 1, and likewise columns. */
int wk_nn_adaptive_max_pool2d_update_output(const wk_tensor *input, wk_tensor *output, wk_tensor *indices,
                                            int32_t owidth, int32_t oheight);
int wk_nn_adaptive_max_pool2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                                wk_tensor *grad_input, const wk_tensor *indices);
int wk_nn_adaptive_avg_pool2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t owidth,
                                            int32_t oheight);
int wk_nn_adaptive_avg_pool2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                                wk_tensor *grad_input);
/* Upsampling: nearest by an integer scale; bilinear to oheight x owidth with the corners aligned
 * (input corners map to output corners, as Torch7's). */
int wk_nn_upsample_nearest2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t scale);
int wk_nn_upsample_nearest2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                               wk_tensor *grad_input, int32_t scale);
int wk_nn_upsample_bilinear2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t oheight,
                                            int32_t owidth);
int wk_nn_upsample_bilinear2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                                wk_tensor *grad_input);
/* Zero, reflection and replication padding of the last two dims by (left, right, top, bottom);
 * negative paddings crop (reflection: each padding below the input's size). */
int wk_nn_zero_pad2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t pad_left, int32_t pad_right,
                                   int32_t pad_top, int32_t pad_bottom);
int wk_nn_zero_pad2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output, wk_tensor *grad_input,
                                       int32_t pad_left, int32_t pad_right, int32_t pad_top, int32_t pad_bottom);
int wk_nn_reflection_pad2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t pad_left,
                                         int32_t pad_right, int32_t pad_top, int32_t pad_bottom);
int wk_nn_reflection_pad2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                             wk_tensor *grad_input, int32_t pad_left, int32_t pad_right,
                                             int32_t pad_top, int32_t pad_bottom);
int wk_nn_replication_pad2d_update_output(const wk_tensor *input, wk_tensor *output, int32_t pad_left,
                                          int32_t pad_right, int32_t pad_top, int32_t pad_bottom);
int wk_nn_replication_pad2d_update_grad_input(const wk_tensor *input, const wk_tensor *grad_output,
                                              wk_tensor *grad_input, int32_t pad_left, int32_t pad_right,
                                              int32_t pad_top, int32_t pad_bottom);

#ifdef __cplusplus
}
#endif
#endif
