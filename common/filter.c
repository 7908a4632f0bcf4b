/* The filter driver: option parsing common to every filter, the read -> validate -> filter ->
 * write loop, rejects, accounting and exit codes. Filters only see valid JSON objects. */
#include "filter.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "chunk.h"
#include "cli.h"
#include "diagcap.h"
#include "exitcode.h"
#include "input.h"
#include "output.h"
#include "record_impl.h"
#include "statefile.h"
#include "utf8.h"

#ifndef NP_VERSION
#define NP_VERSION "0.0.0"
#endif

#define DEFAULT_MAX_LINE (64ULL * 1024 * 1024)
#define MAX_OPTIONS      64

enum {
    OPT_OUTPUT = 0x10000,
    OPT_GZIP,
    OPT_REJECT,
    OPT_STRICT,
    OPT_STATS,
    OPT_MAX_LINE,
    OPT_MAX_DIAG,
    OPT_UNBUFFERED,
    OPT_ID_FIELD,
    OPT_CHUNKED,
    OPT_OPTIONS,
    OPT_PARSE_ONLY,
    OPT_HELP,
    OPT_VERSION,
};

static const np_option common_options[] = {
    {"output", 1, OPT_OUTPUT, 'o', "FILE", "write to FILE, atomically (.gz compresses)"},
    {"gzip", 0, OPT_GZIP, 'z', NULL, "compress the output with gzip"},
    {"reject", 1, OPT_REJECT, 0, "FILE", "append rejected lines to FILE as JSON objects"},
    {"strict", 0, OPT_STRICT, 0, NULL, "stop with exit 65 at the first bad record"},
    {"stats", 0, OPT_STATS, 0, NULL, "print record counts as JSON on stderr at exit"},
    {"max-line", 1, OPT_MAX_LINE, 0, "SIZE", "reject lines longer than SIZE (default 64M)"},
    {"max-diagnostics", 1, OPT_MAX_DIAG, 0, "N",
     "show the first N rejected lines, then counts (default 100; 0: all)"},
    {"unbuffered", 0, OPT_UNBUFFERED, 0, NULL, "flush the output after every record"},
    {"id-field", 1, OPT_ID_FIELD, 0, "NAME", "the record's id field (default id)"},
    {"chunked", 0, OPT_CHUNKED, 0, NULL, "input framed in chunks by newspipe run (workers:)"},
    {"options", 0, OPT_OPTIONS, 0, NULL, "list the options, one per line, and exit"},
    {"parse-only", 0, OPT_PARSE_ONLY, 0, NULL, "check the options, then exit without reading"},
    {"help", 0, OPT_HELP, 'h', NULL, "show this help and exit"},
    {"version", 0, OPT_VERSION, 'V', NULL, "show the version and exit"},
    {NULL, 0, 0, 0, NULL, NULL},
};

typedef struct {
    const np_filter *f;
    void *ctx;
    char progname[64];
    const char *output_path;
    int gzip;
    const char *reject_path;
    int strict, stats, unbuffered;
    int parse_only;      /* --parse-only: a refused option is reported on stdout by name */
    const char *current; /* the option being parsed, for --parse-only */
    uint64_t max_line;
    const char *id_field;
    np_output *out;
    int reject_fd;
    np_buf scratch;  /* reject records and diagnostics */
    np_diagcap diag; /* --max-diagnostics: the rejected lines that get a line on stderr */
    uint64_t n_in, n_out, n_dropped, n_rejected, n_passed, n_replayed, bytes_in, bytes_out;
    /* --chunked (chunk.h): the next data line's number, an RS D marker just read, and the
     * marker bytes read and echoed (not counted as the stage's bytes). */
    int chunked, chunk_literal;
    uint64_t chunk_next, chunk_bytes_in, chunk_bytes_out;
} driver;

static size_t count_options(const np_option *o)
{
    size_t n = 0;
    while (o && o[n].name) n++;
    return n;
}

