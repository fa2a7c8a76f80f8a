/*
 * check.h — the few lines of test harness the C tests share: CHECK counts failures and prints
 * where they happened; a test's main returns check_summary(), non-zero when any check failed.
 */
#ifndef WICK_TEST_CHECK_H
#define WICK_TEST_CHECK_H
#include <stdio.h>
#include <string.h>
#include "wick.h"

static int check_failures, check_count;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        check_count++;                                                               \
        if (!(cond)) {                                                               \
            check_failures++;                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

/* A call that must fail with `status`, leaving a message that contains `needle`. */
#define CHECK_FAILS(call, status, needle)                                                          \
    do {                                                                                           \
        int check_rc_ = (call);                                                                    \
        CHECK(check_rc_ == (status));                                                              \
        if (!strstr(wk_last_error(), needle)) {                                                    \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: message \"%s\" lacks \"%s\"\n", __FILE__, __LINE__,            \
                    wk_last_error(), needle);                                                      \
        }                                                                                          \
    } while (0)

static int check_summary(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
    return check_failures ? 1 : 0;
}

#endif
