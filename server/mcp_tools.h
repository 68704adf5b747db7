/* mcp_tools.h: the tools `planls mcp` offers (check_plan, plan_status,
 * list_plans, add_entry, mark_done, new_plan): their input schemas and
 * what a call does, over the repository the server was started in. */
#ifndef PLANLS_MCP_TOOLS_H
#define PLANLS_MCP_TOOLS_H

#include <jansson.h>

#include "jsonrpc.h"
#include "plan_cache.h"

/* {"tools": [{"name", "title", "description", "inputSchema"}...]}, as
 * tools/list answers. New reference (NULL on OOM). */
json_t *mcp_tools_list(void);

/* Is there a tool of this name? */
int mcp_tool_exists(const char *name);

/* Runs tool name with args (an object; "text" members are read through m,
 * which may have lifted them) in the repository of cache, whose plans it
 * reads through the cache. Returns
 * the CallToolResult: {"content": [{"type": "text", ...}],
 * "structuredContent": {...}} on success, {"content": [...], "isError":
 * true} when the arguments are wrong or the tool failed (the model reads
 * why). NULL for an unknown name or OOM. New reference. */
json_t *mcp_tool_call(plan_cache_t *cache, const rpc_msg_t *m, const char *name, json_t *args);

#endif
