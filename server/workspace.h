/* workspace.h: the workspace folders, their settings, and the plans that are
 * not open: the scan after `initialized`, watched-file changes, settings
 * changes, and workspace symbols. */
#ifndef PLANLS_WORKSPACE_H
#define PLANLS_WORKSPACE_H

#include <jansson.h>
#include <stddef.h>

#include "config.h"

struct server_s;

typedef struct {
    char *path; /* owned, absolute, no trailing '/' */
    char *uri;  /* owned */
    config_t config;
    int settings_published; /* its .planls.json shows diagnostics of ours */
} root_t;

typedef struct {
    char *name; /* owned */
    long line;
} plan_heading_t;

/* A plan file that is not open, as the scan last saw it. */
typedef struct {
    char *uri, *path; /* owned */
    plan_heading_t *headings; /* owned: the title (when has_title), then the sections */
    size_t nheadings;
    int has_title;
    json_t *diagnostics; /* owned: the LSP diagnostics of the last check */
    int published_nonempty;
} scanned_t;

typedef struct {
    root_t *roots; /* owned */
    size_t nroots;
    config_t fallback;       /* documents outside every folder */
    json_t *client_settings; /* owned: the client's "planls" section, or NULL */
    scanned_t *plans;        /* owned */
    size_t nplans;
    int scanned;
} workspace_t;

void workspace_init(workspace_t *w);
void workspace_free(workspace_t *w);

/* Settings for a file: its folder's (root receives the folder, or NULL). */
const config_t *workspace_config_for(const workspace_t *w, const char *path, const char **root);

/* initialize: the folders (rootUri, rootPath, workspaceFolders; any may be
 * null) and initializationOptions. */
void workspace_initialize(struct server_s *s, json_t *params);
/* Builds every folder's settings again, re-checks every open plan and
 * publishes settings problems. */
void workspace_reload(struct server_s *s);
/* The workspace scan: diagnostics for plans that are not open. */
void workspace_scan(struct server_s *s);
/* A closed file changed on disk (or was closed in the editor): check it again. */
void workspace_file_changed(struct server_s *s, const char *uri, int deleted);
/* The answer to our workspace/configuration request. */
void workspace_configuration_reply(struct server_s *s, json_t *result);

#endif
