import Foundation

/// Splits one line into `Token`s on word boundaries.
///
/// Letters and digits make words; hyphens, slashes and dots split them ("time-series" →
/// time, series; "CI/CD" → ci, cd), so aliases are written the same way and both spellings
/// meet. A few technical spellings survive intact: "C++", "C#", ".NET", "R&D", "P&L".
/// A possessive "'s" is dropped so "Bachelor's" is "bachelor".
///
/// Works on Unicode scalars (offsets and lengths too: quote with `Tokenizer.quote`), which is
/// several times faster than Characters and splits the same way for the scripts resumes use.
enum Tokenizer {
    static func tokenize(_ line: String) -> [Token] {
        let scalars = Array(line.unicodeScalars)
        var tokens: [Token] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var gap = ""
        var sentenceStart = true
        var i = 0

        func flush(at end: Int) {
            guard !current.isEmpty else { return }
            let raw = String(current)
            let lower = normalize(raw)
            let hasLower = raw.unicodeScalars.contains { $0.properties.isLowercase }
            tokens.append(Token(
                raw: raw, lower: lower, stem: Stemmer.stem(lower), key: hasLower ? TermKey.of(lower) : lower,
                gapBefore: gap, offset: start, length: end - start, isSentenceStart: sentenceStart))
            current = String.UnicodeScalarView()
            gap = ""
            sentenceStart = false
        }

        while i < scalars.count {
            let c = scalars[i]
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            let prev: Unicode.Scalar? = i > 0 ? scalars[i - 1] : nil
            if isWordScalar(c) {
                if current.isEmpty { start = i }
                current.append(c)
            } else if isApostrophe(c), !current.isEmpty, next == "s" || next == "S",
                      !(i + 2 < scalars.count && isWordScalar(scalars[i + 2])) {
                // Possessive: "Bachelor's" reads as "bachelor".
                flush(at: i)
                i += 2
                continue
            } else if c == "+" || c == "#", let first = current.first, first.properties.isAlphabetic, current.count <= 2 {
                current.append(c)  // C++, C#, F#
            } else if c == "&", !current.isEmpty, current.count <= 3, next.map(isLetter) == true {
                current.append(c)  // R&D, P&L, M&A, FP&A
            } else if c == ".", current.isEmpty, next.map(isLetter) == true,
                      prev.map { !isWordScalar($0) } ?? true, followedByWord(scalars, from: i + 1, equalTo: "net") {
                start = i
                current.append(c)  // .NET
            } else {
                flush(at: i)
                gap.unicodeScalars.append(c)
                if ".!?:;•·".unicodeScalars.contains(c), next == nil || next == " " || c == "•" || c == "·" {
                    sentenceStart = true
                }
            }
            i += 1
        }
        flush(at: scalars.count)
        return tokens
    }

    /// The text a token range covers in `line`, exactly as written.
    static func quote(_ line: String, _ tokens: [Token], _ range: Range<Int>) -> String {
        guard !range.isEmpty, range.upperBound <= tokens.count else { return "" }
        let scalars = Array(line.unicodeScalars)
        let lo = tokens[range.lowerBound].offset
        let hi = tokens[range.upperBound - 1].offset + tokens[range.upperBound - 1].length
        guard lo < hi, hi <= scalars.count else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        return String(view)
    }

    /// Lower-case without diacritics, so "conciliación" meets "conciliaciones" and "Inglés"
    /// meets "ingles". ASCII words (most of them) skip the costly folding.
    static func normalize(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        return word.lowercased().folding(options: .diacriticInsensitive, locale: nil)
    }

    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") }
        let p = c.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z")) : c.properties.isAlphabetic
    }

    private static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "’" }

    private static func followedByWord(_ scalars: [Unicode.Scalar], from index: Int, equalTo word: String) -> Bool {
        let w = Array(word.unicodeScalars)
        guard index + w.count <= scalars.count else { return false }
        for k in 0..<w.count where Character(scalars[index + k]).lowercased() != String(w[k]) { return false }
        let after = index + w.count
        return after == scalars.count || !isWordScalar(scalars[after])
    }
}
