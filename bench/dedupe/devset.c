/* dedupe-devset: writes the dedupe development set as NDJSON on stdout. Base stories come
 * from the Reuters sample (one per story_id and body, and none overlapping an earlier one
 * by 5-shingle Jaccard >= 0.25, so that "different story" labels hold); then we add
 * republications with realistic edits and templated distractors. Each record carries
 * "eval":{"cluster":ID,"kind":KIND}: records of one cluster are one story, the first one in
 * the stream is its original. Deterministic for a given --seed.
 *
 *   dedupe-devset ARTICLES LABELS [SEED] > devset.ndjson
 *
 * PART (default all) keeps the sealed test part apart: "test" uses the base stories whose
 * story_id hashes to 0 mod 5, the companies whose RIC does, and the template days 150-199;
 * "dev" the rest. The test part is scored only at the end of a change (make eval-dedupe
 * SEALED=1), with seed 1001.
 *
 * Harder cases (issue 18): update-all (a story re-sent with several edits at once: an
 * "UPDATE 2-" headline, every figure changed, the last paragraph dropped and a paragraph from
 * another story appended); short number-dense items cut from the Reuters stories (lead and
 * one or two paragraphs, at most 110 words with at least one number per 20: short-original
 * distractors, and their short-figures-all / short-update-all re-sends); templated items of
 * companies found in the sample ("Name (RIC)") and of days: earnings (two templates), commodity
 * prices and market closes, each with updates that change every figure (templated-update, a
 * headline and a sentence added too) besides the one-figure corrections.
 *
 * Edit kinds (true duplicates): exact-headline (same body, new title), exact-reflow (same
 * text, whitespace and case changed), exact-id (same id re-sent with updated figures),
 * lead (lead paragraph reworded), append / insert (a paragraph added at the end / inside),
 * drop (a paragraph removed), figures (1-3 figures changed), truncate (the last 25-40% cut),
 * combo2 / combo3 (two or three of lead, append, insert, drop, figures), templated-correction
 * (an earnings item re-sent with one figure corrected).
 * Distractors (must not be flagged): original (the Reuters stories themselves; those sharing
 * a RIC with an earlier one are kind same-company), short-original, templated-earnings (same
 * template, other company or quarter, other figures), templated-market (daily market-close
 * reports that differ in figures and direction words), templated-commodity (one commodity's
 * daily report, other days). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "corpus.h"
#include "hash.h"
#include "json.h"
#include "minhash.h"
#include "shingle.h"
#include "shset.h"

#define MAXP 256

typedef struct {
    char *p[MAXP]; /* paragraphs (owned); p[0] is the lead */
    int n;
} doc;

typedef struct {
    int64_t t;
    char *line; /* the output record */
} event;

static event *ev;
static size_t nev, evcap;
static ddb_rng rng;

static void emit(int64_t t, const char *id, int id_is_raw, const char *title, const char *body,
                 const char *cluster, const char *kind)
{
    np_buf b = {0};
    char ts[32];
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    np_buf_puts(&b, "{\"id\":");
    if (id_is_raw)
        np_buf_puts(&b, id);
    else
        np_json_put_string(&b, id, strlen(id));
    np_buf_puts(&b, ",\"source\":\"devset\",\"published\":\"");
    np_buf_puts(&b, ts);
    np_buf_puts(&b, "\",\"title\":");
    np_json_put_string(&b, title, strlen(title));
    np_buf_puts(&b, ",\"body\":");
    np_json_put_string(&b, body, strlen(body));
    np_buf_puts(&b, ",\"eval\":{\"cluster\":");
    np_json_put_string(&b, cluster, strlen(cluster));
    np_buf_puts(&b, ",\"kind\":\"");
    np_buf_puts(&b, kind);
    np_buf_puts(&b, "\"}}");
    if (nev == evcap) {
        evcap = evcap ? evcap * 2 : 4096;
        ev = realloc(ev, evcap * sizeof *ev);
        if (!ev) abort();
    }
    ev[nev].t = t;
    ev[nev].line = b.data;
    nev++;
}

static int by_time(const void *a, const void *b)
{
    const event *x = a, *y = b;
    return x->t < y->t ? -1 : x->t > y->t;
}

/* ---- documents as paragraphs ------------------------------------------------------------- */

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static size_t trimlen(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n')) n--;
    return n;
}

/* Sentence ends: ". " "? " "! " ".\" " followed by an upper-case letter or a quote. */
static size_t next_sentence(const char *s, size_t i, size_t n)
{
    for (; i + 2 < n; i++) {
        char c = s[i];
        if (c != '.' && c != '?' && c != '!') continue;
        size_t j = i + 1;
        if (s[j] == '"') j++;
        if (j < n && s[j] == ' ') {
            while (j < n && s[j] == ' ') j++;
            if (j < n && ((s[j] >= 'A' && s[j] <= 'Z') || s[j] == '"')) return j;
        }
    }
    return n;
}

