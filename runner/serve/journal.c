/* The serve journal file: "key value" lines, the last one a CRC-32 of the others. */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "atomicfile.h"
#include "buf.h"

#define MAGIC       "newspipe-serve-journal 1\n"
#define MAX_JOURNAL (1 << 20)

void np__journal_clear_srcs(np_journal *j)
{
    for (size_t i = 0; i < j->nsrcs; i++) free(j->srcs[i]);
    free(j->srcs);
    free(j->src_inos);
    j->srcs = NULL;
    j->src_inos = NULL;
    j->nsrcs = 0;
}

void np__journal_free(np_journal *j)
{
    np__journal_clear_srcs(j);
    for (size_t i = 0; i < j->ncommits; i++) free(j->commits[i]);
    free(j->commits);
    memset(j, 0, sizeof *j);
}

int np__journal_add_src(np_journal *j, const char *path, uint64_t ino)
{
    char **v = realloc(j->srcs, (j->nsrcs + 1) * sizeof *v);
    if (!v) return -1;
    j->srcs = v;
    uint64_t *w = realloc(j->src_inos, (j->nsrcs + 1) * sizeof *w);
    if (!w) return -1;
    j->src_inos = w;
    if (!(v[j->nsrcs] = strdup(path))) return -1;
    w[j->nsrcs++] = ino;
    return 0;
}

int np__journal_set_commits(np_journal *j, char *const *commits, size_t n)
{
    char **v = n ? calloc(n, sizeof *v) : NULL;
    if (n && !v) return -1;
    for (size_t i = 0; i < n; i++)
        if (!(v[i] = strdup(commits[i]))) {
            while (i--) free(v[i]);
            free(v);
            return -1;
        }
    for (size_t i = 0; i < j->ncommits; i++) free(j->commits[i]);
    free(j->commits);
    j->commits = v;
    j->ncommits = n;
    return 0;
}

static int put_file(np_buf *b, const char *key, const np_jfile *f)
{
    return np_buf_printf(b, "%s %" PRIu64 " %" PRIu64 " %" PRId64 "\n", key, f->ino, f->size,
                         f->created);
}

int np__journal_save(const np_journal *j, const char *dir)
{
    np_buf b = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s/journal", dir);
    int rc = -1;
    if (np_buf_puts(&b, MAGIC) < 0 ||
        np_buf_printf(&b, "seq %" PRIu64 "\nphase %s\n", j->seq,
                      j->phase == NP_JOURNAL_OUTPUT ? "output" : "done") < 0 ||
        put_file(&b, "out", &j->out) < 0 || put_file(&b, "rej", &j->rej) < 0 ||
        np_buf_printf(&b, "batches %" PRIu64 "\nrecords_in %" PRIu64 "\nrecords_out %" PRIu64 "\n",
                      j->batches, j->records_in, j->records_out) < 0)
        goto nomem;
    for (size_t i = 0; i < j->nsrcs; i++)
        if (np_buf_printf(&b, "src %" PRIu64 " %s\n", j->src_inos[i], j->srcs[i]) < 0) goto nomem;
    for (size_t i = 0; i < j->ncommits; i++)
        if (np_buf_printf(&b, "commit %s\n", j->commits[i]) < 0) goto nomem;
    uLong crc = crc32(0L, (const Bytef *)b.data, (uInt)b.len);
    if (np_buf_printf(&b, "crc %08lx\n", crc) < 0) goto nomem;

    np_atomic_file af = {.fd = -1};
    if (np_atomic_open(&af, path) < 0) goto out;
    if (np_write_all(af.fd, b.data, b.len) < 0) {
        int e = errno;
        np_atomic_abort(&af);
        errno = e;
        goto out;
    }
    rc = np_atomic_commit(&af);
    goto out;
nomem:
    errno = ENOMEM;
out:
    np_buf_free(&b);
    return rc;
}

static int get_u64(const char *s, uint64_t *v)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || end == s || *end || *s == '-') return -1;
    *v = x;
    return 0;
}

