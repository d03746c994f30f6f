import IPC

/// What both IPC benches share: connecting to the echo process they just spawned, and timing
/// round trips of one small `run_event` against it.
enum EchoRoundTrip {
    /// `connect` retried every 5 ms for up to 5 s while the echo process starts.
    static func connect<Connection>(_ connect: () async -> Connection?) async throws -> Connection {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if let connection = await connect() { return connection }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw CancellationError()
    }

    /// 2,000 warm-up exchanges of `message`, then 20,000 timed ones (µs each).
    static func measure(
        _ message: IPCMessage, connection: IPCConnection, iterator: inout IPCMessageStream.AsyncIterator
    ) async throws -> Samples {
        for _ in 0..<2000 {
            try await connection.send(message)
            _ = try await iterator.next()
        }
        var rtt = Samples()
        for _ in 0..<20000 {
            let start = ContinuousClock.now
            try await connection.send(message)
            _ = try await iterator.next()
            rtt.add((ContinuousClock.now - start).microseconds)
        }
        return rtt
    }
}
