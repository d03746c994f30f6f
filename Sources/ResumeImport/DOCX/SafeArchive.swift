import ResumeKit
import Foundation
import ZIPFoundation

/// A read-only ZIP archive opened under ``ArchiveLimits``.
///
/// The central directory is checked as a whole when the archive is opened (entry count, total
/// declared size, per-entry ratio), so a zip bomb is refused before a byte is inflated. Reading
/// an entry counts inflated bytes as they arrive and stops at the limit, so a lying header
/// cannot get past either.
struct SafeArchive {
    private let archive: Archive
    private let entries: [String: Entry]
    let limits: ArchiveLimits

    init(data: Data, limits: ArchiveLimits = .standard) throws(ResumeImportError) {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .corruptDOCX(detail: "not a ZIP archive")
        }
        var entries: [String: Entry] = [:]
        var total: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maximumEntries else {
                throw .archiveTooLarge(detail: "more than \(limits.maximumEntries) entries")
            }
            try Self.check(entry, limits: limits)
            total += entry.uncompressedSize  // ≤ 2,000 × 20 MiB: cannot overflow
            guard total <= limits.maximumTotalUncompressedBytes else {
                throw .archiveTooLarge(detail: "declared uncompressed size over \(limits.maximumTotalUncompressedBytes) bytes")
            }
            entries[entry.path] = entry
        }
        self.archive = archive
        self.entries = entries
        self.limits = limits
    }

    private static func check(_ entry: Entry, limits: ArchiveLimits) throws(ResumeImportError) {
        let size = entry.uncompressedSize
        guard size <= limits.maximumEntryBytes else {
            throw .archiveTooLarge(detail: "entry \(entry.path) declares \(size) bytes")
        }
        guard size > limits.ratioExemptBytes else { return }
        let compressed = max(entry.compressedSize, 1)
        guard size / compressed <= limits.maximumCompressionRatio else {
            throw .archiveTooLarge(detail: "entry \(entry.path) compression ratio over \(limits.maximumCompressionRatio):1")
        }
    }

    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// The entry's bytes, inflated with a running count: more than the declared size, more than
    /// the per-entry limit, or a ratio beyond the limit stops the inflation at once.
    func read(_ path: String) throws(ResumeImportError) -> Data? {
        guard let entry = entries[path] else { return nil }
        let cap = min(entry.uncompressedSize, limits.maximumEntryBytes)
        let ratioCap = max(limits.ratioExemptBytes, max(entry.compressedSize, 1) &* limits.maximumCompressionRatio)
        let limit = min(cap, ratioCap)
        var output = Data()
        output.reserveCapacity(Int(limit))
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                guard UInt64(output.count + chunk.count) <= limit else { throw InflationStopped() }
                output.append(chunk)
            }
        } catch is InflationStopped {
            throw .archiveTooLarge(detail: "entry \(path) inflates past its declared size")
        } catch {
            throw .corruptDOCX(detail: "entry \(path) could not be inflated")
        }
        return output
    }

    private struct InflationStopped: Error {}
}
