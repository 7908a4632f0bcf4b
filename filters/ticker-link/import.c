/* Placeholder replaced below. */
#include "import.h"

#include "cli.h"
#include "exitcode.h"

int tl_import_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    np_error("not built yet");
    return NP_EX_USAGE;
}
