/* rule_codes.c: the rule table (rule_codes.h) and the one way to emit. */
#include "rule_codes.h"

#include <stdarg.h>
#include <string.h>

const rule_info_t rule_info[RULE_COUNT] = {
#define RULE_ROW(e, code, sev, family, fix, on) [e] = {code, sev, family, fix, on},
    RULE_CODES(RULE_ROW)
#undef RULE_ROW
};

int rule_from_code(const char *code) {
    for (int r = 0; r < RULE_COUNT; r++)
        if (strcmp(rule_info[r].code, code) == 0) return r;
    return -1;
}

int rule_emit(diag_list_t *out, rule_t r, size_t start, size_t end, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int rc = diag_vadd(out, start, end, rule_info[r].severity, rule_info[r].code, (int)r, fmt, ap);
    va_end(ap);
    return rc;
}

int rule_emit_sev(diag_list_t *out, rule_t r, severity_t sev, size_t start, size_t end, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int rc = diag_vadd(out, start, end, sev, rule_info[r].code, (int)r, fmt, ap);
    va_end(ap);
    return rc;
}
