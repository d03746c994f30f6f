/// Tools and technologies the vocabulary does not know, read conservatively from their shape:
///
/// - acronyms ("CRRT", "QA", "S3"), except words that are never tools ("GmbH", "CEO", "CV");
/// - mixed case ("TestCafe", "PyTorch", "iOS") and versioned names ("HTML5", "ES6", "Python3");
/// - dotted names ("Node.js", "Vue.js");
/// - a capitalised word listed next to a known tool ("Selenium, TestCafe", "Meteor or React"),
///   and every word of a bare list of tools ("docker agile selenium circleci jenkins").
///
/// Names learned from the posting and place words are covered before this runs, so "Northwind",
/// "Springfield" and a recruiter's name never qualify; a capitalised word standing alone in a
/// sentence is not enough either.
struct ToolTermRule: Sendable {
    let lexicon: Lexicon

    /// Function words that, written in capitals, give a shouted line away.
    static let shoutedSmallWords: Set<String> = [
        "the", "to", "by", "and", "of", "are", "is", "for", "with", "in", "on", "our", "you", "we", "your", "a", "an",
        "at", "be", "it", "as", "or", "all", "who", "what", "us", "join", "this", "that", "will", "can",
    ]

    /// Ranges of unknown tool terms in `tokens`, marking them covered.
    /// - Parameter shapesOnly: only acronyms, mixed case and versioned names (for prose that
    ///   states nothing outright, where a capitalised neighbour proves little).
    /// - Parameter mixedCaseAlone: a mixed-case word may stand alone ("TestCafe"); off where the
    ///   line does not state requirements outright, since companies are named that way too.
    func terms(
        in tokens: [Token], hits: [TermHit], covered: inout [Bool], shapesOnly: Bool = false, mixedCaseAlone: Bool = true
    ) -> [Range<Int>] {
        var isTool = Array(repeating: false, count: tokens.count)
        var anchor = Array(repeating: false, count: tokens.count)
        // Anchors: known tools, and known terms written like names ("Jest" beside "Mocha").
        for hit in hits {
            let category = lexicon.category(hit.entry)
            let named = hit.range.count == 1 && tokens[hit.range.lowerBound].isCapitalized && !tokens[hit.range.lowerBound].isSentenceStart
                && category != .softSkill && category != .education
            if category == .tool || named { for k in hit.range { anchor[k] = true } }
        }
        // A shouted line ("TRUSTED BY MILLIONS") is emphasis, not a row of acronyms.
        // It shows by its small words in capitals ("BY", "TO", "ARE"); a row of tools
        // ("EJB JMS JTA JAXB") has none.
        let shouted = tokens.filter { $0.isAlphabetic && $0.raw.count >= 3 && $0.isAcronym }.count >= 3
            && tokens.contains { $0.isAcronym && Self.shoutedSmallWords.contains($0.lower) }
        var needsNeighbour = Array(repeating: false, count: tokens.count)
        for k in tokens.indices where !covered[k] && !(shouted && tokens[k].isAcronym) && hasToolShape(tokens, k) {
            // "the BlueHarbor", "across PixelForge": a name; "TestCafe" in prose needs a tool beside it.
            let determiner = k > 0 && ["the", "of", "across", "at", "for", "from", "to"].contains(tokens[k - 1].lower)
            if tokens[k].isMixedCase && !tokens[k].isAcronym && (determiner || !mixedCaseAlone) {
                needsNeighbour[k] = !determiner
                continue
            }
            isTool[k] = true
            anchor[k] = true
        }
        for k in tokens.indices where needsNeighbour[k] {
            let near = (k > 0 && anchor[k - 1]) || (k + 1 < tokens.count && anchor[k + 1])
            if near { isTool[k] = true }
        }
        if shapesOnly || Self.isTitleCase(tokens) {
            // Title Case ("Medical Dental and Vision Plans") says nothing about names, and in prose
            // nobody placed a capitalised word beside a tool proves little; only a list that is
            // mostly known tools vouches for its other items ("Jira GIT Gerrit and Eclipse").
            // Each item is its own term: "Gerrit Eclipse" side by side are two tools, not one name.
            let items = coherentItems(tokens, hits: hits, covered: covered, isTool: isTool)
            for range in items { for k in range { isTool[k] = false; covered[k] = true } }
            return runs(tokens, isTool: isTool, covered: &covered) + items
        } else if isToolList(tokens, hits: hits) {
            for k in tokens.indices where !covered[k] && !isTool[k] && isPlainWordCandidate(tokens[k], allowLower: true) {
                isTool[k] = true
            }
        } else {
            // Capitalised neighbours of a tool in a list, repeated so "A, B, C" chains along.
            var changed = true
            while changed {
                changed = false
                for k in tokens.indices where !covered[k] && !isTool[k] && isPlainWordCandidate(tokens[k], allowLower: false) {
                    let left = k > 0 && anchor[k - 1] && Self.listGap(tokens[k].gapBefore, word: nil)
                    let right = k + 1 < tokens.count && anchor[k + 1] && Self.listGap(tokens[k + 1].gapBefore, word: nil)
                    let leftViaWord = k > 1 && anchor[k - 2] && Self.listGap(tokens[k - 1].gapBefore, word: tokens[k - 1].lower)
                    let rightViaWord = k + 2 < tokens.count && anchor[k + 2] && Self.listGap(tokens[k + 2].gapBefore, word: tokens[k + 1].lower)
                    if left || right || leftViaWord || rightViaWord {
                        isTool[k] = true
                        anchor[k] = true
                        changed = true
                    }
                }
            }
        }
        return runs(tokens, isTool: isTool, covered: &covered)
    }

