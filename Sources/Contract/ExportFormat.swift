/// A file format a resume can be exported to. Raw values are the API's `format` strings.
/// Adding a format: its case here (with its extension and content type), its renderer in
/// `ResumeRender/Export/ResumeExporter.swift`; the API, its OpenAPI description, the agent's
/// export tool, workspace content types and the web page's buttons all read this list.
public enum ExportFormat: String, Sendable, CaseIterable, Codable, Hashable {
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

    /// What a person calls it (button labels, CLI help).
    public var label: String {
        switch self {
        case .pdf: "PDF"
        case .docx: "Word (DOCX)"
        case .html: "HTML"
        case .md: "Markdown"
        }
    }

    /// Words that name it in a person's message ("export as Word"), lower-case; the local
    /// assistant reads the format from them.
    public var spokenNames: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .docx: ["docx", "word"]
        case .html: ["html", "web page"]
        case .md: ["markdown", " md", ".md"]
        }
    }

    /// Every format's label as a phrase: "PDF, Word (DOCX), HTML or Markdown".
    public static var spokenList: String {
        let labels = allCases.map(\.label)
        return labels.dropLast().joined(separator: ", ") + (labels.count > 1 ? " or " : "") + (labels.last ?? "")
    }

    /// Binary formats travel base64 over IPC and download as attachments.
    public var isBinary: Bool { self == .pdf || self == .docx }

    /// The format whose file name ends in `.<ext>` (case-insensitive; `markdown` is `md`).
    public init?(fileExtension ext: String) {
        let lowered = ext.lowercased()
        self.init(rawValue: lowered == "markdown" ? "md" : lowered)
    }
}
