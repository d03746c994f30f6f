import Foundation
import ResumeKit

/// Finds claims in proposed resume text that the original resume does not support:
/// skills and tools, employers, job titles, degrees, certifications, dates and numbers.
///
/// Honest rewrites pass: reordering, tightening, and synonyms the lexicon knows ("Postgres"
/// for "PostgreSQL", "mentoring" for "Mentored") introduce no new claim. Lines copied unchanged
/// from the original are not re-checked.
public enum TruthGuard {
    /// Flags every unsupported claim in `proposed`, in line order.
    public static func check(original: String, proposed: String) -> [TruthFlag] {
        check(original: original, proposed: proposed, lexicon: .bundled)
    }

    /// As `check(original:proposed:)`, with a given lexicon.
    public static func check(original: String, proposed: String, lexicon: Lexicon) -> [TruthFlag] {
        let facts = OriginalFacts(original, lexicon: lexicon)
        var flags: [TruthFlag] = []
        var seen = Set<String>()
        var inExperience = false
        for (i, line) in ResumeText.splitLines(proposed).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("## ") || trimmed.hasPrefix("# ") {
                inExperience = facts.isExperienceHeading(trimmed)
            }
            guard !trimmed.isEmpty, !facts.lines.contains(trimmed) else { continue }
            for flag in claims(in: line, number: i + 1, facts: facts, lexicon: lexicon, inExperience: inExperience) {
                let key = "\(flag.kind.rawValue)|\(flag.claim.lowercased())|\(flag.line)"
                if seen.insert(key).inserted { flags.append(flag) }
            }
        }
        return flags
    }

    private static func claims(
        in line: String, number: Int, facts: OriginalFacts, lexicon: Lexicon, inExperience: Bool
    ) -> [TruthFlag] {
        var flags: [TruthFlag] = []
        func flag(_ kind: TruthFlag.Kind, _ claim: String, _ reason: String) {
            flags.append(TruthFlag(kind: kind, claim: claim, line: number, lineText: line, reason: reason))
        }
        let tokens = Tokenizer.tokenize(line)
        if let role = RoleHeader(line), inExperience || line.trimmingCharacters(in: .whitespaces).hasPrefix("###") {
            if !facts.titles.contains(role.title.lowercased()) {
                flag(.title, role.title, "The original resume never lists the job title \"\(role.title)\".")
            }
            if let employer = role.employer, !facts.employers.contains(employer.lowercased()) {
                flag(.employer, employer, "The original resume never lists the employer \"\(employer)\".")
            }
        }
        var covered = Array(repeating: false, count: tokens.count)
        for hit in lexicon.scan(tokens) {
            for k in hit.range { covered[k] = true }
            guard !facts.entries.contains(hit.entry) else { continue }
            let entry = lexicon.entries[hit.entry]
            let claim = hit.range.map { tokens[$0].raw }.joined(separator: " ")
            switch entry.category {
            case .education:
                flag(.degree, claim, "The original resume shows no \(entry.label).")
            case .certification:
                flag(.certification, claim, "The original resume shows no \(entry.label) certification or licence.")
            default:
                flag(.skill, claim, "The original resume never mentions \(entry.label) or a synonym of it.")
            }
        }
        for (k, t) in tokens.enumerated() where !covered[k] && looksLikeName(t, lexicon: lexicon) {
            guard !facts.words.contains(t.lower), !facts.stems.contains(t.stem) else { continue }
            let kind: TruthFlag.Kind = t.isAcronym || t.isMixedCase ? .skill : .name
            flag(kind, t.raw, "\"\(t.raw)\" does not appear anywhere in the original resume.")
        }
        for n in NumberClaim.scan(line) where !facts.supports(n) {
            if n.kind == .year {
                flag(.date, n.text, "The year \(n.text) does not appear in the original resume.")
            } else {
                flag(.number, n.text, "The original resume has no \(describe(n)) \(n.text).")
            }
        }
        for date in monthYears(line) where !facts.monthYears.contains(date.value) {
            flag(.date, date.text, "The original resume never gives the date \(date.text).")
        }
        return flags
    }

    private static func describe(_ n: NumberClaim) -> String {
        switch n.kind {
        case .percent: "percentage"
        case .money: "amount"
        case .plain, .year: "number"
        }
    }

    /// Technical-looking or proper-noun words: acronyms, mixed case, or capitalised mid-sentence.
    private static func looksLikeName(_ t: Token, lexicon: Lexicon) -> Bool {
        guard t.raw.count >= 2, t.raw.first?.isLetter == true else { return false }
        if t.isAcronym || t.isMixedCase { return true }
        return t.isCapitalized && !t.isSentenceStart && !lexicon.isGeneric(t)
    }

    /// Dates with a month ("March 2020", "03/2020", "2020年3月"), read by ResumeKit's date grammar.
    static func monthYears(_ line: String) -> [(value: YearMonth, text: String)] {
        DateRange.all(in: line).flatMap { range in
            [range.start, range.end].compactMap { point in point.flatMap { $0.month == nil ? nil : ($0, range.text) } }
        }
    }
}

/// Everything the original resume states, in the forms `TruthGuard` compares against.
private struct OriginalFacts {
    let lines: Set<String>
    let entries: Set<Int>
    let words: Set<String>
    let stems: Set<String>
    let numbers: Set<NumberClaim.Key>
    let monthYears: Set<YearMonth>
    let titles: Set<String>
    let employers: Set<String>
    let experienceHeadings: Set<String>

    init(_ text: String, lexicon: Lexicon) {
        var lines = Set<String>(), entries = Set<Int>(), words = Set<String>(), stems = Set<String>()
        var numbers = Set<NumberClaim.Key>(), monthYears = Set<YearMonth>(), titles = Set<String>(), employers = Set<String>()
        let resume = ResumeText(text)
        for (i, line) in resume.lines.enumerated() {
            let tokens = resume.tokens[i]
            lines.insert(line.text.trimmingCharacters(in: .whitespaces))
            for hit in lexicon.scan(tokens) { entries.insert(hit.entry) }
            for t in tokens { words.insert(t.lower); stems.insert(t.stem) }
            for n in NumberClaim.scan(line.text) { numbers.formUnion(n.keys) }
            for d in TruthGuard.monthYears(line.text) { monthYears.insert(d.value) }
            if let role = RoleHeader(line.text) {
                titles.insert(role.title.lowercased())
                if let e = role.employer { employers.insert(e.lowercased()) }
            }
        }
        self.lines = lines
        self.entries = entries
        self.words = words
        self.stems = stems
        self.numbers = numbers
        self.monthYears = monthYears
        self.titles = titles
        self.employers = employers
        self.experienceHeadings = Set(resume.lines.filter { $0.role == .heading && $0.sectionKind == .experience }.map {
            $0.text.trimmingCharacters(in: .whitespaces)
        })
    }

    func isExperienceHeading(_ trimmed: String) -> Bool { experienceHeadings.contains(trimmed) }

    func supports(_ n: NumberClaim) -> Bool { !numbers.isDisjoint(with: n.keys) }
}

extension NumberClaim {
    /// Comparable identity: value and kind; a plain number also matches a year written the same.
    struct Key: Hashable { let value: Double; let kind: Kind }

    var keys: Set<Key> {
        switch kind {
        case .plain, .year: [Key(value: value, kind: .plain)]
        case .percent, .money: [Key(value: value, kind: kind)]
        }
    }
}
