/* Development evaluation (`newspipe-summarize eval`): for each development set, ROUGE of the
 * summarizer as shipped (the weights file's model and default length) and of LEAD-3 on the
 * same articles, with bootstrap intervals. Articles go through the filter's own analysis and
 * choice, from their text. */
#ifndef SUMM_EVAL_H
#define SUMM_EVAL_H

/* The `eval` subcommand; argv[0] is "eval". Returns an exit code. */
int summ_eval_main(int argc, char **argv);

#endif
