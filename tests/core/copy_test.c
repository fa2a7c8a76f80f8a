/* copy_test.c — copy across dtypes and strides, broadcasting, fill, and the 16-bit floats. */
#include "check.h"
#include <math.h>
#include <stdlib.h>

static wk_tensor *sized(int32_t dtype, int32_t ndim, const int64_t *sizes)
{
    return wk_tensor_new_sized(dtype, ndim, sizes);
}

static void test_every_dtype_pair(void)
{
    const double values[4] = {0, 1, 7, 100};
    for (int32_t dst_type = 0; dst_type < WK_DTYPE_COUNT; dst_type++) {
        for (int32_t src_type = 0; src_type < WK_DTYPE_COUNT; src_type++) {
            wk_tensor *src = sized(src_type, 1, (int64_t[]){4});
            wk_tensor *dst = sized(dst_type, 1, (int64_t[]){4});
            wk_tensor *back = sized(WK_F64, 1, (int64_t[]){4});
            wk_tensor *ref = sized(WK_F64, 1, (int64_t[]){4});
            for (int i = 0; i < 4; i++) ((double *)wk_tensor_data(ref))[i] = values[i];
            CHECK(wk_copy(src, ref) == WK_OK);
            CHECK(wk_copy(dst, src) == WK_OK);
            CHECK(wk_copy(back, dst) == WK_OK);
            int ok = 1;
            for (int i = 0; i < 4; i++) ok &= ((double *)wk_tensor_data(back))[i] == values[i];
            if (!ok) fprintf(stderr, "copy %d -> %d lost values\n", src_type, dst_type);
            CHECK(ok);
            wk_tensor_free(src), wk_tensor_free(dst), wk_tensor_free(back), wk_tensor_free(ref);
        }
    }
}

static void test_strided_and_broadcast(void)
{
    /* dst = transpose of a 3x5 double matrix, copied into a float 5x3. */
    wk_tensor *m = sized(WK_F64, 2, (int64_t[]){3, 5});
    for (int i = 0; i < 15; i++) ((double *)wk_tensor_data(m))[i] = i;
    wk_tensor *t = wk_tensor_new_alias(m);
    wk_tensor_transpose(t, 0, 1);
    wk_tensor *f = sized(WK_F32, 2, (int64_t[]){5, 3});
    CHECK(wk_copy(f, t) == WK_OK);
    float *fp = wk_tensor_data(f);
    CHECK(fp[0] == 0 && fp[1] == 5 && fp[2] == 10 && fp[3] == 1 && fp[14] == 14);

    /* A row broadcast over a matrix. */
    wk_tensor *row = sized(WK_F32, 1, (int64_t[]){3});
    for (int i = 0; i < 3; i++) ((float *)wk_tensor_data(row))[i] = (float)(i + 1);
    CHECK(wk_copy(f, row) == WK_OK);
    CHECK(fp[0] == 1 && fp[4] == 2 && fp[14] == 3);

    /* Same element count, other shape: row-major order, as Torch7. */
    wk_tensor *flat = sized(WK_F64, 1, (int64_t[]){15});
    CHECK(wk_copy(flat, t) == WK_OK);
    CHECK(((double *)wk_tensor_data(flat))[1] == 5 && ((double *)wk_tensor_data(flat))[3] == 1);

    wk_tensor *wrong = sized(WK_F32, 1, (int64_t[]){4});
    CHECK_FAILS(wk_copy(wrong, m), WK_ESHAPE, "copy: sizes do not match: 3x5 torch.DoubleTensor into 4 torch.FloatTensor");

    wk_tensor_free(m), wk_tensor_free(t), wk_tensor_free(f), wk_tensor_free(row), wk_tensor_free(flat);
    wk_tensor_free(wrong);
}

static void test_large_parallel(void)
{
    /* Big enough to split across threads; a non-contiguous source to exercise the odometer. */
    int64_t n = 1000, k = 301;
    wk_tensor *src = sized(WK_I32, 2, (int64_t[]){n, k});
    int32_t *sp = wk_tensor_data(src);
    for (int64_t i = 0; i < n * k; i++) sp[i] = (int32_t)i;
    wk_tensor *view = wk_tensor_new_alias(src);
    wk_tensor_narrow(view, 1, 1, k - 2);
    wk_tensor *dst = sized(WK_I64, 2, (int64_t[]){n, k - 2});
    wk_set_num_threads(2);
    CHECK(wk_copy(dst, view) == WK_OK);
    int64_t *dp = wk_tensor_data(dst);
    int ok = 1;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < k - 2; j++) ok &= dp[i * (k - 2) + j] == i * k + j + 1;
    CHECK(ok);
    CHECK(wk_fill(view, -3) == WK_OK);
    CHECK(sp[0] == 0 && sp[1] == -3 && sp[k - 1] == (int32_t)(k - 1) && sp[n * k - 2] == -3);
    wk_tensor_free(src), wk_tensor_free(view), wk_tensor_free(dst);
}

static void test_fill_and_halves(void)
{
    wk_tensor *l = sized(WK_I64, 1, (int64_t[]){2});
    CHECK(wk_fill_i64(l, ((int64_t)1 << 60) + 1) == WK_OK);
    CHECK(((int64_t *)wk_tensor_data(l))[1] == ((int64_t)1 << 60) + 1);
    wk_tensor_free(l);

    CHECK(wk_half_to_float(wk_float_to_half(1.0f)) == 1.0f);
    CHECK(wk_float_to_half(65504.0f) == 0x7bff && wk_float_to_half(1e6f) == 0x7c00);
    CHECK(wk_half_to_float(0x0001) == ldexpf(1, -24));
    CHECK(wk_float_to_half(ldexpf(1, -25)) == 0);             /* a tie rounds to even: zero */
    CHECK(wk_float_to_half(ldexpf(3, -25)) == 2);
    CHECK(wk_float_to_half(1.0f + ldexpf(1, -11)) == 0x3c00); /* tie to even */
    CHECK(isnan(wk_half_to_float(wk_float_to_half(NAN))));
    CHECK(wk_bf16_to_float(wk_float_to_bf16(3.0f)) == 3.0f && wk_float_to_bf16(1.0f) == 0x3f80);
    for (uint32_t h = 0; h < 0x7c00; h++)                    /* every finite half round-trips */
        if (wk_float_to_half(wk_half_to_float((uint16_t)h)) != h) {
            CHECK(!"half round trip");
            break;
        }

    wk_tensor *half = sized(WK_F16, 1, (int64_t[]){3});
    CHECK(wk_fill(half, 0.5) == WK_OK && ((uint16_t *)wk_tensor_data(half))[2] == 0x3800);
    wk_tensor_free(half);
}

int main(void)
{
    test_every_dtype_pair();
    test_strided_and_broadcast();
    test_large_parallel();
    test_fill_and_halves();
    return check_summary("copy_test");
}
