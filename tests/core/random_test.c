/*
 * random_test.c — the generator against published values, state save/restore and corrupt
 * states, reproducibility across layouts and thread counts, the moments of each distribution,
 * multinomial and randperm.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include "check.h"

static wk_tensor *vector(int32_t dtype, int64_t n) { return wk_tensor_new_sized(dtype, 1, &n); }

static double mean_of(const double *v, int64_t n)
{
    double s = 0;
    for (int64_t i = 0; i < n; i++) s += v[i];
    return s / (double)n;
}

static double variance_of(const double *v, int64_t n)
{
    double m = mean_of(v, n), s = 0;
    for (int64_t i = 0; i < n; i++) s += (v[i] - m) * (v[i] - m);
    return s / (double)(n - 1);
}

static void test_published_values(void)
{
    wk_generator *g = wk_generator_new();
    /* Torch7's documentation: manualSeed(0); random() twice. */
    wk_generator_seed(g, 0);
    CHECK(wk_generator_random(g) == 2357136044u);
    CHECK(wk_generator_random(g) == 2546248239u);
    /* The reference MT19937: the 10000th output for seed 5489. */
    wk_generator_seed(g, 5489);
    uint64_t x = 0;
    for (int i = 0; i < 10000; i++) x = wk_generator_random(g);
    CHECK(x == 4123659995u);
    /* Torch7's documentation: manualSeed(123); uniform() three times. */
    wk_generator_seed(g, 123);
    CHECK(fabs(wk_generator_uniform(g, 0, 1) - 0.69646918727085) < 1e-13);
    CHECK(fabs(wk_generator_uniform(g, 0, 1) - 0.71295532141812) < 1e-13);
    CHECK(fabs(wk_generator_uniform(g, 0, 1) - 0.28613933874294) < 1e-13);
    CHECK(wk_generator_initial_seed(g) == 123);
    /* Seeds beyond 32 bits are distinct streams, and repeatable. */
    wk_generator_seed(g, ((uint64_t)1 << 40) + 7);
    uint64_t a = wk_generator_random(g);
    wk_generator_seed(g, 7);
    uint64_t b = wk_generator_random(g);
    wk_generator_seed(g, ((uint64_t)1 << 40) + 7);
    CHECK(a != b && wk_generator_random(g) == a);
    /* A time seed fits in a Lua number and repeats the stream. */
    uint64_t seed = wk_generator_seed_from_time(g);
    CHECK(seed < ((uint64_t)1 << 53) && wk_generator_initial_seed(g) == seed);
    a = wk_generator_random(g);
    wk_generator_seed(g, seed);
    CHECK(wk_generator_random(g) == a);
    wk_generator_free(g);
    CHECK(wk_default_generator() != NULL && wk_default_generator() == wk_default_generator());
}

