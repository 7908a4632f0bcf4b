/* Finding programs: the newspipe-NAME filters (next to the running newspipe first, then in
 * PATH, like git finds git-NAME) and the commands of `run:` stages (like execvp). */
#ifndef NP_RUNNER_FINDPROG_H
#define NP_RUNNER_FINDPROG_H

/* The directory holding the running newspipe executable ("/usr/local/bin"), or NULL when
 * /proc/self/exe cannot be read. Computed once; the string is static. */
const char *np__self_dir(void);

/* True when name can be a filter name: [a-z0-9][a-z0-9_-]*, at most 64 bytes. */
int np__filter_name_ok(const char *name);

/* Full path of newspipe-NAME, or NULL when none is found (errno ENOENT or ENOMEM).
 * Caller frees. */
char *np__find_filter(const char *name);

/* Full path of the command cmd as execvp would run it: a name containing '/' is taken
 * relative to base_dir (when not absolute; base_dir may be NULL for the current directory),
 * otherwise it is searched in PATH. Returns NULL when there is no such executable.
 * Caller frees. */
char *np__find_command(const char *cmd, const char *base_dir);

/* Calls fn(name, path, arg) once per filter found, in the search order, skipping a name
 * already found earlier (the one that would run). Returns 0, or -1 when out of memory. */
int np__each_filter(void (*fn)(const char *name, const char *path, void *arg), void *arg);

/* path relative to dir (absolute paths and "-" are returned as they are). Caller frees;
 * NULL when out of memory. */
char *np__path_join(const char *dir, const char *path);

#endif
