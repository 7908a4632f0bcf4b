/* Atomic files and locks. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomicfile.h"
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
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) printf("# cleanup failed\n");
    return done_testing();
}
