/* ticker-link's built-in word lists: every list fits its table, each legal form of
 * legal_forms.def lands in the sets its flags name, and words of one list do not leak into
 * another. */
#include <string.h>

#include "normalize.h"
#include "tap.h"
#include "words.h"

static const struct {
    const char *word;
    unsigned flags;
} forms[] = {
#define TL_LEGAL_FORM(w, f) {w, f},
#include "legal_forms.def"
#undef TL_LEGAL_FORM
};

static int in(tl_wordlist l, const char *w)
{
    return tl_word_in(l, tl_word_hash(w, strlen(w)));
}

int main(void)
{
    ok(tl_words_init() == 0, "every built-in list fits its table");
    int wrong = 0;
    size_t n = sizeof forms / sizeof *forms;
    for (size_t i = 0; i < n; i++) {
        unsigned f = forms[i].flags;
        const char *w = forms[i].word;
        if (in(TL_W_LEGAL, w) != !!(f & TL_FORM_WORD) ||
            in(TL_W_GROUP, w) != !!(f & TL_FORM_GROUP) ||
            in(TL_W_DOTTED, w) != !!(f & TL_FORM_DOTTED) ||
            ((f & TL_FORM_BEFORE) && !in(TL_W_BEFORE_OK, w)))
            wrong++;
    }
    ok(n > 50 && wrong == 0, "%zu legal forms, each in the sets its flags name (%d wrong)", n,
       wrong);
    ok(in(TL_W_BEFORE_OK, "rival") && in(TL_W_BEFORE_OK, "holdings") && !in(TL_W_BEFORE_OK, "gmbh"),
       "before-ok: its own words and the forms marked TL_FORM_BEFORE only");
    ok(in(TL_W_COMMON, "target") && !in(TL_W_COMMON, "boeing"), "common words");
    ok(in(TL_W_INSTITUTION, "foundation") && in(TL_W_CONNECTOR, "of") &&
           in(TL_W_COUNTRY, "brazil") && in(TL_W_CUE_AFTER, "said") &&
           in(TL_W_CUE_BEFORE, "miner") && in(TL_W_DETERMINER, "the") &&
           in(TL_W_AFTER_OK, "chairman"),
       "each context list has its words");
    ok(in(TL_W_INDEX_PROVIDER, "msci") && in(TL_W_INDEX_WORD, "index") &&
           !in(TL_W_INDEX_PROVIDER, "index"),
       "index providers and index words");
    ok(!in(TL_W_INSTITUTION, "of") && !in(TL_W_LEGAL, "foundation") && !in(TL_W_GROUP, "inc"),
       "and not another list's");
    const char *ch = tl_word_nation(tl_word_hash("swiss", 5)),
               *hk = tl_word_nation(tl_word_hash("kong", 4));
    ok(ch && !strcmp(ch, "CH") && hk && !strcmp(hk, "HK") &&
           !tl_word_nation(tl_word_hash("boeing", 6)),
       "nationality words give their country");
    return done_testing();
}
