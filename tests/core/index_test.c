/*
 * index_test.c — the tricky parts of index.c and shape.c: masks that broadcast or only match in
 * number, strided and aliased operands, repeated indexes, range errors that leave the target
 * untouched, negative-stride flips, cat's skipped empties and its one-past-the-end dimension.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include "check.h"

/* A contiguous tensor of `dtype` with values 1, 2, 3, ... (row-major). */
static wk_tensor *counting(int32_t dtype, int32_t ndim, const int64_t *sizes)
{
    wk_tensor *t = wk_tensor_new_sized(dtype, ndim, sizes);
    int64_t n = wk_tensor_numel(t);
    wk_tensor *d = wk_tensor_new_sized(WK_F64, ndim, sizes);
    double *v = wk_tensor_data(d);
    for (int64_t i = 0; i < n; i++) v[i] = (double)(i + 1);
    wk_copy(t, d);
    wk_tensor_free(d);
    return t;
}

static wk_tensor *longs(int64_t n, const int64_t *values)
{
    wk_tensor *t = wk_tensor_new_sized(WK_I64, 1, &n);
    memcpy(wk_tensor_data(t), values, (size_t)n * 8);
    return t;
}

/* Element i (row-major) of any native tensor, as a double. */
static double at(const wk_tensor *t, int64_t i)
{
    wk_tensor *c = wk_tensor_new_sized(WK_F64, t->ndim, t->sizes);
    wk_copy(c, t);
    double v = ((double *)wk_tensor_data(c))[i];
    wk_tensor_free(c);
    return v;
}

static bool equals(const wk_tensor *t, const double *expected, int64_t n)
{
    if (wk_tensor_numel(t) != n) return false;
    for (int64_t i = 0; i < n; i++)
        if (at(t, i) != expected[i]) return false;
    return true;
}

static void test_masked(void)
{
    int64_t s23[2] = {2, 3}, s3[1] = {3}, s6[1] = {6};
    wk_tensor *t = counting(WK_F32, 2, s23);
    wk_tensor *row_mask = wk_tensor_new_sized(WK_U8, 1, s3);   /* broadcasts over rows */
    uint8_t *m = wk_tensor_data(row_mask);
    m[0] = 1, m[1] = 0, m[2] = 7;                               /* any non-zero byte is set */
    CHECK(wk_masked_fill(t, row_mask, -1) == WK_OK);
    CHECK(equals(t, (double[]){-1, 2, -1, -1, 5, -1}, 6));

    wk_tensor *flat_mask = wk_tensor_new_sized(WK_U8, 1, s6);  /* same count, other shape */
    m = wk_tensor_data(flat_mask);
    for (int i = 0; i < 6; i++) m[i] = i % 2;
    wk_tensor *src = counting(WK_F32, 1, s6);
    wk_tensor_free(t);
    t = counting(WK_F32, 2, s23);
    CHECK(wk_masked_copy(t, flat_mask, src) == WK_OK);       /* positions 2, 4, 6 get 1, 2, 3 */
    CHECK(equals(t, (double[]){1, 1, 3, 2, 5, 3}, 6));
    wk_tensor *selected = wk_tensor_new(WK_F32);
    CHECK(wk_masked_select(selected, t, flat_mask) == WK_OK);
    CHECK(selected->ndim == 1 && equals(selected, (double[]){1, 2, 3}, 3));
    /* into itself */
    CHECK(wk_masked_select(t, t, flat_mask) == WK_OK && equals(t, (double[]){1, 2, 3}, 3));

    /* errors */
    wk_tensor *short_src = counting(WK_F32, 1, (int64_t[]){2});
    wk_tensor *t2 = counting(WK_F32, 2, s23);
    CHECK_FAILS(wk_masked_copy(t2, flat_mask, short_src), WK_ESHAPE, "selects 3 elements");
    CHECK(at(t2, 1) == 2);                                     /* untouched */
    wk_tensor *float_mask = counting(WK_F32, 1, s6);
    CHECK_FAILS(wk_masked_fill(t2, float_mask, 0), WK_EINVAL, "ByteTensor");
    wk_tensor *bad_mask = wk_tensor_new_sized(WK_U8, 1, (int64_t[]){4});
    CHECK_FAILS(wk_masked_fill(t2, bad_mask, 0), WK_ESHAPE, "neither broadcasts");
    wk_tensor *long_t = counting(WK_I64, 2, s23);
    CHECK_FAILS(wk_masked_select(selected, long_t, flat_mask), WK_EINVAL, "differ in type");

    /* a transposed target: the mask follows the target's shape */
    wk_tensor *base = counting(WK_F64, 2, (int64_t[]){3, 2});
    wk_tensor *tt = wk_tensor_new_alias(base);
    wk_tensor_transpose(tt, 0, 1);                             /* 2x3: 1 3 5 / 2 4 6 */
    wk_tensor *m23 = wk_tensor_new_sized(WK_U8, 2, s23);
    wk_zero(m23);
    ((uint8_t *)wk_tensor_data(m23))[1] = 1;                   /* (1, 2): base element 3 */
    CHECK(wk_masked_fill(tt, m23, 0) == WK_OK && at(base, 2) == 0 && at(base, 1) == 2);

    wk_tensor *half = wk_tensor_new_sized(WK_F16, 2, s23);
    wk_zero(half);
    CHECK(wk_masked_fill(half, row_mask, 2.5) == WK_OK && at(half, 0) == 2.5 && at(half, 1) == 0);
    wk_tensor *none = wk_tensor_new(WK_F16);
    CHECK(wk_masked_select(none, half, m23) == WK_OK && at(none, 0) == 0);

    wk_tensor_free(none);
    wk_tensor_free(half);
    wk_tensor_free(m23);
    wk_tensor_free(tt);
    wk_tensor_free(base);
    wk_tensor_free(long_t);
    wk_tensor_free(bad_mask);
    wk_tensor_free(float_mask);
    wk_tensor_free(t2);
    wk_tensor_free(short_src);
    wk_tensor_free(selected);
    wk_tensor_free(src);
    wk_tensor_free(flat_mask);
    wk_tensor_free(row_mask);
    wk_tensor_free(t);
}

