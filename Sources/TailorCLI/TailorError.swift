import ResumeKit
import ResumeImport
import ResumeRender

/// Why `tailor` stopped. Each case has a one-line ``message`` for the person and an
/// ``exitCode``; none is ever shown as a stack trace.
public enum TailorError: Error, Sendable, Equatable {
    /// A flag value that does not parse.
    case usage(String)
    /// An input file that does not exist.
    case fileNotFound(what: String, path: String)
    /// An input path that exists but cannot be read (a directory, no permission).
    case fileUnreadable(what: String, path: String, detail: String)
    /// The resume file is not a usable resume; carries the importer's own error.
    case resumeImport(path: String, error: ResumeImportError)
    /// The job description has no text, or is not UTF-8.
    case jobDescriptionUnusable(path: String, reason: String)
    /// The CLI cannot fetch URLs yet (see ``UnavailableJobDescriptionSource``).
    case urlFetchUnavailable(url: String)
    /// A fetcher was given but the fetch failed.
    case urlFetchFailed(url: String, detail: String)
    /// The proposal source failed.
    case proposalsFailed(detail: String)
    /// Rendering an export failed.
    case exportFailed(format: ExportFormat, error: RenderError)
    /// Writing into the output directory failed.
    case writeFailed(path: String, detail: String)

    /// One line saying what went wrong and what to do.
    public var message: String {
        switch self {
        case .usage(let text):
            text
        case .fileNotFound(let what, let path):
            "The \(what) file '\(path)' does not exist. Check the path and try again."
        case .fileUnreadable(let what, let path, let detail):
            "The \(what) file '\(path)' could not be read: \(detail)."
        case .resumeImport(let path, let error):
            "\(path): \(error.message)"
        case .jobDescriptionUnusable(let path, let reason):
            "The job description '\(path)' \(reason)."
        case .urlFetchUnavailable(let url):
            "Cannot fetch \(url): fetching a job description from a URL needs the server's fetcher, which the CLI "
                + "does not have yet. Save the job posting as a text file and pass its path to --jd."
        case .urlFetchFailed(let url, let detail):
            "Could not fetch the job description from \(url): \(detail)"
        case .proposalsFailed(let detail):
            "Could not prepare rewrite proposals: \(detail)"
        case .exportFailed(let format, let error):
            "Could not export the resume as \(format.rawValue.uppercased()): \(Self.describe(error))"
        case .writeFailed(let path, let detail):
            "Could not write '\(path)': \(detail)"
        }
    }

    public var exitCode: TailorExitCode {
        switch self {
        case .usage: .usage
        case .fileNotFound, .fileUnreadable: .noInput
        case .resumeImport, .jobDescriptionUnusable: .dataError
        case .urlFetchUnavailable, .urlFetchFailed: .unavailable
        case .exportFailed(_, .inputTooLarge): .dataError
        case .proposalsFailed, .exportFailed: .software
        case .writeFailed: .ioError
        }
    }

    private static func describe(_ error: RenderError) -> String {
        switch error {
        case .inputTooLarge(let bytes, let limit): "the resume is \(bytes) bytes, more than the \(limit) a resume may have."
        case .invalidOption(let what): "invalid option (\(what))."
        case .pdfRenderingFailed(let what): "PDF rendering failed (\(what))."
        case .docxPackagingFailed(let what): "DOCX packaging failed (\(what))."
        }
    }
}
