/* `newspipe-summarize train`: fits the scorer's weights on the development set's tuning
 * part and writes the weights file. */
#ifndef SUMM_TRAIN_H
#define SUMM_TRAIN_H

/* The `train` subcommand; argv[0] is "train". Returns an exit code. */
int summ_train_main(int argc, char **argv);

#endif
