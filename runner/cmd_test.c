/* `newspipe test FILE`: runs the cases of FILE's test file (news.yaml -> news.test.yaml)
 * through the pipeline, each in a fresh temporary directory (its own state, rejects and
 * output; no lock), and prints TAP. A case gives input lines and the expected output lines,
 * or for each output line the JSON members it must contain (and the fields every line must
 * have, optionally with a JSON pattern their values must include). */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "atomicfile.h"
#include "buf.h"
#include "check.h"
#include "cli.h"
#include "commands.h"
#include "diag.h"
#include "execute.h"
#include "exitcode.h"
#include "json.h"
#include "pipeline.h"
#include "yaml.h"

typedef struct {
    char *name;
    np_buf input;  /* the input lines, each ending in \n */
    np_buf output; /* the expected lines, each ending in \n */
    int has_output;
    char **contains; /* expected members, one JSON object per output line */
    size_t ncontains;
    int has_contains;
    char **fields;   /* members every output line must have */
    char **patterns; /* per field: JSON its value must include (see includes()), or NULL */
    size_t nfields;
    int exit_code;
    long rejects; /* expected number of rejected records, or -1 */
} test_case;

typedef struct {
    test_case *t;
    size_t n;
} test_file;

/* A block of lines: a string (its lines) or a list of strings (one line each). */
static int get_lines(yaml_document_t *doc, const yaml_node_t *n, np_buf *out, np_diag *d,
                     const char *key)
{
    if (n->type == YAML_SCALAR_NODE) {
        const char *s = (const char *)n->data.scalar.value;
        size_t len = n->data.scalar.length;
        if (np_buf_append(out, s, len) < 0) return -1;
        if (len && s[len - 1] != '\n' && np_buf_putc(out, '\n') < 0) return -1;
        if (!out->data && np_buf_puts(out, "") < 0) return -1;
        return 0;
    }
    if (n->type != YAML_SEQUENCE_NODE) {
        np__diag_add(d, np__yaml_mark(n), NP_EX_CONFIG,
                     "'%s' must be a string of lines or a list of lines", key);
        return 0;
    }
    if (np_buf_puts(out, "") < 0) return -1;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
         it++) {
        const yaml_node_t *item = yaml_document_get_node(doc, *it);
        if (item->type != YAML_SCALAR_NODE) {
            np__diag_add(d, np__yaml_mark(item), NP_EX_CONFIG,
                         "lines of '%s' must be strings (quote JSON lines: '{\"id\": 1}')", key);
            continue;
        }
        if (np_buf_append(out, item->data.scalar.value, item->data.scalar.length) < 0 ||
            np_buf_putc(out, '\n') < 0)
            return -1;
    }
    return 0;
}

/* A test's output_contains: JSON objects written as strings, one per expected output line
 * (each checked to parse). Returns 0, or -1 when out of memory. */
static int load_contains(yaml_document_t *doc, const yaml_node_t *v, test_case *t, np_diag *d)
{
    if (v->type != YAML_SEQUENCE_NODE) {
        np__diag_add(d, np__yaml_mark(v), NP_EX_CONFIG,
                     "'output_contains' must be a list of JSON objects, one per output "
                     "line");
        return 0;
    }
    size_t count = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    if (!(t->contains = calloc(count + 1, sizeof *t->contains))) return -1;
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
         it++) {
        const yaml_node_t *item = yaml_document_get_node(doc, *it);
        np_json_object obj = {0};
        np_json_error err;
        if (item->type != YAML_SCALAR_NODE ||
            np_json_parse_object((const char *)item->data.scalar.value, item->data.scalar.length,
                                 &obj, &err) != NP_JSON_OK) {
            np__diag_add(d, np__yaml_mark(item), NP_EX_CONFIG,
                         "items of 'output_contains' must be JSON objects written as "
                         "strings ('{\"id\": \"a\"}')");
            np_json_object_free(&obj);
            continue;
        }
        np_json_object_free(&obj);
        if (!(t->contains[t->ncontains++] = strdup((const char *)item->data.scalar.value)))
            return -1;
    }
    return 0;
}