static void test_state(void)
{
    wk_generator *g = wk_generator_new();
    wk_generator_seed(g, 42);
    (void)wk_generator_normal(g, 0, 1);            /* leaves a cached normal in the state */
    wk_tensor *state = wk_tensor_new(WK_U8);
    CHECK(wk_generator_get_state(g, state) == WK_OK);
    CHECK(wk_tensor_numel(state) == wk_generator_state_size());
    double first[8];
    for (int i = 0; i < 4; i++) first[i] = wk_generator_normal(g, 0, 1);
    for (int i = 4; i < 8; i++) first[i] = wk_generator_uniform(g, 0, 1);
    wk_generator *other = wk_generator_new();
    CHECK(wk_generator_set_state(other, state) == WK_OK);
    bool same = true;
    for (int i = 0; i < 4; i++) same = same && wk_generator_normal(other, 0, 1) == first[i];
    for (int i = 4; i < 8; i++) same = same && wk_generator_uniform(other, 0, 1) == first[i];
    CHECK(same);
    CHECK(wk_generator_initial_seed(other) == 42);

    /* Corrupt states fail with a message and leave the generator as it was. */
    CHECK(wk_generator_set_state(other, state) == WK_OK);
    uint64_t before = wk_generator_random(other);           /* the first word after the saved point */
    CHECK(wk_generator_set_state(other, state) == WK_OK);
    uint8_t *bytes = wk_tensor_data(state);
    int64_t size = wk_generator_state_size();
    wk_tensor *bad = wk_tensor_new_clone(state);
    uint8_t *b = wk_tensor_data(bad);
    b[0] ^= 0xff;
    CHECK_FAILS(wk_generator_set_state(other, bad), WK_EFORMAT, "not a generator state");
    memcpy(b, bytes, (size_t)size);
    b[16] = 0xff;                                  /* the position */
    b[17] = 0x7f;
    CHECK_FAILS(wk_generator_set_state(other, bad), WK_EFORMAT, "position");
    memcpy(b, bytes, (size_t)size);
    b[20] = 7;                                     /* the normal flag */
    CHECK_FAILS(wk_generator_set_state(other, bad), WK_EFORMAT, "normal flag");
    memcpy(b, bytes, (size_t)size);
    memset(b + 32, 0, (size_t)(size - 32));
    CHECK_FAILS(wk_generator_set_state(other, bad), WK_EFORMAT, "all zero");
    wk_tensor *short_state = vector(WK_U8, 10);
    CHECK_FAILS(wk_generator_set_state(other, short_state), WK_EFORMAT, "bytes");
    wk_tensor *float_state = vector(WK_F32, size);
    CHECK_FAILS(wk_generator_set_state(other, float_state), WK_EINVAL, "ByteTensor");
    CHECK_FAILS(wk_generator_get_state(other, float_state), WK_EINVAL, "ByteTensor");
    CHECK(wk_generator_random(other) == before);

    /* A non-contiguous state of the right contents is read in row-major order. */
    int64_t sizes2[2] = {2, size};
    wk_tensor *wide = wk_tensor_new_sized(WK_U8, 2, sizes2);
    wk_tensor *row = wk_tensor_new_alias(wide);
    wk_tensor_select(row, 0, 1);
    wk_copy(row, state);
    wk_tensor *column = wk_tensor_new_alias(wide);
    wk_tensor_transpose(column, 0, 1);
    wk_tensor_select(column, 1, 1);            /* a strided view of the second row */
    CHECK(wk_generator_set_state(other, column) == WK_OK);
    CHECK(wk_generator_random(other) == before);

    wk_tensor_free(column);
    wk_tensor_free(row);
    wk_tensor_free(wide);
    wk_tensor_free(float_state);
    wk_tensor_free(short_state);
    wk_tensor_free(bad);
    wk_tensor_free(state);
    wk_generator_free(other);
    wk_generator_free(g);
}

/* A fill gives the same numbers for every thread count and every layout of the target. */
static void test_reproducible(void)
{
    int64_t n = 100001;                            /* odd: the normal pair cache is exercised */
    wk_generator *g = wk_generator_new();
    int32_t threads = wk_get_num_threads();
    for (int kind = 0; kind < 4; kind++) {
        wk_tensor *one = vector(WK_F64, n), *two = vector(WK_F64, n);
        wk_set_num_threads(1);
        wk_generator_seed(g, 7);
        int rc1 = kind == 0 ? wk_random_normal(one, g, 1, 2)
                : kind == 1 ? wk_random_exponential(one, g, 3)
                : kind == 2 ? wk_random_log_normal(one, g, 0, 0.5) : wk_random_cauchy(one, g, 0, 1);
        wk_set_num_threads(2);
        wk_generator_seed(g, 7);
        int rc2 = kind == 0 ? wk_random_normal(two, g, 1, 2)
                : kind == 1 ? wk_random_exponential(two, g, 3)
                : kind == 2 ? wk_random_log_normal(two, g, 0, 0.5) : wk_random_cauchy(two, g, 0, 1);
        CHECK(rc1 == WK_OK && rc2 == WK_OK);
        CHECK(memcmp(wk_tensor_data(one), wk_tensor_data(two), (size_t)n * 8) == 0);
        wk_tensor_free(one);
        wk_tensor_free(two);
    }
    wk_set_num_threads(threads);

    /* A transposed target receives the same numbers in its own row-major order. */
    int64_t sizes[2] = {300, 200};
    wk_tensor *plain = wk_tensor_new_sized(WK_F32, 2, sizes);
    int64_t flipped_sizes[2] = {200, 300};
    wk_tensor *base = wk_tensor_new_sized(WK_F32, 2, flipped_sizes);
    wk_tensor *transposed = wk_tensor_new_alias(base);
    wk_tensor_transpose(transposed, 0, 1);        /* 300 x 200, strides (1, 300) */
    wk_generator_seed(g, 9);
    wk_random_normal(plain, g, 0, 1);
    wk_generator_seed(g, 9);
    wk_random_normal(transposed, g, 0, 1);
    wk_tensor *packed = wk_tensor_new_clone(transposed);
    CHECK(memcmp(wk_tensor_data(plain), wk_tensor_data(packed), 300 * 200 * 4) == 0);

    /* Odd fills chain as one stream: 3 + 4 normals are the first 7 of one fill. */
    wk_tensor *seven = vector(WK_F64, 7), *three = vector(WK_F64, 3), *four = vector(WK_F64, 4);
    wk_generator_seed(g, 11);
    wk_random_normal(seven, g, 0, 1);
    wk_generator_seed(g, 11);
    wk_random_normal(three, g, 0, 1);
    wk_random_normal(four, g, 0, 1);
    const double *s = wk_tensor_data(seven), *t3 = wk_tensor_data(three), *t4 = wk_tensor_data(four);
    bool chained = true;
    for (int i = 0; i < 3; i++) chained = chained && s[i] == t3[i];
    for (int i = 0; i < 4; i++) chained = chained && s[3 + i] == t4[i];
    CHECK(chained);
    /* and match the scalar draws */
    wk_generator_seed(g, 11);
    bool scalar = true;
    for (int i = 0; i < 7; i++) scalar = scalar && wk_generator_normal(g, 0, 1) == s[i];
    CHECK(scalar);

    wk_tensor_free(seven);
    wk_tensor_free(three);
    wk_tensor_free(four);
    wk_tensor_free(packed);
    wk_tensor_free(transposed);
    wk_tensor_free(base);
    wk_tensor_free(plain);
    wk_generator_free(g);
}

