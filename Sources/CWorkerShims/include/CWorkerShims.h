#ifndef CWORKERSHIMS_H
#define CWORKERSHIMS_H

/// Linked into worker executables only. It interposes `open(2)` to keep libdispatch working
/// under the worker's Landlock ruleset, which grants `/proc/<own pid>` and nothing else of
/// `/proc`: libdispatch's thread-pool monitor reads `/proc/<tid>/stat` for each of its worker
/// threads (and crashes the process when the open fails), a path outside the rule for every
/// thread but the main one. The same file is `/proc/self/task/<tid>/stat`, inside it; the
/// interposer rewrites exactly that path shape and forwards every open unchanged otherwise.
///
/// Returns the path `open` would use for `path` (the rewrite, for tests), written to `buffer`.
const char *ra_worker_open_path(const char *path, char *buffer, unsigned long size);
#endif
