/* plan_status.h: where a plan stands (active, complete, ...) and its health
 * at a glance (to-dos done, blocked items, newest entry), from an up-to-date
 * plan model. Pure: the path is only read as a string. */
#ifndef PLANLS_PLAN_STATUS_H
#define PLANLS_PLAN_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include "plan.h"

typedef enum {
    PLAN_ACTIVE = 0,  /* also what an unknown value or no status at all means */
    PLAN_BLOCKED,     /* "Blocked", "On hold", "Paused", ⏸️ */
    PLAN_DRAFT,       /* "Draft", "Proposed", "Not started" */
    PLAN_COMPLETE,    /* "Complete", "Completed", "Done", ✅ */
    PLAN_ARCHIVED,    /* sits in an archive/ folder: finished or dropped, the folder does not say which */
    PLAN_ABANDONED,   /* "Abandoned", "Cancelled", "Superseded", ❌ */
    PLAN_STATUS_COUNT /* the order above is the order `planls status` lists them in */
} plan_status_t;

typedef enum {
    STATUS_FROM_DEFAULT = 0, /* written nowhere: active */
    STATUS_FROM_FRONT_MATTER,
    STATUS_FROM_LINE,  /* a "Status: ..." line in the preamble */
    STATUS_FROM_TABLE, /* a "| Status | ... |" row of a table in the preamble */
    STATUS_FROM_FOLDER
} status_source_t;

typedef struct {
    plan_status_t status;
    status_source_t source;
    int known;                     /* the value was recognised (an unknown one reads as active) */
    size_t value_start, value_end; /* absolute span of the value in the text (front matter, line, table) */
    size_t key_line;               /* absolute start of the line holding it (front matter, line, table) */
} plan_status_info_t;

/* "active", "blocked", "draft", "complete", "archived", "abandoned". Static. */
const char *plan_status_name(plan_status_t s);

/* What a written status value means: s[0..n) as written ("✅ Complete",
 * "**In progress**", "Done (2026-11-20)"). Returns 1 and sets *out when it
 * is recognised, else 0 (*out = PLAN_ACTIVE). */
int plan_status_parse(const char *s, size_t n, plan_status_t *out);

/* The status of plan p (up to date with t): front matter, then the preamble
 * (a Status line or table row before the first section after the title),
 * then the folder p->path sits in (its parent or grandparent, as the
 * settings' folder names or the defaults name them), else active. */
void plan_status_detect(const plan_t *p, const text_t *t, plan_status_info_t *out);

/* What kind of folder a folder name is: 1 active, 2 completed, 3 archive,
 * 0 none (ASCII case-insensitive, against cfg's lists or the defaults). */
int plan_status_folder_kind(const config_t *cfg, const char *name, size_t n);

typedef struct {
    const char *title; /* borrowed from the text; NULL when the plan has none */
    size_t title_len;
    size_t title_start, title_end; /* absolute span of the title's heading text (0, 0: none) */
    plan_status_info_t status;
    unsigned todo_done, todo_total; /* To-do checkboxes; Progress steps when the plan keeps no To-do list */
    unsigned steps_open;            /* unchecked Progress steps */
    unsigned blocked;               /* unchecked To-do items and Progress steps marked ⏸️ or BLOCKED */
    int64_t newest;                 /* newest valid entry stamp (minutes), INT64_MIN: none */
} plan_summary_t;

/* The summary of p (up to date with t). */
void plan_summary(const plan_t *p, const text_t *t, plan_summary_t *out);

/* How long ago an instant was, for people: "just now", "12 min ago",
 * "5 h ago", "3 d ago", "in the future". out holds 32 bytes. Returns it. */
char *plan_age_text(int64_t then, int64_t now, char *out);

/* The lens and hover line: "7/12 done · last entry 3 d ago · 1 blocked"
 * (parts with nothing to say are left out; "no to-dos" when there are
 * none). out holds 160 bytes. Returns it. */
char *plan_summary_line(const plan_summary_t *s, int64_t now, char *out);

#endif
