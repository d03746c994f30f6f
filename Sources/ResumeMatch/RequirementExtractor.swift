import ResumeKit

/// Reads the requirements out of a job description, the way a recruiter does.
///
/// Only the parts that state requirements are read (requirements, nice-to-haves, duties, and
/// unplaced prose; never the title lines, "about us", benefits, legal text, contacts or job-board
/// metadata — see `JobPostingReader`). The posting's own names (company, people, places) are
/// learned from the parts it never asks anything in and are never requirements. Within a line,
/// four sources, so unseen fields work: vocabulary terms (curated and ESCO/SkillSpan, with
/// synonyms), tool-shaped words the vocabulary does not know (`ToolTermRule`), degrees, and short
/// noun phrases left over in requirement bullets ("patient assessment"). Priority comes from the
/// part and is overridden by cue words in the clause ("a plus", "required").
struct RequirementExtractor: Sendable {
    let lexicon: Lexicon

    func extract(from posting: PostingText) -> [ExtractedRequirement] {
        let names = PostingNames(posting: posting, lexicon: lexicon)
        var found: [ExtractedRequirement] = []
        var nextGroup = 1
        for line in posting.lines where line.mayStateRequirements && !BenefitLine.isBenefit(line.tokens) {
            guard let priority = priority(of: line, in: posting) else { continue }
            var candidates = candidates(in: line, priority: priority, names: names, posting: posting)
            candidates.sort { $0.tokenRange.lowerBound < $1.tokenRange.lowerBound }
            applyClauseCues(&candidates, tokens: line.tokens)
            assignGroups(&candidates, tokens: line.tokens, next: &nextGroup)
            found += candidates
        }
        return merge(found)
    }

    // MARK: Priority

    /// Must for requirement parts, nice for nice-to-haves; duties and unplaced prose imply
    /// nice-to-haves when the posting lists its requirements explicitly, else must-haves.
    private func priority(of line: PostingText.Line, in posting: PostingText) -> RequirementPriority? {
        switch line.part {
        case .requirements: return .must
        case .niceToHave: return .nice
        case .responsibilities, .other: return posting.isStructured ? .nice : .must
        default: return nil
        }
    }

    /// A cue word overrides the part, within its clause only: in "Deep knowledge of US GAAP;
    /// IFRS is a plus." GAAP stays required and IFRS is nice-to-have.
    private func applyClauseCues(_ candidates: inout [ExtractedRequirement], tokens: [Token]) {
        guard !candidates.isEmpty else { return }
        var clauseStart = 0
        let bounds = tokens.indices.filter { k in
            k > 0 && (tokens[k].gapBefore.utf8.contains(UInt8(ascii: ";")) || tokens[k].gapBefore.hasPrefix(". "))
        } + [tokens.count]
        let lowers = tokens.map(\.lower)
        for end in bounds {
            let clause = clauseStart..<end
            clauseStart = end
            guard candidates.contains(where: { clause.contains($0.tokenRange.lowerBound) }) else { continue }
            let words = lowers[clause]
            let cue: RequirementPriority? = lexicon.niceCues.contains(where: { Self.contains(words, $0) }) ? .nice
                : lexicon.mustCues.contains(where: { Self.contains(words, $0) }) ? .must : nil
            guard let cue else { continue }
            for k in candidates.indices where clause.contains(candidates[k].tokenRange.lowerBound) {
                candidates[k].priority = cue
            }
        }
    }

    /// Whether `phrase` occurs as consecutive words.
    static func contains(_ words: ArraySlice<String>, _ phrase: [String]) -> Bool {
        guard let first = phrase.first, phrase.count <= words.count else { return false }
        var i = words.startIndex
        while i <= words.endIndex - phrase.count {
            if words[i] == first, words[i..<(i + phrase.count)].elementsEqual(phrase) { return true }
            i += 1
        }
        return false
    }

    // MARK: Candidates