static void test_index(void)
{
    int64_t s34[2] = {3, 4};
    wk_tensor *a = counting(WK_F64, 2, s34);                   /* 1..4 / 5..8 / 9..12 */
    wk_tensor *idx = longs(3, (int64_t[]){3, 1, 3});
    wk_tensor *out = wk_tensor_new(WK_F64);
    CHECK(wk_index_select(out, a, 0, idx, 1) == WK_OK && out->sizes[0] == 3 && out->sizes[1] == 4);
    CHECK(equals(out, (double[]){9, 10, 11, 12, 1, 2, 3, 4, 9, 10, 11, 12}, 12));
    CHECK(wk_index_select(out, a, 1, idx, 1) == WK_OK && out->sizes[0] == 3 && out->sizes[1] == 3);
    CHECK(equals(out, (double[]){3, 1, 3, 7, 5, 7, 11, 9, 11}, 9));
    /* a strided source */
    wk_tensor *at_ = wk_tensor_new_alias(a);
    wk_tensor_transpose(at_, 0, 1);                            /* 4x3 */
    CHECK(wk_index_select(out, at_, 1, idx, 1) == WK_OK);
    CHECK(equals(out, (double[]){9, 1, 9, 10, 2, 10, 11, 3, 11, 12, 4, 12}, 12));
    /* into its own source */
    wk_tensor *a2 = counting(WK_F64, 2, s34);
    CHECK(wk_index_select(a2, a2, 0, idx, 1) == WK_OK && at(a2, 0) == 9 && at(a2, 4) == 1);
    /* 0-based, and out of range: the message names the op, the index and the range */
    wk_tensor *bad = longs(2, (int64_t[]){0, 4});
    CHECK_FAILS(wk_index_select(out, a, 0, bad, 1), WK_ERANGE,
                "index: index 0 (element 1 of the index) out of range 1..3");
    CHECK_FAILS(wk_index_select(out, a, 1, bad, 0), WK_ERANGE, "index 4 (element 2 of the index) out of range 0..3");
    CHECK_FAILS(wk_index_select(out, a, 2, idx, 1), WK_ERANGE, "dimension 3");
    wk_tensor *int_index = counting(WK_I32, 1, (int64_t[]){2});
    CHECK_FAILS(wk_index_select(out, a, 0, int_index, 1), WK_EINVAL, "LongTensor");

    /* indexCopy / indexAdd / indexFill, with a repeated index */
    wk_tensor *t = wk_tensor_new_sized(WK_I32, 2, s34);
    wk_zero(t);
    wk_tensor *src = counting(WK_I32, 2, (int64_t[]){3, 3});
    CHECK(wk_index_add(t, 1, idx, src, 1) == WK_OK);         /* column 3 gets columns 1 + 3 of src */
    CHECK(equals(t, (double[]){2, 0, 4, 0, 5, 0, 10, 0, 8, 0, 16, 0}, 12));
    CHECK(wk_index_copy(t, 1, idx, src, 1) == WK_OK);        /* the last copy to column 3 wins */
    CHECK(equals(t, (double[]){2, 0, 3, 0, 5, 0, 6, 0, 8, 0, 9, 0}, 12));
    wk_tensor *bad3 = longs(3, (int64_t[]){1, 5, 2});
    CHECK_FAILS(wk_index_copy(t, 1, bad3, src, 1), WK_ERANGE,
                "indexCopy: index 5 (element 2 of the index) out of range 1..4");
    CHECK(equals(t, (double[]){2, 0, 3, 0, 5, 0, 6, 0, 8, 0, 9, 0}, 12));
    wk_tensor_free(bad3);
    wk_tensor *wrong_src = counting(WK_I32, 2, (int64_t[]){3, 2});
    CHECK_FAILS(wk_index_add(t, 1, idx, wrong_src, 1), WK_ESHAPE, "does not match");
    wk_tensor *two = longs(1, (int64_t[]){2}), *two_twos = longs(2, (int64_t[]){2, 2});
    CHECK(wk_index_fill(t, 0, two, -7, 1) == WK_OK);
    CHECK(equals(t, (double[]){2, 0, 3, 0, -7, -7, -7, -7, 8, 0, 9, 0}, 12));
    /* strided target */
    wk_tensor *tt = wk_tensor_new_alias(t);
    wk_tensor_transpose(tt, 0, 1);                             /* 4x3 */
    wk_tensor *src43 = counting(WK_I32, 2, (int64_t[]){2, 3});
    CHECK(wk_index_add(tt, 0, two_twos, src43, 1) == WK_OK);
    CHECK(equals(t, (double[]){2, 5, 3, 0, -7, 0, -7, -7, 8, 9, 9, 0}, 12));

    wk_tensor_free(two);
    wk_tensor_free(two_twos);
    wk_tensor_free(tt);
    wk_tensor_free(src43);
    wk_tensor_free(wrong_src);
    wk_tensor_free(src);
    wk_tensor_free(t);
    wk_tensor_free(int_index);
    wk_tensor_free(bad);
    wk_tensor_free(a2);
    wk_tensor_free(at_);
    wk_tensor_free(out);
    wk_tensor_free(idx);
    wk_tensor_free(a);
}

