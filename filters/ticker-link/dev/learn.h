/* `newspipe-ticker-link learn`: reads NDJSON articles whose text carries explicit codes
 * (RICs, exchange-prefixed symbols) and writes the name -> listing pairs it sees, with
 * counts and dates, as curated rows (newspipe-listings(5), CURATED FILE) that `import
 * --aliases` merges. */
#ifndef TL_LEARN_H
#define TL_LEARN_H

/* argv[0] is "learn". Returns an exit status. */
int tl_learn_main(int argc, char **argv);

#endif
