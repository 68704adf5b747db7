/* err.h: planls' error codes, negative as in libuv; 0 is success. A failing
 * function returns one of them and its caller decides what it means for the
 * user: the session (protocol/session.c) maps each to a JSON-RPC error code
 * in its one table, the CLI to an exit status. Out of memory is PL_ENOMEM
 * everywhere, so it can never pose as "not found" or "no problems". */
#ifndef PLANLS_ERR_H
#define PLANLS_ERR_H

enum {
    PL_OK = 0,
    PL_ENOMEM = -1,     /* allocation failed */
    PL_EINVAL = -2,     /* the request's params are wrong (names the field) */
    PL_ENOTOPEN = -3,   /* the request names a document that is not open */
    PL_EMODIFIED = -4,  /* the document changed since the client computed the request */
    PL_ECANCELLED = -5, /* cancelled ($/cancelRequest), or the session ended first */
    PL_ENOMETHOD = -6,  /* no such request */
    PL_ENOTINIT = -7,   /* a request before initialize */
    PL_EREFUSED = -8    /* a valid request that cannot be served now (after shutdown, a second
                           initialize, a capability the client lacks) */
};

#endif
