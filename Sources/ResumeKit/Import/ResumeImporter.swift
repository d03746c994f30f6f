import Foundation

/// Imports an uploaded resume file: finds out what it really is, reads it with the matching
/// reader, and recognises its structure.
///
/// Never trusts the name or declared type: the bytes decide the format, and a name or type that
/// claims a different one is refused (`type_mismatch`), because a mislabelled upload is either a
/// mistake the person should fix or an attempt to reach a parser by the back door.
public enum ResumeImporter {
    /// Uploads above this are refused before any parsing.
    public static let maximumFileBytes = 10 * 1_048_576

    /// Imports one file.
    ///
    /// - Parameters:
    ///   - data: the uploaded bytes.
    ///   - filename: the uploaded file name, if any; its extension must agree with the content.
    ///   - declaredContentType: the upload's MIME type, if any; generic types are ignored.
    /// - Throws: ``ResumeImportError``, always with a user-facing message.
    public static func `import`(
        data: Data, filename: String?, declaredContentType: String?
    ) throws(ResumeImportError) -> ImportedResume {
        guard data.contains(where: { !isWhitespaceByte($0) }) else { throw .emptyFile }
        guard data.count <= maximumFileBytes else { throw .fileTooLarge(limit: maximumFileBytes) }
        let format = try detectFormat(data: data, filename: filename, declaredContentType: declaredContentType)
        let reading = try read(data, as: format)
        let resume = reading.resume
        guard hasContent(resume) else { throw .noResumeContent }
        let report = ImportReportBuilder.build(
            format: format, resume: resume, notes: reading.notes, findings: reading.findings, structuralWarnings: warnings(for: resume)
        )
        return ImportedResume(resume: resume, markdown: resume.markdown, format: format, warnings: report.warnings, report: report)
    }

    /// The real format of `data`, checked against what the name and content type claim.
    public static func detectFormat(
        data: Data, filename: String?, declaredContentType: String?
    ) throws(ResumeImportError) -> DocumentFormat {
        let claimed = filename.flatMap(DocumentFormat.init(filename:)) ?? declaredContentType.flatMap(DocumentFormat.init(contentType:))
        let actual: DocumentFormat
        switch ContentSniffer.sniff(data) {
        case .pdf: actual = .pdf
        case .zip: actual = .docx
        case .text: actual = claimed == .plainText ? .plainText : (claimed == .markdown ? .markdown : guessTextFormat(data))
        case .binary(let what):
            if let claimed { throw claimed == .docx ? .corruptDOCX(detail: what) : claimedButNot(claimed, actual: nil) }
            throw .unsupportedMediaType(detail: what)
        }
        if let filename, DocumentFormat(filename: filename) == nil, hasExtension(filename) {
            throw .unsupportedMediaType(detail: "extension of \(filename)")
        }
        for claim in [filename.flatMap(DocumentFormat.init(filename:)), declaredContentType.flatMap(DocumentFormat.init(contentType:))] {
            guard let claim else { continue }
            // Markdown and plain text are both text; either label fits either.
            if claim != actual && !(claim.isText && actual.isText) { throw claimedButNot(claim, actual: actual) }
        }
        return actual
    }

    private static func claimedButNot(_ claimed: DocumentFormat, actual: DocumentFormat?) -> ResumeImportError {
        .typeMismatch(declared: claimed, actual: actual)
    }

    private struct Reading {
        var resume: Resume
        var notes: [StructureRecognizer.SectionNote]
        var findings: PDFFindings?
    }

    private static func read(_ data: Data, as format: DocumentFormat) throws(ResumeImportError) -> Reading {
        let lines: [SourceLine]
        var findings: PDFFindings?
        switch format {
        case .pdf:
            let pdf = try PDFResumeReader.read(data)
            lines = pdf.lines
            findings = pdf.findings
        case .docx:
            lines = try DOCXResumeReader.lines(from: data)
        case .markdown:
            guard let text = TextDecoding.decode(data) else { throw .undecodableText }
            lines = MarkdownLineReader.lines(text)
        case .plainText:
            guard let text = TextDecoding.decode(data) else { throw .undecodableText }
            lines = PlainTextLineReader.lines(text)
        }
        let recognized = StructureRecognizer.recognizeWithNotes(lines)
        return Reading(resume: recognized.resume, notes: recognized.notes, findings: findings)
    }

    /// Markdown if it uses Markdown headings or emphasis, else plain text.
    private static func guessTextFormat(_ data: Data) -> DocumentFormat {
        guard let text = TextDecoding.decode(data.prefix(64 * 1024)) ?? TextDecoding.decode(data) else { return .plainText }
        let lines = text.split(separator: "\n").prefix(400)
        let headings = lines.filter { $0.hasPrefix("# ") || $0.hasPrefix("## ") || $0.hasPrefix("### ") }.count
        return headings >= 1 ? .markdown : .plainText
    }

    private static func hasExtension(_ filename: String) -> Bool {
        guard let dot = filename.lastIndex(of: "."), dot != filename.startIndex else { return false }
        return filename.distance(from: dot, to: filename.endIndex) <= 6
    }

    private static func hasContent(_ resume: Resume) -> Bool {
        !resume.sections.isEmpty || !resume.contact.isEmpty
    }

    private static func warnings(for resume: Resume) -> [ImportWarning] {
        var warnings: [ImportWarning] = []
        if resume.name.isEmpty { warnings.append(.missingName) }
        if resume.contact.isEmpty { warnings.append(.noContact) }
        if !resume.sections.contains(where: { $0.kind != .summary }) { warnings.append(.noSections) }
        if resume.experience.isEmpty { warnings.append(.noExperience) }
        return warnings
    }

    private static func isWhitespaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x00
    }
}
