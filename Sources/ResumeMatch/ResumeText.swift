import Foundation
import ResumeKit

/// The resume as the matcher reads it: ResumeKit's model of it (`ResumeParser`, one section
/// lexicon, one date grammar) laid over the text's own lines, so evidence can quote a line
/// exactly and name its number, and rewrites can replace lines.
///
/// Sections come from the model: each section the recognizer found is placed at the line that
/// carries its heading. Nothing here decides what a section is.
struct ResumeText: Sendable {
    let lines: [ResumeLine]
    let tokens: [[Token]]
    /// ResumeKit's reading of the same text.
    let model: Resume
    /// True when at least one section heading was found.
    let hasSections: Bool

    init(_ text: String) {
        let model = ResumeParser.parse(markdown: text)
        let titles = model.sections.map { (key: Self.headingKey($0.title), title: $0.title, kind: $0.kind) }
        var lines: [ResumeLine] = []
        var tokens: [[Token]] = []
        var next = 0
        var section = ""
        var kind: ResumeSection.Kind?
        for (i, raw) in Self.splitLines(text).enumerated() {
            var role = Self.layoutRole(of: raw)
            let key = role == .bullet || role == .blank ? "" : Self.headingKey(Self.stripMarkup(raw))
            if !key.isEmpty, let found = titles[next...].firstIndex(where: { $0.key == key }) {
                section = titles[found].title
                kind = titles[found].kind
                role = .heading
                next = found + 1
            } else if role == .heading {
                // "# Name" above the sections, or a "###" role header inside one.
                role = kind == nil ? .heading : .roleHeader
            }
            lines.append(ResumeLine(number: i + 1, text: raw, section: section, sectionKind: kind, role: role))
            tokens.append(Tokenizer.tokenize(Self.blankingAddresses(raw)))
        }
        self.lines = lines
        self.tokens = tokens
        self.model = model
        self.hasSections = next > 0
    }

    /// Lines that can support a claim: everything but blank lines and section headings. The
    /// name line counts: "Lee Morgan, CPA" states a credential.
    func isEvidenceLine(_ index: Int) -> Bool {
        let line = lines[index]
        if line.role == .blank { return false }
        return line.sectionKind == nil || line.role != .heading
    }

    /// The line with e-mail and web addresses blanked out (same length, so token offsets still
    /// quote the original): "github.com/alex-dev" proves neither GitHub nor anything else.
    static func blankingAddresses(_ line: String) -> String {
        // Cheap byte test first: only lines with "@" or a dot followed by a letter can hold one.
        let bytes = Array(line.utf8)
        let candidate = bytes.contains(UInt8(ascii: "@")) || bytes.indices.dropLast().contains {
            bytes[$0] == UInt8(ascii: ".") && (bytes[$0 + 1] | 0x20) >= 97 && (bytes[$0 + 1] | 0x20) <= 122
        }
        guard candidate else { return line }
        var out = String.UnicodeScalarView()
        for chunk in line.unicodeScalars.split(separator: " ", omittingEmptySubsequences: false) {
            let text = String(String.UnicodeScalarView(chunk))
            let isAddress = text.contains("@") || text.contains("://") || text.hasPrefix("www.")
                || [".com", ".io/", ".org", ".net/", ".dev/"].contains { text.contains($0) }
            if !out.isEmpty { out.append(" ") }
            if isAddress { out.append(contentsOf: Array(repeating: " ", count: chunk.count)) } else { out.append(contentsOf: chunk) }
        }
        return String(out)
    }

    /// Comparable form of a heading: folded letters and digits, single spaces.
    static func headingKey(_ text: String) -> String {
        // Plain ASCII (most headings) folds by lower-casing; Foundation's folding is costly.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let words = text.utf8.split { !(($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7a)) }
            return words.map { String(decoding: $0.map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }, as: UTF8.self) }
                .joined(separator: " ")
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).joined(separator: " ")
    }

    static func splitLines(_ text: String) -> [String] {
        TextLines.split(text)
    }

    static func layoutRole(of line: String) -> ResumeLine.Role {
        let trimmed = trimming(Substring(line), also: [])
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

    /// Removes Markdown heading marks, bullet markers and emphasis: the words a reader sees.
    static func stripMarkup(_ line: String) -> String {
        var s = trimming(Substring(line), also: [])
        while s.hasPrefix("#") { s = s.dropFirst() }
        s = trimming(s, also: [])
        if isBullet(s) {
            if let space = s.firstIndex(of: " ") { s = s[s.index(after: space)...] }
        }
        guard s.contains(where: { $0 == "*" || $0 == "_" }) else { return String(s) }
        let plain = s.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        return String(trimming(Substring(plain), also: ["*", "_"]))
    }

    /// `text` without leading and trailing spaces (and the characters in `also`), without
    /// Foundation's trimming, which costs more than reading the line.
    static func trimming(_ text: Substring, also: Set<Character>) -> Substring {
        let drop: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" || $0.isWhitespace || also.contains($0) }
        guard let first = text.firstIndex(where: { !drop($0) }), let last = text.lastIndex(where: { !drop($0) }) else {
            return text[text.endIndex...]
        }
        return text[first...last]
    }
}
