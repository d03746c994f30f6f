/// Reads a job posting the way a recruiter skims it: the title lines at the top, headings that
/// open parts (in several languages, as lines of their own or inline: "Requirements: …"),
/// job-board metadata ("Company size:", "Likes: 0 Dislikes: 0"), and — where a paragraph has no
/// heading — its wording: an equal-opportunity sentence is legal text, "send your CV to …" is
/// about applying, "we offer …" lists benefits, "you have …" states requirements.
///
/// Every line of the input comes back, blank ones included, numbered as given, so callers can
/// quote line numbers. Deterministic and linear in the text.
public enum JobPostingReader {
    public static func lines(_ text: String) -> [JobPostingLine] {
        var state = State()
        let raw = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in raw.enumerated() {
            state.read(line.hasSuffix("\r") ? String(line.dropLast()) : String(line), number: index + 1)
        }
        return state.output
    }

    // MARK: Vocabulary, compiled once

    /// The wording cues, compiled once and read through one reference per line.
    struct Cues: Sendable {
        let legal = PhraseSet(JobPostingVocabulary.legalCues)
        let application = PhraseSet(JobPostingVocabulary.applicationCues)
        let benefits = PhraseSet(JobPostingVocabulary.benefitCues)
        let about = PhraseSet(JobPostingVocabulary.aboutCues)
        let nice = PhraseSet(JobPostingVocabulary.niceCues)
        let requirements = PhraseSet(JobPostingVocabulary.requirementCues)
        let responsibilities = PhraseSet(JobPostingVocabulary.responsibilityCues)
    }

    static let cues = Cues()

    /// Heading phrases as word lists, in match order.
    static let headingPhrases: [(JobDescription.SectionKind, [String], String)] = JobPostingVocabulary.headings.flatMap { kind, phrases in
        phrases.map { (kind, PhraseSet.words(normalize($0)), normalize($0)) }
    }

    /// The same phrases keyed by their words joined with spaces, first kind in match order
    /// winning, so classifying a heading is a few dictionary look-ups.
    static let headingIndex: (exact: [String: JobDescription.SectionKind], inner: [String: JobDescription.SectionKind]) = {
        var exact: [String: JobDescription.SectionKind] = [:]
        var inner: [String: JobDescription.SectionKind] = [:]
        for (kind, words, text) in headingPhrases {
            let key = words.joined(separator: " ")
            if exact[key] == nil { exact[key] = kind }
            // Metadata keys match whole headings only: "Role description" is not the "Role:" field.
            if kind != .metadata, inner[key] == nil, words.count >= 2 || text.count >= 8 { inner[key] = kind }
        }
        return (exact, inner)
    }()

    /// Two spaces in a row, on bytes (Foundation's substring search is costly per line).
    static func hasDoubleSpace(_ text: some StringProtocol) -> Bool {
        var previousWasSpace = false
        for byte in text.utf8 {
            let isSpace = byte == UInt8(ascii: " ")
            if isSpace && previousWasSpace { return true }
            previousWasSpace = isSpace
        }
        return false
    }

    private static let headingDecoration = Set(" \t:：*#【】[]()-–—|".unicodeScalars)

    /// Folded, typographic apostrophes made plain, so "What you’ll do" meets "what you'll do".
    static func normalize(_ text: String) -> String {
        // Most postings are ASCII: lower-casing is all the folding they need, and far cheaper.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.folded.replacingOccurrences(of: "’", with: "'")
    }

    /// The part a heading names: exact phrase first, then a heading starting with a phrase, then
    /// one containing a multi-word phrase ("Your key responsibilities in this role").
    /// Metadata keys match exactly only: "Role description" is not the "Role:" field.
    static func classify(_ heading: String) -> JobDescription.SectionKind? {
        var scalars = Substring(normalize(heading)).unicodeScalars
        while let first = scalars.first, headingDecoration.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, headingDecoration.contains(last) { scalars.removeLast() }
        let folded = String(scalars)
        let words = PhraseSet.words(folded)
        guard !words.isEmpty, words.count <= 12 else { return nil }
        let (exact, inner) = headingIndex
        if let kind = exact[words.joined(separator: " ")] { return kind }
        if folded.contains(where: PhraseSet.isUnspacedScript) {
            for (kind, _, text) in headingPhrases where kind != .metadata && (folded.hasPrefix(text) || folded.contains(text)) {
                return kind
            }
        }
        // Leading phrases, longest first, then phrases anywhere, first by position.
        for length in stride(from: min(words.count - 1, 5), through: 1, by: -1) {
            if let kind = exact[words[0..<length].joined(separator: " ")], kind != .metadata { return kind }
        }
        for start in 1..<max(words.count, 1) {
            for length in stride(from: min(words.count - start, 5), through: 1, by: -1) {
                if let kind = inner[words[start..<(start + length)].joined(separator: " ")] { return kind }
            }
        }
        return nil
    }

    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    // MARK: Reading state

