/* vec.c: amortised growth for every array (see vec.h). */
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int vec_reserve(void *bufp, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) return -1;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem) return -1;
    void *old;
    memcpy(&old, bufp, sizeof old);
    void *p = realloc(old, ncap * elem);
    if (!p) return -1;
    memcpy(bufp, &p, sizeof p);
    *cap = ncap;
    return 0;
}
