/* tensor_test.c — views over a storage: sizes, strides, offsets, and their error cases. */
#include "check.h"

static float at(const wk_tensor *t, int64_t i, int64_t j)
{
    return ((const float *)wk_tensor_data(t))[i * t->strides[0] + j * t->strides[1]];
}

static wk_tensor *range_matrix(int64_t rows, int64_t cols)
{
    int64_t sizes[2] = {rows, cols};
    wk_tensor *t = wk_tensor_new_sized(WK_F32, 2, sizes);
    float *p = wk_tensor_data(t);
    for (int64_t i = 0; i < rows * cols; i++) p[i] = (float)(i + 1);
    return t;
}

static void test_empty_and_scalar(void)
{
    wk_tensor *empty = wk_tensor_new(WK_F64);
    CHECK(empty->ndim == 0 && empty->storage == NULL && wk_tensor_numel(empty) == 0);
    CHECK(wk_tensor_resize(empty, 0, NULL) == WK_OK);   /* a scalar: one element */
    CHECK(wk_tensor_numel(empty) == 1);
    wk_tensor_free(empty);

    int64_t zero[2] = {0, 3};
    wk_tensor *none = wk_tensor_new_sized(WK_F32, 2, zero);
    CHECK(none && wk_tensor_numel(none) == 0 && wk_tensor_is_contiguous(none));
    wk_tensor_free(none);
}

static void test_views(void)
{
    wk_tensor *m = range_matrix(3, 4);
    CHECK(wk_tensor_is_contiguous(m) && m->strides[0] == 4 && m->strides[1] == 1);

    wk_tensor *n = wk_tensor_new_alias(m);
    CHECK(wk_tensor_narrow(n, 0, 1, 2) == WK_OK);
    CHECK(n->sizes[0] == 2 && n->offset == 4 && at(n, 0, 0) == 5.0f);
    CHECK(wk_storage_refcount(m->storage) == 2);

    wk_tensor *t = wk_tensor_new_alias(m);
    CHECK(wk_tensor_transpose(t, 0, 1) == WK_OK && !wk_tensor_is_contiguous(t));
    CHECK(t->sizes[0] == 4 && at(t, 1, 2) == 10.0f);
    CHECK_FAILS(wk_tensor_view(t, 1, (int64_t[]){12}), WK_ESHAPE, "no view");

    wk_tensor *s = wk_tensor_new_alias(m);
    CHECK(wk_tensor_select(s, 1, 2) == WK_OK && s->ndim == 1 && s->sizes[0] == 3 && s->strides[0] == 4);
    CHECK(((float *)wk_tensor_data(s))[4] == 7.0f);

    wk_tensor *v = wk_tensor_new_alias(m);
    CHECK(wk_tensor_view(v, 3, (int64_t[]){2, -1, 3}) == WK_OK && v->sizes[1] == 2 && v->strides[0] == 6);
    CHECK_FAILS(wk_tensor_view(v, 2, (int64_t[]){5, -1}), WK_ESHAPE, "12 elements");

    /* A narrowed matrix still views as rows of its own. */
    wk_tensor *rows = wk_tensor_new_alias(n);
    CHECK(wk_tensor_view(rows, 3, (int64_t[]){2, 2, 2}) == WK_OK && rows->strides[0] == 4 && rows->strides[1] == 2);
    wk_tensor *cols = wk_tensor_new_alias(m);
    CHECK(wk_tensor_narrow(cols, 1, 0, 2) == WK_OK);
    CHECK_FAILS(wk_tensor_view(cols, 1, (int64_t[]){6}), WK_ESHAPE, "no view");

    wk_tensor *u = wk_tensor_new_alias(m);
    CHECK(wk_tensor_unfold(u, 1, 2, 2) == WK_OK && u->ndim == 3 && u->sizes[1] == 2 && u->sizes[2] == 2);
    CHECK(u->strides[1] == 2 && u->strides[2] == 1);

    wk_tensor *e = wk_tensor_new_alias(s);
    CHECK(wk_tensor_unsqueeze(e, 1) == WK_OK && e->sizes[1] == 1);
    CHECK(wk_tensor_expand(e, 3, (int64_t[]){5, 3, 4}) == WK_OK && e->strides[0] == 0 && e->strides[2] == 0);
    CHECK_FAILS(wk_tensor_expand(e, 3, (int64_t[]){5, 2, 4}), WK_ESHAPE, "cannot expand");

    wk_tensor *p = wk_tensor_new_alias(v);
    CHECK(wk_tensor_permute(p, (int32_t[]){2, 0, 1}) == WK_OK && p->sizes[0] == 3 && p->strides[0] == 1);
    CHECK_FAILS(wk_tensor_permute(p, (int32_t[]){0, 0, 1}), WK_EINVAL, "permutation");

    wk_tensor *q = wk_tensor_new_alias(m);
    CHECK(wk_tensor_unsqueeze(q, 0) == WK_OK && wk_tensor_unsqueeze(q, 3) == WK_OK && q->ndim == 4);
    CHECK(wk_tensor_squeeze_dim(q, 0) == WK_OK && q->ndim == 3);
    CHECK(wk_tensor_squeeze(q) == WK_OK && q->ndim == 2 && wk_tensor_is_same_size(q, m));
    CHECK(wk_tensor_is_set_to(q, m));

    wk_tensor *views[] = {n, t, s, v, rows, cols, u, e, p, q};
    for (size_t i = 0; i < sizeof views / sizeof views[0]; i++) wk_tensor_free(views[i]);
    CHECK(wk_storage_refcount(m->storage) == 1);
    wk_tensor_free(m);
}

