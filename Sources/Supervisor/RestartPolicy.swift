/// When to restart a crashed child, as a pure value: `(history, crash time) → decision`.
///
/// Exponential backoff (`initialBackoff` doubling up to `maxBackoff`) with an OTP-style
/// restart intensity: more than `intensity` crashes within `period` means restarting is not
/// helping, so the supervisor gives up and exits non-zero for systemd to act.
public struct RestartPolicy: Sendable, Equatable {
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    public var intensity: Int
    public var period: Duration

    public init(
        initialBackoff: Duration = .milliseconds(100),
        maxBackoff: Duration = .seconds(10),
        intensity: Int = 10,
        period: Duration = .seconds(60)
    ) {
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.intensity = intensity
        self.period = period
    }

    public enum Decision: Sendable, Equatable {
        case restart(after: Duration)
        case giveUp(crashes: Int, within: Duration)
    }

    /// Backoff before the `n`-th restart within the window (n ≥ 1).
    public func backoff(forCrash n: Int) -> Duration {
        var delay = initialBackoff
        var remaining = max(0, n - 1)
        while remaining > 0, delay < maxBackoff {
            delay = delay * 2
            remaining -= 1
        }
        return min(delay, maxBackoff)
    }
}

/// Crash times of one kind of child, on a monotonic timeline (durations since an arbitrary
/// origin, so tests can use any numbers).
public struct CrashHistory: Sendable, Equatable {
    public private(set) var crashes: [Duration] = []

    public init() {}

    /// Records a crash at `now` and decides what to do about it.
    public mutating func record(at now: Duration, policy: RestartPolicy) -> RestartPolicy.Decision {
        crashes.removeAll { now - $0 >= policy.period }
        crashes.append(now)
        if crashes.count > policy.intensity {
            return .giveUp(crashes: crashes.count, within: policy.period)
        }
        return .restart(after: policy.backoff(forCrash: crashes.count))
    }

    /// Crashes still inside the window at `now`.
    public func recent(at now: Duration, policy: RestartPolicy) -> Int {
        crashes.filter { now - $0 < policy.period }.count
    }
}

/// How a child process ended, from `waitpid`'s status.
public enum ChildExit: Sendable, Equatable, CustomStringConvertible {
    case exited(code: Int32)
    case signaled(signal: Int32)

    public init(waitStatus status: Int32) {
        let signal = status & 0x7f
        if signal == 0 {
            self = .exited(code: (status >> 8) & 0xff)
        } else {
            self = .signaled(signal: signal)
        }
    }

    public var isClean: Bool { self == .exited(code: 0) }

    public var description: String {
        switch self {
        case .exited(let code): "exit code \(code)"
        case .signaled(let signal): "signal \(signal)"
        }
    }
}

/// What an exit means for the pool, by role (OTP's permanent/transient distinction).
public enum ExitClass: Sendable, Equatable {
    /// Expected: a worker that served its run (or lost its gateway) and exited 0.
    case normal
    /// Crashed after it was up: restart with backoff.
    case crash
    /// Died before its hello: the binary or environment is broken; counts toward giving up.
    case bootFailure

    /// The gateway is permanent: any exit while we are not stopping is a crash.
    /// A worker is transient: exit 0 is normal; otherwise it depends on whether it had
    /// connected to the gateway.
    public static func classify(role: ChildRole, exit: ChildExit, reachedReady: Bool) -> ExitClass {
        switch role {
        case .gateway:
            return reachedReady ? .crash : .bootFailure
        case .worker:
            if exit.isClean { return .normal }
            return reachedReady ? .crash : .bootFailure
        }
    }
}

/// The two kinds of children.
public enum ChildRole: String, Sendable, Hashable {
    case gateway, worker
}
