import Foundation
import Synchronization

/// Everything the virtual users measure, shared by all of them: latency per route, the run
/// figures, errors by route/status/code (whether the client retried them or gave up), run
/// outcomes, and named counters.
final class Recorder: Sendable {
    struct ErrorKey: Hashable, Sendable {
        var route: String
        /// HTTP status, or 0 for a transport failure (refused, reset, timed out).
        var status: Int
        var code: String
    }

    struct ErrorCount: Sendable {
        var retried = 0
        var final = 0
    }

    struct State: Sendable {
        var routes: [String: Samples] = [:]
        var figures: [String: Samples] = [:]
        var errors: [ErrorKey: ErrorCount] = [:]
        var outcomes: [String: Int] = [:]
        var counters: [String: Int] = [:]
        /// Seconds since `origin` at which each run ended with `run_completed`.
        var completions: [Double] = []
    }

    let origin = ContinuousClock.now
    private let state = Mutex(State())

    var snapshot: State { state.withLock { $0 } }

    func route(_ label: String, ms: Double) {
        state.withLock { $0.routes[label, default: Samples()].add(ms) }
    }

    func figure(_ name: String, _ value: Double) {
        state.withLock { $0.figures[name, default: Samples()].add(value) }
    }

    func error(route: String, status: Int, code: String, retried: Bool) {
        state.withLock { state in
            let key = ErrorKey(route: route, status: status, code: code)
            if retried { state.errors[key, default: ErrorCount()].retried += 1 } else { state.errors[key, default: ErrorCount()].final += 1 }
        }
    }

    func count(_ name: String, _ by: Int = 1) {
        state.withLock { $0.counters[name, default: 0] += by }
    }

    func outcome(_ name: String) {
        state.withLock { state in
            state.outcomes[name, default: 0] += 1
            if name == "run_completed" { state.completions.append((ContinuousClock.now - origin).secondsDouble) }
        }
    }

    func counter(_ name: String) -> Int { state.withLock { $0.counters[name] ?? 0 } }

    /// Final (not retried) errors in total.
    var finalErrors: Int { state.withLock { $0.errors.values.reduce(0) { $0 + $1.final } } }
}

extension Duration {
    var secondsDouble: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var millisecondsDouble: Double { secondsDouble * 1000 }
}
