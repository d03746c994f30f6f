import ResumeKit

/// Conservative, deterministic rewrite proposals for the built-in offline provider.
///
/// It only reorders and surfaces what the resume already supports: relevant skills first,
/// relevant bullets first within a role, and a summary sentence naming supported requirements
/// in the resume's own words. Each proposal is checked with `TruthGuard` and dropped if it
/// would add any claim, and is re-scored on the new text.
public enum RewritePlanner {
    /// At most this many bullet-reorder proposals (one per role, roles in resume order).
    static let maxBulletProposals = 2
    /// At most this many items named in the summary sentence.
    static let maxSummaryItems = 6

    /// Proposals for `resume` given the job description and its gap report.
    public static func propose(resume: String, jd: String, report: GapReport) -> [EditProposal] {
        propose(resume: resume, jd: jd, report: report, lexicon: .bundled)
    }

    /// As `propose(resume:jd:report:)`, with a given lexicon.
    public static func propose(resume: String, jd: String, report: GapReport, lexicon: Lexicon) -> [EditProposal] {
        let text = ResumeText(resume)
        let planner = Planner(resume: resume, text: text, jd: jd, report: report, lexicon: lexicon)
        var candidates: [Candidate] = []
        if let summary = planner.summarySentence() { candidates.append(summary) }
        candidates += planner.skillsReorders()
        candidates += planner.bulletReorders().prefix(maxBulletProposals)
        return candidates.compactMap(planner.finish)
    }
}

/// A replacement of lines `start..<start+old.count` by `new`, before diffing and checks.
struct Candidate {
    let id: String
    let kind: EditProposal.Kind
    let title: String
    let rationale: String
    let start: Int
    let old: [String]
    let new: [String]
}

private struct Planner {
    let resume: String
    let text: ResumeText
    let jd: String
    let report: GapReport
    let lexicon: Lexicon

    var lookup: RequirementLookup { RequirementLookup(lexicon: lexicon) }

    // MARK: Summary sentence

    func summarySentence() -> Candidate? {
        let summaryIndices = text.lines.indices.filter { text.lines[$0].sectionKind == .summary && text.lines[$0].role == .text }
        guard let last = summaryIndices.last else { return nil }
        let summaryNumbers = Set(summaryIndices.map { text.lines[$0].number })
        let candidates = report.requirements.filter { r in
            r.status == .supported && r.category != .yearsOfExperience && r.category != .education
                && !r.evidence.contains { summaryNumbers.contains($0.line) }
        }
        var names: [String] = []
        var asked: [String] = []
        var seen = Set<String>()
        for r in candidates.sorted(by: { $0.priority > $1.priority }) {
            let name = wording(for: r)
            // Only clean terms: a requirement's label or words the resume itself contains.
            guard !name.isEmpty, isCleanTerm(name), seen.insert(name.lowercased()).inserted else { continue }
            names.append(resumeSpelling(of: name))
            asked.append(r.label)
            if names.count == RewritePlanner.maxSummaryItems { break }
        }
        guard names.count >= 2 else { return nil }
        let original = text.lines[last].text
        let sentence = ResumeLanguage.detect(text.tokens).strengthsSentence(names)
        let separator = original.hasSuffix(" ") ? "" : " "
        return Candidate(
            id: "summary-\(text.lines[last].number)", kind: .summarySentence,
            title: "Name your strongest matches in the summary",
            rationale: "The job asks for \(asked.joined(separator: ", ")); your resume supports each of them, but the "
                + "summary does not say so. This sentence only repeats what your resume already shows.",
            start: last, old: [original], new: [original + separator + sentence])
    }

    /// The requirement in the resume's own words where they make a short noun phrase
    /// ("logical replication", "PostgreSQL" as written), else the lexicon label, which is a
    /// synonym of what the resume says ("mentoring" for "Mentored").
    /// A term a summary may name: a requirement label, or whole words of the resume; never a
    /// date word, a number or a fragment.
    private func isCleanTerm(_ term: String) -> Bool {
        let tokens = Tokenizer.tokenize(term)
        guard !tokens.isEmpty, tokens.contains(where: { $0.isAlphabetic && $0.raw.count >= 2 }),
              DateRange.all(in: term).isEmpty, !Self.dateWords.contains(term.lowercased()) else { return false }
        if report.requirements.contains(where: { $0.label.caseInsensitiveCompare(term) == .orderedSame }) { return true }
        let keys = tokens.map(\.key)
        return text.tokens.contains { Lexicon.find(keys, in: $0) != nil }
    }

    private static let dateWords: Set<String> = ["present", "current", "now", "today", "date", "ongoing"]

    /// The term as the resume writes it ("GitHub", not the posting's "github"), when it does.
    private func resumeSpelling(of term: String) -> String {
        let keys = Tokenizer.tokenize(term).map(\.key)
        for (i, tokens) in text.tokens.enumerated() {
            if let range = Lexicon.find(keys, in: tokens) { return Tokenizer.quote(text.lines[i].text, tokens, range) }
        }
        return term
    }

