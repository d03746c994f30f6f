#define _GNU_SOURCE
#include "CWorkerShims.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

const char *ra_worker_open_path(const char *path, char *buffer, unsigned long size) {
    // Exactly "/proc/<digits>/stat" for a task that is not the process itself.
    static const char prefix[] = "/proc/";
    if (!path || strncmp(path, prefix, sizeof prefix - 1) != 0) return path;
    const char *digits = path + sizeof prefix - 1;
    const char *cursor = digits;
    long tid = 0;
    while (*cursor >= '0' && *cursor <= '9') {
        tid = tid * 10 + (*cursor - '0');
        if (tid > 0x7fffffff) return path;
        cursor++;
    }
    if (cursor == digits || strcmp(cursor, "/stat") != 0 || tid == (long)getpid()) return path;
    int written = snprintf(buffer, size, "/proc/self/task/%ld/stat", tid);
    return (written > 0 && (unsigned long)written < size) ? buffer : path;
}

int open(const char *path, int flags, ...) {
    mode_t mode = 0;
    if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
        va_list arguments;
        va_start(arguments, flags);
        mode = va_arg(arguments, mode_t);
        va_end(arguments);
    }
    char buffer[64];
    return (int)syscall(SYS_openat, AT_FDCWD, ra_worker_open_path(path, buffer, sizeof buffer), flags, mode);
}
