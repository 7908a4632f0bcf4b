/* Word classes from unlabeled text ("newspipe-entity-tag clusters"): the exchange algorithm
 * (Kneser & Ney 1993; Martin, Liermann & Ney 1998) maximizes the likelihood of a class
 * bigram model, as Brown clustering does, but moves words between a fixed number of flat
 * classes instead of merging a hierarchy, which keeps it fast. It runs once per requested
 * class count (e.g. 64, 256, 1024); the tagger uses each word's class at every granularity
 * as features, like prefixes of Brown cluster paths. Output: "word<TAB>id<TAB>id<TAB>id"
 * lines, words lower-cased, sorted; read back by resources.c. */
#ifndef ETAG_CLUSTERS_H
#define ETAG_CLUSTERS_H

/* Runs the clusters subcommand (argv[0] is "clusters"). Returns an exit code. */
int etag_clusters_main(int argc, char **argv);

#endif
