/* Reading a pipeline file with libyaml's document API. Node marks give every error its
 * line and column; all shape errors are collected, not just the first. */
#include "pipeline.h"

#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "cli.h"
#include "diagcap.h"
#include "exitcode.h"
#include "findprog.h"
#include "serve_conf.h"
#include "yaml.h"

typedef struct {
    yaml_document_t *doc;
    np_diag *d;
    np_pipeline *p;
} loader;

static void nomem(loader *L)
{
    L->d->nomem = 1;
}

/* Where a ${NAME} stands in a shell command line, which decides how its value is quoted so
 * that the shell reads it as text (part of one word), never as code. */
typedef enum { SH_NONE, SH_OUT, SH_SQ, SH_DQ } sh_context;

/* Appends value n bytes at v as written in context q: plain outside a shell line; in single
 * quotes with ' as '\''; in double quotes with $ ` " \ backslashed; elsewhere as a
 * single-quoted word. */
static int put_value(np_buf *out, sh_context q, const char *v, size_t n)
{
    if (q == SH_NONE) return np_buf_append(out, v, n);
    if (q == SH_OUT && np_buf_putc(out, '\'') < 0) return -1;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        int rc;
        if (c == '\'' && q != SH_DQ)
            rc = np_buf_puts(out, "'\\''");
        else if (q == SH_DQ && c && strchr("$`\"\\", c))
            rc = np_buf_putc(out, '\\') < 0 ? -1 : np_buf_putc(out, c);
        else
            rc = np_buf_putc(out, c);
        if (rc < 0) return -1;
    }
    return q == SH_OUT ? np_buf_putc(out, '\'') : 0;
}

/* The shell's quoting context at the end of s[0, n), from context q (plain quotes and
 * backslashes: the callers refuse lines with the nested forms). *escaped: the last character
 * is a backslash that quotes whatever comes next. */
static sh_context sh_scan(sh_context q, const char *s, size_t n, int *escaped)
{
    *escaped = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (q == SH_SQ) {
            if (c == '\'') q = SH_OUT;
        } else if (c == '\\') {
            if (++i == n) *escaped = 1; /* the next character is quoted */
        } else if (c == '"') {
            q = q == SH_DQ ? SH_OUT : SH_DQ;
        } else if (c == '\'' && q == SH_OUT) {
            q = SH_SQ;
        }
    }
    return q;
}

/* Expands ${NAME} and ${NAME:-default} from the environment. In a shell command line (shell
 * set) a value is pasted as text the shell cannot split or run: quoted for the context it
 * stands in (put_value), and refused where that context cannot be known from the quotes
 * alone ($(...), `...`, here-documents). Returns a copy the caller frees, or NULL after
 * recording an error. */
