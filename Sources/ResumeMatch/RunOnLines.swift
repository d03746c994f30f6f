import ResumeKit

/// Breaks a line at the headings written inside it, as a recruiter's eye does when a page was
/// pasted without its line breaks: "Senior Java Developer NordPay Berlin Date posted: 2021-07-16
/// Likes: 0 Job type: Full-time … Technologies java tdd Job description We are looking for …
/// Requirements: …" is a title, job-board facts, a stack, a description and requirements, not
/// one sentence whose contact details make all of it "how to apply". Likewise a heading glued
/// to the first sentence of its part ("RESPONSIBILITIES Develop and implement…", "We offer A
/// highly interesting…").
///
/// Which words are headings is ResumeKit's one posting vocabulary, asked through
/// `JobPostingReader` itself, so both read the same headings in the same languages. A break is
/// made only where the layout shows a heading:
/// - a known heading or job-board key directly before a colon ("Job type:", "Your profile:");
/// - a known heading followed by a capitalised word that starts the next sentence ("Job
///   description We are…"), written in capitals, or followed by known tools ("Technologies java
///   tdd"); mid-line only in long lines, where sentences have run together.
enum RunOnLines {
    /// A piece of an original line: its 1-based line number and its text.
    struct Segment: Sendable {
        let line: Int
        let text: String
        /// The words of `text`, so the posting is tokenised once.
        let tokens: [Token]
    }

    /// ResumeKit's reading of heading phrases, asked once per phrase and posting: the same
    /// capitalised words come up at the start of many lines.
    private final class HeadingMemo {
        var kinds: [String: JobDescription.SectionKind?] = [:]
        var keys: [String: Bool] = [:]

        func kind(_ phrase: String) -> JobDescription.SectionKind? {
            if let known = kinds[phrase] { return known }
            let kind = RunOnLines.headingKind(phrase)
            kinds[phrase] = kind
            return kind
        }

        func isKey(_ label: String) -> Bool {
            if let known = keys[label] { return known }
            let key = RunOnLines.isKnownKey(label)
            keys[label] = key
            return key
        }
    }

    /// Lines shorter than this are real lines; only run-together text is broken mid-line.
    static let runOnTokens = 25
    /// Headings are at most this many words.
    static let maxHeadingWords = 6

    static func segments(_ text: String, lexicon: Lexicon) -> [Segment] {
        var result: [Segment] = []
        let memo = HeadingMemo()
        for (index, line) in TextLines.split(text).enumerated() {
            let tokens = Tokenizer.tokenize(line)
            let cuts = tokens.count < 3 ? [] : breaks(tokens, lexicon: lexicon, memo: memo)
            guard !cuts.isEmpty else {
                result.append(Segment(line: index + 1, text: line, tokens: tokens))
                continue
            }
            let scalars = Array(line.unicodeScalars)
            var start = 0
            for cut in cuts + [scalars.count] where cut > start {
                var piece = String.UnicodeScalarView()
                piece.append(contentsOf: scalars[start..<cut])
                let text = String(piece).trimmingSpaces
                if !text.isEmpty { result.append(Segment(line: index + 1, text: text, tokens: Tokenizer.tokenize(text))) }
                start = cut
            }
        }
        return result
    }

    /// Scalar offsets to break the line at, ascending.
    private static func breaks(_ tokens: [Token], lexicon: Lexicon, memo: HeadingMemo) -> [Int] {
        var cuts = Set<Int>()
        // Keys before colons: the shortest run of words ending at the colon that is a heading or
        // a job-board key ("Real Estate Company size:" breaks before "Company").
        var keyWords = Array(repeating: false, count: tokens.count)
        for c in 1..<tokens.count where tokens[c].gapBefore.hasPrefix(":") || tokens[c].gapBefore.hasPrefix(" :") {
            for length in 1...min(maxHeadingWords, c) {
                let first = c - length
                let phrase = tokens[first..<c]
                guard phrase.allSatisfy(\.isAlphabetic), phrase.dropFirst().allSatisfy({ $0.gapBefore == " " }) else { break }
                guard tokens[first].isCapitalized, memo.isKey(words(tokens, first, length)) else { continue }
                if first > 0 { cuts.insert(tokens[first].offset) }
                for k in first..<c { keyWords[k] = true }
                break
            }
        }
        // Mid-line headings are looked for where sentences ran together: in long lines, after a
        // sentence ends, and anywhere in a line that already showed job-board keys.
        let runOn = tokens.count >= runOnTokens
        let hasKeys = keyWords.contains(true)
        // Whether each word alone is a known tool, looked up once per line.
        var toolFlags = [Bool?](repeating: nil, count: tokens.count)
        let isTool: (Int) -> Bool = { k in
            if let known = toolFlags[k] { return known }
            let tool = lexicon.scan([tokens[k]]).contains { lexicon.category($0.entry) == .tool }
            toolFlags[k] = tool
            return tool
        }
        var i = 0
        while i < tokens.count {
            guard !keyWords[i], tokens[i].isCapitalized, tokens[i].isAlphabetic,
                  i == 0 || (runOn && (hasKeys || endsSentence(tokens[i].gapBefore))),
                  let length = gluedHeading(tokens, at: i, isTool: isTool, memo: memo) else {
                i += 1
                continue
            }
            if i > 0 { cuts.insert(tokens[i].offset) }
            cuts.insert(tokens[i + length].offset)
            i += length
        }
        return cuts.sorted()
    }

