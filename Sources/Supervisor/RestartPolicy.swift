#if canImport(Glibc)
import Glibc
#endif
import IPC

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

    /// Records a crash at `now` and returns how many fall inside the window (for crashes that
    /// never mean giving up, only slowing down).
    public mutating func recordAndCount(at now: Duration, policy: RestartPolicy) -> Int {
        crashes.removeAll { now - $0 >= policy.period }
        crashes.append(now)
        return crashes.count
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
    /// Killed by its seccomp filter (SIGSYS): something it was fed, or a library it called,
    /// tried a forbidden system call. A crash, never a boot failure: it must not halt the service.
    case sandboxKill
    /// A worker that exited because its gateway went away (killed, restarting) or could not be
    /// reached: transient, whether or not it had said hello.
    case gatewayGone

    /// A boot failure is a child that *exited with an error* before it was ready: the cause
    /// (bad configuration, a missing library, an unusable data directory) will repeat. A child
    /// *killed by a signal* before it was ready (an OOM kill, an operator's kill, a storm of
    /// them) is not: that is a crash, and crashes are restarted.
    /// The gateway is permanent: any exit while we are not stopping is a crash or a boot
    /// failure. A worker is transient: exit 0 is normal (it served its runs), and it says why
    /// it exits (``WorkerExitStatus``), so only an exit recognised as one that repeats counts
    /// as a boot failure; a worker whose gateway went away, or that died of anything else, is
    /// never one, however many die at once.
    public static func classify(role: ChildRole, exit: ChildExit, reachedReady: Bool) -> ExitClass {
        switch role {
        case .gateway:
            if case .exited = exit, !reachedReady { return .bootFailure }
            return .crash
        case .worker:
            switch exit {
            case .exited(code: WorkerExitStatus.served.rawValue): return .normal
            case .exited(code: WorkerExitStatus.gatewayUnavailable.rawValue): return .gatewayGone
            case .exited(let code) where !reachedReady && repeatsAtBoot(workerExitCode: code): return .bootFailure
            case .signaled(signal: SIGSYS): return .sandboxKill
            case .exited, .signaled: return .crash
            }
        }
    }

    /// A worker's exit code that means the same spawn will fail the same way: one of its own
    /// (bad arguments, cannot confine itself, a refused hello), or the loader's or a shell's
    /// "cannot execute" (a missing library exits 127 from the dynamic loader).
    static func repeatsAtBoot(workerExitCode code: Int32) -> Bool {
        WorkerExitStatus(rawValue: code)?.repeatsAtBoot == true || WorkerExitStatus.execFailureCodes.contains(code)
    }
}

/// The two kinds of children.
public enum ChildRole: String, Sendable, Hashable {
    case gateway, worker
}
