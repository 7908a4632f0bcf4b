/* Program lookup for filters and `run:` commands. */
#include "findprog.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILTER_PREFIX "newspipe-"

const char *np__self_dir(void)
{
    static char dir[PATH_MAX];
    static int done;
    if (!done) {
        done = 1;
        ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
        if (n <= 0) {
            dir[0] = '\0';
        } else {
            dir[n] = '\0';
            char *slash = strrchr(dir, '/');
            if (slash == dir)
                slash[1] = '\0';
            else if (slash)
                *slash = '\0';
            else
                dir[0] = '\0';
        }
    }
    return dir[0] ? dir : NULL;
}

int np__filter_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 64) return 0;
    if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= '0' && name[0] <= '9'))) return 0;
    for (size_t i = 1; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return 0;
    }
    return 1;
}

static int is_executable_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

char *np__path_join(const char *dir, const char *path)
{
    if (path[0] == '/' || strcmp(path, "-") == 0 || !dir || !*dir) return strdup(path);
    size_t n = strlen(dir) + strlen(path) + 2;
    char *out = malloc(n);
    if (!out) return NULL;
    snprintf(out, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", path);
    return out;
}

/* Looks for file in each directory of PATH; returns the first executable match. */
static char *search_path(const char *file)
{
    const char *path = getenv("PATH");
    if (!path) path = "/usr/local/bin:/usr/bin:/bin";
    size_t flen = strlen(file);
    for (const char *p = path;;) {
        const char *colon = strchr(p, ':');
        size_t dlen = colon ? (size_t)(colon - p) : strlen(p);
        /* An empty PATH entry means the current directory, as for execvp. */
        size_t n = (dlen ? dlen : 1) + flen + 2;
        char *cand = malloc(n);
        if (!cand) return NULL;
        if (dlen)
            snprintf(cand, n, "%.*s/%s", (int)dlen, p, file);
        else
            snprintf(cand, n, "./%s", file);
        if (is_executable_file(cand)) return cand;
        free(cand);
        if (!colon) break;
        p = colon + 1;
    }
    errno = ENOENT;
    return NULL;
}

char *np__find_filter(const char *name)
{
    size_t n = sizeof FILTER_PREFIX + strlen(name);
    char *file = malloc(n);
    if (!file) return NULL;
    snprintf(file, n, FILTER_PREFIX "%s", name);
    const char *self = np__self_dir();
    if (self) {
        char *cand = np__path_join(self, file);
        if (cand && is_executable_file(cand)) {
            free(file);
            return cand;
        }
        free(cand);
    }
    char *found = search_path(file);
    free(file);
    return found;
}

char *np__find_command(const char *cmd, const char *base_dir)
{
    if (!*cmd) {
        errno = ENOENT;
        return NULL;
    }
    if (strchr(cmd, '/')) {
        char *p = np__path_join(base_dir, cmd);
        if (p && is_executable_file(p)) return p;
        free(p);
        errno = ENOENT;
        return NULL;
    }
    return search_path(cmd);
}

typedef struct {
    char **names;
    size_t n, cap;
} name_set;

static int seen(name_set *s, const char *name, int add)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->names[i], name) == 0) return 1;
    if (!add) return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        char **v = realloc(s->names, cap * sizeof *v);
        if (!v) return -1;
        s->names = v;
        s->cap = cap;
    }
    if (!(s->names[s->n] = strdup(name))) return -1;
    s->n++;
    return 0;
}

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists one directory's newspipe-* executables in name order. */
static int scan_dir(const char *dir, name_set *found,
                    void (*fn)(const char *, const char *, void *), void *arg)
{
    DIR *d = opendir(dir);
    if (!d) return 0; /* a missing PATH entry is not an error */
    name_set here = {0};
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, FILTER_PREFIX, sizeof FILTER_PREFIX - 1) != 0) continue;
        const char *name = e->d_name + sizeof FILTER_PREFIX - 1;
        if (!np__filter_name_ok(name)) continue;
        if (seen(&here, name, 1) < 0) {
            rc = -1;
            break;
        }
    }
    closedir(d);
    if (here.n) qsort(here.names, here.n, sizeof *here.names, compare_str);
    for (size_t i = 0; rc == 0 && i < here.n; i++) {
        const char *name = here.names[i];
        if (seen(found, name, 0)) continue;
        size_t n = strlen(dir) + strlen(name) + sizeof FILTER_PREFIX + 2;
        char *full = malloc(n);
        if (!full) {
            rc = -1;
            break;
        }
        snprintf(full, n, "%s/" FILTER_PREFIX "%s", dir, name);
        if (is_executable_file(full)) {
            if (seen(found, name, 1) < 0)
                rc = -1;
            else
                fn(name, full, arg);
        }
        free(full);
    }
    for (size_t i = 0; i < here.n; i++) free(here.names[i]);
    free(here.names);
    return rc;
}

int np__each_filter(void (*fn)(const char *name, const char *path, void *arg), void *arg)
{
    name_set found = {0};
    int rc = 0;
    const char *self = np__self_dir();
    if (self) rc = scan_dir(self, &found, fn, arg);
    const char *path = getenv("PATH");
    if (!path) path = "/usr/local/bin:/usr/bin:/bin";
    char *copy = strdup(path);
    if (!copy) rc = -1;
    for (char *save = NULL, *dir = copy ? strtok_r(copy, ":", &save) : NULL; rc == 0 && dir;
         dir = strtok_r(NULL, ":", &save))
        rc = scan_dir(dir, &found, fn, arg);
    free(copy);
    for (size_t i = 0; i < found.n; i++) free(found.names[i]);
    free(found.names);
    return rc;
}
