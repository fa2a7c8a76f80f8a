/*
 * parallel.c — the thread count shared by Wick's OpenMP loops and OpenBLAS.
 *
 * Both default to the number of cores. Setting one without the other oversubscribes: on 2
 * cores, OpenBLAS's threads plus another pool's made PyTorch's MLP 3x slower here.
 */
#include "internal.h"
#include <omp.h>

void openblas_set_num_threads(int n);  /* from OpenBLAS; not in cblas.h on every system */

static int32_t num_threads;            /* 0: not set yet, use what OpenMP reports */

void wk_set_num_threads(int32_t n)
{
    num_threads = n < 1 ? 1 : n;
    omp_set_num_threads(num_threads);
    openblas_set_num_threads(num_threads);
}

int32_t wk_get_num_threads(void)
{
    if (num_threads == 0) num_threads = omp_get_max_threads();
    return num_threads;
}