static char *expand_in(loader *L, const yaml_node_t *n, int shell)
{
    const char *s = np__yaml_text(n);
    if (strlen(s) != n->data.scalar.length) {
        np__diag_add(L->d, np__yaml_mark(n), NP_EX_CONFIG, "a NUL byte in a value");
        return NULL;
    }
    if (!strstr(s, "${")) {
        char *c = strdup(s);
        if (!c) nomem(L);
        return c;
    }
    if (shell && (strstr(s, "$(") || strchr(s, '`') || strstr(s, "<<"))) {
        np__diag_add(L->d, np__yaml_mark(n), NP_EX_CONFIG,
                     "${...} in a shell command line with $(...), `...` or a here-document: "
                     "the runner cannot quote the value safely there; use the list form "
                     "run: [program, arg, ...], or $NAME, which the shell expands itself");
        return NULL;
    }
    sh_context q = shell ? SH_OUT : SH_NONE;
    np_buf out = {0};
    while (*s) {
        const char *dollar = strstr(s, "${");
        if (!dollar) {
            if (np_buf_puts(&out, s) < 0) goto oom;
            break;
        }
        if (np_buf_append(&out, s, (size_t)(dollar - s)) < 0) goto oom;
        int escaped = 0;
        if (shell) q = sh_scan(q, s, (size_t)(dollar - s), &escaped);
        if (escaped) {
            np__diag_add(L->d, np__yaml_mark(n), NP_EX_CONFIG,
                         "a backslash before ${...} in a shell command line: the runner cannot "
                         "quote the value safely there");
            np_buf_free(&out);
            return NULL;
        }
        const char *name = dollar + 2, *end = name;
        while (isalnum((unsigned char)*end) || *end == '_') end++;
        const char *close = strchr(end, '}');
        int has_default = end[0] == ':' && end[1] == '-';
        if (end == name || isdigit((unsigned char)*name) || !close ||
            (!has_default && end != close)) {
            np__diag_add(L->d, np__yaml_mark(n), NP_EX_CONFIG,
                         "bad variable reference in '%s': use ${NAME} or ${NAME:-default}",
                         np__yaml_text(n));
            np_buf_free(&out);
            return NULL;
        }
        char var[128];
        size_t vlen = (size_t)(end - name);
        if (vlen >= sizeof var) vlen = sizeof var - 1;
        memcpy(var, name, vlen);
        var[vlen] = '\0';
        const char *val = getenv(var);
        if (val && !*val && has_default) val = NULL; /* ":-" also replaces an empty value */
        if (val) {
            if (put_value(&out, q, val, strlen(val)) < 0) goto oom;
        } else if (has_default) {
            if (put_value(&out, q, end + 2, (size_t)(close - end - 2)) < 0) goto oom;
        } else {
            np__diag_add(L->d, np__yaml_mark(n), NP_EX_CONFIG,
                         "environment variable %s is not set (write ${%s:-default} to give a "
                         "default)",
                         var, var);
            np_buf_free(&out);
            return NULL;
        }
        s = close + 1;
    }
    if (!out.data && np_buf_puts(&out, "") < 0) goto oom;
    return out.data;
oom:
    np_buf_free(&out);
    nomem(L);
    return NULL;
}

static char *expand(loader *L, const yaml_node_t *n)
{
    return expand_in(L, n, 0);
}

/* A string value (a non-null scalar), expanded. NULL after recording an error. */
static char *get_string(loader *L, const yaml_node_t *n, const char *key)
{
    if (n->type != YAML_SCALAR_NODE || np__yaml_is_null(n)) {
        np__diag_add(L->d, np__yaml_mark(n), NP_EX_CONFIG, "'%s' must be a string, not %s", key,
                     np__yaml_kind(n));
        return NULL;
    }
    return expand(L, n);
}

static char *get_path(loader *L, const yaml_node_t *n, const char *key)
{
    char *s = get_string(L, n, key);
    if (!s) return NULL;
    if (!*s) {
        np__diag_add(L->d, np__yaml_mark(n), NP_EX_CONFIG, "'%s' is empty", key);
        free(s);
        return NULL;
    }
    char *full = np__path_join(L->p->dir, s);
    free(s);
    if (!full) nomem(L);
    return full;
}

static void load_inputs(loader *L, const yaml_node_t *n)
{
    np_pipeline *p = L->p;
    p->input_mark = np__yaml_mark(n);
    if (n->type == YAML_SEQUENCE_NODE) {
        size_t count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
        if (count == 0) {
            np__diag_add(L->d, np__yaml_mark(n), NP_EX_CONFIG, "'input' is an empty list");
            return;
        }
        p->inputs = calloc(count, sizeof *p->inputs);
        p->input_marks = calloc(count, sizeof *p->input_marks);
        if (!p->inputs || !p->input_marks) return nomem(L);
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++) {
            const yaml_node_t *item = yaml_document_get_node(L->doc, *it);
            char *s = get_path(L, item, "input");
            if (!s) continue;
            p->input_marks[p->ninputs] = np__yaml_mark(item);
            p->inputs[p->ninputs++] = s;
        }
        return;
    }
    char *s = get_path(L, n, "input");
    if (!s) return;
    p->inputs = calloc(1, sizeof *p->inputs);
    if (!p->inputs) {
        free(s);
        return nomem(L);
    }
    p->inputs[p->ninputs++] = s;
}

