/*
 * copy.c — copy between any two dtypes and any strides, fill and zero.
 *
 * Every (destination, source) pair of native types gets its own loop, stamped from the type list
 * in internal.h; float16 and bfloat16 go through float with a slower per-element path, as they
 * are storage formats here, not compute types.
 */
#include "iter.h"
#include <string.h>

/* ------------------------------------------------------------------------------------------- */
/* Copy loops                                                                                   */

#define NATIVE_SOURCES(Y, DST_C, DST_NAME)  \
    Y(DST_C, DST_NAME, uint8_t, u8)          \
    Y(DST_C, DST_NAME, int8_t, i8)           \
    Y(DST_C, DST_NAME, int16_t, i16)         \
    Y(DST_C, DST_NAME, int32_t, i32)         \
    Y(DST_C, DST_NAME, int64_t, i64)         \
    Y(DST_C, DST_NAME, float, f32)           \
    Y(DST_C, DST_NAME, double, f64)

/* copy_<dst>_<src>: converts one run with C's conversion rules. */
#define COPY_PAIR(DST_C, DST_NAME, SRC_C, SRC_NAME)                                                \
    static void copy_##DST_NAME##_##SRC_NAME(char **data, const int64_t *strides, int64_t n,        \
                                             void *context)                                         \
    {                                                                                               \
        (void)context;                                                                              \
        if (strides[0] == sizeof(DST_C) && strides[1] == sizeof(SRC_C)) {                           \
            DST_C *dst = (DST_C *)data[0];                                                          \
            const SRC_C *src = (const SRC_C *)data[1];                                              \
            for (int64_t i = 0; i < n; i++) dst[i] = (DST_C)src[i];                                 \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++)                                                         \
                *(DST_C *)(data[0] + i * strides[0]) = (DST_C) * (const SRC_C *)(data[1] + i * strides[1]); \
        }                                                                                           \
    }
#define COPY_FROM_EVERY_SOURCE(DTYPE, DST_C, DST_NAME) NATIVE_SOURCES(COPY_PAIR, DST_C, DST_NAME)
WK_NATIVE_TYPES(COPY_FROM_EVERY_SOURCE)

/* The table of those loops, [dst][src]. */
#define LOOP_ENTRY(DST_C, DST_NAME, SRC_C, SRC_NAME) copy_##DST_NAME##_##SRC_NAME,
#define LOOP_ROW(DTYPE, DST_C, DST_NAME) [DTYPE] = {NATIVE_SOURCES(LOOP_ENTRY, DST_C, DST_NAME)},
static const wk_loop_fn copy_loops[WK_F64 + 1][WK_F64 + 1] = {WK_NATIVE_TYPES(LOOP_ROW)};

/* Same dtype, both contiguous: memcpy. */
static void copy_bytes(char **data, const int64_t *strides, int64_t n, void *context)
{
    int64_t element = *(const int64_t *)context;
    if (strides[0] == element && strides[1] == element) {
        memcpy(data[0], data[1], (size_t)(n * element));
        return;
    }
    for (int64_t i = 0; i < n; i++) memcpy(data[0] + i * strides[0], data[1] + i * strides[1], (size_t)element);
}

/* One element as double, for the 16-bit float paths. */
static double load_as_double(const char *p, int32_t dtype)
{
    switch (dtype) {
    case WK_U8: return *(const uint8_t *)p;
    case WK_I8: return *(const int8_t *)p;
    case WK_I16: return *(const int16_t *)p;
    case WK_I32: return *(const int32_t *)p;
    case WK_I64: return (double)*(const int64_t *)p;
    case WK_F32: return *(const float *)p;
    case WK_F64: return *(const double *)p;
    case WK_F16: return wk_half_to_float(*(const uint16_t *)p);
    case WK_BF16: return wk_bf16_to_float(*(const uint16_t *)p);
    }
    return 0;
}

static void store_double(char *p, int32_t dtype, double v)
{
    switch (dtype) {
    case WK_U8: *(uint8_t *)p = (uint8_t)v; break;
    case WK_I8: *(int8_t *)p = (int8_t)v; break;
    case WK_I16: *(int16_t *)p = (int16_t)v; break;
    case WK_I32: *(int32_t *)p = (int32_t)v; break;
    case WK_I64: *(int64_t *)p = (int64_t)v; break;
    case WK_F32: *(float *)p = (float)v; break;
    case WK_F64: *(double *)p = v; break;
    case WK_F16: *(uint16_t *)p = wk_float_to_half((float)v); break;
    case WK_BF16: *(uint16_t *)p = wk_float_to_bf16((float)v); break;
    }
}

typedef struct { int32_t dst_dtype, src_dtype; } convert_context;

static void copy_through_double(char **data, const int64_t *strides, int64_t n, void *context)
{
    const convert_context *c = context;
    for (int64_t i = 0; i < n; i++)
        store_double(data[0] + i * strides[0], c->dst_dtype, load_as_double(data[1] + i * strides[1], c->src_dtype));
}

/* ------------------------------------------------------------------------------------------- */

