/*
 * random.c — random numbers: the Mersenne Twister generator (MT19937, the generator Torch7
 * uses), its seed and state, scalar draws, multinomial sampling and random permutations. The
 * tensor fills are in random_fill.c.
 *
 * The generator is written from the published algorithm (Matsumoto and Nishimura, 1998, with
 * the 2002 initialisation). Seeds below 2^32 initialise it as Torch7 does, and the draws follow
 * Torch7's formulas, so a seed gives Torch7's numbers: manualSeed(0) then random() is 2357136044.
 *
 * Not thread safe: a generator must not be used from two threads at once (as Torch7). Functions
 * taking a generator accept NULL for the default one.
 */
#include "random.h"
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------------------------------- */
/* The twister                                                                                  */

static inline uint32_t mix(uint32_t upper_from, uint32_t lower_from, uint32_t far)
{
    uint32_t y = (upper_from & 0x80000000u) | (lower_from & 0x7fffffffu);
    return far ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908b0dfu);
}

/* Regenerates all WK_MT_N words. Three loops so that none of them wraps around the array. */
void wk_generator_twist(uint32_t *mt)
{
    int i;
    for (i = 0; i < WK_MT_N - WK_MT_M; i++) mt[i] = mix(mt[i], mt[i + 1], mt[i + WK_MT_M]);
    for (; i < WK_MT_N - 1; i++) mt[i] = mix(mt[i], mt[i + 1], mt[i + WK_MT_M - WK_MT_N]);
    mt[WK_MT_N - 1] = mix(mt[WK_MT_N - 1], mt[0], mt[WK_MT_M - 1]);
}

/* Words a block of state at a time, tempered in a loop the compiler vectorises. (Static: GCC
 * would export the dispatcher of a non-static target_clones function.) */
__attribute__((target_clones("avx2", "default")))
static void draw_words(wk_generator *g, void *out, int64_t n, int64_t stride)
{
    typedef uint32_t __attribute__((may_alias)) alias_u32;
    alias_u32 *words = out;
    while (n > 0) {
        if (g->next >= WK_MT_N) {
            wk_generator_twist(g->mt);
            g->next = 0;
        }
        int64_t take = WK_MT_N - g->next;
        if (take > n) take = n;
        const uint32_t *mt = g->mt + g->next;
        if (stride == 1) {
            for (int64_t i = 0; i < take; i++) words[i] = wk_temper(mt[i]);
        } else {
            for (int64_t i = 0; i < take; i++) words[2 * i] = wk_temper(mt[i]);
        }
        g->next += (int32_t)take;
        words += take * stride;
        n -= take;
    }
}

void wk_generator_draw(wk_generator *g, void *out, int64_t n, int64_t stride) { draw_words(g, out, n, stride); }

static void seed_words(uint32_t *mt, uint32_t seed)
{
    mt[0] = seed;
    for (uint32_t i = 1; i < WK_MT_N; i++) mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i;
}