    private func candidates(
        in line: PostingText.Line, priority: RequirementPriority, names: PostingNames, posting: PostingText
    ) -> [ExtractedRequirement] {
        let tokens = line.tokens
        var covered = Array(repeating: false, count: tokens.count)
        names.mask(tokens, into: &covered)
        let scanned = lexicon.scan(tokens)
        // Capitalised place and heading words ("Remote", "Senior") are no terms; a degree written
        // in Title Case ("Master's Degree") is still a degree.
        var degreeWord = Array(repeating: false, count: tokens.count)
        for hit in scanned where lexicon.category(hit.entry) == .education { for k in hit.range { degreeWord[k] = true } }
        for (k, t) in tokens.enumerated() where t.isCapitalized && lexicon.isPlaceWord(t.lower) && !degreeWord[k] {
            covered[k] = true
        }
        // A term survives a name or place inside it ("US GAAP"), not being one ("Helix Analytics").
        let named = covered
        var result: [ExtractedRequirement] = []

        func make(_ id: String, _ label: String, _ category: RequirementCategory,
                  _ matcher: ExtractedRequirement.Matcher, _ range: Range<Int>) -> ExtractedRequirement {
            ExtractedRequirement(id: id, label: label, category: category, priority: priority, jdLine: line.number,
                                 jdText: line.content, jdTerm: quote(line, range), group: nil, matcher: matcher,
                                 tokenRange: range)
        }

        // The employer describing itself or its offer asks for nothing but the stack it names.
        let describesEmployer = SentenceReading.of(tokens, startsWithName: named.first == true) != .asksOfCandidate
        let years = describesEmployer ? nil : YearsPhrase.find(in: tokens)
        if let years {
            for k in years.tokenRange { covered[k] = true }
            let label = "\(years.years)+ years of experience"
            result.append(make("years:\(years.years)", label, .yearsOfExperience, .years(years.years), years.tokenRange))
        }

        let strength = Strength(line)
        let hits = scanned.filter { hit in
            !(lexicon.category(hit.entry) == .education && Self.isVerbNotDegree(hit.range, in: tokens)) &&
            !hit.range.allSatisfy({ named[$0] }) && !hit.range.contains(where: { covered[$0] && !named[$0] })
                && strength.allows(lexicon.entries[hit.entry], words: hit.range.count)
                && (!describesEmployer || lexicon.category(hit.entry) == .tool)
                && (lexicon.category(hit.entry) != .softSkill || SoftSkillContext.isAskedFor(hit.range, in: tokens))
                && (!LanguageContext.isLanguage(lexicon.entries[hit.entry].label) || LanguageContext.isAskedFor(hit.range, in: tokens))
        }
        for hit in hits { for k in hit.range { covered[k] = false } }
        if !describesEmployer, let degree = degreeRequirement(hits: hits, tokens: tokens, covered: &covered) {
            result.append(make(degree.id, degree.label, .education, .degree(level: degree.level, field: degree.field), degree.range))
        }
        for hit in hits where !hit.range.contains(where: { covered[$0] }) {
            let entry = lexicon.entries[hit.entry]
            guard entry.category != .education, !lexicon.isGenericEntry(hit.entry) else { continue }
            for k in hit.range { covered[k] = true }
            // The large vocabulary's labels keep the corpus's spelling ("selenium"); the posting's
            // own words read better ("Selenium") and are what the job asked for.
            let label = entry.source == .curated ? entry.label : quote(line, hit.range)
            result.append(make(entry.id, label.isEmpty ? entry.label : label, entry.category, .lexicon(entry: hit.entry), hit.range))
        }

        if describesEmployer { return Self.droppingUmbrellas(result, tokens: tokens) }
        for term in ToolTermRule(lexicon: lexicon).terms(
            in: tokens, hits: hits, covered: &covered, shapesOnly: strength == .weak, mixedCaseAlone: strength == .strong) {
            let raw = quote(line, term)
            let keys = term.map { tokens[$0].key }
            result.append(make("term:" + keys.joined(separator: " "), raw, .tool, .term(keys: keys), term))
        }

        if strength == .strong, years == nil {
            let domainLine = tokens.contains { ["domain", "industry", "sector"].contains($0.lower) }
            let isQuestion = line.content.hasSuffix("?")
            for phrase in nounPhrases(tokens, covered: covered)
            where isStatedSkill(phrase, in: tokens, covered: covered, isQuestion: isQuestion) {
                let raw = phrase.map { tokens[$0].raw }.joined(separator: " ")
                let keys = phrase.map { tokens[$0].key }
                result.append(make("phrase:" + keys.joined(separator: " "), raw.lowercased(),
                                   domainLine ? .domain : .hardSkill, .phrase(keys: keys), phrase))
            }
        }
        return Self.droppingUmbrellas(result, tokens: tokens)
    }

    /// "Programming languages such as Java, C++ or Python", "NoSQL databases like MongoDB": the
    /// examples are what the job asks for; the umbrella before them is a heading over them, and
    /// listing it too would ask twice.
    static func droppingUmbrellas(_ found: [ExtractedRequirement], tokens: [Token]) -> [ExtractedRequirement] {
        guard found.count >= 2 else { return found }
        return found.filter { r in
            guard r.category != .yearsOfExperience else { return true }
            guard let k = afterExampleCue(tokens, at: r.tokenRange.upperBound) else { return true }
            // An example must follow at once (a word of filler aside).
            return !found.contains { $0.tokenRange.lowerBound >= k && $0.tokenRange.lowerBound <= k + 1 }
        }
    }

