/* newspipe-summarize: adds an extractive summary of each article's body, "summary" (the
 * chosen sentences in article order, joined by one space) and "summary_spans" (their
 * code-point offsets in the body). The analysis is in analyse.c, the choice in score.c;
 * the weights file is read by model.c; this file is options, records and output.
 * `newspipe-summarize train` and `eval` are the development commands; they and what only
 * they use (the development sets, the ROUGE scorer, the oracle labels) are in dev/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "datapath.h"
#include "dev/eval.h"
#include "exitcode.h"
#include "analyse.h"
#include "filter.h"
#include "json.h"
#include "model.h"
#include "score.h"
#include "dev/train.h"

#define MAX_SENTENCES 100000
#define MAX_WORDS     100000

enum { OPT_SENTENCES = 256, OPT_WORDS, OPT_MAX_CHARS, OPT_METHOD, OPT_FIELDS, OPT_WEIGHTS };

static const np_option options[] = {
    {"sentences", 1, OPT_SENTENCES, 'n', "N",
     "at most N sentences per summary (default: the weights file's length)"},
    {"words", 1, OPT_WORDS, 0, "N",
     "about N words per summary, 0 for no target (default: the weights file's length)"},
    {"max-chars", 1, OPT_MAX_CHARS, 0, "N",
     "at most N characters (code points) per summary (default: no limit)"},
    {"method", 1, OPT_METHOD, 0, "NAME",
     "default (fitted scorer with redundancy removal) or lead (the first sentences; "
     "3 by default)"},
    {"fields", 1, OPT_FIELDS, 0, "TEXT[,TITLE]",
     "field to summarize and title field for the scorer (default body,title)"},
    {"weights", 1, OPT_WEIGHTS, 0, "FILE",
     "weights file (default summarize.weights in the data "
     "directory)"},
    {NULL, 0, 0, 0, NULL, NULL},
};

typedef struct {
    summ_limits limits;
    int have_sentences, have_words; /* given on the command line */
    summ_method method;
    char *fields_storage;
    const char *text_field, *title_field;
    const char *weights;
    summ_model model;
    summ_doc doc;
    summ_choice choice;
    np_buf text, json;
} summarizer;

static int on_option(void *ctx, int key, const char *arg)
{
    summarizer *z = ctx;
    uint64_t v;
    switch (key) {
    case OPT_SENTENCES:
        if (np_parse_uint(arg, 1, MAX_SENTENCES, &v) < 0) {
            np_error("--sentences: expected a number from 1 to %d, got '%s'", MAX_SENTENCES, arg);
            return NP_EX_USAGE;
        }
        z->limits.sentences = (size_t)v;
        z->have_sentences = 1;
        return NP_EX_OK;
    case OPT_WORDS:
        if (np_parse_uint(arg, 0, MAX_WORDS, &v) < 0) {
            np_error("--words: expected a number from 0 to %d, got '%s'", MAX_WORDS, arg);
            return NP_EX_USAGE;
        }
        z->limits.words = (size_t)v;
        z->have_words = 1;
        return NP_EX_OK;
    case OPT_MAX_CHARS:
        if (np_parse_uint(arg, 1, UINT32_MAX, &v) < 0) {
            np_error("--max-chars: expected a positive number, got '%s'", arg);
            return NP_EX_USAGE;
        }
        z->limits.chars = (size_t)v;
        return NP_EX_OK;
    case OPT_METHOD:
        if (strcmp(arg, "default") == 0)
            z->method = SUMM_METHOD_DEFAULT;
        else if (strcmp(arg, "lead") == 0)
            z->method = SUMM_METHOD_LEAD;
        else {
            np_error("--method: expected default or lead, got '%s'", arg);
            return NP_EX_USAGE;
        }
        return NP_EX_OK;
    case OPT_FIELDS: {
        const char *items[2];
        free(z->fields_storage);
        z->fields_storage = NULL;
        int n = np_split_list(arg, &z->fields_storage, items, 2);
        if (n < 1) {
            np_error("--fields: expected TEXT or TEXT,TITLE, got '%s'", arg);
            return NP_EX_USAGE;
        }
        z->text_field = items[0];
        z->title_field = n == 2 ? items[1] : NULL;
        return NP_EX_OK;
    }
    case OPT_WEIGHTS: z->weights = arg; return NP_EX_OK;
    }
    return NP_EX_USAGE;
}

/* The length: what the command line gave; the rest from the weights file for the default
 * method (the length its training chose), or LEAD-3 for the lead. One limit given alone
 * replaces both defaults: --sentences 5 gives five sentences whatever their length. */
static void set_limits(summarizer *z)
{
    summ_limits d = {3, 0, 0};
    if (z->method == SUMM_METHOD_DEFAULT)
        d.sentences = z->model.sentences, d.words = z->model.words;
    if (z->have_sentences && !z->have_words) d.words = 0;
    if (z->have_words && !z->have_sentences) d.sentences = 0;
    if (!z->have_sentences) z->limits.sentences = d.sentences;
    if (!z->have_words) z->limits.words = d.words;
}

