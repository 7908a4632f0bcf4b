/* The FinanceDatabase equities TSV reader (see import_model.h, tl_read_intl): the listings
 * of non-US exchanges, their countries, the secondary quotes of foreign shares, and the size
 * that quotes abroad give a company. Build-time code: clarity over speed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../exchanges.h"
#include "import_model.h"
#include "../listings.h"
#include "../names.h"

static const struct {
    const char *name, *code;
} countries[] = {
    {"United States", "US"},
    {"China", "CN"},
    {"Hong Kong", "HK"},
    {"Japan", "JP"},
    {"United Kingdom", "GB"},
    {"Germany", "DE"},
    {"France", "FR"},
    {"Netherlands", "NL"},
    {"Switzerland", "CH"},
    {"Italy", "IT"},
    {"Spain", "ES"},
    {"Sweden", "SE"},
    {"Norway", "NO"},
    {"Denmark", "DK"},
    {"Finland", "FI"},
    {"Belgium", "BE"},
    {"Austria", "AT"},
    {"Portugal", "PT"},
    {"Ireland", "IE"},
    {"Luxembourg", "LU"},
    {"Canada", "CA"},
    {"Australia", "AU"},
    {"New Zealand", "NZ"},
    {"Singapore", "SG"},
    {"India", "IN"},
    {"South Korea", "KR"},
    {"Taiwan", "TW"},
    {"Brazil", "BR"},
    {"Mexico", "MX"},
    {"Israel", "IL"},
    {"South Africa", "ZA"},
    {"Russia", "RU"},
    {"Bermuda", "BM"},
    {"Cayman Islands", "KY"},
    {"Jersey", "JE"},
    {"Guernsey", "GG"},
    {"Isle of Man", "IM"},
    {"Greece", "GR"},
    {"Poland", "PL"},
    {"Turkey", "TR"},
    {"Indonesia", "ID"},
    {"Malaysia", "MY"},
    {"Thailand", "TH"},
    {"Philippines", "PH"},
    {"Argentina", "AR"},
    {"Chile", "CL"},
    {"Colombia", "CO"},
    {"Peru", "PE"},
    {"United Arab Emirates", "AE"},
    {"Saudi Arabia", "SA"},
    {"Macau", "MO"},
    {"Monaco", "MC"},
    {"Cyprus", "CY"},
    {"Czech Republic", "CZ"},
    {"Hungary", "HU"},
    {"Iceland", "IS"},
    {"Malta", "MT"},
    {"Vietnam", "VN"},
    {"Kazakhstan", "KZ"},
    {"Ukraine", "UA"},
    {"Egypt", "EG"},
    {"British Virgin Islands", "VG"},
    {"Gibraltar", "GI"},
    {"Liechtenstein", "LI"},
};

const char *tl_country_code(const char *name)
{
    for (size_t i = 0; i < sizeof countries / sizeof *countries; i++)
        if (!strcmp(countries[i].name, name)) return countries[i].code;
    return "";
}

/* Lines that are not a company's own listing: foreign shares quoted on a second market
 * (US companies in Vienna or Milan, the LSE's international order book "0xxx"), and
 * exchange-traded products without a domicile. The issuer's home listing stays. A fund
 * family's name is matched in either case (FinanceDatabase writes 17 iShares lines of Hong
 * Kong and London "ISHARES", country Brazil), as is an Indian fund house's "Mutual Fund"
 * (BSE lines of "ICICI Prudential Mutual Fund", "Tata Mutual Fund": the funds, not the
 * company). */
static int product_name(const char *name)
{
    static const char *const products[] = {
        "Leverage Shares", " ETC", " ETF", " ETN", "LS ", " CW ", "Turbo", "TURBO", " BSA"};
    static const char *const families[] = {"ishares", "xtrackers", "lyxor",      "wisdomtree",
                                           "amundi",  "tracker",   "mutual fund"};
    for (size_t i = 0; i < sizeof products / sizeof *products; i++)
        if (strstr(name, products[i])) return 1;
    char low[256];
    size_t n = 0;
    for (; name[n] && n + 1 < sizeof low; n++)
        low[n] = (char)(name[n] >= 'A' && name[n] <= 'Z' ? name[n] + 32 : name[n]);
    low[n] = 0;
    for (size_t i = 0; i < sizeof families / sizeof *families; i++)
        if (strstr(low, families[i])) return 1;
    return n >= 8 && !strcmp(low + n - 8, "mutual f"); /* a name cut short: "... Mutual F" */
}

