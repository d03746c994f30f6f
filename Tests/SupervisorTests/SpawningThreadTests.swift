#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Supervisor

/// Children that ask for SIGKILL on their parent's death must not die with the thread that
/// happened to spawn them: Linux ties PR_SET_PDEATHSIG to the spawning thread.
@Suite("Spawning thread")
struct SpawningThreadTests {
    @Test func aChildOutlivesTheThreadThatAskedForIt() throws {
        let spec = SpawnSpec(
            executable: "/usr/bin/setpriv", arguments: ["--pdeathsig", "KILL", "--", "/bin/sleep", "30"], environment: [:])
        // Ask from a short-lived thread, as the Swift runtime's pool threads are, and let it exit.
        let outcome = SpawnOutcome()
        var thread = pthread_t()
        let box = Unmanaged.passRetained(SpawnRequest(spec: spec, outcome: outcome))
        #expect(pthread_create(&thread, nil, { raw in
            let request = Unmanaged<SpawnRequest>.fromOpaque(raw!).takeRetainedValue()
            guard let pid = try? PosixSpawner().spawn(request.spec) else { return nil }
            request.outcome.pid = pid
            // Stay until the child has asked for its parent-death signal (setpriv does so, then
            // execs sleep): a thread gone before that would prove nothing.
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline,
                (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.hasPrefix("sleep") != true {
                usleep(2_000)
            }
            return nil
        }, box.toOpaque()) == 0)
        pthread_join(thread, nil)
        let pid = try #require(outcome.pid)
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        // The asking thread is gone. Had the child been spawned from it, the kernel would now
        // deliver SIGKILL (it does so within microseconds of the thread's exit); the child must
        // still be running a second later — this window is the assertion of an absence.
        let deadline = ContinuousClock.now + .seconds(1)
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            let reaped = waitpid(pid, &status, WNOHANG)
            #expect(reaped == 0, "the child died (status \(status)) with the thread that asked for it")
            if reaped != 0 { return }
            usleep(20_000)
        }
    }

    @Test func everySpawnRunsOnTheSameLongLivedThread() {
        let spawner = SpawningThread.shared.thread
        let first = SpawningThread.shared.run { () -> pthread_t in pthread_self() }
        let second = SpawningThread.shared.run { () -> pthread_t in pthread_self() }
        #expect(pthread_equal(try first.get(), spawner) != 0)
        #expect(pthread_equal(try second.get(), spawner) != 0)
        #expect(pthread_equal(pthread_self(), spawner) == 0)
    }
}

private final class SpawnOutcome: @unchecked Sendable { var pid: Int32? }
private final class SpawnRequest: @unchecked Sendable {
    let spec: SpawnSpec
    let outcome: SpawnOutcome
    init(spec: SpawnSpec, outcome: SpawnOutcome) { self.spec = spec; self.outcome = outcome }
}
