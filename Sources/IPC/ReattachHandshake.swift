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
        let hello = try await receiveHello(expecting: [.worker], iterator: &iterator)
        let adoption = hello.heldRun == nil ? nil : await adopt(hello)
        try await send(.helloAck(HelloAck(accepted: true, adoption: adoption)))
        return (hello, adoption)
    }
}