static int secondary_quote(const tl_exchange *x, const char *sym, const char *name, const char *dom)
{
    static const char *const second_markets[] = {"XWBO", "XSWX", "XMIL", "XETR", "XSTO",
                                                 "XLON", "XPAR", "XAMS", "XTSE"};
    if (product_name(name)) return 1;
    size_t ns = strlen(sym);
    if (!strcmp(x->mic, "XNSE") && ns > 3 && !strcmp(sym + ns - 3, "-MF"))
        return 1; /* NSE's units of mutual funds ("ABSLRIF6RG-MF") */
    if (!strcmp(x->mic, "XLON") && sym[0] == '0' && sym[1] >= 'A' && sym[1] <= 'Z') return 1;
    if (!strcmp(dom, x->country)) return 0;
    if (!strcmp(dom, "US")) return 1;
    for (size_t i = 0; i < sizeof second_markets / sizeof *second_markets; i++) {
        if (strcmp(x->mic, second_markets[i])) continue;
        if (!dom[0]) return 1;
        /* London hosts many primary listings of companies domiciled in the Channel Islands,
         * Ireland, Bermuda and the like; elsewhere a foreign domicile means a second line. */
        if (!strcmp(x->mic, "XLON"))
            return !strcmp(dom, "DE") || !strcmp(dom, "FR") || !strcmp(dom, "SE") ||
                   !strcmp(dom, "IT") || !strcmp(dom, "NO") || !strcmp(dom, "FI") ||
                   !strcmp(dom, "NL") || !strcmp(dom, "BE") || !strcmp(dom, "DK") ||
                   !strcmp(dom, "BR") || !strcmp(dom, "CA") || !strcmp(dom, "AU") ||
                   !strcmp(dom, "JP");
        if (!strcmp(x->mic, "XAMS") || !strcmp(x->mic, "XPAR")) return 0;
        return 1;
    }
    return 0;
}

/* FinanceDatabase writes a Toronto or Stockholm security other than the common stock as the
 * stock's symbol, a dash and a class code (Yahoo's form of TSX "BMO.PR.B"): "BMO-PB",
 * "ALA-PFA", "SHB-PREF" and "OP-PREFB" are preferred shares, "-WT" warrants, "-RT" rights, "-DB"
 * debentures, "-BTA" and "-TO1" Swedish subscription rights and warrants. Typed, they are
 * neither the issuer's primary listing nor linked by its name (they were both: a mention of
 * Bank of Montreal linked its six preferreds). Units ("-UN"), US-dollar lines ("-U") and
 * share classes ("-A", "-B") stay equity.
 *
 * Shanghai and Shenzhen give each kind of security its own range of six-digit codes: shares
 * are Shanghai's 6xxxxx and 9xxxxx, Shenzhen's 0xxxxx, 2xxxxx and 3xxxxx; Shanghai's 5xxxxx
 * and Shenzhen's 1xxxxx are funds (listed open-ended funds and ETFs). FinanceDatabase has 244
 * such funds, untyped and named by their manager ("BOC International (China) Company Limited -
 * Boc Sci Tech Innvt 3Y Mixed Fund") or by a company ("E.ON SE" on 164508), so that a mention
 * of the manager or the company linked the fund. */
