/// The two kinds of worker (privilege separation). What each may do is fixed by the sandbox
/// it puts itself in after start-up; which jobs go to which kind is ``RunJob/workerKind``.
public enum WorkerKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// Talks to the model providers: network allowed, provider keys arrive with each agent run.
    /// Never parses untrusted binaries (it does not even link the document libraries); a run
    /// that needs a document job asks the gateway for one.
    case agent
    /// Parses uploads and fetched pages, renders previews, exports and page images: no network,
    /// no keys, nothing of the data directory; its input arrives as an open file descriptor.
    case document
}
