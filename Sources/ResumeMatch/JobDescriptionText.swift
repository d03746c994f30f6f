import Foundation

/// A job description split into lines, each tagged with the kind of section holding it.
struct JobDescriptionText: Sendable {
    struct Line: Sendable {
        let number: Int
        let text: String
        let tokens: [Token]
        let section: JDSectionKind
        let isHeading: Bool
        let isBullet: Bool
    }

    let lines: [Line]
    /// True when the text has explicit requirement or nice-to-have sections; then duties
    /// imply nice-to-haves and the title and intro are not requirements.
    let isStructured: Bool
    /// Index of the first non-empty line (the job title), if any.
    let titleIndex: Int?

    init(_ text: String, lexicon: Lexicon) {
        var lines: [Line] = []
        var section = JDSectionKind.intro
        for (i, raw) in ResumeText.splitLines(text).enumerated() {
            let tokens = Tokenizer.tokenize(raw)
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            let bullet = ResumeText.isBullet(trimmed)
            if !bullet, let kind = Self.headingKind(trimmed, tokens: tokens, lexicon: lexicon) {
                section = kind
                lines.append(Line(number: i + 1, text: raw, tokens: tokens, section: kind, isHeading: true, isBullet: false))
                continue
            }
            if !bullet, let inline = Self.inlineHeadingKind(trimmed, lexicon: lexicon) {
                // "Requirements: 5+ years of Go" opens a section and carries content.
                section = inline
            }
            lines.append(Line(number: i + 1, text: raw, tokens: tokens, section: section, isHeading: false, isBullet: bullet))
        }
        self.lines = lines
        self.isStructured = lines.contains { $0.isHeading && ($0.section == .must || $0.section == .nice) }
            || lines.contains { !$0.isHeading && $0.section == .must }
        self.titleIndex = lines.firstIndex { !$0.tokens.isEmpty }
    }

    private static func headingKind(_ trimmed: String, tokens: [Token], lexicon: Lexicon) -> JDSectionKind? {
        guard !tokens.isEmpty, tokens.count <= 7 else { return nil }
        let lowers = tokens.map(\.lower)
        for (kind, phrase) in lexicon.jdSectionPhrases where phrase == lowers { return kind }
        // A short line naming a term ("BLS certification required") is content, not a heading.
        if lexicon.scan(tokens).isEmpty, !tokens.contains(where: \.isNumeric),
           let kind = classify(lowers, lexicon: lexicon) {
            return kind
        }
        let isMarkdownHeading = trimmed.hasPrefix("#")
        let endsWithColon = trimmed.hasSuffix(":") || trimmed.hasSuffix(":**")
        // An unknown heading ("Our stack:") still ends the previous section.
        return (isMarkdownHeading || (endsWithColon && tokens.count <= 5)) ? .intro : nil
    }

    private static func inlineHeadingKind(_ trimmed: String, lexicon: Lexicon) -> JDSectionKind? {
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let lowers = Tokenizer.tokenize(String(trimmed[..<colon])).map(\.lower)
        guard !lowers.isEmpty, lowers.count <= 5 else { return nil }
        for (kind, phrase) in lexicon.jdSectionPhrases where phrase == lowers { return kind }
        return nil
    }

    /// Exact heading first, then a heading that starts with a known phrase, then one that
    /// contains it; within each pass nice-to-have wins over must-have ("Preferred qualifications").
    static func classify(_ lowers: [String], lexicon: Lexicon) -> JDSectionKind? {
        for (kind, phrase) in lexicon.jdSectionPhrases where phrase == lowers { return kind }
        for (kind, phrase) in lexicon.jdSectionPhrases where lowers.starts(with: phrase) { return kind }
        for (kind, phrase) in lexicon.jdSectionPhrases where phrase.count >= 1 && contains(lowers, phrase) { return kind }
        return nil
    }

    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { i in
            haystack[i..<(i + needle.count)].elementsEqual(needle)
        }
    }
}
