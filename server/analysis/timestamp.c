/* timestamp.c: recognising, judging and formatting plan timestamps.
 *
 * Pure and locale-free: only ASCII byte tests and our own calendar arithmetic,
 * so results never depend on the host's TZ or locale. The parser is lenient on
 * purpose: it reads the many shapes seen in real plans (ISO 'T', seconds,
 * offsets, 12-hour clocks, named zones) so that it can say precisely what is
 * off and, when the intended instant is unambiguous, offer the canonical text. */
#include "timestamp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ascii.h"

/* Zone spellings, told apart because each earns a different verdict. */
enum {
    ZONE_NONE = 0,
    ZONE_UTC,      /* " UTC" */
    ZONE_UTC_LOW,  /* " utc", " Utc": case is off */
    ZONE_Z,        /* "Z" glued to the time */
    ZONE_Z_LOW,    /* "z" */
    ZONE_Z_SPACED, /* " Z" */
    ZONE_GMT,      /* "GMT", "UTC+00:00", "+00:00": UTC in other words */
    ZONE_OFFSET,   /* a non-zero numeric offset, or a zone that has one ("JST", "EDT"): not UTC, convertible */
    ZONE_NAMED     /* "CST", "Europe/Paris": not UTC and not convertible here */
};

/* Everything the shape parser learnt; the verdict is decided afterwards. */
typedef struct {
    int y, mo, d, h, mi;
    int date_shape_ok; /* 4-2-2 digits with '-' */
    int date_fixable;  /* 4-digit year and '-' separators: Y-M-D is still certain */
    int has_time;
    int time_shape_ok; /* 1-2 digit hour, 2-digit minute */
    int hour_one_digit;
    int iso_t;
    int has_seconds;
    int ampm; /* 0 none, 1 am, 2 pm */
    int zone;
    int offset;    /* minutes east of UTC for ZONE_OFFSET */
    int bad_space; /* doubled or missing spaces */
} fields_t;

static const char *const P_UNRECOGNISED = "is not recognised; write [YYYY-MM-DD HH:MM UTC] or (YYYY-MM-DD HH:MMZ)";
static const char *const P_DATE_SHAPE = "date must be YYYY-MM-DD";
static const char *const P_MONTH = "month must be between 01 and 12";
static const char *const P_DAY = "day does not exist in that month";
static const char *const P_NO_TIME = "has a date but no time; planls expects HH:MM UTC";
static const char *const P_TIME_SHAPE = "time must be HH:MM (24-hour clock)";
static const char *const P_HOUR = "hour must be between 00 and 23";
static const char *const P_MINUTE = "minute must be between 00 and 59";
static const char *const P_12H = "uses a 12-hour clock; planls expects 24-hour UTC";
static const char *const P_NO_ZONE = "has no time zone; planls expects UTC";
static const char *const P_NOT_UTC = "is not in UTC; planls expects UTC";
static const char *const P_UNCLOSED = "is missing its closing bracket";
static const char *const N_ISO = "uses the ISO 8601 'T' form instead of the plan's style";
static const char *const N_SECONDS = "has seconds; plans record minutes";
static const char *const N_UTC_CASE = "zone should be written in capitals";
static const char *const N_GMT = "zone is UTC written another way";
static const char *const N_HOUR_DIGITS = "hour should have two digits";
static const char *const N_Z_IN_SQUARE = "writes the zone as Z inside square brackets; that style uses \" UTC\"";
static const char *const N_UTC_IN_PARENS =
    "writes \" UTC\" inside parentheses; that style uses a Z right after the time";
static const char *const N_BRACKETS = "brackets do not match";
static const char *const N_BARE = "is not enclosed in brackets";
static const char *const N_SPACING = "spacing is not canonical";
static const char *const N_OTHER = "is not in the plan's canonical form";

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }

/* Length of the digit run at s[i..n). */
static size_t digits(const char *s, size_t i, size_t n) {
    size_t k = i;
    while (k < n && is_digit(s[k])) k++;
    return k - i;
}

static int num(const char *s, size_t len) {
    int v = 0;
    for (size_t k = 0; k < len && k < 6; k++) v = v * 10 + (s[k] - '0');
    return v;
}