/* A test's output_fields: field names, or NAME: a JSON value written as a string. Returns 0,
 * or -1 when out of memory. */
static int load_fields(yaml_document_t *doc, const yaml_node_t *v, test_case *t, np_diag *d)
{
    if (v->type != YAML_SEQUENCE_NODE) {
        np__diag_add(d, np__yaml_mark(v), NP_EX_CONFIG,
                     "'output_fields' must be a list of field names");
        return 0;
    }
    size_t count = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    if (!(t->fields = calloc(count + 1, sizeof *t->fields)) ||
        !(t->patterns = calloc(count + 1, sizeof *t->patterns)))
        return -1;
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
         it++) {
        const yaml_node_t *item = yaml_document_get_node(doc, *it);
        const yaml_node_t *name = item, *pat = NULL;
        if (item->type == YAML_MAPPING_NODE &&
            item->data.mapping.pairs.top - item->data.mapping.pairs.start == 1) {
            name = yaml_document_get_node(doc, item->data.mapping.pairs.start->key);
            pat = yaml_document_get_node(doc, item->data.mapping.pairs.start->value);
        }
        np_json_error err;
        if (name->type != YAML_SCALAR_NODE ||
            (pat && (pat->type != YAML_SCALAR_NODE ||
                     np_json_validate((const char *)pat->data.scalar.value, pat->data.scalar.length,
                                      &err) != NP_JSON_OK))) {
            np__diag_add(d, np__yaml_mark(item), NP_EX_CONFIG,
                         "items of 'output_fields' must be field names, or NAME: a JSON "
                         "value written as a string (summary_spans: '[[]]')");
            continue;
        }
        size_t i = t->nfields++;
        if (!(t->fields[i] = strdup((const char *)name->data.scalar.value))) return -1;
        if (pat && !(t->patterns[i] = strdup((const char *)pat->data.scalar.value))) return -1;
    }
    return 0;
}

static int load_case(yaml_document_t *doc, const yaml_node_t *n, test_case *t, size_t index,
                     np_diag *d)
{
    t->exit_code = 0;
    t->rejects = -1;
    if (n->type != YAML_MAPPING_NODE) {
        np__diag_add(d, np__yaml_mark(n), NP_EX_CONFIG,
                     "test %zu must be a mapping with name, input and output", index + 1);
        return 0;
    }
    int has_input = 0;
    for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
        const yaml_node_t *k = yaml_document_get_node(doc, pr->key);
        const yaml_node_t *v = yaml_document_get_node(doc, pr->value);
        const char *key = k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "";
        if (!strcmp(key, "name")) {
            if (v->type != YAML_SCALAR_NODE) {
                np__diag_add(d, np__yaml_mark(v), NP_EX_CONFIG, "'name' must be a string");
                continue;
            }
            free(t->name);
            if (!(t->name = strdup((const char *)v->data.scalar.value))) return -1;
        } else if (!strcmp(key, "input")) {
            has_input = 1;
            if (get_lines(doc, v, &t->input, d, key) < 0) return -1;
        } else if (!strcmp(key, "output")) {
            t->has_output = 1;
            if (get_lines(doc, v, &t->output, d, key) < 0) return -1;
        } else if (!strcmp(key, "output_contains")) {
            t->has_contains = 1;
            if (load_contains(doc, v, t, d) < 0) return -1;
        } else if (!strcmp(key, "output_fields")) {
            if (load_fields(doc, v, t, d) < 0) return -1;
        } else if (!strcmp(key, "exit") || !strcmp(key, "rejects")) {
            char *end;
            const char *s = v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : "";
            long val = strtol(s, &end, 10);
            if (!*s || *end || val < 0 || val > (strcmp(key, "exit") ? 1000000000L : 255)) {
                np__diag_add(d, np__yaml_mark(v), NP_EX_CONFIG, "'%s' must be a number", key);
                continue;
            }
            if (!strcmp(key, "exit"))
                t->exit_code = (int)val;
            else
                t->rejects = val;
        } else {
            np__diag_add(d, np__yaml_mark(k), NP_EX_CONFIG,
                         "unknown key '%s' in a test (the keys are: name, input, output, "
                         "output_contains, output_fields, exit, rejects)",
                         key);
        }
    }
    if (!has_input)
        np__diag_add(d, np__yaml_mark(n), NP_EX_CONFIG, "test %zu has no 'input'", index + 1);
    if (!t->has_output && !t->has_contains)
        np__diag_add(d, np__yaml_mark(n), NP_EX_CONFIG,
                     "test %zu has neither 'output' nor 'output_contains'", index + 1);
    if (t->has_output && t->has_contains)
        np__diag_add(d, np__yaml_mark(n), NP_EX_CONFIG,
                     "test %zu has both 'output' and 'output_contains': give one", index + 1);
    if (!t->name) {
        char buf[32];
        snprintf(buf, sizeof buf, "test %zu", index + 1);
        if (!(t->name = strdup(buf))) return -1;
    }
    return 0;
}