    /// Unknown product-like items of lists that are mostly known tools (`EnumerationCoherence`).
    private func coherentItems(_ tokens: [Token], hits: [TermHit], covered: [Bool], isTool: [Bool]) -> [Range<Int>] {
        let known = hits.compactMap { hit -> Range<Int>? in
            let category = lexicon.category(hit.entry)
            return category == .softSkill || category == .education ? nil : hit.range
        }
        guard known.count >= EnumerationCoherence.minimumKnown else { return [] }
        return EnumerationCoherence.unknownItems(in: tokens, known: known) { k in
            guard !covered[k] else { return false }
            // Tool-shaped words ("SNS", "Node.js") are list items already taken as tools.
            if isTool[k] { return true }
            let t = tokens[k]
            return (t.isCapitalized || t.isMixedCase) && isPlainWordCandidate(t, allowLower: true)
        } isOrdinaryWord: { k in
            lexicon.isTermWord(tokens[k].key)
        }.filter { range in !isTool[range.lowerBound] && range.allSatisfy { !covered[$0] } }
    }

    /// Adjacent tool words written as one name ("Power Query", "Node.js") become one term.
    private func runs(_ tokens: [Token], isTool: [Bool], covered: inout [Bool]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var k = 0
        while k < tokens.count {
            guard isTool[k] else { k += 1; continue }
            var end = k + 1
            while end < tokens.count, end - k < 3, isTool[end] || Self.isDottedSuffix(tokens, end) {
                let gap = tokens[end].gapBefore
                let dotted = gap == "." && Self.isDottedSuffix(tokens, end)
                let spaced = gap == " " && tokens[end].isCapitalized && tokens[end - 1].isCapitalized
                guard dotted || spaced else { break }
                end += 1
            }
            for i in k..<end { covered[i] = true }
            result.append(k..<end)
            k = end
        }
        return result
    }

    // MARK: Shapes