static void test_gather_scatter(void)
{
    /* Torch7's documentation examples, with a in place of the random matrix. */
    int64_t s55[2] = {5, 5};
    wk_tensor *a = counting(WK_F32, 2, s55);
    int64_t s25[2] = {2, 5};
    wk_tensor *idx = wk_tensor_new_sized(WK_I64, 2, s25);
    int64_t *iv = wk_tensor_data(idx);
    int64_t rows[10] = {1, 2, 3, 4, 5, 2, 3, 4, 5, 1};
    memcpy(iv, rows, sizeof rows);
    wk_tensor *out = wk_tensor_new(WK_F32);
    CHECK(wk_gather(out, a, 0, idx, 1) == WK_OK);
    CHECK(equals(out, (double[]){1, 7, 13, 19, 25, 6, 12, 18, 24, 5}, 10));
    /* gather into its source */
    wk_tensor *a2 = counting(WK_F32, 2, s55);
    CHECK(wk_gather(a2, a2, 0, idx, 1) == WK_OK && a2->sizes[0] == 2 && at(a2, 1) == 7);

    wk_tensor *x = counting(WK_F64, 2, s25);
    int64_t s35[2] = {3, 5};
    wk_tensor *y = wk_tensor_new_sized(WK_F64, 2, s35);
    wk_zero(y);
    int64_t scatter_rows[10] = {1, 2, 3, 1, 1, 3, 1, 1, 2, 3};
    memcpy(iv, scatter_rows, sizeof scatter_rows);
    CHECK(wk_scatter(y, 0, idx, x, 1) == WK_OK);
    CHECK(equals(y, (double[]){1, 7, 8, 4, 5, 0, 2, 0, 9, 0, 6, 0, 3, 0, 10}, 15));
    wk_zero(y);
    CHECK(wk_scatter_add(y, 0, idx, x, 1) == WK_OK);           /* repeated targets add up */
    CHECK(equals(y, (double[]){1, 7, 8, 4, 5, 0, 2, 0, 9, 0, 6, 0, 3, 0, 10}, 15));
    int64_t same_rows[10] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    memcpy(iv, same_rows, sizeof same_rows);
    wk_zero(y);
    CHECK(wk_scatter_add(y, 0, idx, x, 1) == WK_OK && at(y, 0) == 7 && at(y, 4) == 15);
    CHECK(wk_scatter(y, 0, idx, x, 1) == WK_OK && at(y, 0) == 6);   /* the last write wins */

    int64_t s24[2] = {2, 4};
    wk_tensor *z = wk_tensor_new_sized(WK_F64, 2, s24);
    wk_zero(z);
    wk_tensor *col = wk_tensor_new_sized(WK_I64, 2, (int64_t[]){2, 1});
    ((int64_t *)wk_tensor_data(col))[0] = 3;
    ((int64_t *)wk_tensor_data(col))[1] = 4;
    CHECK(wk_scatter_fill(z, 1, col, 1.23, 1) == WK_OK);
    CHECK(equals(z, (double[]){0, 0, 1.23, 0, 0, 0, 0, 1.23}, 8));

    /* a range error stops a scatter at the bad index: what came before it is written (as Torch7) */
    ((int64_t *)wk_tensor_data(col))[1] = 5;
    CHECK_FAILS(wk_scatter_fill(z, 1, col, 9, 1), WK_ERANGE,
                "scatter: index 5 (element 2 of the index) out of range 1..4");
    CHECK(at(z, 2) == 9 && at(z, 7) == 1.23);
    ((int64_t *)wk_tensor_data(col))[1] = -1;
    CHECK_FAILS(wk_gather(out, a, 1, col, 1), WK_ERANGE, "gather: index -1");
    wk_tensor *flat = longs(2, (int64_t[]){1, 2});
    CHECK_FAILS(wk_gather(out, a, 0, flat, 1), WK_ESHAPE, "number of dimensions");
    wk_tensor *big = wk_tensor_new_sized(WK_I64, 2, (int64_t[]){2, 6});
    for (int i = 0; i < 12; i++) ((int64_t *)wk_tensor_data(big))[i] = 1;
    CHECK_FAILS(wk_scatter(y, 0, big, x, 1), WK_ESHAPE, "larger than");

    /* a strided (transposed) destination and index */
    wk_tensor *base = wk_tensor_new_sized(WK_F64, 2, (int64_t[]){5, 3});
    wk_zero(base);
    wk_tensor *yt = wk_tensor_new_alias(base);
    wk_tensor_transpose(yt, 0, 1);                             /* 3x5 */
    memcpy(iv, scatter_rows, sizeof scatter_rows);
    CHECK(wk_scatter(yt, 0, idx, x, 1) == WK_OK);
    wk_tensor *packed = wk_tensor_new_clone(yt);
    CHECK(equals(packed, (double[]){1, 7, 8, 4, 5, 0, 2, 0, 9, 0, 6, 0, 3, 0, 10}, 15));

    wk_tensor_free(packed);
    wk_tensor_free(yt);
    wk_tensor_free(base);
    wk_tensor_free(big);
    wk_tensor_free(flat);
    wk_tensor_free(col);
    wk_tensor_free(z);
    wk_tensor_free(y);
    wk_tensor_free(x);
    wk_tensor_free(a2);
    wk_tensor_free(out);
    wk_tensor_free(idx);
    wk_tensor_free(a);
}

