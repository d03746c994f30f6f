#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Logging

/// Sends each event to journald with structured fields: the message as `MESSAGE`, the
/// level as `PRIORITY`, and every metadata key as an upper-cased field
/// (`worker.pid` → `WORKER_PID`), so `journalctl WORKER_PID=42` finds it.
public struct JournaldLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var fields = ["SYSLOG_IDENTIFIER=\(label)"]
        var suffix = ""
        for key in merged.keys.sorted() {
            let value = merged[key]!.description
            fields.append("\(Self.fieldName(key))=\(value)")
            suffix += " \(key)=\(LogfmtLogHandler.quote(value))"
        }
        let message = "\(event.message)\(suffix)"
        let cFields = fields.map { strdup($0) }
        defer { cFields.forEach { free($0) } }
        var pointers = cFields.map { UnsafePointer($0) }
        _ = pointers.withUnsafeMutableBufferPointer { buffer in
            ra_journal_send(message, Self.priority(event.level), buffer.baseAddress, Int32(buffer.count))
        }
    }

    static func fieldName(_ key: String) -> String {
        let mapped = key.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        let name = String(mapped).drop(while: { $0 == "_" })
        return name.isEmpty ? "FIELD" : String(name)
    }

    static func priority(_ level: Logger.Level) -> Int32 {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
