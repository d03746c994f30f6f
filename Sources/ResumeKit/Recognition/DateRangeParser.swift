/// Finds a date or date range inside a line of resume text.
///
/// Reads the spellings resumes use: `Jan 2020 – Present`, `March 2021 – Present`, `2019-2021`,
/// `03/2018 – 06/2020`, `2018-03 to 2020-06`, `2020 — heute`, `enero de 2019 – actualidad`,
/// `depuis 2021`, `Since 2020`. The range's `text` is the exact substring, so rendering it never
/// changes what the author wrote; the remainder is the line without it.
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
            if let match = matchRange(tokens, at: index, in: line) { return match }
            index += 1
        }
        return nil
    }

    // MARK: - Range grammar: [since] point [separator (point | present)]

    private static func matchRange(_ tokens: [DateToken], at start: Int, in line: String) -> Match? {
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
        return Match(range: range, remainder: remainder.trimmingSeparators.collapsingWhitespace)
    }

    private struct Point {
        var value: YearMonth
        var start: Int
        var end: Int
    }

    /// One date: `Month [de|of|,] Year`, `MM/YYYY`, `MM.YYYY`, `YYYY-MM`, `YYYY/MM`, or `YYYY`.
    private static func point(_ tokens: [DateToken], at index: Int) -> Point? {
        guard index < tokens.count else { return nil }
        let token = tokens[index]
        if token.kind == .word, let month = DateVocabulary.month(token.folded) {
            var next = index + 1
            while next < tokens.count,
                  tokens[next].kind == .punctuation && (tokens[next].text == "," || tokens[next].text == ".")
                    || tokens[next].kind == .word && DateVocabulary.fillerWords.contains(tokens[next].folded) {
                next += 1
            }
            guard next < tokens.count, let year = year(tokens[next]) else { return nil }
            return Point(value: YearMonth(year: year, month: month), start: index, end: next)
        }
        guard token.kind == .number else { return nil }
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
            let text = String(line[index..<end])
            tokens.append(DateToken(kind: kind, text: text, folded: text.folded, range: index..<end, isGlued: !sawSpace))
            sawSpace = false
            index = end
        }
        return tokens
    }

    private static func scan(_ line: String, from start: String.Index) -> (Kind, String.Index) {
        let character = line[start]
        if character.isNumber && character.isASCII {
            return (.number, advance(line, from: start) { $0.isNumber && $0.isASCII })
        }
        if character.isLetter {
            // Keep a trailing period with abbreviations ("Sept.") and apostrophes ("aujourd'hui").
            var end = advance(line, from: start) { $0.isLetter || $0 == "'" || $0 == "’" }
            if end < line.endIndex, line[end] == "." { end = line.index(after: end) }
            return (.word, end)
        }
        let next = line.index(after: start)
        if "-–—‒―~".contains(character) { return (.dash, next) }
        return (.punctuation, next)
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
