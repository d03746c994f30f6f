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
        var hits: [TermHit] = []
        var i = 0
        while i < tokens.count {
            if let pattern = longestPattern(in: tokens, at: i) {
                hits.append(TermHit(entry: pattern.entry, range: i..<(i + pattern.keys.count), isLabel: pattern.isLabel))
                i += pattern.keys.count
            } else {
                i += 1
            }
        }
        return hits
    }

    private func longestPattern(in tokens: [Token], at i: Int) -> Pattern? {
        guard let candidates = index[tokens[i].key] else { return nil }
        // Candidates are sorted longest first.
        for pattern in candidates where Self.matches(pattern, tokens, at: i) {
            return pattern
        }
        return nil
    }

    private static func matches(_ pattern: Pattern, _ tokens: [Token], at i: Int) -> Bool {
        guard i + pattern.keys.count <= tokens.count else { return false }
        for k in 0..<pattern.keys.count {
            let token = tokens[i + k]
            guard token.key == pattern.keys[k] else { return false }
            if let exact = pattern.exactRaw, token.raw != exact[k] { return false }
            if pattern.needsCapital, !token.raw.contains(where: \.isUppercase) { return false }
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
