import Store
import Testing

@testable import Gateway

@Suite("OrphanedRuns")
struct OrphanedRunsTests {
    static func run(_ id: String, session: String = "sess_1", lastSeq: Int = 4) -> RunRecord {
        RunRecord(
            id: id, sessionId: session, content: "", status: .running, createdAt: "2026-11-30T00:00:00Z", endedAt: nil,
            terminalReason: nil, provider: nil, model: nil, inputTokens: 0, outputTokens: 0, costUsd: 0, lastSeq: lastSeq)
    }

    @Test func aClaimedRunIsAdoptedOnceAndNeverFailed() {
        let orphans = OrphanedRuns([Self.run("run_1"), Self.run("run_2")])
        #expect(orphans.claim(runId: "run_1", sessionId: "sess_1") == .adopted(Self.run("run_1")))
        #expect(orphans.claim(runId: "run_1", sessionId: "sess_1") == .unknown)
        #expect(orphans.expire().map(\.id) == ["run_2"])
    }

    @Test func aClaimAfterTheGraceIsRefused() {
        let orphans = OrphanedRuns([Self.run("run_1")])
        #expect(orphans.expire().map(\.id) == ["run_1"])
        #expect(orphans.claim(runId: "run_1", sessionId: "sess_1") == .expired)
        #expect(orphans.expire().isEmpty)
    }

    @Test func aClaimNamingAnotherSessionIsRefused() {
        let orphans = OrphanedRuns([Self.run("run_1", session: "sess_a")])
        #expect(orphans.claim(runId: "run_1", sessionId: "sess_b") == .unknown)
        #expect(orphans.claim(runId: "run_9", sessionId: "sess_a") == .unknown)
        #expect(orphans.expire().map(\.id) == ["run_1"])
    }

    @Test func concurrentClaimsAndExpiryHandEachRunOutExactlyOnce() async {
        let ids = (0..<200).map { "run_\($0)" }
        let orphans = OrphanedRuns(ids.map { Self.run($0) })
        let adopted = await withTaskGroup(of: [String].self) { group in
            for chunk in stride(from: 0, to: ids.count, by: 20) {
                group.addTask {
                    ids[chunk..<chunk + 20].compactMap {
                        if case .adopted(let run) = orphans.claim(runId: $0, sessionId: "sess_1") { return run.id }
                        return nil
                    }
                }
            }
            group.addTask { orphans.expire().map { "failed:\($0.id)" } }
            return await group.reduce(into: [String]()) { $0 += $1 }
        }
        let failed = adopted.filter { $0.hasPrefix("failed:") }.map { String($0.dropFirst(7)) }
        let taken = adopted.filter { !$0.hasPrefix("failed:") }
        #expect(Set(failed).isDisjoint(with: taken))
        #expect(Set(failed).union(taken) == Set(ids))
        #expect(failed.count + taken.count == ids.count)
    }
}
