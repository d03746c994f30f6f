#if canImport(Glibc)
import Glibc
#endif
import CSystemShims

/// Ties a child process's life to its supervisor's, so no gateway or worker outlives it.
public enum ParentWatch {
    /// Asks the kernel for SIGKILL when our parent dies, then closes the race where the
    /// parent died before the request: if we have already been re-parented, exit now.
    public static func dieWithParent(expectedParent: Int32?) {
        _ = ra_set_parent_death_signal(SIGKILL)
        let parent = getppid()
        if let expectedParent, parent != expectedParent { exit(70) }
        if expectedParent == nil, parent == 1 { exit(70) }
    }
}
