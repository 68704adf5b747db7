/* log.h: diagnostics about planls itself go to stderr, never stdout. */
#ifndef PLANLS_LOG_H
#define PLANLS_LOG_H

void log_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
void log_info(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* PLANLS_LOG=debug (or --verbose) turns info messages on. */
void log_set_verbose(int on);

#endif
