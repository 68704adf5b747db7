/* cli_init.h: `planls init`, the adoption checklist of the plan guide in
 * one command. */
#ifndef PLANLS_CLI_INIT_H
#define PLANLS_CLI_INIT_H

/* argv holds the arguments after "init". Returns the exit status: 0 done
 * (or nothing to do), 1 something was left for the user to do by hand (said
 * on stdout), 2 usage or I/O error. */
int init_main(int argc, char **argv);

#endif
