/*
 * alloc.c — where storage memory comes from.
 *
 * Small blocks come from posix_memalign. Large blocks (>= 1 MiB) come from mmap, 2 MiB aligned
 * with transparent huge pages asked for, and when freed they are kept in a cache by size class
 * for the next request of that class: on these VMs the first touch of fresh memory costs
 * 12-17 us per 4 KiB page, so an operation that maps fresh memory each time runs 3-4x slower.
 *
 * It also keeps the counts the Lua side needs: LuaJIT's collector cannot see this memory, so Lua
 * asks wk_memory_should_collect() after allocating and runs a full collection when it says so.
 */
#include "internal.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum {
    LARGE_BLOCK = 1 << 20,                 /* from here on: mmap + cache */
    HUGE_PAGE = 2 << 20,
    CLASS_COUNT = 4 * 48,                  /* 4 classes per power of two up to 2^48 bytes */
};

static const int64_t collect_floor = 128ll << 20;  /* allocate at least this much between GCs */
static const int64_t cache_cap = 1ll << 30;        /* cache at most this much */

typedef struct cached_block {          /* written into the free block itself */
    struct cached_block *next;
    int64_t bytes;
} cached_block;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static cached_block *free_lists[CLASS_COUNT];
static int64_t bytes_cached;
static int64_t bytes_in_use;
static int64_t bytes_since_collect;
static int64_t bytes_live_at_collect;
static int64_t bytes_limit;

/* Large sizes round up to one of 4 classes per power of two (at most 25% waste), in pages. */
static int size_class(int64_t bytes, int64_t *rounded)
{
    int power = 63 - __builtin_clzll((unsigned long long)bytes);   /* 2^power <= bytes */
    int64_t quarter = (int64_t)1 << (power - 2);
    int64_t steps = (bytes + quarter - 1) / quarter;                /* 4..8 */
    *rounded = steps * quarter;
    if (steps == 8) return (power + 1) * 4;
    return power * 4 + (int)(steps - 4);
}

static void *map_block(int64_t bytes)
{
    /* Over-map by a huge page and trim, so the block starts on a 2 MiB boundary. */
    size_t length = (size_t)bytes + HUGE_PAGE;
    char *raw = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return NULL;
    uintptr_t start = ((uintptr_t)raw + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    size_t head = start - (uintptr_t)raw, tail = length - head - (size_t)bytes;
    if (head) munmap(raw, head);
    if (tail) munmap((char *)start + bytes, tail);
    madvise((void *)start, (size_t)bytes, MADV_HUGEPAGE);
    return (void *)start;
}

static void *take_cached(int class_index)
{
    cached_block *block = free_lists[class_index];
    if (block) free_lists[class_index] = block->next;
    return block;
}

static void drop_cache_locked(void)
{
    for (int c = 0; c < CLASS_COUNT; c++) {
        while (free_lists[c]) {
            cached_block *block = free_lists[c];
            free_lists[c] = block->next;
            bytes_cached -= block->bytes;
            munmap(block, (size_t)block->bytes);
        }
    }
}

void *wk_alloc(int64_t bytes)
{
    if (bytes < 0) return wk_error_null(WK_EINVAL, "allocation of a negative size (%lld bytes)", (long long)bytes);
    if (bytes == 0) bytes = 1;
    int64_t rounded = (bytes + 63) & ~(int64_t)63;
    int class_index = -1;
    if (bytes >= LARGE_BLOCK) {
        if (bytes > ((int64_t)1 << 46)) goto out_of_memory;
        class_index = size_class(bytes, &rounded);
    }

    pthread_mutex_lock(&lock);
    if (bytes_limit && bytes_in_use + rounded > bytes_limit) {
        pthread_mutex_unlock(&lock);
        goto out_of_memory;
    }
    void *p = class_index >= 0 ? take_cached(class_index) : NULL;
    if (p) bytes_cached -= rounded;
    pthread_mutex_unlock(&lock);

    if (!p) {
        if (class_index >= 0) {
            p = map_block(rounded);
            if (!p) {
                /* The cache may hold what the system lacks: give it back and try once more. */
                wk_memory_empty_cache();
                p = map_block(rounded);
            }
        } else if (posix_memalign(&p, 64, (size_t)rounded) != 0) {
            p = NULL;
        }
        if (!p) goto out_of_memory;
    }

    pthread_mutex_lock(&lock);
    bytes_in_use += rounded;
    bytes_since_collect += rounded;
    pthread_mutex_unlock(&lock);
    return p;

out_of_memory:
    return wk_error_null(WK_ENOMEM, "out of memory: cannot allocate %lld bytes (%.1f GiB)",
                         (long long)bytes, (double)bytes / (1024.0 * 1024 * 1024));
}

void wk_release(void *p, int64_t bytes)
{
    if (!p) return;
    if (bytes == 0) bytes = 1;
    int64_t rounded = (bytes + 63) & ~(int64_t)63;
    if (bytes < LARGE_BLOCK) {
        free(p);
        pthread_mutex_lock(&lock);
        bytes_in_use -= rounded;
        pthread_mutex_unlock(&lock);
        return;
    }
    int class_index = size_class(bytes, &rounded);
    pthread_mutex_lock(&lock);
    bytes_in_use -= rounded;
    bool keep = bytes_cached + rounded <= cache_cap;
    if (keep) {
        cached_block *block = p;
        block->next = free_lists[class_index];
        block->bytes = rounded;
        free_lists[class_index] = block;
        bytes_cached += rounded;
    }
    pthread_mutex_unlock(&lock);
    if (!keep) munmap(p, (size_t)rounded);
}

int wk_memory_should_collect(void)
{
    /* Collect once the bytes allocated since the last collection pass both a floor and half of
     * what was live then, so a big live working set does not cause a collection per step. */
    int64_t since = __atomic_load_n(&bytes_since_collect, __ATOMIC_RELAXED);
    return since > collect_floor && since > bytes_live_at_collect / 2;
}

void wk_memory_collected(void)
{
    pthread_mutex_lock(&lock);
    bytes_since_collect = 0;
    bytes_live_at_collect = bytes_in_use;
    pthread_mutex_unlock(&lock);
}

int64_t wk_memory_in_use(void) { return __atomic_load_n(&bytes_in_use, __ATOMIC_RELAXED); }
int64_t wk_memory_cached(void) { return __atomic_load_n(&bytes_cached, __ATOMIC_RELAXED); }

void wk_memory_empty_cache(void)
{
    pthread_mutex_lock(&lock);
    drop_cache_locked();
    pthread_mutex_unlock(&lock);
}

void wk_memory_set_limit(int64_t bytes)
{
    pthread_mutex_lock(&lock);
    bytes_limit = bytes > 0 ? bytes : 0;
    pthread_mutex_unlock(&lock);
}