static void doc_from(doc *d, const char *body)
{
    d->n = 0;
    const char *nl = strchr(body, '\n');
    size_t n = strlen(body), lead = nl ? (size_t)(nl - body) : next_sentence(body, 0, n);
    d->p[d->n++] = dupn(body, trimlen(body, lead));
    size_t i = lead;
    while (i < n && (body[i] == '\n' || body[i] == ' ')) i++;
    while (i < n && d->n < MAXP) {
        size_t e1 = next_sentence(body, i, n), e2 = e1 < n ? next_sentence(body, e1, n) : n;
        d->p[d->n++] = dupn(body + i, trimlen(body + i, e2 - i));
        i = e2;
    }
}

static void doc_free(doc *d)
{
    for (int i = 0; i < d->n; i++) free(d->p[i]);
    d->n = 0;
}

static void doc_copy(doc *dst, const doc *src)
{
    dst->n = src->n;
    for (int i = 0; i < src->n; i++) dst->p[i] = strdup(src->p[i]);
}

static char *doc_text(const doc *d)
{
    np_buf b = {0};
    for (int i = 0; i < d->n; i++) {
        if (i) np_buf_puts(&b, i == 1 ? " \n " : " ");
        np_buf_puts(&b, d->p[i]);
    }
    if (!b.data) np_buf_puts(&b, "");
    return b.data;
}

/* ---- edits ------------------------------------------------------------------------------- */

static const char *syn[][2] = {
    {"said", "stated"},
    {"rose", "climbed"},
    {"fell", "declined"},
    {"shares", "stock"},
    {"company", "firm"},
    {"percent", "pct"},
    {"on", "on"},
    {"billion", "bln"},
    {"million", "mln"},
    {"Tuesday", "Tuesday,"},
    {"would", "will"},
    {"plans", "intends"},
    {"biggest", "largest"},
    {"chief", "top"},
    {"executive", "official"},
    {"deal", "agreement"},
    {"government", "administration"},
    {"increase", "rise"},
    {"told", "informed"},
    {"reported", "posted"},
    {"expected", "forecast"},
    {"sources", "people"},
    {"the", "its"},
    {"a", "one"},
    {"its", "the"},
    {"after", "following"},
    {"as", "while"},
    {"to", "in order to"},
    {"has", "had"},
    {"is", "was"},
    {"and", "as well as"},
    {"which", "that"},
    {"of", "for"},
};

static const char *synonym(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof syn / sizeof *syn; i++)
        if (strlen(syn[i][0]) == n && !strncmp(w, syn[i][0], n)) return syn[i][1];
    return NULL;
}

/* A reworded lead: the dateline goes, common words turn into synonyms, one word in ten is
 * dropped and the sentence is rotated at a comma, as rewrite desks do. */
static char *reword(const char *s)
{
    const char *dash = strstr(s, "(Reuters) - ");
    if (dash && dash - s < 60) s = dash + 12;
    np_buf b = {0};
    const char *comma = strstr(s, ", ");
    size_t n = strlen(s), cut = comma && ddb_unit(&rng) < 0.6 ? (size_t)(comma - s) : 0;
    for (int part = 0; part < 2; part++) {
        size_t from = cut ? (part == 0 ? cut + 2 : 0) : (part == 0 ? 0 : n);
        size_t to = cut ? (part == 0 ? n : cut) : n;
        size_t i = from;
        while (i < to) {
            while (i < to && s[i] == ' ') i++;
            size_t j = i;
            while (j < to && s[j] != ' ') j++;
            if (j > i) {
                const char *r = synonym(s + i, j - i);
                double u = ddb_unit(&rng);
                if (r && u < 0.9) {
                    if (b.len) np_buf_putc(&b, ' ');
                    np_buf_puts(&b, r);
                } else if (u > 0.1 || (s[i] >= '0' && s[i] <= '9')) {
                    if (b.len) np_buf_putc(&b, ' ');
                    np_buf_append(&b, s + i, j - i);
                }
            }
            i = j;
        }
        if (cut && part == 0) np_buf_puts(&b, ",");
    }
    if (!b.data) np_buf_puts(&b, "");
    return b.data;
}

static char *donor_paragraph(const doc *donors, int ndonors, int self)
{
    for (;;) {
        int k = (int)ddb_below(&rng, (unsigned long)ndonors);
        if (k == self || donors[k].n < 3) continue;
        return strdup(donors[k].p[1 + ddb_below(&rng, (unsigned long)donors[k].n - 1)]);
    }
}

