/* The names news writes right before a Reuters code ("newspipe-entity-tag coded-names"): over
 * NDJSON news (titles and bodies), the capitalized run of words right before a code in
 * parentheses or angle brackets ("Fannie Mae ( FNMA.OB )", "Societe Generale's ( SOGN.PA )";
 * codes.h: etag_code_follows), without a leading "The", that at least N articles (2 by
 * default) write so. Output: one name a line, sorted, for the model's gazetteer category
 * "coded" (make model), with which the tagger types such a name ORG in articles that write no
 * code after it (mentions.c): the model, which learned from 1996 news, types "Fannie Mae" and
 * "Freddie Mac" PER and "JPMorgan" LOC. */
#ifndef ETAG_CODEDLIST_H
#define ETAG_CODEDLIST_H

/* Runs the coded-names subcommand (argv[0] is "coded-names"). Returns an exit code. */
int etag_coded_names_main(int argc, char **argv);

#endif