static void free_tests(test_file *tf)
{
    for (size_t i = 0; i < tf->n; i++) {
        test_case *t = &tf->t[i];
        free(t->name);
        np_buf_free(&t->input);
        np_buf_free(&t->output);
        for (size_t j = 0; j < t->ncontains; j++) free(t->contains[j]);
        free(t->contains);
        for (size_t j = 0; j < t->nfields; j++) {
            free(t->fields[j]);
            free(t->patterns[j]);
        }
        free(t->fields);
        free(t->patterns);
    }
    free(tf->t);
}

static int load_tests(test_file *tf, const char *path, np_diag *d)
{
    memset(tf, 0, sizeof *tf);
    np_buf text = {0};
    int read = np__yaml_read(path, NP_YAML_MAX_TESTS, &text, d);
    if (read == -1)
        np__diag_add(d, (np_mark){0, 0}, NP_EX_NOINPUT, "cannot open: %s", strerror(errno));
    if (read < 0) {
        np_buf_free(&text);
        return -1;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    int rc = 0;
    if (!yaml_parser_initialize(&parser)) {
        np_buf_free(&text);
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text.data, text.len);
    if (!yaml_parser_load(&parser, &doc)) {
        np__diag_add(d,
                     (np_mark){(unsigned)parser.problem_mark.line + 1,
                               (unsigned)parser.problem_mark.column + 1},
                     NP_EX_CONFIG, "YAML syntax: %s", parser.problem ? parser.problem : "error");
        yaml_parser_delete(&parser);
        np_buf_free(&text);
        return -1;
    }
    np__yaml_one_document(&parser, d);
    const yaml_node_t *root = yaml_document_get_root_node(&doc);
    const yaml_node_t *tests = NULL;
    if (root && root->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
             pr < root->data.mapping.pairs.top; pr++) {
            const yaml_node_t *k = yaml_document_get_node(&doc, pr->key);
            if (k->type == YAML_SCALAR_NODE && !strcmp((const char *)k->data.scalar.value, "tests"))
                tests = yaml_document_get_node(&doc, pr->value);
            else
                np__diag_add(d, np__yaml_mark(k), NP_EX_CONFIG,
                             "unknown key (a test file has 'tests:')");
        }
    }
    if (!tests || tests->type != YAML_SEQUENCE_NODE ||
        tests->data.sequence.items.top == tests->data.sequence.items.start) {
        np__diag_add(d, root ? np__yaml_mark(root) : (np_mark){1, 1}, NP_EX_CONFIG,
                     "a test file is a mapping with 'tests:', a non-empty list of cases");
    } else {
        size_t count = (size_t)(tests->data.sequence.items.top - tests->data.sequence.items.start);
        if (!(tf->t = calloc(count, sizeof *tf->t))) rc = -1;
        for (size_t i = 0; rc == 0 && i < count; i++) {
            tf->n++;
            rc = load_case(&doc, yaml_document_get_node(&doc, tests->data.sequence.items.start[i]),
                           &tf->t[i], i, d);
        }
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    np_buf_free(&text);
    if (rc < 0) d->nomem = 1;
    return rc;
}

/* JSON text without insignificant whitespace, to compare values. */
static int minify(const char *s, size_t n, np_buf *out)
{
    int in_str = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (np_buf_putc(out, c) < 0) return -1;
            if (c == '\\' && i + 1 < n) {
                if (np_buf_putc(out, s[++i]) < 0) return -1;
            } else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
            if (np_buf_putc(out, c) < 0) return -1;
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            if (np_buf_putc(out, c) < 0) return -1;
        }
    }
    return 0;
}

