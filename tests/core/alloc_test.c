/* alloc_test.c — the caching allocator: reuse of large blocks, the counts Lua's GC reads. */
#include "check.h"
#include <stdint.h>

int main(void)
{
    int64_t sizes[1] = {1 << 20};                             /* 4 MiB of floats: a large block */
    wk_tensor *a = wk_tensor_new_sized(WK_F32, 1, sizes);
    void *first = wk_tensor_data(a);
    CHECK(((uintptr_t)first & 63) == 0);
    CHECK(wk_memory_in_use() >= 4 << 20);
    wk_tensor_free(a);
    CHECK(wk_memory_cached() >= 4 << 20);
    wk_tensor *b = wk_tensor_new_sized(WK_F32, 1, sizes);
    CHECK(wk_tensor_data(b) == first);                        /* the cached block came back */
    CHECK(wk_memory_cached() == 0);

    wk_tensor *small = wk_tensor_new_sized(WK_U8, 1, (int64_t[]){3});
    CHECK(((uintptr_t)wk_tensor_data(small) & 63) == 0);
    wk_tensor_free(small);

    wk_memory_collected();
    CHECK(!wk_memory_should_collect());
    for (int i = 0; i < 40; i++) wk_tensor_free(wk_tensor_new_sized(WK_F32, 1, sizes));
    CHECK(wk_memory_should_collect());                        /* 160 MiB allocated since */
    wk_memory_collected();
    CHECK(!wk_memory_should_collect());

    wk_tensor_free(b);
    wk_memory_empty_cache();
    CHECK(wk_memory_cached() == 0);
    return check_summary("alloc_test");
}
