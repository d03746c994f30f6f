import ResumeKit

/// A job description as the extractor reads it: ResumeKit's reading of the posting's parts
/// (`JobPostingReader`), with each line's words tokenised for matching.
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
    /// True when the posting has an explicit requirements or nice-to-have part: then duties
    /// imply nice-to-haves and unplaced prose states nothing on its own.
    let isStructured: Bool

    init(_ text: String, lexicon: Lexicon) {
        lines = JobPostingReader.lines(text).map { line in
            Line(number: line.number, content: line.content, tokens: Tokenizer.tokenize(line.content),
                 part: line.part, isHeading: line.isHeading, isBullet: line.isBullet)
        }
        isStructured = lines.contains { ($0.part == .requirements || $0.part == .niceToHave) && !$0.tokens.isEmpty }
    }
}
