/* The compiled-in exchange table and its lookups (see exchanges.h). */
#include "exchanges.h"

#include <string.h>

static const tl_exchange exchanges[] = {
    {"XNYS", "N", "", "US", "XNYS"},      {"XNAS", "O", "", "US", "XNAS"},
    {"XASE", "A", "", "US", "XASE"},      {"ARCX", "P", "", "US", "ARCX"},
    {"BATS", "Z", "", "US", "BATS"},      {"OTCM", "PK", "", "US", "OTCM"},
    {"XTSE", "TO", "TO", "CA", "XTSE"},   {"XTSX", "V", "V", "CA", "XTSX"},
    {"XLON", "L", "L", "GB", "XLON"},     {"XPAR", "PA", "PA", "FR", "XPAR"},
    {"XAMS", "AS", "AS", "NL", "XAMS"},   {"XBRU", "BR", "BR", "BE", "XBRU"},
    {"XLIS", "LS", "LS", "PT", "XLIS"},   {"XDUB", "I", "IR", "IE", "XDUB"},
    {"XETR", "DE", "DE", "DE", "XETR"},   {"XFRA", "F", "F", "DE", "XFRA"},
    {"XMIL", "MI", "MI", "IT", "XMIL"},   {"XMAD", "MC", "MC", "ES", "XMAD"},
    {"XSWX", "S", "SW", "CH", "XSWX"},    {"XVTX", "VX", "", "CH", "XSWX"},
    {"XSTO", "ST", "ST", "SE", "XSTO"},   {"XCSE", "CO", "CO", "DK", "XCSE"},
    {"XHEL", "HE", "HE", "FI", "XHEL"},   {"XOSL", "OL", "OL", "NO", "XOSL"},
    {"XWBO", "VI", "VI", "AT", "XWBO"},   {"XATH", "AT", "AT", "GR", "XATH"},
    {"XWAR", "WA", "WA", "PL", "XWAR"},   {"XIST", "IS", "IS", "TR", "XIST"},
    {"MISX", "MM", "ME", "RU", "MISX"},   {"XHKG", "HK", "HK", "HK", "XHKG"},
    {"XSHG", "SS", "SS", "CN", "XSHG"},   {"XSHE", "SZ", "SZ", "CN", "XSHE"},
    {"XTKS", "T", "T", "JP", "XTKS"},     {"XKRX", "KS", "KS", "KR", "XKRX"},
    {"XKOS", "KQ", "KQ", "KR", "XKOS"},   {"XTAI", "TW", "TW", "TW", "XTAI"},
    {"ROCO", "TWO", "TWO", "TW", "ROCO"}, {"XSES", "SI", "SI", "SG", "XSES"},
    {"XKLS", "KL", "KL", "MY", "XKLS"},   {"XBKK", "BK", "BK", "TH", "XBKK"},
    {"XIDX", "JK", "JK", "ID", "XIDX"},   {"XNSE", "NS", "NS", "IN", "XNSE"},
    {"XBOM", "BO", "BO", "IN", "XBOM"},   {"XASX", "AX", "AX", "AU", "XASX"},
    {"XNZE", "NZ", "NZ", "NZ", "XNZE"},   {"BVMF", "SA", "SA", "BR", "BVMF"},
    {"XMEX", "MX", "MX", "MX", "XMEX"},   {"XJSE", "J", "JO", "ZA", "XJSE"},
    {"XTAE", "TA", "TA", "IL", "XTAE"},   {"XSAU", "SE", "SR", "SA", "XSAU"},
    {"XBUE", "BA", "BA", "AR", "XBUE"},   {"XPRA", "PR", "PR", "CZ", "XPRA"},
    {"XBUD", "BU", "BD", "HU", "XBUD"},   {"XPHS", "PS", "PS", "PH", "XPHS"},
    {"XSGO", "SN", "SN", "CL", "XSGO"},   {"XBOG", "CN", "CL", "CO", "XBOG"},
    {"XLIM", "LM", "LM", "PE", "XLIM"},   {"XCAI", "CA", "CA", "EG", "XCAI"},
    {"XDFM", "DU", "", "AE", "XDFM"},     {"XADS", "AD", "", "AE", "XADS"},
    {"DSMD", "QA", "QA", "QA", "DSMD"},   {"XKAR", "KA", "", "PK", "XKAR"},
    {"XSTC", "HM", "", "VN", "XSTC"},     {"XNSA", "LG", "", "NG", "XNSA"},
    {"XCAS", "CS", "", "MA", "XCAS"},     {"XICE", "IC", "IC", "IS", "XICE"},
    {"XLUX", "LU", "", "LU", "XLUX"},     {"XTAL", "TL", "TL", "EE", "XTAL"},
};