/* s[i..] starts with word w (ASCII case-insensitive) not followed by a letter. */
static int word_at(const char *s, size_t i, size_t n, const char *w) {
    size_t k = strlen(w);
    if (!ascii_prefix_ci(s + i, n - i, w, k)) return 0;
    return i + k >= n || !is_alpha(s[i + k]);
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Howard Hinnant's days_from_civil: proleptic Gregorian, any year, no tables. */
static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int64_t ts_minutes_from_civil(int y, int mo, int d, int h, int mi) {
    return days_from_civil(y, mo, d) * 1440 + (int64_t)h * 60 + mi;
}

size_t ts_format(int64_t minutes, ts_style_t style, char *out) {
    /* Floor division so instants before 1970 format correctly too. */
    int64_t days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
    int64_t rem = minutes - days * 1440;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    /* Clamp absurd years so the text always fits in 40 bytes. */
    if (y > 999999) y = 999999;
    if (y < -99999) y = -99999;
    int len;
    if (style == TS_STYLE_COOKBOOK)
        len = snprintf(out, 40, "(%04lld-%02d-%02d %02d:%02dZ)", (long long)y, m, d, (int)(rem / 60), (int)(rem % 60));
    else
        len =
            snprintf(out, 40, "[%04lld-%02d-%02d %02d:%02d UTC]", (long long)y, m, d, (int)(rem / 60), (int)(rem % 60));
    return len < 0 ? 0 : (size_t)len;
}

size_t ts_fixed(const timestamp_t *ts, ts_style_t style, char *out) {
    if (!ts->certain) {
        out[0] = '\0';
        return 0;
    }
    return ts_format(ts->minutes, style, out);
}

/* Common zone abbreviations, recognised only for bare stamps, where any
 * capitalised word could otherwise be the start of the entry's text. */
static int known_zone_abbrev(const char *s, size_t i, size_t n) {
    static const char *const z[] = {"jst", "kst", "cst",  "cdt", "est",  "edt",  "pst",  "pdt", "mst",
                                    "mdt", "cet", "cest", "bst", "ist",  "aest", "aedt", "msk", "hkt",
                                    "sgt", "wet", "west", "eet", "eest", "nzst", "nzdt"};
    for (size_t k = 0; k < sizeof z / sizeof z[0]; k++)
        if (is_upper(s[i]) && word_at(s, i, n, z[k])) return (int)strlen(z[k]);
    return 0;
}

/* The offset (minutes east of UTC) of a zone abbreviation that names one
 * offset the world over, daylight saving included ("EDT" is summer time):
 * 1 when s[0..n) is one. CST, IST, BST and MST name several zones, so a stamp
 * in them stays uncertain. */
static int fixed_zone_offset(const char *s, size_t n, int *minutes) {
    static const struct {
        const char *name;
        int minutes;
    } zones[] = {{"JST", 540},  {"KST", 540},  {"HKT", 480},  {"SGT", 480},  {"AEST", 600}, {"AEDT", 660},
                 {"NZST", 720}, {"NZDT", 780}, {"EST", -300}, {"EDT", -240}, {"CDT", -300}, {"PST", -480},
                 {"PDT", -420}, {"MDT", -360}, {"CET", 60},   {"CEST", 120}, {"EET", 120},  {"EEST", 180},
                 {"MSK", 180},  {"WET", 0},    {"WEST", 60}};
    for (size_t k = 0; k < sizeof zones / sizeof zones[0]; k++)
        if (n == strlen(zones[k].name) && memcmp(s, zones[k].name, n) == 0) {
            *minutes = zones[k].minutes;
            return 1;
        }
    return 0;
}

/* Numeric offset "+09:00", "+0900", "+09", "-05:30" at s[i]; returns length. */
static size_t parse_offset(const char *s, size_t i, size_t n, int *minutes) {
    if (i >= n || (s[i] != '+' && s[i] != '-')) return 0;
    int sign = s[i] == '-' ? -1 : 1;
    size_t k = i + 1, hd = digits(s, k, n);
    int h, m = 0;
    if (hd == 4) {
        h = num(s + k, 2);
        m = num(s + k + 2, 2);
        k += 4;
    } else if (hd == 1 || hd == 2) {
        h = num(s + k, hd);
        k += hd;
        if (k < n && s[k] == ':' && digits(s, k + 1, n) == 2) {
            m = num(s + k + 1, 2);
            k += 3;
        }
    } else {
        return 0;
    }
    if (h > 18 || m > 59) return 0;
    *minutes = sign * (h * 60 + m);
    return k - i;
}

/* Reads a stamp's fields greedily from s[0..n). bracketed: the text is a
 * group's whole content, so anything after the time is taken as a zone name.
 * Returns bytes consumed, 0 when s does not start with a date shape at all. */
static size_t parse_fields(const char *s, size_t n, int bracketed, fields_t *f) {
    memset(f, 0, sizeof *f);
    /* Date: three digit runs with two equal separators, '-' or '/'. Requiring
     * both separators keeps "[1] note", "(3 retries)" and "1.5x" out. */
    size_t a = digits(s, 0, n);
    if (a == 0 || a >= n || (s[a] != '-' && s[a] != '/')) return 0;
    char sep = s[a];
    size_t b = digits(s, a + 1, n);
    if (b == 0 || a + 1 + b >= n || s[a + 1 + b] != sep) return 0;
    size_t c = digits(s, a + 2 + b, n);
    if (c == 0) return 0;
    size_t i = a + 2 + b + c;
    f->date_shape_ok = a == 4 && b == 2 && c == 2 && sep == '-';
    f->date_fixable = a == 4 && b <= 2 && c <= 2 && sep == '-';
    if (f->date_fixable) {
        f->y = num(s, 4);
        f->mo = num(s + 5, b);
        f->d = num(s + 6 + b, c);
    }

    /* Time, after 'T' or spaces. A bare date followed by other text stops here. */
    size_t t = i;
    int spaces = 0;
    if (t < n && (s[t] == 'T' || s[t] == 't') && t + 1 < n && is_digit(s[t + 1])) {
        f->iso_t = 1;
        t++;
    } else {
        while (t < n && s[t] == ' ') t++, spaces++;
    }
    size_t hd = (t < n && (f->iso_t || spaces)) ? digits(s, t, n) : 0;
    if (hd > 0 && (bracketed || (t + hd < n && s[t + hd] == ':'))) {
        f->has_time = 1;
        if (spaces > 1) f->bad_space = 1;
        size_t md = t + hd < n && s[t + hd] == ':' ? digits(s, t + hd + 1, n) : 0;
        f->time_shape_ok = hd <= 2 && md == 2;
        f->hour_one_digit = hd == 1;
        f->h = num(s + t, hd);
        f->mi = md ? num(s + t + hd + 1, md) : 0;
        i = t + hd + (md ? 1 + md : 0);
        if (md && i < n && s[i] == ':' && digits(s, i + 1, n) == 2) {
            f->has_seconds = 1;
            i += 3;
            if (i < n && (s[i] == '.' || s[i] == ',') && digits(s, i + 1, n) > 0) i += 1 + digits(s, i + 1, n);
        }
        /* 12-hour clock: "2:30 PM", "2:30pm", "2:30 p.m." */
        size_t k = i;
        while (k < n && s[k] == ' ') k++;
        if (k < n && (ascii_lower(s[k]) == 'a' || ascii_lower(s[k]) == 'p')) {
            size_t e = k + 1;
            if (e < n && s[e] == '.') e++;
            if (e < n && ascii_lower(s[e]) == 'm') {
                e++;
                if (e < n && s[e] == '.') e++;
                if (e >= n || !is_alpha(s[e])) {
                    f->ampm = ascii_lower(s[k]) == 'a' ? 1 : 2;
                    i = e;
                }
            }
        }
        /* Zone. */
        k = i;
        int zsp = 0;
        while (k < n && s[k] == ' ') k++, zsp++;
        int off = 0;
        size_t ol;
        if (k < n && (s[k] == 'Z' || s[k] == 'z') && (k + 1 >= n || !is_alpha(s[k + 1]))) {
            f->zone = zsp ? ZONE_Z_SPACED : s[k] == 'z' ? ZONE_Z_LOW : ZONE_Z;
            i = k + 1;
        } else if (k < n && (word_at(s, k, n, "utc") || word_at(s, k, n, "gmt"))) {
            int gmt = ascii_lower(s[k]) == 'g';
            int caps = is_upper(s[k]) && is_upper(s[k + 1]) && is_upper(s[k + 2]);
            f->zone = gmt ? ZONE_GMT : caps ? ZONE_UTC : ZONE_UTC_LOW;
            if (zsp != 1 && !f->ampm) f->bad_space = 1;
            i = k + 3;
            if ((ol = parse_offset(s, i, n, &off)) > 0) {
                f->zone = off ? ZONE_OFFSET : ZONE_GMT;
                f->offset = off;
                i += ol;
            }
        } else if ((ol = parse_offset(s, k, n, &off)) > 0) {
            f->zone = off ? ZONE_OFFSET : ZONE_GMT;
            f->offset = off;
            i = k + ol;
        } else if (bracketed && k < n) {
            /* Whatever else fills the group ("JST", "Asia/Tokyo") names a zone. */
            f->zone = fixed_zone_offset(s + k, n - k, &off) ? ZONE_OFFSET : ZONE_NAMED;
            f->offset = off;
            i = n;
        } else if (!bracketed && k < n && zsp) {
            int zl = known_zone_abbrev(s, k, n);
            if (zl) {
                f->zone = fixed_zone_offset(s + k, (size_t)zl, &off) ? ZONE_OFFSET : ZONE_NAMED;
                f->offset = off;
                i = k + (size_t)zl;
            }
        }
    }
    return i;
}

static void set_problem(timestamp_t *out, ts_status_t st, const char *p) {
    out->status = st;
    out->problem = p;
}

/* Judges a stamp whose text is s[0..n) (brackets included when open != 0).
 * The content is s[cs..ce). */
static ts_status_t judge(const char *s, size_t n, char open, char close, size_t cs, size_t ce, timestamp_t *out) {
    fields_t f;
    size_t used = parse_fields(s + cs, ce - cs, open != 0, &f);
    out->style = open == '[' ? TS_STYLE_GUIDE : open == '(' ? TS_STYLE_COOKBOOK : TS_STYLE_OTHER;
    out->has_time = f.has_time;
    if (used == 0) {
        out->style = TS_STYLE_OTHER;
        set_problem(out, TS_NONE, NULL);
        return TS_NONE;
    }
    if (used != ce - cs) {
        /* Bracketed only: something follows the time that is not a zone. */
        set_problem(out, TS_BAD, P_UNRECOGNISED);
        return TS_BAD;
    }
    if (!f.date_shape_ok && !f.date_fixable) {
        set_problem(out, TS_BAD, P_DATE_SHAPE);
        return TS_BAD;
    }
    if (f.mo < 1 || f.mo > 12) {
        set_problem(out, TS_BAD, P_MONTH);
        return TS_BAD;
    }
    if (f.d < 1 || f.d > days_in_month(f.y, f.mo)) {
        set_problem(out, TS_BAD, P_DAY);
        return TS_BAD;
    }
    out->minutes = ts_minutes_from_civil(f.y, f.mo, f.d, 0, 0);
    if (!f.has_time) {
        set_problem(out, TS_BAD, f.date_shape_ok ? P_NO_TIME : P_DATE_SHAPE);
        return TS_BAD;
    }
    if (!f.time_shape_ok) {
        set_problem(out, TS_BAD, P_TIME_SHAPE);
        return TS_BAD;
    }
    int h = f.h;
    if (f.ampm) {
        if (h < 1 || h > 12) {
            set_problem(out, TS_BAD, P_TIME_SHAPE);
            return TS_BAD;
        }
        h = h % 12 + (f.ampm == 2 ? 12 : 0);
    } else if (h > 23) {
        set_problem(out, TS_BAD, P_HOUR);
        return TS_BAD;
    }
    if (f.mi > 59) {
        set_problem(out, TS_BAD, P_MINUTE);
        return TS_BAD;
    }
    /* The clock time as written, taken as UTC; corrected below for offsets. */
    out->minutes = ts_minutes_from_civil(f.y, f.mo, f.d, h, f.mi);
    int certain = f.zone != ZONE_NONE && f.zone != ZONE_NAMED;
    if (f.zone == ZONE_OFFSET) out->minutes -= f.offset;
    out->certain = (unsigned char)certain;

    /* Verdicts, most serious first. A BAD stamp keeps its fixed text when the
     * instant is still certain (shape slips, 12-hour clock with a zone, offsets). */
    if (!f.date_shape_ok) {
        set_problem(out, TS_BAD, P_DATE_SHAPE);
        return TS_BAD;
    }
    if (f.ampm) {
        set_problem(out, TS_BAD, P_12H);
        return TS_BAD;
    }
    if (f.zone == ZONE_NONE) {
        set_problem(out, TS_BAD, P_NO_ZONE);
        return TS_BAD;
    }
    if (f.zone == ZONE_NAMED || f.zone == ZONE_OFFSET) {
        set_problem(out, TS_BAD, P_NOT_UTC);
        return TS_BAD;
    }

    out->valid_time = 1;
    char canon[40];
    size_t cl = ts_format(out->minutes, TS_STYLE_GUIDE, canon);
    if (cl == n && memcmp(canon, s, n) == 0) {
        out->style = TS_STYLE_GUIDE;
        set_problem(out, TS_OK, NULL);
        return TS_OK;
    }
    cl = ts_format(out->minutes, TS_STYLE_COOKBOOK, canon);
    if (cl == n && memcmp(canon, s, n) == 0) {
        out->style = TS_STYLE_COOKBOOK;
        set_problem(out, TS_OK, NULL);
        return TS_OK;
    }
    const char *p = N_OTHER;
    if (f.iso_t)
        p = N_ISO;
    else if (f.has_seconds)
        p = N_SECONDS;
    else if (f.zone == ZONE_UTC_LOW || f.zone == ZONE_Z_LOW)
        p = N_UTC_CASE;
    else if (f.zone == ZONE_GMT)
        p = N_GMT;
    else if (f.hour_one_digit)
        p = N_HOUR_DIGITS;
    else if (open && ((open == '[') != (close == ']')))
        p = N_BRACKETS;
    else if (!open)
        p = N_BARE;
    else if (open == '[' && (f.zone == ZONE_Z || f.zone == ZONE_Z_SPACED))
        p = N_Z_IN_SQUARE;
    else if (open == '(' && f.zone == ZONE_UTC)
        p = N_UTC_IN_PARENS;
    else if (f.bad_space || f.zone == ZONE_Z_SPACED)
        p = N_SPACING;
    set_problem(out, TS_NONSTANDARD, p);
    return TS_NONSTANDARD;
}

static void reset(timestamp_t *out) {
    memset(out, 0, sizeof *out);
    out->style = TS_STYLE_OTHER;
}

ts_status_t ts_parse(const char *s, size_t n, timestamp_t *out) {
    reset(out);
    out->end = n;
    /* Surrounding spaces are not part of the stamp; ignore them. */
    size_t a = 0, b = n;
    while (a < b && s[a] == ' ') a++;
    while (b > a && s[b - 1] == ' ') b--;
    out->start = a;
    out->end = b;
    char open = 0, close = 0;
    size_t cs = a, ce = b;
    if (b - a >= 2 && (s[a] == '[' || s[a] == '(') && (s[b - 1] == ']' || s[b - 1] == ')')) {
        open = s[a];
        close = s[b - 1];
        cs = a + 1;
        ce = b - 1;
    }
    return judge(s + a, b - a, open, close, cs - a, ce - a, out);
}

/* Byte length of a task checkbox at s[i] then space or end, else 0: "[ ]",
 * "[x]", "[X]", and the status boxes teams add ("[!]" blocked, "[~]" under
 * way, "[-]" dropped, "[/]" partly done, "[>]" deferred, "[?]"). */
static size_t checkbox(const char *s, size_t i, size_t n) {
    if (i + 3 > n || s[i] != '[' || s[i + 2] != ']') return 0;
    if (s[i + 1] == '\0' || !strchr(" xX!~-/>?", s[i + 1])) return 0;
    if (i + 3 < n && s[i + 3] != ' ' && s[i + 3] != '\t') return 0;
    return 3;
}

/* Length of the UTF-8 sequence at s when it is a symbol a plan uses as a
 * status marker (arrows, dingbats, emoji, variation selectors, joiners), else 0. */
static size_t symbol_len(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    uint32_t cp;
    size_t len;
    if (n >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        len = 3;
    } else if (n >= 4 && (u[0] & 0xF8) == 0xF0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
               (u[3] & 0xC0) == 0x80) {
        cp = ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) | ((uint32_t)(u[2] & 0x3F) << 6) |
             (u[3] & 0x3F);
        len = 4;
    } else {
        return 0;
    }
    int symbol = (cp >= 0x2000 && cp <= 0x2BFF) || /* punctuation, arrows, technical, dingbats */
                 (cp >= 0xFE00 && cp <= 0xFE0F) || /* variation selectors */
                 (cp >= 0x1F000 && cp <= 0x1FAFF); /* emoji */
    return symbol ? len : 0;
}

