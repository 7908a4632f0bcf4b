/* Atomic files, locks and whole-file reads. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "buf.h"
#include "cli.h"
#include "exitcode.h"
#include "lock.h"
#include "tap.h"

static char *read_file(const char *path)
{
    static char buf[256];
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static char said[256];
static void hear(void *arg, const char *msg)
{
    (void)arg;
    snprintf(said, sizeof said, "%s", msg);
}

int main(void)
{
    char dir[] = "/tmp/np-files.XXXXXX";
    if (!mkdtemp(dir)) skip_all("mkdtemp failed");
    char path[128], lockpath[128];
    snprintf(path, sizeof path, "%s/state", dir);
    snprintf(lockpath, sizeof lockpath, "%s/state.lock", dir);

    np_atomic_file af;
    ok(np_atomic_open(&af, path) == 0 && np_write_all(af.fd, "one\n", 4) == 0, "open + write");
    ok(access(path, F_OK) != 0, "target absent before commit");
    ok(np_atomic_commit(&af) == 0 && strcmp(read_file(path), "one\n") == 0, "commit");
    ok(np_atomic_open(&af, path) == 0 && np_write_all(af.fd, "two\n", 4) == 0, "second write");
    np_atomic_abort(&af);
    ok(strcmp(read_file(path), "one\n") == 0, "abort leaves the old file");
    int entries = 0;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls %s | wc -l", dir);
    FILE *p = popen(cmd, "r");
    if (p && fscanf(p, "%d", &entries) != 1) entries = -1;
    if (p) pclose(p);
    ok(entries == 1, "no temporary left behind");

    /* np_atomic_write_file: a write that fails (here a file size limit, as a full disk would)
     * is an I/O error and leaves neither a temporary nor a changed file. */
    char wpath[160];
    snprintf(wpath, sizeof wpath, "%s/written", dir);
    ok(np_atomic_write_file(wpath, "three\n", 6) == 0 && strcmp(read_file(wpath), "three\n") == 0,
       "np_atomic_write_file writes the file");
    pid_t wpid = fork();
    if (wpid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {.rlim_cur = 4, .rlim_max = 4};
        if (setrlimit(RLIMIT_FSIZE, &rl) < 0) _exit(2);
        int rc = np_atomic_write_file(wpath, "a longer text\n", 14);
        _exit(rc == NP_EX_IOERR && errno == EFBIG ? 0 : 1);
    }
    int wst;
    waitpid(wpid, &wst, 0);
    ok(WIFEXITED(wst) && WEXITSTATUS(wst) == 0, "a failed write: NP_EX_IOERR, errno kept");
    ok(strcmp(read_file(wpath), "three\n") == 0, "the old file is untouched");
    entries = -1;
    p = popen(cmd, "r");
    if (p && fscanf(p, "%d", &entries) != 1) entries = -1;
    if (p) pclose(p);
    ok(entries == 2, "and no temporary is left");
    char nodir[160];
    snprintf(nodir, sizeof nodir, "%s/absent/file", dir);
    errno = 0;
    ok(np_atomic_write_file(nodir, "x", 1) == NP_EX_CANTCREAT && errno == ENOENT,
       "no directory to create it in: NP_EX_CANTCREAT, ENOENT");

    np_lock l1, l2;
    char holder[128];
    ok(np_lock_acquire(&l1, lockpath, 0, NULL, 0) == NP_LOCK_OK, "lock taken");
    pid_t pid = fork();
    if (pid == 0) {
        int rc = np_lock_acquire(&l2, lockpath, 0, holder, sizeof holder);
        _exit(rc == NP_LOCK_BUSY && strstr(holder, "pid ") ? 0 : 1);
    }
    int st;
    waitpid(pid, &st, 0);
    ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "second process finds it busy and names the holder");
    pid = fork();
    if (pid == 0) {
        int rc = np_lock_acquire(&l2, lockpath, 1, NULL, 0); /* waits */
        _exit(rc == NP_LOCK_OK ? 0 : 1);
    }
    usleep(100 * 1000);
    np_lock_release(&l1);
    waitpid(pid, &st, 0);
    ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a waiting process gets the lock on release");
    pid = fork();
    if (pid == 0) {
        np_lock_acquire(&l2, lockpath, 0, NULL, 0);
        raise(SIGKILL);
    }
    waitpid(pid, &st, 0);
    ok(np_lock_acquire(&l1, lockpath, 0, NULL, 0) == NP_LOCK_OK,
       "a killed holder leaves no stale lock");
    np_lock_release(&l1);
    /* Killed while a child it had forked still shared the lock (a server killed as it started
     * a stage, the child not yet at its exec): the lock is free a moment later. */
    pid = fork();
    if (pid == 0) {
        np_lock_acquire(&l2, lockpath, 0, NULL, 0);
        if (fork() == 0) {
            usleep(300 * 1000);
            _exit(0);
        }
        raise(SIGKILL);
    }
    waitpid(pid, &st, 0);
    ok(np_lock_acquire(&l1, lockpath, 0, holder, sizeof holder) == NP_LOCK_OK,
       "a killed holder's child sharing the lock for a moment: waited for, not reported");
    /* A live holder is still reported at once (not after the wait for a dead one's child). */
    pid = fork();
    if (pid == 0) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int rc = np_lock_acquire(&l2, lockpath, 0, holder, sizeof holder);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        _exit(rc == NP_LOCK_BUSY && t1.tv_sec - t0.tv_sec < 2 ? 0 : 1);
    }
    waitpid(pid, &st, 0);
    ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a live holder: busy at once");
    np_lock_release(&l1);

    np_buf b = {0};
    ok(np_buf_read_file(&b, path) == 0 && b.len == 4 && strcmp(b.data, "one\n") == 0,
       "np_buf_read_file reads the whole file");
    np_buf_clear(&b);
    char big[128];
    snprintf(big, sizeof big, "%s/big", dir);
    FILE *f = fopen(big, "w");
    for (int i = 0; f && i < 100000; i++) fprintf(f, "%07d\n", i); /* 800 kB: several reads */
    if (f) fclose(f);
    ok(np_buf_read_file(&b, big) == 0 && b.len == 800000 &&
           !strncmp(b.data + 799992, "0099999\n", 8) && b.data[b.len] == '\0',
       "np_buf_read_file reads a file larger than its read size, NUL-terminated");
    np_buf_free(&b);
    snprintf(big, sizeof big, "%s/empty", dir);
    f = fopen(big, "w");
    if (f) fclose(f);
    ok(np_buf_read_file(&b, big) == 0 && b.data && b.len == 0 && b.data[0] == '\0',
       "np_buf_read_file of an empty file gives an empty string");
    np_buf_free(&b);
    snprintf(big, sizeof big, "%s/absent", dir);
    errno = 0;
    ok(np_buf_read_file(&b, big) == -1 && errno == ENOENT,
       "np_buf_read_file of a missing file: ENOENT");
    np_buf_free(&b);

    /* a command's result: to a file atomically, or a one-line reason and the exit status */
    np_set_error_hook(hear, NULL);
    snprintf(big, sizeof big, "%s/result", dir);
    ok(np_write_result(big, "r\n", 2) == 0 && !strcmp(read_file(big), "r\n") && !said[0],
       "np_write_result: the file, nothing said");
    snprintf(big, sizeof big, "%s/absent/result", dir);
    ok(np_write_result(big, "r\n", 2) == NP_EX_CANTCREAT &&
           strstr(said, "/absent/result: cannot create: "),
       "np_write_result into a missing directory: 73, the path and the reason (%s)", said);
    np_set_error_hook(NULL, NULL);

    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) printf("# cleanup failed\n");
    return done_testing();
}
