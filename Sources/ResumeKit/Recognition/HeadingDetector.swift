/// Decides which lines are section headings, using every cue a format offers: explicit heading
/// roles (DOCX styles, Markdown `##`), known heading names in several languages, ALL CAPS, bold
/// or larger type, and the look of the headings already recognised in the same document.
struct HeadingDetector {
    /// The heading level that marks sections; deeper headings are entry headers.
    let sectionLevel: Int
    /// Size and weight of the headings recognised by name, to find same-styled unknown ones.
    private let headingStyle: (size: Double, bold: Bool)?
    private let knownHeadingsAreCaps: Bool
    /// The format marks headings itself (DOCX styles, Markdown), so plain lines need a known name.
    private let hasExplicitHeadings: Bool

    init(lines: [SourceLine]) {
        var levels: [Int] = []
        var styled: [SourceLine] = []
        for line in lines where SectionHeadings.kind(of: line.text) != nil && line.text.wordCount <= 5 {
            if case .heading(let level) = line.role { levels.append(level) }
            if line.role == .text, line.isBold || (line.relativeSize ?? 1) > 1.05 || line.text.isAllCaps { styled.append(line) }
        }
        let allHeadingLevels = lines.compactMap { line -> Int? in
            if case .heading(let level) = line.role { return level }
            return nil
        }
        sectionLevel = levels.min() ?? allHeadingLevels.min() ?? 1
        hasExplicitHeadings = !allHeadingLevels.isEmpty
        if let first = styled.first, let size = first.relativeSize {
            headingStyle = (size, first.isBold)
        } else {
            headingStyle = nil
        }
        knownHeadingsAreCaps = !styled.isEmpty && styled.allSatisfy { $0.text.isAllCaps }
    }

    /// The section kind when `line` opens a section, else `nil`.
    func sectionKind(of line: SourceLine) -> ResumeSection.Kind? {
        let known = SectionHeadings.kind(of: line.text)
        switch line.role {
        case .heading(let level) where level <= sectionLevel:
            return known ?? .other
        case .heading:
            // A deeper heading opens a section only when it is exactly a section name
            // ("### Technical Skills"), never by a stem ("### Education Coordinator").
            return SectionHeadings.exactKind(of: line.text)
        case .listItem:
            return nil
        case .title:
            return known ?? .other
        case .text:
            return textHeadingKind(line, known: known)
        }
    }

    private func textHeadingKind(_ line: SourceLine, known: ResumeSection.Kind?) -> ResumeSection.Kind? {
        let text = line.text
        guard text.wordCount <= 5, text.count <= 48, !text.hasSuffix("."), !text.contains(","),
              !text.dropLast().contains(":"), DateRangeParser.find(in: text) == nil else {
            return nil
        }
        if let known {
            // A bare known name on its own line is a heading in any format; plain text has no other cue.
            return known
        }
        guard !hasExplicitHeadings, !text.contains(where: { $0.isNumber }), !HeaderBlock.looksLikeContact(text),
              text.filter(\.isLetter).count >= 3 else { return nil }
        if let headingStyle, let size = line.relativeSize {
            return abs(size - headingStyle.size) < 0.04 && line.isBold == headingStyle.bold
                && (text.isAllCaps || !knownHeadingsAreCaps) ? .other : nil
        }
        if text.isAllCaps && (knownHeadingsAreCaps || headingStyle == nil) && text.hasSuffix(":") == false {
            return .other
        }
        return nil
    }
}
