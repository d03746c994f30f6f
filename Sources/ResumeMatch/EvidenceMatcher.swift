/// Finds the resume lines that support each requirement, or decides it is missing.
///
/// Support means the line names the requirement (or a lexicon synonym of it) on word
/// boundaries. Related evidence — a lexicon `related` term, part of a phrase, a degree in
/// another field — only ever yields `partial`, so nothing the resume lacks reads as supported.
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
        self.hits = resume.tokens.map { lexicon.scan($0) }
        self.evidenceLines = resume.lines.indices.filter(resume.isEvidenceLine)
    }

    func match(_ r: ExtractedRequirement) -> RequirementMatch {
        let (status, evidence, note) = verdict(r)
        return RequirementMatch(
            id: r.id, label: r.label, category: r.category, priority: r.priority, status: status,
            jdLine: r.jdLine, jdText: r.jdText, anyOfGroup: r.group,
            yearsRequired: { if case .years(let n) = r.matcher { return n } else { return nil } }(),
            evidence: Array(ranked(evidence).prefix(Self.maxEvidence)), note: note)
    }

    private func verdict(_ r: ExtractedRequirement) -> (MatchStatus, [Evidence], String?) {
        switch r.matcher {
        case .lexicon(let entry): lexiconVerdict(entry)
        case .years(let n): yearsVerdict(n)
        case .degree(let level, let field): degreeVerdict(level: level, field: field, label: r.label)
        case .term(let stems): termVerdict(stems)
        case .phrase(let stems): phraseVerdict(stems)
        }
    }

    // MARK: Lexicon terms

    private func lexiconVerdict(_ entry: Int) -> (MatchStatus, [Evidence], String?) {
        let label = lexicon.entries[entry].label
        var direct: [Evidence] = []
        for i in evidenceLines {
            for hit in hits[i] where hit.entry == entry {
                let matched = quote(i, hit.range)
                let kind: Evidence.Kind = matched.lowercased() == label.lowercased() ? .exact : .synonym
                direct.append(evidence(i, matched, kind))
                break
            }
        }
        if !direct.isEmpty { return (.supported, direct, nil) }
        var related: [Evidence] = []
        let relatedEntries = Set(lexicon.relatedEntries[entry])
        for i in evidenceLines {
            if let hit = hits[i].first(where: { relatedEntries.contains($0.entry) }) {
                related.append(evidence(i, quote(i, hit.range), .related))
            } else if let range = lexicon.relatedPhrases[entry].lazy.compactMap({ Lexicon.find($0, in: resume.tokens[i]) }).first {
                related.append(evidence(i, quote(i, range), .related))
            }
        }
        if !related.isEmpty {
            return (.partial, related, "Only related evidence; the resume does not show \(label) itself.")
        }
        return (.missing, [], nil)
    }

    // MARK: Years

    private func yearsVerdict(_ required: Int) -> (MatchStatus, [Evidence], String?) {
        let months = timeline.totalMonths
        var evidence = timeline.ranges.map { range in
            Evidence(line: range.line, section: line(range.line).section, text: line(range.line).text,
                     matched: range.text, kind: .dates)
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

    private func degreeVerdict(level: Int, field: [String], label: String) -> (MatchStatus, [Evidence], String?) {
        var full: [Evidence] = []
        var partial: [Evidence] = []
        var lowerLevel: [Evidence] = []
        for i in evidenceLines {
            let degreeHits = hits[i].filter { lexicon.entries[$0.entry].category == .education }
            guard let best = degreeHits.max(by: { (lexicon.entries[$0.entry].level ?? 1) < (lexicon.entries[$1.entry].level ?? 1) }) else { continue }
            let e = evidence(i, quote(i, best.range), .exact)
            guard (lexicon.entries[best.entry].level ?? 1) >= level else { lowerLevel.append(e); continue }
            let stems = Set(resume.tokens[i].map(\.stem))
            if field.allSatisfy(stems.contains) { full.append(e) } else { partial.append(e) }
        }
        if !full.isEmpty { return (.supported, full, nil) }
        if !partial.isEmpty { return (.partial, partial, "A degree is listed, but not in the field the job names.") }
        if !lowerLevel.isEmpty { return (.partial, lowerLevel, "A degree is listed, but below the level the job names.") }
        return (.missing, [], nil)
    }

    // MARK: Pattern terms and phrases

    private func termVerdict(_ stems: [String]) -> (MatchStatus, [Evidence], String?) {
        let found = evidenceLines.compactMap { i in Lexicon.find(stems, in: resume.tokens[i]).map { evidence(i, quote(i, $0), .exact) } }
        return found.isEmpty ? (.missing, [], nil) : (.supported, found, nil)
    }

    private func phraseVerdict(_ stems: [String]) -> (MatchStatus, [Evidence], String?) {
        var exact: [Evidence] = []
        var reworded: [Evidence] = []
        var related: [Evidence] = []
        let distinctive = stems.filter { $0.count >= 5 && !lexicon.genericWords.contains($0) }
        for i in evidenceLines {
            let tokens = resume.tokens[i]
            if let range = Lexicon.find(stems, in: tokens) {
                exact.append(evidence(i, quote(i, range), .exact))
                continue
            }
            guard stems.count > 1 else { continue }
            let present = tokens.indices.filter { stems.contains(tokens[$0].stem) }
            let presentStems = Set(present.map { tokens[$0].stem })
            if presentStems.count == Set(stems).count {
                reworded.append(evidence(i, present.map { tokens[$0].raw }.joined(separator: " … "), .synonym))
            } else if presentStems.count * 2 >= stems.count, distinctive.contains(where: presentStems.contains) {
                related.append(evidence(i, present.map { tokens[$0].raw }.joined(separator: " … "), .related))
            }
        }
        if !exact.isEmpty || !reworded.isEmpty { return (.supported, exact + reworded, nil) }
        if !related.isEmpty { return (.partial, related, "Some of the words appear, but not the whole phrase.") }
        return (.missing, [], nil)
    }

    // MARK: Helpers

    private func line(_ number: Int) -> ResumeLine { resume.lines[number - 1] }

    private func evidence(_ i: Int, _ matched: String, _ kind: Evidence.Kind) -> Evidence {
        let l = resume.lines[i]
        return Evidence(line: l.number, section: l.section, text: l.text, matched: matched, kind: kind)
    }

    private func quote(_ i: Int, _ range: Range<Int>) -> String {
        let tokens = resume.tokens[i]
        guard !range.isEmpty, range.upperBound <= tokens.count else { return "" }
        let chars = Array(resume.lines[i].text)
        let lo = tokens[range.lowerBound].offset
        let hi = tokens[range.upperBound - 1].offset + tokens[range.upperBound - 1].length
        return lo < hi && hi <= chars.count ? String(chars[lo..<hi]) : ""
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
        case .projects, .certifications, .other: 3
        case .education: 4
        case .skills: 5
        case .header: 6
        }
    }
}
