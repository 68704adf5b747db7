/* preamble.h: the living-document line under a plan's title, in both dialects
 * and in the languages planls knows (English, Chinese in both scripts,
 * Japanese, Korean, Spanish, Portuguese). Pure. */
#ifndef PLANLS_PREAMBLE_H
#define PLANLS_PREAMBLE_H

#include <stddef.h>

/* The guide form: "Keep Progress, ... current as work proceeds.", or a line
 * that names Progress and asks to keep it up to date
 * ("保持 Progress ... 为最新", "Mantén Progreso ... al día"). */
int preamble_is_guide(const char *line, size_t n);

/* The cookbook form: "This ExecPlan is a living document. ..."
 * ("本 ExecPlan 是一份活文档", "Este ExecPlan es un documento vivo"). */
int preamble_is_cookbook(const char *line, size_t n);

#endif