    /// Where the examples start when "such as", "like", "e.g.", "including" opens them at `k`.
    private static func afterExampleCue(_ tokens: [Token], at k: Int) -> Int? {
        guard k < tokens.count else { return nil }
        let word = tokens[k].lower
        if word == "such", k + 1 < tokens.count, tokens[k + 1].lower == "as" { return k + 2 }
        if ["like", "including", "incl", "eg", "e.g", "e.g."].contains(word) { return k + 1 }
        if word == "e", k + 1 < tokens.count, tokens[k + 1].lower == "g" { return k + 2 }
        return nil
    }

    /// "Master the English language", "master data": the word written in lower case and not
    /// followed by what a degree is followed by is a verb or an adjective, not a master's degree.
    /// Likewise "a high degree of accuracy": "degree" of an amount, not of a university.
    static func isVerbNotDegree(_ range: Range<Int>, in tokens: [Token]) -> Bool {
        if range.count == 1, tokens[range.lowerBound].lower == "degree" {
            let before = range.lowerBound > 0 ? tokens[range.lowerBound - 1].lower : ""
            let after = range.upperBound < tokens.count ? tokens[range.upperBound].lower : ""
            return amountWords.contains(before) || after == "of"
        }
        guard range.count == 1, ["master", "masters"].contains(tokens[range.lowerBound].raw) else { return false }
        guard range.upperBound < tokens.count else { return false }
        let next = tokens[range.upperBound]
        if next.gapBefore.contains(where: { "'’/,(".contains($0) }) { return false }
        return !degreeFollowers.contains(next.lower)
    }

    private static let amountWords: Set<String> = [
        "high", "highest", "great", "greater", "large", "certain", "significant", "considerable", "some", "low", "varying",
    ]

    private static let degreeFollowers: Set<String> = [
        "degree", "degrees", "of", "in", "or", "and", "level", "diploma", "studies", "programme", "program", "student",
        "students", "thesis", "s", "preferred", "required",
    ]

    /// How plainly a line states requirements, which decides what may be read from it.
    enum Strength: Sendable {
        /// A requirements or nice-to-have part: vocabulary terms, tools, degrees and stated skills.
        case strong
        /// Duties: vocabulary terms of several words, tools, soft skills.
        case medium
        /// Prose no heading or wording places: only tools and curated or multi-word knowledge.
        case weak

        init(_ line: PostingText.Line) {
            switch line.part {
            case .requirements, .niceToHave: self = .strong
            case .responsibilities: self = .medium
            default: self = .weak
            }
        }

        /// Single common words from the large vocabulary ("market", "energy") only count where
        /// the posting states requirements; soft skills not in prose nobody placed.
        func allows(_ entry: Lexicon.Entry, words: Int) -> Bool {
            switch self {
            case .strong: return true
            case .medium: return entry.source == .curated || words > 1 || entry.category == .tool
            case .weak:
                if entry.category == .softSkill { return false }
                return entry.category == .tool || (words > 1 && entry.source != .esco) || (entry.source == .curated && entry.category != .domain)
            }
        }
    }

    /// A phrase is a stated skill when the line asks for it by name: right after "experience
    /// with/in", "knowledge of", "proficient in", "degree in"… (adjectives in between are fine),
    /// or as a whole short list item ("- Patient assessment").
    private func isStatedSkill(_ phrase: Range<Int>, in tokens: [Token], covered: [Bool], isQuestion: Bool) -> Bool {
        // A whole short item is the skill, unless it asks the reader something ("Does it sound interesting?").
        if phrase.lowerBound == 0, phrase.upperBound == tokens.count { return !isQuestion }
        // One leftover word ("complementary", "benefit") is rarely the skill itself.
        guard phrase.count >= 2 else { return false }
        var k = phrase.lowerBound - 1
        var skipped = 0
        while k >= 0, skipped <= 3, Self.adjectives.contains(tokens[k].lower) {
            k -= 1
            skipped += 1
        }
        guard k >= 1 else { return false }
        let preposition = tokens[k].lower
        let head = tokens[k - 1].lower
        if Self.cuePrepositions.contains(preposition), Self.cueHeads.contains(head) { return true }
        return Self.cueVerbs.contains(tokens[k].lower)
    }