static void test_errors(void)
{
    wk_tensor *m = range_matrix(2, 3);
    wk_tensor *t = wk_tensor_new_alias(m);
    CHECK_FAILS(wk_tensor_narrow(t, 2, 0, 1), WK_ERANGE, "dimension 3 out of range for a 2-d tensor (2x3 torch.FloatTensor)");
    CHECK_FAILS(wk_tensor_narrow(t, 1, 2, 2), WK_ERANGE, "out of range");
    CHECK_FAILS(wk_tensor_select(t, 0, 2), WK_ERANGE, "index 3 out of range");
    CHECK_FAILS(wk_tensor_resize(t, 1, (int64_t[]){-4}), WK_EINVAL, "negative size");
    CHECK(wk_tensor_new_sized(WK_F32, 1, (int64_t[]){(int64_t)1e12}) == NULL);
    CHECK(wk_last_status() == WK_ENOMEM && strstr(wk_last_error(), "out of memory"));
    CHECK(wk_tensor_new_sized(WK_F32, 2, (int64_t[]){(int64_t)1 << 40, (int64_t)1 << 40}) == NULL);
    CHECK(wk_last_status() == WK_ENOMEM);
    CHECK(wk_tensor_new_view(m->storage, 2, 2, (int64_t[]){2, 3}, NULL) == NULL);
    CHECK(wk_last_status() == WK_ERANGE);
    CHECK(wk_tensor_new(99) == NULL && strstr(wk_last_error(), "unknown dtype"));

    wk_memory_set_limit(1 << 20);
    CHECK(wk_tensor_new_sized(WK_F32, 1, (int64_t[]){1 << 20}) == NULL && wk_last_status() == WK_ENOMEM);
    wk_memory_set_limit(0);

    char buf[64];
    CHECK(strcmp(wk_tensor_describe(m, buf, sizeof buf), "2x3 torch.FloatTensor") == 0);
    wk_tensor_free(t);
    wk_tensor_free(m);
}

static void test_resize_reuses_storage(void)
{
    wk_tensor *m = range_matrix(4, 4);
    wk_storage *before = m->storage;
    void *data = wk_tensor_data(m);
    CHECK(wk_tensor_resize(m, 1, (int64_t[]){8}) == WK_OK && m->storage == before && wk_tensor_data(m) == data);
    CHECK(((float *)wk_tensor_data(m))[7] == 8.0f);
    CHECK(wk_tensor_resize(m, 2, (int64_t[]){10, 10}) == WK_OK && wk_storage_size(m->storage) == 100);
    CHECK(((float *)wk_tensor_data(m))[7] == 8.0f);             /* the old prefix survives */
    wk_tensor_free(m);
}

int main(void)
{
    test_empty_and_scalar();
    test_views();
    test_errors();
    test_resize_reuses_storage();
    return check_summary("tensor_test");
}