static void print_option_help(FILE *fp, const np_option *o)
{
    for (; o && o->name; o++) {
        char left[64];
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name,
                     o->has_arg ? " " : "", o->has_arg ? o->arg_name : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name, o->has_arg ? " " : "",
                     o->has_arg ? o->arg_name : "");
        fprintf(fp, "  %-26s %s\n", left, o->help);
    }
}

static void usage(const driver *d)
{
    printf("Usage: %s [OPTION]... [FILE]...\n%s\n\n", d->progname, d->f->summary);
    printf("Reads NDJSON articles from FILEs (or standard input; gzip is detected) and writes\n"
           "NDJSON to standard output.\n\n");
    if (count_options(d->f->options)) {
        printf("Options:\n");
        print_option_help(stdout, d->f->options);
        printf("\n");
    }
    printf("Common options:\n");
    print_option_help(stdout, common_options);
    printf("\nExit status: 0 ok, 64 usage, 65 bad data (--strict), 66 cannot open input,\n"
           "70 internal error, 74 I/O error, 75 temporary failure, 78 configuration error.\n"
           "See %s(1) and newspipe(7).\n",
           d->progname);
}

/* --options: "NAME\tflag", or "NAME\targ\tKIND" with the argument's kind (its name in
 * --help, STATE for the state option), one per line. */
static void list_options(const np_option *o, const char *state_option)
{
    for (; o && o->name; o++) {
        if (!o->has_arg) {
            printf("%s\tflag\n", o->name);
            continue;
        }
        int state = state_option && !strcmp(o->name, state_option);
        printf("%s\targ\t%s\n", o->name, state ? "STATE" : o->arg_name ? o->arg_name : "VALUE");
    }
}

/* --parse-only: np_error's messages go to stdout as "OPTION\tmessage", so that the runner can
 * point at the value the filter refused. */
static void parse_only_error(void *arg, const char *msg)
{
    const driver *d = arg;
    printf("%s\t%s\n", d->current ? d->current : "", msg);
}

/* One option of the driver's or the filter's (key, its argument). Returns -1 to go on, or
 * the exit status (NP_EX_OK after --help, --version, --options). */
static int take_option(driver *d, int key, const char *arg)
{
    switch (key) {
    case OPT_OUTPUT: d->output_path = arg; break;
    case OPT_GZIP: d->gzip = 1; break;
    case OPT_REJECT: d->reject_path = arg; break;
    case OPT_STRICT: d->strict = 1; break;
    case OPT_STATS: d->stats = 1; break;
    case OPT_UNBUFFERED: d->unbuffered = 1; break;
    case OPT_ID_FIELD: d->id_field = arg; break;
    case OPT_CHUNKED: d->chunked = 1; break;
    case OPT_MAX_DIAG:
        if (np_parse_uint(arg, 0, UINT64_MAX, &d->diag.limit) < 0) {
            np_error("--max-diagnostics: '%s' is not a whole number", arg);
            return NP_EX_USAGE;
        }
        break;
    case OPT_MAX_LINE:
        if (np_parse_size(arg, &d->max_line) < 0 || d->max_line == 0) {
            np_error("--max-line: '%s' is not a size (e.g. 64M)", arg);
            return NP_EX_USAGE;
        }
        break;
    case OPT_OPTIONS:
        list_options(d->f->options, d->f->state_option);
        list_options(common_options, NULL);
        if (d->f->stateful) printf("stateful\n");
        return NP_EX_OK;
    case OPT_PARSE_ONLY: break; /* seen before parsing */
    case OPT_HELP: usage(d); return NP_EX_OK;
    case OPT_VERSION: printf("%s %s\n", d->progname, NP_VERSION); return NP_EX_OK;
    default: {
        int rc = d->f->option ? d->f->option(d->ctx, key, arg) : NP_EX_USAGE;
        if (rc != NP_EX_OK) return rc;
    }
    }
    return -1;
}