static void insert_para(doc *d, int at, char *p)
{
    if (d->n == MAXP) {
        free(p);
        return;
    }
    memmove(&d->p[at + 1], &d->p[at], (size_t)(d->n - at) * sizeof *d->p);
    d->p[at] = p;
    d->n++;
}

static void drop_para(doc *d)
{
    if (d->n < 3) return;
    int at = 1 + (int)ddb_below(&rng, (unsigned long)d->n - 1);
    free(d->p[at]);
    memmove(&d->p[at], &d->p[at + 1], (size_t)(d->n - at - 1) * sizeof *d->p);
    d->n--;
}

/* Changes k figures: the last digit of k numbers, anywhere in the text (not in instrument
 * codes: "(7203.T)"). */
static int ric_digit(const char *c)
{
    return c[1] == '.' && c[2] >= 'A' && c[2] <= 'Z';
}

static void change_figures(doc *d, int k)
{
    int total = 0;
    for (int i = 0; i < d->n; i++)
        for (char *c = d->p[i]; *c; c++)
            if (*c >= '0' && *c <= '9' && !(c[1] >= '0' && c[1] <= '9') && !ric_digit(c)) total++;
    if (!total) return;
    for (int t = 0; t < k; t++) {
        int pick = (int)ddb_below(&rng, (unsigned long)total), seen = 0;
        for (int i = 0; i < d->n; i++)
            for (char *c = d->p[i]; *c; c++)
                if (*c >= '0' && *c <= '9' && !(c[1] >= '0' && c[1] <= '9') && !ric_digit(c) &&
                    seen++ == pick)
                    *c = (char)('0' + (*c - '0' + 1 + (int)ddb_below(&rng, 8)) % 10);
    }
}

/* Is the number starting at c a date, a year or part of an instrument code ("Oct. 12",
 * "2013", "7203.T"): an update keeps those. */
static int date_number(const char *start, const char *c)
{
    static const char *mo[] = {"Jan",  "Feb", "March", "April", "May", "June",
                               "July", "Aug", "Sept",  "Oct",   "Nov", "Dec"};
    const char *e = c;
    while (*e >= '0' && *e <= '9') e++;
    if (e - c == 4 && (!strncmp(c, "19", 2) || !strncmp(c, "20", 2))) return 1;
    if (e[0] == '.' && e[1] >= 'A' && e[1] <= 'Z') return 1;
    const char *w = c;
    while (w > start && w[-1] == ' ') w--;
    if (w > start && w[-1] == '.') w--;
    for (size_t i = 0; i < sizeof mo / sizeof *mo; i++) {
        size_t n = strlen(mo[i]);
        if ((size_t)(w - start) >= n && !strncmp(w - n, mo[i], n)) return 1;
    }
    return 0;
}

/* Changes every figure but dates and years: the last digit of each number, and the one
 * before it one time in three, as an update with final numbers does. */
static void change_all_figures(doc *d)
{
    for (int i = 0; i < d->n; i++) {
        int skip = 0;
        for (char *c = d->p[i]; *c; c++) {
            int digit = *c >= '0' && *c <= '9';
            if (digit && (c == d->p[i] || !(c[-1] >= '0' && c[-1] <= '9')))
                skip =
                    c > d->p[i] && (c[-1] == '.' || c[-1] == ',') ? skip : date_number(d->p[i], c);
            if (!digit || (c[1] >= '0' && c[1] <= '9') || skip) continue;
            *c = (char)('0' + (*c - '0' + 1 + (int)ddb_below(&rng, 8)) % 10);
            if (c > d->p[i] && c[-1] >= '0' && c[-1] <= '9' && ddb_unit(&rng) < 0.33)
                c[-1] = (char)('0' + (c[-1] - '0' + 1 + (int)ddb_below(&rng, 8)) % 10);
        }
    }
}

enum { E_LEAD, E_APPEND, E_INSERT, E_DROP, E_FIGURES, E_NEDITS };

static void apply(doc *d, int e, const doc *donors, int nd, int self)
{
    switch (e) {
    case E_LEAD: {
        char *r = reword(d->p[0]);
        free(d->p[0]);
        d->p[0] = r;
        break;
    }
    case E_APPEND: insert_para(d, d->n, donor_paragraph(donors, nd, self)); break;
    case E_INSERT:
        insert_para(d, 1 + (int)ddb_below(&rng, (unsigned long)d->n),
                    donor_paragraph(donors, nd, self));
        break;
    case E_DROP: drop_para(d); break;
    case E_FIGURES: change_figures(d, 1 + (int)ddb_below(&rng, 3)); break;
    }
}

static void drop_last(doc *d)
{
    if (d->n >= 2) free(d->p[--d->n]);
}

/* The issue-18 re-send: every figure changed, the last paragraph dropped, a paragraph from
 * another story appended (the "UPDATE 2-" headline is the caller's). */
