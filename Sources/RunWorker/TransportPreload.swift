#if canImport(Glibc)
import Glibc
#endif
import NetGuard

/// Loads libcurl in the background while a fresh agent worker waits for its run.
///
/// libcurl and its ~30 dependencies are no longer linked (that cost ~5 ms of CPU in every
/// spawn, bench/NOTES-spawn.md), so the first provider call would load them on the run's
/// critical path. A worker spends its idle time in the pool doing nothing; this thread spends
/// part of it loading the library instead, at the lowest priority so that it never competes
/// with a spawn or a run for the CPU. It ends on its own after one bounded step; a run that
/// needs curl before it finished waits for it (`pthread_once`), no longer than loading would take.
public enum TransportPreload {
    /// Call after the worker confined itself: the thread then inherits the Landlock domain and
    /// the seccomp filter like every other thread.
    public static func start() {
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { _ in
            // Linux nice values are per thread: this lowers only the preloading thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            CurlLibrary.preload()
            return nil
        }, nil)
        if rc == 0 { pthread_detach(thread) }
    }
}
