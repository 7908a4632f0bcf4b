/* The trainer: an averaged perceptron over the decoder's features, trained greedily on
 * CoNLL-format documents ("newspipe-entity-tag train"). */
#ifndef ETAG_TRAIN_H
#define ETAG_TRAIN_H

/* Runs the train subcommand (argv[0] is "train"). Returns an exit code. */
int etag_train_main(int argc, char **argv);

#endif
