/* The acronyms news uses as common nouns ("newspipe-entity-tag acronyms"): over NDJSON news
 * (titles and bodies), the acronyms that at least N articles (4 by default) use as acronyms.c
 * says an article does ("an initial public offering (IPO)", "an IPO of", "IPOs") and that no
 * article spells out in capitals ("European Central Bank (ECB)"). Output: one acronym a line,
 * sorted, for the model's gazetteer category "acronym" (make model), with which the tagger
 * drops them in articles that do not say so themselves ("the IPO"). */
#ifndef ETAG_ACRLIST_H
#define ETAG_ACRLIST_H

/* Runs the acronyms subcommand (argv[0] is "acronyms"). Returns an exit code. */
int etag_acronyms_main(int argc, char **argv);

#endif
