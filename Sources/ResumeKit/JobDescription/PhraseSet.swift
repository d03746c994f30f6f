/// A set of short phrases found in a line word by word, so testing a line against a few
/// hundred cue phrases costs one dictionary look-up per word instead of a substring search per
/// phrase. A phrase ending in `*` matches any word starting with its last word ("discriminat*"
/// matches "discrimination"). Phrases in scripts written without spaces (Chinese, Japanese) are
/// matched as substrings of the line.
struct PhraseSet: Sendable {
    private struct Phrase: Sendable {
        let rest: [String]
        let lastIsPrefix: Bool
    }

    private var byFirstWord: [String: [Phrase]] = [:]
    private var prefixFirstWords: [String] = []
    private var unspaced: [String] = []

    init(_ phrases: [String]) {
        for phrase in phrases {
            let isPrefix = phrase.hasSuffix("*")
            let body = isPrefix ? String(phrase.dropLast()) : phrase
            let words = Self.words(body)
            guard let first = words.first else { continue }
            if words.count == 1, body.contains(where: Self.isUnspacedScript) {
                unspaced.append(body)
                continue
            }
            if words.count == 1, isPrefix {
                prefixFirstWords.append(first)
                continue
            }
            byFirstWord[first, default: []].append(Phrase(rest: Array(words.dropFirst()), lastIsPrefix: isPrefix))
        }
    }

    /// Words of folded text: letters, digits and apostrophes; everything else separates.
    static func words(_ folded: String) -> [String] {
        let utf8 = folded.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (most postings): split on bytes, no Unicode property look-ups.
            return utf8.split(whereSeparator: { b in
                !((b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 39)
            }).map { String(decoding: $0, as: UTF8.self) }
        }
        return folded.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'") }).map(String.init)
    }

    /// How many phrase occurrences the words (and the folded line, for unspaced scripts) hold.
    func count(in words: [String], line: String) -> Int {
        var hits = 0
        for (i, word) in words.enumerated() {
            if let phrases = byFirstWord[word] {
                for phrase in phrases where matches(phrase, words, after: i) { hits += 1 }
            }
            for prefix in prefixFirstWords where word.hasPrefix(prefix) { hits += 1 }
        }
        if !unspaced.isEmpty, line.contains(where: Self.isUnspacedScript) {
            for phrase in unspaced where line.contains(phrase) { hits += 1 }
        }
        return hits
    }

    func contains(in words: [String], line: String) -> Bool { count(in: words, line: line) > 0 }

    private func matches(_ phrase: Phrase, _ words: [String], after i: Int) -> Bool {
        guard i + phrase.rest.count < words.count else { return false }
        for (k, part) in phrase.rest.enumerated() {
            let word = words[i + 1 + k]
            let last = k == phrase.rest.count - 1
            if last && phrase.lastIsPrefix ? !word.hasPrefix(part) : word != part { return false }
        }
        return true
    }

    /// CJK, kana and Arabic-script phrases are compared as substrings: CJK has no spaces, and
    /// Arabic headings often carry clitics ("والمؤهلات").
    static func isUnspacedScript(_ c: Character) -> Bool {
        guard let scalar = c.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x0600...0x06FF: return true
        default: return false
        }
    }
}
