import ResumeKit

/// A job description as the extractor reads it: ResumeKit's reading of the posting's parts
/// (`JobPostingReader`), with each line's words tokenised for matching. Lines that ran together
/// are first broken at the headings inside them (`RunOnLines`); each piece keeps the number of
/// the line it came from, so `jd_line` still points into the text the user gave.
struct PostingText: Sendable {
    struct Line: Sendable {
        let number: Int
        /// The line's words without bullet, Markdown or inline heading: what is quoted as `jd_text`.
        let content: String
        let tokens: [Token]
        let part: JobDescription.SectionKind
        let isHeading: Bool
        let isBullet: Bool

        /// A content line of a part that can state requirements.
        var mayStateRequirements: Bool { !isHeading && !tokens.isEmpty && part.statesRequirements }
    }

    let lines: [Line]

    /// Words of a sentence about applying: what ResumeKit's wording cues mean by "application".
    static let applyingWords: Set<String> = [
        "application", "applications", "apply", "applying", "cv", "cvs", "resume", "letter", "deadline", "contact",
        "interview", "interviews", "email", "mail", "submit", "send", "recruitment", "recruiting", "hiring", "process",
        "questions", "information", "hearing", "forward", "bewerbung", "candidature", "candidatura", "postuler",
    ]

    private static func isAboutApplying(_ tokens: [Token], _ content: String) -> Bool {
        // One "apply" alone is the verb; applying needs one more word of the kind, or a contact.
        tokens.filter { applyingWords.contains($0.lower) }.count >= 2 || content.contains("@") || content.contains("://")
            || content.contains("www.") || tokens.filter(\.isNumeric).map(\.raw.count).reduce(0, +) >= 8
    }
    /// True when the posting has an explicit requirements or nice-to-have part: then duties
    /// imply nice-to-haves and unplaced prose states nothing on its own.
    let isStructured: Bool

    init(_ text: String, lexicon: Lexicon) {
        let segments = RunOnLines.segments(text, lexicon: lexicon)
        var lines: [Line] = []
        var partAbove = JobDescription.SectionKind.other
        for line in JobPostingReader.lines(segments.map(\.text).joined(separator: "\n")) {
            let segment = segments[line.number - 1]
            // Most lines reach ResumeKit's reading unchanged; only reworded ones are tokenised again.
            let tokens = line.content == segment.text ? segment.tokens : Tokenizer.tokenize(line.content)
            var part = line.part
            if part == .application, line.evidence == .wording, !line.isHeading, !Self.isAboutApplying(tokens, line.content) {
                // "Your main responsibilities will be to apply and implement…": the verb "apply", not applying.
                part = partAbove
            } else if !tokens.isEmpty || line.isHeading {
                partAbove = part
            }
            lines.append(Line(number: segment.line, content: line.content, tokens: tokens, part: part,
                              isHeading: line.isHeading, isBullet: line.isBullet))
        }
        self.lines = lines
        isStructured = lines.contains { ($0.part == .requirements || $0.part == .niceToHave) && !$0.tokens.isEmpty }
    }
}

extension GapAnalyzer {
    /// How the analysis reads a posting: each piece of text (a line, or part of a line that ran
    /// together with the next part) with its line number and the part it was placed in. For
    /// explaining a report and for the quality harness's dumps.
    public func readPosting(_ jobDescription: String) -> [(line: Int, part: JobDescription.SectionKind, text: String)] {
        PostingText(jobDescription, lexicon: lexicon).lines.map { ($0.number, $0.part, ($0.isHeading ? "# " : "") + $0.content) }
    }
}
