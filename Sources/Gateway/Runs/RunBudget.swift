import Foundation
import IPC
import ServiceSupport

/// The budgets of one run that the gateway counts itself: tool steps, the repeated-call
/// guard, and active time (time waiting for a person does not count). A pure value: the
/// controller feeds it what happened and acts on its verdicts.
struct RunBudget {
    enum Verdict: Equatable {
        case allowed
        case exceeded(InterruptReason)
    }

    let maxSteps: Int
    let repeatedCallLimit: Int
    private(set) var steps = 0
    private var lastCall: (signature: String, count: Int)?
    /// Active time left; counted down only while the clock runs.
    private var remaining: Duration
    private var runningSince: AnyClock.Instant?

    init(limits: RunLimits) {
        maxSteps = limits.maxSteps
        repeatedCallLimit = limits.repeatedCallLimit
        remaining = limits.runTimeout
    }

    /// Counts a proposed tool call: one step, and the same call with the same arguments
    /// `repeatedCallLimit` times in a row stops the run.
    mutating func admit(tool: String, arguments: JSONValue) -> Verdict {
        steps += 1
        if steps > maxSteps { return .exceeded(.stepLimit) }
        let signature = tool + "|" + Self.canonical(arguments)
        let count = lastCall?.signature == signature ? lastCall!.count + 1 : 1
        lastCall = (signature, count)
        return count >= repeatedCallLimit ? .exceeded(.repeatedCall) : .allowed
    }

    /// Counts what a run used before this gateway took it up (issue 13): `elapsed` of its
    /// time budget, `steps` tool calls (the repeated-call guard starts afresh).
    mutating func charge(elapsed: Duration, steps: Int) {
        remaining -= elapsed
        self.steps = max(self.steps, steps)
    }

    // MARK: Active time

    var isRunning: Bool { runningSince != nil }

    /// When the hard timeout fires if nothing pauses the clock; nil while paused.
    var deadline: AnyClock.Instant? { runningSince?.advanced(by: remaining) }

    mutating func resume(at now: AnyClock.Instant) {
        guard runningSince == nil else { return }
        runningSince = now
    }

    mutating func pause(at now: AnyClock.Instant) {
        guard let since = runningSince else { return }
        remaining -= since.duration(to: now)
        runningSince = nil
    }

    private static func canonical(_ value: JSONValue) -> String {
        String(decoding: (try? JSONEncoder.sorted.encode(value)) ?? Data(), as: UTF8.self)
    }
}
