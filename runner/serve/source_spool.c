/* The spool source: files dropped into a directory (by rename, so they appear whole) are
 * batches, taken in name order. Names starting with '.' or ending in .tmp or .part are being
 * written and are left alone, as are directories. inotify (uv_fs_event) gives low latency;
 * a poll every two seconds covers file systems without it. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "serve.h"

#define POLL_MS 2000

typedef struct {
    char **names;
    size_t n, next;
    uv_fs_event_t ev;
    uv_timer_t poll;
    int ev_open;
    char *dir;       /* owned copy: a reload keeps the directory */
    char path[4200]; /* what spool_next returned last */
} spool_src;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int takes(const char *name)
{
    size_t n = strlen(name);
    if (name[0] == '.' || strchr(name, '\n') || strchr(name, '\t')) return 0;
    if (n > 4 && !strcmp(name + n - 4, ".tmp")) return 0;
    if (n > 5 && !strcmp(name + n - 5, ".part")) return 0;
    return 1;
}

static void free_names(spool_src *sp)
{
    for (size_t i = 0; i < sp->n; i++) free(sp->names[i]);
    free(sp->names);
    sp->names = NULL;
    sp->n = sp->next = 0;
}

static void scan(np_server *s, spool_src *sp)
{
    free_names(sp);
    DIR *d = opendir(sp->dir);
    if (!d) {
        np__serve_log(s, NP_LOG_ERR, "spool %s: %s", sp->dir, strerror(errno));
        return;
    }
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!takes(e->d_name)) continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, 0) < 0 || !S_ISREG(st.st_mode)) continue;
        if (sp->n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **v = realloc(sp->names, nc * sizeof *v);
            if (!v) break;
            sp->names = v;
            cap = nc;
        }
        if (!(sp->names[sp->n] = strdup(e->d_name))) break;
        sp->n++;
    }
    closedir(d);
    if (sp->n) qsort(sp->names, sp->n, sizeof *sp->names, by_name);
}

static const char *spool_next(np_server *s)
{
    spool_src *sp = s->source;
    if (!sp || s->stopping) return NULL;
    for (int round = 0; round < 2; round++) {
        while (sp->next < sp->n) {
            const char *name = sp->names[sp->next++];
            snprintf(sp->path, sizeof sp->path, "%s/%s", sp->dir, name);
            struct stat st;
            if (stat(sp->path, &st) == 0 && S_ISREG(st.st_mode)) {
                s->queued = sp->n - sp->next + 1;
                return sp->path;
            }
        }
        scan(s, sp);
    }
    s->queued = 0;
    return NULL;
}

static void on_event(uv_fs_event_t *h, const char *filename, int events, int status)
{
    (void)filename;
    (void)events;
    (void)status;
    np_server *s = h->data;
    s->batch_waiting(s);
}

static void on_poll(uv_timer_t *t)
{
    np_server *s = t->data;
    s->batch_waiting(s);
}

static int spool_start(np_server *s)
{
    spool_src *sp = calloc(1, sizeof *sp);
    if (!sp || !(sp->dir = strdup(s->sc->src_path))) {
        free(sp);
        return -1;
    }
    s->source = sp;
    uv_timer_init(s->loop, &sp->poll);
    sp->poll.data = s;
    uv_timer_start(&sp->poll, on_poll, POLL_MS, POLL_MS);
    if (uv_fs_event_init(s->loop, &sp->ev) == 0) {
        sp->ev.data = s;
        sp->ev_open = 1;
        if (uv_fs_event_start(&sp->ev, on_event, sp->dir, 0) != 0)
            np__serve_log(s, NP_LOG_INFO, "spool %s: no change notification; polling", sp->dir);
    }
    s->batch_waiting(s);
    return 0;
}

static void spool_stop(np_server *s, void (*done)(np_server *s))
{
    spool_src *sp = s->source;
    if (sp) {
        uv_timer_stop(&sp->poll);
        if (sp->ev_open) uv_fs_event_stop(&sp->ev);
    }
    done(s);
}

static void on_closed(uv_handle_t *h)
{
    spool_src *sp = h->data;
    if (h == (uv_handle_t *)&sp->poll) {
        free_names(sp);
        free(sp->dir);
        free(sp);
    }
}

static void spool_free(np_server *s)
{
    spool_src *sp = s->source;
    if (!sp) return;
    s->source = NULL;
    if (sp->ev_open) {
        sp->ev.data = sp;
        uv_close((uv_handle_t *)&sp->ev, NULL);
    }
    sp->poll.data = sp;
    uv_close((uv_handle_t *)&sp->poll, on_closed);
}

const np_source_ops np__source_spool = {
    .start = spool_start,
    .stop = spool_stop,
    .next = spool_next,
    .free = spool_free,
};
