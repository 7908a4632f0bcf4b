/* A tiny training run: the trainer learns a small CoNLL snippet, is deterministic for a
 * seed, and the tagger then finds the snippet's entities in new text with byte and
 * code-point offsets (multi-byte UTF-8 before them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "labels.h"
#include "model.h"
#include "tagger.h"
#include "train.h"

static const char *const snippet =
    "-DOCSTART- -X- O O\n\n"
    "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nvisited VBD I-VP O\n"
    "Germany NNP I-NP I-LOC\n. . O O\n\n"
    "Acme NNP I-NP I-ORG\nCorp NNP I-NP I-ORG\nhired VBD I-VP O\nMary NNP I-NP I-PER\n"
    "Smith NNP I-NP I-PER\nin IN I-PP O\nFrance NNP I-NP I-LOC\n. . O O\n\n"
    "The DT I-NP O\nGerman JJ I-NP I-MISC\nminister NN I-NP O\nmet VBD I-VP O\n"
    "Acme NNP I-NP I-ORG\nCorp NNP I-NP I-ORG\n. . O O\n\n"
    "-DOCSTART- -X- O O\n\n"
    "Mary NNP I-NP I-PER\nSmith NNP I-NP I-PER\nleft VBD I-VP O\nFrance NNP I-NP I-LOC\n"
    "for IN I-PP O\nGermany NNP I-NP I-LOC\n. . O O\n\n"
    "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\njoined VBD I-VP O\nAcme NNP I-NP I-ORG\n"
    "Corp NNP I-NP I-ORG\n. . O O\n";

static int slurp(const char *p, unsigned char **b, long *n)
{
    FILE *f = fopen(p, "rb");
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    *n = ftell(f);
    rewind(f);
    *b = malloc((size_t)*n + 1);
    size_t got = *b ? fread(*b, 1, (size_t)*n, f) : 0;
    fclose(f);
    return got == (size_t)*n ? 0 : -1;
}

int main(void)
{
    char dir[] = "/tmp/etag-train-test.XXXXXX";
    if (!mkdtemp(dir)) skip_all("mkdtemp failed");
    char data[256], m1[256], m2[256];
    snprintf(data, sizeof data, "%s/tiny.conll", dir);
    snprintf(m1, sizeof m1, "%s/a.model", dir);
    snprintf(m2, sizeof m2, "%s/b.model", dir);
    FILE *f = fopen(data, "w");
    fputs(snippet, f);
    fclose(f);

    /* stderr carries the per-epoch progress; keep it out of the TAP stream */
    fflush(stderr);
    int saved = dup(2);
    freopen("/dev/null", "w", stderr);
    char *a1[] = {"train", "--train",  data, "--dev",  data, "--out",
                  m1,      "--epochs", "5",  "--seed", "7",  NULL};
    char *a2[] = {"train", "--train",  data, "--dev",  data, "--out",
                  m2,      "--epochs", "5",  "--seed", "7",  NULL};
    int rc1 = etag_train_main(11, a1);
    int rc2 = etag_train_main(11, a2);
    char *a3[] = {"train", "--train", "/nonexistent/x.conll", "--out", m2, NULL};
    int rc3 = etag_train_main(5, a3);
    char *a4[] = {"train", "--out", m2, NULL};
    int rc4 = etag_train_main(3, a4);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    ok(rc1 == 0 && rc2 == 0, "two training runs succeed");
    unsigned char *b1 = NULL, *b2 = NULL;
    long n1 = 0, n2 = 0;
    ok(slurp(m1, &b1, &n1) == 0 && slurp(m2, &b2, &n2) == 0 && n1 == n2 &&
           memcmp(b1, b2, (size_t)n1) == 0,
       "same seed, same data: byte-identical models (%ld bytes)", n1);
    free(b1);
    free(b2);
    ok(rc3 == 66, "missing training file: exit 66, an input that cannot be opened (got %d)", rc3);
    ok(rc4 == 64, "no --train: usage, exit 64 (got %d)", rc4);

    etag_model m;
    char err[512];
    ok(etag_model_open(&m, m1, err, sizeof err) == 0, "the trained model opens (%s)", err);
    etag_tagger t = {0};
    t.model = &m;
    t.types = (1u << ETAG_NTYPES) - 1;
    /* "é" and an emoji before the names shift code points against bytes */
    const char *text = "\xc3\xa9 \xf0\x9f\x98\x80 Mary Smith visited Germany.";
    const char *texts[1] = {text};
    size_t lens[1] = {strlen(text)};
    ok(etag_tagger_run(&t, texts, lens, 1) == 0, "tag a new sentence");
    int per = 0, loc = 0;
    for (size_t i = 0; i < t.nents; i++) {
        const etag_entity *e = &t.ents[i];
        if (e->type == ETAG_PER && e->start == 4 && e->end == 14 && e->bstart == 8 && e->bend == 18)
            per = 1;
        if (e->type == ETAG_LOC && e->start == 23 && e->end == 30) loc = 1;
    }
    ok(per, "PER \"Mary Smith\" at code points 4-14, bytes 8-18");
    ok(loc, "LOC \"Germany\" at code points 23-30");
    texts[0] = "";
    lens[0] = 0;
    ok(etag_tagger_run(&t, texts, lens, 1) == 0 && t.nents == 0, "empty text: no entities");
    etag_tagger_free(&t);
    etag_model_close(&m);
    unlink(data);
    unlink(m1);
    unlink(m2);
    rmdir(dir);
    return done_testing();
}
