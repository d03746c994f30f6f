import ResumeKit

/// Finds the resume lines that support each requirement, or decides it is missing.
///
/// Support means the line contains the requirement's term, a listed synonym, or a listed
/// narrower term, as whole words (plurals folded, nothing stemmed: "Present" never proves
/// "presentation"). Dates prove durations and nothing else. Related evidence — a lexicon
/// `related` term, some of a phrase's words, a degree in another field — only ever yields
/// `partial`, so nothing the resume lacks reads as supported.
struct EvidenceMatcher: Sendable {
    let lexicon: Lexicon
    let resume: ResumeText
    let timeline: ExperienceTimeline
    /// Lexicon hits per resume line, computed once.
    private let hits: [[TermHit]]
    /// Indices of lines that may be quoted as evidence, computed once.
    private let evidenceLines: [Int]

    static let maxEvidence = 3

    init(lexicon: Lexicon, resume: ResumeText, timeline: ExperienceTimeline) {
        self.lexicon = lexicon
        self.resume = resume
        self.timeline = timeline
        self.evidenceLines = resume.lines.indices.filter(resume.isEvidenceLine)
        var hits = Array(repeating: [TermHit](), count: resume.lines.count)
        for i in evidenceLines { hits[i] = lexicon.scan(resume.tokens[i]) }
        self.hits = hits
    }

    func match(_ r: ExtractedRequirement) -> RequirementMatch {
        let (status, evidence, note) = verdict(r)
        return RequirementMatch(
            id: r.id, label: r.label, category: r.category, priority: r.priority, status: status,
            jdLine: r.jdLine, jdText: r.jdText, jdTerm: r.jdTerm.isEmpty ? nil : r.jdTerm, anyOfGroup: r.group,
            alternatives: nil,
            yearsRequired: { if case .years(let n) = r.matcher { return n } else { return nil } }(),
            evidence: Array(ranked(evidence).prefix(Self.maxEvidence)), note: note)
    }

    private func verdict(_ r: ExtractedRequirement) -> (MatchStatus, [Evidence], String?) {
        switch r.matcher {
        case .lexicon(let entry): lexiconVerdict(entry)
        case .years(let n): yearsVerdict(n)
        case .degree(let level, let field): degreeVerdict(level: level, field: field)
        case .term(let keys): termVerdict(keys)
        case .phrase(let keys): phraseVerdict(keys)
        }
    }

    // MARK: Lexicon terms

    private func lexiconVerdict(_ entry: Int) -> (MatchStatus, [Evidence], String?) {
        let label = lexicon.entries[entry].label
        let narrower = narrowerClosure(of: entry)
        var direct: [Evidence] = []
        var kinds: [Evidence] = []
        for i in evidenceLines {
            if let hit = hits[i].first(where: { $0.entry == entry }) {
                direct.append(evidence(i, quote(i, hit.range), hit.isLabel ? .exact : .synonym))
            } else if let hit = hits[i].first(where: { narrower.contains($0.entry) }) {
                kinds.append(evidence(i, quote(i, hit.range), .narrower))
            }
        }
        if !direct.isEmpty || !kinds.isEmpty { return (.supported, direct + kinds, nil) }
        var related: [Evidence] = []
        let relatedEntries = Set(lexicon.relatedEntries(entry))
        for i in evidenceLines {
            if let hit = hits[i].first(where: { relatedEntries.contains($0.entry) }) {
                related.append(evidence(i, quote(i, hit.range), .related))
            } else if let range = lexicon.relatedPhrases(entry).lazy.compactMap({ Lexicon.find($0, in: resume.tokens[i]) }).first {
                related.append(evidence(i, quote(i, range), .related))
            }
        }
        if !related.isEmpty {
            return (.partial, related, "Only related evidence; the resume does not show \(label) itself.")
        }
        return (.missing, [], nil)
    }

    /// Narrower terms and theirs (AWS → EKS → …), two levels deep: a kind of a kind still proves it.
    private func narrowerClosure(of entry: Int) -> Set<Int> {
        var result = Set(lexicon.narrowerEntries(entry))
        for child in lexicon.narrowerEntries(entry) { result.formUnion(lexicon.narrowerEntries(child)) }
        result.remove(entry)
        return result
    }

    // MARK: Years