/* Joins a list of scalars with commas (the filters' list syntax). */
static char *join_list(loader *L, const yaml_node_t *n, const char *key)
{
    np_buf out = {0};
    int bad = 0;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
         it++) {
        const yaml_node_t *item = yaml_document_get_node(L->doc, *it);
        char *s =
            item->type == YAML_SCALAR_NODE && !np__yaml_is_null(item) ? expand(L, item) : NULL;
        if (!s) {
            if (item->type != YAML_SCALAR_NODE || np__yaml_is_null(item))
                np__diag_add(L->d, np__yaml_mark(item), NP_EX_CONFIG,
                             "items of '%s' must be strings, not %s", key, np__yaml_kind(item));
            bad = 1;
            continue;
        }
        if (strchr(s, ',')) {
            np__diag_add(L->d, np__yaml_mark(item), NP_EX_CONFIG,
                         "an item of '%s' contains a comma (lists are passed comma-joined)", key);
            bad = 1;
        }
        if ((out.len && np_buf_putc(&out, ',') < 0) || np_buf_puts(&out, s) < 0) {
            free(s);
            np_buf_free(&out);
            nomem(L);
            return NULL;
        }
        free(s);
    }
    if (bad) {
        np_buf_free(&out);
        return NULL;
    }
    if (!out.data && np_buf_puts(&out, "") < 0) {
        nomem(L);
        return NULL;
    }
    return out.data;
}

/* The stage's options from a mapping, in file order; the key skip (or none when NULL) is not
 * one. */
static void load_options(loader *L, np_stage *st, const yaml_node_t *map, const char *skip)
{
    size_t count = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
    if (!count) return;
    st->opts = calloc(count, sizeof *st->opts);
    if (!st->opts) return nomem(L);
    for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top;
         pr++) {
        const yaml_node_t *k = yaml_document_get_node(L->doc, pr->key);
        const yaml_node_t *v = yaml_document_get_node(L->doc, pr->value);
        if (k->type != YAML_SCALAR_NODE || np__yaml_is_null(k)) {
            np__diag_add(L->d, np__yaml_mark(k), NP_EX_CONFIG, "an option name must be a string");
            continue;
        }
        const char *key = np__yaml_text(k);
        if (skip && !strcmp(key, skip)) continue;
        int dup = 0;
        for (size_t i = 0; i < st->nopts; i++)
            if (!strcmp(st->opts[i].key, key)) dup = 1;
        if (dup) {
            np__diag_add(L->d, np__yaml_mark(k), NP_EX_CONFIG, "option '%s' is given twice", key);
            continue;
        }
        np_stage_option o = {.key_mark = np__yaml_mark(k), .value_mark = np__yaml_mark(v)};
        if (v->type == YAML_MAPPING_NODE) {
            np__diag_add(L->d, np__yaml_mark(v), NP_EX_CONFIG,
                         "option '%s' must be a string, a number, true/false or a list, not a "
                         "mapping",
                         key);
            continue;
        } else if (v->type == YAML_SEQUENCE_NODE) {
            o.kind = NP_VAL_LIST;
            if (!(o.value = join_list(L, v, key))) continue;
        } else if (np__yaml_is_null(v)) {
            o.kind = NP_VAL_NULL;
        } else if (np__yaml_is_true(v)) {
            o.kind = NP_VAL_TRUE;
        } else if (np__yaml_is_false(v)) {
            o.kind = NP_VAL_FALSE;
        } else {
            o.kind = NP_VAL_STRING;
            if (!(o.value = expand(L, v))) continue;
        }
        if (!(o.key = strdup(key))) {
            free(o.value);
            return nomem(L);
        }
        st->opts[st->nopts++] = o;
    }
}

