/* log.c: one line per message on stderr, prefixed so editors' logs show who spoke. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int verbose = -1; /* -1: PLANLS_LOG not read yet */

static void emit(const char *level, const char *fmt, va_list ap) {
    fprintf(stderr, "planls: %s: ", level);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void log_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    emit("error", fmt, ap);
    va_end(ap);
}

void log_info(const char *fmt, ...) {
    if (verbose < 0) {
        const char *env = getenv("PLANLS_LOG");
        verbose = env && strcmp(env, "debug") == 0;
    }
    if (!verbose) return;
    va_list ap;
    va_start(ap, fmt);
    emit("info", fmt, ap);
    va_end(ap);
}
