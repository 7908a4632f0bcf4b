/* The newspipe subcommands. Each takes the arguments after its name (argv[0] is the
 * subcommand) and returns the process exit code. */
#ifndef NP_RUNNER_COMMANDS_H
#define NP_RUNNER_COMMANDS_H

int np__cmd_run(int argc, char **argv);
int np__cmd_check(int argc, char **argv);
int np__cmd_test(int argc, char **argv);
int np__cmd_list(int argc, char **argv);
int np__cmd_serve(int argc, char **argv);

#endif
