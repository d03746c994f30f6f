import ResumeKit

/// The formats a resume can be uploaded in.
public enum DocumentFormat: String, Codable, Sendable, CaseIterable {
    case pdf, docx, markdown, plainText = "text"

    public var displayName: String {
        switch self {
        case .pdf: "a PDF"
        case .docx: "a Word document (DOCX)"
        case .markdown: "Markdown"
        case .plainText: "plain text"
        }
    }

    /// The format a file name's extension claims, if it names one we know.
    public init?(filename: String) {
        guard let dot = filename.lastIndex(of: "."), dot != filename.startIndex else { return nil }
        switch filename[filename.index(after: dot)...].lowercased() {
        case "pdf": self = .pdf
        case "docx": self = .docx
        case "md", "markdown", "mdown", "mkd": self = .markdown
        case "txt", "text": self = .plainText
        default: return nil
        }
    }

    /// The format a MIME type claims (parameters such as `; charset=utf-8` ignored). Generic
    /// types (`application/octet-stream`) claim nothing.
    public init?(contentType: String) {
        let mime = contentType.split(separator: ";").first.map { String($0).trimmed.lowercased() } ?? ""
        switch mime {
        case "application/pdf", "application/x-pdf": self = .pdf
        case "application/vnd.openxmlformats-officedocument.wordprocessingml.document": self = .docx
        case "text/markdown", "text/x-markdown": self = .markdown
        case "text/plain": self = .plainText
        default: return nil
        }
    }

    var isText: Bool { self == .markdown || self == .plainText }
}
