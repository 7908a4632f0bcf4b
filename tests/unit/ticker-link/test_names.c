/* ticker-link name normalization: legal forms, "The", "&", possessives, accents and the
 * short form without "Holdings"/"Group"; one-word names are weak. */
#include <string.h>

#include "names.h"
#include "normalize.h"
#include "tap.h"

static tl_toks T;

static uint64_t key_of(const char *s, int which, uint8_t *flags)
{
    tl_name_key k[2];
    int n = tl_name_keys(s, strlen(s), &T, k);
    if (n <= which) return 0;
    if (flags) *flags = k[which].flags;
    return k[which].key;
}

int main(void)
{
    uint8_t f = 0;
    ok(key_of("Apple Inc.", 0, NULL) == key_of("APPLE INC", 0, NULL), "case and legal form");
    ok(key_of("The Coca-Cola Company", 0, NULL) == key_of("Coca Cola", 0, NULL),
       "leading The, hyphen, Company");
    ok(key_of("JPMorgan Chase & Co.", 0, NULL) == key_of("JPMorgan Chase", 0, NULL), "& Co");
    ok(key_of("Vodafone Group Public Limited Company", 0, NULL) ==
           key_of("Vodafone Group Plc", 0, NULL),
       "Public Limited Company");
    ok(key_of("PTT Public Company Limited", 0, NULL) == key_of("PTT", 0, NULL),
       "Public Company Limited");
    ok(key_of("Public Storage", 0, NULL) != key_of("Storage", 0, NULL) &&
           key_of("Public Storage", 0, NULL),
       "a name that starts with Public keeps it");
    ok(key_of("Procter & Gamble", 0, NULL) == key_of("Procter and Gamble", 0, NULL), "& = and");
    ok(key_of("Nestlé S.A.", 0, NULL) == key_of("NESTLE SA", 0, NULL), "accents and S.A.");
    ok(key_of("Banco Santander, S.A.", 0, NULL) == key_of("Banco Santander", 0, NULL),
       "cut at the comma");
    ok(key_of("McDonald's Corp", 0, NULL) == key_of("McDonald’s", 0, NULL),
       "possessive, straight and curly");
    ok(key_of("Alibaba Group Holding Ltd", 1, NULL) == key_of("Alibaba", 0, NULL),
       "short form drops Group Holding");
    key_of("Target Corp", 0, &f);
    ok(f & TL_KEY_WEAK, "a one-word name is weak");
    key_of("Archer Daniels Midland Co", 0, &f);
    ok(!(f & TL_KEY_WEAK), "a three-word name is strong");
    ok(key_of("The Bank of", 0, NULL) == 0, "a name cut at a connector is no name");
    ok(key_of("", 0, NULL) == 0 && key_of("  ,. ", 0, NULL) == 0, "empty and punctuation names");
    ok(tl_is_legal_word(tl_word_hash("plc", 3)) && tl_is_legal_word(tl_word_hash("holdings", 8)),
       "legal words");
#define H(w) tl_word_hash(w, strlen(w))
    ok(tl_legal_form_kind(H("corporation")) == H("corp") &&
           tl_legal_form_kind(H("corp")) == H("corp") &&
           tl_legal_form_kind(H("limited")) == H("ltd") &&
           tl_legal_form_kind(H("cos")) == H("co") && tl_legal_form_kind(H("company")) == H("co") &&
           tl_legal_form_kind(H("plc")) == H("plc"),
       "a legal form's spellings are one kind (Corporation and Corp, Limited and Ltd)");
    ok(tl_legal_form_kind(H("group")) == 0 && tl_legal_form_kind(H("holdings")) == 0 &&
           tl_legal_form_kind(H("noble")) == 0,
       "group words and other words are no legal form's kind");
#undef H
    /* Tokens carry code-point offsets. */
    const char *s = "Ä Alibaba’s";
    tl_tokenize(s, strlen(s), &T);
    ok(T.n == 2 && T.t[1].cp0 == 2 && T.t[1].cp1 == 9 && (T.t[1].flags & TL_TOK_POSS),
       "code-point offsets and possessive");
    /* A tab separates phrases (a table's cells); a space does not. */
    const char *cells = "Ardmore\tOklahoma Valero";
    tl_tokenize(cells, strlen(cells), &T);
    ok(T.n == 3 && (T.t[1].flags & TL_TOK_BREAK) && !(T.t[2].flags & TL_TOK_BREAK),
       "a tab breaks a phrase, a space does not");
    /* A full stop before a closing quote ends the sentence; U.S. before a quote does not. */
    const char *q[] = {"going forward.\" Also, Facebook", "going forward.\xe2\x80\x9d Also",
                       "going forward.) Also", "going forward.' Also"};
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        tl_tokenize(q[i], strlen(q[i]), &T);
        ok(T.n >= 3 && (T.t[2].flags & TL_TOK_SENT), "a sentence ends before a closing mark (%zu)",
           i);
    }
    const char *us = "the U.S.\" Steel";
    tl_tokenize(us, strlen(us), &T);
    ok(T.n == 4 && !(T.t[3].flags & TL_TOK_SENT), "not after a one-letter word");
    tl_toks_free(&T);
    return done_testing();
}
