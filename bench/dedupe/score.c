/* dedupe-score: scores `newspipe-dedupe --mark` output.
 *
 *   dedupe-score devset MARKED            per edit kind and distractor kind (the "eval" field)
 *   dedupe-score reuters MARKED LABELS    exact groups (body_md5) and silver story_id groups
 *                                         of the Reuters sample, binned by exact Jaccard
 *
 * A record counts as flagged when it has "duplicate_of"; correctly when that id belongs to
 * the same cluster (devset) or group (reuters). Exact Jaccard is over the same normalized
 * word 5-shingles the filter uses (shingle.c), computed exactly. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "json.h"
#include "shingle.h"
#include "shset.h"

/* ---- a string -> int map ----------------------------------------------------------------- */
typedef struct {
    char **k;
    int *v;
    size_t cap, n;
} smap;

static int *smap_slot(smap *m, const char *k, int insert)
{
    if (insert && (m->n + 1) * 2 > m->cap) {
        smap o = *m;
        m->cap = o.cap ? o.cap * 2 : 1024;
        m->k = calloc(m->cap, sizeof *m->k);
        m->v = calloc(m->cap, sizeof *m->v);
        m->n = 0;
        for (size_t i = 0; i < o.cap; i++)
            if (o.k[i]) {
                *smap_slot(m, o.k[i], 1) = o.v[i];
                free(o.k[i]);
            }
        free(o.k);
        free(o.v);
    }
    if (!m->cap) return NULL;
    size_t i = np_hash64(k, strlen(k), 1) & (m->cap - 1);
    while (m->k[i] && strcmp(m->k[i], k)) i = (i + 1) & (m->cap - 1);
    if (!m->k[i]) {
        if (!insert) return NULL;
        m->k[i] = strdup(k);
        m->n++;
        m->v[i] = -1;
    }
    return &m->v[i];
}

static int intern(smap *m, const char *k)
{
    int *v = smap_slot(m, k, 1);
    if (*v < 0) *v = (int)m->n - 1;
    return *v;
}

static char *str(const np_json_object *o, const char *key)
{
    const np_json_member *m = np_json_object_get(o, key);
    if (!m || m->type != NP_JSON_STRING) return NULL;
    np_buf b = {0};
    np_json_decode_string(m->val, m->val_len, &b);
    if (!b.data) np_buf_puts(&b, "");
    return b.data;
}

static double num(const np_json_object *o, const char *line, const char *key)
{
    const np_json_member *m = np_json_object_get(o, key);
    (void)line;
    return m && m->type == NP_JSON_NUMBER ? strtod(m->val, NULL) : -1;
}

/* ---- devset ------------------------------------------------------------------------------ */
enum { MAXK = 32 };
typedef struct {
    char name[40];
    int truth; /* 2 exact duplicate, 1 near duplicate, 0 distractor */
    int n, correct, wrong, missed;
    double min_sim, sum_j;
    int nj;
} kstat;

static int oom(void)
{
    fputs("dedupe-score: out of memory\n", stderr);
    return 70;
}

static int truth_of(const char *k)
{
    if (!strncmp(k, "exact-", 6)) return 2;
    static const char *distractors[] = {"original",         "same-company",
                                        "short-original",   "templated-earnings",
                                        "templated-market", "templated-commodity"};
    for (size_t i = 0; i < sizeof distractors / sizeof *distractors; i++)
        if (!strcmp(k, distractors[i])) return 0;
    return 1;
}

