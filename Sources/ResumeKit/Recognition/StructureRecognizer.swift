/// Turns the lines of any document into a ``Resume``: header block, then sections split at
/// headings, then each section read according to its kind.
///
/// The recognizer knows nothing about formats; it reads the cues in ``SourceLine`` (roles,
/// weight, size, case) and the words themselves (heading names, dates, separators), so one
/// resume gives the same structure whether it came as Markdown, DOCX, PDF or plain text.
enum StructureRecognizer {
    static func recognize(_ rawLines: [SourceLine]) -> Resume {
        let lines = clean(rawLines)
        guard !lines.isEmpty else { return Resume(name: "") }
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
        for section in sections {
            let title = displayTitle(section.heading.text)
            let built = ResumeSection(title: title, content: content(of: section.kind, section.body))
            if !built.isEmpty { resume.sections.append(built) }
        }
        return resume
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
            copy.text = copy.text.replacingOccurrences(of: "\t", with: " | ").collapsingWhitespace
            copy.text = copy.text.replacingOccurrences(of: "| |", with: "|")
            return copy.text.isEmpty || copy.text == "|" ? nil : copy
        }
    }

    static func content(of kind: ResumeSection.Kind, _ body: [SourceLine]) -> ResumeSection.Content {
        switch kind {
        case .summary:
            return .summary(body.map(verbatim).joined(separator: "\n\n"))
        case .experience:
            return .experience(EntryGrouper.experienceEntries(body).compactMap(experienceEntry))
        case .education:
            return .education(EntryGrouper.educationEntries(body).compactMap(educationEntry))
        case .skills:
            return .skills(SkillsReader.groups(body))
        case .other:
            return .lines(body.map(verbatim))
        }
    }

    /// A line as kept in verbatim sections: list items marked `- `, sub-headings `### `.
    private static func verbatim(_ line: SourceLine) -> String {
        switch line.role {
        case .listItem: "- " + line.text
        case .heading, .title: "### " + line.text
        case .text: line.text
        }
    }

    private static func experienceEntry(_ raw: RawEntry) -> ExperienceEntry? {
        let header = EntryHeader.parse(raw.header) { first, second in
            (!RoleVocabulary.looksLikeJobTitle(first) && RoleVocabulary.looksLikeJobTitle(second))
                || (RoleVocabulary.looksLikeOrganization(first) && !RoleVocabulary.looksLikeOrganization(second))
        }
        guard !header.primary.isEmpty || header.dates != nil || !raw.items.isEmpty || !raw.description.isEmpty else { return nil }
        return ExperienceEntry(
            title: header.primary, employer: header.organization, location: header.location, dates: header.dates,
            description: raw.description.isEmpty ? nil : raw.description.joined(separator: " "), bullets: raw.items
        )
    }

    private static func educationEntry(_ raw: RawEntry) -> EducationEntry? {
        let header = EntryHeader.parse(raw.header) { first, second in
            (RoleVocabulary.looksLikeInstitution(first) && !RoleVocabulary.looksLikeInstitution(second))
                || (!RoleVocabulary.looksLikeDegree(first) && RoleVocabulary.looksLikeDegree(second))
        }
        let details = raw.description + raw.items
        guard !header.primary.isEmpty || header.dates != nil || !details.isEmpty else { return nil }
        return EducationEntry(
            degree: header.primary, institution: header.organization, location: header.location,
            dates: header.dates, details: details
        )
    }
}