static void update_all(doc *d, const doc *donors, int nd, int self)
{
    change_all_figures(d);
    drop_last(d);
    insert_para(d, d->n, donor_paragraph(donors, nd, self));
}

static char *update_title(const char *t)
{
    np_buf b = {0};
    np_buf_puts(&b, "UPDATE 2-");
    char *r = reword(t);
    np_buf_puts(&b, r);
    free(r);
    return b.data;
}

static char *new_title(const char *t)
{
    np_buf b = {0};
    static const char *pre[] = {"UPDATE 1-", "UPDATE 2-", "RPT-", "CORRECTED-", ""};
    np_buf_puts(&b, pre[ddb_below(&rng, 5)]);
    char *r = reword(t);
    np_buf_puts(&b, r);
    free(r);
    return b.data;
}

/* ---- templated items --------------------------------------------------------------------- */

/* Companies named in the sample as "Name (RIC)" (or "Name ( RIC )"): up to four capitalized
 * words before the RIC, a possessive "'s" dropped; names that are only a legal form or a
 * country are skipped. */
enum { MAXCOMP = 4096 };
static char *cname[MAXCOMP], *cric[MAXCOMP];
static int ncomp;

static int is_cap(const char *w)
{
    return *w >= 'A' && *w <= 'Z';
}

static int in_part(const char *key, const char *part)
{
    if (!strcmp(part, "all")) return 1;
    int test = np_hash64(key, strlen(key), 18) % 5 == 0;
    return test == !strcmp(part, "test");
}

