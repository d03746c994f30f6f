/// Reads employment date ranges from a tokenised line.
///
/// Handles "Jan 2020 – Present", "March 2021 – Present", "2019 – 2021", "03/2018 – 06/2020",
/// "2018-03 to 2020-06", month names in English, Spanish, German, French and Portuguese, and
/// "present" words in the same languages. A year without a month counts from mid-year, so
/// "2019 – 2021" is two years, neither rounded up nor down.
enum DateRangeParser {
    static func ranges(in tokens: [Token], line text: String, lineNumber: Int, now: YearMonth) -> [DateRange] {
        var result: [DateRange] = []
        var i = 0
        while i < tokens.count {
            guard let (start, afterStart) = date(in: tokens, at: i, now: now),
                  let connectorEnd = connector(in: tokens, at: afterStart) else {
                i += 1
                continue
            }
            if let (end, afterEnd) = date(in: tokens, at: connectorEnd, now: now), end >= start {
                result.append(makeRange(start, end, current: false, tokens, i, afterEnd, text, lineNumber))
                i = afterEnd
            } else if let afterEnd = presentWord(in: tokens, at: connectorEnd), now >= start {
                result.append(makeRange(start, now, current: true, tokens, i, afterEnd, text, lineNumber))
                i = afterEnd
            } else {
                i += 1
            }
        }
        return result
    }

    private static func makeRange(
        _ start: YearMonth, _ end: YearMonth, current: Bool, _ tokens: [Token], _ from: Int, _ to: Int,
        _ text: String, _ lineNumber: Int
    ) -> DateRange {
        let chars = Array(text)
        let lo = tokens[from].offset
        let hi = min(chars.count, tokens[to - 1].offset + tokens[to - 1].length)
        let quoted = lo < hi ? String(chars[lo..<hi]) : text
        return DateRange(start: start, end: end, isCurrent: current, text: quoted, line: lineNumber)
    }

    /// A date starting at token `i`: "March 2021", "Mar. 2021", "03/2018", "2018-03", "2019".
    static func date(in tokens: [Token], at i: Int, now: YearMonth) -> (YearMonth, Int)? {
        guard i < tokens.count else { return nil }
        let t = tokens[i]
        if let month = monthNames[t.lower] {
            var j = i + 1
            if j < tokens.count, ["de", "of", "del"].contains(tokens[j].lower) { j += 1 }
            if j < tokens.count, let year = year(tokens[j], now: now) { return (YearMonth(year: year, month: month), j + 1) }
            return nil
        }
        if t.isNumeric, t.lower.count <= 2, let month = Int(t.lower), (1...12).contains(month),
           i + 1 < tokens.count, ["/", ".", "-"].contains(tokens[i + 1].gapBefore),
           let year = year(tokens[i + 1], now: now) {
            return (YearMonth(year: year, month: month), i + 2)
        }
        if let year = year(t, now: now) {
            if i + 1 < tokens.count, tokens[i + 1].gapBefore == "-" || tokens[i + 1].gapBefore == "/",
               tokens[i + 1].isNumeric, tokens[i + 1].lower.count == 2,
               let month = Int(tokens[i + 1].lower), (1...12).contains(month) {
                return (YearMonth(year: year, month: month), i + 2)
            }
            return (YearMonth(year: year, month: 6), i + 1)
        }
        return nil
    }

    private static func year(_ token: Token, now: YearMonth) -> Int? {
        guard token.isNumeric, token.lower.count == 4, let y = Int(token.lower), y >= 1950, y <= now.year + 1 else { return nil }
        return y
    }

    /// The token index after a range connector ("–", "-", "to", "hasta", "bis"…), if one is here.
    private static func connector(in tokens: [Token], at i: Int) -> Int? {
        guard i < tokens.count else { return nil }
        if tokens[i].gapBefore.contains(where: { "–—‒-−".contains($0) }) { return i }
        if connectorWords.contains(tokens[i].lower) { return i + 1 }
        return nil
    }

    private static func presentWord(in tokens: [Token], at i: Int) -> Int? {
        guard i < tokens.count, presentWords.contains(tokens[i].lower) else { return nil }
        // "aujourd'hui" tokenises as "aujourd", "hui"; "to date" as "to", "date".
        if i + 1 < tokens.count, tokens[i + 1].lower == "hui" { return i + 2 }
        return i + 1
    }

    private static let connectorWords: Set<String> = ["to", "until", "till", "through", "hasta", "al", "a", "bis", "à", "au", "até"]

    private static let presentWords: Set<String> = Set(presentWordList.map(Tokenizer.normalize))

    private static let presentWordList: [String] = [
        "present", "current", "now", "today", "ongoing", "date", "actual", "actualidad", "presente", "hoy",
        "heute", "aktuell", "jetzt", "gegenwärtig", "dato", "présent", "aujourd", "maintenant", "atual",
        "atualmente", "momento", "oggi",
    ]

    static let monthNames: [String: Int] = {
        let names: [[String]] = [
            ["jan", "january", "ene", "enero", "januar", "jän", "janvier", "janv", "janeiro", "gennaio"],
            ["feb", "february", "febrero", "februar", "février", "févr", "fev", "fevereiro", "febbraio"],
            ["mar", "march", "marzo", "märz", "mars", "março"],
            ["apr", "april", "abr", "abril", "avril", "avr", "aprile"],
            ["may", "mayo", "mai", "maio", "maggio"],
            ["jun", "june", "junio", "juni", "juin", "junho", "giugno"],
            ["jul", "july", "julio", "juli", "juillet", "juil", "julho", "luglio"],
            ["aug", "august", "ago", "agosto", "août", "aout"],
            ["sep", "sept", "september", "septiembre", "setiembre", "septembre", "set", "setembro", "settembre"],
            ["oct", "october", "octubre", "oktober", "okt", "octobre", "out", "outubro", "ottobre"],
            ["nov", "november", "noviembre", "novembre", "novembro"],
            ["dec", "december", "dic", "diciembre", "dezember", "dez", "décembre", "déc", "dezembro", "dicembre"],
        ]
        var map: [String: Int] = [:]
        for (index, group) in names.enumerated() { for name in group { map[Tokenizer.normalize(name)] = index + 1 } }
        return map
    }()
}