static int intl_security_type(const char *mic, const char *sym)
{
    if (strlen(sym) == 6 && strspn(sym, "0123456789") == 6 &&
        ((!strcmp(mic, "XSHG") && sym[0] == '5') || (!strcmp(mic, "XSHE") && sym[0] == '1')))
        return TL_SEC_FUND;
    const char *d = strchr(sym, '-');
    if (!d) return TL_SEC_COMMON;
    const char *c = d + 1;
    size_t n = strlen(c);
    if (!strcmp(mic, "XTSE") || !strcmp(mic, "XTSX")) {
        if (c[0] == 'P' && n >= 2 && n <= 3 && strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n)
            return TL_SEC_PREFERRED;
        if (!strncmp(c, "WT", 2) || !strcmp(c, "W") || !strncmp(c, "RT", 2) || !strcmp(c, "R"))
            return TL_SEC_OTHER;
        if (!strncmp(c, "DB", 2)) return TL_SEC_NOTE;
    } else if (!strcmp(mic, "XSTO")) {
        if (!strncmp(c, "PREF", 4) && n <= 5) return TL_SEC_PREFERRED; /* also "-PREFB" */
        if ((!strncmp(c, "BT", 2) && n == 3) ||
            (!strncmp(c, "TO", 2) && n >= 3 && c[2] >= '0' && c[2] <= '9'))
            return TL_SEC_OTHER;
    }
    return TL_SEC_COMMON;
}

static const tl_brows *intl_rows;
static int cmp_intl(const void *a, const void *b)
{
    const tl_brow *x = &intl_rows->r[*(const size_t *)a], *y = &intl_rows->r[*(const size_t *)b];
    int c = strcmp(x->mic, y->mic);
    if (c) return c;
    c = strcmp(x->symbol, y->symbol);
    if (c) return c;
    return (x->to[0] != 0) - (y->to[0] != 0); /* the current line first */
}

/* Drops the delisted lines (rows[first..] with a valid_to) whose code a current line of the
 * file still has: the code was reused, and when it changed hands is not known. */
static int drop_reused(tl_brows *rows, size_t first)
{
    size_t n = rows->n - first;
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx) return -1;
    for (size_t i = 0; i < n; i++) idx[i] = first + i;
    intl_rows = rows;
    qsort(idx, n, sizeof *idx, cmp_intl);
    for (size_t i = 1; i < n; i++) {
        tl_brow *a = &rows->r[idx[i - 1]], *b = &rows->r[idx[i]];
        if (b->to[0] && !strcmp(a->mic, b->mic) && !strcmp(a->symbol, b->symbol) &&
            (!a->to[0] || a->dropped))
            b->dropped = 1;
    }
    free(idx);
    return 0;
}

static int has_lower(const char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z') return 1;
    return 0;
}

static int cmp_intl_name(const void *a, const void *b)
{
    const tl_brow *x = &intl_rows->r[*(const size_t *)a], *y = &intl_rows->r[*(const size_t *)b];
    int c = strcmp(x->mic, y->mic);
    if (c) return c;
    c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->symbol, y->symbol);
}

/* A share class written as the stock's code, a dash and one letter ("CTC-A": Canadian Tire's
 * class A, its most traded line). */
static int class_form(const char *sym)
{
    const char *d = strrchr(sym, '-');
    return d && d[1] >= 'A' && d[1] <= 'Z' && !d[2];
}

/* Further current lines of one company on one exchange (rows[first..], the same name) that
 * are not its shares as news names them, typed so that a mention of the name no longer
 * links each of them (a mention of Credit Agricole linked 43 Paris lines):
 * - Seoul's preferred shares: the common stock's code with its last digit 0 changed
 *   ("005935" beside Samsung Electronics' "005930"), the exchange's numbering rule;
 * - Sydney's further securities of a company: its three-character code and more, "P" then
 *   a letter for preference shares and hybrids ("CBAPD", Commonwealth Bank's PERLS),
 *   others for deferred settlement, contributing or new shares and notes ("BRLDB"); also
 *   under another name than the shares' ("ANZPH" under the bank's name of 2013 while
 *   "ANZ" is under ANZ Group Holdings'): ordinary shares have three characters. Such a
 *   line takes the shares' name, so that it joins their issuer, and keeps its own as an
 *   alias when it reads as a company's (a former name: "Lithium Australia NL" of Livium),
 *   not a security's ("... PERPETUAL FLTG RTE CAP NOTE", "CSHARE RTS FORUS", a date);
 * - Zurich's second trading lines (for buybacks: the shares' code and "E" or "EE",
 *   "NESNE" beside Nestle's "NESN") and Paris's lines of new shares (the code and "NV",
 *   "SANNV" beside Sanofi's "SAN"), the exchanges' naming;
 * - a series of lines FinanceDatabase gives no identifier (no ISIN, FIGI or composite
 *   FIGI), three or more, when a line of the same name there has one: the products a bank
 *   issues under its name (42 such lines beside Credit Agricole's "ACA"), as UBS's notes on
 *   the SEC's list. One or two such lines are not typed: they are as often a former code
 *   (Daimler's "DAI" beside "MBG", linked by news of its time) or another class of shares
 *   (Shanghai's A shares beside the B shares' line) as a product. A share class written
 *   "-A" never counts. has_id[i - first] says whether row i had an identifier; NULL when
 *   the file has no identifier columns. */
