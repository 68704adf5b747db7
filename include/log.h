/* log.h: diagnostics about planls itself go to stderr, never stdout. */
#ifndef PLANLS_LOG_H
#define PLANLS_LOG_H

void log_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Written only when the environment has PLANLS_LOG=debug: editors keep
 * stderr, and a normal session should not fill it. */
void log_info(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