    private static let cuePrepositions: Set<String> = ["in", "with", "of", "on", "within", "for", "using", "around"]
    private static let cueHeads: Set<String> = [
        "experience", "experienced", "knowledge", "understanding", "familiarity", "familiar", "proficiency", "proficient",
        "background", "expertise", "expert", "skills", "skilled", "degree", "education", "training", "certification",
        "certified", "competence", "competences", "competency", "fluency", "fluent", "grounding", "insight", "exposure",
        "command", "mastery", "qualification", "qualifications", "diploma", "master", "bachelor", "studies", "passion",
    ]
    private static let cueVerbs: Set<String> = ["know", "knows", "master", "masters", "speak", "speaks", "understand", "understands"]
    private static let adjectives: Set<String> = [
        "strong", "solid", "good", "great", "excellent", "deep", "broad", "sound", "proven", "practical", "hands", "on",
        "working", "basic", "advanced", "extensive", "thorough", "relevant", "professional", "some", "prior", "previous",
        "demonstrable", "demonstrated", "in-depth", "depth", "comprehensive", "very", "the", "a", "an", "modern",
    ]

    /// The words of the line the tokens span, exactly as written.
    private func quote(_ line: PostingText.Line, _ range: Range<Int>) -> String {
        Tokenizer.quote(line.content, line.tokens, range)
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
        let degreeHits = hits.filter { lexicon.category($0.entry) == .education }
        guard let first = degreeHits.first, let last = degreeHits.last else { return nil }
        let level = degreeHits.compactMap { lexicon.entries[$0.entry].level }.min() ?? 1
        for hit in degreeHits { for k in hit.range { covered[k] = true } }
        var fieldRange = last.range.upperBound..<last.range.upperBound
        var i = last.range.upperBound
        if i < tokens.count, ["degree", "título", "titulación", "titulo", "titulacion"].contains(tokens[i].lower) { i += 1 }
        if i < tokens.count, ["in", "en", "of", "em", "im"].contains(tokens[i].lower),
           !tokens[i].gapBefore.contains(where: { ",;(".contains($0) }) {
            var j = i + 1
            while j < tokens.count, j - i <= 4, !tokens[j].gapBefore.contains(where: { ",;()./".contains($0) }),
                  !covered[j], !["or", "and", "o", "y", "oder", "und", "ou", "et", "with", "con", "plus"].contains(tokens[j].lower) {
                j += 1
            }
            fieldRange = (i + 1)..<j
        }
        let fieldTokens = fieldRange.filter { !lexicon.isGeneric(tokens[$0]) }
        for k in fieldRange { covered[k] = true }
        if i < tokens.count, !fieldRange.isEmpty { covered[i] = true }
        let field = fieldTokens.map { tokens[$0].key }
        let levelName = ["associate degree", "bachelor's degree", "master's degree", "doctorate"][min(max(level, 0), 3)]
        let fieldLabel = fieldTokens.map { tokens[$0].raw }.joined(separator: " ")
        let label = field.isEmpty ? levelName : "\(levelName) in \(fieldLabel)"
        let id = "degree:\(level)" + (field.isEmpty ? "" : ":" + field.joined(separator: " "))
        let end = max(first.range.upperBound, fieldRange.upperBound)
        return DegreeFound(id: id, label: label, level: level, field: field, range: first.range.lowerBound..<end)
    }

    /// Runs of 1–4 content words left over in a requirement line, split at punctuation,
    /// generic words ("experience", "strong", "with") and terms already found.
    private func nounPhrases(_ tokens: [Token], covered: [Bool]) -> [Range<Int>] {
        var phrases: [Range<Int>] = []
        var start: Int?
        func close(_ end: Int) {
            defer { start = nil }
            guard var s = start else { return }
            while s < end, Self.leadingVerbs.contains(tokens[s].lower) { s += 1 }
            var e = end
            while e > s, Self.trailingWords.contains(tokens[e - 1].lower) { e -= 1 }
            let length = e - s
            guard length >= 1, length <= 4 else { return }
            let words = tokens[s..<e]
            guard words.allSatisfy(\.isAlphabetic), words.contains(where: { $0.lower.count >= 4 }) else { return }
            if length == 1, words.first!.lower.count < 7 { return }
            if words.allSatisfy({ lexicon.isPlaceWord($0.lower) || Self.fillerWords.contains($0.lower) }) { return }
            phrases.append(s..<e)
        }
        for (k, t) in tokens.enumerated() {
            let stop = covered[k] || lexicon.isGeneric(t) || !t.isAlphabetic || Self.fillerWords.contains(t.lower)
            let breaks = stop || t.gapBefore.contains(where: { ",;:()[]./|!?".contains($0) })
            if breaks {
                close(k)
                if !stop { start = k }
            } else if start == nil {
                start = k
            }
        }
        close(tokens.count)
        return phrases
    }