/* Float tensors take the vectorised float path for normals: the same for every thread count,
 * and within float rounding of the double path (same words, same formulas). */
static void test_float_normal(void)
{
    int64_t n = 200001;
    wk_tensor *f1 = vector(WK_F32, n), *f2 = vector(WK_F32, n), *d = vector(WK_F64, n);
    wk_generator *g = wk_generator_new();
    int32_t threads = wk_get_num_threads();
    wk_set_num_threads(1);
    wk_generator_seed(g, 99);
    CHECK(wk_random_normal(f1, g, 0.5, 2) == WK_OK);
    wk_set_num_threads(2);
    wk_generator_seed(g, 99);
    CHECK(wk_random_normal(f2, g, 0.5, 2) == WK_OK);
    wk_set_num_threads(threads);
    CHECK(memcmp(wk_tensor_data(f1), wk_tensor_data(f2), (size_t)n * 4) == 0);
    wk_generator_seed(g, 99);
    CHECK(wk_random_normal(d, g, 0.5, 2) == WK_OK);
    const float *fv = wk_tensor_data(f1);
    const double *dv = wk_tensor_data(d);
    double worst = 0, biggest = 0;
    for (int64_t i = 0; i < n; i++) {
        double e = fabs(fv[i] - dv[i]);
        worst = e > worst ? e : worst;
        biggest = fabs(dv[i]) > biggest ? fabs(dv[i]) : biggest;
    }
    CHECK(worst < 1e-4);                           /* absolute: stdv 2, values up to about 10 */
    CHECK(biggest > 8);                            /* the tails are there */
    /* log-normal too */
    wk_generator_seed(g, 5);
    CHECK(wk_random_log_normal(f1, g, 0, 0.25) == WK_OK);
    wk_generator_seed(g, 5);
    CHECK(wk_random_log_normal(d, g, 0, 0.25) == WK_OK);
    worst = 0;
    for (int64_t i = 0; i < n; i++) worst = fmax(worst, fabs(fv[i] - dv[i]) / dv[i]);
    CHECK(worst < 1e-5);
    wk_tensor_free(f1);
    wk_tensor_free(f2);
    wk_tensor_free(d);
    wk_generator_free(g);
}

static void test_uniform_bounds(void)
{
    /* [1, 1 + 2^-22) holds two floats; rounding to nearest would give 1 + 2^-22 a quarter of the time. */
    int64_t n = 20000;
    wk_tensor *t = vector(WK_F32, n);
    double b = 1.0 + ldexp(1.0, -22);
    CHECK(wk_random_uniform(t, NULL, 1.0, b) == WK_OK);
    const float *v = wk_tensor_data(t);
    bool inside = true, saw_upper = false;
    for (int64_t i = 0; i < n; i++) {
        inside = inside && v[i] >= 1.0f && (double)v[i] < b;
        saw_upper = saw_upper || v[i] > 1.0f;
    }
    CHECK(inside && saw_upper);
    CHECK(wk_random_uniform(t, NULL, -3, -3) == WK_OK && v[0] == -3.0f);
    CHECK_FAILS(wk_random_uniform(t, NULL, 2, 1), WK_EINVAL, "a <= b");
    CHECK_FAILS(wk_random_uniform(t, NULL, 0, INFINITY), WK_EINVAL, "finite");
    wk_tensor *ints = vector(WK_I32, 4);
    CHECK_FAILS(wk_random_uniform(ints, NULL, 0, 1), WK_EUNSUPPORTED, "torch.IntTensor");
    CHECK_FAILS(wk_random_normal(ints, NULL, 0, 1), WK_EUNSUPPORTED, "normal");
    wk_tensor *half = vector(WK_F16, 4);
    CHECK_FAILS(wk_random_bernoulli(half, NULL, 0.5), WK_EUNSUPPORTED, "storage-only");
    wk_tensor_free(half);
    wk_tensor_free(ints);
    wk_tensor_free(t);
}

