import Foundation
import ResumeKit
import ResumeMatch
import ResumeRender

/// `resume-agent tailor`, in process: import the resume and the job description, print the gap
/// analysis, review each proposed edit (or auto-approve the unflagged ones), and write the
/// tailored resume, its analysis, a preview and the requested exports.
///
/// Everything from the outside comes in through a seam, so tests script the whole journey:
/// answers (``LineReader``), what is printed (``TextOutput``), proposals (``ProposalSource``) and
/// URL fetching (``JobDescriptionSource``).
public struct TailorFlow {
    public let options: TailorOptions
    public let style: TerminalStyle
    private let input: any LineReader
    private let output: any TextOutput
    private let errors: any TextOutput
    private let proposalSource: any ProposalSource
    private let jobDescriptionSource: any JobDescriptionSource

    /// A job description larger than this is refused: a posting is a few KiB of text.
    public static let maximumJobDescriptionBytes = 2 * 1_048_576

    public init(
        options: TailorOptions,
        input: any LineReader,
        output: any TextOutput,
        errors: any TextOutput,
        style: TerminalStyle = .plain,
        proposals: any ProposalSource = RewritePlannerSource(),
        jobDescriptions: any JobDescriptionSource = UnavailableJobDescriptionSource()
    ) {
        self.options = options
        self.input = input
        self.output = output
        self.errors = errors
        self.style = style
        self.proposalSource = proposals
        self.jobDescriptionSource = jobDescriptions
    }

    /// Runs the flow; a failure is printed as one line on the error output and becomes the exit status.
    public func run() async -> TailorExitCode {
        do {
            _ = try await tailor()
            return .success
        } catch {
            errors.line(style.boldRed("error:") + " " + error.message)
            return error.exitCode
        }
    }

    /// Runs the flow and returns what it produced; nothing is written when it throws.
    public func tailor() async throws(TailorError) -> TailorResult {
        let imported = try importResume()
        let jobDescription = try await loadJobDescription()
        printHeader(imported, JobDescription(text: jobDescription))

        let original = imported.markdown
        let analyzer = GapAnalyzer()
        let initialReport = analyzer.analyze(resume: original, jobDescription: jobDescription, now: options.now)
        output.line()
        output.write(GapReportPrinter(style: style).render(initialReport))

        let proposals = try await makeProposals(resume: original, jobDescription: jobDescription, report: initialReport)
        output.line()
        output.line(style.bold(proposals.isEmpty
            ? "No changes to propose: nothing can be surfaced further without adding claims."
            : "\(proposals.count) proposed change(s). Each is a diff against your resume; nothing is applied without approval."))
        let reviewer = ProposalReviewer(
            original: original, jobDescription: jobDescription, now: options.now, autoApprove: options.autoApprove,
            style: style, input: input, output: output)
        let (final, decisions) = reviewer.review(proposals)
        let finalReport = final == original
            ? initialReport : analyzer.analyze(resume: final, jobDescription: jobDescription, now: options.now)

        let files = try renderFiles(original: original, final: final, initial: initialReport, final: finalReport)
        let written = try TailorOutputWriter(directory: options.outputDirectory).write(files)
        printSummary(decisions: decisions, written: written, before: initialReport, after: finalReport)
        return TailorResult(
            originalMarkdown: original, finalMarkdown: final, initialReport: initialReport, finalReport: finalReport,
            decisions: decisions, writtenFiles: written)
    }

    // MARK: Inputs

    private func importResume() throws(TailorError) -> ImportedResume {
        let path = options.resumePath
        let limit = ResumeImporter.maximumFileBytes
        let data = try readFile(
            what: "resume", path: path, limit: limit, tooLarge: .resumeImport(path: path, error: .fileTooLarge(limit: limit)))
        let imported: ImportedResume
        do {
            imported = try ResumeImporter.import(
                data: data, filename: (path as NSString).lastPathComponent, declaredContentType: nil)
        } catch {
            throw .resumeImport(path: path, error: error)
        }
        return imported
    }