    /// "Job description We are…", "About the role We…", "WHAT YOU WILL DO Work on…",
    /// "Technologies java tdd": the shortest run of words from `i` that ResumeKit reads as a
    /// heading, carried on over the lower-case words that finish it ("About" + "the role"), and
    /// laid out as a heading: followed by a new sentence, written in capitals, or followed by tools.
    private static func gluedHeading(
        _ tokens: [Token], at i: Int, isTool: (Int) -> Bool, memo: HeadingMemo
    ) -> Int? {
        // Where the heading could end: before the next capitalised word (a new sentence), before
        // a known tool (a stack list), or — written in capitals — before the first word that is not.
        let shouted = tokens[i].isAcronym && tokens[i].raw.count >= 3
        var end = i + 1
        while end < tokens.count, end - i <= maxHeadingWords, tokens[end].gapBefore == " ", tokens[end].isAlphabetic {
            let next = tokens[end]
            let boundary = shouted ? !(next.isAcronym || next.raw.count == 1)
                : (next.isCapitalized && !next.isAcronym) || isTool(end)
            if boundary {
                if let length = heading(tokens, i, end, shouted: shouted, isTool: isTool, memo: memo) { return length }
                if shouted { return nil }
            }
            end += 1
        }
        return nil
    }

    /// Whether `tokens[i..<end]` is a heading: ResumeKit reads a leading part of it as one, the
    /// rest are the small words headings are made of ("About" + "the role"), and what follows
    /// fits it.
    private static func heading(
        _ tokens: [Token], _ i: Int, _ end: Int, shouted: Bool, isTool: (Int) -> Bool, memo: HeadingMemo
    ) -> Int? {
        guard let kind = memo.kind(words(tokens, i, end - i)), kind != .other else { return nil }
        var lead = end - i
        if !shouted {
            // The shortest leading phrase that is a heading; what follows it must be filler.
            for l in 1..<(end - i) where memo.kind(words(tokens, i, l)).map({ $0 != .other }) == true {
                lead = l
                break
            }
            guard lead == end - i || tokens[(i + lead)..<end].allSatisfy({ headingFillers.contains($0.lower) && !$0.isCapitalized })
            else { return nil }
        }
        let next = tokens[end]
        if next.gapBefore.contains(":") { return nil }
        let startsSentence = next.isCapitalized && !next.isAcronym
        // A tool list only follows a heading that asks for skills ("Technologies java tdd").
        let startsToolList = (kind == .requirements || kind == .niceToHave) && isTool(end)
        guard shouted || startsSentence || startsToolList else { return nil }
        // One capitalised word inside a sentence is as likely a name ("an Application Support
        // Specialist"): mid-line it needs a sentence end before it, capitals or a tool list after.
        if end - i == 1, i > 0, !shouted, !startsToolList,
           !endsSentence(tokens[i].gapBefore) { return nil }
        return end - i
    }

    /// Whether the gap before a word holds a sentence end or a list separator.
    private static func endsSentence(_ gap: String) -> Bool {
        gap.unicodeScalars.contains { sentenceEnds.contains($0) }
    }

    private static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "?", ";", "•", "·", "|"]

    /// Lower-case words that finish a heading phrase ("about the role", "what you will do").
    private static let headingFillers: Set<String> = [
        "the", "a", "an", "us", "you", "we", "our", "your", "to", "of", "and", "for", "in", "this", "role", "position",
        "job", "team", "company", "will", "do", "be", "doing", "bring", "need", "offer", "are", "is", "looking", "what",
        "who", "get", "can", "expect", "have", "ll", "re", "ideal", "candidate", "profile", "skills", "tasks",
    ]

    private static func words(_ tokens: [Token], _ i: Int, _ length: Int) -> String {
        tokens[i..<(i + length)].map(\.raw).joined(separator: " ")
    }

    /// The part a line holding only `phrase` opens, by ResumeKit's reading.
    fileprivate static func headingKind(_ phrase: String) -> JobDescription.SectionKind? {
        guard let line = JobPostingReader.lines(phrase).first, line.isHeading else { return nil }
        return line.part
    }

    /// Whether "`label`: …" is read as a heading or a job-board fact.
    fileprivate static func isKnownKey(_ label: String) -> Bool {
        guard let line = JobPostingReader.lines(label + ": x").first else { return false }
        return line.evidence == .heading && line.part != .other
    }
}

private extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
