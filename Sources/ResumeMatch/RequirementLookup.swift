/// Tells whether a piece of resume text names a requirement, working from the report alone:
/// lexicon ids map to entries; pattern ids carry their word keys ("term:power bi"); a group
/// of alternatives is named when any of its members is.
struct RequirementLookup: Sendable {
    let lexicon: Lexicon

    func mentions(_ requirement: RequirementMatch, in tokens: [Token]) -> Bool {
        mentions(requirement, in: tokens, entries: Set(lexicon.scan(tokens).map(\.entry)))
    }

    /// As `mentions(_:in:)` with the line's lexicon entries already scanned.
    private func mentions(_ requirement: RequirementMatch, in tokens: [Token], entries: Set<Int>) -> Bool {
        if let alternatives = requirement.alternatives {
            return alternatives.contains { mentions(id: $0.id, in: tokens, entries: entries) }
        }
        return mentions(id: requirement.id, in: tokens, entries: entries)
    }

    private func mentions(id: String, in tokens: [Token], entries: Set<Int>) -> Bool {
        if let entry = lexicon.entryIndex(id) {
            return entries.contains(entry) || !entries.isDisjoint(with: lexicon.narrowerEntries(entry))
        }
        for prefix in ["term:", "phrase:"] where id.hasPrefix(prefix) {
            let keys = id.dropFirst(prefix.count).split(separator: " ").map(String.init)
            return Lexicon.find(keys, in: tokens) != nil
        }
        return false
    }

    /// Relevance of a text to the job: the summed weight of the supported or partial
    /// requirements it names (2 per must-have, 1 per nice-to-have).
    func relevance(of text: String, to requirements: [RequirementMatch]) -> Int {
        let tokens = Tokenizer.tokenize(text)
        let entries = Set(lexicon.scan(tokens).map(\.entry))
        return requirements.reduce(0) { sum, r in
            r.status != .missing && mentions(r, in: tokens, entries: entries) ? sum + r.priority.weight : sum
        }
    }
}
