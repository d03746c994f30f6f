/// A file format a resume can be exported to. Raw values are the API's
/// `format` strings.
public enum ExportFormat: String, Sendable, CaseIterable, Codable {
    case pdf
    case docx
    case html
    case md

    /// The MIME type sent with the download.
    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .html: "text/html; charset=utf-8"
        case .md: "text/markdown; charset=utf-8"
        }
    }

    /// File name extension, without the dot.
    public var fileExtension: String { rawValue }
}
