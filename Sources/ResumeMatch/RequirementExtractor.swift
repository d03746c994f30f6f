/// Reads the requirements out of a job description.
///
/// Three sources, so unseen fields work: lexicon terms (with synonyms and categories),
/// capitalised terms and acronyms the lexicon does not know ("Looker", "CRRT", "Westlaw"), and
/// short noun phrases left over in requirement bullets ("patient assessment"). Priority comes
/// from the section heading and is overridden by cue words on the line ("a plus", "required").
struct RequirementExtractor: Sendable {
    let lexicon: Lexicon

    func extract(from jd: JobDescriptionText) -> [ExtractedRequirement] {
        var found: [ExtractedRequirement] = []
        var nextGroup = 1
        for (index, line) in jd.lines.enumerated() {
            guard let priority = priority(of: line, index: index, in: jd) else { continue }
            var candidates = candidates(in: line, priority: priority, jd: jd)
            candidates.sort { $0.tokenRange.lowerBound < $1.tokenRange.lowerBound }
            applyClauseCues(&candidates, tokens: line.tokens)
            assignGroups(&candidates, tokens: line.tokens, next: &nextGroup)
            found += candidates
        }
        return merge(found)
    }

    // MARK: Priority

    /// nil when the line holds no requirements (headings, "About us", the title of a structured JD).
    private func priority(of line: JobDescriptionText.Line, index: Int, in jd: JobDescriptionText) -> RequirementPriority? {
        guard !line.isHeading, !line.tokens.isEmpty else { return nil }
        let base: RequirementPriority
        switch line.section {
        case .ignore:
            return nil
        case .must:
            base = .must
        case .nice:
            base = .nice
        case .duties:
            base = jd.isStructured ? .nice : .must
        case .intro:
            guard !jd.isStructured else { return nil }
            base = .must
        }
        return base
    }

    /// A cue word overrides the section, within its clause only: in "Deep knowledge of US GAAP;
    /// IFRS is a plus." GAAP stays required and IFRS is nice-to-have.
    private func applyClauseCues(_ candidates: inout [ExtractedRequirement], tokens: [Token]) {
        var clauseStart = 0
        let bounds = tokens.indices.filter { k in
            k > 0 && tokens[k].gapBefore.contains(where: { ";".contains($0) }) || (k > 0 && tokens[k].gapBefore.hasPrefix(". "))
        } + [tokens.count]
        for end in bounds {
            let clause = clauseStart..<end
            let padded = " " + tokens[clause].map(\.lower).joined(separator: " ") + " "
            let cue: RequirementPriority? = lexicon.niceCues.contains(where: { padded.contains(" \($0) ") }) ? .nice
                : lexicon.mustCues.contains(where: { padded.contains(" \($0) ") }) ? .must : nil
            if let cue {
                for k in candidates.indices where clause.contains(candidates[k].tokenRange.lowerBound) {
                    candidates[k].priority = cue
                }
            }
            clauseStart = end
        }
    }

    // MARK: Candidates

    private func candidates(
        in line: JobDescriptionText.Line, priority: RequirementPriority, jd: JobDescriptionText
    ) -> [ExtractedRequirement] {
        let tokens = line.tokens
        let jdText = ResumeText.stripMarkup(line.text)
        var covered = Array(repeating: false, count: tokens.count)
        var result: [ExtractedRequirement] = []

        func make(_ id: String, _ label: String, _ category: RequirementCategory,
                  _ matcher: ExtractedRequirement.Matcher, _ range: Range<Int>) -> ExtractedRequirement {
            ExtractedRequirement(id: id, label: label, category: category, priority: priority, jdLine: line.number,
                                 jdText: jdText, group: nil, matcher: matcher, tokenRange: range)
        }

        let years = YearsPhrase.find(in: tokens)
        if let years {
            for k in years.tokenRange { covered[k] = true }
            let label = "\(years.years)+ years of experience"
            result.append(make("years:\(years.years)", label, .yearsOfExperience, .years(years.years), years.tokenRange))
        }

        let hits = lexicon.scan(tokens)
        if let degree = degreeRequirement(hits: hits, tokens: tokens, covered: &covered) {
            result.append(make(degree.id, degree.label, .education, .degree(level: degree.level, field: degree.field), degree.range))
        }
        for hit in hits where !hit.range.contains(where: { covered[$0] }) {
            let entry = lexicon.entries[hit.entry]
            guard entry.category != .education else { continue }
            for k in hit.range { covered[k] = true }
            result.append(make(entry.id, entry.label, entry.category, .lexicon(entry: hit.entry), hit.range))
        }

        for term in capitalisedTerms(tokens, covered: &covered) {
            let raw = term.map { tokens[$0].raw }.joined(separator: " ")
            let stems = term.map { tokens[$0].stem }
            result.append(make("term:" + stems.joined(separator: " "), raw, .tool, .term(stems: stems), term))
        }

        let phraseSection = line.section == .must || line.section == .nice || (!jd.isStructured && line.isBullet)
        if phraseSection, years == nil {
            let domainLine = tokens.contains { ["domain", "industry", "sector"].contains($0.lower) }
            for phrase in nounPhrases(tokens, covered: covered) {
                let raw = phrase.map { tokens[$0].raw }.joined(separator: " ")
                let stems = phrase.map { tokens[$0].stem }
                result.append(make("phrase:" + stems.joined(separator: " "), raw.lowercased(),
                                   domainLine ? .domain : .hardSkill, .phrase(stems: stems), phrase))
            }
        }
        return result
    }

