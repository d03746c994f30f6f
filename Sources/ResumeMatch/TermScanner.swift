/// A lexicon term found in a line: which entry, over which tokens, and whether the words were
/// the entry's own label or one of its synonyms.
struct TermHit: Sendable, Equatable {
    let entry: Int
    let range: Range<Int>
    let isLabel: Bool
}

extension Lexicon {
    /// Finds lexicon terms in a token sequence, longest match first and without overlaps, so
    /// "SQL Server" is one term and not also "SQL", and "GitHub Actions" is not also "GitHub".
    /// Words match on their keys (`TermKey`): whole words, plurals folded, nothing else.
    func scan(_ tokens: [Token]) -> [TermHit] {
        guard !tokens.isEmpty else { return [] }
        // One hash look-up per word; a word the vocabulary does not know starts and continues nothing.
        let ids = tokens.map { image.keys.index(of: $0.key) ?? -1 }
        var hits: [TermHit] = []
        var i = 0
        while i < tokens.count {
            if ids[i] >= 0, let (entry, length, isLabel) = longestPattern(tokens, ids, at: i) {
                hits.append(TermHit(entry: entry, range: i..<(i + length), isLabel: isLabel))
                i += length
            } else {
                i += 1
            }
        }
        return hits
    }

    /// The first (longest) pattern starting with word `i`'s key that the words match.
    private func longestPattern(_ tokens: [Token], _ ids: [Int], at i: Int) -> (Int, Int, Bool)? {
        let patterns = image.patterns
        for p in image.keyPatternStart[ids[i]]..<image.keyPatternStart[ids[i] + 1] {
            let entry = patterns[4 * p], first = patterns[4 * p + 1], rawStart = patterns[4 * p + 2]
            let flags = patterns[4 * p + 3], count = flags & 0xFF
            guard i + count <= tokens.count, hidden.isEmpty || !hidden.contains(entry) else { continue }
            if matches(tokens, ids, at: i, first: first, rawStart: rawStart, count: count, flags: flags) {
                return (entry, count, flags & Int(LexiconImage.PatternFlag.isLabel) != 0)
            }
        }
        return nil
    }

    @inline(__always)
    private func matches(_ tokens: [Token], _ ids: [Int], at i: Int, first: Int, rawStart: Int, count: Int, flags: Int) -> Bool {
        let exact = flags & Int(LexiconImage.PatternFlag.exact) != 0
        let needsCapital = flags & Int(LexiconImage.PatternFlag.needsCapital) != 0
        for k in 0..<count {
            guard ids[i + k] == image.patternKeys[first + k] else { return false }
            let token = tokens[i + k]
            if exact, !image.rawEquals(rawStart, k, token.raw) { return false }
            if needsCapital, !token.raw.contains(where: \.isUppercase) { return false }
            // Words of one alias must be adjacent in the text, not split by a comma or bracket.
            if k > 0, token.gapBefore.contains(where: { ",;:()[]|".contains($0) }) { return false }
        }
        return true
    }

    /// Where a key sequence occurs in the tokens, if anywhere.
    static func find(_ keys: [String], in tokens: [Token]) -> Range<Int>? {
        guard !keys.isEmpty, keys.count <= tokens.count else { return nil }
        outer: for i in 0...(tokens.count - keys.count) {
            for k in 0..<keys.count where tokens[i + k].key != keys[k] { continue outer }
            return i..<(i + keys.count)
        }
        return nil
    }
}