/* Parses argv; returns -1 to go on, or an exit code. */
static int parse_options(driver *d, int argc, char **argv, int *first_file)
{
    size_t nf = count_options(d->f->options), nc = count_options(common_options);
    if (nf + nc >= MAX_OPTIONS) {
        np_error("internal error: too many options");
        return NP_EX_SOFTWARE;
    }
    struct option longopts[MAX_OPTIONS + 1];
    char shortopts[3 * MAX_OPTIONS + 2];
    size_t k = 0, s = 0;
    shortopts[s++] = ':';
    const np_option *lists[2] = {d->f->options, common_options};
    for (int l = 0; l < 2; l++) {
        for (const np_option *o = lists[l]; o && o->name; o++) {
            longopts[k++] = (struct option){o->name, o->has_arg ? required_argument : no_argument,
                                            NULL, o->key};
            if (o->short_name) {
                shortopts[s++] = o->short_name;
                if (o->has_arg) shortopts[s++] = ':';
            }
        }
    }
    longopts[k] = (struct option){NULL, 0, NULL, 0};
    shortopts[s] = '\0';

    opterr = 0;
    int refused = 0; /* --parse-only goes on to report every refused option */
    for (;;) {
        int idx = -1;
        int c = getopt_long(argc, argv, shortopts, longopts, &idx);
        if (c == -1) break;
        d->current = NULL;
        int rc;
        if (c == '?' || c == ':') {
            const char *bad = argv[optind - 1];
            if (c == ':')
                np_error("option '%s' needs an argument", bad);
            else if (optopt)
                np_error("unknown option '-%c'", optopt);
            else
                np_error("unknown option '%s'", bad);
            rc = NP_EX_USAGE;
        } else {
            /* Map short options to their keys. */
            int key = c;
            for (int l = 0; l < 2; l++)
                for (const np_option *o = lists[l]; o && o->name; o++)
                    if (o->short_name && o->short_name == c) key = o->key;
            for (int l = 0; l < 2; l++)
                for (const np_option *o = lists[l]; o && o->name; o++)
                    if (o->key == key) d->current = o->name;
            if ((rc = take_option(d, key, optarg)) < 0) continue;
        }
        if (rc == NP_EX_USAGE && d->parse_only) {
            refused = rc;
            continue;
        }
        if (rc == NP_EX_USAGE) fprintf(stderr, "Try '%s --help'.\n", d->progname);
        return rc;
    }
    if (refused) return refused;
    if (d->f->check) {
        d->current = NULL; /* the message is about the options together, not the last one */
        int rc = d->f->check(d->ctx);
        if (rc != NP_EX_OK) {
            if (rc == NP_EX_USAGE && !d->parse_only)
                fprintf(stderr, "Try '%s --help'.\n", d->progname);
            return rc;
        }
    }
    if (d->output_path) {
        size_t n = strlen(d->output_path);
        if (n > 3 && strcmp(d->output_path + n - 3, ".gz") == 0) d->gzip = 1;
    }
    *first_file = optind;
    return -1;
}

static const char *display_name(const char *input)
{
    return strcmp(input, "-") == 0 ? "<stdin>" : input;
}

/* Appends a base64 encoding of p[0..n). */
static int put_base64(np_buf *b, const unsigned char *p, size_t n)
{
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (np_buf_reserve(b, (n + 2) / 3 * 4 + 2) < 0) return -1;
    np_buf_putc(b, '"');
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        char q[4] = {tbl[v >> 18], tbl[v >> 12 & 63], tbl[v >> 6 & 63], tbl[v & 63]};
        np_buf_append(b, q, 4);
    }
    if (i < n) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0);
        char q[4] = {tbl[v >> 18], tbl[v >> 12 & 63], i + 1 < n ? tbl[v >> 6 & 63] : '=', '='};
        np_buf_append(b, q, 4);
    }
    return np_buf_putc(b, '"');
}

/* The count of rejected lines whose diagnostic the cap held back, when one is due. */
static void diag_summary(driver *d, int final)
{
    uint64_t k = np_diagcap_due(&d->diag, final);
    if (k)
        np_error("%llu more rejected line%s not shown (--max-diagnostics %llu; --reject FILE "
                 "records every one)",
                 (unsigned long long)k, k == 1 ? "" : "s", (unsigned long long)d->diag.limit);
}

/* Reports a rejected line: a diagnostic on stderr (the first --max-diagnostics of them, then
 * counts) and, with --reject, a JSON record. Returns an exit code when the run must stop. */
