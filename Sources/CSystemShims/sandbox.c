#define _GNU_SOURCE
#include "CSystemShims.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <unistd.h>

// MARK: Landlock
// Defined here rather than taken from <linux/landlock.h>: Debian's kernel headers stop at
// ABI 3, and the kernels we run on offer more (this one reports ABI 7).

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

#define RA_LL_CREATE_RULESET_VERSION (1U << 0)
#define RA_LL_RULE_PATH_BENEATH 1

#define RA_LL_FS_EXECUTE (1ULL << 0)
#define RA_LL_FS_WRITE_FILE (1ULL << 1)
#define RA_LL_FS_READ_FILE (1ULL << 2)
#define RA_LL_FS_READ_DIR (1ULL << 3)
#define RA_LL_FS_REMOVE_DIR (1ULL << 4)
#define RA_LL_FS_REMOVE_FILE (1ULL << 5)
#define RA_LL_FS_MAKE_CHAR (1ULL << 6)
#define RA_LL_FS_MAKE_DIR (1ULL << 7)
#define RA_LL_FS_MAKE_REG (1ULL << 8)
#define RA_LL_FS_MAKE_SOCK (1ULL << 9)
#define RA_LL_FS_MAKE_FIFO (1ULL << 10)
#define RA_LL_FS_MAKE_BLOCK (1ULL << 11)
#define RA_LL_FS_MAKE_SYM (1ULL << 12)
#define RA_LL_FS_REFER (1ULL << 13)
#define RA_LL_FS_TRUNCATE (1ULL << 14)
#define RA_LL_FS_IOCTL_DEV (1ULL << 15)
#define RA_LL_NET_BIND_TCP (1ULL << 0)
#define RA_LL_NET_CONNECT_TCP (1ULL << 1)
#define RA_LL_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define RA_LL_SCOPE_SIGNAL (1ULL << 1)

struct ra_landlock_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;  // ABI 4
    uint64_t scoped;              // ABI 6
};

struct ra_landlock_path_beneath_attr {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

int ra_landlock_abi(void) {
    long abi = syscall(__NR_landlock_create_ruleset, NULL, 0, RA_LL_CREATE_RULESET_VERSION);
    return abi < 0 ? 0 : (int)abi;
}

/// Every file-system right the ABI knows: handling a right we grant nowhere denies it.
static uint64_t ra_landlock_fs_rights(int abi) {
    uint64_t rights = (RA_LL_FS_MAKE_SYM << 1) - 1;  // ABI 1: bits 0…12
    if (abi >= 2) rights |= RA_LL_FS_REFER;
    if (abi >= 3) rights |= RA_LL_FS_TRUNCATE;
    if (abi >= 5) rights |= RA_LL_FS_IOCTL_DEV;
    return rights;
}

int ra_landlock_create(int abi, int deny_tcp_connect, int scope) {
    struct ra_landlock_ruleset_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.handled_access_fs = ra_landlock_fs_rights(abi);
    size_t size = sizeof(uint64_t);
    if (abi >= 4) {
        // Binding a TCP port is never a worker's business; connecting is the agent's.
        attr.handled_access_net = RA_LL_NET_BIND_TCP | (deny_tcp_connect ? RA_LL_NET_CONNECT_TCP : 0);
        size = 2 * sizeof(uint64_t);
    }
    if (abi >= 6 && scope) {
        attr.scoped = RA_LL_SCOPE_ABSTRACT_UNIX_SOCKET | RA_LL_SCOPE_SIGNAL;
        size = sizeof attr;
    }
    long fd = syscall(__NR_landlock_create_ruleset, &attr, size, 0);
    return fd < 0 ? -errno : (int)fd;
}

int ra_landlock_allow(int ruleset, const char *path, int access, int abi) {
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) return -errno;
    struct stat info;
    if (fstat(fd, &info) != 0) {
        int saved = errno;
        close(fd);
        return -saved;
    }
    uint64_t rights = 0;
    if (access & RA_FS_READ) rights |= RA_LL_FS_READ_FILE | RA_LL_FS_READ_DIR;
    if (access & RA_FS_EXECUTE) rights |= RA_LL_FS_EXECUTE;
    if (access & RA_FS_WRITE) {
        rights |= RA_LL_FS_WRITE_FILE | RA_LL_FS_REMOVE_DIR | RA_LL_FS_REMOVE_FILE | RA_LL_FS_MAKE_DIR | RA_LL_FS_MAKE_REG;
        if (abi >= 2) rights |= RA_LL_FS_REFER;
        if (abi >= 3) rights |= RA_LL_FS_TRUNCATE;
    }
    if (access & RA_FS_DEVICE) {
        rights |= RA_LL_FS_WRITE_FILE;
        if (abi >= 5) rights |= RA_LL_FS_IOCTL_DEV;
    }
    if (!S_ISDIR(info.st_mode)) {
        // A rule on a single file may only carry the rights that apply to files.
        rights &= RA_LL_FS_EXECUTE | RA_LL_FS_WRITE_FILE | RA_LL_FS_READ_FILE | RA_LL_FS_TRUNCATE | RA_LL_FS_IOCTL_DEV;
    }
    rights &= ra_landlock_fs_rights(abi);
    struct ra_landlock_path_beneath_attr rule = {.allowed_access = rights, .parent_fd = fd};
    long rc = syscall(__NR_landlock_add_rule, ruleset, RA_LL_RULE_PATH_BENEATH, &rule, 0);
    int saved = errno;
    close(fd);
    return rc < 0 ? -saved : 0;
}

