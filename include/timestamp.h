/* timestamp.h: recognising and formatting plan timestamps. Pure. */
#ifndef PLANLS_TIMESTAMP_H
#define PLANLS_TIMESTAMP_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    TS_NONE = 0,    /* no timestamp-looking text here */
    TS_OK,          /* canonical for one of the dialects */
    TS_NONSTANDARD, /* unambiguous but not canonical (ISO 'T', seconds, ...): hint */
    TS_BAD          /* looks like a timestamp but is wrong: warning */
} ts_status_t;

typedef enum {
    TS_STYLE_GUIDE = 0, /* [YYYY-MM-DD HH:MM UTC] */
    TS_STYLE_COOKBOOK,  /* (YYYY-MM-DD HH:MMZ) */
    TS_STYLE_OTHER      /* anything else */
} ts_style_t;

/* Every plan entry holds one, so it is kept small (48 bytes). */
typedef struct {
    int64_t minutes;     /* minutes since 1970-01-01 00:00 UTC; valid when date (and time) parsed */
    size_t start, end;   /* byte span of the stamp in the scanned text, brackets included */
    const char *problem; /* static English sentence for TS_BAD / TS_NONSTANDARD, else NULL */
    ts_status_t status;
    ts_style_t style;
    unsigned char has_time;   /* 0 for a date-only stamp */
    unsigned char valid_time; /* 1 when minutes holds a real instant (status OK or NONSTANDARD) */
    unsigned char certain;    /* the intended instant is unambiguous: minutes is it */
} timestamp_t;

/* Looks for an entry's stamp at the start of s[0..n) (the entry text after the
 * list marker). Skips a task checkbox ("[ ]", "[x]", "[X]", or a team's status
 * box such as "[!]", "[~]", "[-]"), status markers (non-ASCII symbols such as
 * an emoji, and spaces), the "**" of a bold stamp and one bracketed label
 * directly followed by a stamp ("(TASK_01.md) (2026-01-09)"). A stamp is a
 * bracketed or parenthesised group whose content starts with a digit, or a bare
 * date ("2026-08-04 -", "2026-08-13T02:17Z") at that point. Returns the
 * status (also stored in out->status); spans are relative to s. */
ts_status_t ts_scan_entry(const char *s, size_t n, timestamp_t *out);

/* Offset in s[0..n) (an entry's text after its list marker) past its
 * checkboxes and status boxes, symbols and emoji (with their variation
 * selectors and joiners) and the spaces between them: where its stamp
 * starts, or goes. Letters of any script are words, not markers. */
size_t ts_markers_end(const char *s, size_t n);

/* Parses one stamp that must fill s[0..n) exactly, with or without its
 * brackets. Returns the status. */
ts_status_t ts_parse(const char *s, size_t n, timestamp_t *out);

/* Writes the canonical text of an instant in a style ("[2026-11-25 17:03 UTC]"
 * or "(2026-11-25 17:03Z)"; TS_STYLE_OTHER writes the guide style). out must
 * hold 40 bytes. Returns the length written. */
size_t ts_format(int64_t minutes, ts_style_t style, char *out);

/* Writes the canonical rewrite of a stamp in style (the plan's: a rewrite
 * depends on the dialect, never on the stamps around it) when its intended
 * instant is unambiguous, else "". out must hold 40 bytes. Returns the
 * length written. */
size_t ts_fixed(const timestamp_t *ts, ts_style_t style, char *out);

/* Is ts a real date without a time ("2026-06-10", "(2026-06-10)")? Its
 * minutes hold that day's 00:00. */
int ts_is_date_only(const timestamp_t *ts);

/* Minutes since the epoch for a civil UTC date and time (no validation). */
int64_t ts_minutes_from_civil(int y, int mo, int d, int h, int mi);

/* "Now" in minutes since the epoch: the PLANLS_NOW environment variable when set
 * (any form ts_parse accepts, e.g. "2026-11-25T17:03Z"), else the system clock. */
int64_t ts_now(void);

#endif
