/* hex.h: the one hexadecimal digit decoder, for JSON's \u escapes
 * (protocol/lift.c) and URIs' percent-escapes (server/store/uri.c).
 * Header-only: each caller is a hot loop, and neither library depends on
 * the other. */
#ifndef PLANLS_HEX_H
#define PLANLS_HEX_H

/* The value of hex digit c (either case), or -1. */
static inline int hex_digit(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

#endif
