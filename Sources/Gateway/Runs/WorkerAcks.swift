import IPC
import Synchronization

/// Decides when a run's worker hears that its frames are durable (`run_event_ack`): once
/// ``ReattachPolicy/ackEvery`` more are persisted since the last ack, so a worker's replay
/// buffer stays short without an IPC write per event (issue 13).
final class WorkerAcks: Sendable {
    private let acked = Mutex<[String: Int]>([:])

    /// The runs (and marks) whose worker should be acknowledged now, out of a batch's marks.
    func due(_ marks: [String: Int]) -> [(String, Int)] {
        acked.withLock { acked in
            var due: [(String, Int)] = []
            for (runId, wseq) in marks {
                // A mark below the last ack: the run went on with a fresh worker, numbering anew.
                if wseq < acked[runId] ?? 0 { acked[runId] = 0 }
                guard wseq - (acked[runId] ?? 0) >= ReattachPolicy.ackEvery else { continue }
                acked[runId] = wseq
                due.append((runId, wseq))
            }
            return due
        }
    }

    func forget(_ runId: String) {
        _ = acked.withLock { $0.removeValue(forKey: runId) }
    }
}
