#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ServiceSupport
import Store

/// Session workspaces on local disk under `<data>/sessions/<session id>/`.
///
/// Every write is atomic (temp file + fsync + rename), keeps the previous content under
/// `.versions/`, and is recorded (metadata, version, audit with before/after SHA-256) in
/// the store. Reads refuse symlinks anywhere on the path, so nothing outside the workspace
/// can be reached even if a link was planted.
public struct Workspace: Sendable {
    public enum Failure: Error, Sendable, Equatable {
        case invalidPath(WorkspacePath.Invalid)
        case notFound
        case tooLarge(limit: Int)
        case symlink
        /// A file where a folder is needed, or a folder where the file would go.
        case conflict
        case io(String)
    }

    let root: String
    let store: Store
    public let maxFileBytes: Int
    private let locks = KeyedLock()

    public init(dataDirectory: String, store: Store, maxFileBytes: Int) {
        root = (dataDirectory as NSString).appendingPathComponent("sessions")
        self.store = store
        self.maxFileBytes = maxFileBytes
    }

    public func directory(_ sessionId: String) -> String {
        (root as NSString).appendingPathComponent(sessionId)
    }

    public func path(_ raw: String) throws(Failure) -> WorkspacePath {
        do { return try WorkspacePath(raw) } catch { throw .invalidPath(error) }
    }

    // MARK: Reading

    public func read(sessionId: String, path: WorkspacePath) throws(Failure) -> Data {
        let full = try resolve(sessionId: sessionId, path: path)
        let fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw errno == ELOOP ? .symlink : (errno == ENOENT ? .notFound : .io(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw .notFound }
        var data = Data(count: Int(info.st_size))
        let count = data.withUnsafeMutableBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var total = 0
            while total < buffer.count {
                let n = Glibc.read(fd, base + total, buffer.count - total)
                if n <= 0 { break }
                total += n
            }
            return total
        }
        return data.prefix(count)
    }

    /// The bytes of an earlier version (kept under `.versions/` when it was replaced).
    public func readVersion(sessionId: String, path: WorkspacePath, version: Int) throws(Failure) -> Data {
        let kept = (directory(sessionId) as NSString).appendingPathComponent(".versions/\(path.value)/\(version)")
        guard let data = FileManager.default.contents(atPath: kept) else { throw .notFound }
        return data
    }

    public func readText(sessionId: String, path: String) -> String? {
        guard let validated = try? WorkspacePath(path), let data = try? read(sessionId: sessionId, path: validated) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// The absolute path after checking no component is a symlink.
    private func resolve(sessionId: String, path: WorkspacePath) throws(Failure) -> String {
        var current = directory(sessionId)
        for component in path.value.split(separator: "/") {
            current = (current as NSString).appendingPathComponent(String(component))
            var info = stat()
            if lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { throw .symlink }
        }
        return current
    }

    // MARK: Writing

    /// Writes `data` at `path`, versioning and auditing it. Returns the new file record.
    @discardableResult
    public func write(
        sessionId: String, path: WorkspacePath, data: Data, runId: String?, actor: String, action: String = "file_written"
    ) async throws -> FileRecord {
        // One writer per session at a time: two writes of the same file must not both claim
        // the next version (one would vanish from the history).
        await locks.lock(sessionId)
        do {
            let record = try await unlockedWrite(sessionId: sessionId, path: path, data: data, runId: runId, actor: actor, action: action)
            await locks.unlock(sessionId)
            return record
        } catch {
            await locks.unlock(sessionId)
            throw error
        }
    }

    private func unlockedWrite(
        sessionId: String, path: WorkspacePath, data: Data, runId: String?, actor: String, action: String
    ) async throws -> FileRecord {
        guard data.count <= maxFileBytes else { throw Failure.tooLarge(limit: maxFileBytes) }
        let full = try resolve(sessionId: sessionId, path: path)
        let directory = (full as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue { throw Failure.conflict }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure.conflict  // a file stands where a folder of the path should be
        }
        let previous = try await store.file(sessionId: sessionId, path: path.value)
        if let previous, FileManager.default.fileExists(atPath: full) {
            // Keep the old bytes: a hard link into .versions costs no copy and survives the rename.
            let versions = (self.directory(sessionId) as NSString).appendingPathComponent(".versions/\(path.value)")
            try FileManager.default.createDirectory(atPath: versions, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let kept = (versions as NSString).appendingPathComponent("\(previous.version)")
            unlink(kept)
            if link(full, kept) != 0 { try? FileManager.default.copyItem(atPath: full, toPath: kept) }
        }
        try Self.atomicWrite(data, to: full)
        let record = FileRecord(
            sessionId: sessionId, path: path.value, size: data.count, contentType: path.contentType,
            sha256: SHA256.hex(data), version: (previous?.version ?? 0) + 1, updatedAt: Timestamp.now()
        )
        try await store.recordWrite(file: record, previous: previous, runId: runId, actor: actor, action: action)
        return record
    }

    /// temp file in the same directory, fsync, rename: readers see the old or the new file,
    /// never a torn one, even after a crash.
    static func atomicWrite(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure.io("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var ok = data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var written = 0
            while written < buffer.count {
                let n = Glibc.write(fd, base + written, buffer.count - written)
                if n <= 0 { return false }
                written += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure.io("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}

extension SHA256 {
    static func hex(_ data: Data) -> String { hex(Array(data)) }
}

/// An async mutex per key (session id): waiters queue in order.
actor KeyedLock {
    private var held: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    func lock(_ key: String) async {
        guard held.contains(key) else {
            held.insert(key)
            return
        }
        await withCheckedContinuation { waiters[key, default: []].append($0) }
    }

    func unlock(_ key: String) {
        if var queue = waiters[key], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[key] = queue.isEmpty ? nil : queue
            next.resume()  // ownership passes straight to the next waiter
        } else {
            held.remove(key)
        }
    }
}
