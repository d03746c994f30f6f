#if canImport(Glibc)
import Glibc
#endif
import IPC
import Testing

@testable import WorkerCore

/// A run's channel across a gateway restart (issue 13): frames sent while no gateway is there
/// are kept, and the new gateway gets exactly those above its persisted mark, in order, before
/// anything new.
@Suite("GatewayRunChannel re-attach")
struct GatewayRunChannelReattachTests {
    /// Runs `body` with the worker's end of a connected pair and an iterator over what the
    /// gateway's end receives.
    func withPair(_ body: (IPCConnection, inout IPCMessageStream.AsyncIterator) async throws -> Void) async throws {
        var fds: [CInt] = [-1, -1]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0)
        try await IPCChannel.run(socket: IPCSocket(descriptor: fds[0])) { worker in
            try await IPCChannel.run(socket: IPCSocket(descriptor: fds[1])) { gateway in
                var iterator = gateway.messages.makeAsyncIterator()
                try await body(worker, &iterator)
            }
        }
    }

    func texts(_ count: Int, from iterator: inout IPCMessageStream.AsyncIterator) async throws -> [(wseq: Int?, text: String)] {
        var received: [(wseq: Int?, text: String)] = []
        while received.count < count, let message = try await iterator.next() {
            guard case .runEvent(let event) = message else { continue }
            received.append((event.wseq, event.payload["text"]?.stringValue ?? ""))
        }
        return received
    }

    @Test func framesWhileDetachedAreReplayedAboveThePersistedMarkThenNewOnesFollow() async throws {
        try await withPair { first, firstReceived in
            let channel = GatewayRunChannel(runId: "run_1", connection: first)
            for text in ["a", "b", "c"] { try await channel.emit(.assistantDelta, ["text": .string(text)]) }
            let sent = try await texts(3, from: &firstReceived)
            #expect(sent.map(\.wseq) == [1, 2, 3])
            // The gateway dies; the run goes on.
            channel.detach()
            for text in ["d", "e"] { try await channel.emit(.assistantDelta, ["text": .string(text)]) }
            #expect(channel.heldRun(sessionId: "sess_1", job: .echo(EchoRequest(message: "x")))?.nextWseq == 6)
            try await withPair { second, secondReceived in
                // The new gateway holds frames up to 2: 3 was lost with the old one.
                try await channel.reattach(second, persisted: 2)
                try await channel.emit(.assistantDelta, ["text": "f"])
                let replayed = try await texts(4, from: &secondReceived)
                #expect(replayed.map(\.wseq) == [3, 4, 5, 6])
                #expect(replayed.map(\.text) == ["c", "d", "e", "f"])
                #expect(channel.unacknowledgedCount == 4, "2 and below are durable, the rest not yet")
                _ = channel.deliver(.runEventAck(RunEventAck(runId: "run_1", wseq: 6)))
                #expect(channel.unacknowledgedCount == 0)
            }
        }
    }

    @Test func aHeldRunSaysWhichRequestsStillWaitForAnAnswer() async throws {
        try await withPair { connection, received in
            let channel = GatewayRunChannel(runId: "run_1", connection: connection)
            try await channel.emit(.assistantDelta, ["text": "a"])
            let proposal = Task {
                try await channel.propose(ToolCall(runId: "run_1", toolCallId: "call_1", tool: "read_resume", arguments: [:], requiresApproval: false))
            }
            var call: ToolCall?
            while call == nil, let message = try await received.next() {
                if case .toolCall(let sent) = message { call = sent }
            }
            #expect(call?.wseq == 2)
            #expect(channel.heldRun(sessionId: "sess_1", job: .echo(EchoRequest(message: "x")))?.awaiting == [2])
            #expect(channel.deliver(.toolDecision(ToolDecision(runId: "run_1", toolCallId: "call_1", approved: true, by: .policy))))
            #expect(try await proposal.value.approved)
            #expect(channel.heldRun(sessionId: "sess_1", job: .echo(EchoRequest(message: "x")))?.awaiting == [])
        }
    }

    @Test func aDocumentJobLostWithTheOldGatewayIsAskedForAgainAfterReattaching() async throws {
        try await withPair { first, firstReceived in
            let channel = GatewayRunChannel(runId: "run_1", connection: first)
            let job = RunJob.renderPreview(RenderPreviewRequest(markdown: "# A"))
            let result = Task { try await channel.documentJob(job) }
            var asked: DocumentJobRequest?
            while asked == nil, let message = try await firstReceived.next() {
                if case .documentJob(let request) = message { asked = request }
            }
            // The old gateway dies with the job; the run still holds, and says so.
            channel.detach()
            #expect(channel.heldRun(sessionId: "sess_1", job: .echo(EchoRequest(message: "x"))) != nil)
            try await withPair { second, secondReceived in
                try await channel.reattach(second, persisted: 0)
                var again: DocumentJobRequest?
                while again == nil, let message = try await secondReceived.next() {
                    if case .documentJob(let request) = message { again = request }
                }
                #expect(again == asked)
                let requestId = try #require(again?.requestId)
                #expect(channel.deliver(.documentJobResult(DocumentJobResult(
                    runId: "run_1", requestId: requestId, end: RunEnd(runId: "", outcome: .completed, result: ["html": "<p>"])))))
                #expect(try await result.value.outcome == .completed)
            }
        }
    }
}