/* The 2002 initialisation from an array of keys, for seeds that do not fit in 32 bits. */
static void seed_words_from_keys(uint32_t *mt, const uint32_t *keys, int keys_count)
{
    seed_words(mt, 19650218u);
    int i = 1, j = 0;
    for (int k = WK_MT_N > keys_count ? WK_MT_N : keys_count; k > 0; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + keys[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= WK_MT_N) {
            mt[0] = mt[WK_MT_N - 1];
            i = 1;
        }
        if (j >= keys_count) j = 0;
    }
    for (int k = WK_MT_N - 1; k > 0; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        i++;
        if (i >= WK_MT_N) {
            mt[0] = mt[WK_MT_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000u;
}

/* ------------------------------------------------------------------------------------------- */
/* Generators                                                                                   */

static wk_generator default_generator;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void default_init(void) { wk_generator_seed_from_time(&default_generator); }

wk_generator *wk_default_generator(void)
{
    pthread_once(&default_once, default_init);
    return &default_generator;
}

wk_generator *wk_generator_or_default(wk_generator *g) { return g ? g : wk_default_generator(); }

wk_generator *wk_generator_new(void)
{
    wk_generator *g = malloc(sizeof *g);
    if (!g) return wk_error_null(WK_ENOMEM, "Generator: out of memory");
    wk_generator_seed_from_time(g);
    return g;
}

void wk_generator_free(wk_generator *g)
{
    if (g && g != &default_generator) free(g);
}

void wk_generator_seed(wk_generator *g, uint64_t seed)
{
    g = wk_generator_or_default(g);
    if (seed <= 0xffffffffu) {
        seed_words(g->mt, (uint32_t)seed);
    } else {
        uint32_t keys[2] = {(uint32_t)seed, (uint32_t)(seed >> 32)};
        seed_words_from_keys(g->mt, keys, 2);
    }
    g->next = WK_MT_N;
    g->has_normal = 0;
    g->normal = 0;
    g->initial_seed = seed;
}

/* Seeds from /dev/urandom (the clock where it cannot be read). The seed stays below 2^53 so that
 * it survives a round trip through a Lua number: manualSeed(initialSeed()) repeats the stream. */
uint64_t wk_generator_seed_from_time(wk_generator *g)
{
    uint64_t seed = 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    bool have = false;
    if (fd >= 0) {
        have = read(fd, &seed, sizeof seed) == (ssize_t)sizeof seed;
        close(fd);
    }
    if (!have) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        seed = (uint64_t)now.tv_sec * 1000000007u ^ (uint64_t)now.tv_nsec ^ (uint64_t)(uintptr_t)g;
    }
    seed &= ((uint64_t)1 << 53) - 1;
    /* g may be the default generator itself while it is being set up: no generator_or_default. */
    wk_generator_seed(g ? g : wk_default_generator(), seed);
    return seed;
}

uint64_t wk_generator_initial_seed(const wk_generator *g)
{
    return (g ? g : wk_default_generator())->initial_seed;
}

/* The state as bytes: a tag, then the fields at fixed offsets in this machine's byte order. */
static const char STATE_TAG[8] = {'W', 'K', 'M', 'T', '1', '9', '9', '7'};
enum {
    STATE_SEED = 8,
    STATE_NEXT = 16,
    STATE_HAS_NORMAL = 20,
    STATE_NORMAL = 24,
    STATE_WORDS = 32,
    STATE_SIZE = STATE_WORDS + WK_MT_N * 4
};

int64_t wk_generator_state_size(void) { return STATE_SIZE; }

int wk_generator_get_state(const wk_generator *g, wk_tensor *state)
{
    const wk_generator *src = g ? g : wk_default_generator();
    if (state->dtype != WK_U8)
        return wk_error(WK_EINVAL, "getRNGState: the state is a torch.ByteTensor, got %s", WK_DESC(state));
    int64_t size = STATE_SIZE;
    if (wk_tensor_resize(state, 1, &size) != WK_OK) return wk_last_status();
    uint8_t *bytes = wk_tensor_data(state);
    memcpy(bytes, STATE_TAG, sizeof STATE_TAG);
    memcpy(bytes + STATE_SEED, &src->initial_seed, 8);
    memcpy(bytes + STATE_NEXT, &src->next, 4);
    memcpy(bytes + STATE_HAS_NORMAL, &src->has_normal, 4);
    memcpy(bytes + STATE_NORMAL, &src->normal, 8);
    memcpy(bytes + STATE_WORDS, src->mt, WK_MT_N * 4);
    return WK_OK;
}

int wk_generator_set_state(wk_generator *g, const wk_tensor *state)
{
    g = wk_generator_or_default(g);
    if (state->dtype != WK_U8)
        return wk_error(WK_EINVAL, "setRNGState: the state must be a torch.ByteTensor, got %s", WK_DESC(state));
    if (wk_tensor_numel(state) != STATE_SIZE)
        return wk_error(WK_EFORMAT, "setRNGState: a generator state has %d bytes, got %s", STATE_SIZE,
                        WK_DESC(state));
    wk_tensor *bytes_tensor = wk_tensor_new_contiguous(state);
    if (!bytes_tensor) return wk_last_status();
    const uint8_t *bytes = wk_tensor_data(bytes_tensor);
    wk_generator parsed;
    memcpy(&parsed.initial_seed, bytes + STATE_SEED, 8);
    memcpy(&parsed.next, bytes + STATE_NEXT, 4);
    memcpy(&parsed.has_normal, bytes + STATE_HAS_NORMAL, 4);
    memcpy(&parsed.normal, bytes + STATE_NORMAL, 8);
    memcpy(parsed.mt, bytes + STATE_WORDS, WK_MT_N * 4);
    bool tag_ok = memcmp(bytes, STATE_TAG, sizeof STATE_TAG) == 0;
    wk_tensor_free(bytes_tensor);

    if (!tag_ok) return wk_error(WK_EFORMAT, "setRNGState: not a generator state (its tag is wrong)");
    if (parsed.next < 0 || parsed.next > WK_MT_N)
        return wk_error(WK_EFORMAT, "setRNGState: corrupt state: position %d outside 0..%d", parsed.next, WK_MT_N);
    if (parsed.has_normal != 0 && parsed.has_normal != 1)
        return wk_error(WK_EFORMAT, "setRNGState: corrupt state: normal flag %d", parsed.has_normal);
    if (!isfinite(parsed.normal))
        return wk_error(WK_EFORMAT, "setRNGState: corrupt state: the cached normal value is not finite");
    /* All-zero words (the top bit of the first aside) would make the twister output zeros forever. */
    uint32_t any = parsed.mt[0] & 0x80000000u;
    for (int i = 1; i < WK_MT_N; i++) any |= parsed.mt[i];
    if (!any) return wk_error(WK_EFORMAT, "setRNGState: corrupt state: the words are all zero");
    *g = parsed;
    return WK_OK;
}

/* ------------------------------------------------------------------------------------------- */
/* Scalar draws                                                                                 */

uint64_t wk_generator_random(wk_generator *g) { return wk_generator_next(wk_generator_or_default(g)); }

double wk_generator_uniform(wk_generator *g, double a, double b)
{
    double v = wk_unit(wk_generator_next(wk_generator_or_default(g))) * (b - a) + a;
    return v >= b && b > a ? nextafter(b, a) : v;
}

void wk_box_muller(uint32_t x_word, uint32_t y_word, double *first, double *second)
{
    double x = wk_unit(x_word), y = wk_unit(y_word);
    double rho = sqrt(-2.0 * log(1.0 - y));
    *first = rho * cos(2.0 * M_PI * x);
    *second = rho * sin(2.0 * M_PI * x);
}

static double standard_normal(wk_generator *g)
{
    if (g->has_normal) {
        g->has_normal = 0;
        return g->normal;
    }
    double first, second;
    uint32_t x = wk_generator_next(g);
    wk_box_muller(x, wk_generator_next(g), &first, &second);
    g->normal = second;
    g->has_normal = 1;
    return first;
}

double wk_generator_normal(wk_generator *g, double mean, double stdv)
{
    return standard_normal(wk_generator_or_default(g)) * stdv + mean;
}

/* ------------------------------------------------------------------------------------------- */
/* Multinomial and permutations                                                                 */

static double load_probability(const char *p, int32_t dtype)
{
    return dtype == WK_F32 ? *(const float *)p : *(const double *)p;
}

/* The first index whose cumulative weight exceeds target; past the end: the last positive one. */
static int64_t search_cumulative(const double *cumulative, const double *weights, int64_t n, double target)
{
    int64_t lo = 0, hi = n;                        /* answer in [lo, hi) */
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (cumulative[mid] > target) hi = mid;
        else lo = mid + 1;
    }
    if (lo < n) return lo;
    for (int64_t i = n - 1; i > 0; i--)
        if (weights[i] > 0) return i;
    return 0;
}

/* out (int64): samples x (rows of probs); each row's weights need not sum to 1. */
int wk_multinomial(wk_tensor *out, wk_generator *g, const wk_tensor *probs, int64_t samples, int32_t replacement,
                   int64_t index_base)
{
    if (probs->device != WK_CPU || out->device != WK_CPU)
        return wk_error(WK_EUNSUPPORTED, "multinomial: %s needs the CUDA back end", WK_DESC(probs));
    if (probs->dtype != WK_F32 && probs->dtype != WK_F64)
        return wk_error(WK_EINVAL, "multinomial: the probabilities must be a torch.FloatTensor or "
                        "torch.DoubleTensor, got %s", WK_DESC(probs));
    if (probs->ndim != 1 && probs->ndim != 2)
        return wk_error(WK_ESHAPE, "multinomial: the probabilities must be a vector or a matrix, got %s",
                        WK_DESC(probs));
    if (out->dtype != WK_I64)
        return wk_error(WK_EINVAL, "multinomial: the result must be a torch.LongTensor, got %s", WK_DESC(out));
    if (samples < 0) return wk_error(WK_EINVAL, "multinomial: %lld samples requested", (long long)samples);
    int64_t rows = probs->ndim == 2 ? probs->sizes[0] : 1;
    int64_t categories = probs->sizes[probs->ndim - 1];
    int64_t row_stride = probs->ndim == 2 ? probs->strides[0] : 0;
    int64_t column_stride = probs->strides[probs->ndim - 1];
    if (categories == 0) return wk_error(WK_ESHAPE, "multinomial: no categories in %s", WK_DESC(probs));
    if (!replacement && samples > categories)
        return wk_error(WK_EINVAL, "multinomial: cannot draw %lld samples without replacement from %lld categories "
                        "(%s)", (long long)samples, (long long)categories, WK_DESC(probs));

    /* Every row is checked before anything is drawn. */
    const char *base = wk_tensor_data(probs);
    int64_t element = wk_dtype_size(probs->dtype);
    for (int64_t r = 0; r < rows; r++) {
        double total = 0;
        int64_t positive = 0;
        for (int64_t c = 0; c < categories; c++) {
            double w = load_probability(base + (r * row_stride + c * column_stride) * element, probs->dtype);
            if (!(w >= 0) || !isfinite(w))
                return wk_error(WK_EINVAL, "multinomial: invalid probability %g at row %lld, column %lld of %s", w,
                                (long long)r + 1, (long long)c + 1, WK_DESC(probs));
            total += w;
            positive += w > 0;
        }
        if (!(total > 0) || !isfinite(total))
            return wk_error(WK_EINVAL, "multinomial: row %lld of %s sums to %g; the weights must have a positive, "
                            "finite sum", (long long)r + 1, WK_DESC(probs), total);
        if (!replacement && positive < samples)
            return wk_error(WK_EINVAL, "multinomial: row %lld of %s has %lld non-zero weights, fewer than the %lld "
                            "samples drawn without replacement", (long long)r + 1, WK_DESC(probs),
                            (long long)positive, (long long)samples);
    }

    int64_t sizes[2] = {rows, samples};
    int rc = probs->ndim == 2 ? wk_tensor_resize(out, 2, sizes) : wk_tensor_resize(out, 1, &samples);
    if (rc != WK_OK) return rc;
    if (samples == 0 || rows == 0) return WK_OK;
    double *weights = malloc((size_t)categories * 2 * sizeof *weights);
    if (!weights) return wk_error(WK_ENOMEM, "multinomial: out of memory for %lld categories", (long long)categories);
    double *cumulative = weights + categories;
    g = wk_generator_or_default(g);
    int64_t *result = wk_tensor_data(out);

    for (int64_t r = 0; r < rows; r++) {
        double total = 0;
        for (int64_t c = 0; c < categories; c++) {
            weights[c] = load_probability(base + (r * row_stride + c * column_stride) * element, probs->dtype);
            total += weights[c];
            cumulative[c] = total;
        }
        for (int64_t s = 0; s < samples; s++) {
            double target = wk_unit(wk_generator_next(g)) * cumulative[categories - 1];
            int64_t chosen = search_cumulative(cumulative, weights, categories, target);
            result[r * samples + s] = chosen + index_base;
            if (!replacement) {            /* take the category out and rebuild the sums after it */
                weights[chosen] = 0;
                double running = chosen > 0 ? cumulative[chosen - 1] : 0;
                for (int64_t c = chosen; c < categories; c++) {
                    running += weights[c];
                    cumulative[c] = running;
                }
            }
        }
    }
    free(weights);
    return WK_OK;
}

/* out: a permutation of index_base .. index_base + n - 1, by Torch7's shuffle (swap element i with
 * one of i .. n-1 chosen by word % (n - i)). */
int wk_randperm(wk_tensor *out, wk_generator *g, int64_t n, int64_t index_base)
{
    if (out->device != WK_CPU) return wk_error(WK_EUNSUPPORTED, "randperm: %s needs the CUDA back end", WK_DESC(out));
    if (out->dtype > WK_F64)
        return wk_error(WK_EUNSUPPORTED, "randperm: not available for %s (a storage-only type)", WK_DESC(out));
    if (n < 0) return wk_error(WK_EINVAL, "randperm: n must be >= 0, got %lld", (long long)n);
    wk_tensor *perm = out->dtype == WK_I64 ? out : wk_tensor_new(WK_I64);
    if (!perm) return wk_last_status();
    int rc = wk_tensor_resize(perm, 1, &n);
    if (rc == WK_OK && n > 0) {
        g = wk_generator_or_default(g);
        int64_t *r = wk_tensor_data(perm);
        for (int64_t i = 0; i < n; i++) r[i] = i + index_base;
        for (int64_t i = 0; i < n - 1; i++) {
            uint64_t span = (uint64_t)(n - i);
            int64_t z = (int64_t)(span <= 0xffffffffu ? wk_generator_next(g) % span : wk_generator_next64(g) % span);
            int64_t swap = r[i];
            r[i] = r[i + z];
            r[i + z] = swap;
        }
    }
    if (rc == WK_OK && perm != out) {
        rc = wk_tensor_resize(out, 1, &n);
        if (rc == WK_OK) rc = wk_copy(out, perm);
    }
    if (perm != out) wk_tensor_free(perm);
    return rc;
}