    private func hasToolShape(_ tokens: [Token], _ k: Int) -> Bool {
        let t = tokens[k]
        guard t.raw.count >= 2, t.raw.first?.isLetter == true, !lexicon.isNotTool(t.raw),
              !lexicon.isPlaceWord(t.lower) else { return false }
        if k + 1 < tokens.count, Self.isDottedSuffix(tokens, k + 1), tokens[k + 1].gapBefore == "." { return true }
        if t.isAcronym {
            // A shouted word ("AFTER", "WIFI") has vowels like a word; acronyms mostly do not.
            let vowels = t.raw.filter { "AEIOUY".contains($0) }.count
            if t.isAlphabetic, t.raw.count >= 4, vowels >= 2 { return false }
            return t.raw.count <= 8 && t.raw.filter(\.isLetter).count >= 1
        }
        // "APIs", "SOPs": an acronym's plural.
        if t.raw.hasSuffix("s"), t.raw.count >= 3, t.raw.dropLast().allSatisfy({ $0.isUppercase || $0.isNumber }) {
            return !lexicon.isNotTool(String(t.raw.dropLast()))
        }
        if t.isMixedCase { return t.raw.count >= 3 }
        // "HTML5", "ES6", "Python3": letters then digits, one word.
        let letters = t.raw.prefix { $0.isLetter }
        let rest = t.raw.dropFirst(letters.count)
        return letters.count >= 2 && !rest.isEmpty && rest.allSatisfy(\.isNumber) && rest.count <= 2
            && (t.isCapitalized || letters.count <= 4)
    }

    private func isPlainWordCandidate(_ t: Token, allowLower: Bool) -> Bool {
        guard t.raw.count >= 3, t.isAlphabetic, !lexicon.isGeneric(t), !lexicon.isPlaceWord(t.lower),
              !Self.stopWords.contains(t.lower), !Self.roleWords.contains(t.key), !lexicon.isNotTool(t.raw)
        else { return false }
        return allowLower || (t.isCapitalized && !t.isSentenceStart)
    }

    /// A line that is only a list of tools: every word is a known term, a tool shape or a plain
    /// word between list separators, and most are known.
    private func isToolList(_ tokens: [Token], hits: [TermHit]) -> Bool {
        guard tokens.count >= 3 else { return false }
        if tokens.contains(where: { Self.stopWords.contains($0.lower) || !($0.isAlphabetic || $0.raw.contains(where: \.isLetter)) }) {
            return false
        }
        let known = hits.reduce(0) { $0 + $1.range.count }
        return known * 2 >= tokens.count
    }

    /// Most words capitalised: a heading-like or benefits line, not prose.
    static func isTitleCase(_ tokens: [Token]) -> Bool {
        let words = tokens.filter { $0.isAlphabetic && $0.raw.count >= 3 && !stopWords.contains($0.lower) }
        guard words.count >= 5 else { return false }
        return words.filter(\.isCapitalized).count * 2 > words.count
    }

    private static func isDottedSuffix(_ tokens: [Token], _ k: Int) -> Bool {
        ["js", "net", "io", "ts"].contains(tokens[k].lower) && tokens[k].gapBefore == "."
    }

    /// A list separator: a comma, slash, bracket or "&" in the gap, or the word "or"/"and"/"etc".
    /// A bare space counts too: scraped postings often lose their commas ("Selenium TestCafe").
    private static func listGap(_ gap: String, word: String?) -> Bool {
        if let word { return ["or", "and", "etc", "oder", "und", "ou", "et", "o", "y", "e"].contains(word) }
        return gap.contains(where: { ",/()&;".contains($0) }) || gap == " "
    }

    /// Job and team words that follow a tool name without being tools ("Kotlin Developer").
    static let roleWords: Set<String> = [
        "developer", "engineer", "manager", "architect", "lead", "consultant", "specialist", "analyst", "designer",
        "tester", "administrator", "team", "department", "expert", "programmer", "owner", "scientist", "officer",
        "director", "head", "intern", "trainee", "student", "graduate", "senior", "junior", "principal", "staff",
        "technician", "coordinator", "assistant", "associate", "partner", "community", "stack", "platform",
    ]

    static let stopWords: Set<String> = [
        "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "with", "as", "by", "from", "is", "are",
        "be", "we", "you", "our", "your", "this", "that", "it", "will", "can", "have", "has", "etc", "who", "all",
        "i", "if", "not", "but", "more", "such", "also", "into",
    ]
}