static void test_moments(void)
{
    int64_t n = 100000;
    wk_generator *g = wk_generator_new();
    wk_generator_seed(g, 2024);
    wk_tensor *t = vector(WK_F64, n);
    const double *v = wk_tensor_data(t);
    double tolerance = 4.0 / sqrt((double)n);   /* about 4 standard errors for unit spread */

    wk_random_uniform(t, g, -1, 3);
    CHECK(fabs(mean_of(v, n) - 1) < 4 * tolerance && fabs(variance_of(v, n) - 16.0 / 12) < 0.05);
    wk_random_normal(t, g, 2, 3);
    CHECK(fabs(mean_of(v, n) - 2) < 3 * tolerance && fabs(sqrt(variance_of(v, n)) - 3) < 0.05);
    wk_random_exponential(t, g, 4);
    CHECK(fabs(mean_of(v, n) - 0.25) < tolerance / 4 && fabs(variance_of(v, n) - 1.0 / 16) < 0.005);
    wk_random_log_normal(t, g, 0, 0.5);           /* mean exp(mu + sigma^2/2) */
    CHECK(fabs(mean_of(v, n) - exp(0.125)) < 0.01);
    wk_random_geometric(t, g, 0.25);               /* Torch7: p(i) = (1-p) p^(i-1), mean 1/(1-p) */
    CHECK(fabs(mean_of(v, n) - 1 / 0.75) < 0.01);
    bool at_least_one = true;
    for (int64_t i = 0; i < n; i++) at_least_one = at_least_one && v[i] >= 1 && v[i] == floor(v[i]);
    CHECK(at_least_one);
    wk_random_bernoulli(t, g, 0.3);
    CHECK(fabs(mean_of(v, n) - 0.3) < tolerance);
    wk_random_cauchy(t, g, 5, 2);                  /* median 5, quartiles 5 -+ 2 */
    int64_t below = 0, inner = 0;
    for (int64_t i = 0; i < n; i++) {
        below += v[i] < 5;
        inner += v[i] > 3 && v[i] < 7;
    }
    CHECK(fabs((double)below / n - 0.5) < tolerance && fabs((double)inner / n - 0.5) < tolerance);

    /* Integers: every value of a small range, nothing outside, roughly even. */
    wk_tensor *bytes = vector(WK_U8, n);
    CHECK(wk_random_integers(bytes, g, 3, 12) == WK_OK);
    int64_t counts[256] = {0};
    const uint8_t *b = wk_tensor_data(bytes);
    for (int64_t i = 0; i < n; i++) counts[b[i]]++;
    bool even = true;
    for (int i = 0; i < 256; i++)
        even = even && (i >= 3 && i <= 12 ? fabs(counts[i] / (double)n - 0.1) < 0.01 : counts[i] == 0);
    CHECK(even);
    CHECK(wk_random_integers(bytes, g, 0, 255) == WK_OK);
    CHECK_FAILS(wk_random_integers(bytes, g, 0, 256), WK_ERANGE, "torch.ByteTensor");
    CHECK_FAILS(wk_random_integers(bytes, g, 5, 4), WK_EINVAL, "lower bound");
    wk_tensor *longs = vector(WK_I64, 1000);
    CHECK(wk_random_integers(longs, g, INT64_MIN, INT64_MAX) == WK_OK);
    CHECK(wk_random_integers(longs, g, -((int64_t)1 << 50), (int64_t)1 << 50) == WK_OK);
    const int64_t *l = wk_tensor_data(longs);
    bool wide = true, far = false;
    for (int i = 0; i < 1000; i++) {
        wide = wide && l[i] >= -((int64_t)1 << 50) && l[i] <= (int64_t)1 << 50;
        far = far || l[i] > ((int64_t)1 << 40);
    }
    CHECK(wide && far);

    /* Bernoulli with a tensor of probabilities: 0 and 1 are exact; mixed rows average out. */
    int64_t sizes[2] = {2, n / 2};
    wk_tensor *p = wk_tensor_new_sized(WK_F32, 2, sizes);
    wk_tensor *p_row = wk_tensor_new_alias(p);
    wk_tensor_select(p_row, 0, 0);
    wk_fill(p_row, 0.0);
    wk_tensor *p_second = wk_tensor_new_alias(p);
    wk_tensor_select(p_second, 0, 1);
    wk_fill(p_second, 0.75);
    wk_tensor *draws = wk_tensor_new_sized(WK_U8, 2, sizes);
    CHECK(wk_random_bernoulli_tensor(draws, g, p) == WK_OK);
    const uint8_t *d = wk_tensor_data(draws);
    int64_t ones_first = 0, ones_second = 0;
    for (int64_t i = 0; i < n / 2; i++) {
        ones_first += d[i];
        ones_second += d[n / 2 + i];
    }
    CHECK(ones_first == 0 && fabs((double)ones_second / (n / 2) - 0.75) < 0.01);
    /* broadcast: a row of probabilities for every row */
    wk_tensor *column_p = vector(WK_F64, n / 2);
    wk_fill(column_p, 1.0);
    CHECK(wk_random_bernoulli_tensor(draws, g, column_p) == WK_OK);
    bool all_ones = true;
    for (int64_t i = 0; i < n; i++) all_ones = all_ones && d[i] == 1;
    CHECK(all_ones);
    /* same number of elements, other shape (Torch7) */
    wk_tensor *flat_p = vector(WK_F64, n);
    wk_fill(flat_p, 0.0);
    CHECK(wk_random_bernoulli_tensor(draws, g, flat_p) == WK_OK && d[0] == 0 && d[n - 1] == 0);
    ((double *)wk_tensor_data(flat_p))[5] = 1.5;
    CHECK_FAILS(wk_random_bernoulli_tensor(draws, g, flat_p), WK_EINVAL, "1.5 at element 6");
    wk_tensor *wrong = vector(WK_F64, 3);
    CHECK_FAILS(wk_random_bernoulli_tensor(draws, g, wrong), WK_ESHAPE, "neither broadcast");
    CHECK_FAILS(wk_random_bernoulli_tensor(draws, g, bytes), WK_EINVAL, "FloatTensor");
    CHECK_FAILS(wk_random_bernoulli(draws, g, 1.5), WK_EINVAL, "[0, 1]");
    CHECK_FAILS(wk_random_geometric(t, g, 1), WK_EINVAL, "(0, 1)");
    CHECK_FAILS(wk_random_exponential(t, g, 0), WK_EINVAL, "lambda");
    CHECK_FAILS(wk_random_normal(t, g, 0, -1), WK_EINVAL, "standard deviation");

    wk_tensor_free(wrong);
    wk_tensor_free(flat_p);
    wk_tensor_free(column_p);
    wk_tensor_free(draws);
    wk_tensor_free(p_second);
    wk_tensor_free(p_row);
    wk_tensor_free(p);
    wk_tensor_free(longs);
    wk_tensor_free(bytes);
    wk_tensor_free(t);
    wk_generator_free(g);
}

