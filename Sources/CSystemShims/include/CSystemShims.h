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

// MARK: Descriptor passing over Unix sockets (SCM_RIGHTS)

/// sendmsg of `len` bytes with `nfds` descriptors attached (0 for none), MSG_NOSIGNAL.
/// Returns the bytes sent or -errno.
long ra_send_with_fds(int sock, const void *buf, unsigned long len, const int *fds, int nfds);
/// recvmsg into `buf`, collecting up to `maxfds` passed descriptors (close-on-exec) into
/// `fds` and their number into `*nfds`. Returns the bytes read (0 at end of stream) or -errno.
/// Descriptors beyond `maxfds` are closed by the kernel (MSG_CTRUNC is reported as -EMSGSIZE
/// after closing what did arrive).
long ra_recv_with_fds(int sock, void *buf, unsigned long len, int *fds, int maxfds, int *nfds);
/// SO_PEERCRED: the pid of the process at the other end of a Unix socket, or -errno.
int ra_peer_pid(int sock);
/// A connected, blocking, close-on-exec Unix stream socket to `path`, or -errno.
int ra_unix_connect(const char *path);
/// A listening, close-on-exec Unix stream socket bound at `path` (a stale file is replaced),
/// mode 0600, or -errno.
int ra_unix_listen(const char *path, int backlog);
/// accept4(SOCK_CLOEXEC) retrying on EINTR; -errno on failure (EINVAL once shut down).
int ra_unix_accept(int listener);

// MARK: Sandbox (workers confine themselves after start-up)

/// The Landlock ABI version the kernel offers (0 when Landlock is unavailable or disabled).
int ra_landlock_abi(void);

/// Landlock access groups a rule can grant (translated to the kernel's bits by the shim).
enum {
    RA_FS_READ = 1,      // read files, list directories
    RA_FS_EXECUTE = 2,   // execute / map executable
    RA_FS_WRITE = 4,     // write, truncate, create and remove files and directories
    RA_FS_DEVICE = 8,    // write to a device file (/dev/null)
};
/// A Landlock ruleset handling every file-system right the running ABI knows; with
/// `deny_tcp`, also every TCP bind and connect (ABI >= 4); with `scope`, abstract Unix
/// sockets and signals are confined to the domain (ABI >= 6). Returns the ruleset fd or -errno.
int ra_landlock_create(int abi, int deny_tcp_connect, int scope);
/// Grants `access` (RA_FS_*) beneath `path` (a directory, or a single file). -ENOENT when
/// the path does not exist (callers skip those), else 0 or -errno.
int ra_landlock_allow(int ruleset, const char *path, int access, int abi);
/// prctl(PR_SET_NO_NEW_PRIVS) then landlock_restrict_self; closes the ruleset. 0 or -errno.
int ra_landlock_enforce(int ruleset);

/// Drops every capability: bounding set, ambient set, then effective/permitted/inheritable.
/// Returns 0 or -errno (a process without capabilities succeeds trivially).
int ra_drop_capabilities(void);
/// PR_SET_NO_NEW_PRIVS (also set by the seccomp and Landlock steps).
int ra_set_no_new_privs(void);
/// PR_SET_DUMPABLE 0: no core dump, and other processes of our uid cannot ptrace us or read
/// our /proc files beyond the public ones.
int ra_set_not_dumpable(void);

/// Which seccomp allow-list to load.
enum { RA_SECCOMP_AGENT = 0, RA_SECCOMP_DOCUMENT = 1 };
/// Loads the worker's seccomp allow-list on every thread (TSYNC). A call outside the list
/// traps into a SIGSYS handler that writes one log line to stderr naming the system call,
/// then ends the process with a call the filter kills outright (SECCOMP_RET_KILL_PROCESS),
/// so the supervisor sees the worker die of SIGSYS. 0 or -errno.
int ra_seccomp_load(int kind, int own_pid);
/// The system call number a test uses to prove that a trap kills (the filter's kill marker).
long ra_seccomp_kill_marker(void);

/// Debug (test) builds only, for the sandbox probe: `ptrace(PTRACE_ATTACH, pid)` (variadic in
/// C, so not callable from Swift). Not defined in release builds.
long ra_sandbox_probe_ptrace_attach(int pid);
#endif