static int type_further_lines(tl_brows *rows, size_t first, const uint8_t *has_id)
{
    size_t n = rows->n - first, m = 0;
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx) return -1;
    for (size_t i = first; i < rows->n; i++)
        if (!rows->r[i].dropped && !rows->r[i].to[0]) idx[m++] = i;
    intl_rows = rows;
    qsort(idx, m, sizeof *idx, cmp_intl_name);
    for (size_t a = 0, b; a < m; a = b) {
        const tl_brow *A = &rows->r[idx[a]];
        int any_id = 0, bare = 0;
        for (b = a; b < m && !strcmp(rows->r[idx[b]].mic, A->mic) &&
                    !strcmp(rows->r[idx[b]].name, A->name);
             b++) {
            const tl_brow *r = &rows->r[idx[b]];
            int id = has_id && has_id[idx[b] - first];
            any_id |= id;
            bare += !id && r->type == TL_SEC_COMMON && !class_form(r->symbol);
        }
        int series = any_id && bare >= 3;
        int seoul = !strcmp(A->mic, "XKRX") || !strcmp(A->mic, "XKOS");
        int sydney = !strcmp(A->mic, "XASX");
        const char *const *tails = NULL;
        static const char *const zurich[] = {"E", "EE", NULL}, *const paris[] = {"NV", NULL};
        if (!strcmp(A->mic, "XSWX")) tails = zurich;
        if (!strcmp(A->mic, "XPAR")) tails = paris;
        if (b - a < 2 && !sydney) continue;
        for (size_t k = a; k < b; k++) {
            tl_brow *r = &rows->r[idx[k]];
            if (r->type != TL_SEC_COMMON) continue;
            size_t len = strlen(r->symbol);
            if (sydney && len > 3) {
                const tl_brow *base = NULL;
                for (size_t j = 0; j < m && !base; j++) {
                    const tl_brow *s = &rows->r[idx[j]];
                    if (!strcmp(s->mic, "XASX") && strlen(s->symbol) == 3 &&
                        !strncmp(s->symbol, r->symbol, 3))
                        base = s;
                }
                if (base && strcmp(base->name, r->name)) {
                    char *own = r->name;
                    r->name = tl_strdup(base->name);
                    if (!r->name) {
                        r->name = own;
                        free(idx);
                        return -1;
                    }
                    int company = tl_security_type(own) == TL_SEC_COMMON &&
                                  !strpbrk(own, "0123456789") && has_lower(own);
                    if (company && !r->aliases[0]) {
                        free(r->aliases);
                        r->aliases = own;
                    } else {
                        free(own);
                    }
                }
                if (base) {
                    r->type = r->symbol[3] == 'P' ? TL_SEC_PREFERRED : TL_SEC_OTHER;
                    continue;
                }
            }
            if (seoul && len == 6 && r->symbol[5] != '0') {
                int common = 0;
                for (size_t j = a; j < b && !common; j++) {
                    const char *s = rows->r[idx[j]].symbol;
                    common = strlen(s) == 6 && !strncmp(s, r->symbol, 5) && s[5] == '0';
                }
                if (common) {
                    r->type = TL_SEC_PREFERRED;
                    continue;
                }
            }
            int further = 0;
            for (size_t j = a; tails && j < b && !further; j++) {
                const char *s = rows->r[idx[j]].symbol;
                size_t sl = strlen(s);
                if (j == k || sl >= len || strncmp(s, r->symbol, sl)) continue;
                for (const char *const *t = tails; *t && !further; t++)
                    further = !strcmp(r->symbol + sl, *t);
            }
            if (further) {
                r->type = TL_SEC_OTHER;
                continue;
            }
            if (series && !has_id[idx[k] - first] && !class_form(r->symbol)) r->type = TL_SEC_OTHER;
        }
    }
    free(idx);
    return 0;
}

