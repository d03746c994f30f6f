/// A validated path inside a session workspace: relative, no `..`, no NUL, no control
/// characters, no hidden internal folders. Validation happens before any file system call.
public struct WorkspacePath: Sendable, Hashable, CustomStringConvertible {
    public let value: String
    public var description: String { value }

    public enum Invalid: Error, Sendable, Equatable {
        case empty, absolute, traversal, forbiddenCharacter, tooLong, reserved
    }

    public init(_ raw: String) throws(Invalid) {
        guard !raw.isEmpty else { throw .empty }
        guard raw.utf8.count <= 512 else { throw .tooLong }
        guard !raw.hasPrefix("/"), !raw.hasPrefix("~") else { throw .absolute }
        guard !raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7f }) else {
            throw .forbiddenCharacter
        }
        let components = raw.split(separator: "/", omittingEmptySubsequences: false)
        for component in components {
            if component == ".." { throw .traversal }
            if component.isEmpty || component == "." { throw .forbiddenCharacter }
            if component.hasPrefix(".") { throw .reserved }  // .versions, .tmp: ours
        }
        value = raw
    }

    /// The top folder (`analysis`, `preview`, `exports`, …) or nil for a top-level file.
    public var folder: String? {
        let parts = value.split(separator: "/")
        return parts.count > 1 ? String(parts[0]) : nil
    }

    public var fileName: String { String(value.split(separator: "/").last ?? "") }

    /// Content type from the extension.
    public var contentType: String {
        switch fileName.split(separator: ".").last?.lowercased() ?? "" {
        case "md", "markdown": "text/markdown; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "json": "application/json"
        case "html", "htm": "text/html; charset=utf-8"
        case "pdf": "application/pdf"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        default: "application/octet-stream"
        }
    }
}
