/// "5+ years", "at least 3 years", "2-4 years", "3 años", "5 Jahre", "cinq ans": a number of years.
struct YearsPhrase: Sendable, Equatable {
    let years: Int
    let tokenRange: Range<Int>

    static func find(in tokens: [Token]) -> YearsPhrase? {
        for i in tokens.indices {
            guard let n = number(tokens[i]), n >= 1, n <= 40 else { continue }
            var j = i + 1
            // "2-4 years" / "2 to 4 years": the lower bound is the requirement.
            if j < tokens.count, tokens[j].isNumeric, tokens[j].gapBefore.contains(where: { "-–".contains($0) }) { j += 1 }
            if j + 1 < tokens.count, ["to", "a", "bis"].contains(tokens[j].lower), number(tokens[j + 1]) != nil { j += 2 }
            if j < tokens.count, ["full", "plus"].contains(tokens[j].lower) { j += 1 }
            if j < tokens.count, yearWords.contains(tokens[j].lower), !isTimeFrame(tokens, i, j) {
                return YearsPhrase(years: n, tokenRange: i..<(j + 1))
            }
        }
        return nil
    }

    /// "Over the next ten years", "a period of three years", "a 5-year contract", "two years
    /// ago": a span of time the posting talks about, not experience it asks for.
    private static func isTimeFrame(_ tokens: [Token], _ i: Int, _ j: Int) -> Bool {
        let before = tokens[max(0, i - 3)..<i].map(\.lower)
        if before.contains(where: { timeFrameBefore.contains($0) }) { return true }
        guard j + 1 < tokens.count else { return false }
        return timeFrameAfter.contains(tokens[j + 1].lower)
    }

    private static let timeFrameBefore: Set<String> = [
        "next", "past", "last", "coming", "period", "term", "duration", "within", "after", "first", "initial",
    ]
    private static let timeFrameAfter: Set<String> = [
        "ago", "old", "contract", "period", "term", "fellowship", "position", "appointment", "plan", "programme", "program",
        "project", "stipend", "grant", "warranty", "guarantee", "anniversary", "running",
    ]

    private static func number(_ token: Token) -> Int? {
        if token.isNumeric { return Int(token.lower) }
        return normalizedNumberWords[token.lower]
    }

    private static let yearWords: Set<String> = Set(yearWordList.map(Tokenizer.normalize))

    private static let yearWordList: [String] = [
        "year", "years", "yrs", "yr", "año", "años", "anos", "ano", "jahr", "jahre", "jahren", "an", "ans", "années", "anni",
    ]

    private static let normalizedNumberWords: [String: Int] = Dictionary(
        numberWords.map { (Tokenizer.normalize($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })

    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
        "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
        "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
        "três": 3, "quatro": 4,
    ]
}