    private struct DegreeFound {
        let id: String
        let label: String
        let level: Int
        let field: [String]
        let range: Range<Int>
    }

    /// "Bachelor's or Master's degree in Computer Science or a related field": the lowest
    /// level named and the field after "in"/"en"/"of", up to a comma or "or".
    private func degreeRequirement(hits: [TermHit], tokens: [Token], covered: inout [Bool]) -> DegreeFound? {
        let degreeHits = hits.filter { lexicon.entries[$0.entry].category == .education }
        guard let first = degreeHits.first, let last = degreeHits.last else { return nil }
        let level = degreeHits.compactMap { lexicon.entries[$0.entry].level }.min() ?? 1
        for hit in degreeHits { for k in hit.range { covered[k] = true } }
        var fieldRange = last.range.upperBound..<last.range.upperBound
        var i = last.range.upperBound
        if i < tokens.count, ["degree", "título", "titulación"].contains(tokens[i].lower) { i += 1 }
        if i < tokens.count, ["in", "en", "of", "in", "em", "im"].contains(tokens[i].lower),
           !tokens[i].gapBefore.contains(where: { ",;(".contains($0) }) {
            var j = i + 1
            while j < tokens.count, j - i <= 4, !tokens[j].gapBefore.contains(where: { ",;()./".contains($0) }),
                  !["or", "and", "o", "y", "oder", "und", "ou", "et", "with", "con", "plus"].contains(tokens[j].lower) {
                j += 1
            }
            fieldRange = (i + 1)..<j
        }
        let fieldTokens = fieldRange.filter { !lexicon.isGeneric(tokens[$0]) }
        for k in fieldRange { covered[k] = true }
        if i < tokens.count, fieldRange.isEmpty == false { covered[i] = true }
        let field = fieldTokens.map { tokens[$0].stem }
        let levelName = ["associate degree", "bachelor's degree", "master's degree", "doctorate"][min(max(level, 0), 3)]
        let fieldLabel = fieldTokens.map { tokens[$0].raw }.joined(separator: " ")
        let label = field.isEmpty ? levelName : "\(levelName) in \(fieldLabel)"
        let id = "degree:\(level)" + (field.isEmpty ? "" : ":" + field.joined(separator: " "))
        let end = max(first.range.upperBound, fieldRange.upperBound)
        return DegreeFound(id: id, label: label, level: level, field: field, range: first.range.lowerBound..<end)
    }

    /// Tools and names the lexicon does not know: acronyms ("CRRT"), mixed case ("PyTorch"),
    /// and capitalised words mid-sentence ("Looker"), adjacent ones merged ("Power Query").
    private func capitalisedTerms(_ tokens: [Token], covered: inout [Bool]) -> [Range<Int>] {
        var terms: [Range<Int>] = []
        var i = 0
        while i < tokens.count {
            guard isTermToken(tokens[i], covered[i]) else { i += 1; continue }
            var j = i + 1
            while j < tokens.count, j - i < 3, tokens[j].gapBefore == " ", isTermToken(tokens[j], covered[j]),
                  !tokens[j].isSentenceStart {
                j += 1
            }
            for k in i..<j { covered[k] = true }
            terms.append(i..<j)
            i = j
        }
        return terms
    }

    private func isTermToken(_ t: Token, _ isCovered: Bool) -> Bool {
        guard !isCovered, t.raw.count >= 2, !t.isNumeric, t.raw.first?.isLetter == true else { return false }
        guard !lexicon.placeWords.contains(t.lower), !lexicon.isGeneric(t) else { return false }
        if t.isAcronym || t.isMixedCase { return true }
        return t.isCapitalized && !t.isSentenceStart
    }

