/* fuzz_config.h: the settings variants the analysis fuzzers run under. */
#ifndef PLANLS_FUZZ_CONFIG_H
#define PLANLS_FUZZ_CONFIG_H

#include "config.h"

/* which: 0 defaults (NULL), 1 guide forced, 2 cookbook forced, 3 a team's
 * own required sections (one custom, one renamed) with a rule turned off.
 * Returns the config to hand to plan_t.config (NULL or c). */
static const config_t *fuzz_config(config_t *c, unsigned which) {
    config_init(c);
    switch (which & 3) {
    case 1: c->dialect = 0; return c;
    case 2: c->dialect = 1; return c;
    case 3: {
        static const char *const names[] = {"Purpose / Big Picture", "Progress", "Risks", "Decision Log",
                                            "Validation and Acceptance"};
        if (config_set_required(c, names, sizeof names / sizeof names[0]) < 0) return NULL;
        int k = rule_from_code("empty-section");
        if (k >= 0) c->severity[k] = 0;
        return c;
    }
    default: return NULL;
    }
}

#endif
