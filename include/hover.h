/* hover.h: what hovering tells: a section heading's purpose, a stamp's age. */
#ifndef PLANLS_HOVER_H
#define PLANLS_HOVER_H

#include <stddef.h>
#include <stdint.h>

#include "plan.h"

/* Markdown hover text for offset off, or NULL (nothing to say, or OOM);
 * new string, caller frees. start and end receive the hovered span. */
char *hover_at(const plan_t *p, size_t off, int64_t now, size_t *start, size_t *end);

#endif