/* Whether line has every top-level member of expected with an equal value. On a mismatch,
 * why says which member. */
static int contains(const char *line, size_t n, const char *expected, np_buf *why)
{
    np_json_object a = {0}, e = {0};
    np_json_error err;
    int ok = 1;
    if (np_json_parse_object(line, n, &a, &err) != NP_JSON_OK) {
        np_buf_puts(why, "the output line is not a JSON object");
        ok = 0;
        goto out;
    }
    np_json_parse_object(expected, strlen(expected), &e, &err);
    for (size_t i = 0; ok && i < e.n; i++) {
        const np_json_member *em = &e.m[i], *am = NULL;
        for (size_t j = 0; j < a.n; j++)
            if (a.m[j].key_len == em->key_len && !memcmp(a.m[j].key, em->key, em->key_len))
                am = &a.m[j];
        if (!am) {
            np_buf_printf(why, "member \"%.*s\" is missing", (int)em->key_len, em->key);
            ok = 0;
            break;
        }
        np_buf x = {0}, y = {0};
        if (minify(em->val, em->val_len, &x) < 0 || minify(am->val, am->val_len, &y) < 0 ||
            x.len != y.len || (x.len && memcmp(x.data, y.data, x.len))) {
            np_buf_printf(why, "member \"%.*s\" is %.*s, expected %.*s", (int)em->key_len, em->key,
                          (int)am->val_len, am->val, (int)em->val_len, em->val);
            ok = 0;
        }
        np_buf_free(&x);
        np_buf_free(&y);
    }
out:
    np_json_object_free(&a);
    np_json_object_free(&e);
    return ok;
}

static int read_file(const char *path, np_buf *out)
{
    if (np_buf_read_file(out, path) == 0) return 0;
    return errno == ENOENT ? np_buf_puts(out, "") : -1; /* a missing file is empty */
}

static size_t count_lines(const np_buf *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++) n += b->data[i] == '\n';
    if (b->len && b->data[b->len - 1] != '\n') n++;
    return n;
}

