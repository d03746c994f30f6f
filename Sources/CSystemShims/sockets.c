#define _GNU_SOURCE
#include "CSystemShims.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

// The most descriptors one frame carries (a job's inputs); more is a protocol error.
#define RA_MAX_FDS 16

long ra_send_with_fds(int sock, const void *buf, unsigned long len, const int *fds, int nfds) {
    if (nfds < 0 || nfds > RA_MAX_FDS) return -EINVAL;
    struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    union {
        char buf[CMSG_SPACE(sizeof(int) * RA_MAX_FDS)];
        struct cmsghdr align;
    } control;
    if (nfds > 0) {
        memset(&control, 0, sizeof control);
        msg.msg_control = control.buf;
        msg.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
        struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
        memcpy(CMSG_DATA(cmsg), fds, sizeof(int) * (size_t)nfds);
    }
    for (;;) {
        ssize_t sent = sendmsg(sock, &msg, MSG_NOSIGNAL);
        if (sent >= 0) return (long)sent;
        if (errno != EINTR) return -errno;
    }
}

long ra_recv_with_fds(int sock, void *buf, unsigned long len, int *fds, int maxfds, int *nfds) {
    *nfds = 0;
    struct iovec iov = {.iov_base = buf, .iov_len = len};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    union {
        char buf[CMSG_SPACE(sizeof(int) * RA_MAX_FDS)];
        struct cmsghdr align;
    } control;
    msg.msg_control = control.buf;
    msg.msg_controllen = sizeof control.buf;
    ssize_t got;
    for (;;) {
        got = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
        if (got >= 0) break;
        if (errno != EINTR) return -errno;
    }
    for (struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
        if (cmsg->cmsg_level != SOL_SOCKET || cmsg->cmsg_type != SCM_RIGHTS) continue;
        size_t count = (cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        int *passed = (int *)CMSG_DATA(cmsg);
        for (size_t i = 0; i < count; i++) {
            if (*nfds < maxfds) {
                fds[(*nfds)++] = passed[i];
            } else {
                close(passed[i]);
            }
        }
    }
    if (msg.msg_flags & MSG_CTRUNC) {
        for (int i = 0; i < *nfds; i++) close(fds[i]);
        *nfds = 0;
        return -EMSGSIZE;
    }
    return (long)got;
}

int ra_peer_pid(int sock) {
    struct ucred credentials;
    socklen_t size = sizeof credentials;
    if (getsockopt(sock, SOL_SOCKET, SO_PEERCRED, &credentials, &size) != 0) return -errno;
    return credentials.pid;
}

static int ra_unix_address(const char *path, struct sockaddr_un *address) {
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof address->sun_path) return -ENAMETOOLONG;
    strcpy(address->sun_path, path);
    return 0;
}

int ra_unix_connect(const char *path) {
    struct sockaddr_un address;
    int rc = ra_unix_address(path, &address);
    if (rc != 0) return rc;
    int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (sock < 0) return -errno;
    for (;;) {
        if (connect(sock, (struct sockaddr *)&address, sizeof address) == 0) return sock;
        if (errno != EINTR) break;
    }
    int saved = errno;
    close(sock);
    return -saved;
}

int ra_unix_listen(const char *path, int backlog) {
    struct sockaddr_un address;
    int rc = ra_unix_address(path, &address);
    if (rc != 0) return rc;
    int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (sock < 0) return -errno;
    // A socket file left by a previous gateway generation; anything else at the path stays.
    struct stat info;
    if (lstat(path, &info) == 0 && S_ISSOCK(info.st_mode)) unlink(path);
    // Bound with a umask so the file is never reachable by others, even for an instant.
    mode_t previous = umask(0177);
    rc = bind(sock, (struct sockaddr *)&address, sizeof address);
    int saved = errno;
    umask(previous);
    if (rc != 0 || listen(sock, backlog) != 0) {
        if (rc == 0) saved = errno;
        close(sock);
        return -saved;
    }
    return sock;
}

int ra_unix_accept(int listener) {
    for (;;) {
        int sock = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
        if (sock >= 0) return sock;
        if (errno == EINTR || errno == ECONNABORTED) continue;
        return -errno;
    }
}
