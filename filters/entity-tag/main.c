/* newspipe-entity-tag: named entities (PER, ORG, LOC, MISC from a trained model; MONEY,
 * PERCENT, DATE from rules) added to each article as "entities". Subcommands: train (see
 * train.c) and eval (see eval.c); anything else runs the filter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "dev/acrlist.h"
#include "dev/clusters.h"
#include "dev/codedlist.h"
#include "datapath.h"
#include "dev/eval.h"
#include "exitcode.h"
#include "filter.h"
#include "json.h"
#include "labels.h"
#include "model.h"
#include "tagger.h"
#include "dev/train.h"

enum { OPT_MODEL = 256, OPT_TYPES, OPT_FIELDS, OPT_NO_LISTED };

typedef struct {
    const char *model_path;
    char *fields_storage;
    const char *fields[ETAG_MAX_FIELDS];
    int nfields;
    int order[ETAG_MAX_FIELDS]; /* field indices sorted by name, for the output order */
    unsigned types;
    etag_model model;
    etag_tagger tagger;
    np_buf out;
    unsigned long long tokens, entities; /* for --stats */
    double load_ms, load_cpu_ms;         /* wall and CPU time of loading the model */
} ctx_t;

static int on_option(void *vctx, int key, const char *arg)
{
    ctx_t *c = vctx;
    switch (key) {
    case OPT_MODEL: c->model_path = arg; return NP_EX_OK;
    case OPT_NO_LISTED: c->tagger.no_listed_org = 1; return NP_EX_OK;
    case OPT_FIELDS: {
        free(c->fields_storage);
        c->fields_storage = NULL;
        int n = np_split_list(arg, &c->fields_storage, c->fields, ETAG_MAX_FIELDS);
        if (n < 0) {
            np_error("--fields: expected a comma-separated list of up to %d field names",
                     ETAG_MAX_FIELDS);
            return NP_EX_USAGE;
        }
        const char *again = np_list_repeat(c->fields, n);
        if (again) { /* each field's entities would be written twice */
            np_error("--fields: '%s' given twice", again);
            return NP_EX_USAGE;
        }
        c->nfields = n;
        return NP_EX_OK;
    }
    case OPT_TYPES: {
        char *storage;
        const char *items[ETAG_NTYPES + 1];
        int n = np_split_list(arg, &storage, items, ETAG_NTYPES + 1);
        if (n < 0) {
            np_error("--types: expected a comma-separated list of PER,ORG,LOC,MISC,MONEY,"
                     "PERCENT,DATE");
            return NP_EX_USAGE;
        }
        unsigned t = 0;
        for (int i = 0; i < n; i++) {
            int ty = etag_type_parse(items[i], strlen(items[i]));
            if (ty < 0) {
                np_error("--types: unknown type %s (PER,ORG,LOC,MISC,MONEY,PERCENT,DATE)",
                         items[i]);
                free(storage);
                return NP_EX_USAGE;
            }
            t |= 1u << ty;
        }
        free(storage);
        c->types = t;
        return NP_EX_OK;
    }
    }
    return NP_EX_USAGE;
}