    private func wording(for r: RequirementMatch) -> String {
        // A narrower term proves the requirement but is not what the job asked for.
        guard let e = r.evidence.first, e.kind != .related, e.kind != .narrower else { return r.label }
        // A domain or soft skill is named by its label: the resume's words for it may be an
        // employer ("Desert Valley Hospital") or a verb ("presented").
        guard r.category != .domain, r.category != .softSkill,
              text.lines[e.line - 1].role != .roleHeader else { return r.label }
        let matched = e.matched.trimmingCharacters(in: .whitespaces)
        let words = matched.split(separator: " ")
        guard !matched.isEmpty, !matched.contains("…"), words.count <= 2,
              !(words.last?.lowercased().hasSuffix("ed") ?? true) else { return r.label }
        if r.category == .tool || words.contains(where: { $0.count > 1 && $0.allSatisfy { !$0.isLetter || $0.isUppercase } }) {
            return matched
        }
        return matched.lowercased()
    }

    // MARK: Skills

    func skillsReorders() -> [Candidate] {
        let relevant = report.requirements.filter { $0.status != .missing }
        return SkillsList(resume: text).lines.compactMap { line in
            let scores = line.items.map { lookup.relevance(of: $0, to: relevant) }
            let order = line.items.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            guard order != Array(line.items.indices) else { return nil }
            let items = order.map { line.items[$0] }
            let moved = order.filter { scores[$0] > 0 }.prefix(5).map { line.items[$0].trimmingCharacters(in: .whitespaces) }
            return Candidate(
                id: "reorder-skills-\(text.lines[line.index].number)", kind: .reorderSkills,
                title: "Lead the skills list with what the job asks for",
                rationale: "Recruiters skim the first items. Moves \(moved.joined(separator: ", ")) to the front; "
                    + "nothing is added or removed.",
                start: line.index, old: [text.lines[line.index].text], new: [line.rendered(items)])
        }
    }

    // MARK: Bullets

    func bulletReorders() -> [Candidate] {
        let relevant = report.requirements.filter { $0.status != .missing }
        return bulletBlocks().compactMap { block in
            let lines = block.map { text.lines[$0].text }
            let scores = lines.map { lookup.relevance(of: $0, to: relevant) }
            let order = lines.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            guard order != Array(lines.indices) else { return nil }
            let role = roleName(before: block[0])
            return Candidate(
                id: "reorder-bullets-\(text.lines[block[0]].number)", kind: .reorderBullets,
                title: "Put the most relevant bullets first" + (role.map { " in \($0)" } ?? ""),
                rationale: "The bullets that show the job's requirements move to the top of this role; the wording "
                    + "is unchanged.",
                start: block[0], old: lines, new: order.map { lines[$0] })
        }
    }

    /// Runs of consecutive bullet lines in the experience section: one per role.
    private func bulletBlocks() -> [[Int]] {
        var blocks: [[Int]] = []
        var current: [Int] = []
        for (i, line) in text.lines.enumerated() {
            if line.sectionKind == .experience, line.role == .bullet {
                current.append(i)
            } else if !current.isEmpty {
                if current.count >= 2 { blocks.append(current) }
                current = []
            }
        }
        if current.count >= 2 { blocks.append(current) }
        return blocks
    }

    private func roleName(before index: Int) -> String? {
        for i in stride(from: index - 1, through: 0, by: -1) where text.lines[i].role == .roleHeader {
            return ResumeText.stripMarkup(text.lines[i].text)
        }
        return nil
    }

    // MARK: Finishing

    /// Builds the full text and diff, checks truthfulness and re-scores; nil if the guard objects.
    func finish(_ c: Candidate) -> EditProposal? {
        var lines = text.lines.map(\.text)
        guard c.start + c.old.count <= lines.count else { return nil }
        lines.replaceSubrange(c.start..<(c.start + c.old.count), with: c.new)
        // Keep the original line endings so the diff touches only the edited lines.
        let newResume = lines.joined(separator: resume.contains("\r\n") ? "\r\n" : "\n")
        guard newResume != resume else { return nil }
        let flags = TruthGuard.check(original: resume, proposed: newResume, lexicon: lexicon)
        guard flags.isEmpty else { return nil }
        let asOf = YearMonth(isoString: report.asOf) ?? YearMonth(year: 2000, month: 1)
        let after = GapAnalyzer(lexicon: lexicon).analyze(resume: newResume, jobDescription: jd, asOf: asOf)
        return EditProposal(
            id: c.id, kind: c.kind, title: c.title, rationale: c.rationale, startLine: c.start + 1,
            oldText: c.old.joined(separator: "\n"), newText: c.new.joined(separator: "\n"), newResume: newResume,
            diff: UnifiedDiff.make(from: resume, to: newResume), truthFlags: flags,
            scoreBefore: report.score.score, scoreAfter: after.score.score)
    }
}
