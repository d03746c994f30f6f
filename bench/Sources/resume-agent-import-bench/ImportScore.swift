import Foundation
import ResumeKit

/// How close one import came to the expected structure: five parts, each 0…1, and their mean.
///
/// - name: the imported name equals the expected one (case and accents ignored).
/// - sections: F1 of the section titles. An imported "Summary" made from untitled text under the
///   name is not counted against the import (it has no heading to compare).
/// - entries: each expected entry is paired with at most one imported entry of a section with the
///   same title; a pair scores the share of organisation, title and start date (or dates text)
///   that match. The sum is divided by the larger of the expected and imported entry counts, so
///   split or merged entries cost as much as missing ones.
/// - bullets: the share of expected bullets found whole, as one line of the imported Markdown.
/// - furniture: the share of `absent` texts (and of the marks every import must drop: template
///   glyphs, icon-font leftovers, dotted leaders, soft hyphens, private-use characters) that
///   appear nowhere in the imported sections.
struct ImportScore {
    var name: Double
    var sections: Double
    var entries: Double
    var bullets: Double
    var furniture: Double
    var notes: [String]

    var total: Double { (name + sections + entries + bullets + furniture) / 5 }

    static let markThatMustNotSurvive: [String] = ["␣", "\\fa", ". . .", "\u{00AD}"]

    init(expected: ExpectedResume, imported: ImportedResume) {
        var notes: [String] = []
        let resume = imported.resume
        name = TextKey.loose(resume.name) == TextKey.loose(expected.name) ? 1 : 0
        if name == 0 { notes.append("name: got \"\(resume.name)\"") }
        sections = Self.sectionScore(expected: expected.sections, imported: resume.sections, notes: &notes)
        entries = Self.entryScore(expected: expected, resume: resume, notes: &notes)
        let body = Self.sectionsMarkdown(imported.markdown)
        bullets = Self.bulletScore(expected: expected.bullets, markdown: body, notes: &notes)
        furniture = Self.furnitureScore(absent: expected.absent, markdown: body, notes: &notes)
        self.notes = notes
    }

    // MARK: - Parts

    private static func sectionScore(expected: [String], imported: [ResumeSection], notes: inout [String]) -> Double {
        let wanted = expected.map(TextKey.loose)
        var got = imported.map { TextKey.loose($0.title) }
        if !wanted.contains("summary") { got.removeAll { $0 == "summary" } }
        var remaining = got
        var matched = 0
        for title in wanted {
            if let index = remaining.firstIndex(of: title) {
                remaining.remove(at: index)
                matched += 1
            } else {
                notes.append("section missing: \(title)")
            }
        }
        for extra in remaining { notes.append("section extra: \(extra)") }
        guard !wanted.isEmpty || !got.isEmpty else { return 1 }
        guard matched > 0 else { return 0 }
        let precision = Double(matched) / Double(got.count)
        let recall = Double(matched) / Double(wanted.count)
        return 2 * precision * recall / (precision + recall)
    }

    private struct FoundEntry {
        var organization: String
        var title: String
        var dates: DateRange?
    }

    private static func entryScore(expected: ExpectedResume, resume: Resume, notes: inout [String]) -> Double {
        guard !expected.entries.isEmpty else { return 1 }
        var total = 0.0
        var denominator = 0
        let sectionTitles = Array(Set(expected.entries.map { TextKey.loose($0.section) })).sorted()
        for title in sectionTitles {
            let wanted = expected.entries.filter { TextKey.loose($0.section) == title }
            var found = foundEntries(in: resume, sectionTitle: title)
            denominator += max(wanted.count, found.count)
            if found.count != wanted.count { notes.append("entries in \(title): expected \(wanted.count), got \(found.count)") }
            for entry in wanted {
                let scored = found.enumerated().map { ($0.offset, fieldScore(entry, $0.element)) }
                guard let best = scored.max(by: { $0.1 < $1.1 }) else { continue }
                total += best.1
                if best.1 < 1 {
                    let got = found[best.0]
                    notes.append("entry \(entry.title) / \(entry.organization): got \(got.title) / \(got.organization) / \(got.dates?.text ?? "-")")
                }
                found.remove(at: best.0)
            }
        }
        return denominator == 0 ? 1 : total / Double(denominator)
    }

    private static func foundEntries(in resume: Resume, sectionTitle: String) -> [FoundEntry] {
        resume.sections.filter { TextKey.loose($0.title) == sectionTitle }.flatMap { section -> [FoundEntry] in
            switch section.content {
            case .experience(let entries):
                return entries.map { FoundEntry(organization: $0.employer ?? "", title: $0.title, dates: $0.dates) }
            case .education(let entries):
                return entries.map { FoundEntry(organization: $0.institution ?? "", title: $0.degree, dates: $0.dates) }
            default:
                return []
            }
        }
    }

    private static func fieldScore(_ expected: ExpectedResume.Entry, _ found: FoundEntry) -> Double {
        var score = 0.0
        if TextKey.of(found.organization) == TextKey.of(expected.organization) { score += 1 }
        if TextKey.of(found.title) == TextKey.of(expected.title) { score += 1 }
        if let start = expected.start {
            let first = found.dates?.start ?? found.dates?.end
            if let first, render(first, like: start) == start { score += 1 }
        } else if let dates = expected.dates {
            if let text = found.dates?.text, TextKey.of(text) == TextKey.of(dates) { score += 1 }
        } else {
            score += 1
        }
        return score / 3
    }

    /// `2012-08` when the expected value has a month, `2012` when it has only a year.
    private static func render(_ value: YearMonth, like expected: String) -> String {
        guard expected.count > 4 else { return String(value.year) }
        guard let month = value.month else { return String(value.year) }
        return String(format: "%04d-%02d", value.year, month)
    }

    private static func bulletScore(expected: [String], markdown: String, notes: inout [String]) -> Double {
        guard !expected.isEmpty else { return 1 }
        var lines: [String: Int] = [:]
        for line in markdown.split(separator: "\n") {
            var text = String(line)
            for marker in ["- ", "### ", "* "] where text.hasPrefix(marker) { text = String(text.dropFirst(marker.count)) }
            lines[TextKey.of(text), default: 0] += 1
        }
        var found = 0
        for bullet in expected {
            let key = TextKey.of(bullet)
            if let count = lines[key], count > 0 {
                lines[key] = count - 1
                found += 1
            } else {
                notes.append("bullet missing: \(bullet.prefix(70))")
            }
        }
        return Double(found) / Double(expected.count)
    }

    private static func furnitureScore(absent: [String], markdown: String, notes: inout [String]) -> Double {
        let body = TextKey.of(markdown)
        var checks = absent.map { TextKey.of($0) }
        checks += markThatMustNotSurvive
        var clean = 0
        for check in checks {
            if body.contains(check) { notes.append("furniture present: \(check)") } else { clean += 1 }
        }
        let privateUse = markdown.unicodeScalars.contains { (0xE000...0xF8FF).contains($0.value) }
        if privateUse { notes.append("furniture present: private-use characters") } else { clean += 1 }
        return Double(clean) / Double(checks.count + 1)
    }

    /// The Markdown from the first section heading on: the header (name, contact) is scored by `name`.
    private static func sectionsMarkdown(_ markdown: String) -> String {
        guard let range = markdown.range(of: "\n## ") else { return "" }
        return String(markdown[range.lowerBound...])
    }
}
