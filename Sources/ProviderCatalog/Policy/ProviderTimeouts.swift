/// Time limits for one model call.
public struct ProviderTimeouts: Sendable, Equatable {
    /// Establishing the connection.
    public var connect: Duration
    /// The whole call, from request to the last event.
    public var total: Duration
    /// No byte at all for this long means the stream stalled.
    public var idle: Duration

    public init(connect: Duration = .seconds(10), total: Duration = .seconds(300), idle: Duration = .seconds(90)) {
        self.connect = connect
        self.total = total
        self.idle = idle
    }
}
