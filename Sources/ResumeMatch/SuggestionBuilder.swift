/// Turns verdicts into advice, most useful first. Every suggestion stays truthful: surface what
/// the resume already proves; for what it lacks, say so and suggest adding it only if true.
struct SuggestionBuilder: Sendable {
    let lexicon: Lexicon
    let resume: ResumeText
    static let maxSuggestions = 10

    func build(_ requirements: [RequirementMatch]) -> [Suggestion] {
        var out: [(Suggestion.Kind, [String], String, Int?)] = []
        let must = requirements.filter { $0.priority == .must }
        let nice = requirements.filter { $0.priority == .nice }
        let satisfiedGroups = Set(requirements.filter { $0.status == .supported }.compactMap(\.anyOfGroup))

        for r in must where r.status == .supported && isBuried(r) {
            let e = r.evidence[0]
            out.append((.surfaceMustHave, [r.id],
                        "\(r.label) is a must-have and your resume supports it only in \(where_(e)) (line \(e.line)). "
                        + "Mention it in your summary, and in an experience bullet if you used it there.", e.line))
        }
        for r in must where r.status == .missing && !(r.anyOfGroup.map(satisfiedGroups.contains) ?? false) {
            out.append((.missingMustHave, [r.id], missingMessage(r), nil))
        }
        for r in requirements where r.status == .partial && !(r.anyOfGroup.map(satisfiedGroups.contains) ?? false) {
            let e = r.evidence.first
            let quoted = e.map { " The closest evidence is line \($0.line): \"\(ResumeText.stripMarkup($0.text))\"." } ?? ""
            out.append((.strengthenPartial, [r.id],
                        "\(r.label) is only partly supported.\(quoted) If you have direct experience with it, describe it "
                        + "concretely; otherwise leave the wording as it is.", e?.line))
        }
        if let reorder = skillsReorder(requirements) { out.append(reorder) }
        if let summary = summaryMention(must) { out.append(summary) }
        let missingNice = nice.filter { $0.status == .missing && !($0.anyOfGroup.map(satisfiedGroups.contains) ?? false) }
        if !missingNice.isEmpty {
            let names = missingNice.map(\.label).joined(separator: ", ")
            out.append((.missingNiceToHave, missingNice.map(\.id),
                        "Nice-to-haves the resume does not show: \(names). Add any you really have, with a concrete "
                        + "example; leave out the rest.", nil))
        }
        return out.prefix(Self.maxSuggestions).enumerated().map { i, s in
            Suggestion(priority: i + 1, kind: s.0, requirementIds: s.1, message: s.2, line: s.3)
        }
    }

    private func missingMessage(_ r: RequirementMatch) -> String {
        if r.category == .yearsOfExperience {
            return "The job asks for \(r.label.lowercased()) and the resume's dates do not show that much. "
                + "If you have more relevant experience than the dates show, make it visible; never stretch dates."
        }
        return "\(r.label) is required and the resume does not mention it. Add it only if you have real experience "
            + "with it, with a concrete example; if you do not, leave it out and address the gap honestly "
            + "(for example in a cover letter)."
    }

    /// Supported, but every evidence line sits in a list (Skills, Education), none in the
    /// summary or in experience where a reader looks for proof.
    private func isBuried(_ r: RequirementMatch) -> Bool {
        guard r.category != .yearsOfExperience, r.category != .education, !r.evidence.isEmpty else { return false }
        return r.evidence.allSatisfy { e in
            let kind = resume.lines[e.line - 1].sectionKind
            return kind == .skills || kind == .education
        }
    }

    private func where_(_ e: Evidence) -> String {
        e.section.isEmpty ? "one list" : "the \(e.section) section"
    }

    private func skillsReorder(_ requirements: [RequirementMatch]) -> (Suggestion.Kind, [String], String, Int?)? {
        let lookup = RequirementLookup(lexicon: lexicon)
        for line in SkillsList(resume: resume).lines {
            let scores = line.items.map { lookup.relevance(of: $0, to: requirements) }
            let ordered = line.items.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            guard ordered != Array(line.items.indices) else { continue }
            let front = ordered.filter { scores[$0] > 0 }.prefix(6).map { line.items[$0].trimmingCharacters(in: .whitespaces) }
            return (.reorderSkills, [], "Lead your skills list with what this job asks for: \(front.joined(separator: ", ")).",
                    resume.lines[line.index].number)
        }
        return nil
    }

    private func summaryMention(_ must: [RequirementMatch]) -> (Suggestion.Kind, [String], String, Int?)? {
        guard let summaryLine = resume.lines.first(where: { $0.sectionKind == .summary && $0.role == .text }) else { return nil }
        let unmentioned = must.filter { r in
            r.status == .supported && r.category != .yearsOfExperience && r.category != .education
                && !r.evidence.contains { resume.lines[$0.line - 1].sectionKind == .summary }
        }
        guard !unmentioned.isEmpty else { return nil }
        let names = unmentioned.prefix(5).map(\.label).joined(separator: ", ")
        return (.summarize, unmentioned.map(\.id),
                "Your summary does not name these supported must-haves: \(names). A sentence that names them, in "
                + "the words your resume already uses, helps a reader who skims.", summaryLine.number)
    }
}
