/* cli_status.h: `planls status`, every plan's health at a glance. */
#ifndef PLANLS_CLI_STATUS_H
#define PLANLS_CLI_STATUS_H

/* argv holds the arguments after "status". Returns the exit status: 0, or 2
 * on a usage or I/O error. */
int status_main(int argc, char **argv);

#endif
