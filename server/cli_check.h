/* cli_check.h: `planls check`, the rules over files for CI. */
#ifndef PLANLS_CLI_CHECK_H
#define PLANLS_CLI_CHECK_H

/* argv holds the arguments after "check". Returns the exit status: 0 clean,
 * 1 warnings or errors found, 2 usage or I/O error. */
int check_main(int argc, char **argv);

#endif
