#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Foundation

/// Signals the supervisor handles, delivered on one dedicated thread through a self-pipe
/// (the C handler only writes the number; nothing runs in signal context, as in gunicorn's
/// arbiter where handlers only enqueue).
public enum SignalSource {
    public static let handled: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGCHLD]

    /// Installs the handlers and starts the reading thread; each signal goes to `deliver`.
    public static func start(_ deliver: @escaping @Sendable (Int32) -> Void) {
        let fd = handled.withUnsafeBufferPointer { ra_install_signal_pipe($0.baseAddress, Int32($0.count)) }
        precondition(fd >= 0, "cannot install signal handlers: errno \(-fd)")
        let thread = Thread {
            while true {
                let signal = ra_read_signal(fd)
                guard signal > 0 else { return }
                deliver(signal)
            }
        }
        thread.name = "signals"
        thread.start()
    }
}

/// Reaps every exited child without blocking (`waitpid(-1, WNOHANG)` until none is left).
public func reapChildren() -> [(pid: Int32, exit: ChildExit)] {
    var reaped: [(Int32, ChildExit)] = []
    while true {
        var status: Int32 = 0
        let pid = waitpid(-1, &status, WNOHANG)
        if pid <= 0 { break }
        reaped.append((pid, ChildExit(waitStatus: status)))
    }
    return reaped
}
