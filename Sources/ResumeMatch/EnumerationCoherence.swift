/// Enumeration coherence: in a list whose items are mostly technologies the vocabulary knows
/// ("React, Redux, Babel and Bulma", "Jira, Confluence, Blackfire", "Jira GIT Gerrit Eclipse and
/// Jenkins"), the unknown items written like product names are technologies too. What decides is
/// the company an item keeps, not its shape alone: a list of cities, people or benefits
/// ("Copenhagen, Aarhus and Odense", "Pension, Lunch and Gym") has no known tool in it and adds
/// nothing, however capitalised it is.
///
/// A list is a chain of items (a vocabulary term, or one product-like word) joined by list
/// separators: a comma, slash, semicolon, bracket or "&" in the gap, a conjunction word ("and",
/// "or", "etc"), or a bare space between two capitalised items (scraped postings lose their
/// commas). Any other word ends the chain. It is coherent when at least two of its items are
/// known and the known ones are at least as many as the unknown ones.
struct EnumerationCoherence: Sendable {
    /// What the caller knows about each token of the line.
    struct Item: Sendable {
        let range: Range<Int>
        let known: Bool
    }

    /// Known items needed before a list vouches for its unknown ones.
    static let minimumKnown = 2

    /// The unknown items of coherent lists in `tokens`.
    /// - Parameter known: vocabulary terms of the line that can be list items (tools,
    ///   technologies, domains; not soft skills or degrees).
    /// - Parameter isCandidate: whether token k, not part of a known term, reads like a product
    ///   name (the caller's shape and name filters).
    /// - Parameter isOrdinaryWord: whether token k is an everyday word of the trade ("Cache",
    ///   "Clearance"); such a word set off by bare spaces only is more likely the second half of
    ///   a name ("Distributed Cache", "Security Clearance") than an item of its own.
    static func unknownItems(
        in tokens: [Token], known: [Range<Int>], isCandidate: (Int) -> Bool, isOrdinaryWord: (Int) -> Bool = { _ in false }
    ) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for chain in chains(tokens, items: items(tokens, known: known, isCandidate: isCandidate)) {
            let knownCount = chain.filter(\.known).count
            let unknown = chain.filter { !$0.known }
            guard knownCount >= minimumKnown, knownCount >= unknown.count else { continue }
            result += unknown.map(\.range).filter { isSetOff($0, in: tokens) || !isOrdinaryWord($0.lowerBound) }
        }
        return result
    }

    /// Not glued by a bare space to a name-written word on either side: "Services" in "Restful
    /// Services and OData" is half of a name, "Cache" in ", Cache," is an item.
    private static func isSetOff(_ range: Range<Int>, in tokens: [Token]) -> Bool {
        let left = range.lowerBound, right = range.upperBound
        let gluedLeft = left > 0 && tokens[left].gapBefore == " " && isNameWritten(tokens[left - 1])
        let gluedRight = right < tokens.count && tokens[right].gapBefore == " " && isNameWritten(tokens[right])
        return !gluedLeft && !gluedRight
    }

    /// Known terms and candidate words of the line, in order; other tokens are gaps.
    private static func items(_ tokens: [Token], known: [Range<Int>], isCandidate: (Int) -> Bool) -> [Item?] {
        var slots = [Item?](repeating: nil, count: tokens.count)
        var inKnown = Array(repeating: false, count: tokens.count)
        for range in known {
            for k in range { inKnown[k] = true }
            slots[range.lowerBound] = Item(range: range, known: true)
        }
        for k in tokens.indices where !inKnown[k] && isCandidate(k) {
            // "Dagger 2", "Vue 3": a version number belongs to its name.
            let versioned = k + 1 < tokens.count && tokens[k + 1].isNumeric && tokens[k + 1].raw.count <= 2
                && tokens[k + 1].gapBefore == " " && !inKnown[k + 1]
            slots[k] = Item(range: k..<(versioned ? k + 2 : k + 1), known: false)
        }
        return slots
    }

    /// Maximal runs of items joined by list separators.
    private static func chains(_ tokens: [Token], items slots: [Item?]) -> [[Item]] {
        var chains: [[Item]] = []
        var current: [Item] = []
        var k = 0
        while k < tokens.count {
            guard let item = slots[k] else {
                // A conjunction between two items keeps the chain going; any other word ends it.
                let bridges = !current.isEmpty && conjunctions.contains(tokens[k].lower)
                    && k + 1 < tokens.count && slots[k + 1] != nil
                if bridges {
                    k += 1
                    continue
                }
                if !current.isEmpty { chains.append(current) }
                current = []
                k += 1
                continue
            }
            if let last = current.last, !joins(last, item, tokens) {
                chains.append(current)
                current = []
            }
            current.append(item)
            k = item.range.upperBound
        }
        if !current.isEmpty { chains.append(current) }
        return chains
    }

    /// Whether `next` continues the list after `last`.
    private static func joins(_ last: Item, _ next: Item, _ tokens: [Token]) -> Bool {
        let first = next.range.lowerBound
        // A sentence or a heading ends ("etc.) Keen interest", "Tools: Jira"): a new list starts.
        let gaps = (last.range.upperBound...first).map { tokens[$0].gapBefore }
        if gaps.contains(where: { $0.contains(where: { ".:!?".contains($0) }) }) { return false }
        // A conjunction word stood between them.
        if first > last.range.upperBound { return true }
        let gap = tokens[first].gapBefore
        if gap.contains(where: { ",/;()&|".contains($0) }) { return true }
        return gap == " " && isNameWritten(tokens[last.range.lowerBound]) && isNameWritten(tokens[first])
    }

    private static func isNameWritten(_ t: Token) -> Bool {
        t.isCapitalized || t.isAcronym || t.isMixedCase
    }

    /// Words that join two items; "etc" closes a list rather than joining one.
    static let conjunctions: Set<String> = ["and", "or", "&", "und", "oder", "ou", "et", "o", "y", "e", "og", "eller"]
}
