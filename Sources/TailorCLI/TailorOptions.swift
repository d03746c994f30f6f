import Foundation
import ResumeRender

/// What `resume-agent tailor` was asked to do. The command maps its flags here; tests build
/// it directly.
public struct TailorOptions: Sendable, Equatable {
    /// Where the job description comes from.
    public enum JobDescriptionInput: Sendable, Equatable {
        case file(path: String)
        case url(URL)

        /// An `http(s)://` argument is a URL, anything else a file path; other schemes are refused
        /// rather than read as oddly named files.
        public init(argument: String) throws(TailorError) {
            let trimmed = argument.trimmingCharacters(in: .whitespaces)
            let lower = trimmed.lowercased()
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                guard let url = URL(string: trimmed), url.host?.isEmpty == false else {
                    throw .usage("--jd: '\(argument)' is not a valid web address.")
                }
                self = .url(url)
            } else if let scheme = lower.range(of: "://"), !lower[..<scheme.lowerBound].contains("/") {
                throw .usage("--jd: only http and https addresses or file paths are accepted, not '\(argument)'.")
            } else {
                self = .file(path: argument)
            }
        }
    }

    public var resumePath: String
    public var jobDescription: JobDescriptionInput
    /// Apply proposals with no truthfulness flag without asking; skip flagged ones.
    public var autoApprove: Bool
    /// Formats to export the final resume to, in the order given.
    public var exportFormats: [ExportFormat]
    public var outputDirectory: String
    public var pageSize: PageSize
    /// What "Present" in the resume's dates stands for.
    public var now: Date

    public static let defaultOutputDirectory = "tailored"

    public init(
        resumePath: String,
        jobDescription: JobDescriptionInput,
        autoApprove: Bool = false,
        exportFormats: [ExportFormat] = [],
        outputDirectory: String = TailorOptions.defaultOutputDirectory,
        pageSize: PageSize = .letter,
        now: Date = Date()
    ) {
        self.resumePath = resumePath
        self.jobDescription = jobDescription
        self.autoApprove = autoApprove
        self.exportFormats = exportFormats
        self.outputDirectory = outputDirectory
        self.pageSize = pageSize
        self.now = now
    }

    /// Options from the command line's strings; every problem is a ``TailorError/usage(_:)``.
    public init(
        resume: String, jd: String, autoApprove: Bool, export: String?, out: String?, pageSize: String?
    ) throws(TailorError) {
        guard !resume.isEmpty else { throw .usage("--resume needs a file path.") }
        guard !jd.trimmingCharacters(in: .whitespaces).isEmpty else { throw .usage("--jd needs a file path or URL.") }
        guard out?.isEmpty != true else { throw .usage("--out needs a directory path.") }
        self.init(
            resumePath: resume,
            jobDescription: try JobDescriptionInput(argument: jd),
            autoApprove: autoApprove,
            exportFormats: try export.map(Self.parseExportFormats) ?? [],
            outputDirectory: out ?? Self.defaultOutputDirectory,
            pageSize: try pageSize.map(Self.parsePageSize) ?? .letter)
    }

    /// "pdf,docx" → [.pdf, .docx]; "markdown" is accepted for `md`; duplicates are dropped.
    public static func parseExportFormats(_ list: String) throws(TailorError) -> [ExportFormat] {
        var formats: [ExportFormat] = []
        for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !item.isEmpty {
            guard let format = ExportFormat(rawValue: item == "markdown" ? "md" : item) else {
                let known = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw .usage("--export: unknown format '\(item)'; choose from \(known).")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { throw .usage("--export needs at least one format, e.g. --export pdf,docx.") }
        return formats
    }

    /// "letter" or "a4" (any case).
    public static func parsePageSize(_ text: String) throws(TailorError) -> PageSize {
        guard let size = PageSize(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw .usage("--page-size: '\(text)' is not a page size; choose letter or a4.")
        }
        return size
    }
}