static void load_run(loader *L, np_stage *st, const yaml_node_t *v)
{
    if (v->type == YAML_MAPPING_NODE) {
        /* run: {argv: COMMAND, workers: N}: the command, and the runner's options for the
         * stage (check.c says which it takes). */
        const yaml_node_t *cmd = NULL;
        for (yaml_node_pair_t *pr = v->data.mapping.pairs.start; pr < v->data.mapping.pairs.top;
             pr++) {
            const yaml_node_t *k = yaml_document_get_node(L->doc, pr->key);
            if (k->type == YAML_SCALAR_NODE && !strcmp(np__yaml_text(k), "argv"))
                cmd = yaml_document_get_node(L->doc, pr->value);
        }
        if (!cmd || cmd->type == YAML_MAPPING_NODE) {
            np__diag_add(L->d, np__yaml_mark(cmd ? cmd : v), NP_EX_CONFIG,
                         "'run' as a mapping needs 'argv', the command: a list [program, arg, "
                         "...] or a shell command string");
            return;
        }
        load_options(L, st, v, "argv");
        load_run(L, st, cmd);
        return;
    }
    if (v->type == YAML_SCALAR_NODE && !np__yaml_is_null(v)) {
        /* A string is a shell command line. */
        char *line = expand_in(L, v, 1);
        if (!line) return;
        st->cmd = calloc(4, sizeof *st->cmd);
        st->cmd_marks = calloc(3, sizeof *st->cmd_marks);
        if (!st->cmd || !st->cmd_marks || !(st->cmd[0] = strdup("sh")) ||
            !(st->cmd[1] = strdup("-c"))) {
            free(line);
            return nomem(L);
        }
        st->cmd[2] = line;
        st->ncmd = 3;
        for (int i = 0; i < 3; i++) st->cmd_marks[i] = np__yaml_mark(v);
        return;
    }
    size_t count = v->type == YAML_SEQUENCE_NODE
                       ? (size_t)(v->data.sequence.items.top - v->data.sequence.items.start)
                       : 0;
    if (count == 0) {
        np__diag_add(L->d, np__yaml_mark(v), NP_EX_CONFIG,
                     "'run' needs a command: a list [program, arg, ...] or a shell command "
                     "string");
        return;
    }
    st->cmd = calloc(count + 1, sizeof *st->cmd);
    st->cmd_marks = calloc(count, sizeof *st->cmd_marks);
    if (!st->cmd || !st->cmd_marks) return nomem(L);
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
         it++) {
        const yaml_node_t *item = yaml_document_get_node(L->doc, *it);
        if (item->type != YAML_SCALAR_NODE) {
            np__diag_add(L->d, np__yaml_mark(item), NP_EX_CONFIG,
                         "arguments of 'run' must be strings, not %s", np__yaml_kind(item));
            continue;
        }
        char *s = expand(L, item);
        if (!s) continue;
        st->cmd_marks[st->ncmd] = np__yaml_mark(item);
        st->cmd[st->ncmd++] = s;
    }
}

static const char STAGE_FORMS[] =
    "a stage is a filter name, 'NAME: {option: value, ...}' or 'run: [program, arg, ...]'";

static void load_stage(loader *L, const yaml_node_t *n, size_t index)
{
    np_pipeline *p = L->p;
    np_stage *st = &p->stages[p->nstages];
    memset(st, 0, sizeof *st);
    const yaml_node_t *k = NULL, *v = NULL;
    if (n->type == YAML_SCALAR_NODE && !np__yaml_is_null(n)) {
        k = n;
    } else if (n->type == YAML_MAPPING_NODE &&
               n->data.mapping.pairs.top > n->data.mapping.pairs.start) {
        yaml_node_pair_t *pr = n->data.mapping.pairs.start;
        k = yaml_document_get_node(L->doc, pr->key);
        v = yaml_document_get_node(L->doc, pr->value);
        for (pr++; pr < n->data.mapping.pairs.top; pr++) {
            const yaml_node_t *extra = yaml_document_get_node(L->doc, pr->key);
            np__diag_add(L->d, np__yaml_mark(extra), NP_EX_CONFIG,
                         "stage %zu has a second key '%s': a stage has exactly one key (indent "
                         "a filter's options under its name)",
                         index + 1, extra->type == YAML_SCALAR_NODE ? np__yaml_text(extra) : "?");
        }
    } else {
        np__diag_add(L->d, np__yaml_mark(n), NP_EX_CONFIG, "stage %zu is %s: %s", index + 1,
                     np__yaml_kind(n), STAGE_FORMS);
        return;
    }
    if (k->type != YAML_SCALAR_NODE || np__yaml_is_null(k)) {
        np__diag_add(L->d, np__yaml_mark(k), NP_EX_CONFIG, "stage %zu: %s", index + 1, STAGE_FORMS);
        return;
    }
    const char *name = np__yaml_text(k);
    st->mark = np__yaml_mark(k);
    if (!(st->name = strdup(name))) return nomem(L);
    p->nstages++;
    if (!strcmp(name, "run")) {
        st->kind = NP_STAGE_RUN;
        if (!v) {
            np__diag_add(L->d, np__yaml_mark(k), NP_EX_CONFIG,
                         "'run' needs a command: 'run: [program, arg, ...]'");
            return;
        }
        load_run(L, st, v);
        return;
    }
    st->kind = NP_STAGE_FILTER;
    if (!np__filter_name_ok(name)) {
        np__diag_add(L->d, np__yaml_mark(k), NP_EX_CONFIG,
                     "'%s' is not a filter name (lower-case letters, digits and '-'; use "
                     "'run: [...]' for other programs)",
                     name);
        return;
    }
    if (!v || np__yaml_is_null(v)) return;
    if (v->type != YAML_MAPPING_NODE) {
        np__diag_add(L->d, np__yaml_mark(v), NP_EX_CONFIG,
                     "the options of '%s' must be a mapping (option: value), not %s", name,
                     np__yaml_kind(v));
        return;
    }
    load_options(L, st, v, NULL);
}

