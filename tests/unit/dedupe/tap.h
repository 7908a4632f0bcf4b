/* Minimal TAP output for the dedupe unit tests. */
#ifndef DD_TEST_TAP_H
#define DD_TEST_TAP_H

#include <stdio.h>

static int tap_n, tap_fail;
#define OK(cond, ...)                                                                              \
    do {                                                                                           \
        int ok_ = (cond);                                                                          \
        printf("%sok %d - ", ok_ ? "" : "not ", ++tap_n);                                          \
        printf(__VA_ARGS__);                                                                       \
        printf("\n");                                                                              \
        if (!ok_) tap_fail++;                                                                      \
    } while (0)
#define DONE()                                                                                     \
    do {                                                                                           \
        printf("1..%d\n", tap_n);                                                                  \
        return tap_fail != 0;                                                                      \
    } while (0)

#endif
