/* "newspipe-entity-tag eval": end-to-end evaluation of the filter on CoNLL files (see
 * eval.h). The filter runs as a separate process on a temporary NDJSON file, exactly as a
 * user runs it; only its output is read back. */
#include "eval.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "conll.h"
#include "exitcode.h"
#include "json.h"
#include "../labels.h"
#include "score.h"

extern char **environ;

static int tok_is(const char *t, const char *w)
{
    return strcmp(t, w) == 0;
}

/* No space before these tokens in natural text. */
static int attach_left(const char *t)
{
    static const char *const w[] = {",",  ".",   ";",   ":",   "!",   "?",   ")",   "]",   "}",
                                    "%",  "'s",  "'S",  "n't", "N'T", "'re", "'ve", "'ll", "'m",
                                    "'d", "'RE", "'VE", "'LL", "'M",  "'D",  NULL};
    for (int i = 0; w[i]; i++)
        if (tok_is(t, w[i])) return 1;
    return 0;
}

/* No space after these. */
static int attach_right(const char *t)
{
    size_t n = strlen(t);
    return tok_is(t, "(") || tok_is(t, "[") || tok_is(t, "{") || (n >= 1 && t[n - 1] == '$');
}

static size_t cp_len(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Builds the text of document d and each token's code-point span in it. */
static int doc_text(const etag_corpus *c, uint32_t d, int natural, np_buf *text, uint32_t *cs,
                    uint32_t *ce)
{
    np_buf_clear(text);
    size_t cp = 0;
    for (uint32_t s = c->doc[d]; s < c->doc[d + 1]; s++) {
        if (s > c->doc[d]) {
            if (np_buf_putc(text, '\n') < 0) return -1;
            cp++;
        }
        int in_quote = 0;
        const char *prev = NULL;
        for (uint32_t t = c->sent[s]; t < c->sent[s + 1]; t++) {
            const char *w = c->text + c->tok[t];
            int space = prev != NULL;
            if (natural && prev) {
                if (attach_left(w) || attach_right(prev)) space = 0;
                if (tok_is(prev, "\"") && in_quote) space = 0; /* after an opening quote */
                if (tok_is(w, "\"") && in_quote == 0 && 0) space = 1;
                if (tok_is(w, "\"") && in_quote) space = 0; /* closing quote */
            }
            if (tok_is(w, "\"")) in_quote = !in_quote;
            if (space) {
                if (np_buf_putc(text, ' ') < 0) return -1;
                cp++;
            }
            cs[t] = (uint32_t)cp;
            if (np_buf_append(text, w, c->tok_len[t]) < 0) return -1;
            cp += cp_len(w, c->tok_len[t]);
            ce[t] = (uint32_t)cp;
            prev = w;
        }
    }
    return 0;
}

/* Runs prog with args, stdin from in_path and stdout to out_path; returns its exit status. */
static int run(char *const *args, const char *in_path, const char *out_path)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, in_path, O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_TRUNC | O_CREAT, 0600);
    pid_t pid;
    int rc = posix_spawn(&pid, args[0], &fa, NULL, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        np_error("cannot run %s: %s", args[0], strerror(rc));
        return -1;
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Reads a JSON string starting at p (at the quote); returns the position after it. */
static const char *skip_string(const char *p, const char *e)
{
    p++;
    while (p < e && *p != '"') p += *p == '\\' ? 2 : 1;
    return p < e ? p + 1 : e;
}

/* Parses our own "entities" array: fills spans with (start, end) code points and types.
 * Returns the count, or -1 when malformed. */
static long parse_entities(const char *p, size_t n, uint32_t *st, uint32_t *en, int *ty, long max)
{
    const char *e = p + n;
    long k = 0;
    if (n < 2 || *p != '[') return -1;
    p++;
    while (p < e && *p != ']') {
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p != '{' || k == max) return -1;
        p++;
        long s = -1, en1 = -1;
        int t = -1;
        while (p < e && *p != '}') {
            if (*p == ',') {
                p++;
                continue;
            }
            if (*p != '"') return -1;
            const char *key = p + 1, *ke = skip_string(p, e);
            size_t kl = (size_t)(ke - key - 1);
            p = ke;
            if (p >= e || *p != ':') return -1;
            p++;
            if (*p == '"') {
                const char *v = p + 1, *ve = skip_string(p, e);
                if (kl == 4 && memcmp(key, "type", 4) == 0)
                    t = etag_type_parse(v, (size_t)(ve - v - 1));
                p = ve;
            } else {
                char *end;
                long x = strtol(p, &end, 10);
                if (end == p) return -1;
                if (kl == 5 && memcmp(key, "start", 5) == 0) s = x;
                if (kl == 3 && memcmp(key, "end", 3) == 0) en1 = x;
                p = end;
            }
        }
        if (p >= e || s < 0 || en1 < s || t < 0) return -1;
        p++;
        st[k] = (uint32_t)s;
        en[k] = (uint32_t)en1;
        ty[k] = t;
        k++;
    }
    return k;
}

