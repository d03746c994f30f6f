/// Finds a date or date range inside a line of resume text.
///
/// Reads the spellings resumes use: `Jan 2020 – Present`, `March 2021 – Present`, `2019-2021`,
/// `03/2018 – 06/2020`, `2018-03 to 2020-06`, `2020 — heute`, `enero de 2019 – actualidad`,
/// `depuis 2021`, `Since 2020`, `seit 2020`, `2019 – الآن`, `٢٠١٩ - ٢٠٢١`, `2020年4月 – 現在`,
/// `2018年3月～2020年6月`. The range's `text` is the exact substring, so rendering it never
/// changes what the author wrote; the remainder is the line without it.
///
/// The one date grammar of the project (ResumeMatch counts experience years with it).
enum DateRangeParser {
    struct Match {
        var range: DateRange
        /// The line with the date text removed and separators trimmed.
        var remainder: String
    }

    static func find(in line: String) -> Match? {
        let tokens = DateToken.tokenize(line)
        var index = 0
        while index < tokens.count {
            if let (match, _) = matchRange(tokens, at: index, in: line) { return match }
            index += 1
        }
        return nil
    }

    /// Every date or range in the line, left to right, none overlapping.
    static func findAll(in line: String) -> [DateRange] {
        let tokens = DateToken.tokenize(line)
        var found: [DateRange] = []
        var index = 0
        while index < tokens.count {
            if let (match, last) = matchRange(tokens, at: index, in: line) {
                found.append(match.range)
                index = last + 1
            } else {
                index += 1
            }
        }
        return found
    }

    // MARK: - Range grammar: [since] point [separator (point | present)]

    private static func matchRange(_ tokens: [DateToken], at start: Int, in line: String) -> (Match, Int)? {
        var index = start
        var opensOngoing = false
        if tokens[index].kind == .word, DateVocabulary.sinceWords.contains(tokens[index].bare) {
            opensOngoing = true
            index += 1
        }
        guard let first = point(tokens, at: index) else { return nil }
        var last = first.end
        var range = DateRange(text: "", start: first.value, end: nil, isCurrent: opensOngoing)
        if let separatorEnd = separator(tokens, at: first.end + 1) {
            if let second = point(tokens, at: separatorEnd + 1) {
                range.end = second.value
                last = second.end
            } else if let presentEnd = present(tokens, at: separatorEnd + 1) {
                range.isCurrent = true
                last = presentEnd
            }
        }
        if range.end == nil && !range.isCurrent {
            // A lone date ("2018", "May 2020") reads as when something ended: a graduation, a certificate.
            range.end = range.start
            range.start = nil
        }
        let lower = opensOngoing ? tokens[start].range.lowerBound : tokens[first.start].range.lowerBound
        let upper = tokens[last].range.upperBound
        range.text = String(line[lower..<upper])
        let remainder = (String(line[..<lower]).trimmingSeparatorsRight + " " + String(line[upper...]).trimmingSeparatorsLeft)
        return (Match(range: range, remainder: remainder.trimmingSeparators.collapsingWhitespace), last)
    }

    private struct Point {
        var value: YearMonth
        var start: Int
        var end: Int
    }

    /// One date: `Month [de|of|,] Year`, `MM/YYYY`, `MM.YYYY`, `YYYY-MM`, `YYYY/MM`,
    /// `YYYY年[M月]`, or `YYYY`.
    private static func point(_ tokens: [DateToken], at index: Int) -> Point? {
        guard index < tokens.count else { return nil }
        let token = tokens[index]
        var monthWord: (month: Int, last: Int)?
        if token.kind == .word, index + 1 < tokens.count, tokens[index + 1].kind == .word,
           let month = DateVocabulary.month(token.folded, tokens[index + 1].folded) {
            monthWord = (month, index + 1)
        } else if token.kind == .word, let month = DateVocabulary.month(token.folded) {
            monthWord = (month, index)
        }
        if let (month, last) = monthWord {
            var next = last + 1
            while next < tokens.count,
                  tokens[next].kind == .punctuation && (tokens[next].text == "," || tokens[next].text == ".")
                    || tokens[next].kind == .word && DateVocabulary.fillerWords.contains(tokens[next].folded) {
                next += 1
            }
            guard next < tokens.count, let year = year(tokens[next]) else { return nil }
            return Point(value: YearMonth(year: year, month: month), start: index, end: next)
        }
        guard token.kind == .number else { return nil }
        if let cjk = cjkPoint(tokens, at: index) { return cjk }
        // Numeric forms glue three tokens without spaces: 03/2018, 2018-03, 03.2018.
        if index + 2 < tokens.count, tokens[index + 1].isGlued, tokens[index + 2].isGlued,
           ["/", ".", "-"].contains(tokens[index + 1].text), tokens[index + 2].kind == .number {
            let a = token.text, b = tokens[index + 2].text
            if a.count <= 2, let month = Int(a), (1...12).contains(month), let year = year(tokens[index + 2]) {
                return Point(value: YearMonth(year: year, month: month), start: index, end: index + 2)
            }
            if let year = year(token), b.count <= 2, let month = Int(b), (1...12).contains(month) {
                return Point(value: YearMonth(year: year, month: month), start: index, end: index + 2)
            }
        }
        if let year = year(token) {
            return Point(value: YearMonth(year: year), start: index, end: index)
        }
        return nil
    }