static void test_nonzero(void)
{
    /* Torch7's documentation example. */
    int64_t s44[2] = {4, 4};
    wk_tensor *x = wk_tensor_new_sized(WK_I32, 2, s44);
    int32_t values[16] = {2, 0, 2, 0, 0, 0, 1, 2, 0, 2, 2, 1, 2, 1, 2, 2};
    memcpy(wk_tensor_data(x), values, sizeof values);
    wk_tensor *out = wk_tensor_new(WK_I64);
    CHECK(wk_nonzero(out, x, 1) == WK_OK && out->sizes[0] == 11 && out->sizes[1] == 2);
    CHECK(equals(out, (double[]){1, 1, 1, 3, 2, 3, 2, 4, 3, 2, 3, 3, 3, 4, 4, 1, 4, 2, 4, 3, 4, 4}, 22));
    /* transposed: coordinates in the view's own row-major order */
    wk_tensor *xt = wk_tensor_new_alias(x);
    wk_tensor_transpose(xt, 0, 1);
    CHECK(wk_nonzero(out, xt, 0) == WK_OK && out->sizes[0] == 11);
    CHECK(at(out, 0) == 0 && at(out, 1) == 0 && at(out, 2) == 0 && at(out, 3) == 3);
    /* 3-d, NaN counts, -0 does not */
    wk_tensor *f = wk_tensor_new_sized(WK_F32, 3, (int64_t[]){2, 1, 3});
    float fv[6] = {0, -0.0f, NAN, 0, 1, 0};
    memcpy(wk_tensor_data(f), fv, sizeof fv);
    CHECK(wk_nonzero(out, f, 1) == WK_OK && equals(out, (double[]){1, 1, 3, 2, 1, 2}, 6));
    wk_tensor *none = wk_tensor_new_sized(WK_F32, 1, (int64_t[]){5});
    wk_zero(none);
    CHECK(wk_nonzero(out, none, 1) == WK_OK && out->ndim == 2 && out->sizes[0] == 0 && out->sizes[1] == 1);
    wk_tensor *empty = wk_tensor_new(WK_F32);
    CHECK(wk_nonzero(out, empty, 1) == WK_OK && out->sizes[0] == 0);
    wk_tensor *self = wk_tensor_new_sized(WK_I64, 1, (int64_t[]){3});
    ((int64_t *)wk_tensor_data(self))[1] = 5;
    ((int64_t *)wk_tensor_data(self))[0] = ((int64_t *)wk_tensor_data(self))[2] = 0;
    CHECK(wk_nonzero(self, self, 1) == WK_OK && self->sizes[0] == 1 && at(self, 0) == 2);
    wk_tensor *bad_out = wk_tensor_new(WK_F32);
    CHECK_FAILS(wk_nonzero(bad_out, x, 1), WK_EINVAL, "LongTensor");

    wk_tensor_free(bad_out);
    wk_tensor_free(self);
    wk_tensor_free(empty);
    wk_tensor_free(none);
    wk_tensor_free(f);
    wk_tensor_free(xt);
    wk_tensor_free(out);
    wk_tensor_free(x);
}

