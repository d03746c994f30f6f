import Synchronization

/// What the worker learned about models this process: a model that once rejected `temperature`
/// or `max_tokens` is asked without it from then on, without another failed round trip.
public final class QuirkRegistry: Sendable {
    private let known = Mutex<[String: Set<ProviderQuirk>]>([:])

    public init() {}

    /// The quirks recorded for `model` at `endpoint`.
    public func quirks(endpoint: String, model: String) -> Set<ProviderQuirk> {
        known.withLock { $0[Self.key(endpoint, model)] ?? [] }
    }

    /// Records `quirk`; returns `false` when it was already known (so retrying would not help).
    @discardableResult
    public func record(_ quirk: ProviderQuirk, endpoint: String, model: String) -> Bool {
        known.withLock { $0[Self.key(endpoint, model), default: []].insert(quirk).inserted }
    }

    private static func key(_ endpoint: String, _ model: String) -> String { endpoint + " " + model }
}
