/* newspipe-ticker-link: links the companies an article talks about to their listings
 * (symbol, exchange MIC, RIC, issuer) with the evidence for each. The `import` subcommand
 * builds listings tables from public source files, `learn` name -> listing pairs from the
 * explicit codes in news (both in dev/). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cache.h"
#include "datapath.h"
#include "exitcode.h"
#include "filter.h"
#include "dev/import.h"
#include "dev/learn.h"
#include "link.h"
#include "listings.h"

enum {
    OPT_LISTINGS = 256,
    OPT_FIELDS,
    OPT_DATE_FIELD,
    OPT_SOURCE_FIELD,
    OPT_MAX_EVIDENCE,
    OPT_LOAD_TIME,
    OPT_NO_CACHE
};

#define MAX_LISTINGS 16

typedef struct {
    const char *listings[MAX_LISTINGS];
    int nlistings;
    char *fields_storage, *dates_storage;
    const char *fields[TL_MAX_FIELDS];
    int nfields;
    const char *dates[4];
    int ndates;
    const char *source_field;
    int max_evidence;
    int load_time, no_cache;
    tl_table table;
    tl_linker linker;
} ctx;

static int on_option(void *vc, int key, const char *arg)
{
    ctx *c = vc;
    uint64_t v;
    switch (key) {
    case OPT_LISTINGS:
        if (c->nlistings == MAX_LISTINGS) {
            np_error("--listings: at most %d files", MAX_LISTINGS);
            return NP_EX_USAGE;
        }
        c->listings[c->nlistings++] = arg;
        return NP_EX_OK;
    case OPT_FIELDS:
        free(c->fields_storage);
        c->nfields = np_split_list(arg, &c->fields_storage, c->fields, TL_MAX_FIELDS);
        if (c->nfields <= 0) {
            np_error("--fields: want a comma-separated list of at most %d names", TL_MAX_FIELDS);
            return NP_EX_USAGE;
        }
        if (np_list_repeat(c->fields, c->nfields)) { /* its mentions would count twice */
            np_error("--fields: '%s' given twice", np_list_repeat(c->fields, c->nfields));
            return NP_EX_USAGE;
        }
        return NP_EX_OK;
    case OPT_DATE_FIELD:
        free(c->dates_storage);
        c->ndates = np_split_list(arg, &c->dates_storage, c->dates, 4);
        if (c->ndates <= 0) {
            np_error("--date-field: want a comma-separated list of at most 4 names");
            return NP_EX_USAGE;
        }
        return NP_EX_OK;
    case OPT_SOURCE_FIELD: c->source_field = arg; return NP_EX_OK;
    case OPT_MAX_EVIDENCE:
        if (np_parse_uint(arg, 1, 1000, &v)) {
            np_error("--max-evidence: want a number from 1 to 1000");
            return NP_EX_USAGE;
        }
        c->max_evidence = (int)v;
        return NP_EX_OK;
    case OPT_LOAD_TIME: c->load_time = 1; return NP_EX_OK;
    case OPT_NO_CACHE: c->no_cache = 1; return NP_EX_OK;
    }
    return NP_EX_USAGE;
}

