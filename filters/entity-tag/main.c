/* newspipe-entity-tag: named entities (PER, ORG, LOC, MISC from a trained model; MONEY,
 * PERCENT, DATE from rules) added to each article as "entities". Subcommands: train, eval. */
#include <string.h>

#include "cli.h"
#include "exitcode.h"
#include "train.h"

int main(int argc, char **argv)
{
    np_set_progname("newspipe-entity-tag");
    if (argc > 1 && strcmp(argv[1], "train") == 0) return etag_train_main(argc - 1, argv + 1);
    return NP_EX_USAGE;
}
