/* The evaluation command ("newspipe-entity-tag eval"): turns CoNLL documents into NDJSON
 * articles (tokens joined as natural text), runs the real filter over them, maps the
 * entities' code-point offsets back to the CoNLL tokens and scores them with conlleval
 * semantics. */
#ifndef ETAG_EVAL_H
#define ETAG_EVAL_H

/* Runs the eval subcommand (argv[0] is "eval"). Returns an exit code. */
int etag_eval_main(int argc, char **argv);

#endif