static int on_start(void *vctx)
{
    ctx_t *c = vctx;
    if (!c->nfields) {
        c->fields[0] = "title";
        c->fields[1] = "body";
        c->nfields = 2;
    }
    /* output order: by field name (insertion sort of at most 16) */
    for (int i = 0; i < c->nfields; i++) {
        int j = i;
        while (j > 0 && strcmp(c->fields[c->order[j - 1]], c->fields[i]) > 0) {
            c->order[j] = c->order[j - 1];
            j--;
        }
        c->order[j] = i;
    }
    c->tagger.types = c->types;
    /* the model is needed only for model types */
    if (!(c->types & ((1u << ETAG_NMODEL) - 1))) return NP_EX_OK;
    char path[4096], err[4200];
    if (!c->model_path) {
        if (np_data_path("entity-tag.model", path, sizeof path) < 0) {
            np_error("model not found (looked for %s; set --model FILE or NEWSPIPE_DATA)", path);
            return NP_EX_CONFIG;
        }
        c->model_path = path;
    }
    struct timespec t0, t1, c0, c1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    if (etag_model_open(&c->model, c->model_path, err, sizeof err) < 0) {
        np_error("%s", err);
        return NP_EX_CONFIG;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    c->load_cpu_ms =
        (double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
    c->load_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    c->model_path = NULL; /* path was a local buffer */
    c->tagger.model = &c->model;
    return NP_EX_OK;
}

static np_verdict on_record(void *vctx, np_record *rec)
{
    ctx_t *c = vctx;
    const char *texts[ETAG_MAX_FIELDS];
    size_t lens[ETAG_MAX_FIELDS];
    int present = 0;
    for (int f = 0; f < c->nfields; f++) {
        texts[f] = NULL;
        lens[f] = 0;
        np_field_status st = np_record_text(rec, c->fields[f], &texts[f], &lens[f]);
        if (st == NP_FIELD_WRONG_TYPE)
            return np_record_reject(rec, "field %s: expected a string", c->fields[f]);
        if (st == NP_FIELD_NOMEM) return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
        if (st != NP_FIELD_STRING)
            texts[f] = NULL;
        else
            present = 1;
    }
    if (!present) return NP_PASS;
    if (etag_tagger_run(&c->tagger, texts, lens, c->nfields) < 0)
        return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory (or a field over 4 GiB)");
    for (int f = 0; f < c->nfields; f++)
        if (texts[f]) c->tokens += c->tagger.toks[f].n;
    c->entities += c->tagger.nents;
    np_buf *o = &c->out;
    np_buf_clear(o);
    int bad = np_buf_putc(o, '[');
    int first = 1;
    const etag_tagger *t = &c->tagger;
    for (int k = 0; k < c->nfields; k++) {
        int f = c->order[k];
        for (size_t i = 0; i < t->nents; i++) {
            const etag_entity *e = &t->ents[i];
            if (e->field != f) continue;
            if (!first) bad |= np_buf_putc(o, ',');
            first = 0;
            bad |= np_buf_puts(o, "{\"text\":");
            bad |= np_json_put_string(o, texts[f] + e->bstart, e->bend - e->bstart);
            bad |= np_buf_printf(o, ",\"type\":\"%s\",\"field\":", etag_type_name(e->type));
            bad |= np_json_put_string(o, c->fields[f], strlen(c->fields[f]));
            bad |= np_buf_printf(o, ",\"start\":%u,\"end\":%u}", e->start, e->end);
        }
    }
    bad |= np_buf_putc(o, ']');
    if (bad || np_record_set(rec, "entities", o->data, o->len) < 0)
        return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
    return NP_EMIT;
}

static int on_finish(void *vctx, int status)
{
    ctx_t *c = vctx;
    etag_tagger_free(&c->tagger);
    etag_model_close(&c->model);
    np_buf_free(&c->out);
    free(c->fields_storage);
    c->fields_storage = NULL;
    return status;
}

static int on_stats(void *vctx, np_buf *out)
{
    ctx_t *c = vctx;
    return np_buf_printf(out,
                         ",\"tokens\":%llu,\"entities\":%llu,\"model_load_ms\":%.2f,"
                         "\"model_load_cpu_ms\":%.2f",
                         c->tokens, c->entities, c->load_ms, c->load_cpu_ms);
}

int main(int argc, char **argv)
{
    np_set_progname("newspipe-entity-tag");
    if (argc > 1 && strcmp(argv[1], "train") == 0) return etag_train_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "eval") == 0) return etag_eval_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "clusters") == 0) return etag_clusters_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "acronyms") == 0) return etag_acronyms_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "coded-names") == 0)
        return etag_coded_names_main(argc - 1, argv + 1);
    static const np_option options[] = {
        {"model", 1, OPT_MODEL, 0, "FILE",
         "model file (default: entity-tag.model from the data directory)"},
        {"types", 1, OPT_TYPES, 0, "LIST",
         "entity types to report: PER,ORG,LOC,MISC,MONEY,PERCENT,DATE (default: all)"},
        {"fields", 1, OPT_FIELDS, 0, "LIST",
         "text fields to tag, in document order "
         "(default: title,body)"},
        {"no-listed-names", 0, OPT_NO_LISTED, 0, NULL,
         "keep the model's type for one-word listed company names (no ORG correction)"},
        {NULL, 0, 0, 0, NULL, NULL},
    };
    static const np_filter filter = {
        .name = "entity-tag",
        .summary = "Add named entities (people, organizations, places, money, percentages, "
                   "dates) to each article. Also: 'train', 'eval', 'clusters', 'acronyms' and "
                   "'coded-names' subcommands.",
        .options = options,
        .option = on_option,
        .start = on_start,
        .record = on_record,
        .finish = on_finish,
        .stats = on_stats,
    };
    static ctx_t ctx;
    ctx.types = (1u << ETAG_NTYPES) - 1;
    return np_filter_main(&filter, &ctx, argc, argv);
}