int ra_set_no_new_privs(void) { return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 ? 0 : -errno; }

int ra_set_not_dumpable(void) { return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 ? 0 : -errno; }

int ra_landlock_enforce(int ruleset) {
    int rc = ra_set_no_new_privs();
    if (rc == 0 && syscall(__NR_landlock_restrict_self, ruleset, 0) != 0) rc = -errno;
    close(ruleset);
    return rc;
}

// MARK: Capabilities

int ra_drop_capabilities(void) {
    // The bounding set first: dropping from it needs CAP_SETPCAP, which goes last.
    for (int cap = 0; cap < 64; cap++) {
        int present = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
        if (present < 0) break;  // past the kernel's last capability
        if (present == 1 && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EPERM) return -errno;
    }
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capset, &header, data) != 0) return -errno;
    return 0;
}

// MARK: seccomp

// Ends a trapped process: the filter answers this call with SECCOMP_RET_KILL_PROCESS, so the
// exit status says SIGSYS whatever a hostile process did to its signal handling.
#define RA_KILL_MARKER SCMP_SYS(reboot)

long ra_seccomp_kill_marker(void) { return __NR_reboot; }

static void ra_append(char **cursor, const char *end, const char *text) {
    while (*text && *cursor < end) *(*cursor)++ = *text++;
}

static void ra_append_number(char **cursor, const char *end, long value) {
    char digits[24];
    int count = 0;
    unsigned long magnitude = value < 0 ? (unsigned long)(-value) : (unsigned long)value;
    do {
        digits[count++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude && count < (int)sizeof digits);
    if (value < 0 && *cursor < end) *(*cursor)++ = '-';
    while (count > 0 && *cursor < end) *(*cursor)++ = digits[--count];
}

/// SIGSYS from SECCOMP_RET_TRAP: one log line naming the call (async-signal-safe: no
/// allocation, no stdio), then the kill marker.
static void ra_sigsys_handler(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)context;
    char line[192];
    char *cursor = line;
    const char *end = line + sizeof line - 1;
    ra_append(&cursor, end, "level=critical message=\"sandbox refused a system call; the worker stops\" syscall=");
    ra_append_number(&cursor, end, info->si_syscall);
    ra_append(&cursor, end, " worker.pid=");
    ra_append_number(&cursor, end, (long)syscall(SYS_getpid));
    *cursor++ = '\n';
    ssize_t ignored = write(STDERR_FILENO, line, (size_t)(cursor - line));
    (void)ignored;
    syscall(__NR_reboot, 0, 0, 0, 0);
    _exit(128 + SIGSYS);  // not reached: the marker kills
}

static const char *const ra_common_syscalls[] = {
    // I/O on descriptors already open or opened under Landlock's rules
    "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "preadv2", "pwritev", "pwritev2",
    "close", "close_range", "lseek", "fstat", "newfstatat", "stat", "lstat", "statx", "fstatfs", "statfs",
    "open", "openat", "openat2", "access", "faccessat", "faccessat2", "readlink", "readlinkat", "getdents",
    "getdents64", "getcwd", "dup", "dup2", "dup3", "fcntl", "flock", "fsync", "fdatasync", "ftruncate",
    "fallocate", "fadvise64", "pipe", "pipe2", "sendfile", "copy_file_range", "splice", "tee",
    "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr",
    // the scratch directory (Landlock confines these to it)
    "mkdir", "mkdirat", "unlink", "unlinkat", "rename", "renameat", "renameat2", "rmdir", "umask",
    // memory
    "mmap", "munmap", "mprotect", "mremap", "madvise", "brk", "msync", "mincore", "mlock", "munlock",
    // signals (rt_sigaction is below: never for SIGSYS)
    "rt_sigprocmask", "rt_sigreturn", "rt_sigtimedwait", "rt_sigpending", "rt_sigsuspend", "sigaltstack",
    "restart_syscall",
    // time, identity, limits
    "gettimeofday", "clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep", "time", "times",
    "getrusage", "getrlimit", "sysinfo", "uname", "getpid", "getppid", "gettid", "getuid", "geteuid",
    "getgid", "getegid", "getgroups", "getresuid", "getresgid", "getpgrp", "getpgid", "getsid", "capget",
    "alarm", "setitimer", "getitimer", "getcpu", "getrandom",
    // threads and scheduling
    "sched_yield", "sched_getaffinity", "sched_getparam", "sched_getscheduler", "sched_getattr",
    "sched_get_priority_max", "sched_get_priority_min", "getpriority", "futex", "futex_waitv",
    "set_robust_list", "get_robust_list", "set_tid_address", "rseq", "membarrier", "arch_prctl",
    "exit", "exit_group",
    // waiting
    "eventfd", "eventfd2", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait",
    "epoll_pwait2", "poll", "ppoll", "select", "pselect6", "timerfd_create", "timerfd_settime",
    "timerfd_gettime",
    // sockets already allowed by family (socket, socketpair are below)
    "connect", "sendto", "sendmsg", "recvfrom", "recvmsg", "shutdown", "getsockopt", "setsockopt",
    "getsockname", "getpeername",
};