static void test_shape(void)
{
    int64_t s23[2] = {2, 3}, s13[2] = {1, 3};
    wk_tensor *a = counting(WK_F32, 2, s23), *b = counting(WK_F32, 2, s13), *empty = wk_tensor_new(WK_F32);
    wk_tensor *out = wk_tensor_new(WK_F32);
    const wk_tensor *inputs[3] = {a, empty, b};
    CHECK(wk_cat(out, inputs, 3, 0) == WK_OK && out->sizes[0] == 3 && out->sizes[1] == 3);
    CHECK(equals(out, (double[]){1, 2, 3, 4, 5, 6, 1, 2, 3}, 9));
    CHECK_FAILS(wk_cat(out, inputs, 3, 1), WK_ESHAPE, "input 3");
    const wk_tensor *pair[2] = {a, a};
    CHECK(wk_cat(out, pair, 2, 1) == WK_OK && out->sizes[1] == 6);
    CHECK(equals(out, (double[]){1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6}, 12));
    CHECK(wk_cat(out, pair, 2, 2) == WK_OK && out->ndim == 3 && out->sizes[2] == 2);  /* one past: stacks */
    CHECK(equals(out, (double[]){1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6}, 12));
    CHECK_FAILS(wk_cat(out, pair, 2, 3), WK_ERANGE, "dimension 4");
    wk_tensor *a_self = counting(WK_F32, 2, s23);
    const wk_tensor *with_self[2] = {a_self, a};
    CHECK(wk_cat(a_self, with_self, 2, 0) == WK_OK && a_self->sizes[0] == 4 && at(a_self, 7) == 2);
    wk_tensor *d = counting(WK_F64, 1, (int64_t[]){2});
    const wk_tensor *mixed[2] = {a, d};
    CHECK_FAILS(wk_cat(out, mixed, 2, 0), WK_EINVAL, "differ in type");

    /* flip and roll */
    CHECK(wk_flip(out, a, 1) == WK_OK && equals(out, (double[]){3, 2, 1, 6, 5, 4}, 6));
    CHECK(wk_flip(out, a, 0) == WK_OK && equals(out, (double[]){4, 5, 6, 1, 2, 3}, 6));
    wk_tensor *a3 = counting(WK_F32, 2, s23);
    CHECK(wk_flip(a3, a3, 1) == WK_OK && equals(a3, (double[]){3, 2, 1, 6, 5, 4}, 6));
    CHECK(wk_roll(out, a, 1, 1) == WK_OK && equals(out, (double[]){3, 1, 2, 6, 4, 5}, 6));
    CHECK(wk_roll(out, a, -4, 1) == WK_OK && equals(out, (double[]){2, 3, 1, 5, 6, 4}, 6));
    CHECK_FAILS(wk_flip(out, a, 2), WK_ERANGE, "flip: dimension 3");

    /* diag, triu, tril, eye */
    wk_tensor *v = counting(WK_F32, 1, (int64_t[]){2});
    CHECK(wk_diag(out, v, 1) == WK_OK && out->sizes[0] == 3 && equals(out, (double[]){0, 1, 0, 0, 0, 2, 0, 0, 0}, 9));
    CHECK(wk_diag(out, a, 1) == WK_OK && equals(out, (double[]){2, 6}, 2));
    CHECK(wk_diag(out, a, -1) == WK_OK && equals(out, (double[]){4}, 1));
    CHECK_FAILS(wk_diag(out, a, -3), WK_ERANGE, "diagonal -3");
    CHECK(wk_triu(out, a, 0) == WK_OK && equals(out, (double[]){1, 2, 3, 0, 5, 6}, 6));
    CHECK(wk_tril(out, a, 0) == WK_OK && equals(out, (double[]){1, 0, 0, 4, 5, 0}, 6));
    CHECK(wk_triu(out, a, -1) == WK_OK && equals(out, (double[]){1, 2, 3, 4, 5, 6}, 6));
    CHECK(wk_tril(out, a, -5) == WK_OK && equals(out, (double[]){0, 0, 0, 0, 0, 0}, 6));
    wk_tensor *a4 = counting(WK_F32, 2, s23);
    CHECK(wk_triu(a4, a4, 1) == WK_OK && equals(a4, (double[]){0, 2, 3, 0, 0, 6}, 6));
    CHECK(wk_eye(out, 2, 3) == WK_OK && equals(out, (double[]){1, 0, 0, 0, 1, 0}, 6));

    /* cross, kron */
    wk_tensor *x = counting(WK_F64, 1, (int64_t[]){3});        /* (1,2,3) x (2,3,4) = (-1,2,-1) */
    wk_tensor *y = counting(WK_F64, 1, (int64_t[]){4});
    wk_tensor_narrow(y, 0, 1, 3);
    wk_tensor *c = wk_tensor_new(WK_F64);
    CHECK(wk_cross(c, x, y, -1) == WK_OK && equals(c, (double[]){-1, 2, -1}, 3));
    CHECK(wk_cross(x, x, y, 0) == WK_OK && equals(x, (double[]){-1, 2, -1}, 3));
    CHECK_FAILS(wk_cross(c, a, a, -1), WK_EINVAL, "differ in type");
    wk_tensor *k2 = counting(WK_F64, 2, (int64_t[]){2, 2});
    CHECK(wk_kron(c, k2, k2) == WK_OK && c->sizes[0] == 4 && c->sizes[1] == 4);
    CHECK(equals(c, (double[]){1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16}, 16));

    /* sequences */
    CHECK(wk_linspace(out, 0, 1, 5) == WK_OK && equals(out, (double[]){0, 0.25, 0.5, 0.75, 1}, 5));
    CHECK(wk_linspace(out, 2, 5, 1) == WK_OK && equals(out, (double[]){2}, 1));
    CHECK(wk_logspace(c, 0, 2, 3, 10) == WK_OK && equals(c, (double[]){1, 10, 100}, 3));
    CHECK(wk_range(c, 2, 5, 1.2) == WK_OK && c->sizes[0] == 3 && fabs(at(c, 2) - 4.4) < 1e-12);
    CHECK(wk_range(c, 5, 2, -1) == WK_OK && equals(c, (double[]){5, 4, 3, 2}, 4));
    CHECK_FAILS(wk_range(c, 0, 1, 0), WK_EINVAL, "not be zero");
    CHECK_FAILS(wk_range(c, 0, 1, -1), WK_EINVAL, "sign");

    wk_tensor_free(k2);
    wk_tensor_free(c);
    wk_tensor_free(y);
    wk_tensor_free(x);
    wk_tensor_free(a4);
    wk_tensor_free(v);
    wk_tensor_free(a3);
    wk_tensor_free(d);
    wk_tensor_free(a_self);
    wk_tensor_free(out);
    wk_tensor_free(empty);
    wk_tensor_free(b);
    wk_tensor_free(a);
}

int main(void)
{
    test_masked();
    test_index();
    test_gather_scatter();
    test_nonzero();
    test_shape();
    return check_summary("index_test");
}
