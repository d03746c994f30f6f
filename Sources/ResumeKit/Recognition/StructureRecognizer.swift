/// Turns the lines of any document into a ``Resume``: header block, then sections split at
/// headings, then each section read according to its kind.
///
/// The recognizer knows nothing about formats; it reads the cues in ``SourceLine`` (roles,
/// weight, size, case) and the words themselves (heading names, dates, separators), so one
/// resume gives the same structure whether it came as Markdown, DOCX, PDF or plain text.
enum StructureRecognizer {
    /// What the recognizer decided about one section, for the import report.
    struct SectionNote: Equatable {
        var title: String
        var kind: ResumeSection.Kind
        /// The title is a known section name (else the kind was guessed from style or content).
        var knownTitle: Bool
        var lineCount: Int
        /// Sub-headings that only grouped entries and were not kept ("Vocational").
        var groupLabels: [String] = []
        var entries = 0
        /// Entries with a title, an organisation and dates.
        var completeEntries = 0
    }

    static func recognize(_ rawLines: [SourceLine]) -> Resume {
        recognizeWithNotes(rawLines).resume
    }

    static func recognizeWithNotes(_ rawLines: [SourceLine]) -> (resume: Resume, notes: [SectionNote]) {
        let lines = clean(rawLines)
        guard !lines.isEmpty else { return (Resume(name: ""), []) }
        let detector = HeadingDetector(lines: lines)
        let nameIndex = lines.firstIndex(where: { $0.role == .title }) ?? 0
        var headerLines: [SourceLine] = []
        var sections: [(heading: SourceLine, kind: ResumeSection.Kind, body: [SourceLine])] = []
        for (index, line) in lines.enumerated() {
            // The name line is never a heading, even when it is ALL CAPS or bold.
            if index != nameIndex, let kind = detector.sectionKind(of: line) {
                sections.append((line, kind, []))
            } else if sections.isEmpty {
                headerLines.append(line)
            } else {
                sections[sections.count - 1].body.append(line)
            }
        }
        let header = HeaderBlock.read(headerLines)
        var resume = Resume(name: header.name, headline: header.headline, contact: header.contact)
        if !header.summary.isEmpty {
            resume.sections.append(ResumeSection(title: "Summary", content: .summary(header.summary.joined(separator: "\n\n"))))
        }
        var notes: [SectionNote] = []
        for section in sections {
            let title = displayTitle(section.heading.text.replacingOccurrences(of: "\t", with: " "))
            let known = SectionHeadings.kind(of: section.heading.text) != nil
            let kind = known ? section.kind : kindFromContent(section.kind, section.body)
            var note = SectionNote(title: title, kind: kind, knownTitle: known, lineCount: section.body.count)
            let built = ResumeSection(title: title, content: content(of: kind, section.body, note: &note))
            note.kind = built.kind
            if !built.isEmpty {
                resume.sections.append(built)
                notes.append(note)
            }
        }
        return (resume, notes)
    }

    /// An untitled-by-vocabulary section whose lines carry dates in cells of their own is a list
    /// of dated entries (a heading in a language the vocabulary does not know yet).
    private static func kindFromContent(_ kind: ResumeSection.Kind, _ body: [SourceLine]) -> ResumeSection.Kind {
        guard kind == .other else { return kind }
        let dated = body.filter { line in
            line.role != .listItem && line.text.contains("\t")
                && line.text.components(separatedBy: "\t").contains { DateCell.dates(in: $0) != nil }
        }
        return dated.count >= 1 && dated.count * 4 >= body.filter({ $0.role != .listItem }).count ? .experience : kind
    }

