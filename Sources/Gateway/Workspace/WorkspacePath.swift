import IPC

/// A validated path inside a session workspace: relative, no `..`, no NUL, no control
/// characters, no backslash, no hidden (dot) components — our own `.versions` live there —,
/// components of at most 60 characters (a file system name is at most 255 bytes). Validation
/// happens before any file system call. ``schema`` says exactly the same for the API document.
public struct WorkspacePath: Sendable, Hashable, CustomStringConvertible {
    public let value: String
    public var description: String { value }

    public enum Invalid: Error, Sendable, Equatable {
        case empty, absolute, traversal, forbiddenCharacter, tooLong, reserved
    }

    static let maxComponentLength = 60
    static let maxLength = 512

    /// The same rules as a JSON Schema pattern (no look-arounds, so every regex engine agrees).
    static let schema = Schema.string(
        minLength: 1, maxLength: maxLength,
        pattern: "^[^/\\\\\\x00-\\x1f\\x7f.~][^/\\\\\\x00-\\x1f\\x7f]{0,59}(/[^/\\\\\\x00-\\x1f\\x7f.][^/\\\\\\x00-\\x1f\\x7f]{0,59})*$")

    /// One component as the first of a path (what a URL path parameter can carry).
    static let componentSchema = Schema.string(
        minLength: 1, maxLength: maxComponentLength, pattern: "^[^/\\\\\\x00-\\x1f\\x7f.~][^/\\\\\\x00-\\x1f\\x7f]{0,59}$")

    public init(_ raw: String) throws(Invalid) {
        guard !raw.isEmpty else { throw .empty }
        guard raw.unicodeScalars.count <= Self.maxLength else { throw .tooLong }
        guard !raw.hasPrefix("/"), !raw.hasPrefix("~") else { throw .absolute }
        guard !raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7f }) else {
            throw .forbiddenCharacter
        }
        for component in raw.split(separator: "/", omittingEmptySubsequences: false) {
            if component == ".." { throw .traversal }
            if component.isEmpty || component == "." { throw .forbiddenCharacter }
            if component.hasPrefix(".") { throw .reserved }  // .versions, .tmp: ours
            if component.unicodeScalars.count > Self.maxComponentLength { throw .tooLong }
        }
        value = raw
    }

    /// The top folder (`analysis`, `preview`, `exports`, …) or nil for a top-level file.
    public var folder: String? {
        let parts = value.split(separator: "/")
        return parts.count > 1 ? String(parts[0]) : nil
    }

    public var fileName: String { String(value.split(separator: "/").last ?? "") }

    /// Content type from the extension (export formats know their own).
    public var contentType: String {
        let ext = fileName.split(separator: ".").last.map(String.init) ?? ""
        if let format = ExportFormat(fileExtension: ext) { return format.contentType }
        switch ext.lowercased() {
        case "txt": return "text/plain; charset=utf-8"
        case "json": return "application/json"
        case "htm": return "text/html; charset=utf-8"
        case "png": return "image/png"
        default: return "application/octet-stream"
        }
    }
}
