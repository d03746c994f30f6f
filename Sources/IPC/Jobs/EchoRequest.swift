/// The foundation's test run: the worker streams `message` back word by word.
public struct EchoRequest: Codable, Sendable, Equatable {
    public var message: String
    /// Pause between words, to make a run last.
    public var delayMs: Int?
    /// Simulates a stuck worker that ignores `cancel`, so tests can prove the gateway kills it.
    public var ignoreCancel: Bool?
    public init(message: String, delayMs: Int? = nil, ignoreCancel: Bool? = nil) {
        self.message = message
        self.delayMs = delayMs
        self.ignoreCancel = ignoreCancel
    }
}