static void find_companies(const ddb_article *a, long na, const char *part)
{
    static const char *skip[] = {"Co",     "Ltd", "Inc",     "Corp",   "Plc",      "SA",
                                 "AG",     "NV",  "LP",      "Group",  "Holdings", "The",
                                 "Shares", "A",   "Britain", "Japan",  "China",    "Australia",
                                 "U.S.",   "US",  "Germany", "France", "Reuters"};
    for (long i = 0; i < na && ncomp < MAXCOMP; i++) {
        const char *b = a[i].body;
        for (const char *p = strchr(b, '('); p; p = strchr(p + 1, '(')) {
            const char *q = p + 1;
            while (*q == ' ') q++;
            const char *r0 = q;
            while ((*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '_' ||
                   (*q >= 'a' && *q <= 'z' && q > r0 && q[-1] == '_'))
                q++;
            if (q == r0 || *q != '.') continue;
            q++;
            const char *x0 = q;
            while (*q >= 'A' && *q <= 'Z') q++;
            if (q == x0 || q - x0 > 3) continue;
            const char *r1 = q;
            while (*q == ' ') q++;
            if (*q != ')') continue;
            /* up to four capitalized words before the parenthesis */
            const char *e = p;
            while (e > b && e[-1] == ' ') e--;
            const char *st = e;
            int words = 0;
            while (words < 4 && st > b) {
                const char *w = st;
                while (w > b && w[-1] != ' ' && w[-1] != '\n') w--;
                if (!is_cap(w)) break;
                st = w;
                words++;
                while (st > b && st[-1] == ' ') st--;
                if (st > b && (st[-1] == '.' || st[-1] == ',' || st[-1] == '\n')) break;
            }
            if (!words) continue;
            while (*st == ' ') st++;
            size_t n = (size_t)(e - st);
            if (n > 2 && !strncmp(e - 2, "'s", 2)) n -= 2;
            char name[128], ric[32];
            if (n < 3 || n >= sizeof name || (size_t)(r1 - r0) >= sizeof ric) continue;
            memcpy(name, st, n);
            name[n] = 0;
            if (!strncmp(name, "A ", 2) || !strncmp(name, "The ", 4))
                memmove(name, name + (name[1] == ' ' ? 2 : 4), strlen(name) - 1);
            int bad = strlen(name) < 3;
            for (size_t k = 0; k < sizeof skip / sizeof *skip && !bad; k++)
                bad = !strcmp(name, skip[k]);
            memcpy(ric, r0, (size_t)(r1 - r0));
            ric[r1 - r0] = 0;
            for (int k = 0; k < ncomp && !bad; k++) bad = !strcmp(cric[k], ric);
            if (bad || !in_part(ric, part)) continue;
            cname[ncomp] = strdup(name);
            cric[ncomp] = strdup(ric);
            ncomp++;
        }
    }
}

static const char *days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
static const char *quarters[] = {"first", "second", "third", "fourth"};

static double fig(double lo, double hi)
{
    return lo + (hi - lo) * ddb_unit(&rng);
}

static char *earnings(int c, int q, int variant)
{
    np_buf b = {0};
    int up = ddb_unit(&rng) < 0.5;
    double ni = fig(50, 5000), eps = fig(0.1, 3.5), est = eps * fig(0.9, 1.1);
    if (variant == 0) {
        np_buf_printf(&b,
                      "%s (%s) said on %s its %s-quarter net income %s to $%.0f million, or $%.2f "
                      "per share, from $%.0f million, or $%.2f per share, a year earlier. "
                      "Revenue %s %.1f percent to $%.2f billion. Analysts on average had expected "
                      "earnings of $%.2f per share on revenue of $%.2f billion, according to "
                      "Thomson Reuters I/B/E/S. Shares of %s were %s %.1f percent at $%.2f in "
                      "%s trading.",
                      cname[c], cric[c], days[ddb_below(&rng, 5)], quarters[q],
                      up ? "rose" : "fell", ni, eps, ni * fig(0.7, 1.3), eps * fig(0.7, 1.3),
                      up ? "rose" : "fell", fig(0.5, 15), fig(1, 60), est, fig(1, 60), cname[c],
                      ddb_unit(&rng) < 0.5 ? "up" : "down", fig(0.2, 9), fig(10, 600),
                      ddb_unit(&rng) < 0.5 ? "premarket" : "after-hours");
    } else {
        np_buf_printf(&b,
                      "%s (%s) reported %s-quarter adjusted earnings of $%.2f per share on "
                      "revenue of $%.2f billion, %s analysts' average estimate of $%.2f per "
                      "share, according to Thomson Reuters I/B/E/S.",
                      cname[c], cric[c], quarters[q], eps, fig(1, 60), up ? "above" : "below", est);
    }
    return b.data;
}

static char *market_close(int day)
{
    static const char *sectors[] = {"technology", "energy",   "financial", "healthcare",
                                    "industrial", "consumer", "utilities", "materials"};
    int up = ddb_unit(&rng) < 0.5;
    np_buf b = {0};
    np_buf_printf(
        &b,
        "NEW YORK (Reuters) - U.S. stocks closed %s on %s, %s %s shares. The Dow Jones "
        "industrial average %s %.2f points, or %.2f percent, to end at %.2f. The Standard & "
        "Poor's 500 Index %s %.2f points, or %.2f percent, to finish at %.2f. The Nasdaq "
        "Composite Index %s %.2f points, or %.2f percent, to close at %.2f. Volume was %s, "
        "with about %.2f billion shares traded on the New York Stock Exchange, the Nasdaq and "
        "NYSE MKT, %s the month-to-date average of %.2f billion. %s stocks outnumbered %s "
        "ones on the NYSE by a ratio of %.1f to 1, while on the Nasdaq, %d issues %s and %d "
        "%s.",
        up ? "higher" : "lower", days[day % 5], up ? "driven by gains in" : "weighed down by",
        sectors[ddb_below(&rng, 8)], up ? "rose" : "fell", fig(5, 250), fig(0.05, 1.8),
        fig(14000, 16000), up ? "gained" : "lost", fig(0.5, 30), fig(0.05, 1.8), fig(1600, 1800),
        up ? "added" : "dropped", fig(1, 60), fig(0.05, 1.8), fig(3600, 4000),
        ddb_unit(&rng) < 0.5 ? "light" : "heavy", fig(5, 8),
        ddb_unit(&rng) < 0.5 ? "below" : "above", fig(5.5, 7), up ? "Advancing" : "Declining",
        up ? "declining" : "advancing", fig(1.1, 3), (int)fig(900, 2000), up ? "rose" : "fell",
        (int)fig(400, 1500), up ? "fell" : "rose");
    return b.data;
}

static const char *months[] = {"Jan.", "Feb.", "March", "April", "May",  "June",
                               "July", "Aug.", "Sept.", "Oct.",  "Nov.", "Dec."};

/* One commodity's daily report: which commodity and which day is the story. */
static char *commodity(int which, int day)
{
    static const char *what[][4] = {
        {"LONDON", "Gold", "an ounce", "Bullion"},
        {"NEW YORK", "U.S. crude oil", "a barrel", "Oil"},
        {"LONDON", "Copper", "a tonne", "The metal"},
        {"CHICAGO", "Soybeans", "a bushel", "The oilseed"},
    };
    static const double lo[] = {1250, 92, 7000, 12.5}, hi[] = {1350, 108, 7400, 13.5};
    int up = ddb_unit(&rng) < 0.5;
    double px = fig(lo[which], hi[which]);
    np_buf b = {0};
    np_buf_printf(&b,
                  "%s (Reuters) - %s %s %.1f percent to $%.2f %s on %s, %s %d, as %s. Prices hit "
                  "a session %s of $%.2f earlier. %s has %s %.1f percent so far this year, "
                  "while holdings of the largest exchange-traded fund stood at %.2f tonnes, "
                  "%s %.2f tonnes from the previous session.",
                  what[which][0], what[which][1], up ? "rose" : "fell", fig(0.1, 3), px,
                  what[which][2], days[day % 5], months[(day / 22) % 12], day % 22 + 1,
                  up ? "the dollar weakened" : "the dollar firmed", up ? "high" : "low",
                  px * fig(0.98, 1.02), what[which][3], up ? "gained" : "lost", fig(1, 25),
                  fig(800, 900), up ? "up" : "down", fig(0.5, 9));
    return b.data;
}

/* ---- base selection ---------------------------------------------------------------------- */

static int count_words(const char *s)
{
    int n = 0, in = 0;
    for (; *s; s++) {
        int w = *s != ' ' && *s != '\n';
        n += w && !in;
        in = w;
    }
    return n;
}

static int shares_ric(const char *a, const char *b)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", a);
    for (char *save, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        const char *p = b;
        size_t n = strlen(t);
        while ((p = strstr(p, t))) {
            if ((p == b || p[-1] == ',') && (p[n] == 0 || p[n] == ',')) return 1;
            p += n;
        }
    }
    return 0;
}