/* A bracketed label before the stamp ("(TASK_01.md) (2026-01-09) ..."):
 * where the stamp after it starts, or i when there is no such label. */
static size_t after_label(const char *s, size_t i, size_t n) {
    if (i + 1 >= n || (s[i] != '[' && s[i] != '(') || is_digit(s[i + 1])) return i;
    char close = s[i] == '[' ? ']' : ')';
    size_t j = i + 1;
    while (j < n && j - i < 80 && s[j] != close && s[j] != '[' && s[j] != '(') j++;
    if (j >= n || s[j] != close) return i;
    j++;
    while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
    return j + 1 < n && (s[j] == '[' || s[j] == '(') && is_digit(s[j + 1]) ? j : i;
}

size_t ts_markers_end(const char *s, size_t n) {
    size_t i = 0;
    for (;;) {
        size_t len = i < n && (s[i] == ' ' || s[i] == '\t') ? 1 : checkbox(s, i, n);
        if (!len) len = symbol_len(s + i, n - i);
        if (!len) return i;
        i += len;
    }
}

ts_status_t ts_scan_entry(const char *s, size_t n, timestamp_t *out) {
    size_t i = ts_markers_end(s, n);
    /* A stamp in bold opens its entry as a title: "**2026-07-31 - Title.**". */
    if (i + 3 < n && ((s[i] == '*' && s[i + 1] == '*') || (s[i] == '_' && s[i + 1] == '_')) &&
        (is_digit(s[i + 2]) || ((s[i + 2] == '[' || s[i + 2] == '(') && is_digit(s[i + 3]))))
        i += 2;
    i = after_label(s, i, n);
    reset(out);
    out->start = out->end = i;
    if (i >= n) return TS_NONE;

    if (s[i] == '[' || s[i] == '(') {
        if (i + 1 >= n || !is_digit(s[i + 1])) return TS_NONE;
        /* The group ends at the first closer of either kind; a mismatched
         * closer is judged (and hinted) rather than ignored. */
        size_t j = i + 1;
        while (j < n && s[j] != ']' && s[j] != ')' && s[j] != '[' && s[j] != '(') j++;
        if (j < n && (s[j] == ']' || s[j] == ')')) {
            ts_status_t st = judge(s + i, j + 1 - i, s[i], s[j], 1, j - i, out);
            if (st != TS_NONE) out->end = j + 1;
            return st;
        }
        /* No closer: judge the content greedily, and report the missing bracket. */
        fields_t f;
        size_t used = parse_fields(s + i + 1, n - i - 1, 0, &f);
        if (used == 0) return TS_NONE;
        out->start = i;
        out->end = i + 1 + used;
        out->has_time = f.has_time;
        set_problem(out, TS_BAD, P_UNCLOSED);
        return TS_BAD;
    }
    if (!is_digit(s[i])) return TS_NONE;
    fields_t f;
    size_t used = parse_fields(s + i, n - i, 0, &f);
    if (used == 0) return TS_NONE;
    ts_status_t st = judge(s + i, used, 0, 0, 0, used, out);
    out->end = i + used;
    return st;
}

int ts_is_date_only(const timestamp_t *ts) { return ts->status == TS_BAD && ts->problem == P_NO_TIME; }

int64_t ts_now(void) {
    const char *env = getenv("PLANLS_NOW");
    if (env && *env) {
        timestamp_t t;
        ts_parse(env, strlen(env), &t);
        if (t.valid_time) return t.minutes;
    }
    time_t now = time(NULL);
    /* Floor to whole minutes. */
    return now >= 0 ? (int64_t)now / 60 : -(((int64_t)-now + 59) / 60);
}