static int reject(driver *d, const char *input, uint64_t lineno, const char *line, size_t len,
                  uint64_t full_len, const char *why)
{
    d->n_rejected++;
    if (np_diagcap_take(&d->diag))
        np_error("%s:%llu: %s", display_name(input), (unsigned long long)lineno, why);
    else
        diag_summary(d, 0);
    if (d->reject_fd >= 0) {
        np_buf *b = &d->scratch;
        np_buf_clear(b);
        int utf8 = np_utf8_validate(line, len) == len;
        int rc = np_buf_puts(b, "{\"filter\":");
        rc |= np_json_put_string(b, d->f->name, strlen(d->f->name));
        rc |= np_buf_puts(b, ",\"file\":");
        rc |= np_json_put_string(b, input, strlen(input));
        rc |= np_buf_printf(b, ",\"line\":%llu,\"error\":", (unsigned long long)lineno);
        rc |= np_json_put_string(b, why, strlen(why));
        rc |= np_buf_printf(b, ",\"time\":%lld,\"input\":", (long long)time(NULL));
        rc |= utf8 ? np_json_put_string(b, line, len)
                   : put_base64(b, (const unsigned char *)line, len);
        if (!utf8) rc |= np_buf_puts(b, ",\"input_encoding\":\"base64\"");
        if (full_len > len)
            rc |= np_buf_printf(b, ",\"input_truncated\":true,\"length\":%llu",
                                (unsigned long long)full_len);
        rc |= np_buf_puts(b, "}\n");
        if (rc) {
            np_error("out of memory");
            return NP_EX_SOFTWARE;
        }
        /* One write per record with O_APPEND: stages sharing a reject file do not interleave. */
        if (np_write_all(d->reject_fd, b->data, b->len) < 0) {
            np_error("%s: %s", d->reject_path, strerror(errno));
            return NP_EX_IOERR;
        }
    }
    return d->strict ? NP_EX_DATAERR : -1;
}

static int flush_output(void *arg)
{
    return np_output_flush(arg);
}

static int output_failed(driver *d)
{
    np_error("%s: write error: %s", d->output_path ? d->output_path : "<stdout>",
             strerror(np_output_error(d->out)));
    return NP_EX_IOERR;
}

/* --chunked: consumes a marker line (returns 0: an end marker is echoed and the output
 * flushed, so that the runner can pass the chunk on), or numbers a data line as the runner
 * said (returns -1: process it). Returns an exit code for a bad marker or a failed write. */
static int chunk_line(driver *d, np_in_status st, const char *line, size_t len, uint64_t *lineno)
{
    if (st == NP_IN_LINE && len && line[0] == NP_CHUNK_RS && !d->chunk_literal) {
        uint64_t v;
        int added;
        char m[NP_CHUNK_MARK_MAX];
        d->chunk_bytes_in += len + 1;
        switch (np_chunk_parse(line, len, &v, &added)) {
        case NP_CHUNK_BEGIN: {
            d->chunk_next = v;
            size_t n = np_chunk_open(m);
            d->chunk_bytes_out += n;
            return np_output_write(d->out, m, n) < 0 ? output_failed(d) : 0;
        }
        case NP_CHUNK_DATA: d->chunk_literal = 1; return 0;
        case NP_CHUNK_END: {
            size_t n = np_chunk_end(m, v, 0);
            d->chunk_bytes_in += (uint64_t)added;
            d->chunk_bytes_out += n;
            if (np_output_write(d->out, m, n) < 0 || np_output_flush(d->out) < 0)
                return output_failed(d);
            return 0;
        }
        case NP_CHUNK_OPEN:
        case NP_CHUNK_BAD: break;
        }
        np_error("--chunked: line %llu is not a chunk marker", (unsigned long long)d->chunk_next);
        return NP_EX_SOFTWARE;
    }
    d->chunk_literal = 0;
    *lineno = d->chunk_next++;
    return -1;
}