static int n_short, n_sfig, n_supd;

/* Four in five of the stories whose lead and one or two paragraphs make a short number-dense item
 * (at most 110 words, at least one number per 20) appear only in that form: a
 * short-original and, seven times in ten, a re-send with every figure changed
 * (short-figures-all) or with all the issue-18 edits (short-update-all). Returns 1 when
 * story k was emitted so. */
static int short_story(const ddb_article *x, const doc *src, const doc *docs, int nb, int k,
                       int64_t t)
{
    if (src->n < 3) return 0;
    doc d = {.n = 0};
    for (int i = 0; i < 3; i++) d.p[d.n++] = strdup(src->p[i]);
    char *body = doc_text(&d);
    if (count_words(body) > 110) {
        free(body);
        free(d.p[--d.n]);
        body = doc_text(&d);
    }
    int words = count_words(body), nums = 0;
    for (const char *c = body; *c; c++)
        nums += *c >= '0' && *c <= '9' && !(c[1] >= '0' && c[1] <= '9') &&
                !(c[1] == '.' && c[2] >= '0' && c[2] <= '9') && !(c[1] == ',' && c[2] >= '0');
    if (words > 110 || nums * 20 < words || ddb_unit(&rng) < 0.2) {
        free(body);
        doc_free(&d);
        return 0;
    }
    emit(t, x->id, 0, x->title, body, x->id, "short-original");
    n_short++;
    double u = ddb_unit(&rng);
    if (u < 0.7) {
        int all = u < 0.4;
        char rid[640];
        snprintf(rid, sizeof rid, "%s-r1", x->id);
        if (all)
            update_all(&d, docs, nb, k);
        else
            change_all_figures(&d);
        char *nb2 = doc_text(&d), *title = all ? update_title(x->title) : new_title(x->title);
        emit(t + 600 + (int64_t)ddb_below(&rng, 12 * 3600), rid, 0, title, nb2, x->id,
             all ? "short-update-all" : "short-figures-all");
        n_supd += all;
        n_sfig += !all;
        free(nb2);
        free(title);
    }
    free(body);
    doc_free(&d);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: dedupe-devset ARTICLES LABELS [SEED [all|dev|test]] > "
                        "devset.ndjson\n");
        return 64;
    }
    rng.s = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
    const char *part = argc > 4 ? argv[4] : "all";
    if (strcmp(part, "all") && strcmp(part, "dev") && strcmp(part, "test")) {
        fprintf(stderr, "dedupe-devset: PART is all, dev or test, not %s\n", part);
        return 64;
    }
    ddb_article *a;
    long na = ddb_read(argv[1], argv[2], &a);
    if (na < 0) return 66;
    find_companies(a, na, part);

    /* Bases: first of each story_id and body; at least 80 words; no 5-shingle Jaccard
     * >= 0.25 with an earlier base (the sample has unlabeled re-sends under new ids). */
    int *base = malloc((size_t)na * sizeof *base), nb = 0, removed_overlap = 0, skipped = 0;
    ddb_shset *sets = malloc((size_t)na * sizeof *sets);
    dd_hval(*sigs)[128] = malloc((size_t)na * sizeof *sigs);
    uint64_t work[128];
    dd_shingles sh = {0};
    for (long i = 0; i < na; i++) {
        int dup = count_words(a[i].body) < 80 || !in_part(a[i].story, part);
        for (int k = 0; k < nb && !dup; k++)
            dup = !strcmp(a[base[k]].story, a[i].story) || !strcmp(a[base[k]].md5, a[i].md5);
        if (dup) {
            skipped++;
            continue;
        }
        ddb_shset s;
        if (ddb_shset_make(&s, &sh, a[i].body, strlen(a[i].body)) < 0) {
            fputs("dedupe-devset: out of memory\n", stderr);
            return 70;
        }
        dd_minhash(s.h, s.n, 128, 7, work, sigs[nb]);
        int overlap = 0;
        for (int k = 0; k < nb && !overlap; k++)
            if (dd_sig_matches(sigs[nb], sigs[k], 128) >= 12 && ddb_jaccard(&s, &sets[k]) >= 0.25)
                overlap = 1;
        if (overlap) {
            removed_overlap++;
            free(s.h);
            continue;
        }
        sets[nb] = s;
        base[nb++] = (int)i;
    }
    fprintf(
        stderr,
        "dedupe-devset: %ld Reuters articles; %d bases (%d skipped: short, or same story_id "
        "or body as an earlier one; %d more with 5-shingle Jaccard >= 0.25 to an earlier base)\n",
        na, nb, skipped, removed_overlap);

    doc *docs = calloc((size_t)nb, sizeof *docs);
    for (int k = 0; k < nb; k++) doc_from(&docs[k], a[base[k]].body);

    static const char *kinds[] = {"exact-headline", "exact-reflow", "exact-id", "lead",
                                  "append",         "insert",       "drop",     "figures",
                                  "truncate",       "combo2",       "combo3",   "update-all"};
    enum { NKINDS = 12 };
    int count[NKINDS] = {0}, same_company = 0;
    const int64_t T0 = 1380585600; /* 2013-10-01 */
    /* Originals in a shuffled order, ten minutes apart. */
    int *order = malloc((size_t)nb * sizeof *order);
    for (int k = 0; k < nb; k++) order[k] = k;
    for (int k = nb - 1; k > 0; k--) {
        int j = (int)ddb_below(&rng, (unsigned long)k + 1), t = order[k];
        order[k] = order[j];
        order[j] = t;
    }
    for (int r = 0; r < nb; r++) {
        int k = order[r];
        const ddb_article *x = &a[base[k]];
        int64_t t = T0 + (int64_t)r * 600;
        int sc = 0;
        for (int q = 0; q < r && !sc; q++)
            sc = x->rics[0] && shares_ric(x->rics, a[base[order[q]]].rics);
        same_company += sc;
        if (short_story(x, &docs[k], docs, nb, k, t)) continue;
        emit(t, x->id, 0, x->title, x->body, x->id, sc ? "same-company" : "original");
        int copies = ddb_unit(&rng) < 0.6 ? 1 + (ddb_unit(&rng) < 0.3) : 0;
        for (int c = 0; c < copies; c++) {
            int kind = (int)ddb_below(&rng, NKINDS);
            int64_t tc = t + 600 + (int64_t)ddb_below(&rng, 36 * 3600);
            char rid[600];
            snprintf(rid, sizeof rid, "%s-r%d", x->id, c + 1);
            char *title = new_title(x->title), *body = NULL;
            doc d;
            doc_copy(&d, &docs[k]);
            const char *kname = kinds[kind];
            switch (kind) {
            case 0: body = strdup(x->body); break;
            case 1: {
                np_buf b = {0};
                for (const char *p = x->body; *p; p++) {
                    if (*p == ' ' && ddb_unit(&rng) < 0.05)
                        np_buf_puts(&b, "  \n");
                    else if (*p == '\n')
                        np_buf_puts(&b, " ");
                    else
                        np_buf_putc(&b, ddb_unit(&rng) < 0.02 && *p >= 'a' && *p <= 'z'
                                            ? (char)(*p - 32)
                                            : *p);
                }
                body = b.data;
                break;
            }
            case 2:
                change_figures(&d, 2);
                body = doc_text(&d);
                snprintf(rid, sizeof rid, "%s", x->id);
                break;
            case 3: apply(&d, E_LEAD, docs, nb, k); break;
            case 4: apply(&d, E_APPEND, docs, nb, k); break;
            case 5: apply(&d, E_INSERT, docs, nb, k); break;
            case 6: apply(&d, E_DROP, docs, nb, k); break;
            case 7: apply(&d, E_FIGURES, docs, nb, k); break;
            case 8: {
                int keep = d.n - (int)(d.n * fig(0.25, 0.4));
                if (keep < 1) keep = 1;
                while (d.n > keep) free(d.p[--d.n]);
                break;
            }
            case 11:
                update_all(&d, docs, nb, k);
                free(title);
                title = update_title(x->title);
                break;
            default: {
                int m = kind == 9 ? 2 : 3, used = 0;
                for (int e = 0; e < m;) {
                    int pick = (int)ddb_below(&rng, E_NEDITS);
                    if (used & 1 << pick) continue;
                    used |= 1 << pick;
                    apply(&d, pick, docs, nb, k);
                    e++;
                }
            }
            }
            if (!body) body = doc_text(&d);
            count[kind]++;
            emit(tc, rid, 0, title, body, x->id, kname);
            free(title);
            free(body);
            doc_free(&d);
        }
    }
    /* Templated items of companies found in the sample (of this part): earnings items in two
     * templates for two quarters, commodity reports and market closes of days (150 days in
     * the dev part, 50 others in the test part); each may be re-sent corrected (one figure)
     * or updated (every figure changed, an "UPDATE 2-" headline, a sentence appended). */
    int n_earn = 0, n_mkt = 0, n_com = 0, n_corr = 0, n_upd = 0;
    int firstday = strcmp(part, "test") ? 0 : 150, ndays = strcmp(part, "all") ? 150 : 200;
    if (!strcmp(part, "test")) ndays = 50;
    int ncos = ncomp < 150 ? ncomp : 150;
    for (int item = 0; item < ncos * 4 + ndays * 5; item++) {
        char id[96];
        int c = item / 4, q = 2 + item % 4 / 2, v = item % 2, day = 0, which = 0;
        const char *kind = "templated-earnings", *title = "Results";
        if (item >= ncos * 4) {
            int j = item - ncos * 4;
            day = firstday + j / 5;
            which = j % 5;
            kind = which == 4 ? "templated-market" : "templated-commodity";
            title = which == 4 ? "Stocks close" : "Commodities";
            snprintf(id, sizeof id, "tpl-%s-%d-%d", which == 4 ? "market" : "commodity", which,
                     day);
        } else
            snprintf(id, sizeof id, "tpl-earn-%s-q%d-v%d", cric[c], q + 1, v);
        uint64_t saved = rng.s;
        char *body = item < ncos * 4 ? earnings(c, q, v)
                     : which == 4    ? market_close(day)
                                     : commodity(which, day);
        int64_t t = item < ncos * 4 ? T0 + (int64_t)ddb_below(&rng, (uint64_t)nb * 600)
                                    : T0 + (int64_t)(day - firstday) * 86400 + 36000 + which * 7200;
        emit(t, id, 0, title, body, id, kind);
        n_earn += item < ncos * 4;
        n_com += item >= ncos * 4 && which < 4;
        n_mkt += which == 4 && item >= ncos * 4;
        double u = ddb_unit(&rng);
        if (u < 0.3) {
            /* the same item re-sent: corrected (one figure) or updated (every figure) */
            int upd = u < 0.2;
            uint64_t after = rng.s;
            rng.s = saved;
            char *again = item < ncos * 4 ? earnings(c, q, v)
                          : which == 4    ? market_close(day)
                                          : commodity(which, day);
            rng.s = after;
            doc d = {.p = {again}, .n = 1};
            if (upd) {
                change_all_figures(&d);
                insert_para(&d, 1, donor_paragraph(docs, nb, -1));
            } else
                change_figures(&d, 1);
            char cid[120], ctitle[64], *cb = doc_text(&d);
            snprintf(cid, sizeof cid, "%s-%s", id, upd ? "upd" : "corr");
            snprintf(ctitle, sizeof ctitle, "%s%s", upd ? "UPDATE 2-" : "CORRECTED-", title);
            emit(t + 900 + (int64_t)ddb_below(&rng, 4 * 3600), cid, 0, ctitle, cb, id,
                 upd ? "templated-update" : "templated-correction");
            n_corr += !upd;
            n_upd += upd;
            free(cb);
            doc_free(&d);
        }
        free(body);
    }
    qsort(ev, nev, sizeof *ev, by_time);
    for (size_t i = 0; i < nev; i++) {
        fputs(ev[i].line, stdout);
        fputc('\n', stdout);
        free(ev[i].line);
    }
    fprintf(stderr, "dedupe-devset: %zu records: %d originals (%d same-company), ", nev, nb,
            same_company);
    for (int k = 0; k < NKINDS; k++) fprintf(stderr, "%d %s, ", count[k], kinds[k]);
    fprintf(stderr,
            "%d short-original (%d short-figures-all, %d short-update-all); %d companies, %d "
            "templated-earnings, %d templated-commodity, %d templated-market, %d "
            "templated-correction, %d templated-update\n",
            n_short, n_sfig, n_supd, ncomp, n_earn, n_com, n_mkt, n_corr, n_upd);
    for (int c = 0; c < ncomp; c++) {
        free(cname[c]);
        free(cric[c]);
    }
    for (int k = 0; k < nb; k++) {
        doc_free(&docs[k]);
        free(sets[k].h);
    }
    free(docs);
    free(sets);
    free(sigs);
    free(base);
    free(order);
    free(ev);
    dd_shingles_free(&sh);
    ddb_free(a, na);
    return 0;
}
