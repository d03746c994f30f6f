#define _GNU_SOURCE
#include "CSystemShims.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/uio.h>
#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>

int ra_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
             const int *fds, int nfds) {
    return ra_spawn_ex(pid, path, argv, envp, fds, nfds, -1, -1, 0);
}

int ra_spawn_ex(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                const int *fds, int nfds, int stdout_fd, int stderr_fd, int new_process_group) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) return rc;
    rc = posix_spawnattr_init(&attr);
    if (rc != 0) { posix_spawn_file_actions_destroy(&actions); return rc; }

    // Two steps so that a source fd that happens to be 3+j is not clobbered before it is moved.
    for (int i = 0; i < nfds && rc == 0; i++) rc = posix_spawn_file_actions_adddup2(&actions, fds[i], 900 + i);
    if (rc == 0 && stdout_fd >= 0) rc = posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
    if (rc == 0 && stderr_fd >= 0) rc = posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
    for (int i = 0; i < nfds && rc == 0; i++) rc = posix_spawn_file_actions_adddup2(&actions, 900 + i, 3 + i);
    if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&actions, 3 + nfds);
    if (rc == 0) rc = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (rc == 0 && new_process_group) rc = posix_spawnattr_setpgroup(&attr, 0);

    sigset_t empty, defaults;
    sigemptyset(&empty);
    sigemptyset(&defaults);
    int reset[] = {SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGPIPE, SIGUSR1, SIGUSR2, SIGQUIT};
    for (unsigned i = 0; i < sizeof(reset) / sizeof(reset[0]); i++) sigaddset(&defaults, reset[i]);
    if (rc == 0) rc = posix_spawnattr_setsigmask(&attr, &empty);
    if (rc == 0) rc = posix_spawnattr_setsigdefault(&attr, &defaults);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | (new_process_group ? POSIX_SPAWN_SETPGROUP : 0);
    if (rc == 0) rc = posix_spawnattr_setflags(&attr, flags);
    if (rc == 0) rc = posix_spawn(pid, path, &actions, &attr, argv, envp);

    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return rc;
}

int ra_sd_notify(const char *state) { return sd_notify(0, state); }
int ra_sd_listen_fds(void) { return sd_listen_fds(0); }
int ra_sd_watchdog_enabled(uint64_t *usec) { return sd_watchdog_enabled(0, usec); }

int ra_journal_send(const char *message, int priority, const char *const *fields, int nfields) {
    struct iovec *iov = calloc((size_t)nfields + 2, sizeof(struct iovec));
    if (!iov) return -ENOMEM;
    char prio[16];
    snprintf(prio, sizeof prio, "PRIORITY=%d", priority);
    size_t mlen = strlen(message) + sizeof("MESSAGE=");
    char *msg = malloc(mlen);
    if (!msg) { free(iov); return -ENOMEM; }
    snprintf(msg, mlen, "MESSAGE=%s", message);
    iov[0].iov_base = msg; iov[0].iov_len = strlen(msg);
    iov[1].iov_base = prio; iov[1].iov_len = strlen(prio);
    for (int i = 0; i < nfields; i++) {
        iov[i + 2].iov_base = (void *)fields[i];
        iov[i + 2].iov_len = strlen(fields[i]);
    }
    int rc = sd_journal_sendv(iov, nfields + 2);
    free(msg);
    free(iov);
    return rc;
}

int ra_set_parent_death_signal(int sig) { return prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0); }

int ra_block_signals(const int *sigs, int n) {
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < n; i++) sigaddset(&set, sigs[i]);
    return pthread_sigmask(SIG_BLOCK, &set, NULL);
}

int ra_wait_signal(const int *sigs, int n) {
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < n; i++) sigaddset(&set, sigs[i]);
    for (;;) {
        int sig = sigwaitinfo(&set, NULL);
        if (sig >= 0) return sig;
        if (errno != EINTR) return -errno;
    }
}

int ra_set_cloexec(int fd) {
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0) return -errno;
    return fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0 ? -errno : 0;
}

// Self-pipe signal delivery: the handler only writes the signal number to a pipe (async-
// signal-safe); a thread reads it. Unlike sigwaitinfo this does not depend on every thread's
// signal mask, which the Swift runtime and libraries do not let us control.
static int ra_signal_pipe[2] = {-1, -1};

static void ra_signal_handler(int sig) {
    int saved = errno;
    unsigned char byte = (unsigned char)sig;
    ssize_t ignored = write(ra_signal_pipe[1], &byte, 1);
    (void)ignored;
    errno = saved;
}

int ra_install_signal_pipe(const int *sigs, int n) {
    if (ra_signal_pipe[0] < 0) {
        if (pipe2(ra_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) return -errno;
        // The reader blocks; only the write end must never block inside the handler.
        int flags = fcntl(ra_signal_pipe[0], F_GETFL);
        fcntl(ra_signal_pipe[0], F_SETFL, flags & ~O_NONBLOCK);
    }
    for (int i = 0; i < n; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = ra_signal_handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART | (sigs[i] == SIGCHLD ? SA_NOCLDSTOP : 0);
        if (sigaction(sigs[i], &action, NULL) != 0) return -errno;
    }
    // Make sure no thread of ours has them blocked in a way that starves delivery.
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < n; i++) sigaddset(&set, sigs[i]);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    return ra_signal_pipe[0];
}

int ra_read_signal(int fd) {
    for (;;) {
        unsigned char byte;
        ssize_t count = read(fd, &byte, 1);
        if (count == 1) return byte;
        if (count < 0 && errno == EINTR) continue;
        return -1;
    }
}
