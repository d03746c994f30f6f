import Synchronization

/// Whether the gateway's control link to its supervisor is up (liveness depends on it; a
/// gateway started without a supervisor has none to lose).
public final class SupervisorLinkState: Sendable {
    private let state: Mutex<Bool>

    public init(expected: Bool) {
        state = Mutex(!expected)
    }

    public var isUp: Bool { state.withLock { $0 } }
    func set(_ up: Bool) { state.withLock { $0 = up } }
}
