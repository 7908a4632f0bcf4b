/* `newspipe-summarize train`: chooses the model and its default length by cross-validation
 * over the tuning parts of the development sets, fits it and writes the weights file. */
#ifndef SUMM_TRAIN_H
#define SUMM_TRAIN_H

/* The `train` subcommand; argv[0] is "train". Returns an exit code. */
int summ_train_main(int argc, char **argv);

#endif