static void usage(void)
{
    fprintf(stderr, "usage: newspipe-entity-tag eval [--model FILE] [--program PATH] "
                    "[--join natural|space] [--keep DIR] [--names-from CONLL-FILE] "
                    "CONLL-FILE...\n");
}

static int eval_file(const char *path, const char *prog, const char *model, int natural,
                     const char *keep, const etag_names *names)
{
    char err[512];
    etag_corpus c = {0};
    int rc = etag_corpus_read(path, &c, err, sizeof err);
    if (rc) {
        np_error("%s", err);
        return rc;
    }
    rc = NP_EX_SOFTWARE;
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char in_path[4096], out_path[4096];
    /* With --keep, the temporaries are made where they are kept: renamed there, not copied
     * across file systems. */
    if (keep) tmp = keep;
    snprintf(in_path, sizeof in_path, "%s/etag-eval-in.XXXXXX", tmp);
    snprintf(out_path, sizeof out_path, "%s/etag-eval-out.XXXXXX", tmp);
    int fi = mkstemp(in_path), fo = -1;
    if (fi >= 0) fo = mkstemp(out_path);
    if (fi < 0 || fo < 0) {
        np_error("%s: temporary file: %s", tmp, strerror(errno));
        if (fi >= 0) {
            close(fi);
            unlink(in_path);
        }
        etag_corpus_free(&c);
        return NP_EX_CANTCREAT;
    }
    close(fo);
    FILE *in = fdopen(fi, "w");
    uint32_t *cs = malloc((c.ntok + 1) * sizeof *cs), *ce = malloc((c.ntok + 1) * sizeof *ce);
    uint32_t *ps = malloc((c.ntok + 1) * sizeof *ps), *pe = malloc((c.ntok + 1) * sizeof *pe);
    int *pt = malloc((c.ntok + 1) * sizeof *pt);
    etag_span *spans = malloc((c.ntok + 1) * sizeof *spans);
    np_buf text = {0}, line = {0};
    char *lbuf = NULL;
    size_t lcap = 0;
    FILE *out = NULL;
    etag_score sc = {0}, by_name[2];
    memset(by_name, 0, sizeof by_name);
    unsigned long unaligned = 0, npred = 0;
    if (!in || !cs || !ce || !ps || !pe || !pt || !spans) goto nomem;
    for (uint32_t d = 0; d < c.ndoc; d++) {
        if (doc_text(&c, d, natural, &text, cs, ce) < 0) goto nomem;
        np_buf_clear(&line);
        if (np_buf_printf(&line, "{\"id\":\"doc-%u\",\"body\":", d) < 0 ||
            np_json_put_string(&line, text.data ? text.data : "", text.len) < 0 ||
            np_buf_puts(&line, "}\n") < 0)
            goto nomem;
        fwrite(line.data, 1, line.len, in);
    }
    if (fclose(in) != 0) {
        in = NULL;
        np_error("%s: %s", in_path, strerror(errno));
        rc = NP_EX_IOERR;
        goto out;
    }
    in = NULL;
    {
        char *args[10];
        int a = 0;
        args[a++] = (char *)prog;
        if (model) {
            args[a++] = (char *)"--model";
            args[a++] = (char *)model;
        }
        args[a++] = (char *)"--types";
        args[a++] = (char *)"PER,ORG,LOC,MISC";
        args[a++] = (char *)"--fields";
        args[a++] = (char *)"body";
        args[a] = NULL;
        int st = run(args, in_path, out_path);
        if (st != 0) {
            np_error("%s exited with status %d", prog, st);
            rc = st > 0 ? st : NP_EX_SOFTWARE;
            goto out;
        }
    }
    out = fopen(out_path, "r");
    if (!out) {
        np_error("%s: %s", out_path, strerror(errno));
        rc = NP_EX_IOERR;
        goto out;
    }
    np_json_object obj = {0};
    for (uint32_t d = 0; d < c.ndoc; d++) {
        ssize_t n = getline(&lbuf, &lcap, out);
        if (n < 0) {
            np_error("%s: output ended after %u of %u documents", prog, d, c.ndoc);
            rc = NP_EX_DATAERR;
            np_json_object_free(&obj);
            goto out;
        }
        /* token positions of this document (they are recomputed: cs/ce are per corpus) */
        if (doc_text(&c, d, natural, &text, cs, ce) < 0) goto nomem;
        np_json_error jerr;
        const np_json_member *m = NULL;
        if (np_json_parse_object(lbuf, (size_t)n, &obj, &jerr) == NP_JSON_OK)
            m = np_json_object_get(&obj, "entities");
        uint32_t t0 = c.sent[c.doc[d]], t1 = c.sent[c.doc[d + 1]];
        long k = m ? parse_entities(m->val, m->val_len, ps, pe, pt, (long)(t1 - t0 + 1)) : -1;
        if (k < 0) {
            np_error("%s: document %u: no readable \"entities\" in the output", prog, d);
            rc = NP_EX_DATAERR;
            np_json_object_free(&obj);
            goto out;
        }
        /* map code-point spans to tokens: the tokens they overlap */
        size_t ns = 0;
        uint32_t t = t0;
        for (long j = 0; j < k; j++) {
            if (pt[j] >= ETAG_NMODEL) continue;
            while (t < t1 && ce[t] <= ps[j]) t++;
            uint32_t a = t, b = t;
            while (b < t1 && cs[b] < pe[j]) b++;
            if (a >= b) continue; /* between tokens: cannot be scored */
            npred++;
            if (cs[a] != ps[j] || ce[b - 1] != pe[j]) unaligned++;
            if (ns && spans[ns - 1].first + spans[ns - 1].n > a) continue; /* overlap */
            spans[ns++] = (etag_span){a, b - a, pt[j], 0, 0};
        }
        /* gold spans of this document */
        size_t g0 = 0, g1;
        while (g0 < c.nspans && c.spans[g0].first < t0) g0++;
        g1 = g0;
        while (g1 < c.nspans && c.spans[g1].first < t1) g1++;
        etag_score_add(&sc, c.spans + g0, g1 - g0, spans, ns);
        if (names &&
            etag_score_add_by_name(by_name, &c, names, c.spans + g0, g1 - g0, spans, ns) < 0)
            goto nomem;
    }
    np_json_object_free(&obj);
    {
        char prefix[600];
        const char *base = strrchr(path, '/');
        snprintf(prefix, sizeof prefix, "%s", base ? base + 1 : path);
        printf("%s: %u documents, %u tokens, %s text; %lu predicted entities, %lu not on "
               "token boundaries\n",
               prefix, c.ndoc, c.ntok, natural ? "natural" : "space-joined", npred, unaligned);
        etag_score_print(&sc, stdout, prefix);
        if (names) etag_score_print_by_name(by_name, stdout, prefix);
        fflush(stdout);
    }
    if (keep) {
        char dst[4096];
        const char *base = strrchr(path, '/');
        snprintf(dst, sizeof dst, "%s/%s.in.ndjson", keep, base ? base + 1 : path);
        int kept = rename(in_path, dst) == 0;
        if (kept) {
            snprintf(dst, sizeof dst, "%s/%s.out.ndjson", keep, base ? base + 1 : path);
            kept = rename(out_path, dst) == 0;
        }
        if (!kept) {
            np_error("--keep: %s: %s", dst, strerror(errno));
            rc = NP_EX_CANTCREAT;
            goto out;
        }
    }
    rc = NP_EX_OK;
    goto out;
nomem:
    np_error("out of memory");
    rc = NP_EX_SOFTWARE;
out:
    if (in) fclose(in);
    if (out) fclose(out);
    unlink(in_path);
    unlink(out_path);
    free(cs);
    free(ce);
    free(ps);
    free(pe);
    free(pt);
    free(spans);
    free(lbuf);
    np_buf_free(&text);
    np_buf_free(&line);
    etag_corpus_free(&c);
    return rc;
}

