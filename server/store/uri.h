/* uri.h: file: URIs <-> file system paths. The LSP names documents by URI;
 * the disk, the settings and the plan globs speak paths. */
#ifndef PLANLS_URI_H
#define PLANLS_URI_H

/* Decodes a file: URI into a new path (caller frees), or NULL when uri is
 * NULL, not a file: URI, malformed, or memory ran out. Percent-escapes are
 * decoded; an authority ("file://host/...") is skipped; "%00" is refused, as
 * a path cannot hold it. */
char *uri_to_path(const char *uri);

/* Encodes an absolute path as a new file:// URI (caller frees), NULL on OOM.
 * Bytes outside the unreserved and sub-delims sets are percent-encoded. */
char *uri_from_path(const char *path);

#endif
