#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NIOPosix
import ServiceSupport
import Store

/// Session workspaces on local disk under `<data>/sessions/<session id>/`.
///
/// Every version of a file is a blob, `.versions/<path>/<n>`, written (and synced) before the
/// store records it; the file at `<path>` is then a hard link to the current blob. Reads go
/// through the store's record to its blob, so a crash at any step of a write leaves either
/// the old version or the new one — never a torn file, never a record without its bytes — and
/// a kept version's bytes are never written again (a write only ever creates the next number).
/// Reads refuse symlinks anywhere on the path, so nothing outside the workspace is reached
/// even if a link was planted.
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

    /// What a write stores.
    public enum Content: Sendable {
        case bytes(Data)
        /// A file already on disk in the data directory (a staged upload, with its digest):
        /// moved into place, never read into memory or copied.
        case staged(path: String, size: Int, sha256: String)

        var size: Int {
            switch self {
            case .bytes(let data): data.count
            case .staged(_, let size, _): size
            }
        }
    }

    /// The steps of a write, in order (a test stops at each to prove what a crash leaves).
    public enum WriteStep: Sendable, CaseIterable {
        case blobWritten, blobSynced, recorded, published
    }

    let root: String
    let store: Store
    public let maxFileBytes: Int
    private let locks = KeyedLock()
    /// Called after each step of a write; throwing there stands for the process dying there.
    let afterStep: (@Sendable (WriteStep) throws -> Void)?

    public init(dataDirectory: String, store: Store, maxFileBytes: Int, afterStep: (@Sendable (WriteStep) throws -> Void)? = nil) {
        root = (dataDirectory as NSString).appendingPathComponent("sessions")
        self.store = store
        self.maxFileBytes = maxFileBytes
        self.afterStep = afterStep
    }

    public func directory(_ sessionId: String) -> String {
        (root as NSString).appendingPathComponent(sessionId)
    }

    func blobDirectory(_ sessionId: String, _ path: WorkspacePath) -> String {
        (directory(sessionId) as NSString).appendingPathComponent(".versions/\(path.value)")
    }

    func blob(_ sessionId: String, _ path: WorkspacePath, version: Int) -> String {
        (blobDirectory(sessionId, path) as NSString).appendingPathComponent("\(version)")
    }

    // MARK: Reading

    /// The current version's bytes, as the store records it.
    public func read(sessionId: String, path: WorkspacePath) async throws(Failure) -> Data {
        _ = try resolve(sessionId: sessionId, path: path)  // refuses planted links first
        guard let record = try? await store.file(sessionId: sessionId, path: path.value) else { throw .notFound }
        return try read(sessionId: sessionId, path: path, record: record)
    }

    /// The bytes of `record`'s version: its blob, or (data written before blobs kept every
    /// version) the file itself when its digest matches the record.
    func read(sessionId: String, path: WorkspacePath, record: FileRecord) throws(Failure) -> Data {
        let full = try resolve(sessionId: sessionId, path: path)
        if let data = try? Self.readFile(blob(sessionId, path, version: record.version)) { return data }
        let data = try Self.readFile(full)
        guard SHA256.hex(data) == record.sha256 else { throw .notFound }
        return data
    }

    /// The bytes of an earlier version.
    public func readVersion(sessionId: String, path: WorkspacePath, version: Int) throws(Failure) -> Data {
        _ = try resolve(sessionId: sessionId, path: path)
        return try Self.readFile(blob(sessionId, path, version: version))
    }

    public func readText(sessionId: String, path: String) async -> String? {
        guard let validated = try? WorkspacePath(path), let data = try? await read(sessionId: sessionId, path: validated) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    private static func readFile(_ path: String) throws(Failure) -> Data {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
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

    /// Writes `data` at `path` as its next version, audited. Returns the new file record.
    @discardableResult
    public func write(
        sessionId: String, path: WorkspacePath, data: Data, runId: String?, actor: String, action: String = "file_written"
    ) async throws -> FileRecord {
        try await write(sessionId: sessionId, path: path, content: .bytes(data), runId: runId, actor: actor, action: action)
    }

    /// Writes `content` at `path` as its next version, audited. Returns the new file record.
    @discardableResult
    public func write(
        sessionId: String, path: WorkspacePath, content: Content, runId: String?, actor: String, action: String = "file_written"
    ) async throws -> FileRecord {
        // One writer per session at a time: two writes of the same file must not both claim
        // the next version (one would vanish from the history).
        await locks.lock(sessionId)
        do {
            let record = try await unlockedWrite(sessionId: sessionId, path: path, content: content, runId: runId, actor: actor, action: action)
            await locks.unlock(sessionId)
            return record
        } catch {
            await locks.unlock(sessionId)
            throw error
        }
    }

    private func unlockedWrite(
        sessionId: String, path: WorkspacePath, content: Content, runId: String?, actor: String, action: String
    ) async throws -> FileRecord {
        guard content.size <= maxFileBytes else { throw Failure.tooLarge(limit: maxFileBytes) }
        let full = try resolve(sessionId: sessionId, path: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue { throw Failure.conflict }
        let blobs = blobDirectory(sessionId, path)
        do {
            for folder in [(full as NSString).deletingLastPathComponent, blobs] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw Failure.conflict  // a file stands where a folder of the path should be
        }
        let previous = try await store.file(sessionId: sessionId, path: path.value)
        let version = (previous?.version ?? 0) + 1
        let newBlob = blob(sessionId, path, version: version)
        let afterStep = afterStep
        // Disk work (writes, fsyncs, renames) runs on the I/O thread pool, never on the
        // threads that serve requests: a slow disk must not stall the event loops or tasks.
        let sha256 = try await Self.blocking { [self] in
            if let previous { try keepLegacyCurrent(previous, full: full, sessionId: sessionId, path: path) }
            // 1. The new version's bytes, synced, under a number no record names yet (a leftover
            //    of a crash before step 2 is unreferenced and may be replaced).
            let sha256: String
            switch content {
            case .bytes(let data):
                try Self.atomicWrite(data, to: newBlob)
                sha256 = SHA256.hex(data)
            case .staged(let staged, _, let digest):
                try Self.adopt(staged, as: newBlob)
                sha256 = digest
            }
            try afterStep?(.blobWritten)
            try Self.syncDirectory(blobs)
            try afterStep?(.blobSynced)
            return sha256
        }
        // 2. The record: from here on, reads see the new version.
        let record = FileRecord(
            sessionId: sessionId, path: path.value, size: content.size, contentType: path.contentType,
            sha256: sha256, version: version, updatedAt: Timestamp.now()
        )
        try await store.recordWrite(file: record, previous: previous, runId: runId, actor: actor, action: action)
        try afterStep?(.recorded)
        // 3. The plain file follows (for people and tools looking at the directory).
        try await Self.blocking { try Self.publish(newBlob, at: full) }
        try afterStep?(.published)
        return record
    }

    /// Runs blocking file-system work on NIO's blocking-I/O thread pool.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// Makes a staged file (same file system) the blob: synced, then renamed into place.
    static func adopt(_ staged: String, as path: String) throws {
        let fd = open(staged, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.io("cannot open the staged upload: \(String(cString: strerror(errno)))") }
        let synced = fsync(fd) == 0
        close(fd)
        guard synced, rename(staged, path) == 0 else { throw Failure.io("cannot store the upload: \(String(cString: strerror(errno)))") }
    }

    /// Data written before every version had a blob keeps its current bytes as the previous
    /// version's blob before anything replaces them (only if they are what the record says).
    private func keepLegacyCurrent(_ previous: FileRecord, full: String, sessionId: String, path: WorkspacePath) throws {
        let kept = blob(sessionId, path, version: previous.version)
        guard !FileManager.default.fileExists(atPath: kept), let data = try? Self.readFile(full), SHA256.hex(data) == previous.sha256 else { return }
        try Self.atomicWrite(data, to: kept)
    }

    /// Makes `path` a hard link to `blob`, atomically replacing what was there.
    static func publish(_ blob: String, at path: String) throws {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard link(blob, temporary) == 0 else { throw Failure.io("cannot link \(path): \(String(cString: strerror(errno)))") }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure.io("cannot publish \(path): \(String(cString: strerror(errno)))")
        }
        try syncDirectory((path as NSString).deletingLastPathComponent)
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

    /// A rename is durable only once its directory is synced.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure.io("cannot sync \(path): \(String(cString: strerror(errno)))") }
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