    private struct State {
        var output: [JobPostingLine] = []
        var part: JobDescription.SectionKind = .header
        var headerLines = 0

        mutating func read(_ raw: String, number: Int) {
            let trimmed = JobPostingReader.trimmingSpaces(raw)
            guard !trimmed.isEmpty else {
                emit(number, raw, "", part, .position, heading: false, bullet: false)
                return
            }
            let bulletBody = BulletGlyphs.strip(trimmed) ?? BulletGlyphs.stripNumber(trimmed)
            let isBullet = bulletBody != nil
            let body = (bulletBody ?? trimmed).drop(while: { $0 == "#" })
            let unmarked = body.utf8.allSatisfy { !"*_[`\\".utf8.contains($0) } && !JobPostingReader.hasDoubleSpace(body)
            let plain = unmarked ? JobPostingReader.trimmingSpaces(String(body)) : MarkdownInline.plain(body.trimmed)
            if !isBullet, let kind = JobPostingReader.headingKind(trimmed, plain: plain) {
                part = kind
                emit(number, raw, plain, kind, .heading, heading: true, bullet: false)
                return
            }
            if let (kind, rest) = JobPostingReader.inlineHeading(plain) {
                // A "Key: value" fact is one line; a real heading opens a part.
                if kind != .metadata { part = kind }
                emit(number, raw, rest, kind, .heading, heading: false, bullet: isBullet)
                return
            }
            if JobPostingReader.isMetadataLine(plain) {
                emit(number, raw, plain, .metadata, .wording, heading: false, bullet: isBullet)
                return
            }
            if part == .header {
                if headerLines < 3, JobPostingReader.looksLikeHeaderLine(plain, first: headerLines == 0) {
                    headerLines += 1
                    emit(number, raw, plain, .header, .position, heading: false, bullet: isBullet)
                    return
                }
                part = .other
            }
            if part == .metadata, plain.wordCount > 6 || plain.hasSuffix(".") {
                // Metadata values are short; a sentence after them is the posting itself.
                part = .other
            }
            let (kind, evidence) = JobPostingReader.place(plain, under: part)
            emit(number, raw, plain, kind, evidence, heading: false, bullet: isBullet)
        }

        private mutating func emit(
            _ number: Int, _ text: String, _ content: String, _ part: JobDescription.SectionKind,
            _ evidence: JobPostingLine.Evidence, heading: Bool, bullet: Bool
        ) {
            output.append(JobPostingLine(
                number: number, text: text, content: content, part: part, evidence: evidence, isHeading: heading,
                isBullet: bullet))
        }
    }

    /// `raw` without leading and trailing spaces, tabs and no-break spaces; a plain scan, since
    /// Foundation's trimming costs more than the rest of a line's reading.
    static func trimmingSpaces(_ raw: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" || $0 == "\r" }
        guard let first = raw.firstIndex(where: { !isSpace($0) }), let last = raw.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(raw[first...last])
    }

    // MARK: Line tests

    /// A whole-line heading: a Markdown or bold heading, a short line ending in a colon, a short
    /// ALL CAPS line, or a short line that is a known heading phrase. Unknown headings open
    /// `.other`, which ends the part above.
    static func headingKind(_ trimmed: String, plain: String) -> JobDescription.SectionKind? {
        let words = plain.wordCount
        guard words > 0, words <= 8, !plain.hasSuffix("."), !plain.hasSuffix("?") || words <= 5 else { return nil }
        let markdown = trimmed.hasPrefix("#")
        let bold = (trimmed.hasPrefix("**") && trimmed.hasSuffix("**")) || (trimmed.hasPrefix("__") && trimmed.hasSuffix("__"))
        let colon = plain.hasSuffix(":") || plain.hasSuffix("：") || trimmed.hasSuffix(":**") || trimmed.hasSuffix("：**")
        let caps = plain.isAllCaps && words <= 6 && plain.count >= 4
        let known = classify(plain)
        if markdown || bold || colon || caps { return known ?? .other }
        // A bare line such as "Requirements" or "What we offer": exact or leading phrase, short.
        guard words <= 5, let kind = known else { return nil }
        let folded = PhraseSet.words(normalize(plain))
        let exact = headingIndex.exact
        let leading = (1...max(1, min(folded.count, 5))).contains { exact[folded.prefix($0).joined(separator: " ")] == kind }
        return leading ? kind : nil
    }