    private func yearsVerdict(_ required: Int) -> (MatchStatus, [Evidence], String?) {
        let months = timeline.totalMonths
        var evidence = timeline.spans.map { span in
            Evidence(line: span.line, section: line(span.line).section, text: line(span.line).text,
                     matched: span.text, kind: .duration)
        }
        if months == 0, let stated = timeline.statedYears {
            let e = Evidence(line: stated.line, section: line(stated.line).section, text: line(stated.line).text,
                             matched: "\(stated.years) years", kind: .exact)
            let status: MatchStatus = stated.years >= required ? .supported : .missing
            return (status, [e], "No employment dates found; using the years the resume states.")
        }
        let years = timeline.totalYears
        let note = "The resume's dates cover \(Self.format(years)) years (overlaps counted once); the job asks for \(required)+."
        if Double(months) >= Double(required * 12) { return (.supported, evidence, note) }
        if Double(months) >= 0.8 * Double(required * 12) { return (.partial, evidence, note) }
        if months == 0 { evidence = [] }
        return (.missing, evidence, months == 0 ? "No employment dates found in the resume." : note)
    }

    static func format(_ years: Double) -> String {
        years == years.rounded() ? String(Int(years)) : String(years)
    }

    // MARK: Degrees

    private func degreeVerdict(level: Int, field: [String]) -> (MatchStatus, [Evidence], String?) {
        var full: [Evidence] = []
        var partial: [Evidence] = []
        var lowerLevel: [Evidence] = []
        for i in evidenceLines {
            let degreeHits = hits[i].filter { lexicon.category($0.entry) == .education }
            guard let best = degreeHits.max(by: { (lexicon.entries[$0.entry].level ?? 1) < (lexicon.entries[$1.entry].level ?? 1) }) else { continue }
            let e = evidence(i, quote(i, best.range), .exact)
            guard (lexicon.entries[best.entry].level ?? 1) >= level else { lowerLevel.append(e); continue }
            let keys = Set(resume.tokens[i].map(\.key))
            if field.allSatisfy(keys.contains) { full.append(e) } else { partial.append(e) }
        }
        if !full.isEmpty { return (.supported, full, nil) }
        if !partial.isEmpty { return (.partial, partial, "A degree is listed, but not in the field the job names.") }
        if !lowerLevel.isEmpty { return (.partial, lowerLevel, "A degree is listed, but below the level the job names.") }
        return (.missing, [], nil)
    }

    // MARK: Pattern terms and phrases

    private func termVerdict(_ keys: [String]) -> (MatchStatus, [Evidence], String?) {
        let found = evidenceLines.compactMap { i in Lexicon.find(keys, in: resume.tokens[i]).map { evidence(i, quote(i, $0), .exact) } }
        return found.isEmpty ? (.missing, [], nil) : (.supported, found, nil)
    }

    /// The phrase itself proves it; its words scattered over a line are only related.
    private func phraseVerdict(_ keys: [String]) -> (MatchStatus, [Evidence], String?) {
        var exact: [Evidence] = []
        var related: [Evidence] = []
        let distinctive = keys.filter { $0.count >= 5 && !lexicon.isGenericWord($0) }
        for i in evidenceLines {
            let tokens = resume.tokens[i]
            if let range = Lexicon.find(keys, in: tokens) {
                exact.append(evidence(i, quote(i, range), .exact))
                continue
            }
            guard keys.count > 1 else { continue }
            let present = tokens.indices.filter { keys.contains(tokens[$0].key) }
            let presentKeys = Set(present.map { tokens[$0].key })
            if presentKeys.count * 2 >= keys.count, distinctive.contains(where: presentKeys.contains) {
                related.append(evidence(i, present.map { tokens[$0].raw }.joined(separator: " … "), .related))
            }
        }
        if !exact.isEmpty { return (.supported, exact, nil) }
        if !related.isEmpty { return (.partial, related, "Some of the words appear, but not the phrase itself.") }
        return (.missing, [], nil)
    }

    // MARK: Helpers

    private func line(_ number: Int) -> ResumeLine { resume.lines[number - 1] }

    private func evidence(_ i: Int, _ matched: String, _ kind: Evidence.Kind) -> Evidence {
        let l = resume.lines[i]
        return Evidence(line: l.number, section: l.section, text: l.text, matched: matched, kind: kind)
    }

    private func quote(_ i: Int, _ range: Range<Int>) -> String {
        Tokenizer.quote(resume.lines[i].text, resume.tokens[i], range)
    }

    /// Experience first (where a claim is proven), then summary, then lists; each by line.
    private func ranked(_ evidence: [Evidence]) -> [Evidence] {
        evidence.sorted { a, b in
            let ra = Self.rank(line(a.line)), rb = Self.rank(line(b.line))
            return ra != rb ? ra < rb : a.line < b.line
        }
    }

    static func rank(_ line: ResumeLine) -> Int {
        switch line.sectionKind {
        case .experience: line.role == .bullet ? 0 : 1
        case .summary: 2
        case .other: 3
        case .education: 4
        case .skills: 5
        case nil: 6
        }
    }
}
