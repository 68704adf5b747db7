/* rnd.h: the deterministic random numbers of the tests, the soak run and the
 * benchmark. Each user keeps its own rnd_t with a fixed seed, so a failure
 * replays exactly; nothing here reads the clock. Header-only. */
#ifndef PLANLS_TEST_RND_H
#define PLANLS_TEST_RND_H

#include <stdint.h>

typedef struct {
    uint64_t state; /* never 0 for rnd_next */
} rnd_t;

/* xorshift64 (shifts 13, 7, 17): the next value of the stream. */
static inline uint64_t rnd_next(rnd_t *r) {
    r->state ^= r->state << 13;
    r->state ^= r->state >> 7;
    r->state ^= r->state << 17;
    return r->state;
}

/* A value in [0, n), n > 0 (the small modulo bias does not matter here). */
static inline unsigned rnd_below(rnd_t *r, unsigned n) { return (unsigned)(rnd_next(r) % n); }

/* splitmix64: a well-mixed stream from any seed, even 0, 1, 2, ...; the
 * benchmark seeds one stream per generated plan this way. */
static inline uint64_t rnd_splitmix(rnd_t *r) {
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

#endif
