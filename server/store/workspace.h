/* workspace.h: what the server knows beyond the open documents: the
 * workspace folders and their settings, and the plans that are not open (the
 * scan after `initialized`, watched-file changes). State only: it never talks
 * to the client and never logs. Each call that can change what the client
 * should show returns the URIs concerned; the handlers publish them, reading
 * the diagnostics back with workspace_diagnostics_of. */
#ifndef PLANLS_WORKSPACE_H
#define PLANLS_WORKSPACE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "diag.h"
#include "documents.h"
#include "file_index.h"
#include "plan_status.h"
#include "text.h"

/* The scan reads at most this much: a workspace is not a data lake. */
#define SCAN_MAX_FILES 2000
#define SCAN_MAX_BYTES ((size_t)64 << 20)
#define SCAN_MAX_FILE ((size_t)8 << 20)

typedef struct {
    char *path; /* owned, absolute, no trailing '/' */
    char *uri;  /* owned */
    config_t config;
    /* Its .planls.json and the problems the last reload found in it (the
     * text is kept for their positions; both empty when there are none). */
    char *settings_uri; /* owned */
    text_t settings_text;
    diag_list_t settings_problems;
    int settings_published; /* the client was sent a non-empty list for it */
} root_t;

typedef struct {
    char *name; /* owned */
    long line;
} plan_heading_t;

/* A plan file that is not open, as the scan last saw it. */
typedef struct {
    char *uri, *path;         /* owned */
    plan_heading_t *headings; /* owned: the title (when has_title), then the sections */
    size_t nheadings;
    int has_title;
    /* The diagnostics of the last check, with the text their offsets point
     * into (kept only when there are some; a clean plan keeps no text). */
    text_t text;
    diag_list_t diags;
    int published_nonempty; /* the client was sent a non-empty list for it */
    plan_summary_t summary; /* as the scan saw it; title NULL (the title is headings[0] when has_title) */
    int problems;           /* warnings and errors among diags */
} scanned_t;

/* The file index of a workspace folder (file_index.h): built off the event
 * loop, so absent until then. */
typedef struct {
    char *root;          /* owned: the folder's path */
    file_index_t *index; /* owned; NULL while it is built */
    int building;
    int stale;            /* .gitignore changed: built again, the old one answers meanwhile */
    path_lookup_t lookup; /* over index, refreshed by workspace_files_lookup */
} root_files_t;

typedef struct {
    root_files_t *files; /* owned, one per folder whose index was asked for */
    size_t nfiles, capfiles;
    root_t *roots; /* owned */
    size_t nroots, caproots;
    config_t fallback;     /* documents outside every folder */
    char *client_settings; /* owned: the client's settings as JSON text (settings_apply_text), or NULL */
    scanned_t *plans;      /* owned */
    size_t nplans, capplans;
    int scanned;           /* a scan has run: file changes and reloads keep it current */
    int scan_changes_only; /* a scan again with the client up to date: only plans whose diagnostics differ go to changed
                            */
} workspace_t;

/* URIs whose diagnostics the client must be sent again, in order. */
typedef struct {
    char **uris; /* owned, each owned */
    size_t n, cap;
} uri_list_t;

void uri_list_free(uri_list_t *l);

void workspace_init(workspace_t *w);
void workspace_free(workspace_t *w);

/* Settings for a file: its folder's. Both the result and *root (the folder's
 * path, or NULL outside every folder) are borrowed from w, valid until the
 * next workspace_reload, workspace_add_folder or workspace_free. */
const config_t *workspace_config_for(const workspace_t *w, const char *path, const char **root);

/* Adds a workspace folder by its file: URI; another URI, or one already
 * known, is ignored. Returns 0 or PL_ENOMEM. Takes effect at the next
 * workspace_reload. */
int workspace_add_folder(workspace_t *w, const char *uri);
/* Replaces the client's settings by a copy of json (see
 * settings_apply_text; NULL: none). Takes effect at the next
 * workspace_reload. Returns 0, or PL_ENOMEM with the old ones kept. */
int workspace_set_client_settings(workspace_t *w, const char *json);

/* Builds every folder's settings again (defaults, guide, .planls.json, then
 * the client's) and puts every open document of docs under them. The
 * settings files whose problems the client must be sent go to changed.
 * *client_errors receives why parts of the client's settings were refused,
 * one sentence a line (new string, caller frees), or NULL. The caller runs
 * workspace_scan next when w->scanned. */
void workspace_reload(workspace_t *w, store_t *docs, uri_list_t *changed, char **client_errors);

/* 1 when a folder's settings ask for workspace diagnostics. */
int workspace_wants_scan(const workspace_t *w);

typedef struct {
    size_t plans, files; /* what the scan found */
    size_t truncated;    /* folders where it stopped at the SCAN_MAX_* limits */
    size_t unreadable;   /* folders it could not read at all */
    size_t skipped;      /* entries below them it could not read, files over SCAN_MAX_FILE */
} scan_stats_t;

/* Checks every Markdown file of the folders (those not open in docs) at time
 * now; the plans whose diagnostics the client must be sent (or cleared) go
 * to changed. */
void workspace_scan(workspace_t *w, store_t *docs, int64_t now, uri_list_t *changed, scan_stats_t *stats);

/* Checks the closed plans w knows again (the file index became ready);
 * those whose diagnostics differ go to changed. */
void workspace_recheck_known(workspace_t *w, store_t *docs, int64_t now, uri_list_t *changed);

/* A closed file changed on disk, was deleted, or was closed in the editor:
 * checks it again (an open one is left to the editor's text). */
void workspace_file_changed(workspace_t *w, store_t *docs, const char *uri, int deleted, int64_t now,
                            uri_list_t *changed);

/* The diagnostics w holds for uri (a closed plan or a folder's settings
 * file), borrowed from w until its next change. Returns 0 and an empty list
 * (*t NULL) when it holds none: what a changed URI then needs is clearing. */
int workspace_diagnostics_of(const workspace_t *w, const char *uri, const text_t **t, const diag_list_t **l);

/* The folders whose file index is neither built nor being built, marked as
 * being built now: the caller builds each (file_index_build, off the loop)
 * and hands it to workspace_files_ready. Owned list of owned paths. */
uri_list_t workspace_files_wanted(workspace_t *w);
/* Every index is to be built again (a .gitignore changed); each answers
 * until its successor is ready. */
void workspace_files_stale(workspace_t *w);
/* Installs the index built for root (taken over; NULL: the build failed and
 * the folder gets none). */
void workspace_files_ready(workspace_t *w, const char *root, file_index_t *ix);
/* The index of the folder holding path, and the folder (*root, borrowed):
 * NULL while none is ready or outside every folder. Borrowed from w. */
file_index_t *workspace_files_for(workspace_t *w, const char *path, const char **root);
/* workspace_files_for as the rules' lookup, its generation current. */
const path_lookup_t *workspace_files_lookup(workspace_t *w, const char *path, const char **root);

#endif