static void load_stages(loader *L, const yaml_node_t *n)
{
    np_pipeline *p = L->p;
    if (n->type != YAML_SEQUENCE_NODE) {
        np__diag_add(L->d, np__yaml_mark(n), NP_EX_CONFIG, "'stages' must be a list, not %s",
                     np__yaml_kind(n));
        return;
    }
    size_t count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    if (!count) {
        np__diag_add(L->d, np__yaml_mark(n), NP_EX_CONFIG, "'stages' is empty");
        return;
    }
    if (!(p->stages = calloc(count, sizeof *p->stages))) return nomem(L);
    size_t i = 0;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
         it++, i++)
        load_stage(L, yaml_document_get_node(L->doc, *it), i);
}

static const char TOP_KEYS[] = "version, name, description, input, output, reject, lock, "
                               "shutdown_timeout, max_diagnostics, stages, " NP_SERVE_TOP_KEYS;

/* The loader's readers, lent to newspipe serve's keys (serve_conf.h). */
static char *reader_string(void *ctx, const yaml_node_t *n, const char *key)
{
    return get_string(ctx, n, key);
}

static char *reader_path(void *ctx, const yaml_node_t *n, const char *key)
{
    return get_path(ctx, n, key);
}

/* A path that must name a file, not "-" (why: the diagnostic otherwise), or NULL. */
static char *get_file(loader *L, const yaml_node_t *v, const char *key, const char *why)
{
    char *path = get_path(L, v, key);
    if (path && !strcmp(path, "-")) {
        np__diag_add(L->d, np__yaml_mark(v), NP_EX_CONFIG, "%s", why);
        free(path);
        path = NULL;
    }
    return path;
}

static void load_shutdown(loader *L, const yaml_node_t *v, const char *key)
{
    char *s = get_string(L, v, key);
    int64_t ms;
    if (s && np_parse_duration_ms(s, &ms) == 0)
        L->p->shutdown_ms = ms;
    else if (s)
        np__diag_add(L->d, np__yaml_mark(v), NP_EX_CONFIG,
                     "'shutdown_timeout' must be a duration like 10s, 1500ms or 2m, not '%s'", s);
    free(s);
}

static void load_max_diagnostics(loader *L, const yaml_node_t *v, const char *key)
{
    np_pipeline *p = L->p;
    char *s = get_string(L, v, key);
    if (s && np_parse_uint(s, 0, UINT64_MAX, &p->max_diag) == 0) {
        free(p->max_diag_arg);
        p->max_diag_arg = s;
        s = NULL;
    } else if (s) {
        np__diag_add(L->d, np__yaml_mark(v), NP_EX_CONFIG,
                     "'max_diagnostics' must be a whole number (0: no cap), not '%s'", s);
    }
    free(s);
}