    /// "WORK EXPERIENCE" → "Work Experience": capitals are layout, not wording, and the canonical
    /// form should not shout. Two-letter words ("IT") keep their capitals.
    static func displayTitle(_ heading: String) -> String {
        let title = heading.trimmingCharacters(in: .init(charactersIn: " :："))
        guard title.isAllCaps else { return title }
        return title.split(separator: " ").map { word in
            word.count <= 2 ? String(word) : word.prefix(1) + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }

    /// Trimmed, whitespace collapsed, empty lines dropped, bullet glyphs turned into list items.
    private static func clean(_ lines: [SourceLine]) -> [SourceLine] {
        lines.compactMap { line in
            var copy = line.normalizingBullet()
            if copy.role == .text, let numbered = BulletGlyphs.stripNumber(copy.text) {
                copy.text = numbered
                copy.role = .listItem
            }
            // Tabs separate cells (a right-aligned date, a margin label); entry headers read them.
            copy.text = copy.text.components(separatedBy: "\t").map(\.collapsingWhitespace).filter { !$0.isEmpty && $0 != "|" }
                .joined(separator: "\t")
            return copy.text.isEmpty ? nil : copy
        }
    }

    static func content(of kind: ResumeSection.Kind, _ body: [SourceLine]) -> ResumeSection.Content {
        var note = SectionNote(title: "", kind: kind, knownTitle: true, lineCount: body.count)
        return content(of: kind, body, note: &note)
    }

    static func content(of kind: ResumeSection.Kind, _ body: [SourceLine], note: inout SectionNote) -> ResumeSection.Content {
        switch kind {
        case .summary:
            return .summary(body.map(verbatim).joined(separator: "\n\n"))
        case .experience:
            let grouped = EntryGrouper.experienceEntries(body, parse: parseExperienceHeader)
            let entries = grouped.entries.compactMap(experienceEntry)
            note.groupLabels = grouped.groupLabels
            note.entries = entries.count
            note.completeEntries = entries.filter { !$0.title.isEmpty && $0.employer != nil && $0.dates != nil }.count
            return .experience(entries)
        case .education:
            let grouped = EntryGrouper.educationEntries(body, parse: parseEducationHeader)
            let entries = grouped.entries.compactMap(educationEntry)
            note.groupLabels = grouped.groupLabels
            note.entries = entries.count
            note.completeEntries = entries.filter { !$0.degree.isEmpty && $0.institution != nil && $0.dates != nil }.count
            return .education(entries)
        case .skills:
            return .skills(SkillsReader.groups(body))
        case .other:
            return .lines(body.map(verbatim))
        }
    }

    /// Cells of a line written out for a reader: "Skill level | Comment".
    private static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "\t", with: " | ")
    }

    /// A line as kept in verbatim sections: list items marked `- `, sub-headings `### `.
    private static func verbatim(_ line: SourceLine) -> String {
        let text = line.text.replacingOccurrences(of: "\t", with: " | ")
        switch line.role {
        case .listItem: return "- " + text
        case .heading, .title: return "### " + text
        case .text: return text
        }
    }

    static func parseExperienceHeader(_ lines: [SourceLine]) -> EntryHeader {
        EntryHeader.parse(lines) { first, second in
            (!RoleVocabulary.looksLikeJobTitle(first) && RoleVocabulary.looksLikeJobTitle(second))
                || (RoleVocabulary.looksLikeOrganization(first) && !RoleVocabulary.looksLikeOrganization(second))
        }
    }

    static func parseEducationHeader(_ lines: [SourceLine]) -> EntryHeader {
        EntryHeader.parse(lines) { first, second in
            (RoleVocabulary.looksLikeInstitution(first) && !RoleVocabulary.looksLikeInstitution(second))
                || (!RoleVocabulary.looksLikeDegree(first) && RoleVocabulary.looksLikeDegree(second))
        }
    }

    private static func experienceEntry(_ raw: RawEntry) -> ExperienceEntry? {
        let header = parseExperienceHeader(raw.header)
        guard !header.primary.isEmpty || header.dates != nil || !raw.items.isEmpty || !raw.description.isEmpty else { return nil }
        return ExperienceEntry(
            title: header.primary, employer: header.organization, location: header.location, dates: header.dates,
            description: raw.description.isEmpty ? nil : raw.description.map(plain).joined(separator: " "), bullets: raw.items.map(plain)
        )
    }

    private static func educationEntry(_ raw: RawEntry) -> EducationEntry? {
        let header = parseEducationHeader(raw.header)
        let details = (raw.description + raw.items).map(plain)
        guard !header.primary.isEmpty || header.dates != nil || !details.isEmpty else { return nil }
        return EducationEntry(
            degree: header.primary, institution: header.organization, location: header.location,
            dates: header.dates, details: details
        )
    }
}
