import CSystemShims

/// The supervisor's line to systemd (`sd_notify`). A protocol so the supervisor can run
/// without systemd; the real one is a no-op when `NOTIFY_SOCKET` is unset.
public protocol SystemdNotifier: Sendable {
    func notify(_ state: String)
    /// The watchdog interval in microseconds, if systemd asked for pings.
    var watchdogMicroseconds: UInt64? { get }
}

public struct LibsystemdNotifier: SystemdNotifier {
    public init() {}

    public func notify(_ state: String) {
        _ = ra_sd_notify(state)
    }

    public var watchdogMicroseconds: UInt64? {
        var usec: UInt64 = 0
        return ra_sd_watchdog_enabled(&usec) > 0 && usec > 0 ? usec : nil
    }
}
