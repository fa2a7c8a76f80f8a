/*
 * storage.c — reference-counted element buffers. A storage owns its memory (from alloc.c) or
 * borrows it (an mmap'd file, say) and calls the owner's release function at the end.
 */
#include "internal.h"
#include <stdlib.h>
#include <string.h>

struct wk_storage {
    void *data;
    int64_t size;                      /* elements */
    int64_t bytes;                     /* bytes allocated, for owned storages */
    int32_t dtype;
    int32_t refcount;
    void (*release)(void *context);    /* borrowed storages: how to give the memory back */
    void *context;
    bool borrowed;
};

static int64_t storage_bytes(int32_t dtype, int64_t size, const char *op)
{
    int64_t element = wk_dtype_size(dtype);
    if (size > INT64_MAX / element) {
        wk_error(WK_ENOMEM, "%s: out of memory: %lld elements of %s are too many", op, (long long)size,
                 wk_dtype_get(dtype)->name);
        return -1;
    }
    return size * element;
}

wk_storage *wk_storage_new(int32_t dtype, int64_t size)
{
    if (!wk_dtype_valid(dtype)) return wk_error_null(WK_EINVAL, "storage: unknown dtype %d", dtype);
    if (size < 0) return wk_error_null(WK_EINVAL, "storage: negative size %lld", (long long)size);
    int64_t bytes = storage_bytes(dtype, size, "storage");
    if (bytes < 0) return NULL;
    wk_storage *s = calloc(1, sizeof *s);
    if (!s) return wk_error_null(WK_ENOMEM, "storage: out of memory");
    s->data = wk_alloc(bytes);
    if (!s->data) {
        free(s);
        return NULL;
    }
    s->size = size;
    s->bytes = bytes;
    s->dtype = dtype;
    s->refcount = 1;
    return s;
}

wk_storage *wk_storage_new_borrowed(int32_t dtype, void *data, int64_t size,
                                    void (*release)(void *context), void *context)
{
    if (!wk_dtype_valid(dtype)) return wk_error_null(WK_EINVAL, "storage: unknown dtype %d", dtype);
    if (size < 0 || (size > 0 && !data))
        return wk_error_null(WK_EINVAL, "storage: borrowed memory of size %lld at %p", (long long)size, data);
    wk_storage *s = calloc(1, sizeof *s);
    if (!s) return wk_error_null(WK_ENOMEM, "storage: out of memory");
    s->data = data;
    s->size = size;
    s->dtype = dtype;
    s->refcount = 1;
    s->release = release;
    s->context = context;
    s->borrowed = true;
    return s;
}

void wk_storage_retain(wk_storage *s)
{
    if (s) __atomic_add_fetch(&s->refcount, 1, __ATOMIC_RELAXED);
}

void wk_storage_free(wk_storage *s)
{
    if (!s || __atomic_sub_fetch(&s->refcount, 1, __ATOMIC_ACQ_REL) > 0) return;
    if (s->borrowed) {
        if (s->release) s->release(s->context);
    } else {
        wk_release(s->data, s->bytes);
    }
    free(s);
}

int wk_storage_resize(wk_storage *s, int64_t size)
{
    if (!s) return wk_error(WK_EINVAL, "storage resize: no storage");
    if (size < 0) return wk_error(WK_EINVAL, "storage resize: negative size %lld", (long long)size);
    if (size == s->size) return WK_OK;
    if (s->borrowed)
        return wk_error(WK_EUNSUPPORTED, "storage resize: cannot resize a storage over borrowed memory "
                        "(size %lld to %lld)", (long long)s->size, (long long)size);
    int64_t bytes = storage_bytes(s->dtype, size, "storage resize");
    if (bytes < 0) return WK_ENOMEM;
    void *data = wk_alloc(bytes);
    if (!data) return WK_ENOMEM;
    int64_t keep = size < s->size ? size : s->size;
    if (keep) memcpy(data, s->data, (size_t)(keep * wk_dtype_size(s->dtype)));
    wk_release(s->data, s->bytes);
    s->data = data;
    s->bytes = bytes;
    s->size = size;
    return WK_OK;
}

void *wk_storage_data(const wk_storage *s) { return s ? s->data : NULL; }
int64_t wk_storage_size(const wk_storage *s) { return s ? s->size : 0; }
int32_t wk_storage_dtype(const wk_storage *s) { return s ? s->dtype : -1; }
int32_t wk_storage_refcount(const wk_storage *s) { return s ? s->refcount : 0; }