static void load_top(loader *L, const yaml_node_t *root)
{
    np_pipeline *p = L->p;
    if (root->type != YAML_MAPPING_NODE) {
        np__diag_add(L->d, np__yaml_mark(root), NP_EX_CONFIG,
                     "a pipeline file is a mapping with the keys %s; this is %s", TOP_KEYS,
                     np__yaml_kind(root));
        return;
    }
    int have_stages = 0;
    const char *seen[16];
    size_t nseen = 0;
    for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top;
         pr++) {
        const yaml_node_t *k = yaml_document_get_node(L->doc, pr->key);
        const yaml_node_t *v = yaml_document_get_node(L->doc, pr->value);
        if (k->type != YAML_SCALAR_NODE) {
            np__diag_add(L->d, np__yaml_mark(k), NP_EX_CONFIG, "a key must be a string");
            continue;
        }
        const char *key = np__yaml_text(k);
        int dup = 0;
        for (size_t i = 0; i < nseen; i++)
            if (!strcmp(seen[i], key)) dup = 1;
        if (dup) {
            np__diag_add(L->d, np__yaml_mark(k), NP_EX_CONFIG, "'%s' is given twice", key);
            continue;
        }
        if (nseen < sizeof seen / sizeof *seen) seen[nseen++] = key;
        np_yaml_reader serve_reader = {L->doc, L->d, reader_string, reader_path, L};
        if (np__serve_conf_key(&p->serve, &serve_reader, k, v)) {
            /* input/output as mappings, state_dir, batch, metrics: newspipe serve's keys */
        } else if (!strcmp(key, "version")) {
            /* ${VAR} is replaced here too, as in any value */
            int scalar = v->type == YAML_SCALAR_NODE;
            char *s = scalar ? expand(L, v) : NULL;
            if (scalar && !s) continue; /* expand said why */
            if (!s || strcmp(s, "1") != 0)
                np__diag_add(L->d, np__yaml_mark(v), NP_EX_CONFIG,
                             "unsupported version '%s': this newspipe reads version 1",
                             s ? s : np__yaml_kind(v));
            free(s);
        } else if (!strcmp(key, "name")) {
            char *s = get_string(L, v, key);
            if (s) {
                free(p->name);
                p->name = s;
            }
        } else if (!strcmp(key, "description")) {
            if (v->type != YAML_SCALAR_NODE)
                np__diag_add(L->d, np__yaml_mark(v), NP_EX_CONFIG,
                             "'description' must be a string");
        } else if (!strcmp(key, "input")) {
            load_inputs(L, v);
        } else if (!strcmp(key, "output")) {
            p->output_mark = np__yaml_mark(v);
            char *s = get_path(L, v, key);
            if (s) {
                free(p->output);
                p->output = s;
            }
        } else if (!strcmp(key, "reject")) {
            p->reject_mark = np__yaml_mark(v);
            p->reject = get_file(L, v, key,
                                 "'reject' must be a file path ('-' would mix rejects "
                                 "into the output)");
        } else if (!strcmp(key, "lock")) {
            p->lock_mark = np__yaml_mark(v);
            p->lock = get_file(L, v, key, "'lock' must be a file path");
        } else if (!strcmp(key, "shutdown_timeout")) {
            load_shutdown(L, v, key);
        } else if (!strcmp(key, "max_diagnostics")) {
            load_max_diagnostics(L, v, key);
        } else if (!strcmp(key, "stages")) {
            have_stages = 1;
            load_stages(L, v);
        } else {
            np__diag_add(L->d, np__yaml_mark(k), NP_EX_CONFIG,
                         "unknown key '%s' (the keys are: %s)", key, TOP_KEYS);
        }
    }
    if (!have_stages)
        np__diag_add(L->d, np__yaml_mark(root), NP_EX_CONFIG, "the pipeline has no 'stages'");
}

/* The name a pipeline gets when it has no `name:`: the file name without .yaml/.yml. */
static char *default_name(const char *file)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(base);
    if (n > 5 && !strcmp(base + n - 5, ".yaml"))
        n -= 5;
    else if (n > 4 && !strcmp(base + n - 4, ".yml"))
        n -= 4;
    return strndup(base, n);
}

/* Whether line (0-based) of file reads "key: -" with the dash at col: the usual reason for
 * "block sequence entries are not allowed", which deserves a hint. */
static int dash_value(const char *file, size_t line, size_t col)
{
    FILE *f = fopen(file, "rb");
    if (!f) return 0;
    char buf[1024];
    size_t n = 0;
    int found = 0;
    while (fgets(buf, sizeof buf, f)) {
        size_t len = strlen(buf);
        int whole = len && buf[len - 1] == '\n';
        if (n != line) {
            n += whole; /* a longer line takes several fgets calls */
            continue;
        }
        if (col < len && buf[col] == '-' &&
            (isspace((unsigned char)buf[col + 1]) || !buf[col + 1])) {
            size_t k = col;
            while (k > 0 && buf[k - 1] == ' ') k--;
            found = k > 0 && buf[k - 1] == ':';
        }
        break;
    }
    fclose(f);
    return found;
}