/// Network syscalls only an agent worker makes (DNS answers, getifaddrs binds a netlink socket).
static const char *const ra_agent_syscalls[] = {"sendmmsg", "recvmmsg", "bind"};

static int ra_allow_names(scmp_filter_ctx ctx, const char *const *names, size_t count) {
    for (size_t i = 0; i < count; i++) {
        int nr = seccomp_syscall_resolve_name(names[i]);
        if (nr == __NR_SCMP_ERROR) continue;  // not on this architecture
        int rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
        if (rc != 0) return rc;
    }
    return 0;
}

static int ra_add_conditional_rules(scmp_filter_ctx ctx, int kind, int own_pid) {
    int rc = 0;
    // Threads only: a clone that is not a thread, or that asks for a namespace, traps.
    const uint64_t namespaces = CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWCGROUP;
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD | namespaces, CLONE_THREAD));
    // clone3 passes its flags in memory a filter cannot read: refuse it so glibc falls back to clone.
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    // Our own SIGSYS handler stays ours.
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(rt_sigaction), 1, SCMP_A0(SCMP_CMP_NE, SIGSYS));
    // Signals to ourselves only (abort, raise); the supervisor and gateway are out of reach.
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(kill), 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)own_pid));
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)own_pid));
    // A thread's own niceness (Foundation sets it on the threads it starts).
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(setpriority), 2, SCMP_A0(SCMP_CMP_EQ, PRIO_PROCESS), SCMP_A1(SCMP_CMP_EQ, 0));
    // Our own limits only (glibc's getrlimit/setrlimit pass pid 0).
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 1, SCMP_A0(SCMP_CMP_EQ, 0));
    // No typing into a terminal (TIOCSTI) or console tricks (TIOCLINUX).
    // (libseccomp compares an argument once per rule: the allowed ranges are separate rules.)
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1, SCMP_A1(SCMP_CMP_LT, TIOCSTI));
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1, SCMP_A1(SCMP_CMP_GT, TIOCLINUX));
    for (unsigned long request = TIOCSTI + 1; request < TIOCLINUX; request++) {
        rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1, SCMP_A1(SCMP_CMP_EQ, request));
    }
    // prctl: naming threads and memory, reading state; nothing that changes privileges.
    const int prctls[] = {PR_SET_NAME, PR_GET_NAME, PR_GET_DUMPABLE, PR_CAPBSET_READ, PR_GET_NO_NEW_PRIVS, PR_GET_SECCOMP,
                          PR_GET_TIMERSLACK, 0x53564d41 /* PR_SET_VMA */};
    for (size_t i = 0; i < sizeof prctls / sizeof prctls[0]; i++) {
        rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)prctls[i]));
    }
    // Sockets: Unix for both kinds (the gateway, journald); the agent also reaches providers.
    int families_agent[] = {AF_UNIX, AF_INET, AF_INET6, AF_NETLINK};
    int families_document[] = {AF_UNIX};
    int *families = kind == RA_SECCOMP_AGENT ? families_agent : families_document;
    size_t family_count = kind == RA_SECCOMP_AGENT ? 4 : 1;
    for (size_t i = 0; i < family_count; i++) {
        rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)families[i]));
    }
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socketpair), 1, SCMP_A0(SCMP_CMP_EQ, AF_UNIX));
    // The kill marker, the one call that kills without the trap's log line.
    rc |= seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, RA_KILL_MARKER, 0);
    return rc;
}

int ra_seccomp_load(int kind, int own_pid) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = ra_sigsys_handler;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGSYS, &action, NULL) != 0) return -errno;

    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
    if (!ctx) return -ENOMEM;
    int rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
    if (rc == 0) rc = ra_allow_names(ctx, ra_common_syscalls, sizeof ra_common_syscalls / sizeof ra_common_syscalls[0]);
    if (rc == 0 && kind == RA_SECCOMP_AGENT) {
        rc = ra_allow_names(ctx, ra_agent_syscalls, sizeof ra_agent_syscalls / sizeof ra_agent_syscalls[0]);
    }
    if (rc == 0) rc = ra_add_conditional_rules(ctx, kind, own_pid);
    if (rc == 0) rc = seccomp_load(ctx);
    seccomp_release(ctx);
    return rc < 0 ? rc : (rc > 0 ? -EINVAL : 0);
}