static void test_multinomial(void)
{
    wk_generator *g = wk_generator_new();
    wk_generator_seed(g, 5);
    wk_tensor *p = vector(WK_F64, 4);
    double *pv = wk_tensor_data(p);
    pv[0] = 1;
    pv[1] = 1;
    pv[2] = 0.5;
    pv[3] = 0;
    wk_tensor *out = wk_tensor_new(WK_I64);
    int64_t n = 100000;
    CHECK(wk_multinomial(out, g, p, n, 1, 1) == WK_OK);
    CHECK(out->ndim == 1 && out->sizes[0] == n);
    int64_t counts[6] = {0};
    const int64_t *o = wk_tensor_data(out);
    bool in_range = true;
    for (int64_t i = 0; i < n; i++) {
        in_range = in_range && o[i] >= 1 && o[i] <= 3;
        if (o[i] >= 0 && o[i] < 6) counts[o[i]]++;
    }
    CHECK(in_range && counts[4] == 0);
    CHECK(fabs(counts[1] / (double)n - 0.4) < 0.01 && fabs(counts[3] / (double)n - 0.2) < 0.01);

    /* Without replacement: distinct, and the zero-weight category never drawn. */
    CHECK(wk_multinomial(out, g, p, 3, 0, 0) == WK_OK);
    o = wk_tensor_data(out);
    CHECK(o[0] != o[1] && o[1] != o[2] && o[0] != o[2] && o[0] < 3 && o[1] < 3 && o[2] < 3);
    CHECK_FAILS(wk_multinomial(out, g, p, 4, 0, 0), WK_EINVAL, "non-zero weights");
    CHECK_FAILS(wk_multinomial(out, g, p, 5, 0, 0), WK_EINVAL, "without replacement");

    /* Rows of a matrix: one distribution each. */
    int64_t sizes[2] = {3, 5};
    wk_tensor *m = wk_tensor_new_sized(WK_F32, 2, sizes);
    wk_zero(m);
    float *mv = wk_tensor_data(m);
    mv[0 * 5 + 4] = 2;                             /* row 1: only category 5 */
    mv[1 * 5 + 0] = 1;                             /* row 2: only category 1 */
    mv[2 * 5 + 2] = 0.1f;                          /* row 3: categories 3 and 4 */
    mv[2 * 5 + 3] = 0.1f;
    CHECK(wk_multinomial(out, g, m, 1, 0, 1) == WK_OK);
    o = wk_tensor_data(out);
    CHECK(out->ndim == 2 && out->sizes[0] == 3 && out->sizes[1] == 1);
    CHECK(o[0] == 5 && o[1] == 1 && (o[2] == 3 || o[2] == 4));
    CHECK_FAILS(wk_multinomial(out, g, m, 2, 0, 1), WK_EINVAL, "row 1");
    CHECK(wk_multinomial(out, g, m, 6, 1, 1) == WK_OK);
    o = wk_tensor_data(out);
    bool rows_ok = true;
    for (int s = 0; s < 6; s++)
        rows_ok = rows_ok && o[s] == 5 && o[6 + s] == 1 && (o[12 + s] == 3 || o[12 + s] == 4);
    CHECK(rows_ok);

    /* Bad weights. */
    pv[1] = -1;
    CHECK_FAILS(wk_multinomial(out, g, p, 1, 1, 1), WK_EINVAL, "invalid probability -1");
    pv[0] = pv[1] = pv[2] = pv[3] = 0;
    CHECK_FAILS(wk_multinomial(out, g, p, 1, 1, 1), WK_EINVAL, "sums to 0");
    pv[0] = NAN;
    CHECK_FAILS(wk_multinomial(out, g, p, 1, 1, 1), WK_EINVAL, "invalid probability");
    wk_tensor *dbl_out = wk_tensor_new(WK_F64);
    CHECK_FAILS(wk_multinomial(dbl_out, g, m, 1, 1, 1), WK_EINVAL, "LongTensor");

    /* randperm: a permutation, any dtype, reproducible. */
    wk_tensor *perm = wk_tensor_new(WK_F64);
    wk_generator_seed(g, 3);
    CHECK(wk_randperm(perm, g, 1000, 1) == WK_OK && perm->sizes[0] == 1000);
    int seen[1001] = {0};
    const double *pp = wk_tensor_data(perm);
    bool permutation = true;
    for (int i = 0; i < 1000; i++) {
        int k = (int)pp[i];
        permutation = permutation && k >= 1 && k <= 1000 && !seen[k];
        if (k >= 1 && k <= 1000) seen[k] = 1;
    }
    CHECK(permutation);
    wk_tensor *perm_long = wk_tensor_new(WK_I64);
    wk_generator_seed(g, 3);
    CHECK(wk_randperm(perm_long, g, 1000, 1) == WK_OK);
    CHECK(((int64_t *)wk_tensor_data(perm_long))[17] == (int64_t)pp[17]);
    CHECK(wk_randperm(perm_long, g, 0, 1) == WK_OK && perm_long->sizes[0] == 0);
    CHECK_FAILS(wk_randperm(perm_long, g, -1, 1), WK_EINVAL, "randperm");

    wk_tensor_free(perm_long);
    wk_tensor_free(perm);
    wk_tensor_free(dbl_out);
    wk_tensor_free(m);
    wk_tensor_free(out);
    wk_tensor_free(p);
    wk_generator_free(g);
}

int main(void)
{
    test_published_values();
    test_state();
    test_reproducible();
    test_float_normal();
    test_uniform_bounds();
    test_moments();
    test_multinomial();
    return check_summary("random_test");
}