/* Runs every line of one input through the filter. Returns -1 to go on, or an exit code. */
static int run_input(driver *d, const char *path, np_record *rec)
{
    np_input *in = np_input_open(path, d->max_line);
    if (!in) {
        np_error("%s: %s", display_name(path), strerror(errno));
        return NP_EX_NOINPUT;
    }
    np_input_set_before_block(in, flush_output, d->out);
    int status = -1;
    for (;;) {
        const char *line;
        size_t len;
        np_in_status st = np_input_next(in, &line, &len);
        if (st == NP_IN_EOF) break;
        if (st == NP_IN_ERROR || st == NP_IN_CORRUPT) {
            np_error("%s: %s", display_name(path), np_input_error(in));
            status = st == NP_IN_CORRUPT ? NP_EX_DATAERR : NP_EX_IOERR;
            break;
        }
        /* The runner ends every chunk with a marker line and its newline (adding one the input
         * lacked): a line cut off by the end of input is the rest of a chunk it stopped sending
         * (what reads the stage went away), no record to read or reject. */
        if (d->chunked && np_input_unterminated(in)) break;
        uint64_t lineno = np_input_lineno(in);
        if (d->chunked && (status = chunk_line(d, st, line, len, &lineno)) >= 0) {
            if (status > 0) break;
            status = -1;
            continue;
        }
        if (st == NP_IN_TOO_LONG) {
            d->n_in++;
            char why[96];
            snprintf(why, sizeof why, "line of %llu bytes is longer than --max-line (%llu)",
                     (unsigned long long)np_input_long_len(in), (unsigned long long)d->max_line);
            status = reject(d, path, lineno, line, len, np_input_long_len(in), why);
            if (status >= 0) break;
            continue;
        }
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r')) k++;
        if (k == len) continue; /* blank */
        d->n_in++;
        np_json_error jerr = {0, NULL};
        np_json_status js = np_json_parse_object(line, len, &rec->obj, &jerr);
        if (js != NP_JSON_OK) {
            char why[160];
            if (js == NP_JSON_NOMEM) {
                np_error("out of memory");
                status = NP_EX_SOFTWARE;
                break;
            }
            if (js == NP_JSON_NOT_OBJECT)
                snprintf(why, sizeof why, "valid JSON but not an object");
            else
                snprintf(why, sizeof why, "invalid JSON at byte %zu: %s", jerr.offset + 1,
                         jerr.msg);
            status = reject(d, path, lineno, line, len, len, why);
            if (status >= 0) break;
            continue;
        }
        np_record_reset(rec, line, len, path, lineno);
        np_verdict v = d->f->record(d->ctx, rec);
        switch (v) {
        case NP_PASS: d->n_passed++; /* fall through */
        case NP_EMIT:
            d->n_out++;
            if (np_record_write(rec, d->out) < 0)
                status = output_failed(d);
            else if (d->unbuffered && np_output_flush(d->out) < 0)
                status = output_failed(d);
            break;
        case NP_DROP: d->n_dropped++; break;
        case NP_REPLAY: d->n_replayed++; break;
        case NP_REJECT:
            status = reject(d, path, lineno, line, len, len, rec->msg[0] ? rec->msg : "rejected");
            break;
        case NP_FAIL:
            np_error("%s:%llu: %s", display_name(path), (unsigned long long)lineno, rec->msg);
            status = rec->fail_code ? rec->fail_code : NP_EX_SOFTWARE;
            break;
        }
        if (status >= 0) break;
    }
    d->bytes_in += np_input_bytes(in);
    np_input_close(in);
    return status;
}

