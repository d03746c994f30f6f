#ifndef CSYSTEMSHIMS_H
#define CSYSTEMSHIMS_H

#include <stdint.h>
#include <sys/types.h>

/// Spawns `path` with `argv`/`envp` via posix_spawn. `fds[i]` becomes fd 3+i in the child;
/// every other descriptor >= 3 is closed; stdin is /dev/null; the signal mask is emptied and
/// the handled signals are reset to their defaults. Returns 0 or an errno value.
int ra_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
             const int *fds, int nfds);

/// `ra_spawn` plus stdout/stderr redirection (-1 keeps them) and, if `new_process_group`,
/// a new process group led by the child (tests use it to find every descendant).
int ra_spawn_ex(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                const int *fds, int nfds, int stdout_fd, int stderr_fd, int new_process_group);

/// sd_notify(0, state). Returns > 0 if sent, 0 if NOTIFY_SOCKET is unset, < 0 on error.
int ra_sd_notify(const char *state);
/// sd_listen_fds(0): number of sockets passed by systemd starting at fd 3.
int ra_sd_listen_fds(void);
/// sd_watchdog_enabled(0, usec): > 0 with *usec set if the watchdog is on for this process.
int ra_sd_watchdog_enabled(uint64_t *usec);
/// sd_journal_sendv with MESSAGE=, PRIORITY= and extra "KEY=value" fields.
int ra_journal_send(const char *message, int priority, const char *const *fields, int nfields);

/// prctl(PR_SET_PDEATHSIG, sig): the kernel signals us when our parent dies.
int ra_set_parent_death_signal(int sig);
/// Installs handlers for `sigs` that write the signal number to a pipe; returns the read
/// end (or -errno). Read it with `ra_read_signal`.
int ra_install_signal_pipe(const int *sigs, int n);
/// Blocks until a signal number arrives on the pipe; -1 on error.
int ra_read_signal(int fd);
/// Blocks `sigs` in the calling thread (inherited by threads it creates).
int ra_block_signals(const int *sigs, int n);
/// Waits for one of `sigs` (which must be blocked); returns the signal number or -errno.
int ra_wait_signal(const int *sigs, int n);
/// Marks `fd` close-on-exec.
int ra_set_cloexec(int fd);
#endif
