import ArgumentParser
import Contract
import Foundation
import TailorCLI

/// `resume-agent tailor --resume FILE --jd FILE|URL`: the whole journey in one terminal command
/// (import, gap analysis, approved rewrite, preview, export), in process. The flow lives in
/// `TailorCLI`; this only maps flags to `TailorOptions` and the terminal to its streams.
struct TailorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tailor",
        abstract: "Tailor a resume to a job description, approving each change in the terminal.",
        discussion: """
            Prints the gap analysis, then shows each proposed edit as a coloured diff and asks \
            'Apply this change? [y/N/q]' (answers are read from standard input). Changes that would \
            add claims the resume does not support are flagged, and --auto-approve never applies them. \
            Writes resume.md, resume.original.md, analysis/, preview/resume.html and the exports into --out. \
            Exit status: 64 usage, 65 unusable input, 66 missing input file, 69 URL fetching unavailable, \
            70 export failure, 74 write failure.
            """
    )

    @Option(help: ArgumentHelp("Your resume: PDF, DOCX, Markdown or plain text.", valueName: "file"))
    var resume: String

    @Option(help: ArgumentHelp("The job description: a text file (or an http(s) URL, once the CLI can fetch).", valueName: "file|url"))
    var jd: String

    @Flag(help: "Apply every change that has no truthfulness flag without asking; skip flagged ones.")
    var autoApprove = false

    @Option(help: ArgumentHelp("Comma-separated export formats: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "formats"))
    var export: String?

    @Option(help: ArgumentHelp("Output directory (default ./tailored).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Page size for PDF and DOCX: letter or a4 (default letter).", valueName: "size"))
    var pageSize: String?

    @Flag(help: "Never colour the output (also off when stdout is not a terminal or NO_COLOR is set).")
    var noColor = false

    func validate() throws {
        _ = try options()
    }

    func run() async throws {
        let style = TerminalStyle.detect(
            noColorFlag: noColor, environment: ProcessInfo.processInfo.environment,
            outputIsTerminal: TerminalStyle.standardOutputIsTerminal)
        let flow = TailorFlow(
            options: try options(), input: StandardInputReader(),
            output: FileHandleOutput.standardOutput, errors: FileHandleOutput.standardError, style: style,
            jobDescriptions: FetchedJobDescriptionSource(environment: ProcessInfo.processInfo.environment))
        let status = await flow.run()
        guard status == .success else { throw ExitCode(status.rawValue) }
    }

    private func options() throws -> TailorOptions {
        do {
            return try TailorOptions(resume: resume, jd: jd, autoApprove: autoApprove, export: export, out: out, pageSize: pageSize)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
