/// Gives each laid-out PDF line its role for the recognizer, from type and position:
///
/// - the name: the most prominent text of page 1 (largest type), cut where its type changes
///   ("John Doe | Resumé title" → "John Doe");
/// - section headings: the type style (size, weight, capitals) that known section names are set
///   in, applied to every short standalone line in that style; without known names, the
///   largest style used for two or more short lines;
/// - sub-headings: short standalone lines set larger than body text but smaller than section
///   headings (a sub-section, an entry title);
/// - list items: lines that start with a bullet glyph, except a bullet line that carries dates
///   or a place, or that is bold with deeper bullets under it: that is an entry's header.
enum PDFLineRoles {
    static func sourceLines(pages: [[LayoutLine]], contactLines: [LayoutLine], findings: inout PDFFindings) -> [SourceLine] {
        var lines = pages.flatMap { $0 }
        guard !lines.isEmpty else { return [] }
        let body = bodySize(lines)
        let nameIndex = nameLine(lines, body: body)
        var extraHeaderLines: [LayoutLine] = []
        if let nameIndex {
            let (name, rest) = splitName(lines[nameIndex])
            lines[nameIndex] = name
            extraHeaderLines = rest
        }
        let sectionStyle = headingStyle(lines, body: body, excluding: nameIndex)
        var output: [SourceLine] = []
        for (index, line) in lines.enumerated() {
            let relative = body > 0 ? line.fontSize / body : 1
            var role: SourceLine.Role = .text
            var text = line.tabbedText
            if index == nameIndex {
                role = .title
            } else if let sectionStyle, isHeadingCandidate(line), style(of: line) == sectionStyle {
                role = .heading(1)
            } else if isHeadingCandidate(line), relative >= 1.07, line.fontSize < (sectionStyle?.size ?? .infinity) - 0.4 {
                role = .heading(2)
            } else if line.startsWithBullet {
                let next = index + 1 < lines.count ? lines[index + 1] : nil
                if isEntryHeader(line, next: next) {
                    text = line.cells.joined(separator: "\t")
                } else {
                    role = .listItem
                    text = line.cells.joined(separator: "\t")
                }
            }
            var source = SourceLine(text, role: role, isBold: line.isBold, isItalic: line.isItalic, relativeSize: relative)
            source.isSubheading = role == .heading(2)
            output.append(source)
            if index == nameIndex {
                output += (extraHeaderLines + contactLines).map { extra in
                    SourceLine(extra.tabbedText, isBold: extra.isBold, isItalic: extra.isItalic, relativeSize: body > 0 ? extra.fontSize / body : 1)
                }
            }
        }
        if nameIndex == nil {
            // No prominent name: contact details from the page furniture still open the document.
            output.insert(contentsOf: contactLines.map { SourceLine($0.tabbedText) }, at: min(1, output.count))
        }
        return output
    }

    /// The most common font size, weighted by text length: the body text.
    static func bodySize(_ lines: [LayoutLine]) -> Double {
        var weights: [Double: Int] = [:]
        for line in lines { weights[(line.fontSize * 2).rounded() / 2, default: 0] += line.text.count }
        return weights.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? 0
    }

    /// The line of page 1 set in the largest type, when that type stands out from the body.
    private static func nameLine(_ lines: [LayoutLine], body: Double) -> Int? {
        let firstPage = lines.indices.filter { lines[$0].page == lines[0].page }
        let candidates = firstPage.filter { lines[$0].text.filter(\.isLetter).count >= 2 && !lines[$0].startsWithBullet }
        guard let index = candidates.max(by: { lines[$0].fontSize < lines[$1].fontSize }) else { return nil }
        let text = lines[index].text
        guard lines[index].fontSize >= body * 1.3, !text.contains("@"), text.filter(\.isNumber).count < 5 else { return nil }
        return index
    }

    /// The name is the run of words in the first word's type; the rest of the line (a title
    /// after a bar, a contact cell) becomes lines of the header.
    private static func splitName(_ line: LayoutLine) -> (LayoutLine, [LayoutLine]) {
        var name = line
        var rest: [LayoutLine] = []
        if let first = line.words.first {
            let run = line.words.prefix { $0.sameStyle(as: first) }
            if run.count < line.words.count {
                name.text = LineBuilder.join(Array(run))
                var remainder = line
                let words = Array(line.words.dropFirst(run.count))
                remainder.text = LineBuilder.join(words).trimmingSeparators
                remainder.words = words
                remainder.leading = nil
                remainder.trailing = []
                remainder.fontSize = words.map(\.fontSize).max() ?? line.fontSize
                if !remainder.text.isEmpty { rest.append(remainder) }
            }
        }
        for cell in [line.leading].compactMap({ $0 }) + line.trailing {
            var extra = line
            extra.text = cell
            extra.leading = nil
            extra.trailing = []
            rest.append(extra)
        }
        name.leading = nil
        name.trailing = []
        return (name, rest)
    }

    struct Style: Equatable {
        var size: Double
        var isBold: Bool
        var isCaps: Bool
    }

    static func style(of line: LayoutLine) -> Style {
        Style(size: (line.fontSize * 2).rounded() / 2, isBold: line.isBold, isCaps: line.text.isAllCaps)
    }

    /// Short, standalone, not a sentence, not a date, not a list item.
    static func isHeadingCandidate(_ line: LayoutLine) -> Bool {
        let text = line.text
        guard !line.startsWithBullet, line.trailing.isEmpty, line.leading == nil else { return false }
        let ideographic = text.contains { LineBuilder.isIdeograph($0) }
        guard text.filter(\.isLetter).count >= 2, text.count <= (ideographic ? 16 : 48), text.wordCount <= 6 else { return false }
        if let last = text.last, ".,;".contains(last) { return false }
        return DateRangeParser.find(in: text) == nil && !HeaderBlock.looksLikeContact(text)
    }

    /// The style of known section names; failing that, the largest style of several short lines.
    private static func headingStyle(_ lines: [LayoutLine], body: Double, excluding name: Int?) -> Style? {
        var known: [Style: Int] = [:]
        var all: [Style: Int] = [:]
        for (index, line) in lines.enumerated() where index != name && isHeadingCandidate(line) {
            let style = style(of: line)
            guard style.size >= body * 1.05 || style.isBold || style.isCaps else { continue }
            all[style, default: 0] += 1
            if SectionHeadings.kind(of: line.text) != nil { known[style, default: 0] += 1 }
        }
        if let best = known.max(by: { ($0.value, $0.key.size) < ($1.value, $1.key.size) }) { return best.key }
        return all.filter { $0.value >= 2 && $0.key.size >= body * 1.2 }.max { $0.key.size < $1.key.size }?.key
    }

    /// A bullet line that is an entry's header: it carries cells (dates, a place), or it is bold
    /// and the next line is a deeper bullet.
    private static func isEntryHeader(_ line: LayoutLine, next: LayoutLine?) -> Bool {
        if !line.trailing.isEmpty || line.leading != nil { return true }
        guard line.isBold, let next else { return false }
        return next.startsWithBullet ? next.textX0 > line.textX0 + 3 : next.x0 > line.x0 + 3 && next.isItalic
    }
}

extension PDFLineRoles.Style: Hashable {}
