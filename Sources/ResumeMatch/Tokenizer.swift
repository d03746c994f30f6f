import Foundation

/// Splits one line into `Token`s on word boundaries.
///
/// Letters and digits make words; hyphens, slashes and dots split them ("time-series" →
/// time, series; "CI/CD" → ci, cd), so aliases are written the same way and both spellings
/// meet. A few technical spellings survive intact: "C++", "C#", ".NET", "R&D", "P&L".
/// A possessive "'s" is dropped so "Bachelor's" is "bachelor".
enum Tokenizer {
    static func tokenize(_ line: String) -> [Token] {
        let chars = Array(line)
        var tokens: [Token] = []
        var current = ""
        var start = 0
        var gap = ""
        var sentenceStart = true
        var i = 0

        func flush(at end: Int) {
            guard !current.isEmpty else { return }
            let lower = normalize(current)
            tokens.append(Token(
                raw: current, lower: lower, stem: Stemmer.stem(lower), gapBefore: gap,
                offset: start, length: end - start, isSentenceStart: sentenceStart))
            current = ""
            gap = ""
            sentenceStart = false
        }

        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            let prev: Character? = i > 0 ? chars[i - 1] : nil
            if c.isLetter || c.isNumber {
                if current.isEmpty { start = i }
                current.append(c)
            } else if isApostrophe(c), !current.isEmpty, next == "s" || next == "S",
                      !(i + 2 < chars.count && (chars[i + 2].isLetter || chars[i + 2].isNumber)) {
                // Possessive: "Bachelor's" reads as "bachelor".
                flush(at: i)
                i += 2
                continue
            } else if (c == "+" || c == "#"), current.first?.isLetter == true, current.count <= 2 {
                current.append(c)  // C++, C#, F#
            } else if c == "&", !current.isEmpty, current.count <= 3, next?.isLetter == true {
                current.append(c)  // R&D, P&L, M&A, FP&A
            } else if c == ".", current.isEmpty, next?.isLetter == true,
                      prev.map { !($0.isLetter || $0.isNumber) } ?? true,
                      followedByWord(chars, from: i + 1, equalTo: "net") {
                start = i
                current.append(c)  // .NET
            } else {
                flush(at: i)
                gap.append(c)
                if ".!?:;•·".contains(c), next == nil || next == " " || c == "•" || c == "·" {
                    sentenceStart = true
                }
            }
            i += 1
        }
        flush(at: chars.count)
        return tokens
    }

    /// Lower-case without diacritics, so "conciliación" meets "conciliaciones" and "Inglés"
    /// meets "ingles". ASCII words (most of them) skip the costly folding.
    static func normalize(_ word: String) -> String {
        let lower = word.lowercased()
        guard !lower.allSatisfy(\.isASCII) else { return lower }
        return lower.folding(options: .diacriticInsensitive, locale: nil)
    }

    private static func isApostrophe(_ c: Character) -> Bool { c == "'" || c == "’" }

    private static func followedByWord(_ chars: [Character], from index: Int, equalTo word: String) -> Bool {
        let w = Array(word)
        guard index + w.count <= chars.count else { return false }
        for k in 0..<w.count where chars[index + k].lowercased() != String(w[k]) { return false }
        let after = index + w.count
        return after == chars.count || !(chars[after].isLetter || chars[after].isNumber)
    }
}