    /// `2020年4月`, `2020年`: a year followed by 年, optionally a month followed by 月.
    private static func cjkPoint(_ tokens: [DateToken], at index: Int) -> Point? {
        guard let year = year(tokens[index]), index + 1 < tokens.count,
              tokens[index + 1].text == String(DateVocabulary.yearMark) else { return nil }
        if index + 3 < tokens.count, tokens[index + 2].kind == .number, tokens[index + 2].text.count <= 2,
           let month = Int(tokens[index + 2].text), (1...12).contains(month),
           tokens[index + 3].text == String(DateVocabulary.monthMark) {
            return Point(value: YearMonth(year: year, month: month), start: index, end: index + 3)
        }
        return Point(value: YearMonth(year: year), start: index, end: index + 1)
    }

    private static func year(_ token: DateToken) -> Int? {
        guard token.kind == .number, token.text.count == 4, let value = Int(token.text),
              (1950...2100).contains(value) else { return nil }
        return value
    }

    /// A dash or a range word; returns the index of its last token.
    private static func separator(_ tokens: [DateToken], at index: Int) -> Int? {
        guard index < tokens.count else { return nil }
        let token = tokens[index]
        if token.kind == .dash { return index }
        if token.kind == .word, DateVocabulary.rangeWords.contains(token.bare) { return index }
        return nil
    }

    /// "Present", "heute", "à ce jour", "a la fecha", "o momento", "to date"; returns its last index.
    private static func present(_ tokens: [DateToken], at index: Int) -> Int? {
        var next = index
        while next < tokens.count, tokens[next].kind == .word, DateVocabulary.fillerWords.contains(tokens[next].folded) {
            next += 1
        }
        guard next < tokens.count, tokens[next].kind == .word,
              DateVocabulary.presentWords.contains(tokens[next].bare) else { return nil }
        return next
    }
}

/// A token of a line for date scanning, with its place in the original string.
struct DateToken {
    enum Kind { case word, number, dash, punctuation }

    var kind: Kind
    var text: String
    var folded: String
    var range: Range<String.Index>
    /// `folded` without a trailing period ("present." → "present").
    var bare: String { folded.hasSuffix(".") ? String(folded.dropLast()) : folded }
    /// No whitespace before this token: "2018-03" is one date, "2018 - 03" is not.
    var isGlued: Bool

    static func tokenize(_ line: String) -> [DateToken] {
        var tokens: [DateToken] = []
        var index = line.startIndex
        var sawSpace = true
        while index < line.endIndex {
            let character = line[index]
            if character.isWhitespace {
                sawSpace = true
                index = line.index(after: index)
                continue
            }
            let (kind, end) = scan(line, from: index)
            // Arabic-Indic and full-width digits read as ASCII: "٢٠١٩" is 2019.
            let text = kind == .number ? asciiDigits(line[index..<end]) : String(line[index..<end])
            tokens.append(DateToken(kind: kind, text: text, folded: text.folded, range: index..<end, isGlued: !sawSpace))
            sawSpace = false
            index = end
        }
        return tokens
    }

    private static func scan(_ line: String, from start: String.Index) -> (Kind, String.Index) {
        let character = line[start]
        if digitValue(character) != nil {
            return (.number, advance(line, from: start) { digitValue($0) != nil })
        }
        let next = line.index(after: start)
        // 年 and 月 end a CJK date part; each is a token of its own ("2020年4月から" → 2020 年 4 月 から).
        if character == DateVocabulary.yearMark || character == DateVocabulary.monthMark { return (.word, next) }
        if character.isLetter {
            // Keep a trailing period with abbreviations ("Sept.") and apostrophes ("aujourd'hui").
            var end = advance(line, from: start) {
                ($0.isLetter || $0 == "'" || $0 == "’") && $0 != DateVocabulary.yearMark && $0 != DateVocabulary.monthMark
            }
            if end < line.endIndex, line[end] == "." { end = line.index(after: end) }
            return (.word, end)
        }
        if "-–—‒―~～〜－".contains(character) { return (.dash, next) }
        return (.punctuation, next)
    }

    /// The value of an ASCII, Arabic-Indic, Eastern Arabic-Indic or full-width digit.
    static func digitValue(_ character: Character) -> Int? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0x660...0x669: return Int(scalar.value - 0x660)
        case 0x6F0...0x6F9: return Int(scalar.value - 0x6F0)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: return nil
        }
    }

    private static func asciiDigits(_ digits: Substring) -> String {
        String(digits.compactMap { digitValue($0).map { Character(String($0)) } })
    }

    private static func advance(_ line: String, from start: String.Index, while matches: (Character) -> Bool) -> String.Index {
        var end = start
        while end < line.endIndex, matches(line[end]) { end = line.index(after: end) }
        return end
    }
}

private extension String {
    var trimmingSeparatorsRight: String {
        var result = Substring(self)
        while let last = result.last, last.isWhitespace || " ,;|·•–—-:/(".contains(last) { result = result.dropLast() }
        return String(result)
    }

    var trimmingSeparatorsLeft: String {
        var result = Substring(self)
        while let first = result.first, first.isWhitespace || " ,;|·•–—-:/)".contains(first) { result = result.dropFirst() }
        return String(result)
    }
}

extension DateRange {
    /// Every date and date range written in `line`, left to right, in the one grammar of
    /// ``DateRangeParser`` (every language it reads). A lone date ("2018") has only an `end`.
    public static func all(in line: String) -> [DateRange] {
        DateRangeParser.findAll(in: line)
    }
}