static int devset(FILE *f)
{
    smap ids = {0}, clusters = {0};
    kstat ks[MAXK];
    int nk = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    np_json_object o = {0}, e = {0};
    np_json_error err;
    dd_shingles sh = {0};
    ddb_shset *orig = NULL; /* by cluster number: the original's shingles */
    size_t norig = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (np_json_parse_object(line, (size_t)len, &o, &err) != NP_JSON_OK) continue;
        const np_json_member *em = np_json_object_get(&o, "eval");
        if (!em || np_json_parse_object(em->val, em->val_len, &e, &err) != NP_JSON_OK) continue;
        char *id = str(&o, "id"), *cl = str(&e, "cluster"), *kind = str(&e, "kind");
        char *dup = str(&o, "duplicate_of"), *body = str(&o, "body");
        double sim = num(&o, line, "similarity");
        if (!id || !cl || !kind) continue;
        int c = intern(&clusters, cl);
        int *idc = smap_slot(&ids, id, 1);
        if (*idc < 0) *idc = c;
        int k;
        for (k = 0; k < nk && strcmp(ks[k].name, kind); k++) continue;
        if (k == nk && nk < MAXK) {
            memset(&ks[nk], 0, sizeof ks[nk]);
            snprintf(ks[nk].name, sizeof ks[nk].name, "%s", kind);
            ks[nk].truth = truth_of(kind);
            ks[nk].min_sim = 2;
            nk++;
        }
        kstat *s = &ks[k];
        s->n++;
        if ((size_t)c >= norig) {
            orig = realloc(orig, (size_t)(c + 1) * sizeof *orig);
            while (norig <= (size_t)c) orig[norig++] = (ddb_shset){NULL, 0};
        }
        ddb_shset x = {NULL, 0};
        if (!orig[c].h && body) {
            if (ddb_shset_make(&orig[c], &sh, body, strlen(body)) < 0) return oom();
        } else if (body && s->truth) {
            if (ddb_shset_make(&x, &sh, body, strlen(body)) < 0) return oom();
            s->sum_j += ddb_jaccard(&x, &orig[c]);
            s->nj++;
            free(x.h);
        }
        if (dup) {
            int *dc = smap_slot(&ids, dup, 0);
            if (dc && *dc == c && s->truth) {
                s->correct++;
                if (sim < s->min_sim) s->min_sim = sim;
            } else
                s->wrong++;
        } else if (s->truth)
            s->missed++;
        free(id);
        free(cl);
        free(kind);
        free(dup);
        free(body);
    }
    int ex_n = 0, ex_ok = 0, ne_n = 0, ne_ok = 0, ne_flags = 0, fp = 0;
    printf("%-22s %6s %8s %8s %8s %8s %9s %8s\n", "kind", "n", "correct", "wrong", "missed",
           "recall", "min-sim", "mean-J");
    for (int t = 2; t >= 0; t--)
        for (int k = 0; k < nk; k++) {
            kstat *s = &ks[k];
            if (s->truth != t) continue;
            if (t) {
                printf("%-22s %6d %8d %8d %8d %8.4f %9.3f %8.3f\n", s->name, s->n, s->correct,
                       s->wrong, s->missed, (double)s->correct / s->n,
                       s->min_sim <= 1 ? s->min_sim : 0.0, s->nj ? s->sum_j / s->nj : 0);
            } else {
                printf("%-22s %6d %8s %8d %8s %8s   (distractor: %d falsely flagged, rate %.4f)\n",
                       s->name, s->n, "-", s->wrong, "-", "-", s->wrong, (double)s->wrong / s->n);
            }
            if (t == 2) ex_n += s->n, ex_ok += s->correct;
            if (t == 1) ne_n += s->n, ne_ok += s->correct, ne_flags += s->correct + s->wrong;
            if (t == 0) fp += s->wrong;
        }
    printf("exact duplicates: recall %.4f (%d of %d)\n", (double)ex_ok / ex_n, ex_ok, ex_n);
    printf("near duplicates: recall %.4f (%d of %d), precision %.4f (%d correct of %d flagged; "
           "%d false flags on distractors, %d on wrong clusters)\n",
           (double)ne_ok / ne_n, ne_ok, ne_n, (double)ne_ok / (ne_flags + fp), ne_ok, ne_flags + fp,
           fp, ne_flags - ne_ok);
    free(line);
    np_json_object_free(&o);
    np_json_object_free(&e);
    dd_shingles_free(&sh);
    return 0;
}