static double cpu_now(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* $NEWSPIPE_CACHE_DIR, else $XDG_CACHE_HOME/newspipe, else $HOME/.cache/newspipe; NULL when
 * none is set. The loader creates the directory when it can. */
static const char *cache_directory(char *buf, size_t len)
{
    const char *d = getenv("NEWSPIPE_CACHE_DIR");
    if (d && *d) return d;
    const char *x = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (x && *x)
        n = snprintf(buf, len, "%s/newspipe", x);
    else if (home && *home)
        n = snprintf(buf, len, "%s/.cache/newspipe", home);
    else
        return NULL;
    if (n < 0 || (size_t)n >= len) return NULL;
    return buf;
}

static int on_start(void *vc)
{
    ctx *c = vc;
    char path[4096];
    if (c->nlistings == 0) {
        if (np_data_path("listings.tsv", path, sizeof path)) {
            np_error("listings.tsv not found (last tried %s); use --listings FILE", path);
            return NP_EX_CONFIG;
        }
        c->listings[c->nlistings++] = path;
    }
    char err[512], dir[4096];
    const char *cache_dir = c->no_cache ? NULL : cache_directory(dir, sizeof dir);
    int cached = 0;
    double t0 = now(), c0 = cpu_now();
    if (tl_table_load_cached(&c->table, c->listings, (size_t)c->nlistings, cache_dir, &cached, err,
                             sizeof err)) {
        np_error("%s", err);
        return NP_EX_CONFIG;
    }
    if (c->load_time)
        fprintf(
            stderr,
            "listings: %zu issuers, %zu listings, %zu names loaded in %.1f ms (%.1f ms CPU)%s\n",
            c->table.n_iss, c->table.n_lst, c->table.names.n_alias, (now() - t0) * 1e3,
            (cpu_now() - c0) * 1e3, cached ? " from the cache" : "");
    if (c->listings[c->nlistings - 1] == path) c->nlistings--; /* path is on our stack */
    tl_linker_init(&c->linker, &c->table);
    if (c->nfields) {
        for (int i = 0; i < c->nfields; i++) c->linker.fields[i] = c->fields[i];
        c->linker.nfields = c->nfields;
    }
    if (c->ndates) {
        for (int i = 0; i < c->ndates; i++) c->linker.date_fields[i] = c->dates[i];
        c->linker.ndate_fields = c->ndates;
    }
    if (c->source_field) c->linker.source_field = *c->source_field ? c->source_field : NULL;
    if (c->max_evidence) c->linker.max_evidence = c->max_evidence;
    return NP_EX_OK;
}

static np_verdict on_record(void *vc, np_record *rec)
{
    ctx *c = vc;
    return tl_link_record(&c->linker, rec);
}

static int on_finish(void *vc, int status)
{
    ctx *c = vc;
    tl_linker_free(&c->linker);
    tl_table_free(&c->table);
    return status;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "import") == 0) {
        np_set_progname("newspipe-ticker-link import");
        return tl_import_main(argc - 1, argv + 1);
    }
    if (argc > 1 && strcmp(argv[1], "learn") == 0) {
        np_set_progname("newspipe-ticker-link learn");
        return tl_learn_main(argc - 1, argv + 1);
    }
    static const np_option options[] = {
        {"listings", 1, OPT_LISTINGS, 'l', "FILE",
         "listings table (repeatable; default: listings.tsv in the data directory)"},
        {"fields", 1, OPT_FIELDS, 0, "LIST", "text fields to read (default title,body)"},
        {"date-field", 1, OPT_DATE_FIELD, 0, "LIST",
         "fields holding the article's date (default published,date)"},
        {"source-field", 1, OPT_SOURCE_FIELD, 0, "NAME",
         "field naming the publisher, whose own names are not linked (default source)"},
        {"max-evidence", 1, OPT_MAX_EVIDENCE, 0, "N", "evidence items per listing (default 10)"},
        {"load-time", 0, OPT_LOAD_TIME, 0, NULL, "print the listings load time on stderr"},
        {"no-cache", 0, OPT_NO_CACHE, 0, NULL,
         "parse the listings text every time (no binary cache in the cache directory)"},
        {NULL, 0, 0, 0, NULL, NULL},
    };
    static const np_filter filter = {
        .name = "ticker-link",
        .summary = "Link the companies an article mentions to their listings, with evidence.",
        .options = options,
        .option = on_option,
        .start = on_start,
        .record = on_record,
        .finish = on_finish,
    };
    static ctx c;
    int rc = np_filter_main(&filter, &c, argc, argv);
    free(c.fields_storage);
    free(c.dates_storage);
    return rc;
}
