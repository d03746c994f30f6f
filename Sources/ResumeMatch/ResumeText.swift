import Foundation

/// A light line model of a resume: each line with its section and layout role, plus tokens.
///
/// Accepts the canonical Markdown (`## Experience`, `### Title — Employer`, `- bullet`) and
/// plain text whose section headings are recognisable words ("EXPERIENCE", "Skills:").
struct ResumeText: Sendable {
    let lines: [ResumeLine]
    let tokens: [[Token]]
    let hasSections: Bool

    init(_ text: String, lexicon: Lexicon) {
        let rawLines = ResumeText.splitLines(text)
        var lines: [ResumeLine] = []
        var tokens: [[Token]] = []
        var section = ""
        var kind: ResumeSectionKind = .header
        var sawSection = false
        for (i, raw) in rawLines.enumerated() {
            let lineTokens = Tokenizer.tokenize(raw)
            var role = ResumeText.layoutRole(of: raw)
            if let heading = ResumeText.sectionHeading(raw, tokens: lineTokens, lexicon: lexicon, isFirstLine: lines.isEmpty) {
                section = heading.title
                kind = heading.kind
                role = .heading
                sawSection = true
            } else if role == .heading {
                // "# Name" before any section, or a "###" role header inside a section.
                role = sawSection ? .roleHeader : .heading
            }
            lines.append(ResumeLine(number: i + 1, text: raw, section: section, sectionKind: kind, role: role))
            tokens.append(lineTokens)
        }
        if !sawSection {
            // Plain text with no recognisable headings: every line may be evidence.
            lines = lines.map { ResumeLine(number: $0.number, text: $0.text, section: "", sectionKind: .other, role: $0.role) }
        }
        self.lines = lines
        self.tokens = tokens
        self.hasSections = sawSection
    }

    /// Lines that can support a claim: everything but blank lines and section headings. The
    /// name line counts: "Lee Morgan, CPA" states a credential.
    func isEvidenceLine(_ index: Int) -> Bool {
        let line = lines[index]
        if line.role == .blank { return false }
        return line.sectionKind == .header || line.role != .heading
    }

    static func splitLines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
    }

    static func layoutRole(of line: String) -> ResumeLine.Role {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .blank }
        if trimmed.hasPrefix("#") { return .heading }
        if isBullet(trimmed) { return .bullet }
        return .text
    }

    static func isBullet(_ trimmed: some StringProtocol) -> Bool {
        for marker in ["- ", "* ", "• ", "– ", "+ ", "· ", "▪ ", "◦ "] where trimmed.hasPrefix(marker) { return true }
        // "1. " / "2) " numbered items.
        let digits = trimmed.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2 else { return false }
        let rest = trimmed.dropFirst(digits.count)
        return rest.hasPrefix(". ") || rest.hasPrefix(") ")
    }

    /// A heading that opens a resume section, with its kind.
    private static func sectionHeading(
        _ raw: String, tokens: [Token], lexicon: Lexicon, isFirstLine: Bool
    ) -> (title: String, kind: ResumeSectionKind)? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !isBullet(trimmed), tokens.count <= 6 else { return nil }
        let hashes = trimmed.prefix { $0 == "#" }.count
        // "###" lines are role headers; "# Name" is the name unless it is a known section word.
        if hashes >= 3 { return nil }
        let title = stripMarkup(trimmed).trimmingCharacters(in: CharacterSet(charactersIn: ":").union(.whitespaces))
        let lowers = tokens.map(\.lower)
        if let kind = sectionKind(lowers, lexicon: lexicon) { return (title, kind) }
        if hashes == 2 { return (title, .other) }
        // Plain-text headings need to look like headings: ALL CAPS or ending with a colon.
        return nil
    }

    private static func sectionKind(_ lowers: [String], lexicon: Lexicon) -> ResumeSectionKind? {
        guard !lowers.isEmpty else { return nil }
        for (kind, phrase) in lexicon.resumeSectionPhrases where phrase == lowers { return kind }
        // "Professional Experience & Projects": the first recognised phrase at the start wins.
        for (kind, phrase) in lexicon.resumeSectionPhrases where lowers.count <= 4 && lowers.starts(with: phrase) {
            return kind
        }
        return nil
    }

    /// Removes Markdown heading marks, bullet markers and emphasis: the words a reader sees.
    static func stripMarkup(_ line: String) -> String {
        var s = Substring(line.trimmingCharacters(in: .whitespaces))
        while s.hasPrefix("#") { s = s.dropFirst() }
        s = Substring(s.trimmingCharacters(in: .whitespaces))
        if isBullet(s) {
            if let space = s.firstIndex(of: " ") { s = s[s.index(after: space)...] }
        }
        return s.replacingOccurrences(of: "**", with: "")
            .replacingOccurrences(of: "__", with: "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "*_ ").union(.whitespaces))
    }
}
