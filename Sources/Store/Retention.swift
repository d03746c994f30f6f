#if canImport(Glibc)
import Glibc
#endif
import Contract
import Foundation

/// What retention keeps: sessions idle longer than `sessionDays` go, with everything of them;
/// export artifacts older than `exportDays` go; leftovers of interrupted writes and uploads go.
/// A session with a run going is never touched. The gateway's cleanup service and
/// `resume-agent gc` both run ``sweep(now:dryRun:)``.
public struct Retention: Sendable {
    public struct Report: Sendable, Equatable, Codable {
        public var sessionsDeleted: [String] = []
        public var exportsDeleted = 0
        public var orphanDirectoriesRemoved = 0
        public var stagedFilesRemoved = 0
        public var bytesFreed = 0
    }

    public let store: Store
    public let dataDirectory: String
    public var sessionDays: Double
    public var exportDays: Double

    public init(store: Store, dataDirectory: String, sessionDays: Double, exportDays: Double) {
        self.store = store
        self.dataDirectory = dataDirectory
        self.sessionDays = sessionDays
        self.exportDays = exportDays
    }

    var sessionsRoot: String { (dataDirectory as NSString).appendingPathComponent("sessions") }

    /// The directory of a session's workspace.
    public func workspaceDirectory(_ sessionId: String) -> String { (sessionsRoot as NSString).appendingPathComponent(sessionId) }

    /// Deletes a session completely: its rows, then its files.
    public func deleteSession(_ sessionId: String) async throws -> Int {
        try await store.deleteSession(id: sessionId)
        return Self.remove(workspaceDirectory(sessionId))
    }

    public func sweep(now: Date = Date(), dryRun: Bool = false) async throws -> Report {
        var report = Report()
        if sessionDays > 0 {
            for session in try await store.idleSessions(before: Self.timestamp(now, minusDays: sessionDays)) {
                report.sessionsDeleted.append(session.id)
                if !dryRun { report.bytesFreed += try await deleteSession(session.id) }
            }
        }
        if exportDays > 0 {
            for file in try await store.exports(before: Self.timestamp(now, minusDays: exportDays)) {
                report.exportsDeleted += 1
                guard !dryRun else { continue }
                try await store.deleteFile(sessionId: file.sessionId, path: file.path, actor: "retention", action: "export_expired")
                let directory = workspaceDirectory(file.sessionId)
                report.bytesFreed += Self.remove((directory as NSString).appendingPathComponent(file.path))
                report.bytesFreed += Self.remove((directory as NSString).appendingPathComponent(".versions/\(file.path)"))
            }
        }
        // Directories of sessions that no longer exist (a crash after the rows went).
        let known = try await store.sessionIds()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: sessionsRoot)) ?? [] where name.hasPrefix("sess_") && !known.contains(name) {
            report.orphanDirectoriesRemoved += 1
            if !dryRun { report.bytesFreed += Self.remove(workspaceDirectory(name)) }
        }
        // Staged uploads older than an hour were abandoned by a crash.
        let staging = (dataDirectory as NSString).appendingPathComponent("tmp")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? [] {
            let path = (staging as NSString).appendingPathComponent(name)
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                  now.timeIntervalSince(modified) > 3600 else { continue }
            report.stagedFilesRemoved += 1
            if !dryRun { report.bytesFreed += Self.remove(path) }
        }
        return report
    }

    static func timestamp(_ now: Date, minusDays days: Double) -> String {
        let seconds = now.timeIntervalSince1970 - days * 86_400
        return Timestamp.format(seconds: Int(seconds), milliseconds: 0)
    }

    /// Removes a file or a directory tree (never following links); returns the bytes freed.
    @discardableResult
    static func remove(_ path: String) -> Int {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        var bytes = 0
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                bytes += remove((path as NSString).appendingPathComponent(name))
            }
            rmdir(path)
        } else {
            bytes = Int(info.st_size)
            unlink(path)
        }
        return bytes
    }
}