static int on_start(void *ctx)
{
    summarizer *z = ctx;
    if (z->method == SUMM_METHOD_LEAD && !z->weights) {
        set_limits(z);
        return NP_EX_OK;
    }
    char path[4096], err[512];
    const char *p = z->weights;
    if (!p) {
        if (np_data_path("summarize.weights", path, sizeof path) < 0) {
            np_error("cannot find summarize.weights (last tried %s); give --weights FILE", path);
            return NP_EX_CONFIG;
        }
        p = path;
    }
    if (summ_model_load(&z->model, p, err, sizeof err) < 0) {
        np_error("%s", err);
        return NP_EX_CONFIG;
    }
    set_limits(z);
    return NP_EX_OK;
}

static np_verdict on_record(void *ctx, np_record *rec)
{
    summarizer *z = ctx;
    const char *s, *title = NULL;
    size_t n, tn = 0;
    switch (np_record_text(rec, z->text_field, &s, &n)) {
    case NP_FIELD_ABSENT: return NP_PASS;
    case NP_FIELD_WRONG_TYPE:
        return np_record_reject(rec, "field %s: expected a string", z->text_field);
    case NP_FIELD_NOMEM: return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
    case NP_FIELD_STRING: break;
    }
    if (z->title_field) {
        const char *t;
        size_t k;
        switch (np_record_text(rec, z->title_field, &t, &k)) {
        case NP_FIELD_ABSENT: break;
        case NP_FIELD_WRONG_TYPE:
            return np_record_reject(rec, "field %s: expected a string", z->title_field);
        case NP_FIELD_NOMEM: return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
        case NP_FIELD_STRING: title = t, tn = k; break;
        }
        /* the text field was decoded before the title: still valid, both live until the
         * next record */
    }
    if (summ_doc_analyse(&z->doc, s, n, title, tn) < 0 ||
        summ_choose(&z->doc, s, &z->model, z->method, &z->limits, &z->choice) < 0)
        return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");

    const summ_choice *c = &z->choice;
    int rc = 0;
    np_buf_clear(&z->text);
    for (size_t i = 0; i < c->n; i++) {
        if (i) rc |= np_buf_putc(&z->text, ' ');
        rc |= np_buf_append(&z->text, s + c->start[i], c->end[i] - c->start[i]);
    }
    np_buf_clear(&z->json);
    rc |= np_json_put_string(&z->json, z->text.data ? z->text.data : "", z->text.len);
    if (rc == 0 && np_record_set(rec, "summary", z->json.data, z->json.len) < 0) rc = -1;
    np_buf_clear(&z->json);
    rc |= np_buf_putc(&z->json, '[');
    for (size_t i = 0; i < c->n; i++) {
        rc |= np_buf_puts(&z->json, i ? ",[" : "[");
        rc |= np_buf_put_u64(&z->json, c->cp_start[i]);
        rc |= np_buf_putc(&z->json, ',');
        rc |= np_buf_put_u64(&z->json, c->cp_end[i]);
        rc |= np_buf_putc(&z->json, ']');
    }
    rc |= np_buf_putc(&z->json, ']');
    if (rc == 0 && np_record_set(rec, "summary_spans", z->json.data, z->json.len) < 0) rc = -1;
    if (rc) return np_record_fail(rec, NP_EX_SOFTWARE, "out of memory");
    return NP_EMIT;
}

static int on_finish(void *ctx, int status)
{
    summarizer *z = ctx;
    summ_doc_free(&z->doc);
    summ_choice_free(&z->choice);
    np_buf_free(&z->text);
    np_buf_free(&z->json);
    free(z->fields_storage);
    z->fields_storage = NULL;
    return status;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "train") == 0) {
        np_set_progname("newspipe-summarize train");
        return summ_train_main(argc - 1, argv + 1);
    }
    if (argc > 1 && strcmp(argv[1], "eval") == 0) {
        np_set_progname("newspipe-summarize eval");
        return summ_eval_main(argc - 1, argv + 1);
    }
    static const np_filter f = {
        .name = "summarize",
        .summary = "Add an extractive summary of each article: \"summary\" (chosen sentences in "
                   "article order)\nand \"summary_spans\" (their code-point offsets in the body).\n"
                   "Development commands: newspipe-summarize train --help, newspipe-summarize "
                   "eval --help.",
        .options = options,
        .option = on_option,
        .start = on_start,
        .record = on_record,
        .finish = on_finish,
    };
    static summarizer z = {
        .limits = {0, 0, 0},
        .method = SUMM_METHOD_DEFAULT,
        .text_field = "body",
        .title_field = "title",
    };
    int rc = np_filter_main(&f, &z, argc, argv);
    free(z.fields_storage);
    return rc;
}