/* ---- reuters ----------------------------------------------------------------------------- */
static int reuters(FILE *f, const char *labels)
{
    FILE *fl = fopen(labels, "r");
    if (!fl) {
        perror(labels);
        return 66;
    }
    smap story = {0}, md5 = {0}, sid = {0}, mid = {0}, rec = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    np_json_object o = {0};
    np_json_error err;
    while ((len = getline(&line, &cap, fl)) > 0) {
        if (np_json_parse_object(line, (size_t)len, &o, &err) != NP_JSON_OK) continue;
        char *id = str(&o, "id"), *s = str(&o, "story_id"), *m = str(&o, "body_md5");
        if (id && !m) m = strdup(id); /* empty bodies have a null md5: a group of their own */
        if (id && s && m) {
            *smap_slot(&sid, id, 1) = intern(&story, s);
            *smap_slot(&mid, id, 1) = intern(&md5, m);
        }
        free(id);
        free(s);
        free(m);
    }
    fclose(fl);
    dd_shingles sh = {0};
    /* per record in stream order */
    typedef struct {
        int story, md5;
        ddb_shset set;
    } r_t;
    r_t *rs = NULL;
    size_t nr = 0, rcap = 0;
    int *md5_seen = calloc(md5.cap + 1, sizeof *md5_seen);
    int *story_first = malloc((story.cap + 1) * sizeof *story_first);
    for (size_t i = 0; i <= story.cap; i++) story_first[i] = -1;
    /* bins of max exact Jaccard to earlier members of the same story */
    const double edges[] = {0.0, 0.1, 0.3, 0.5, 0.7, 1.01};
    int bin_n[5] = {0}, bin_f[5] = {0};
    int ex_n = 0, ex_f = 0, ex_ok = 0, out_n = 0, empty = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (np_json_parse_object(line, (size_t)len, &o, &err) != NP_JSON_OK) continue;
        char *id = str(&o, "id"), *body = str(&o, "body"), *dup = str(&o, "duplicate_of");
        double sim = num(&o, line, "similarity");
        int *ps = id ? smap_slot(&sid, id, 0) : NULL, *pm = id ? smap_slot(&mid, id, 0) : NULL;
        if (!ps || !pm) goto next;
        if (nr == rcap) {
            rcap = rcap ? rcap * 2 : 4096;
            rs = realloc(rs, rcap * sizeof *rs);
        }
        r_t *r = &rs[nr];
        r->story = *ps;
        r->md5 = *pm;
        if (ddb_shset_make(&r->set, &sh, body ? body : "", body ? strlen(body) : 0) < 0)
            return oom();
        *smap_slot(&rec, id, 1) = (int)nr;
        nr++;
        if (!r->set.n && (!body || !*body)) {
            empty++;
            goto next;
        }
        int *tgt = dup ? smap_slot(&rec, dup, 0) : NULL;
        if (md5_seen[r->md5]) {
            ex_n++;
            ex_f += dup != NULL;
            ex_ok += tgt && (rs[*tgt].md5 == r->md5 || rs[*tgt].story == r->story);
        } else if (story_first[r->story] >= 0) {
            double best = 0;
            for (size_t q = 0; q + 1 < nr; q++)
                if (rs[q].story == r->story) {
                    double j = ddb_jaccard(&r->set, &rs[q].set);
                    if (j > best) best = j;
                }
            int b = 0;
            while (b < 4 && best >= edges[b + 1]) b++;
            bin_n[b]++;
            bin_f[b] += tgt && rs[*tgt].story == r->story;
            if (best >= 0.5 && !(tgt && rs[*tgt].story == r->story))
                printf("silver not flagged with the same story: %s (max exact-J %.3f)%s%s\n", id,
                       best, dup ? ", flagged against " : "", dup ? dup : "");
        }
        if (tgt && rs[*tgt].story != r->story && rs[*tgt].md5 != r->md5) {
            out_n++;
            printf("unlabeled flag: %s -> %s similarity %.3f exact-J %.3f\n", id, dup, sim,
                   ddb_jaccard(&r->set, &rs[*tgt].set));
        }
        md5_seen[r->md5] = 1;
        if (story_first[r->story] < 0) story_first[r->story] = (int)nr - 1;
    next:
        free(id);
        free(body);
        free(dup);
    }
    printf("records %zu, empty bodies %d (never compared)\n", nr, empty);
    printf("exact (same body_md5 as an earlier record): %d, flagged %d, recall %.4f, flagged "
           "against the same group %d\n",
           ex_n, ex_f, ex_n ? (double)ex_f / ex_n : 0, ex_ok);
    int sn = 0, sf = 0;
    for (int b = 0; b < 5; b++) {
        printf("story_id silver, max exact 5-shingle Jaccard to an earlier member in [%.1f, %.1f): "
               "%d records, %d flagged (%.4f)\n",
               edges[b], edges[b + 1] > 1 ? 1.0 : edges[b + 1], bin_n[b], bin_f[b],
               bin_n[b] ? (double)bin_f[b] / bin_n[b] : 0);
        sn += bin_n[b];
        sf += bin_f[b];
    }
    printf("story_id silver, all: %d records, %d flagged (%.4f)\n", sn, sf,
           sn ? (double)sf / sn : 0);
    printf("flags outside any labeled group: %d (listed above)\n", out_n);
    free(line);
    np_json_object_free(&o);
    dd_shingles_free(&sh);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "devset") && strcmp(argv[1], "reuters")) ||
        (!strcmp(argv[1], "reuters") && argc < 4)) {
        fprintf(stderr, "usage: dedupe-score devset MARKED | dedupe-score reuters MARKED LABELS\n");
        return 64;
    }
    FILE *f = strcmp(argv[2], "-") ? fopen(argv[2], "r") : stdin;
    if (!f) {
        perror(argv[2]);
        return 66;
    }
    return !strcmp(argv[1], "devset") ? devset(f) : reuters(f, argv[3]);
}