/* Names used in "(EXCHANGE: SYMBOL)" patterns, case-sensitive as news copy writes them. */
static const struct {
    const char *name, *mic;
} names[] = {
    {"NYSE", "XNYS"},
    {"NYSE MKT", "XASE"},
    {"NYSE American", "XASE"},
    {"NYSE Amex", "XASE"},
    {"AMEX", "XASE"},
    {"NYSE Arca", "ARCX"},
    {"NYSEArca", "ARCX"},
    {"NASDAQ", "XNAS"},
    {"Nasdaq", "XNAS"},
    {"NasdaqGS", "XNAS"},
    {"NasdaqGM", "XNAS"},
    {"NasdaqCM", "XNAS"},
    {"NASDAQGS", "XNAS"},
    {"NASDAQ GS", "XNAS"},
    {"OTC", "OTCM"},
    {"OTCQX", "OTCM"},
    {"OTCQB", "OTCM"},
    {"OTC Markets", "OTCM"},
    {"OTCBB", "OTCM"},
    {"Pink Sheets", "OTCM"},
    {"TSX", "XTSE"},
    {"TSX-V", "XTSX"},
    {"TSXV", "XTSX"},
    {"TSX Venture", "XTSX"},
    {"LSE", "XLON"},
    {"LON", "XLON"},
    {"AIM", "XLON"},
    {"HKEX", "XHKG"},
    {"HKSE", "XHKG"},
    {"SEHK", "XHKG"},
    {"HKG", "XHKG"},
    {"ASX", "XASX"},
    {"SGX", "XSES"},
    {"TYO", "XTKS"},
    {"TSE", "XTKS"},
    {"SSE", "XSHG"},
    {"SHA", "XSHG"},
    {"SZSE", "XSHE"},
    {"SHE", "XSHE"},
    {"KRX", "XKRX"},
    {"KOSPI", "XKRX"},
    {"KOSDAQ", "XKOS"},
    {"NSE", "XNSE"},
    {"BSE", "XBOM"},
    {"ETR", "XETR"},
    {"XETRA", "XETR"},
    {"Xetra", "XETR"},
    {"FRA", "XFRA"},
    {"FWB", "XFRA"},
    {"EPA", "XPAR"},
    {"Euronext Paris", "XPAR"},
    {"AMS", "XAMS"},
    {"Euronext Amsterdam", "XAMS"},
    {"EBR", "XBRU"},
    {"SIX", "XSWX"},
    {"SWX", "XSWX"},
    {"BIT", "XMIL"},
    {"BME", "XMAD"},
    {"STO", "XSTO"},
    {"OSL", "XOSL"},
    {"OSE", "XOSL"},
    {"CPH", "XCSE"},
    {"HEL", "XHEL"},
    {"JSE", "XJSE"},
    {"TASE", "XTAE"},
    {"BMV", "XMEX"},
    {"BOVESPA", "BVMF"},
    {"B3", "BVMF"},
    {"MOEX", "MISX"},
    {"TWSE", "XTAI"},
    {"NZX", "XNZE"},
    {"WSE", "XWAR"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int eq(const char *z, const char *s, size_t n)
{
    return strlen(z) == n && memcmp(z, s, n) == 0;
}

const tl_exchange *tl_exchange_by_mic(const char *mic, size_t n)
{
    for (size_t i = 0; i < COUNT(exchanges); i++)
        if (eq(exchanges[i].mic, mic, n)) return &exchanges[i];
    return NULL;
}

const tl_exchange *tl_exchange_by_ric_suffix(const char *sfx, size_t n)
{
    if (n == 2 && memcmp(sfx, "OQ", 2) == 0) return tl_exchange_by_mic("XNAS", 4);
    if (n == 2 && memcmp(sfx, "OB", 2) == 0) return tl_exchange_by_mic("OTCM", 4);
    for (size_t i = 0; i < COUNT(exchanges); i++)
        if (n && eq(exchanges[i].ric, sfx, n)) return &exchanges[i];
    return NULL;
}

const tl_exchange *tl_exchange_by_yahoo_suffix(const char *sfx, size_t n)
{
    for (size_t i = 0; i < COUNT(exchanges); i++)
        if (n && eq(exchanges[i].yahoo, sfx, n)) return &exchanges[i];
    return NULL;
}

const tl_exchange *tl_exchange_by_name(const char *name, size_t n)
{
    for (size_t i = 0; i < COUNT(names); i++)
        if (eq(names[i].name, name, n)) return tl_exchange_by_mic(names[i].mic, 4);
    return NULL;
}