static void print_stats(driver *d, double seconds)
{
    np_buf b = {0};
    int rc = np_buf_printf(&b,
                           "{\"filter\":\"%s\",\"in\":%llu,\"out\":%llu,\"dropped\":%llu,"
                           "\"rejected\":%llu,\"passed\":%llu,\"replayed\":%llu,\"bytes_in\":%llu,"
                           "\"bytes_out\":%llu,\"seconds\":%.3f",
                           d->f->name, (unsigned long long)d->n_in, (unsigned long long)d->n_out,
                           (unsigned long long)d->n_dropped, (unsigned long long)d->n_rejected,
                           (unsigned long long)d->n_passed, (unsigned long long)d->n_replayed,
                           (unsigned long long)(d->bytes_in - d->chunk_bytes_in),
                           (unsigned long long)(d->bytes_out - d->chunk_bytes_out), seconds);
    if (rc == 0 && d->f->stats) rc = d->f->stats(d->ctx, &b);
    if (rc == 0) rc = np_buf_puts(&b, "}\n");
    if (rc == 0) fputs(b.data, stderr);
    np_buf_free(&b);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int np_filter_main(const np_filter *f, void *ctx, int argc, char **argv)
{
    /* "| head" must end us quietly, whatever our parent did with SIGPIPE. */
    signal(SIGPIPE, SIG_DFL);
    driver d = {.f = f, .ctx = ctx, .max_line = DEFAULT_MAX_LINE, .reject_fd = -1, .chunk_next = 1};
    d.diag.limit = NP_DIAGCAP_DEFAULT;
    snprintf(d.progname, sizeof d.progname, "newspipe-%s", f->name);
    np_set_progname(d.progname);
    double t0 = now_seconds();

    for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
        if (!strcmp(argv[i], "--parse-only")) d.parse_only = 1;
    /* The state protocol's --commit FILE is a command of its own (statefile.h). */
    if (f->state_verify && !d.parse_only && np_state_commit_asked(argc, argv))
        return np_state_commit_main(argc, argv, f->state_verify);
    if (d.parse_only) np_set_error_hook(parse_only_error, &d);

    int first_file = argc;
    int status = parse_options(&d, argc, argv, &first_file);
    if (d.parse_only) {
        np_set_error_hook(NULL, NULL);
        if (status < 0) status = NP_EX_OK;
        if (fflush(stdout) != 0 && status == NP_EX_OK) status = NP_EX_IOERR;
        return status;
    }
    if (status >= 0) return status;

    /* Refuse unreadable inputs before any record is written or any state touched. */
    for (int i = first_file; i < argc; i++) {
        if (strcmp(argv[i], "-") != 0 && access(argv[i], R_OK) < 0) {
            np_error("%s: %s", argv[i], strerror(errno));
            return NP_EX_NOINPUT;
        }
    }
    if (d.reject_path) {
        d.reject_fd = open(d.reject_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
        if (d.reject_fd < 0) {
            np_error("%s: %s", d.reject_path, strerror(errno));
            return NP_EX_CANTCREAT;
        }
    }
    d.out = np_output_open(d.output_path, d.gzip);
    if (!d.out) {
        np_error("%s: %s", d.output_path ? d.output_path : "<stdout>", strerror(errno));
        if (d.reject_fd >= 0) close(d.reject_fd);
        return NP_EX_CANTCREAT;
    }

    np_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id_field = d.id_field ? d.id_field : "id";
    status = f->start ? f->start(ctx) : NP_EX_OK;
    int started = status == NP_EX_OK;
    if (started) {
        status = -1;
        if (first_file == argc) {
            status = run_input(&d, "-", &rec);
        } else {
            for (int i = first_file; i < argc && status < 0; i++)
                status = run_input(&d, argv[i], &rec);
        }
        if (status < 0) status = NP_EX_OK;
    }
    diag_summary(&d, 1);
    /* The output is complete only when it is committed; state may advance only after. */
    int commit = status == NP_EX_OK;
    d.bytes_out = np_output_bytes(d.out);
    if (np_output_close(d.out, commit) < 0 && commit) {
        np_error("%s: write error: %s", d.output_path ? d.output_path : "<stdout>",
                 strerror(errno));
        status = NP_EX_IOERR;
    }
    d.out = NULL;
    if (started && f->finish) status = f->finish(ctx, status);
    if (d.reject_fd >= 0 && close(d.reject_fd) < 0 && status == NP_EX_OK) {
        np_error("%s: %s", d.reject_path, strerror(errno));
        status = NP_EX_IOERR;
    }
    if (d.stats) print_stats(&d, now_seconds() - t0);
    np_record_destroy(&rec);
    np_buf_free(&d.scratch);
    return status;
}