static int get_file(const char *s, np_jfile *f)
{
    long long created;
    int used = 0;
    if (sscanf(s, "%" SCNu64 " %" SCNu64 " %lld%n", &f->ino, &f->size, &created, &used) != 3 ||
        s[used])
        return -1;
    f->created = created;
    return 0;
}

static int add_commit(np_journal *j, const char *s)
{
    char **v = realloc(j->commits, (j->ncommits + 1) * sizeof *v);
    if (!v) return -1;
    j->commits = v;
    if (!(v[j->ncommits] = strdup(s))) return -1;
    j->ncommits++;
    return 0;
}

int np__journal_load(np_journal *j, const char *dir, char *err, size_t errlen)
{
    memset(j, 0, sizeof *j);
    char path[4096];
    snprintf(path, sizeof path, "%s/journal", dir);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return 1;
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    np_buf b = {0};
    int rc = -1;
    char chunk[8192];
    for (;;) {
        ssize_t k = read(fd, chunk, sizeof chunk);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            goto out;
        }
        if (k == 0) break;
        if (b.len + (size_t)k > MAX_JOURNAL || np_buf_append(&b, chunk, (size_t)k) < 0) {
            snprintf(err, errlen, "%s: too large or out of memory", path);
            goto out;
        }
    }
    /* The last line is "crc HEX" over everything before it. */
    const char *crcline = NULL;
    if (b.len > 1 && b.data[b.len - 1] == '\n') {
        b.data[b.len - 1] = '\0';
        crcline = strrchr(b.data, '\n');
        crcline = crcline ? crcline + 1 : NULL;
    }
    unsigned long want;
    char extra;
    if (!crcline || sscanf(crcline, "crc %8lx%c", &want, &extra) != 1 ||
        crc32(0L, (const Bytef *)b.data, (uInt)(crcline - b.data)) != want ||
        strncmp(b.data, MAGIC, strlen(MAGIC)) != 0) {
        snprintf(err, errlen, "%s: corrupt (bad checksum or header)", path);
        goto out;
    }
    b.data[crcline - b.data - 1] = '\0';
    char *line = b.data + strlen(MAGIC);
    int bad = 0;
    while (line && *line && !bad) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        char *sp = strchr(line, ' ');
        if (!sp) {
            bad = 1;
            break;
        }
        *sp = '\0';
        const char *key = line, *val = sp + 1;
        if (!strcmp(key, "seq"))
            bad = get_u64(val, &j->seq) < 0;
        else if (!strcmp(key, "phase")) {
            if (!strcmp(val, "output"))
                j->phase = NP_JOURNAL_OUTPUT;
            else if (!strcmp(val, "done"))
                j->phase = NP_JOURNAL_DONE;
            else
                bad = 1;
        } else if (!strcmp(key, "src")) {
            char *end;
            errno = 0;
            unsigned long long ino = strtoull(val, &end, 10);
            bad = errno || end == val || *end != ' ' || np__journal_add_src(j, end + 1, ino) < 0;
        } else if (!strcmp(key, "out"))
            bad = get_file(val, &j->out) < 0;
        else if (!strcmp(key, "rej"))
            bad = get_file(val, &j->rej) < 0;
        else if (!strcmp(key, "batches"))
            bad = get_u64(val, &j->batches) < 0;
        else if (!strcmp(key, "records_in"))
            bad = get_u64(val, &j->records_in) < 0;
        else if (!strcmp(key, "records_out"))
            bad = get_u64(val, &j->records_out) < 0;
        else if (!strcmp(key, "commit"))
            bad = !strchr(val, '\t') || add_commit(j, val) < 0;
        /* Unknown keys are for a later version: ignored. */
        line = nl ? nl + 1 : NULL;
    }
    if (bad) {
        snprintf(err, errlen, "%s: corrupt (a line cannot be read)", path);
        np__journal_free(j);
        goto out;
    }
    rc = 0;
out:
    close(fd);
    np_buf_free(&b);
    return rc;
}
