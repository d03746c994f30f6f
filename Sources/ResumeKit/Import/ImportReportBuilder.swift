/// Works out an ``ImportReport`` from what the recognizer decided about each section and what
/// the PDF reader noticed about the pages.
///
/// A section starts fully trusted and loses confidence for each doubt: a title that is not a
/// known section name (its kind was guessed), entries without title, organisation or dates,
/// sub-headings that were folded away, text from columns read in a guessed order. The whole
/// import is the sections' mean weighted by their length, lowered further for a missing name,
/// no sections at all, guessed column order, and pages read without positions.
enum ImportReportBuilder {
    static func build(
        format: DocumentFormat, resume: Resume, notes: [StructureRecognizer.SectionNote], findings: PDFFindings?,
        structuralWarnings: [ImportWarning]
    ) -> ImportReport {
        let ambiguous = Set(findings?.ambiguousLines ?? [])
        let sections = notes.map { note in sectionConfidence(note, resume: resume, ambiguous: ambiguous) }
        var confidence = overall(sections, notes: notes)
        if resume.name.isEmpty { confidence *= 0.7 }
        if !resume.sections.contains(where: { $0.kind != .summary }) { confidence *= 0.6 }
        var warnings = structuralWarnings
        var unplaced: [ImportReport.UnplacedBlock] = []
        if let findings {
            if !findings.ambiguousPages.isEmpty {
                confidence -= 0.15 * Double(findings.ambiguousPages.count)
                warnings.append(.ambiguousColumns(findings.ambiguousPages))
                unplaced += findings.ambiguousLines.prefix(20).map {
                    ImportReport.UnplacedBlock(page: 0, text: $0, reason: "read from columns whose order was guessed")
                }
            }
            if !findings.pagesInTextOrder.isEmpty {
                confidence -= 0.15
                warnings.append(.pagesInTextOrder(findings.pagesInTextOrder))
            }
            if !findings.excludedPages.isEmpty { warnings.append(.excludedPages(findings.excludedPages)) }
            unplaced += findings.unplaced.map { ImportReport.UnplacedBlock(page: $0.page, text: $0.text, reason: "not placed") }
        }
        confidence = min(1, max(0, confidence))
        if confidence < ImportReport.lowConfidenceThreshold { warnings.append(.lowConfidence(confidence)) }
        return ImportReport(
            format: format, pageCount: findings?.pageCount, excludedPages: findings?.excludedPages ?? [],
            columns: findings?.columnsPerPage.map { ImportReport.PageColumns(page: $0.page, columns: $0.columns) } ?? [],
            unplacedBlocks: unplaced, sections: sections, confidence: (confidence * 100).rounded() / 100, warnings: warnings
        )
    }

    private static func sectionConfidence(
        _ note: StructureRecognizer.SectionNote, resume: Resume, ambiguous: Set<String>
    ) -> ImportReport.SectionConfidence {
        var confidence = 1.0
        var reasons: [String] = []
        if !note.knownTitle && note.title != "Summary" {
            confidence -= 0.25
            reasons.append("The title is not a section name we know; its kind (\(note.kind.rawValue)) was guessed.")
        }
        if note.kind == .experience || note.kind == .education {
            if note.entries == 0 {
                confidence -= 0.4
                reasons.append("No entries were recognised.")
            } else if note.completeEntries < note.entries {
                confidence -= 0.3 * Double(note.entries - note.completeEntries) / Double(note.entries)
                reasons.append("\(note.entries - note.completeEntries) of \(note.entries) entries lack a title, an organisation or dates.")
            }
        }
        if !note.groupLabels.isEmpty {
            confidence -= min(0.15, 0.05 * Double(note.groupLabels.count))
            reasons.append("Sub-headings merged into this section: " + note.groupLabels.joined(separator: ", ") + ".")
        }
        if let section = resume.sections.first(where: { $0.title == note.title }), !ambiguous.isEmpty {
            let text = section.plainText
            if ambiguous.contains(where: { text.contains($0) }) {
                confidence -= 0.3
                reasons.append("Some of its text came from columns read in a guessed order.")
            }
        }
        return ImportReport.SectionConfidence(
            title: note.title, kind: note.kind, confidence: (max(0, confidence) * 100).rounded() / 100, notes: reasons
        )
    }

    private static func overall(_ sections: [ImportReport.SectionConfidence], notes: [StructureRecognizer.SectionNote]) -> Double {
        let weights = notes.map { Double(max(1, $0.lineCount)) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return 0.5 }
        return zip(sections, weights).reduce(0) { $0 + $1.0.confidence * $1.1 } / total
    }
}

extension ResumeSection {
    /// All text of the section, for looking things up in it.
    var plainText: String {
        switch content {
        case .summary(let text): return text
        case .lines(let lines): return lines.joined(separator: "\n")
        case .skills(let groups): return groups.flatMap(\.items).joined(separator: "\n")
        case .experience(let entries):
            return entries.flatMap { [$0.title, $0.employer ?? "", $0.description ?? ""] + $0.bullets }.joined(separator: "\n")
        case .education(let entries):
            return entries.flatMap { [$0.degree, $0.institution ?? ""] + $0.details }.joined(separator: "\n")
        }
    }
}

extension ImportWarning {
    static func ambiguousColumns(_ pages: [Int]) -> ImportWarning {
        ImportWarning(
            code: "ambiguous_columns",
            message: "\(pageList(pages).capitalizedFirst) \(pages.count == 1 ? "has" : "have") three or more columns of text side by side. "
                + "We read them from left to right; please check that the text of those columns is in the right order."
        )
    }

    static func pagesInTextOrder(_ pages: [Int]) -> ImportWarning {
        ImportWarning(
            code: "layout_unavailable",
            message: "The layout of \(pageList(pages)) could not be analysed, so its text was read in the order the PDF stores it. Please check it."
        )
    }

    static func excludedPages(_ pages: [Int]) -> ImportWarning {
        ImportWarning(
            code: "pages_excluded",
            message: "\(pageList(pages).capitalizedFirst) \(pages.count == 1 ? "looks" : "look") like a separate document (a cover letter) "
                + "and \(pages.count == 1 ? "was" : "were") not imported as part of the resume."
        )
    }

    static func lowConfidence(_ confidence: Double) -> ImportWarning {
        ImportWarning(
            code: "low_confidence",
            message: "We are not confident this resume was read correctly (confidence \(Int((confidence * 100).rounded()))%). "
                + "Please compare the text with your original before going on."
        )
    }

    private static func pageList(_ pages: [Int]) -> String {
        guard let first = pages.first else { return "no page" }
        if pages.count == 1 { return "page \(first)" }
        if let last = pages.last, pages == Array(first...last) { return "pages \(first)–\(last)" }
        return "pages " + pages.map(String.init).joined(separator: ", ")
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
