/* Per-article analysis for the summarizer: sentences, the candidate sentences a summary may
 * use, their term vectors (tf-idf over the article's sentences) and the features the scorer
 * weighs (position, PacSum-style directed centrality, title overlap, length, ...).
 *
 * Linear in the article: only the first SUMM_MAX_CAND candidate sentences enter the sentence
 * graph, and centrality is computed with prefix/suffix sums of unit term vectors (the sum of
 * cosine similarities to all earlier or later sentences) instead of a pairwise matrix. */
#ifndef SUMM_ANALYSE_H
#define SUMM_ANALYSE_H

#include <stddef.h>
#include <stdint.h>

#include "sentence.h"

#define SUMM_MAX_CAND 200

/* Feature indices. Names (for the weights file) are in summ_feature_names. */
enum {
    SUMM_F_BIAS,
    SUMM_F_FIRST,      /* the first candidate */
    SUMM_F_SECOND,     /* the second candidate */
    SUMM_F_INV_POS,    /* 1 / (position + 1) */
    SUMM_F_REL_POS,    /* position / number of candidates */
    SUMM_F_PARA_START, /* opens a paragraph */
    SUMM_F_CENT_FWD,   /* mean cosine similarity to later sentences (PacSum's forward edges) */
    SUMM_F_CENT_BWD,   /* mean cosine similarity to earlier sentences */
    SUMM_F_CENT_REL,   /* (forward + backward) / the article's maximum */
    SUMM_F_TITLE_COS,  /* cosine similarity to the title */
    SUMM_F_TITLE_HIT,  /* share of the title's terms the sentence contains */
    SUMM_F_LOG_WORDS,  /* log(1 + words) */
    SUMM_F_SHORT,      /* fewer than 8 words */
    SUMM_F_LONG,       /* more than 40 words */
    SUMM_F_REL_LEN,    /* words / the article's mean words per candidate */
    SUMM_F_QUOTE,      /* opens with a quotation mark */
    SUMM_F_HEADING,    /* no final punctuation */
    SUMM_F_QUESTION,   /* ends with ? or ! */
    SUMM_F_FREQ_MEAN,  /* mean over its terms of the term's sentence frequency / the maximum */
    SUMM_F_NUMBER,     /* contains a number */
    SUMM_F_THIRD,      /* the third candidate */
    SUMM_F_LOG_POS,    /* log(1 + position) */
    /* the learned position prior: one weight per position band (first, second, third above) */
    SUMM_F_POS4,     /* the fourth candidate */
    SUMM_F_POS5,     /* the fifth */
    SUMM_F_POS6,     /* the sixth */
    SUMM_F_POS7_10,  /* the seventh to the tenth */
    SUMM_F_POS11_15, /* the 11th to the 15th */
    SUMM_F_POS16_25, /* the 16th to the 25th */
    SUMM_F_POS26,    /* later */
    SUMM_F_LOG_WPOS, /* log(1 + words before it) */
    /* length, in whitespace-separated words, absolute and relative to the article */
    SUMM_F_W1_9,     /* 1 to 9 words */
    SUMM_F_W10_19,   /* 10 to 19 */
    SUMM_F_W30_44,   /* 30 to 44 */
    SUMM_F_W45_59,   /* 45 to 59 */
    SUMM_F_W60,      /* 60 or more: rarely one sentence (captions glued on) */
    SUMM_F_REL_LONG, /* more than twice the article's mean */
    SUMM_F_CAPTION,  /* looks like a picture caption: "Pictured: ...", "(left)", "(pictured)" */
    SUMM_NFEAT
};

extern const char *const summ_feature_names[SUMM_NFEAT];

enum {
    SUMM_C_WEAK = 1 << 0, /* a short heading: used only when nothing else is there */
};

typedef struct {
    uint32_t sent;             /* index into the article's sentences */
    uint32_t start, end;       /* byte span in the text (a dateline cut off) */
    uint32_t cp_start, cp_end; /* the same in code points */
    uint32_t words;            /* words (all, including stop words) */
    uint32_t wwords;           /* whitespace-separated words, as wc -w counts them */
    uint32_t t0, t1;           /* its terms: terms[t0..t1) */
    uint32_t flags;            /* SUMM_C_* */
    float x[SUMM_NFEAT];       /* features */
} summ_cand;

typedef struct {
    uint32_t slot; /* the term's slot in the article's term table */
    float w;       /* tf-idf weight, the vector normalized to length 1 */
} summ_term;

/* All per-article state. Zero-initialize; reuse across articles (buffers only grow);
 * release with summ_doc_free(). */
typedef struct {
    np_sentences sents;
    summ_cand *cand;
    size_t ncand, capcand;
    summ_term *terms;
    size_t nterms, capterms;
    /* the term table: open addressing by 64-bit hash, slots dense in order of first use */
    uint64_t *key;    /* slot -> hash */
    uint32_t *sf;     /* slot -> number of candidates containing the term */
    uint32_t *last;   /* slot -> last candidate that counted it, + 1 */
    double *acc;      /* slot -> running sum of unit vectors (centrality), or scratch */
    uint32_t *bucket; /* slot -> its bucket in index (to clear the index quickly) */
    size_t nslots, capslots;
    uint32_t *index; /* hash bucket -> slot + 1 */
    size_t nindex;   /* power of two */
    uint32_t *title; /* title term slots (present in the article) */
    size_t ntitle, captitle;
} summ_doc;

/* Analyses text[0..n) (valid UTF-8), with an optional title (NULL), into d. Returns 0, or -1
 * when out of memory. */
int summ_doc_analyse(summ_doc *d, const char *text, size_t n, const char *title, size_t tn);

/* Scatters candidate c's unit vector into d->acc (which must be all zero) so that
 * summ_doc_dot() can take dot products with it; summ_doc_unscatter() zeroes it again. */
void summ_doc_scatter(summ_doc *d, size_t c);
void summ_doc_unscatter(summ_doc *d, size_t c);
/* Cosine similarity of candidate c with the scattered one. */
double summ_doc_dot(const summ_doc *d, size_t c);

void summ_doc_free(summ_doc *d);

#endif