/* Prints a multi-line text as TAP comments. */
static void diag_text(const char *title, const char *s, size_t n)
{
    printf("#   %s:\n", title);
    size_t shown = 0;
    while (n && shown < 20) {
        const char *nl = memchr(s, '\n', n);
        size_t len = nl ? (size_t)(nl - s) : n;
        printf("#     %.*s\n", (int)(len > 300 ? 300 : len), s);
        if (!nl) break;
        n -= len + 1;
        s = nl + 1;
        shown++;
    }
    if (n && shown == 20) printf("#     ...\n");
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s[0..*n) without the whitespace around it. */
static const char *trim(const char *s, size_t *n)
{
    while (*n && is_space(s[0])) s++, (*n)--;
    while (*n && is_space(s[*n - 1])) (*n)--;
    return s;
}

/* Whether the JSON value a includes the pattern p (both valid JSON): an object includes
 * an object pattern when it has each of its members with a value that includes the
 * member's; an array includes an array pattern when the pattern's elements are included by
 * elements of the array in the same order (so [] matches any array); other values must be
 * equal (strings after decoding, the rest without insignificant whitespace). */
static int includes(const char *a, size_t an, const char *p, size_t pn)
{
    a = trim(a, &an);
    p = trim(p, &pn);
    if (!an || !pn) return an == pn;
    if (p[0] == '{') {
        if (a[0] != '{') return 0;
        np_json_object ao = {0}, po = {0};
        np_json_error err;
        int ok = np_json_parse_object(a, an, &ao, &err) == NP_JSON_OK &&
                 np_json_parse_object(p, pn, &po, &err) == NP_JSON_OK;
        for (size_t i = 0; ok && i < po.n; i++) {
            const np_json_member *pm = &po.m[i], *am = NULL;
            for (size_t j = 0; j < ao.n; j++)
                if (ao.m[j].key_len == pm->key_len && !memcmp(ao.m[j].key, pm->key, pm->key_len))
                    am = &ao.m[j];
            ok = am && includes(am->val, am->val_len, pm->val, pm->val_len);
        }
        np_json_object_free(&ao);
        np_json_object_free(&po);
        return ok;
    }
    if (p[0] == '[') { /* greedy: each pattern element at its first match */
        if (a[0] != '[') return 0;
        size_t apos = 0, ppos = 0;
        np_json_member ae, pe;
        while (np_json_array_next(p, pn, &ppos, &pe)) {
            int found = 0;
            while (!found && np_json_array_next(a, an, &apos, &ae))
                found = includes(ae.val, ae.val_len, pe.val, pe.val_len);
            if (!found) return 0;
        }
        return 1;
    }
    np_buf x = {0}, y = {0};
    int ok;
    if (p[0] == '"')
        ok = a[0] == '"' && np_json_decode_string(a, an, &x) == 0 &&
             np_json_decode_string(p, pn, &y) == 0;
    else
        ok = minify(a, an, &x) == 0 && minify(p, pn, &y) == 0;
    ok = ok && x.len == y.len && (!x.len || !memcmp(x.data, y.data, x.len));
    np_buf_free(&x);
    np_buf_free(&y);
    return ok;
}

/* Whether every line of got has every member t->fields names (including its pattern). */
static int has_fields(const test_case *t, const np_buf *got, int verbose)
{
    const char *s = got->data;
    size_t left = got->len, line = 0;
    int ok = 1;
    np_json_object obj = {0};
    while (ok && left) {
        const char *nl = memchr(s, '\n', left);
        size_t len = nl ? (size_t)(nl - s) : left;
        np_json_error err;
        line++;
        if (np_json_parse_object(s, len, &obj, &err) != NP_JSON_OK) {
            if (verbose) printf("#   output line %zu is not a JSON object\n", line);
            ok = 0;
            break;
        }
        for (size_t i = 0; i < t->nfields; i++) {
            const np_json_member *m = np_json_object_get(&obj, t->fields[i]);
            if (!m) {
                if (verbose) printf("#   output line %zu has no \"%s\"\n", line, t->fields[i]);
                ok = 0;
                break;
            }
            if (t->patterns[i] &&
                !includes(m->val, m->val_len, t->patterns[i], strlen(t->patterns[i]))) {
                if (verbose)
                    printf("#   output line %zu: \"%s\" is %.*s, which does not include %s\n", line,
                           t->fields[i], (int)(m->val_len > 300 ? 300 : m->val_len), m->val,
                           t->patterns[i]);
                ok = 0;
                break;
            }
        }
        left -= len + (nl != NULL);
        s += len + (nl != NULL);
    }
    np_json_object_free(&obj);
    return ok;
}

/* Whether got is what t expects; when verbose, prints why not as TAP comments. */
static int compare(const test_case *t, const np_buf *got, int verbose)
{
    if (t->nfields && !has_fields(t, got, verbose)) return 0;
    if (t->has_output) {
        if (got->len == t->output.len && !memcmp(got->data, t->output.data, got->len)) return 1;
        if (!verbose) return 0;
        /* Point at the first differing line. */
        const char *a = t->output.data, *b = got->data;
        size_t na = t->output.len, nb = got->len, line = 1;
        while (na && nb) {
            const char *ea = memchr(a, '\n', na), *eb = memchr(b, '\n', nb);
            size_t la = ea ? (size_t)(ea - a) : na, lb = eb ? (size_t)(eb - b) : nb;
            if (la != lb || memcmp(a, b, la)) break;
            na -= la + (ea != NULL);
            nb -= lb + (eb != NULL);
            a += la + (ea != NULL);
            b += lb + (eb != NULL);
            line++;
        }
        printf("#   output differs at line %zu\n", line);
        diag_text("expected", t->output.data, t->output.len);
        diag_text("got", got->data, got->len);
        return 0;
    }
    size_t lines = count_lines(got);
    if (lines != t->ncontains) {
        if (verbose) {
            printf("#   expected %zu output lines, got %zu\n", t->ncontains, lines);
            diag_text("got", got->data, got->len);
        }
        return 0;
    }
    const char *s = got->data;
    size_t left = got->len;
    for (size_t i = 0; i < t->ncontains; i++) {
        const char *nl = memchr(s, '\n', left);
        size_t len = nl ? (size_t)(nl - s) : left;
        np_buf why = {0};
        int ok = contains(s, len, t->contains[i], &why);
        if (!ok && verbose)
            printf("#   output line %zu: %s\n", i + 1, why.data ? why.data : "differs");
        np_buf_free(&why);
        if (!ok) return 0;
        left -= len + (nl != NULL);
        s += len + (nl != NULL);
    }
    return 1;
}

static void log_to_buf(void *arg, const char *label, const char *line, size_t n)
{
    np_buf *b = arg;
    np_buf_printf(b, "[%s] %.*s\n", label, (int)n, line);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

/* Loads the pipeline with the case's own input, output and rejects, fresh state in dir and
 * no lock, and checks it. Returns 0, or the exit code after printing the errors. */
static int load_for_case(np_pipeline *p, const char *file, const char *dir, const char *in,
                         const char *out, const char *rej)
{
    np_diag d;
    np__diag_init(&d, file);
    if (np__pipeline_load(p, file, &d) == 0 && !np__diag_code(&d)) {
        for (size_t i = 0; i < p->ninputs; i++) free(p->inputs[i]);
        p->inputs[0] = strdup(in);
        p->ninputs = p->inputs[0] ? 1 : 0;
        free(p->output);
        p->output = strdup(out);
        free(p->reject);
        p->reject = strdup(rej);
        free(p->lock);
        p->lock = NULL;
        p->state_sandbox = dir;
        if (!p->ninputs || !p->output || !p->reject) d.nomem = 1;
        if (!d.nomem) np__pipeline_check(p, &d);
    }
    int code = np__diag_code(&d);
    if (code) {
        np__diag_print(&d, stderr);
        code = NP_EX_CONFIG;
    }
    np__diag_free(&d);
    return code;
}

/* Runs case number num in dir and prints its TAP line. Returns 1 passed, 0 failed, or
 * -1 when the pipeline itself is wrong. */
static int run_case(const char *file, const test_case *t, size_t num, const char *dir)
{
    char in[4200], out[4200], rej[4200];
    snprintf(in, sizeof in, "%s/input.ndjson", dir);
    snprintf(out, sizeof out, "%s/output.ndjson", dir);
    snprintf(rej, sizeof rej, "%s/rejects.ndjson", dir);
    FILE *f = fopen(in, "wb");
    if (!f || fwrite(t->input.data ? t->input.data : "", 1, t->input.len, f) != t->input.len ||
        fclose(f) != 0) {
        np_error("test: cannot write %s: %s", in, strerror(errno));
        return -1;
    }
    np_pipeline p;
    int code = load_for_case(&p, file, dir, in, out, rej);
    if (code) {
        np__pipeline_free(&p);
        return -1;
    }
    np_buf log = {0}, got = {0}, rejects = {0};
    np_exec_opts o = {.log_line = log_to_buf, .log_arg = &log};
    fflush(stdout);
    int status = np__execute(&p, &o);
    np__pipeline_free(&p);
    int readable = read_file(out, &got) == 0 && read_file(rej, &rejects) == 0;
    size_t nrej = count_lines(&rejects);
    int ok = readable && status == t->exit_code && compare(t, &got, 0) &&
             (t->rejects < 0 || (size_t)t->rejects == nrej);
    printf("%s %zu - %s\n", ok ? "ok" : "not ok", num, t->name);
    if (!ok) {
        if (status != t->exit_code)
            printf("#   exit status %d, expected %d\n", status, t->exit_code);
        else if (t->rejects >= 0 && (size_t)t->rejects != nrej)
            printf("#   %zu records rejected, expected %ld\n", nrej, t->rejects);
        else
            compare(t, &got, 1);
        if (log.len) diag_text("stage messages", log.data, log.len);
    }
    np_buf_free(&log);
    np_buf_free(&got);
    np_buf_free(&rejects);
    return ok;
}

/* news.yaml -> news.test.yaml; news.test.yaml -> news.yaml. Caller frees both. */
static int test_paths(const char *arg, char **pipeline, char **tests)
{
    size_t n = strlen(arg);
    *pipeline = *tests = NULL;
    if (n > 10 && !strcmp(arg + n - 10, ".test.yaml")) {
        *tests = strdup(arg);
        if ((*pipeline = malloc(n))) snprintf(*pipeline, n, "%.*s.yaml", (int)(n - 10), arg);
    } else {
        size_t stem = n;
        if (n > 5 && !strcmp(arg + n - 5, ".yaml"))
            stem = n - 5;
        else if (n > 4 && !strcmp(arg + n - 4, ".yml"))
            stem = n - 4;
        *pipeline = strdup(arg);
        if ((*tests = malloc(stem + 11)))
            snprintf(*tests, stem + 11, "%.*s.test.yaml", (int)stem, arg);
    }
    return *pipeline && *tests ? 0 : -1;
}

int np__cmd_test(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs("usage: newspipe test FILE...   (runs the cases in FILE.test.yaml; prints TAP)\n",
              argc < 2 ? stderr : stdout);
        return argc < 2 ? NP_EX_USAGE : 0;
    }
    size_t num = 0, failed = 0;
    int code = 0;
    for (int a = 1; a < argc && !code; a++) {
        char *pipeline, *tests;
        if (test_paths(argv[a], &pipeline, &tests) < 0) return NP_EX_SOFTWARE;
        np_diag d;
        np__diag_init(&d, tests);
        test_file tf;
        load_tests(&tf, tests, &d);
        if (np__diag_code(&d)) {
            np__diag_print(&d, stderr);
            code = np__diag_code(&d) == NP_EX_NOINPUT ? NP_EX_NOINPUT : NP_EX_CONFIG;
        }
        np__diag_free(&d);
        printf("# %s (cases in %s)\n", pipeline, tests);
        for (size_t i = 0; !code && i < tf.n; i++) {
            char dir[] = "/tmp/newspipe-test.XXXXXX";
            const char *tmp = getenv("TMPDIR");
            char dirbuf[4096];
            snprintf(dirbuf, sizeof dirbuf, "%s/newspipe-test.XXXXXX", tmp && *tmp ? tmp : "/tmp");
            char *made = mkdtemp(dirbuf);
            if (!made) made = mkdtemp(dir);
            if (!made) {
                np_error("test: cannot create a temporary directory: %s", strerror(errno));
                code = NP_EX_CANTCREAT;
                break;
            }
            int r = run_case(pipeline, &tf.t[i], ++num, made);
            nftw(made, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
            if (r < 0)
                code = NP_EX_CONFIG;
            else if (!r)
                failed++;
        }
        free_tests(&tf);
        free(pipeline);
        free(tests);
    }
    if (code) return code;
    printf("1..%zu\n", num);
    if (failed) printf("# %zu of %zu failed\n", failed, num);
    if (fflush(stdout) != 0) return NP_EX_IOERR;
    return failed ? 1 : 0;
}
