/* lift.h: large JSON string members taken out of a body before jansson
 * parses it.
 *
 * jansson reads a string through a buffer that grows by malloc, copy and free,
 * then copies it once more into the value: a 4 MB didOpen touches about five
 * times its text in fresh memory and takes 30 ms. Decoding the few large
 * strings straight into their own buffer touches the text once, in 3 ms, and
 * lets the document adopt that buffer. jansson has no API for this (no
 * streaming or in-place strings), hence the hand-written decoder; it accepts
 * exactly what jansson 2.14 accepts with JSON_ALLOW_NUL, which a differential
 * test and fuzz target check. Pure: no I/O, no jansson. */
#ifndef PLANLS_LIFT_H
#define PLANLS_LIFT_H

#include <stddef.h>

typedef struct {
    char *data; /* owned; NUL-terminated at len (may also hold NULs inside) */
    size_t len;
} lift_blob_t;

/* Frees n blobs and the array holding them. */
void lift_blobs_free(lift_blob_t *blobs, size_t n);

/* The object that stands in a lifted body for blob K: {"$planls.blob":K}. */
#define LIFT_MARKER "$planls.blob"

/* Decodes the inside of a JSON string literal, s[0..n) without its quotes,
 * into out (room for n bytes). Returns the bytes written, or (size_t)-1 when
 * jansson would reject the literal (bad escape, lone surrogate, control
 * character, invalid UTF-8). */
size_t lift_decode(const char *s, size_t n, char *out);

/* Finds the members named key (written plainly, without escapes) whose string
 * value holds at least min bytes between its quotes, decodes each into a blob
 * and replaces it by its marker object. Returns the new body (caller frees;
 * *out_len its length) and appends the blobs to *blobs / *nblobs (caller
 * frees them and the array); NULL when nothing was lifted or memory ran out,
 * with *blobs / *nblobs untouched. A value jansson would reject is left in
 * place, so that jansson reports it. */
char *lift_members(const char *body, size_t len, const char *key, size_t min, size_t *out_len, lift_blob_t **blobs,
                   size_t *nblobs);

#endif
