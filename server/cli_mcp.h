/* cli_mcp.h: `planls mcp`, the Model Context Protocol server on stdio. */
#ifndef PLANLS_CLI_MCP_H
#define PLANLS_CLI_MCP_H

/* argv holds the arguments after "mcp" (none). Serves until stdin ends.
 * Returns the exit status: 0 the input ended, 1 stdout failed, 2 usage. */
int mcp_main(int argc, char **argv);

#endif