int np__pipeline_load(np_pipeline *p, const char *file, np_diag *d)
{
    memset(p, 0, sizeof *p);
    p->shutdown_ms = NP_DEFAULT_SHUTDOWN_MS;
    p->max_diag = NP_DIAGCAP_DEFAULT;
    np_mark nowhere = {0, 0};
    if (!(p->file = strdup(file)) || !(p->output = strdup("-"))) {
        d->nomem = 1;
        return -1;
    }
    np_buf text = {0};
    int read = np__yaml_read(file, NP_YAML_MAX_PIPELINE, &text, d);
    if (read == -1)
        np__diag_add(d, nowhere, NP_EX_NOINPUT, "cannot open the pipeline file: %s",
                     strerror(errno));
    if (read < 0) {
        np_buf_free(&text);
        return -1;
    }
    char *copy = strdup(file);
    char resolved[PATH_MAX];
    if (!copy || !realpath(dirname(copy), resolved) || !(p->dir = strdup(resolved))) {
        np__diag_add(d, nowhere, NP_EX_NOINPUT, "cannot resolve the pipeline's directory: %s",
                     strerror(errno));
        free(copy);
        np_buf_free(&text);
        return -1;
    }
    free(copy);

    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) {
        np_buf_free(&text);
        d->nomem = 1;
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text.data, text.len);
    int rc = 0;
    if (!yaml_parser_load(&parser, &doc)) {
        np_mark m = {(unsigned)parser.problem_mark.line + 1,
                     (unsigned)parser.problem_mark.column + 1};
        if (parser.context)
            np__diag_add(d, m, NP_EX_CONFIG, "YAML syntax: %s (%s at line %u column %u)",
                         parser.problem ? parser.problem : "error", parser.context,
                         (unsigned)parser.context_mark.line + 1,
                         (unsigned)parser.context_mark.column + 1);
        else
            np__diag_add(d, m, NP_EX_CONFIG, "YAML syntax: %s",
                         parser.problem ? parser.problem : "error");
        if (dash_value(file, parser.problem_mark.line, parser.problem_mark.column))
            np__diag_add(d, m, NP_EX_CONFIG,
                         "a lone - starts a list in YAML: write \"-\" in quotes for standard "
                         "input or output");
        rc = -1;
    } else {
        yaml_node_t *root = yaml_document_get_root_node(&doc);
        if (!root) {
            np__diag_add(d, (np_mark){1, 1}, NP_EX_CONFIG, "the pipeline file is empty");
        } else {
            loader L = {&doc, d, p};
            load_top(&L, root);
        }
        yaml_document_delete(&doc);
        np__yaml_one_document(&parser, d);
    }
    yaml_parser_delete(&parser);
    np_buf_free(&text);
    if (!p->name && !(p->name = default_name(file))) d->nomem = 1;
    if (!p->inputs && rc == 0) {
        p->inputs = calloc(1, sizeof *p->inputs);
        if (!p->inputs || !(p->inputs[0] = strdup("-")))
            d->nomem = 1;
        else
            p->ninputs = 1;
    }
    return rc;
}

static void free_strv(char **v, size_t n)
{
    if (!v) return;
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

void np__pipeline_free(np_pipeline *p)
{
    for (size_t i = 0; i < p->nstages; i++) {
        np_stage *st = &p->stages[i];
        free(st->name);
        for (size_t j = 0; j < st->nopts; j++) {
            free(st->opts[j].key);
            free(st->opts[j].value);
        }
        free(st->opts);
        free_strv(st->cmd, st->ncmd);
        free(st->cmd_marks);
        free(st->label);
        free(st->exe);
        free_strv(st->argv, st->argc);
        free(st->state_file);
    }
    free(p->stages);
    free_strv(p->inputs, p->ninputs);
    free(p->input_marks);
    free(p->file);
    free(p->dir);
    free(p->name);
    free(p->output);
    free(p->reject);
    free(p->lock);
    free(p->max_diag_arg);
    np__serve_conf_free(p->serve);
    memset(p, 0, sizeof *p);
}
