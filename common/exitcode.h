/* Exit codes shared by every newspipe program (the sysexits.h values). */
#ifndef NP_EXITCODE_H
#define NP_EXITCODE_H

enum {
    NP_EX_OK = 0,
    NP_EX_USAGE = 64,     /* bad command line */
    NP_EX_DATAERR = 65,   /* bad input record with --strict, corrupt state/input */
    NP_EX_NOINPUT = 66,   /* an input file cannot be opened */
    NP_EX_SOFTWARE = 70,  /* internal error (e.g. out of memory) */
    NP_EX_OSERR = 71,     /* the OS refused something (fork, pipe) */
    NP_EX_CANTCREAT = 73, /* an output file cannot be created */
    NP_EX_IOERR = 74,     /* a read or write failed; output may be incomplete */
    NP_EX_TEMPFAIL = 75,  /* try again later (a lock is held) */
    NP_EX_CONFIG = 78,    /* configuration error: bad model, table, pipeline file */
};

#endif