    /// "Requirements: 5+ years of Go" → (.requirements, "5+ years of Go").
    static func inlineHeading(_ plain: String) -> (JobDescription.SectionKind, String)? {
        guard let colon = plain.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let label = String(plain[..<colon])
        let rest = plain[plain.index(after: colon)...].trimmingCharacters(in: .init(charactersIn: " -–•"))
        guard !rest.isEmpty, label.wordCount <= 6, !label.contains(where: \.isNumber), !label.utf8.contains(UInt8(ascii: "/")) else { return nil }
        let key = normalize(label).trimmed
        if JobPostingVocabulary.metadataKeys.contains(key) { return (.metadata, rest) }
        guard let kind = classify(label) else { return nil }
        return (kind, rest)
    }

    /// Job-board facts: a known key with its value ("Date posted: 2021-07-14"), or a run of
    /// short "Key: value" pairs ("Likes: 0 Dislikes: 0 Love: 0").
    static func isMetadataLine(_ plain: String) -> Bool {
        // Each segment before a colon is "<previous value> <key>"; all must be short.
        let segments = plain.split(separator: ":", omittingEmptySubsequences: false).dropLast()
        return segments.count >= 2 && segments.allSatisfy { (1...4).contains($0.split(separator: " ").count) }
    }

    /// The title line (short, not a sentence) and up to two lines after it naming the company,
    /// the place or the address.
    static func looksLikeHeaderLine(_ plain: String, first: Bool) -> Bool {
        let words = plain.wordCount
        guard !plain.hasSuffix("."), !plain.hasSuffix("?"), !plain.hasSuffix("!") else { return false }
        if first { return words <= 14 }
        let folded = normalize(plain)
        let tokens = PhraseSet.words(folded)
        let cues = cues
        return words <= 8 && !cues.requirements.contains(in: tokens, line: folded)
            && !cues.responsibilities.contains(in: tokens, line: folded)
    }

    /// The part of a line without a heading of its own, from its wording and the part above.
    static func place(_ plain: String, under part: JobDescription.SectionKind) -> (JobDescription.SectionKind, JobPostingLine.Evidence) {
        let folded = normalize(plain)
        let words = PhraseSet.words(folded)
        let cues = cues
        if cues.legal.contains(in: words, line: folded) { return (.legal, .wording) }
        if cues.application.contains(in: words, line: folded) || ContactDetector.containsContact(plain) {
            return (.application, .wording)
        }
        switch part {
        case .requirements, .niceToHave, .responsibilities, .benefits, .legal, .application, .metadata:
            return (part, .position)
        case .about:
            // A company paragraph rarely says "you have"; when it does, it asks for something.
            let asks = cues.requirements.count(in: words, line: folded)
            return asks >= 2 ? (.requirements, .wording) : (.about, .position)
        case .other, .header:
            let scores: [(JobDescription.SectionKind, Int)] = [
                (.requirements, cues.requirements.count(in: words, line: folded)),
                (.responsibilities, cues.responsibilities.count(in: words, line: folded)),
                (.benefits, cues.benefits.count(in: words, line: folded)),
                (.about, cues.about.count(in: words, line: folded)),
            ]
            guard let best = scores.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return (.other, .position) }
            if best.0 == .requirements, cues.nice.contains(in: words, line: folded) { return (.niceToHave, .wording) }
            return (best.0, .wording)
        }
    }
}

/// E-mail addresses, web addresses and phone numbers, found without regular expressions (this
/// runs on every line of every analysis).
enum ContactDetector {
    static func containsContact(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var digits = 0
        for (i, b) in bytes.enumerated() {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if digits >= 8 { return true }
            case UInt8(ascii: " "), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."):
                break
            default:
                digits = 0
            }
            if b == UInt8(ascii: "@"), i > 0, isAlphanumeric(bytes[i - 1]), i + 1 < bytes.count, isLetter(bytes[i + 1]),
               bytes[(i + 1)...].contains(UInt8(ascii: ".")) {
                return true
            }
            if b == UInt8(ascii: ":"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "/"), bytes[i + 2] == UInt8(ascii: "/"),
               i >= 4, lowercase(bytes[i - 4..<i]) == "http" || (i >= 5 && lowercase(bytes[i - 5..<i]) == "https") {
                return true
            }
            if b == UInt8(ascii: "."), i >= 3, lowercase(bytes[i - 3..<i]) == "www", i == 3 || !isLetter(bytes[i - 4]) {
                return true
            }
        }
        return false
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    private static func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) }
    private static func lowercase(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes.map { $0 | 0x20 }, as: UTF8.self) }
}