    private func loadJobDescription() async throws(TailorError) -> String {
        let text: String
        switch options.jobDescription {
        case .url(let url):
            do {
                text = try await jobDescriptionSource.fetch(url: url)
            } catch let error as TailorError {
                throw error
            } catch {
                throw .urlFetchFailed(url: url.absoluteString, detail: "\(error)")
            }
        case .file(let path):
            let limit = Self.maximumJobDescriptionBytes
            let data = try readFile(
                what: "job description", path: path, limit: limit,
                tooLarge: .jobDescriptionUnusable(
                    path: path, reason: "is larger than \(limit / 1_048_576) MiB; a job description is a few KiB of text"))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw .jobDescriptionUnusable(path: path, reason: "is not UTF-8 text; save it as plain UTF-8 text")
            }
            text = Self.looksLikeHTML(path: path, decoded) ? HTMLText.readableText(html: decoded) : decoded
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw .jobDescriptionUnusable(path: path, reason: "has no text; paste the job posting into it")
            }
        }
        return text
    }

    /// The file's bytes; a file over `limit` is refused with `tooLarge` (before reading it, when
    /// its size is known).
    private func readFile(what: String, path: String, limit: Int, tooLarge: TailorError) throws(TailorError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(what: what, path: path)
        }
        guard !isDirectory.boolValue else { throw .fileUnreadable(what: what, path: path, detail: "it is a directory") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            throw tooLarge
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .fileUnreadable(what: what, path: path, detail: "permission denied or a read error")
        }
        guard data.count <= limit else { throw tooLarge }
        return data
    }

    private static func looksLikeHTML(path: String, _ text: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "html" || ext == "htm" { return true }
        let start = text.prefix(512).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html")
    }

    private func makeProposals(resume: String, jobDescription: String, report: GapReport) async throws(TailorError) -> [EditProposal] {
        do {
            return try await proposalSource.proposals(resume: resume, jobDescription: jobDescription, report: report)
        } catch {
            throw .proposalsFailed(detail: "\(error)")
        }
    }

    // MARK: Outputs

    /// Every file of the output directory, rendered in memory first so a failed export leaves
    /// nothing half-written.
    private func renderFiles(
        original: String, final: String, initial: GapReport, final finalReport: GapReport
    ) throws(TailorError) -> [(relativePath: String, data: Data)] {
        let exportOptions = ExportOptions(pageSize: options.pageSize)
        var files: [(relativePath: String, data: Data)] = [
            ("resume.md", Data(final.utf8)),
            ("resume.original.md", Data(original.utf8)),
            ("analysis/gap.json", try json(finalReport)),
            ("analysis/gap.md", Data(finalReport.markdown.utf8)),
            ("analysis/gap.original.json", try json(initial)),
            ("analysis/gap.original.md", Data(initial.markdown.utf8)),
            ("preview/resume.html", Data(PreviewRenderer.html(markdown: final, options: exportOptions).utf8)),
        ]
        for format in options.exportFormats {
            do {
                let artifact = try ResumeExporter.export(markdown: final, format: format, options: exportOptions)
                files.append((artifact.fileName, artifact.data))
            } catch {
                throw .exportFailed(format: format, error: error)
            }
        }
        return files
    }

    private func json(_ report: GapReport) throws(TailorError) -> Data {
        do {
            return try report.jsonData()
        } catch {
            throw .writeFailed(path: "analysis/gap.json", detail: "the report could not be encoded (\(error))")
        }
    }

    // MARK: Printing

    private func printHeader(_ imported: ImportedResume, _ jd: JobDescription) {
        let name = imported.resume.name.isEmpty ? "" : ": \(imported.resume.name)"
        output.line(style.bold("Resume") + "  \(options.resumePath) (\(imported.format.displayName))\(name)")
        // The import report's warnings, as step 1 of the web UI shows them: a low-confidence
        // import says so first, then what the person should check.
        let isLow = { (warning: ImportWarning) in warning.code == "low_confidence" }  // the report's stable code
        let (low, notes) = (imported.warnings.filter(isLow), imported.warnings.filter { !isLow($0) })
        for warning in low { output.line(style.boldYellow("  warning: \(warning.message)")) }
        for warning in notes { output.line(style.yellow("  note: \(warning.message)")) }
        let source: String = switch options.jobDescription {
        case .file(let path): path
        case .url(let url): url.absoluteString
        }
        let role = [jd.title, jd.company].compactMap { $0 }.joined(separator: " — ")
        output.line(style.bold("Job") + "     \(source)\(role.isEmpty ? "" : ": \(role)")")
    }

    private func printSummary(decisions: [ProposalDecision], written: [String], before: GapReport, after: GapReport) {
        let applied = decisions.filter { $0.outcome == .applied }.count
        output.line()
        output.line(style.bold("Applied \(applied) of \(decisions.count) proposed change(s)."))
        let flagged = decisions.filter { $0.outcome == .skippedFlagged }.count
        if flagged > 0 {
            output.line(style.yellow("\(flagged) change(s) with unsupported claims were not applied."))
        }
        output.line("Wrote:")
        for path in written { output.line("  \(path)") }
        output.line(style.bold("Final match score: \(after.score.score)/100") + " (was \(before.score.score))")
    }
}