/* A company's quotes on other countries' markets for foreign blue chips (quoted_abroad):
 * only companies that investors abroad trade are quoted there, so their number stands in
 * for the size FinanceDatabase does not give. Keys are "domicile\tname\tmic", each counted
 * once. */
typedef struct {
    char **k; /* owned, each malloc'd */
    size_t n, cap;
} abroad;

static int abroad_add(abroad *a, const char *dom, const char *name, const char *mic)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 1024;
        char **k = realloc(a->k, cap * sizeof *k);
        if (!k) return -1;
        a->k = k;
        a->cap = cap;
    }
    size_t len = strlen(dom) + strlen(name) + strlen(mic) + 3;
    char *k = malloc(len);
    if (!k) return -1;
    snprintf(k, len, "%s\t%s\t%s", dom, name, mic);
    a->k[a->n++] = k;
    return 0;
}

/* A second quote (secondary_quote) of a European company of another country on the
 * continental markets that quote foreign blue chips beside their own companies: Xetra,
 * Milan's and Vienna's global segments. Not London's international order book, Toronto or
 * Stockholm, where cross-listings of small miners and depositary receipts are common. */
static int quoted_abroad(const tl_exchange *x, const char *dom, const char *name)
{
    static const char *const markets[] = {"XETR", "XMIL", "XWBO"};
    /* European companies only: Xetra and Vienna quote North American miners of any size
     * (McEwen Mining). */
    static const char europe[] = "AT BE CH DE DK ES FI FR GB IE IT LU NL NO PT SE";
    if (strlen(dom) != 2 || !strstr(europe, dom) || !strcmp(dom, x->country) || product_name(name))
        return 0;
    for (size_t i = 0; i < sizeof markets / sizeof *markets; i++)
        if (!strcmp(x->mic, markets[i])) return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Distinct second markets quoting the company of this domicile and name. */
static int abroad_count(const abroad *a, const char *dom, const char *name)
{
    char key[512];
    int len = snprintf(key, sizeof key, "%s\t%s\t", dom, name);
    if (len < 0 || (size_t)len >= sizeof key) return 0;
    size_t lo = 0, hi = a->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(a->k[mid], key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    int n = 0;
    for (size_t i = lo; i < a->n && !strncmp(a->k[i], key, (size_t)len); i++)
        n += i == lo || strcmp(a->k[i], a->k[i - 1]) != 0;
    return n;
}

static void abroad_free(abroad *a)
{
    for (size_t i = 0; i < a->n; i++) free(a->k[i]);
    free(a->k);
}

/* Whether a home line (the company's country is the exchange's, or mainland China for Hong
 * Kong) whose ISIN is a US one is a large company's: FinanceDatabase gives some lines the
 * ISIN of the company's American depositary receipts ("US6547444082" for Nissan Motor's
 * Tokyo line), and a company with a receipts programme is one that American investors trade.
 * Only on the markets where that holds: of the home lines it marks, large companies by
 * reading are 36 of 39 in Tokyo, all of Hong Kong's 8, Stockholm's 12, Madrid's 10 and
 * Paris's 14 of 16, Xetra's 36 of 39; not in Sydney (10 of 25), London (8 of 17), Singapore
 * (1 of 7), India or Toronto, where the ISIN marks US-incorporated small companies and odd
 * lines ("African Gold", "Mind Gym"). Measured with the rule of tl_name_variants that an
 * inferred size yields a form to a measured one: the pseudo-unseen folds 1991 -> 1999
 * (Nissan, Subaru, Fuji Heavy Industries, Suzuki Motor), see the README. */
static int adr_isin_large(const tl_exchange *x, const char *dom, const char *isin)
{
    static const char *const markets[] = {"XAMS", "XBRU", "XCSE", "XSWX", "XETR",
                                          "XHEL", "XHKG", "XTKS", "XKRX", "XMAD",
                                          "XOSL", "XPAR", "XSTO", "XTAI", "XWBO"};
    if (strncmp(isin, "US", 2) || !dom[0] || !strcmp(dom, "US")) return 0;
    if (strcmp(dom, x->country) && !(!strcmp(x->country, "HK") && !strcmp(dom, "CN"))) return 0;
    for (size_t i = 0; i < sizeof markets / sizeof *markets; i++)
        if (!strcmp(x->mic, markets[i])) return 1;
    return 0;
}

enum { SYM, NAME, MIC, COUNTRY, SECTOR, DELISTED, NC };

/* Where the file's columns are: the needed ones, and the identifiers (see
 * type_further_lines), which are optional. */
typedef struct {
    int col[NC], maxc;
    int idcol[3], nid, isin;
} intl_cols;

/* Reads the header line's fields. Returns 0, or -1 when a needed column is missing (said). */
static int read_header(char *const *f, int nf, const char *path, intl_cols *c)
{
    static const char *const want[NC] = {"symbol", "name", "mic", "country", "sector", "delisted"};
    static const char *const ids[3] = {"isin", "figi", "composite_figi"};
    *c = (intl_cols){.isin = -1};
    for (int k = 0; k < NC; k++) {
        c->col[k] = -1;
        for (int i = 0; i < nf; i++)
            if (!strcmp(f[i], want[k])) c->col[k] = i;
        if (c->col[k] < 0) {
            np_error("%s:1: missing column '%s'", path, want[k]);
            return -1;
        }
        if (c->col[k] > c->maxc) c->maxc = c->col[k];
    }
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < nf; i++)
            if (!strcmp(f[i], ids[k])) {
                c->idcol[c->nid++] = i;
                if (k == 0) c->isin = i;
            }
    return 0;
}

/* The exchange of a Yahoo-style symbol ("7203.T"), the suffix cut from sym; NULL for no
 * listing news names: no known suffix, a space, or a line quoted under its ISIN
 * ("FR0000140022", another quote of a company listed under its symbol). */
static const tl_exchange *exchange_of(char *sym)
{
    char *dot = strrchr(sym, '.');
    if (!dot || dot == sym) return NULL;
    const tl_exchange *x = tl_exchange_by_yahoo_suffix(dot + 1, strlen(dot + 1));
    if (!x) return NULL;
    *dot = '\0';
    if (sym[strcspn(sym, " \t|")]) return NULL;
    if (strlen(sym) == 12 && sym[0] >= 'A' && sym[0] <= 'Z' && sym[1] >= 'A' && sym[1] <= 'Z' &&
        sym[11] >= '0' && sym[11] <= '9' && strpbrk(sym + 2, "0123456789"))
        return NULL;
    return x;
}

/* Adds the listing of one line. Returns 0 or -1 (out of memory). */
static int add_listing(tl_brows *out, const tl_exchange *x, const char *sym, char *const *f, int nf,
                       const intl_cols *c, int delisted, const char *date)
{
    tl_brow *r = tl_brows_add(out);
    if (!r) return -1;
    char id[64];
    snprintf(id, sizeof id, "%s:%s", x->mic, sym);
    r->issuer = tl_strdup(id);
    r->symbol = tl_strdup(sym);
    r->name = tl_strdup(f[c->col[NAME]]);
    r->aliases = tl_strdup("");
    r->ric = tl_strdup("");
    r->domicile = tl_strdup(tl_country_code(f[c->col[COUNTRY]]));
    if (!r->issuer || !r->symbol || !r->name || !r->aliases || !r->ric || !r->domicile) return -1;
    snprintf(r->mic, sizeof r->mic, "%s", x->mic);
    snprintf(r->country, sizeof r->country, "%s", r->domicile[0] ? r->domicile : x->country);
    r->prior = TL_PRIOR_LISTED_NAME;
    /* A delisted line says when the listing ended, not when it began: an older namesake
     * the sources lack ("Nortel Networks Corp" of 2009 for Nortel AS) takes its words
     * unless the name is written as listed (TL_PRIOR_DELISTED). */
    if (delisted) {
        tl_shift_day(date, -1, r->to);
        r->prior = TL_PRIOR_DELISTED;
    }
    if (!delisted && c->isin >= 0 && c->isin < nf && adr_isin_large(x, r->domicile, f[c->isin])) {
        r->prior = TL_PRIOR_STRONG_NAME;
        r->inferred = 1;
    }
    r->type = intl_security_type(x->mic, sym);
    /* A coupon in the name is a bond's or a note's ("Australia 2% IDX/LKD SNR BDS
     * 21/08/2035", "VGP3.5%19MAR2026"): no share a company mention links ("Australia
     * 2-1" had linked one). */
    if (r->type == TL_SEC_COMMON && strchr(r->name, '%')) r->type = TL_SEC_NOTE;
    return 0;
}

/* Notes whether the k-th row added has an identifier. Returns 0 or -1 (out of memory). */
static int note_ids(uint8_t **has_id, size_t *cap, size_t k, char *const *f, int nf,
                    const intl_cols *c)
{
    if (k > *cap) {
        size_t ncap = *cap ? *cap * 2 : 4096;
        uint8_t *h = realloc(*has_id, ncap);
        if (!h) return -1;
        *has_id = h;
        *cap = ncap;
    }
    (*has_id)[k - 1] = 0;
    for (int i = 0; i < c->nid; i++)
        if (c->idcol[i] < nf && f[c->idcol[i]][0]) (*has_id)[k - 1] = 1;
    return 0;
}

int tl_read_intl(const char *path, const char *date, tl_brows *out)
{
    size_t first = out->n;
    char *text;
    size_t len;
    if (tl_slurp(path, &text, &len)) return -1;
    char *save = NULL;
    int line = 0, rc = -1;
    intl_cols c = {0};
    uint8_t *has_id = NULL; /* per row added, from first */
    size_t has_cap = 0;
    abroad ab = {0};
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        line++;
        size_t n = strlen(l);
        if (n && l[n - 1] == '\r') l[n - 1] = '\0';
        char *f[32];
        int nf = 0;
        for (char *p = l;;) {
            if (nf == 32) break;
            f[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        if (line == 1) {
            if (read_header(f, nf, path, &c) < 0) goto out;
            continue;
        }
        if (nf <= c.maxc) continue;
        int delisted = !strcmp(f[c.col[DELISTED]], "True");
        if ((delisted && !date) || !f[c.col[NAME]][0]) continue;
        /* No sector: mostly certificates and warrants ("CAC40 4500C"), but some blue chips
         * too (Vodafone, Danone); keep names that look like a company's. */
        if (!f[c.col[SECTOR]][0] && strpbrk(f[c.col[NAME]], "0123456789%/")) continue;
        char *sym = f[c.col[SYM]];
        const tl_exchange *x = exchange_of(sym);
        if (!x) continue;
        const char *dom = tl_country_code(f[c.col[COUNTRY]]);
        if (secondary_quote(x, sym, f[c.col[NAME]], dom)) {
            if (quoted_abroad(x, dom, f[c.col[NAME]]) &&
                abroad_add(&ab, dom, f[c.col[NAME]], x->mic))
                goto nomem;
            continue;
        }
        if (add_listing(out, x, sym, f, nf, &c, delisted, date) < 0 ||
            (c.nid && note_ids(&has_id, &has_cap, out->n - first, f, nf, &c) < 0))
            goto nomem;
    }
    if (ab.n) qsort(ab.k, ab.n, sizeof *ab.k, cmp_str);
    for (size_t i = first; i < out->n; i++) {
        tl_brow *r = &out->r[i];
        /* Two markets abroad, not one: Vienna alone quotes mid caps too (GFT Technologies,
         * McEwen Mining). Not a delisted line's prior. */
        if (r->prior == TL_PRIOR_LISTED_NAME && abroad_count(&ab, r->domicile, r->name) >= 2) {
            r->prior = TL_PRIOR_STRONG_NAME;
            r->inferred = 1;
        }
    }
    if ((date && drop_reused(out, first)) || type_further_lines(out, first, has_id)) goto nomem;
    rc = 0;
    goto out;
nomem:
    np_error("%s: out of memory", path);
out:
    free(text);
    free(has_id);
    abroad_free(&ab);
    return rc;
}