    /// Verbs that open a duty ("build", "maintains", "designing") are not part of the skill.
    private static let leadingVerbs: Set<String> = inflected([
        "build", "design", "develop", "manage", "lead", "plan", "deliver", "ensure", "provide", "support", "work",
        "collaborate", "maintain", "create", "drive", "own", "run", "write", "deploy", "use", "apply", "perform",
        "conduct", "prepare", "review", "monitor", "coordinate", "oversee", "analyze", "analyse", "demonstrate",
        "handle", "implement", "partner", "communicate", "teach", "assist", "improve", "establish", "foster", "help",
        "define", "translate", "execute", "understand", "learn", "solve", "identify", "contribute", "participate",
        "take", "make", "bring", "join", "enjoy", "thrive", "want", "like", "love", "know", "speak", "read",
    ])

    /// A verb with its -s, -ing and -ed forms ("build", "builds", "building", "built" aside).
    private static func inflected(_ verbs: [String]) -> Set<String> {
        var forms = Set<String>()
        for verb in verbs {
            let stem = verb.hasSuffix("e") ? String(verb.dropLast()) : verb
            forms.formUnion([verb, verb + "s", stem + "ing", stem + "ed", verb + "d"])
        }
        return forms
    }

    /// Words a phrase never ends on.
    private static let trailingWords: Set<String> = ["etc", "ideally", "preferably", "required", "needed", "essential"]

    /// Words that are neither skills nor knowledge, whatever the sentence ("someone", "ideas").
    static let fillerWords: Set<String> = [
        "someone", "somebody", "anyone", "everyone", "people", "ideas", "things", "something", "lots", "plenty",
        "way", "ways", "kind", "part", "parts", "place", "time", "times", "life", "today", "tomorrow", "future",
        "candidate", "candidates", "applicant", "applicants", "colleague", "colleagues", "position", "opportunity",
        "chance", "mindset", "attitude", "passion", "interest", "curiosity", "desire", "drive", "eye", "flair",
        "example", "examples", "please", "thank", "welcome", "need", "needs", "want", "great", "important", "able",
        "eligibility", "eligible", "licensure", "ability", "abilities", "minimum", "least", "plus",
        "latest", "newest", "version", "versions",
    ]

    // MARK: Alternatives

    /// "Tableau or Looker", "Go/Python", "Jest, Mocha or similar": neighbours joined by "or" or a
    /// slash (possibly in a comma list) form one group; a list joined only by commas or "and"
    /// does not. "(or eligibility for X)" joins X to the term before it.
    private func assignGroups(_ candidates: inout [ExtractedRequirement], tokens: [Token], next: inout Int) {
        guard candidates.count >= 2 else { return }
        var chainStart = 0
        var chainHasOr = false
        func closeChain(_ end: Int) {
            // "Jest, Mocha or similar": the list is a set of alternatives.
            let after = candidates[end - 1].tokenRange.upperBound
            if after + 1 < tokens.count, Self.orWords.contains(tokens[after].lower),
               Self.orSimilar.contains(tokens[after + 1].lower) {
                chainHasOr = true
            }
            if chainHasOr, end - chainStart >= 2 {
                for k in chainStart..<end { candidates[k].group = next }
                next += 1
            }
        }
        for k in 1..<candidates.count {
            let from = candidates[k - 1].tokenRange.upperBound
            let to = max(from, candidates[k].tokenRange.lowerBound)
            let between = tokens[from..<to]
            let words = between.map(\.lower).filter { !Self.alternativeFillers.contains($0) }
            let slash = to < tokens.count && tokens[to].gapBefore.contains("/") && between.isEmpty
            // "Nginx/Varnish; CI/CD": a semicolon ends the list of alternatives.
            let clauseBreak = (from..<min(to + 1, tokens.count)).contains { $0 > 0 && tokens[$0].gapBefore.contains(";") }
            let link: Bool
            if clauseBreak {
                link = false
            } else if slash {
                link = true
                chainHasOr = true
            } else if words.isEmpty {
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
    private static let orSimilar: Set<String> = ["similar", "equivalent", "comparable", "other", "alike", "related", "ähnliche", "similaire", "similares"]
    /// Words that may sit between alternatives without breaking them: "or eligibility for".
    private static let alternativeFillers: Set<String> = ["eligibility", "eligible", "for", "a", "an", "the", "equivalent"]

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
                merged[p].jdTerm = r.jdTerm
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