    /// Runs of 1–4 content words left over in a requirement line, split at punctuation,
    /// generic words ("experience", "strong", "with") and terms already found.
    private func nounPhrases(_ tokens: [Token], covered: [Bool]) -> [Range<Int>] {
        var phrases: [Range<Int>] = []
        var start: Int?
        func close(_ end: Int) {
            defer { start = nil }
            guard var s = start else { return }
            while s < end, Self.leadingVerbs.contains(tokens[s].stem) { s += 1 }
            let length = end - s
            guard length >= 1, length <= 4 else { return }
            let words = tokens[s..<end]
            guard words.allSatisfy(\.isAlphabetic), words.contains(where: { $0.lower.count >= 4 }) else { return }
            if length == 1, words.first!.lower.count < 7 { return }
            if words.allSatisfy({ lexicon.placeWords.contains($0.lower) }) { return }
            phrases.append(s..<end)
        }
        for (k, t) in tokens.enumerated() {
            let breaks = covered[k] || lexicon.isGeneric(t) || !t.isAlphabetic
                || t.gapBefore.contains(where: { ",;:()[]./|!?".contains($0) })
            if breaks {
                close(k)
                if !(covered[k] || lexicon.isGeneric(t) || !t.isAlphabetic) { start = k }
            } else if start == nil {
                start = k
            }
        }
        close(tokens.count)
        return phrases
    }

    private static let leadingVerbs: Set<String> = Set([
        "build", "design", "develop", "manage", "lead", "plan", "deliver", "ensure", "provide", "support", "work",
        "collaborate", "maintain", "create", "drive", "own", "run", "write", "deploy", "use", "apply", "perform",
        "conduct", "prepare", "review", "monitor", "coordinate", "oversee", "analyze", "analyse", "demonstrate",
        "handle", "implement", "partner", "communicate", "teach", "assist", "improve", "establish", "foster",
    ].map(Stemmer.stem))

    // MARK: Alternatives

    /// "Tableau or Looker", "Go or Python", "retail or e-commerce": neighbours joined by "or"
    /// (possibly in a comma list) form one group; a list joined only by commas or "and" does not.
    private func assignGroups(_ candidates: inout [ExtractedRequirement], tokens: [Token], next: inout Int) {
        var chainStart = 0
        var chainHasOr = false
        func closeChain(_ end: Int) {
            if chainHasOr, end - chainStart >= 2 {
                for k in chainStart..<end { candidates[k].group = next }
                next += 1
            }
        }
        guard !candidates.isEmpty else { return }
        for k in 1..<max(candidates.count, 1) where k < candidates.count {
            let between = tokens[candidates[k - 1].tokenRange.upperBound..<max(candidates[k - 1].tokenRange.upperBound, candidates[k].tokenRange.lowerBound)]
            let words = between.map(\.lower)
            let link: Bool
            if words.isEmpty {
                link = true
            } else if words.allSatisfy({ Self.orWords.contains($0) }) {
                link = true
                chainHasOr = true
            } else {
                link = false
            }
            if !link {
                closeChain(k)
                chainStart = k
                chainHasOr = false
            }
        }
        closeChain(candidates.count)
    }

    private static let orWords: Set<String> = ["or", "o", "u", "oder", "ou", "either"]

    // MARK: Merge

    /// One requirement per id: the strongest priority wins (with its line); a term required on
    /// its own anywhere is not an alternative; groups left with one member dissolve.
    private func merge(_ found: [ExtractedRequirement]) -> [ExtractedRequirement] {
        var merged: [ExtractedRequirement] = []
        var position: [String: Int] = [:]
        for r in found {
            guard let p = position[r.id] else {
                position[r.id] = merged.count
                merged.append(r)
                continue
            }
            if r.priority > merged[p].priority {
                merged[p].priority = r.priority
                merged[p].jdLine = r.jdLine
                merged[p].jdText = r.jdText
            }
            if r.group == nil || merged[p].group == nil { merged[p].group = nil }
        }
        var sizes: [Int: Int] = [:]
        for r in merged { if let g = r.group { sizes[g, default: 0] += 1 } }
        var renumber: [Int: Int] = [:]
        for k in merged.indices {
            guard let g = merged[k].group, sizes[g, default: 0] >= 2 else { merged[k].group = nil; continue }
            if renumber[g] == nil { renumber[g] = renumber.count + 1 }
            merged[k].group = renumber[g]
        }
        return merged.enumerated().sorted { a, b in
            if a.element.priority != b.element.priority { return a.element.priority > b.element.priority }
            return a.offset < b.offset
        }.map(\.element)
    }
}
