/// The hello exchange between a worker and a gateway when the worker may hold a run from a
/// gateway that died (issue 13). Kept beside, not inside, the plain handshake: the gateway
/// must decide the adoption between reading the hello and answering it.
extension IPCConnection {
    /// Worker side: hello (with the run it still executes, if any), then the ack. Returns the
    /// ack; its `adoption` is set when the gateway took the held run.
    public func workerHandshake(
        pid: Int32, maxRuns: Int?, kind: WorkerKind, sandbox: SandboxReport, heldRun: HeldRun?,
        iterator: inout IPCMessageStream.AsyncIterator
    ) async throws -> HelloAck {
        try await send(.hello(Hello(role: .worker, pid: pid, maxRuns: maxRuns, kind: kind, sandbox: sandbox, heldRun: heldRun)))
        guard let reply = try await iterator.next() else { throw IPCHandshakeError.closed }
        guard case .helloAck(let ack) = reply else { throw IPCHandshakeError.unexpected(reply.kind.rawValue) }
        guard ack.accepted else { throw IPCHandshakeError.refused(ack.reason ?? "refused") }
        return ack
    }

    /// Gateway side: reads a worker's hello, checks it as ``acceptHandshake(expecting:iterator:)``
    /// does, lets `adopt` decide about a held run, then answers.
    public func acceptWorkerHandshake(
        iterator: inout IPCMessageStream.AsyncIterator,
        adopt: (Hello) async -> RunAdoption?
    ) async throws -> (hello: Hello, adoption: RunAdoption?) {
        guard let first = try await iterator.next() else { throw IPCHandshakeError.closed }
        guard case .hello(let hello) = first else {
            try? await send(.helloAck(HelloAck(accepted: false, reason: "expected hello")))
            throw IPCHandshakeError.unexpected(first.kind.rawValue)
        }
        guard hello.protocolVersion == IPCProtocol.version else {
            let reason = "protocol version \(hello.protocolVersion) is not supported (want \(IPCProtocol.version))"
            try? await send(.helloAck(HelloAck(accepted: false, reason: reason)))
            throw IPCHandshakeError.versionMismatch(theirs: hello.protocolVersion, ours: IPCProtocol.version)
        }
        guard hello.role == .worker else {
            try? await send(.helloAck(HelloAck(accepted: false, reason: "role \(hello.role.rawValue) not accepted here")))
            throw IPCHandshakeError.unexpected("hello from \(hello.role.rawValue)")
        }
        let adoption = hello.heldRun == nil ? nil : await adopt(hello)
        try await send(.helloAck(HelloAck(accepted: true, adoption: adoption)))
        return (hello, adoption)
    }
}
