/// The lines above the first section heading: name, headline, contact details and, on many
/// resumes, an untitled summary paragraph.
struct HeaderBlock {
    var name = ""
    var headline: String?
    var contact: [String] = []
    var summary: [String] = []

    /// Titles some people put above their name.
    private static let documentTitles: Set<String> = [
        "resume", "curriculum vitae", "cv", "curriculum", "lebenslauf", "curriculo", "hoja de vida",
        "resume professionnel", "vita",
    ]

    static func read(_ lines: [SourceLine]) -> HeaderBlock {
        var block = HeaderBlock()
        var remaining = lines[...]
        while let first = remaining.first, documentTitles.contains(first.text.folded.trimmingSeparators) {
            remaining = remaining.dropFirst()
        }
        if let titleIndex = remaining.firstIndex(where: { $0.role == .title }) {
            block.name = remaining[titleIndex].text
            remaining.remove(at: titleIndex)
        } else if let first = remaining.first, !looksLikeContact(first.text) {
            block.name = first.text
            remaining = remaining.dropFirst()
        }
        let lines = Array(remaining)
        let contact = contactRun(lines)
        for (index, line) in lines.enumerated() {
            if contact[index] {
                block.contact += contactItems(line.text)
            } else {
                block.absorb(line)
            }
        }
        return block
    }

    /// Contact lines, and the short lines stacked with them in the same type ("street and
    /// number", "postcode city", "country" above a phone number): an address, not a summary.
    private static func contactRun(_ lines: [SourceLine]) -> [Bool] {
        var contact = lines.map { looksLikeContact($0.text) }
        func short(_ line: SourceLine) -> Bool { line.text.wordCount <= 4 && !line.text.hasSuffix(".") && line.role != .title }
        func sameType(_ a: SourceLine, _ b: SourceLine) -> Bool {
            guard let x = a.relativeSize, let y = b.relativeSize else { return false }
            return abs(x - y) < 0.03 && a.isItalic == b.isItalic
        }
        for _ in 0..<2 {
            for index in lines.indices where !contact[index] && short(lines[index]) {
                let neighbours = [index - 1, index + 1].filter { lines.indices.contains($0) && contact[$0] }
                if neighbours.contains(where: { sameType(lines[$0], lines[index]) }) { contact[index] = true }
            }
            for index in lines.indices.reversed() where !contact[index] && short(lines[index]) {
                let neighbours = [index - 1, index + 1].filter { lines.indices.contains($0) && contact[$0] }
                if neighbours.contains(where: { sameType(lines[$0], lines[index]) }) { contact[index] = true }
            }
        }
        return contact
    }

    private mutating func absorb(_ line: SourceLine) {
        let text = line.text
        if Self.looksLikeContact(text) {
            contact += Self.contactItems(text)
        } else if headline == nil && contact.isEmpty && summary.isEmpty && text.wordCount <= 10 && !text.hasSuffix(".") {
            headline = text
        } else if summary.isEmpty && text.wordCount <= 4 && text.contains(",") {
            // "Seattle, WA" on its own line: a place, not prose.
            contact += Self.contactItems(text)
        } else {
            summary.append(text)
        }
    }

    /// Email, phone, web profile, or a short line cut into parts by contact separators.
    static func looksLikeContact(_ text: String) -> Bool {
        let folded = text.folded
        if folded.contains("@") || folded.contains("http") || folded.contains("www.") { return true }
        if ["linkedin", "github", ".com", ".io", ".dev", ".org", ".net", ".de", ".es", ".fr", ".br"]
            .contains(where: { folded.contains($0) }) && text.wordCount <= 12 { return true }
        if text.filter(\.isNumber).count >= 7 && text.wordCount <= 12 { return true }
        return contactItems(text).count >= 2 && text.wordCount <= 16 && !text.hasSuffix(".")
    }

    /// Splits a contact line on the separators people use between items.
    static func contactItems(_ text: String) -> [String] {
        var working = text.replacingOccurrences(of: "\t", with: "|")
        for separator in [" · ", " | ", " • ", " ◦ ", " ⋅ ", " ∙ ", " ▪ ", " — ", " – ", " -- ", "   ", "  "] {
            working = working.replacingOccurrences(of: separator, with: "|")
        }
        return working.split(separator: "|").map { withoutScheme(String($0).trimmingSeparators) }.filter { !$0.isEmpty }
    }

    /// "mailto:ana@example.org" → "ana@example.org": link targets some templates print.
    private static func withoutScheme(_ item: String) -> String {
        for scheme in ["mailto:", "tel:", "callto:"] where item.lowercased().hasPrefix(scheme) {
            return String(item.dropFirst(scheme.count))
        }
        return item
    }
}