int etag_eval_main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"model", 1, NULL, 'm'}, {"program", 1, NULL, 'p'}, {"join", 1, NULL, 'j'},
        {"keep", 1, NULL, 'k'},  {"help", 0, NULL, 'h'},    {"names-from", 1, NULL, 'n'},
        {NULL, 0, NULL, 0},
    };
    const char *model = NULL, *prog = "/proc/self/exe", *keep = NULL, *names_from = NULL;
    int natural = 1, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'm': model = optarg; break;
        case 'p': prog = optarg; break;
        case 'k': keep = optarg; break;
        case 'n': names_from = optarg; break;
        case 'j':
            if (strcmp(optarg, "natural") == 0)
                natural = 1;
            else if (strcmp(optarg, "space") == 0)
                natural = 0;
            else {
                usage();
                return NP_EX_USAGE;
            }
            break;
        case 'h': usage(); return NP_EX_OK;
        default: usage(); return NP_EX_USAGE;
        }
    }
    if (optind >= argc) {
        usage();
        return NP_EX_USAGE;
    }
    char self[4096];
    if (strcmp(prog, "/proc/self/exe") == 0) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n > 0) {
            self[n] = '\0';
            prog = self;
        }
    }
    /* --names-from: the training file whose entity names make a test entity "seen" */
    etag_names names = {0};
    if (names_from) {
        char err[512];
        etag_corpus tr = {0};
        int rc = etag_corpus_read(names_from, &tr, err, sizeof err);
        if (rc) {
            np_error("%s", err);
            return rc;
        }
        int built = etag_names_build(&names, &tr, NULL, 0);
        etag_corpus_free(&tr);
        if (built < 0) {
            np_error("out of memory");
            return NP_EX_SOFTWARE;
        }
    }
    int rc = NP_EX_OK;
    for (int i = optind; i < argc && rc == NP_EX_OK; i++)
        rc = eval_file(argv[i], prog, model, natural, keep, names_from ? &names : NULL);
    etag_names_free(&names);
    return rc;
}
