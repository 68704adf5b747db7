/* handlers.h: what the LSP method handlers share. Each file of this folder
 * serves one area of LSP (documents, diagnostics, completion, ...) and
 * exports it as a handler_area_t: its route table and its capabilities.
 * server.c joins the areas; no handler file includes another's code, and none
 * includes server.h. The handlers translate between LSP JSON and the store
 * and analysis calls; the logic lives there. */
#ifndef PLANLS_HANDLERS_H
#define PLANLS_HANDLERS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "documents.h"
#include "jsonrpc.h"
#include "session.h"
#include "text.h"
#include "workspace.h"

/* The bits of the client's capabilities planls acts on. Not a mirror of
 * LSP's ClientCapabilities: only what changes a reply. */
typedef struct {
    int pull_diagnostics;   /* textDocument.diagnostic declared */
    int snippets;           /* completion snippetSupport */
    int versioned_edits;    /* workspace.workspaceEdit.documentChanges */
    int rename_files;       /* ... and resourceOperations has "rename" */
    int code_lens;          /* textDocument.codeLens declared */
    int inlay_hints;        /* textDocument.inlayHint declared */
    int show_document;      /* window.showDocument.support */
    int apply_edit;         /* workspace.applyEdit */
    int action_literals;    /* codeAction.codeActionLiteralSupport */
    int resolve_edits;      /* codeAction.resolveSupport.properties has "edit" */
    int configuration;      /* workspace.configuration */
    int watch_files;        /* workspace.didChangeWatchedFiles.dynamicRegistration */
    int work_done_progress; /* window.workDoneProgress */
    int diagnostic_refresh; /* workspace.diagnostics.refreshSupport */
} client_caps_t;

typedef struct handler_area_s handler_area_t;

/* Runs work(arg) off the event loop, then done(arg) on it. */
typedef void (*offload_fn)(void *host, void (*work)(void *arg), void (*done)(void *arg), void *arg);

/* What a handler may touch: the session (to notify and to request, never to
 * reply: handlers return their reply), the documents, the workspace, and what
 * initialize negotiated. All borrowed from the server that owns them. */
struct ctx_s {
    session_t *session;
    store_t *docs;
    workspace_t *workspace;
    client_caps_t caps;
    pos_encoding_t enc;
    int64_t now_override;               /* tests: fixed clock in minutes, 0 = ts_now() */
    const handler_area_t *const *areas; /* NULL-terminated: initialize asks each for its capabilities */
    offload_fn offload;                 /* main.c: libuv's thread pool; NULL: work and done at once, in the call */
    void *offload_host;
};

/* One area of LSP. */
struct handler_area_s {
    const route_t *routes; /* ended by {NULL} */
    /* Adds the area's members to the ServerCapabilities object (initialize);
     * NULL when it has none. Returns 0 or PL_ENOMEM. */
    int (*capabilities)(const ctx_t *c, json_t *caps);
};

extern const handler_area_t lifecycle_area;   /* initialize, initialized, shutdown */
extern const handler_area_t documents_area;   /* didOpen, didChange, didClose, didSave */
extern const handler_area_t diagnostics_area; /* push, textDocument/diagnostic, workspace/diagnostic, stats */
extern const handler_area_t completion_area;
extern const handler_area_t code_actions_area; /* codeAction, resolve, executeCommand */
extern const handler_area_t symbols_area;      /* documentSymbol (streamed), workspace/symbol */
extern const handler_area_t folding_area;
extern const handler_area_t hover_area;
extern const handler_area_t workspace_area; /* configuration, watched files, the scan */
extern const handler_area_t health_area;    /* codeLens and inlayHint: a plan's summary, entries' ages */
extern const handler_area_t paths_area;     /* repository paths: definition, documentLink, willRenameFiles */

/* ---- helpers (common.c) ---------------------------------------------------- */

/* The clock, in minutes since the epoch. */
int64_t ctx_now(const ctx_t *c);

/* The open document a request names in params.textDocument.uri, with its
 * plan brought up to date. Returns 0 with *d borrowed (valid until the
 * document is closed or reopened: not within one request), or PL_EINVAL /
 * PL_ENOTOPEN / PL_ENOMEM with out->message set. */
int doc_from_request(ctx_t *c, const rpc_msg_t *m, reply_t *out, doc_t **d);
/* The request's params.position in d, as a byte offset. 0 or PL_EINVAL. */
int offset_from_request(ctx_t *c, const rpc_msg_t *m, const doc_t *d, reply_t *out, size_t *off);

/* Points d's plan at the file index of its repository (plan.paths and
 * plan_dir), or at none while no index is ready: call before rules_run.
 * Returns the lookup (borrowed from the workspace until its next change) or
 * NULL; *root (may be NULL) receives the repository's folder. */
const path_lookup_t *doc_paths(ctx_t *c, doc_t *d, const char **root);

/* Is uri a folder's settings file or a plan guide, whose change changes the
 * rules of every plan? */
int uri_changes_rules(const char *uri);

/* Sends textDocument/publishDiagnostics for uri; version < 0 leaves it out;
 * t may be NULL when l is empty. */
void publish_diagnostics(ctx_t *c, const char *uri, long long version, const text_t *t, const diag_list_t *l);

/* ---- entry points one area offers the others (defined in that area's file) */

/* health.c: planls.status: the summary of the plan at uri, or with uri NULL
 * of every open plan and every plan the scan found. New reference (the
 * report of plan_report.h), NULL on OOM. */
json_t *health_status_report(ctx_t *c, const char *uri);
/* health.c: the summary line of an open plan for its title's hover
 * ("7/12 done · last entry 3 d ago · 1 blocked"); out holds 160 bytes.
 * Returns 0, or -1 when off is not on the title. */
int health_title_line(ctx_t *c, doc_t *d, size_t off, char *out);

/* diagnostics.c: publishes the diagnostics of every document changed since
 * the last call (push clients only). server.c calls it after each batch. */
void diagnostics_publish_pending(ctx_t *c);
/* workspace.c: folders and client settings from InitializeParams. */
void workspace_from_initialize(ctx_t *c, json_t *params);
/* workspace.c: builds every folder's settings again, puts the open documents
 * under them, rescans closed plans once scanned, and publishes what changed. */
void workspace_reload_all(ctx_t *c);
/* workspace.c: a closed file changed on disk or was closed in the editor. */
void workspace_recheck(ctx_t *c, const char *uri, int deleted);
/* workspace.c: the work of `initialized`: settings request, file watching,
 * and the first scan. */
void workspace_start(ctx_t *c);
/* workspace.c: checks the closed plans the scan found again (a file index
 * became ready), publishing those whose diagnostics changed. */
void workspace_rescan(ctx_t *c);
/* paths.c: builds the file index of every folder that has none, off the
 * loop; once one is ready, re-publishes what it changes. */
void paths_start(ctx_t *c);
/* paths.c: a watched file was created or deleted (type: LSP_FILE_*). */
void paths_file_event(ctx_t *c, const char *uri, int type);
/* paths.c: the hover text for a repository path at off (new string, caller
 * frees) with its span, or NULL when off is on no path. */
char *paths_hover(ctx_t *c, doc_t *d, size_t off, size_t *start, size_t *end);
/* paths.c: completions of repository paths when off is inside a code span
 * or a link target: appends CompletionItems to items and returns 1; 0 when
 * off is elsewhere (the caller's own completions then apply). */
int paths_complete(ctx_t *c, doc_t *d, size_t off, json_t *items);

#endif