static int copy_broadcast(wk_tensor *dst, const wk_tensor *src)
{
    wk_iter it;
    const wk_tensor *operands[2] = {dst, src};
    if (wk_iter_init(&it, 2, operands, "copy") != WK_OK) return wk_last_status();
    if (dst->dtype == src->dtype) {
        int64_t element = wk_dtype_size(dst->dtype);
        wk_iter_for(&it, WK_GRAIN, copy_bytes, &element);
    } else if (dst->dtype <= WK_F64 && src->dtype <= WK_F64) {
        wk_iter_for(&it, WK_GRAIN, copy_loops[dst->dtype][src->dtype], NULL);
    } else {
        convert_context c = {dst->dtype, src->dtype};
        wk_iter_for(&it, WK_GRAIN, copy_through_double, &c);
    }
    return WK_OK;
}

/* Does src broadcast to dst's shape? */
static bool broadcasts_to(const wk_tensor *src, const wk_tensor *dst)
{
    if (src->ndim > dst->ndim) return false;
    for (int32_t d = 0; d < src->ndim; d++) {
        int64_t s = src->sizes[d], t = dst->sizes[d + dst->ndim - src->ndim];
        if (s != t && s != 1) return false;
    }
    return true;
}

int wk_copy(wk_tensor *dst, const wk_tensor *src)
{
    if (dst->device != WK_CPU || src->device != WK_CPU)
        return wk_error(WK_EUNSUPPORTED, "copy: from %s to %s needs the CUDA back end", WK_DESC(src), WK_DESC(dst));
    if (broadcasts_to(src, dst)) return copy_broadcast(dst, src);

    /* As Torch7: tensors of different shapes but the same number of elements copy in row-major
     * order. View the contiguous one with the other's shape; if neither is, copy src first. */
    int64_t numel = wk_tensor_numel(dst);
    if (numel != wk_tensor_numel(src))
        return wk_error(WK_ESHAPE, "copy: sizes do not match: %s into %s (%lld and %lld elements)", WK_DESC(src),
                        WK_DESC(dst), (long long)wk_tensor_numel(src), (long long)numel);
    int rc;
    wk_tensor *view;
    if (wk_tensor_is_contiguous(src)) {
        if (!(view = wk_tensor_new_alias(src))) return wk_last_status();
        rc = wk_tensor_view(view, dst->ndim, dst->sizes);
        if (rc == WK_OK) rc = copy_broadcast(dst, view);
    } else if (wk_tensor_is_contiguous(dst)) {
        if (!(view = wk_tensor_new_alias(dst))) return wk_last_status();
        rc = wk_tensor_view(view, src->ndim, src->sizes);
        if (rc == WK_OK) rc = copy_broadcast(view, src);
    } else {
        if (!(view = wk_tensor_new_clone(src))) return wk_last_status();
        rc = wk_tensor_view(view, dst->ndim, dst->sizes);
        if (rc == WK_OK) rc = copy_broadcast(dst, view);
    }
    wk_tensor_free(view);
    return rc;
}

/* ------------------------------------------------------------------------------------------- */
/* Fill                                                                                         */

#define FILL_LOOP(DTYPE, C_TYPE, NAME)                                                              \
    static void fill_##NAME(char **data, const int64_t *strides, int64_t n, void *context)         \
    {                                                                                               \
        C_TYPE value = *(const C_TYPE *)context;                                                    \
        if (strides[0] == sizeof(C_TYPE)) {                                                         \
            C_TYPE *out = (C_TYPE *)data[0];                                                        \
            for (int64_t i = 0; i < n; i++) out[i] = value;                                         \
        } else {                                                                                    \
            for (int64_t i = 0; i < n; i++) *(C_TYPE *)(data[0] + i * strides[0]) = value;          \
        }                                                                                           \
    }
WK_NATIVE_TYPES(FILL_LOOP)
FILL_LOOP(WK_F16, uint16_t, u16)

/* Fills with the value's bytes as the dtype stores them (`value` points at one element). */
static int fill_bytes(wk_tensor *dst, const void *value)
{
    static const wk_loop_fn loops[WK_DTYPE_COUNT] = {
        [WK_U8] = fill_u8, [WK_I8] = fill_i8, [WK_I16] = fill_i16, [WK_I32] = fill_i32, [WK_I64] = fill_i64,
        [WK_F32] = fill_f32, [WK_F64] = fill_f64, [WK_F16] = fill_u16, [WK_BF16] = fill_u16};
    if (dst->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "fill: %s needs the CUDA back end", WK_DESC(dst));
    if (wk_tensor_numel(dst) == 0) return WK_OK;
    wk_iter it;
    const wk_tensor *operands[1] = {dst};
    if (wk_iter_init(&it, 1, operands, "fill") != WK_OK) return wk_last_status();
    wk_iter_for(&it, WK_GRAIN, loops[dst->dtype], (void *)value);
    return WK_OK;
}

int wk_fill(wk_tensor *dst, double value)
{
    char element[8];
    store_double(element, dst->dtype, value);
    return fill_bytes(dst, element);
}

int wk_fill_i64(wk_tensor *dst, int64_t value)
{
    if (dst->dtype != WK_I64) return wk_fill(dst, (double)value);
    return fill_bytes(dst, &value);
}

int wk_zero(wk_tensor *dst) { return wk_fill(dst, 0.0); }
