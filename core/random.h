/*
 * random.h — what random.c (the generator, its seed and state, scalar draws, multinomial,
 * randperm) and random_fill.c (tensor fills) share: the generator's struct and word-level draws.
 */
#ifndef WICK_RANDOM_H
#define WICK_RANDOM_H
#include "internal.h"

enum { WK_MT_N = 624, WK_MT_M = 397 };

struct wk_generator {
    uint32_t mt[WK_MT_N];              /* the twister's state words */
    int32_t next;                      /* index of the next word to hand out; WK_MT_N: twist first */
    int32_t has_normal;                /* 1 when the second value of a Box-Muller pair waits */
    double normal;                     /* that value, a standard normal */
    uint64_t initial_seed;
};

void wk_generator_twist(uint32_t *mt);                 /* regenerates the WK_MT_N words */
wk_generator *wk_generator_or_default(wk_generator *g);  /* g, or the default one for NULL */
/* n words into out[0], out[stride], ... (stride 1 or 2; out may alias memory of any type). */
void wk_generator_draw(wk_generator *g, void *out, int64_t n, int64_t stride);

static inline uint32_t wk_temper(uint32_t y)
{
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

static inline uint32_t wk_generator_next(wk_generator *g)
{
    if (g->next >= WK_MT_N) {
        wk_generator_twist(g->mt);
        g->next = 0;
    }
    return wk_temper(g->mt[g->next++]);
}

static inline uint64_t wk_generator_next64(wk_generator *g)
{
    uint64_t high = wk_generator_next(g);
    return (high << 32) | wk_generator_next(g);
}

/* A uniform number in [0, 1) from one word, as Torch7: word / 2^32. */
static inline double wk_unit(uint32_t word) { return word * (1.0 / 4294967296.0); }

/* Box-Muller, as Torch7: the first word gives the angle, the second the radius; the pair is
 * rho*cos, rho*sin. */
void wk_box_muller(uint32_t x_word, uint32_t y_word, double *first, double *second);

#endif
